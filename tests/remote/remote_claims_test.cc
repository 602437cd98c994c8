// Split topology, in process: RemoteClaimsReader against a scripted
// ClaimsService (retries, budget, deadline, error mapping, bearer token, TLS)
// and against the real one (a claims-only FactcheckServer), the claims
// health watcher across a restart on the same port, and a verifier-only
// FactcheckServer reading a claims-only one.

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "base/call_control.h"
#include "factcheck/v1/claims_service.grpc.pb.h"
#include "factcheck/v1/verifier_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "grpcpp/support/client_interceptor.h"
#include "gtest/gtest.h"
#include "services/common/client_credentials.h"
#include "services/common/health_client.h"
#include "services/remote/claims_channel.h"
#include "services/remote/claims_health_watcher.h"
#include "services/remote/remote_claims_reader.h"
#include "services/server/server.h"
#include "services/verifier/claims_evidence_source.h"
#include "tests/grpc/test_server.h"
#include "tests/testing/sample_texts.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/test_certs.h"

namespace factcheck::remote {
namespace {

using ::factcheck::testing::IsOk;
using ::factcheck::testing::StatusHasCode;
using ::factcheck::testing::StatusIs;
using ::grpc::health::v1::HealthCheckResponse;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Le;
using ::testing::SizeIs;

// Generous bound for waits on background state, so that no test hangs.
constexpr absl::Duration kWaitTimeout = absl::Seconds(30);

// A ClaimsService whose ListStatements and GetArticle follow a script:
// fail with UNAVAILABLE a number of times, answer NOT_FOUND, or hang until
// the client gives up. Records calls and the authorization header.
class ScriptedClaimsService final : public v1::ClaimsService::Service {
 public:
  enum class Mode { kAnswer, kNotFound, kHang };

  grpc::Status ListStatements(grpc::ServerContext* context,
                              const v1::ListStatementsRequest* request,
                              v1::ListStatementsResponse* response) override {
    grpc::Status status = Script(context);
    if (status.ok()) {
      response->add_statements()->set_article_id(request->article_id());
    }
    return status;
  }

  grpc::Status GetArticle(grpc::ServerContext* context,
                          const v1::GetArticleRequest* request,
                          v1::Article* response) override {
    grpc::Status status = Script(context);
    if (status.ok()) response->set_id(request->id());
    return status;
  }

  void set_unavailable_answers(int n) {
    absl::MutexLock lock(&mu_);
    unavailable_left_ = n;
  }
  void set_mode(Mode mode) {
    absl::MutexLock lock(&mu_);
    mode_ = mode;
  }
  int calls() const {
    absl::MutexLock lock(&mu_);
    return calls_;
  }
  std::optional<std::string> authorization() const {
    absl::MutexLock lock(&mu_);
    return authorization_;
  }

 private:
  grpc::Status Script(grpc::ServerContext* context) {
    Mode mode;
    {
      absl::MutexLock lock(&mu_);
      ++calls_;
      auto it = context->client_metadata().find(common::kAuthorizationKey);
      authorization_.reset();
      if (it != context->client_metadata().end()) {
        authorization_ = std::string(it->second.data(), it->second.size());
      }
      if (unavailable_left_ > 0) {
        --unavailable_left_;
        return grpc::Status(grpc::StatusCode::UNAVAILABLE, "scripted outage");
      }
      mode = mode_;
    }
    switch (mode) {
      case Mode::kAnswer:
        return grpc::Status::OK;
      case Mode::kNotFound:
        return grpc::Status(grpc::StatusCode::NOT_FOUND,
                            "id: no article with id \"x\"");
      case Mode::kHang:
        while (!context->IsCancelled()) absl::SleepFor(absl::Milliseconds(5));
        return grpc::Status(grpc::StatusCode::CANCELLED, "gave up");
    }
    return grpc::Status::OK;
  }

