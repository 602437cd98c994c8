// Admission through a real server: bearer tokens and scopes per method (and
// a rejected write changes nothing), health open without a token, token
// reload, limits (in-flight calls and streams, batch, statements, message
// size) answered with RESOURCE_EXHAUSTED, TLS and mTLS with certificates
// made at test time, and the CLI's --token / --tls_* options.

#include <stdlib.h>

#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "cli/cli.h"
#include "factcheck/v1/claims_service.grpc.pb.h"
#include "factcheck/v1/verifier_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/support/status.h"
#include "gtest/gtest.h"
#include "services/common/client_credentials.h"
#include "services/common/health_client.h"
#include "services/server/server.h"
#include "tests/grpc/test_server.h"
#include "tests/testing/sample_texts.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/test_certs.h"

namespace factcheck {
namespace {

using ::grpc::health::v1::HealthCheckResponse;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::StatusIs;
using Scope = auth::Scope;

constexpr char kReader[] = "reader-token-0123456789";
constexpr char kWriter[] = "writer-token-0123456789";
constexpr char kOtherBody[] =
    "The council met on Tuesday. It approved the budget for next year.";

std::unique_ptr<grpc::ClientContext> ContextWithToken(
    const std::string& token) {
  auto context = testing::Context();
  common::AddBearerToken(token, context.get());
  return context;
}

// A server with tokens: kReader (read) and kWriter (write), and the test
// article ingested as "a1".
class AuthServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(tokens_) << "# test tokens\n"
                           << kReader << " read\n"
                           << kWriter << " write\n";
    auto options = testing::TestServerOptions(&log_);
    options.auth_tokens_file = tokens_;
    FC_ASSERT_OK_AND_ASSIGN(server_, server::FactcheckServer::Start(options));
    channel_ = testing::ChannelTo(server_->port());
    claims_ = v1::ClaimsService::NewStub(channel_);
    verifier_ = v1::VerifierService::NewStub(channel_);
    ASSERT_TRUE(Ingest(kWriter, testing::kArticleBody, "a1").ok());
    ASSERT_TRUE(Ingest(kWriter, kOtherBody, "to-delete").ok());
  }

  grpc::Status Ingest(const std::string& token, const std::string& body,
                      const std::string& id) {
    v1::IngestArticleRequest request;
    request.mutable_article()->set_body(body);
    request.mutable_article()->set_id(id);
    v1::IngestArticleResponse response;
    return claims_->IngestArticle(ContextWithToken(token).get(), request,
                                  &response);
  }

  struct Method {
    std::string name;
    Scope scope;
    std::function<grpc::Status(grpc::ClientContext*)> call;
  };

  // Every unary method of both services with a valid request.
  std::vector<Method> Methods() {
    auto claims = claims_.get();
    auto verifier = verifier_.get();
    return {
        {"IngestArticle", Scope::kWrite,
         [=](grpc::ClientContext* context) {
           v1::IngestArticleRequest request;
           request.mutable_article()->set_body(testing::kArticleBody);
           v1::IngestArticleResponse response;
           return claims->IngestArticle(context, request, &response);
         }},
        {"GetArticle", Scope::kRead,
         [=](grpc::ClientContext* context) {
           v1::GetArticleRequest request;
           request.set_id("a1");
           v1::Article response;
           return claims->GetArticle(context, request, &response);
         }},
        {"ListArticles", Scope::kRead,
         [=](grpc::ClientContext* context) {
           v1::ListArticlesResponse response;
           return claims->ListArticles(context, {}, &response);
         }},
        {"GetStatement", Scope::kRead,
         [=](grpc::ClientContext* context) {
           v1::GetStatementRequest request;
           request.set_id("a1:000000");
           v1::Statement response;
           return claims->GetStatement(context, request, &response);
         }},
        {"ListStatements", Scope::kRead,
         [=](grpc::ClientContext* context) {
           v1::ListStatementsRequest request;
           request.set_article_id("a1");
           v1::ListStatementsResponse response;
           return claims->ListStatements(context, request, &response);
         }},
        {"SearchStatements", Scope::kRead,
         [=](grpc::ClientContext* context) {
           v1::SearchStatementsRequest request;
           request.set_query("tariffs");
           v1::SearchStatementsResponse response;
           return claims->SearchStatements(context, request, &response);
         }},
        {"AddStatement", Scope::kWrite,
         [=](grpc::ClientContext* context) {
           v1::AddStatementRequest request;
           request.set_article_id("a1");
           request.set_text("Both leaders attended the summit.");
           v1::Statement response;
           return claims->AddStatement(context, request, &response);
         }},
        {"DeleteArticle", Scope::kWrite,
         [=](grpc::ClientContext* context) {
           v1::DeleteArticleRequest request;
           request.set_id("to-delete");
           v1::DeleteArticleResponse response;
           return claims->DeleteArticle(context, request, &response);
         }},
        {"Verify", Scope::kRead,
         [=](grpc::ClientContext* context) {
           v1::VerifyRequest request;
           request.set_claim("Modi met Xi in Tianjin.");
           request.add_article_ids("a1");
           v1::VerifyResponse response;
           return verifier->Verify(context, request, &response);
         }},
        {"VerifyBatch", Scope::kRead,
         [=](grpc::ClientContext* context) {
           v1::VerifyBatchRequest request;
           request.add_claims("Modi met Xi in Tianjin.");
           request.add_article_ids("a1");
           v1::VerifyBatchResponse response;
           return verifier->VerifyBatch(context, request, &response);
         }},
    };
  }