  mutable absl::Mutex mu_;
  int calls_ ABSL_GUARDED_BY(mu_) = 0;
  int unavailable_left_ ABSL_GUARDED_BY(mu_) = 0;
  Mode mode_ ABSL_GUARDED_BY(mu_) = Mode::kAnswer;
  std::optional<std::string> authorization_ ABSL_GUARDED_BY(mu_);
};

class ScriptedServer {
 public:
  ScriptedServer() {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
  }
  ~ScriptedServer() { server_->Shutdown(absl::ToChronoTime(absl::Now())); }

  std::string target() const { return absl::StrCat("127.0.0.1:", port_); }
  ScriptedClaimsService& service() { return service_; }

 private:
  ScriptedClaimsService service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

// Fast retries and a large budget: tests that are not about the budget
// never reach it.
RemoteClaimsReader::Options FastRetries() {
  RemoteClaimsReader::Options options;
  options.initial_backoff = absl::Milliseconds(5);
  options.max_backoff = absl::Milliseconds(20);
  options.total_budget = kWaitTimeout;
  options.call_deadline = kWaitTimeout;
  return options;
}

std::unique_ptr<RemoteClaimsReader> ReaderFor(
    const std::string& target, RemoteClaimsReader::Options options,
    ClaimsChannelOptions channel_options = {}) {
  channel_options.target = target;
  auto channel = OpenClaimsChannel(channel_options);
  EXPECT_THAT(channel, IsOk());
  if (!channel.ok()) return nullptr;
  return std::make_unique<RemoteClaimsReader>(*channel, target, options);
}

v1::GetArticleRequest GetRequest(const std::string& id) {
  v1::GetArticleRequest request;
  request.set_id(id);
  return request;
}

TEST(RemoteClaimsReaderTest, RetriesUnavailableUntilAnAnswer) {
  ScriptedServer server;
  server.service().set_unavailable_answers(2);
  auto options = FastRetries();
  options.max_attempts = 4;
  auto reader = ReaderFor(server.target(), options);
  auto article = reader->GetArticle(GetRequest("a"));
  ASSERT_THAT(article, IsOk());
  EXPECT_EQ(article->id(), "a");
  EXPECT_EQ(server.service().calls(), 3);
}

TEST(RemoteClaimsReaderTest, GivesUpAfterMaxAttemptsNamingTheTarget) {
  ScriptedServer server;
  server.service().set_unavailable_answers(100);
  auto options = FastRetries();
  options.max_attempts = 3;
  auto reader = ReaderFor(server.target(), options);
  v1::ListStatementsRequest request;
  request.set_article_id("a");
  EXPECT_THAT(
      reader->ListStatements(request),
      StatusIs(absl::StatusCode::kUnavailable,
               absl::StrCat("claims service at ", server.target(),
                            " unavailable (ListStatements, 3 attempts")));
  EXPECT_EQ(server.service().calls(), 3);
}

TEST(RemoteClaimsReaderTest, NeverRetriesPastTheBudget) {
  ScriptedServer server;
  server.service().set_unavailable_answers(1000);
  auto options = FastRetries();
  options.max_attempts = 1000;
  options.initial_backoff = absl::Milliseconds(20);
  options.max_backoff = absl::Milliseconds(20);
  options.total_budget = absl::Milliseconds(200);
  auto reader = ReaderFor(server.target(), options);
  EXPECT_THAT(reader->GetArticle(GetRequest("a")),
              StatusHasCode(absl::StatusCode::kUnavailable));
  // Every wait is at least 10 ms (half the backoff) and none ends past
  // the 200 ms budget: at most 20 waits, so at most 21 attempts.
  EXPECT_THAT(server.service().calls(), AllOf(Le(21), ::testing::Ge(2)));
}

TEST(RemoteClaimsReaderTest, ServiceAnswersAreNotRetriedAndKeepTheirCode) {
  ScriptedServer server;
  server.service().set_mode(ScriptedClaimsService::Mode::kNotFound);
  auto reader = ReaderFor(server.target(), FastRetries());
  EXPECT_THAT(
      reader->GetArticle(GetRequest("x")),
      StatusIs(absl::StatusCode::kNotFound, "id: no article with id \"x\""));
  EXPECT_EQ(server.service().calls(), 1);
}

TEST(RemoteClaimsReaderTest, DeadlineBecomesUnavailableNamingTheTarget) {
  ScriptedServer server;
  server.service().set_mode(ScriptedClaimsService::Mode::kHang);
  auto options = FastRetries();
  options.call_deadline = absl::Milliseconds(100);
  auto reader = ReaderFor(server.target(), options);
  EXPECT_THAT(reader->GetArticle(GetRequest("a")),
              StatusIs(absl::StatusCode::kUnavailable,
                       absl::StrCat("claims service at ", server.target(),
                                    " did not answer GetArticle in time")));
  EXPECT_EQ(server.service().calls(), 1);
}

// --- The caller's CallControl bounds the read. ---

// A hanging service and a 30 s budget: only the caller's much shorter
// deadline can end the read, and it says so.
TEST(RemoteClaimsReaderTest, StopsAtACallerDeadlineShorterThanItsBudget) {
  ScriptedServer server;
  server.service().set_mode(ScriptedClaimsService::Mode::kHang);
  auto reader = ReaderFor(server.target(), FastRetries());
  const CallControl control(absl::Now() + absl::Milliseconds(200), nullptr);
  EXPECT_THAT(
      reader->GetArticle(GetRequest("a"), control.Within("3 of 8 claims")),
      StatusIs(absl::StatusCode::kDeadlineExceeded,
               absl::StrCat("deadline exceeded after 3 of 8 claims, then 1 "
                            "attempt of GetArticle to the claims service at ",
                            server.target())));
  EXPECT_EQ(server.service().calls(), 1);
}

TEST(RemoteClaimsReaderTest, ACancelledCallerStopsTheRetries) {
  ScriptedServer server;
  server.service().set_unavailable_answers(1000);
  auto options = FastRetries();
  options.max_attempts = 1000;
  auto reader = ReaderFor(server.target(), options);
  // Cancelled once the service has seen three attempts.
  ScriptedClaimsService* service = &server.service();
  const CallControl control(absl::InfiniteFuture(),
                            [service] { return service->calls() >= 3; });
  EXPECT_THAT(reader->GetArticle(GetRequest("a"), control),
              StatusIs(absl::StatusCode::kCancelled,
                       "cancelled after 3 attempts of GetArticle"));
  EXPECT_EQ(server.service().calls(), 3);
  // Already cancelled: no attempt at all.
  EXPECT_THAT(reader->GetArticle(GetRequest("a"), control),
              StatusIs(absl::StatusCode::kCancelled,
                       "cancelled after 0 attempts of GetArticle"));
  EXPECT_EQ(server.service().calls(), 3);
}

TEST(RemoteClaimsReaderTest, SendsTheBearerTokenOfTheFileFirstLine) {
  testing::TempDir dir;
  const std::string token_file = dir.Sub("token");
  std::ofstream(token_file) << "  tok-123 \r\nnot this line\n";
  ScriptedServer server;
  ClaimsChannelOptions channel;
  channel.token_file = token_file;
  auto reader = ReaderFor(server.target(), FastRetries(), channel);
  FC_ASSERT_OK(reader->GetArticle(GetRequest("a")));
  EXPECT_EQ(server.service().authorization(), "Bearer tok-123");

  auto without = ReaderFor(server.target(), FastRetries());
  FC_ASSERT_OK(without->GetArticle(GetRequest("a")));
  EXPECT_EQ(server.service().authorization(), std::nullopt);
}

TEST(RemoteClaimsReaderTest, TlsChannelDoesNotFallBackToPlaintext) {
  // The plaintext server cannot complete a handshake, so a call that
  // reached it would prove the CA was ignored.
  testing::TempDir dir;
  std::optional<testing::TestCerts> certs = testing::MakeTestCerts(dir);
  if (!certs.has_value()) GTEST_SKIP() << "the openssl command is missing";
  ScriptedServer server;
  ClaimsChannelOptions channel;
  channel.tls_ca_file = certs->ca;
  auto options = FastRetries();
  options.max_attempts = 2;
  auto reader = ReaderFor(server.target(), options, channel);
  EXPECT_THAT(reader->GetArticle(GetRequest("a")),
              StatusIs(absl::StatusCode::kUnavailable, server.target()));
  EXPECT_EQ(server.service().calls(), 0);
}

TEST(ClaimsChannelTest, BadFilesAndTargetsAreNamed) {
  testing::TempDir dir;
  ClaimsChannelOptions options;
  EXPECT_THAT(OpenClaimsChannel(options),
              StatusIs(absl::StatusCode::kInvalidArgument, "claims_target"));
  options.target = "127.0.0.1:1";
  options.token_file = dir.Sub("missing-token");
  EXPECT_THAT(
      OpenClaimsChannel(options),
      StatusIs(absl::StatusCode::kNotFound,
               "claims_token_file: cannot read " + dir.Sub("missing-token")));
  std::ofstream(dir.Sub("empty-token")) << "\nsecret-on-line-2\n";
  options.token_file = dir.Sub("empty-token");
  EXPECT_THAT(OpenClaimsChannel(options),
              StatusIs(absl::StatusCode::kInvalidArgument, "is empty"));
  options.token_file.clear();
  options.tls_ca_file = dir.Sub("missing-ca.pem");
  EXPECT_THAT(OpenClaimsChannel(options),
              StatusIs(absl::StatusCode::kNotFound, "claims_tls_ca"));
}

// Counts finished attempts on a channel and lets a test wait for one.
class AttemptCounter {
 public:
  class Factory final
      : public grpc::experimental::ClientInterceptorFactoryInterface {
   public:
    explicit Factory(AttemptCounter* counter) : counter_(counter) {}
    grpc::experimental::Interceptor* CreateClientInterceptor(
        grpc::experimental::ClientRpcInfo* /*info*/) override {
      return new Interceptor(counter_);
    }

   private:
    AttemptCounter* counter_;
  };