  std::vector<std::string> ArticleIds() {
    v1::ListArticlesResponse response;
    grpc::Status status =
        claims_->ListArticles(ContextWithToken(kReader).get(), {}, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> ids;
    for (const auto& article : response.articles()) ids.push_back(article.id());
    return ids;
  }

  int StatementCount(const std::string& article_id) {
    v1::ListStatementsRequest request;
    request.set_article_id(article_id);
    request.set_page_size(1000);
    v1::ListStatementsResponse response;
    grpc::Status status = claims_->ListStatements(
        ContextWithToken(kReader).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.statements_size();
  }

  testing::TempDir dir_;
  const std::string tokens_ = dir_.Sub("tokens.txt");
  testing::CapturingLogSink log_;
  std::unique_ptr<server::FactcheckServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::ClaimsService::Stub> claims_;
  std::unique_ptr<v1::VerifierService::Stub> verifier_;
};

TEST_F(AuthServerTest, EachMethodNeedsItsScope) {
  int write_methods = 0;
  for (const Method& method : Methods()) {
    SCOPED_TRACE(method.name);
    grpc::Status none = method.call(testing::Context().get());
    EXPECT_EQ(none.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_THAT(none.error_message(), HasSubstr(method.name));
    EXPECT_THAT(none.error_message(), HasSubstr("authorization: Bearer"));

    grpc::Status unknown =
        method.call(ContextWithToken("guessed-token-0123").get());
    EXPECT_EQ(unknown.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_THAT(unknown.error_message(), HasSubstr("unknown bearer token"));
    EXPECT_THAT(unknown.error_message(), Not(HasSubstr("guessed")));

    grpc::Status read = method.call(ContextWithToken(kReader).get());
    if (method.scope == Scope::kRead) {
      EXPECT_TRUE(read.ok()) << read.error_message();
    } else {
      ++write_methods;
      EXPECT_EQ(read.error_code(), grpc::StatusCode::PERMISSION_DENIED);
      EXPECT_THAT(read.error_message(),
                  HasSubstr(method.name + " needs a token with \"write\""));
      EXPECT_THAT(read.error_message(), Not(HasSubstr(kReader)));
    }

    grpc::Status write = method.call(ContextWithToken(kWriter).get());
    EXPECT_TRUE(write.ok()) << write.error_message();
  }
  EXPECT_EQ(write_methods, 3);
  // Refusals are logged like any request, with their code.
  EXPECT_THAT(log_.WaitForLine("\"code\":\"PERMISSION_DENIED\""),
              HasSubstr("\"rpc\":\""));
}

TEST_F(AuthServerTest, RejectedWritesLeaveTheStoreUnchanged) {
  const std::vector<std::string> ids = ArticleIds();
  const int statements = StatementCount("a1");
  for (const std::string& token : {std::string(), std::string(kReader)}) {
    SCOPED_TRACE(token);
    EXPECT_FALSE(
        Ingest(token, "A new article. It has two sentences.", "new").ok());
    v1::DeleteArticleRequest remove;
    remove.set_id("a1");
    v1::DeleteArticleResponse removed;
    EXPECT_FALSE(
        claims_->DeleteArticle(ContextWithToken(token).get(), remove, &removed)
            .ok());
    v1::AddStatementRequest add;
    add.set_article_id("a1");
    add.set_text("Nobody said this.");
    v1::Statement added;
    EXPECT_FALSE(
        claims_->AddStatement(ContextWithToken(token).get(), add, &added).ok());
  }
  EXPECT_EQ(ArticleIds(), ids);
  EXPECT_EQ(StatementCount("a1"), statements);
}

TEST_F(AuthServerTest, HealthNeedsNoToken) {
  for (const char* name :
       {"", common::kClaimsHealthName, common::kVerifierHealthName}) {
    FC_ASSERT_OK_AND_ASSIGN(
        auto status, common::CheckHealth(channel_, name, absl::Seconds(10)));
    EXPECT_EQ(status, HealthCheckResponse::SERVING) << name;
  }
}

TEST_F(AuthServerTest, VerifyStreamChecksTheTokenOnceAtTheStart) {
  {
    auto context = testing::Context();
    auto stream = verifier_->VerifyStream(context.get());
    v1::VerifyResponse response;
    EXPECT_FALSE(stream->Read(&response));
    grpc::Status status = stream->Finish();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_THAT(status.error_message(), HasSubstr("VerifyStream"));
  }
  auto context = ContextWithToken(kReader);
  auto stream = verifier_->VerifyStream(context.get());
  for (const char* id : {"1", "2"}) {
    v1::VerifyRequest request;
    request.set_request_id(id);
    request.set_claim("Modi met Xi in Tianjin.");
    request.add_article_ids("a1");
    ASSERT_TRUE(stream->Write(request));
    v1::VerifyResponse response;
    ASSERT_TRUE(stream->Read(&response));
    EXPECT_EQ(response.request_id(), id);
    EXPECT_TRUE(response.error().empty()) << response.error();
  }
  ASSERT_TRUE(stream->WritesDone());
  grpc::Status status = stream->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(AuthServerTest, ReloadPicksUpAChangedFileAndKeepsItWhenBroken) {
  EXPECT_EQ(server_->auth_token_count(), 2u);
  std::ofstream(tokens_) << "rotated-writer-0123 write\n";
  FC_ASSERT_OK(server_->ReloadAuthTokens());
  EXPECT_EQ(server_->auth_token_count(), 1u);
  const Method list = Methods()[2];
  ASSERT_EQ(list.name, "ListArticles");
  EXPECT_EQ(list.call(ContextWithToken(kWriter).get()).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(list.call(ContextWithToken("rotated-writer-0123").get()).ok());

  std::ofstream(tokens_) << "rotated-writer-0123 write\nno-scope-here\n";
  EXPECT_THAT(server_->ReloadAuthTokens(),
              StatusIs(absl::StatusCode::kInvalidArgument, "line 2"));
  EXPECT_TRUE(list.call(ContextWithToken("rotated-writer-0123").get()).ok());
}

TEST(AuthServerStartTest, BadTokenFileFailsTheStartNamingTheLine) {
  testing::TempDir dir;
  testing::CapturingLogSink log;
  auto options = testing::TestServerOptions(&log);
  options.auth_tokens_file = dir.Sub("missing.txt");
  EXPECT_THAT(server::FactcheckServer::Start(options),
              StatusIs(absl::StatusCode::kNotFound, "missing.txt"));
  options.auth_tokens_file = dir.Sub("tokens.txt");
  std::ofstream(options.auth_tokens_file) << "good-token read\nsecret-x rw\n";
  absl::StatusOr<std::unique_ptr<server::FactcheckServer>> server =
      server::FactcheckServer::Start(options);
  EXPECT_THAT(server, StatusIs(absl::StatusCode::kInvalidArgument,
                               "tokens.txt line 2: "));
  EXPECT_THAT(std::string(server.status().message()), Not(HasSubstr("secret")));
}

TEST(AuthServerStartTest, WithoutTokenFileAuthIsOff) {
  testing::CapturingLogSink log;
  FC_ASSERT_OK_AND_ASSIGN(auto server, server::FactcheckServer::Start(
                                           testing::TestServerOptions(&log)));
  EXPECT_EQ(server->auth_token_count(), 0u);
  EXPECT_THAT(
      server->ReloadAuthTokens(),
      StatusIs(absl::StatusCode::kFailedPrecondition, "authentication is off"));
  auto claims = v1::ClaimsService::NewStub(testing::ChannelTo(server->port()));
  v1::ListArticlesResponse response;
  EXPECT_TRUE(
      claims->ListArticles(testing::Context().get(), {}, &response).ok());
}

// --- Limits -----------------------------------------------------------------

// Holds the first log line that contains `needle` until Release(). The
// request log line of a unary call is written before the call finishes, so
// the call stays in flight (holding its admission slot) meanwhile.
class GateLogSink final : public common::LogSink {
 public:
  explicit GateLogSink(std::string needle) : needle_(std::move(needle)) {}

  void WriteLine(std::string_view line) override {
    absl::MutexLock lock(&mu_);
    if (held_ || line.find(needle_) == std::string_view::npos) return;
    held_ = true;
    mu_.AwaitWithTimeout(absl::Condition(&released_), absl::Seconds(60));
  }
  bool WaitUntilHeld() {
    absl::MutexLock lock(&mu_);
    return mu_.AwaitWithTimeout(absl::Condition(&held_), absl::Seconds(30));
  }
  void Release() {
    absl::MutexLock lock(&mu_);
    released_ = true;
  }

 private:
  const std::string needle_;
  absl::Mutex mu_;
  bool held_ ABSL_GUARDED_BY(mu_) = false;
  bool released_ ABSL_GUARDED_BY(mu_) = false;
};

TEST(LimitsTest, UnaryCallOverMaxConcurrentRpcsIsRefusedAtOnce) {
  GateLogSink gate("\"rpc\":\"GetArticle\"");
  auto options = testing::TestServerOptions(nullptr);
  options.request_log = &gate;
  options.admission.max_concurrent_rpcs = 1;
  FC_ASSERT_OK_AND_ASSIGN(auto server, server::FactcheckServer::Start(options));
  auto claims = v1::ClaimsService::NewStub(testing::ChannelTo(server->port()));

  grpc::Status first;
  std::thread first_call([&] {
    v1::GetArticleRequest request;
    request.set_id("missing");
    v1::Article article;
    first = claims->GetArticle(testing::Context().get(), request, &article);
  });
  const bool held = gate.WaitUntilHeld();
  grpc::Status refused;
  if (held) {
    v1::ListArticlesResponse response;
    refused = claims->ListArticles(testing::Context().get(), {}, &response);
  }
  gate.Release();
  first_call.join();
  ASSERT_TRUE(held) << "the first call never reached its log line";
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(refused.error_message(),
              HasSubstr("ListArticles: the server is at its limit of 1 "
                        "concurrent calls (--max_concurrent_rpcs)"));
  EXPECT_EQ(first.error_code(), grpc::StatusCode::NOT_FOUND);
  // The slot is freed before the answer is sent.
  v1::ListArticlesResponse response;
  grpc::Status after =
      claims->ListArticles(testing::Context().get(), {}, &response);
  EXPECT_TRUE(after.ok()) << after.error_message();
}

v1::VerifyRequest InlineRequest(const std::string& id) {
  v1::VerifyRequest request;
  request.set_request_id(id);
  request.set_claim("The council approved the budget.");
  request.set_evidence_text(kOtherBody);
  return request;
}

TEST(LimitsTest, StreamOverMaxConcurrentStreamsIsRefusedAtOnce) {
  testing::CapturingLogSink log;
  auto options = testing::TestServerOptions(&log);
  options.admission.max_concurrent_streams = 1;
  FC_ASSERT_OK_AND_ASSIGN(auto server, server::FactcheckServer::Start(options));
  auto verifier =
      v1::VerifierService::NewStub(testing::ChannelTo(server->port()));

  auto open_context = testing::Context();
  auto open = verifier->VerifyStream(open_context.get());
  ASSERT_TRUE(open->Write(InlineRequest("open")));
  v1::VerifyResponse response;
  ASSERT_TRUE(open->Read(&response));  // Admitted and working.

  {
    auto context = testing::Context();
    auto refused = verifier->VerifyStream(context.get());
    EXPECT_FALSE(refused->Read(&response));
    grpc::Status status = refused->Finish();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_THAT(status.error_message(),
                HasSubstr("limit of 1 concurrent streams "
                          "(--max_concurrent_streams)"));
  }
  // Unary calls have their own limit.
  v1::VerifyResponse unary;
  EXPECT_TRUE(
      verifier->Verify(testing::Context().get(), InlineRequest("u"), &unary)
          .ok());

  ASSERT_TRUE(open->WritesDone());
  ASSERT_TRUE(open->Finish().ok());
  // The slot is freed before the stream's end reaches the client.
  auto context = testing::Context();
  auto next = verifier->VerifyStream(context.get());
  ASSERT_TRUE(next->Write(InlineRequest("next")));
  EXPECT_TRUE(next->Read(&response));
  EXPECT_EQ(response.request_id(), "next");
  next->WritesDone();
  EXPECT_TRUE(next->Finish().ok());
}

TEST(LimitsTest, SizeAndCountLimitsAreEnforced) {
  testing::CapturingLogSink log;
  auto options = testing::TestServerOptions(&log);
  options.verifier.max_batch_size = 2;
  options.claims.max_statements_per_article = 1;
  options.max_message_bytes = 4096;
  FC_ASSERT_OK_AND_ASSIGN(auto server, server::FactcheckServer::Start(options));
  auto channel = testing::ChannelTo(server->port());
  auto claims = v1::ClaimsService::NewStub(channel);
  auto verifier = v1::VerifierService::NewStub(channel);

  v1::VerifyBatchRequest batch;
  for (int i = 0; i < 3; ++i) batch.add_claims("The budget passed.");
  batch.set_evidence_text(kOtherBody);
  v1::VerifyBatchResponse results;
  grpc::Status status =
      verifier->VerifyBatch(testing::Context().get(), batch, &results);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("the limit is 2 per batch"));

  v1::IngestArticleRequest ingest;
  ingest.mutable_article()->set_body(kOtherBody);  // Two sentences.
  v1::IngestArticleResponse ingested;
  status = claims->IngestArticle(testing::Context().get(), ingest, &ingested);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("the limit is 1 per article"));

  ingest.mutable_article()->set_body(std::string(5000, 'a') + ".");
  status = claims->IngestArticle(testing::Context().get(), ingest, &ingested);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);

  v1::ListArticlesResponse listed;
  EXPECT_TRUE(claims->ListArticles(testing::Context().get(), {}, &listed).ok());
  EXPECT_EQ(listed.articles_size(), 0);
}

TEST(LimitsTest, InvalidLimitsAndTlsCombinationsAreRefused) {
  testing::CapturingLogSink log;
  auto expect_invalid = [&](auto change, const std::string& message) {
    auto options = testing::TestServerOptions(&log);
    change(options);
    EXPECT_THAT(server::FactcheckServer::Start(options),
                StatusIs(absl::StatusCode::kInvalidArgument, message));
  };
  using Options = server::FactcheckServer::Options;
  expect_invalid([](Options& o) { o.admission.max_concurrent_rpcs = 0; },
                 "max_concurrent_rpcs: must be at least 1");
  expect_invalid([](Options& o) { o.admission.max_concurrent_streams = -1; },
                 "max_concurrent_streams: must be at least 1");
  expect_invalid([](Options& o) { o.verifier.max_batch_size = 0; },
                 "max_batch_size: must be at least 1");
  expect_invalid([](Options& o) { o.claims.max_statements_per_article = 0; },
                 "max_statements_per_article: must be at least 1");
  expect_invalid([](Options& o) { o.tls_key = "key.pem"; },
                 "tls_cert and tls_key go together");
  expect_invalid([](Options& o) { o.tls_client_ca = "ca.pem"; },
                 "tls_client_ca needs tls_cert");
}

// --- TLS ----------------------------------------------------------------

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::optional<testing::TestCerts> certs = testing::MakeTestCerts(dir_);
    if (!certs.has_value()) GTEST_SKIP() << "no openssl command";
    certs_ = *certs;
  }

  void StartServer(bool require_client_certs) {
    auto options = testing::TestServerOptions(&log_);
    options.tls_cert = certs_.server_cert;
    options.tls_key = certs_.server_key;
    if (require_client_certs) options.tls_client_ca = certs_.ca;
    FC_ASSERT_OK_AND_ASSIGN(server_, server::FactcheckServer::Start(options));
  }

  // ListArticles over a channel made from `files` to `host`.
  grpc::Status List(const common::ClientTlsFiles& files,
                    const std::string& host = "127.0.0.1") {
    auto credentials = common::MakeChannelCredentials(files);
    EXPECT_THAT(credentials, testing::IsOk());
    if (!credentials.ok()) return grpc::Status::CANCELLED;
    auto channel = grpc::CreateChannel(
        host + ":" + std::to_string(server_->port()), *credentials);
    auto claims = v1::ClaimsService::NewStub(channel);
    v1::ListArticlesResponse response;
    return claims->ListArticles(testing::Context(absl::Seconds(20)).get(), {},
                                &response);
  }

  testing::TempDir dir_;
  testing::TestCerts certs_;
  testing::CapturingLogSink log_;
  std::unique_ptr<server::FactcheckServer> server_;
};

TEST_F(TlsTest, ServesClientsThatTrustItsCa) {
  ASSERT_NO_FATAL_FAILURE(StartServer(false));
  grpc::Status ok = List({.root_ca_file = certs_.ca});
  EXPECT_TRUE(ok.ok()) << ok.error_message();
  ok = List({.root_ca_file = certs_.ca}, "localhost");
  EXPECT_TRUE(ok.ok()) << ok.error_message();
  // A client certificate is accepted but not needed.
  ok = List({.root_ca_file = certs_.ca,
             .cert_file = certs_.client_cert,
             .key_file = certs_.client_key});
  EXPECT_TRUE(ok.ok()) << ok.error_message();

  EXPECT_EQ(List({}).error_code(), grpc::StatusCode::UNAVAILABLE);  // Plain.
  EXPECT_EQ(List({.root_ca_file = certs_.other_ca}).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

TEST_F(TlsTest, MutualTlsNeedsAClientCertificateFromItsCa) {
  ASSERT_NO_FATAL_FAILURE(StartServer(true));
  grpc::Status ok = List({.root_ca_file = certs_.ca,
                          .cert_file = certs_.client_cert,
                          .key_file = certs_.client_key});
  EXPECT_TRUE(ok.ok()) << ok.error_message();

  EXPECT_EQ(List({.root_ca_file = certs_.ca}).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(List({.root_ca_file = certs_.ca,
                  .cert_file = certs_.other_client_cert,
                  .key_file = certs_.other_client_key})
                .error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(List({}).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(TlsTest, BadTlsFilesFailTheStartNamingTheFile) {
  auto start = [&](const std::string& cert, const std::string& key,
                   const std::string& client_ca = "") {
    auto options = testing::TestServerOptions(&log_);
    options.tls_cert = cert;
    options.tls_key = key;
    options.tls_client_ca = client_ca;
    return server::FactcheckServer::Start(options).status();
  };
  EXPECT_THAT(start(dir_.Sub("none.pem"), certs_.server_key),
              StatusIs(absl::StatusCode::kNotFound,
                       "tls_cert: cannot read " + dir_.Sub("none.pem")));
  EXPECT_THAT(start(certs_.server_cert, certs_.client_key),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "tls_key: " + certs_.client_key + " is not the key"));
  EXPECT_THAT(start(certs_.server_cert, certs_.server_key, certs_.server_key),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "tls_client_ca: " + certs_.server_key +
                           " holds no PEM certificate"));
}

TEST(ClientCredentialsTest, FlagsThatDoNotGoTogetherAreRefused) {
  EXPECT_THAT(common::MakeChannelCredentials({.cert_file = "c.pem"}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "--tls_cert and --tls_key go together"));
  EXPECT_THAT(common::MakeChannelCredentials(
                  {.cert_file = "c.pem", .key_file = "k.pem"}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "--tls_cert needs --tls_ca"));
  EXPECT_THAT(common::MakeChannelCredentials({.root_ca_file = "/none.pem"}),
              StatusIs(absl::StatusCode::kNotFound, "--tls_ca: cannot read"));
}

// The CLI against a server with tokens and mTLS, in process.
TEST_F(TlsTest, CliSendsTokenAndClientCertificate) {
  const std::string tokens = dir_.Sub("tokens.txt");
  std::ofstream(tokens) << kReader << " read\n" << kWriter << " write\n";
  auto options = testing::TestServerOptions(&log_);
  options.tls_cert = certs_.server_cert;
  options.tls_key = certs_.server_key;
  options.tls_client_ca = certs_.ca;
  options.auth_tokens_file = tokens;
  FC_ASSERT_OK_AND_ASSIGN(server_, server::FactcheckServer::Start(options));
  const std::string article = dir_.Sub("article.txt");
  std::ofstream(article) << testing::kArticleBody;

  struct Result {
    int exit_code;
    std::string out;
    std::string err;
  };
  const std::vector<std::string> tls = {
      "--server=127.0.0.1:" + std::to_string(server_->port()),
      "--tls_ca=" + certs_.ca, "--tls_cert=" + certs_.client_cert,
      "--tls_key=" + certs_.client_key};
  auto cli = [&](std::vector<std::string> args, bool with_tls = true) {
    if (with_tls) args.insert(args.begin(), tls.begin(), tls.end());
    std::istringstream in;
    std::ostringstream out, err;
    int code = cli::RunCli(args, "127.0.0.1:1", in, out, err);
    return Result{code, out.str(), err.str()};
  };

  Result ingest = cli({std::string("--token=") + kWriter, "ingest", "--id",
                       "cli-article", article});
  EXPECT_EQ(ingest.exit_code, cli::kExitOk) << ingest.err;
  EXPECT_THAT(ingest.out, HasSubstr("ingested: cli-article"));

  Result anonymous = cli({"articles", "get", "cli-article"});
  EXPECT_EQ(anonymous.exit_code, cli::kExitRpcError);
  EXPECT_THAT(anonymous.err, HasSubstr("UNAUTHENTICATED"));
  Result health = cli({"health"});  // Health needs no token.
  EXPECT_EQ(health.exit_code, cli::kExitOk) << health.err;

  // $FACTCHECK_TOKEN when --token is absent.
  setenv("FACTCHECK_TOKEN", kReader, 1);
  Result get = cli({"articles", "get", "--no-body", "cli-article"});
  Result remove = cli({"articles", "delete", "cli-article"});
  unsetenv("FACTCHECK_TOKEN");
  EXPECT_EQ(get.exit_code, cli::kExitOk) << get.err;
  EXPECT_EQ(remove.exit_code, cli::kExitRpcError);
  EXPECT_THAT(remove.err, HasSubstr("PERMISSION_DENIED"));
  EXPECT_THAT(remove.err, HasSubstr("\"write\""));

  // Without the client certificate the handshake fails.
  Result no_cert = cli({"--server=127.0.0.1:" + std::to_string(server_->port()),
                        "--tls_ca=" + certs_.ca,
                        std::string("--token=") + kReader, "articles", "list"},
                       /*with_tls=*/false);
  EXPECT_EQ(no_cert.exit_code, cli::kExitRpcError);
  EXPECT_THAT(no_cert.err, HasSubstr("UNAVAILABLE"));
  Result half = cli({"--tls_cert=" + certs_.client_cert, "health"}, false);
  EXPECT_EQ(half.exit_code, cli::kExitUsage);
  EXPECT_THAT(half.err, HasSubstr("--tls_cert and --tls_key go together"));
}

}  // namespace
}  // namespace factcheck