  void WaitFor(int n) {
    absl::MutexLock lock(&mu_);
    auto reached = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return finished_ >= n;
    };
    ASSERT_TRUE(mu_.AwaitWithTimeout(absl::Condition(&reached), kWaitTimeout));
  }
  int finished() const {
    absl::MutexLock lock(&mu_);
    return finished_;
  }

 private:
  class Interceptor final : public grpc::experimental::Interceptor {
   public:
    explicit Interceptor(AttemptCounter* counter) : counter_(counter) {}
    void Intercept(
        grpc::experimental::InterceptorBatchMethods* methods) override {
      if (methods->QueryInterceptionHookPoint(
              grpc::experimental::InterceptionHookPoints::POST_RECV_STATUS)) {
        absl::MutexLock lock(&counter_->mu_);
        ++counter_->finished_;
      }
      methods->Proceed();
    }

   private:
    AttemptCounter* counter_;
  };

  mutable absl::Mutex mu_;
  int finished_ ABSL_GUARDED_BY(mu_) = 0;
};

// A claims-only FactcheckServer with an in-memory store on `listen`.
absl::StatusOr<std::unique_ptr<server::FactcheckServer>> StartClaims(
    testing::CapturingLogSink* log, const std::string& listen) {
  auto options = testing::TestServerOptions(log);
  options.services = {server::FactcheckServer::kClaimsService};
  options.listen = listen;
  return server::FactcheckServer::Start(options);
}

// A port that was free a moment ago.
int FreePort(testing::CapturingLogSink* log) {
  auto server = StartClaims(log, "127.0.0.1:0");
  EXPECT_THAT(server, IsOk());
  return server.ok() ? (*server)->port() : 0;
}

TEST(RemoteClaimsReaderTest, FindsAServerStartedAfterTheFirstAttempt) {
  testing::CapturingLogSink log;
  const int port = FreePort(&log);
  ASSERT_NE(port, 0);
  const std::string target = absl::StrCat("127.0.0.1:", port);
  AttemptCounter counter;
  std::vector<
      std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>>
      interceptors;
  interceptors.push_back(std::make_unique<AttemptCounter::Factory>(&counter));
  auto channel = grpc::experimental::CreateCustomChannelWithInterceptors(
      target, grpc::InsecureChannelCredentials(), grpc::ChannelArguments(),
      std::move(interceptors));
  auto options = FastRetries();
  options.max_attempts = 1000;
  options.max_backoff = absl::Milliseconds(100);
  RemoteClaimsReader reader(channel, target, options);

  absl::StatusOr<v1::Article> result;
  std::thread caller([&] { result = reader.GetArticle(GetRequest("nope")); });
  counter.WaitFor(1);  // The first attempt found nothing listening.
  auto server = StartClaims(&log, target);
  caller.join();
  ASSERT_THAT(server, IsOk());
  // The server's own answer: reached after a retry.
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kNotFound, "nope"));
  EXPECT_GE(counter.finished(), 2);
}

// The verifier's client of a claims server that serves TLS and requires a
// read token: the call gets through (the server's own NOT_FOUND), and the
// same channel without the token is refused by the server, which the
// verifier reports as its own misconfiguration, not its caller's.
TEST(RemoteClaimsReaderTest, ReadsOverTlsWithAToken) {
  testing::TempDir dir;
  std::optional<testing::TestCerts> certs = testing::MakeTestCerts(dir);
  if (!certs.has_value()) GTEST_SKIP() << "the openssl command is missing";
  std::ofstream(dir.Sub("tokens")) << "verifier-read-token read\n";
  std::ofstream(dir.Sub("token")) << "verifier-read-token\n";
  testing::CapturingLogSink log;
  auto options = testing::TestServerOptions(&log);
  options.services = {server::FactcheckServer::kClaimsService};
  options.tls_cert = certs->server_cert;
  options.tls_key = certs->server_key;
  options.auth_tokens_file = dir.Sub("tokens");
  auto claims = server::FactcheckServer::Start(options);
  ASSERT_THAT(claims, IsOk());
  const std::string target = absl::StrCat("127.0.0.1:", (*claims)->port());

  ClaimsChannelOptions channel;
  channel.tls_ca_file = certs->ca;
  channel.token_file = dir.Sub("token");
  auto reader = ReaderFor(target, FastRetries(), channel);
  EXPECT_THAT(reader->GetArticle(GetRequest("nope")),
              StatusIs(absl::StatusCode::kNotFound, "nope"));

  channel.token_file = "";
  auto without_token = ReaderFor(target, FastRetries(), channel);
  EXPECT_THAT(
      without_token->GetArticle(GetRequest("nope")),
      StatusIs(absl::StatusCode::kFailedPrecondition, "--claims_token_file"));
}

// Ingests the test article through the real ClaimsService at `port`.
void IngestTestArticle(int port) {
  auto stub = v1::ClaimsService::NewStub(testing::ChannelTo(port));
  v1::IngestArticleRequest request;
  request.mutable_article()->set_id("split-article");
  request.mutable_article()->set_body(testing::kArticleBody);
  request.mutable_article()->set_publisher("Split News");
  v1::IngestArticleResponse response;
  auto context = testing::Context();
  grpc::Status status = stub->IngestArticle(context.get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
}

TEST(RemoteClaimsReaderTest, ReadsTheRealClaimsServiceLikeTheStub) {
  testing::CapturingLogSink log;
  FC_ASSERT_OK_AND_ASSIGN(auto claims, StartClaims(&log, "127.0.0.1:0"));
  ASSERT_NO_FATAL_FAILURE(IngestTestArticle(claims->port()));
  const std::string target = absl::StrCat("127.0.0.1:", claims->port());
  auto reader = ReaderFor(target, FastRetries());

  // The same unknown-id answer as a direct call.
  auto stub = v1::ClaimsService::NewStub(testing::ChannelTo(claims->port()));
  v1::Article ignored;
  auto context = testing::Context();
  grpc::Status direct =
      stub->GetArticle(context.get(), GetRequest("missing"), &ignored);
  ASSERT_EQ(direct.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(reader->GetArticle(GetRequest("missing")),
              StatusIs(absl::StatusCode::kNotFound, direct.error_message()));

  // The evidence source over it sees the article and the archive.
  verifier::ClaimsEvidenceSource source(reader.get());
  FC_ASSERT_OK_AND_ASSIGN(auto statements,
                          source.ArticleStatements("split-article"));
  ASSERT_THAT(statements, ::testing::Not(IsEmpty()));
  EXPECT_EQ(statements.front().article_id(), "split-article");
  v1::ArticleFilter filter;
  filter.set_publisher("Split News");
  FC_ASSERT_OK_AND_ASSIGN(auto hits,
                          source.SearchArchive("tariffs India", filter, 3));
  ASSERT_THAT(hits, SizeIs(3));
  EXPECT_THAT(hits.front().text(), HasSubstr("tariffs"));
  filter.set_publisher("Nobody");
  FC_ASSERT_OK_AND_ASSIGN(hits,
                          source.SearchArchive("tariffs India", filter, 3));
  EXPECT_THAT(hits, IsEmpty());
}

// Records the watcher's reports.
class Transitions {
 public:
  void Add(bool serving) {
    absl::MutexLock lock(&mu_);
    seen_.push_back(serving);
  }
  // Waits until the last report is `serving`.
  bool WaitFor(bool serving) {
    absl::MutexLock lock(&mu_);
    auto reached = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return !seen_.empty() && seen_.back() == serving;
    };
    return mu_.AwaitWithTimeout(absl::Condition(&reached), kWaitTimeout);
  }
  std::vector<bool> seen() const {
    absl::MutexLock lock(&mu_);
    return seen_;
  }

 private:
  mutable absl::Mutex mu_;
  std::vector<bool> seen_ ABSL_GUARDED_BY(mu_);
};

TEST(ClaimsHealthWatcherTest, FollowsTheClaimsServiceAcrossARestart) {
  testing::CapturingLogSink log;
  FC_ASSERT_OK_AND_ASSIGN(auto claims, StartClaims(&log, "127.0.0.1:0"));
  const std::string target = absl::StrCat("127.0.0.1:", claims->port());
  ClaimsChannelOptions channel_options;
  channel_options.target = target;
  FC_ASSERT_OK_AND_ASSIGN(auto channel, OpenClaimsChannel(channel_options));
  Transitions transitions;
  ClaimsHealthWatcher::Options options;
  options.interval = absl::Milliseconds(20);
  ClaimsHealthWatcher watcher(
      channel, target, options,
      [&](bool serving, const std::string&) { transitions.Add(serving); });
  ASSERT_TRUE(transitions.WaitFor(true));
  EXPECT_EQ(watcher.serving(), true);

  claims->Shutdown(absl::ZeroDuration());
  claims.reset();
  ASSERT_TRUE(transitions.WaitFor(false));
  EXPECT_EQ(watcher.serving(), false);

  FC_ASSERT_OK_AND_ASSIGN(claims, StartClaims(&log, target));
  ASSERT_TRUE(transitions.WaitFor(true));
  watcher.Stop();
  EXPECT_THAT(transitions.seen(), ElementsAre(true, false, true));
}

TEST(SplitServerTest, OptionsNeedATargetWithoutClaimsAndRefuseOneWithIt) {
  testing::CapturingLogSink log;
  auto options = testing::TestServerOptions(&log);
  options.services = {server::FactcheckServer::kVerifierService};
  EXPECT_THAT(server::FactcheckServer::Start(options),
              StatusIs(absl::StatusCode::kInvalidArgument, "claims_target"));
  options.services = {server::FactcheckServer::kClaimsService,
                      server::FactcheckServer::kVerifierService};
  options.claims_target = "127.0.0.1:1";
  EXPECT_THAT(server::FactcheckServer::Start(options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "claims_target: \"127.0.0.1:1\" given, but this "
                       "process hosts \"claims\""));
}

v1::VerifyRequest ArticleClaim(const std::string& claim) {
  v1::VerifyRequest request;
  request.set_claim(claim);
  request.add_article_ids("split-article");
  return request;
}

TEST(SplitServerTest, VerifierOnlyServerVerifiesAgainstRemoteClaims) {
  testing::TempDir dir;
  testing::CapturingLogSink log;
  FC_ASSERT_OK_AND_ASSIGN(auto claims, StartClaims(&log, "127.0.0.1:0"));
  ASSERT_NO_FATAL_FAILURE(IngestTestArticle(claims->port()));
  const std::string target = absl::StrCat("127.0.0.1:", claims->port());

  auto options = testing::TestServerOptions(&log);
  options.services = {server::FactcheckServer::kVerifierService};
  options.claims_target = target;
  options.in_memory_store = false;
  options.data_dir = dir.Sub("data");
  FC_ASSERT_OK_AND_ASSIGN(auto verifier,
                          server::FactcheckServer::Start(options));
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("data")));
  auto channel = testing::ChannelTo(verifier->port());
  FC_ASSERT_OK(common::WaitForServing(channel, common::kVerifierHealthName,
                                      kWaitTimeout));
  FC_ASSERT_OK(common::WaitForServing(channel, "", kWaitTimeout));

  auto stub = v1::VerifierService::NewStub(channel);
  v1::VerifyResponse response;
  auto context = testing::Context();
  grpc::Status status = stub->Verify(
      context.get(),
      ArticleClaim("Washington imposed 25% tariffs on Indian exports."),
      &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.verdict(), v1::VERDICT_CONTRADICTED);
  ASSERT_THAT(response.evidence(), ::testing::Not(IsEmpty()));
  EXPECT_EQ(response.evidence(0).statement().article_id(), "split-article");

  // Claims gone: the verifier stops serving and says why calls fail.
  claims->Shutdown(absl::ZeroDuration());
  claims.reset();
  const absl::Time deadline = absl::Now() + kWaitTimeout;
  absl::StatusOr<HealthCheckResponse::ServingStatus> health;
  do {
    absl::SleepFor(absl::Milliseconds(20));
    health = common::CheckHealth(channel, common::kVerifierHealthName,
                                 absl::Seconds(5));
  } while (health.ok() && *health == HealthCheckResponse::SERVING &&
           absl::Now() < deadline);
  EXPECT_THAT(health, IsOk());
  EXPECT_EQ(*health, HealthCheckResponse::NOT_SERVING);
  // The process stays live for liveness probes.
  EXPECT_EQ(common::CheckHealth(channel, "", absl::Seconds(5))
                .value_or(HealthCheckResponse::UNKNOWN),
            HealthCheckResponse::SERVING);
  context = testing::Context();
  status = stub->Verify(context.get(), ArticleClaim("Xi met Modi."), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(status.error_message(), HasSubstr("claims service at " + target));

  // Back on the same port (an empty store this time): serving again.
  FC_ASSERT_OK_AND_ASSIGN(claims, StartClaims(&log, target));
  FC_ASSERT_OK(common::WaitForServing(channel, common::kVerifierHealthName,
                                      kWaitTimeout));
  context = testing::Context();
  status = stub->Verify(context.get(), ArticleClaim("Xi met Modi."), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("split-article"));
}

}  // namespace
}  // namespace factcheck::remote
