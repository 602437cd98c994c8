// AdminService through a real FactcheckServer on a RocksDB data directory:
// CreateCheckpoint needs a write token, writes only inside the configured
// checkpoint folder, refuses bad and taken names, and the checkpoint opens
// as a store; the service is hosted (and healthy) with ClaimsService only;
// the CLI's `admin checkpoint` (with --token, --json, and over TLS).

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "factcheck/v1/admin_service.grpc.pb.h"
#include "factcheck/v1/claims_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/support/status.h"
#include "gtest/gtest.h"
#include "services/common/client_credentials.h"
#include "services/common/health_client.h"
#include "services/server/server.h"
#include "storage/rocksdb_statement_store.h"
#include "tests/grpc/test_server.h"
#include "tests/testing/sample_texts.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/test_certs.h"

namespace factcheck {
namespace {

using ::grpc::health::v1::HealthCheckResponse;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::StatusIs;

constexpr char kReader[] = "reader-token-0123456789";
constexpr char kWriter[] = "writer-token-0123456789";
constexpr char kAdminHealthName[] = "factcheck.v1.AdminService";

std::unique_ptr<grpc::ClientContext> ContextWithToken(
    const std::string& token) {
  auto context = testing::Context();
  common::AddBearerToken(token, context.get());
  return context;
}

// Names of the entries of `dir` (none when it does not exist).
std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    out.push_back(entry.path().filename().string());
  }
  return out;
}

// A server on a RocksDB data directory with tokens kReader (read) and
// kWriter (write), checkpoints in dir_/checkpoints, the test article
// ingested as "a1".
class AdminServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(tokens_) << kReader << " read\n" << kWriter << " write\n";
  }

  server::FactcheckServer::Options Options() {
    auto options = testing::TestServerOptions(&log_);
    options.in_memory_store = false;
    options.data_dir = dir_.Sub("data");
    options.checkpoint_dir = checkpoints_;
    options.auth_tokens_file = tokens_;
    return options;
  }

  void StartServer(server::FactcheckServer::Options options) {
    FC_ASSERT_OK_AND_ASSIGN(server_, server::FactcheckServer::Start(options));
    channel_ = testing::ChannelTo(server_->port());
    admin_ = v1::AdminService::NewStub(channel_);
    claims_ = v1::ClaimsService::NewStub(channel_);
  }

  grpc::Status Ingest(const std::string& id, const std::string& body) {
    v1::IngestArticleRequest request;
    request.mutable_article()->set_id(id);
    request.mutable_article()->set_body(body);
    v1::IngestArticleResponse response;
    return claims_->IngestArticle(ContextWithToken(kWriter).get(), request,
                                  &response);
  }

  grpc::Status Checkpoint(const std::string& token, const std::string& name,
                          v1::Checkpoint* response) {
    v1::CreateCheckpointRequest request;
    request.set_name(name);
    return admin_->CreateCheckpoint(ContextWithToken(token).get(), request,
                                    response);
  }

  testing::TempDir dir_;
  const std::string tokens_ = dir_.Sub("tokens.txt");
  const std::string checkpoints_ = dir_.Sub("checkpoints");
  testing::CapturingLogSink log_;
  std::unique_ptr<server::FactcheckServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
  std::unique_ptr<v1::ClaimsService::Stub> claims_;
};

TEST_F(AdminServiceTest, WriterMakesACheckpointThatOpensAsAStore) {
  ASSERT_NO_FATAL_FAILURE(StartServer(Options()));
  ASSERT_TRUE(Ingest("a1", testing::kArticleBody).ok());
  v1::Checkpoint checkpoint;
  grpc::Status status = Checkpoint(kWriter, "b1", &checkpoint);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::filesystem::path expected =
      std::filesystem::absolute(checkpoints_) / "b1";
  EXPECT_EQ(checkpoint.name(), "b1");
  EXPECT_EQ(checkpoint.path(), expected.string());
  EXPECT_EQ(checkpoint.article_count(), 1u);
  EXPECT_GT(checkpoint.statement_count(), 0u);
  EXPECT_GT(checkpoint.sequence_number(), 0u);
  EXPECT_GT(checkpoint.size_bytes(), 0u);
  EXPECT_GT(checkpoint.created_at().seconds(), 0);
  EXPECT_THAT(log_.WaitForLine("\"rpc\":\"CreateCheckpoint\""),
              HasSubstr("\"checkpoint\":\"b1\""));

  // Written after the checkpoint: not in it.
  ASSERT_TRUE(Ingest("a2", "The council met on Tuesday.").ok());
  storage::RocksDbStatementStore::Options store_options;
  store_options.path = checkpoint.path();
  store_options.create_if_missing = false;
  FC_ASSERT_OK_AND_ASSIGN(auto store,
                          storage::RocksDbStatementStore::Open(store_options));
  FC_EXPECT_OK(store->GetArticle("a1"));
  EXPECT_THAT(store->GetArticle("a2"),
              StatusIs(absl::StatusCode::kNotFound, "a2"));
  FC_ASSERT_OK_AND_ASSIGN(uint64_t statements, store->StatementCount());
  EXPECT_EQ(statements, checkpoint.statement_count());
}

TEST_F(AdminServiceTest, NeedsAWriteToken) {
  ASSERT_NO_FATAL_FAILURE(StartServer(Options()));
  v1::Checkpoint checkpoint;
  grpc::Status read = Checkpoint(kReader, "b1", &checkpoint);
  EXPECT_EQ(read.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(read.error_message(), HasSubstr("\"write\""));
  grpc::Status anonymous = admin_->CreateCheckpoint(
      testing::Context().get(), v1::CreateCheckpointRequest(), &checkpoint);
  EXPECT_EQ(anonymous.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(Entries(checkpoints_).empty());
}

TEST_F(AdminServiceTest, BadNamesAreInvalidAndWriteNothing) {
  ASSERT_NO_FATAL_FAILURE(StartServer(Options()));
  const std::string escape = dir_.Sub("escaped");
  for (const std::string& name :
       {std::string("../escaped"), std::string("a/b"), escape,
        std::string(".hidden"), std::string(".."), std::string("b1.tmp"),
        std::string(65, 'x'), std::string("two words")}) {
    v1::Checkpoint checkpoint;
    grpc::Status status = Checkpoint(kWriter, name, &checkpoint);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << name;
    EXPECT_THAT(status.error_message(), StartsWith("name ")) << name;
  }
  EXPECT_TRUE(Entries(checkpoints_).empty());
  EXPECT_FALSE(std::filesystem::exists(escape));
  // Everything the server wrote is the data directory: no stray folder.
  EXPECT_THAT(Entries(dir_.path().string()),
              ::testing::UnorderedElementsAre("data", "tokens.txt"));
}

TEST_F(AdminServiceTest, TakenNameIsAlreadyExists) {
  ASSERT_NO_FATAL_FAILURE(StartServer(Options()));
  v1::Checkpoint first, second;
  ASSERT_TRUE(Checkpoint(kWriter, "b1", &first).ok());
  grpc::Status again = Checkpoint(kWriter, "b1", &second);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(again.error_message(), HasSubstr("\"b1\""));
  // The default name (the time) lands in the same folder.
  v1::Checkpoint timed;
  ASSERT_TRUE(Checkpoint(kWriter, "", &timed).ok());
  EXPECT_THAT(timed.name(), ::testing::MatchesRegex("[0-9]{8}T[0-9]{6}Z"));
  EXPECT_THAT(Entries(checkpoints_),
              ::testing::UnorderedElementsAre("b1", timed.name()));
}

TEST_F(AdminServiceTest, DefaultFolderIsNextToTheDataDirectory) {
  auto options = Options();
  options.checkpoint_dir.clear();
  options.data_dir = dir_.Sub("data") + "/";  // A trailing slash is fine.
  ASSERT_NO_FATAL_FAILURE(StartServer(options));
  v1::Checkpoint checkpoint;
  ASSERT_TRUE(Checkpoint(kWriter, "b1", &checkpoint).ok());
  EXPECT_EQ(checkpoint.path(),
            (std::filesystem::absolute(dir_.Sub("data-checkpoints")) / "b1")
                .string());
}

TEST_F(AdminServiceTest, HostedAndHealthyWithClaimsOnly) {
  ASSERT_NO_FATAL_FAILURE(StartServer(Options()));
  FC_ASSERT_OK_AND_ASSIGN(
      HealthCheckResponse::ServingStatus health,
      common::CheckHealth(channel_, kAdminHealthName, absl::Seconds(30)));
  EXPECT_EQ(health, HealthCheckResponse::SERVING);
  server_->Shutdown(absl::ZeroDuration());
  server_.reset();

  // A verifier-only process owns no store: no AdminService, and no
  // --checkpoint_dir.
  auto verifier = Options();
  verifier.services = {server::FactcheckServer::kVerifierService};
  verifier.claims_target = "127.0.0.1:1";
  EXPECT_THAT(server::FactcheckServer::Start(verifier),
              StatusIs(absl::StatusCode::kInvalidArgument, "checkpoint_dir"));
}

TEST_F(AdminServiceTest, FolderInsideTheDataDirectoryIsRefused) {
  auto options = Options();
  options.checkpoint_dir = dir_.Sub("data/checkpoints");
  EXPECT_THAT(server::FactcheckServer::Start(options),
              StatusIs(absl::StatusCode::kInvalidArgument, "inside data_dir"));
  options.checkpoint_dir = dir_.Sub("data") + "/./";
  EXPECT_THAT(server::FactcheckServer::Start(options),
              StatusIs(absl::StatusCode::kInvalidArgument, "inside data_dir"));
}

TEST(AdminServiceInMemoryTest, InMemoryStoreIsFailedPrecondition) {
  testing::CapturingLogSink log;
  FC_ASSERT_OK_AND_ASSIGN(auto server, server::FactcheckServer::Start(
                                           testing::TestServerOptions(&log)));
  auto admin = v1::AdminService::NewStub(testing::ChannelTo(server->port()));
  v1::CreateCheckpointRequest request;
  request.set_name("b1");
  v1::Checkpoint checkpoint;
  grpc::Status status =
      admin->CreateCheckpoint(testing::Context().get(), request, &checkpoint);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("in memory"));
}

// --- The CLI: `factcheck admin checkpoint`. ---

struct CliResult {
  int exit_code;
  std::string out;
  std::string err;
};

CliResult RunCli(const std::vector<std::string>& args) {
  std::istringstream in;
  std::ostringstream out, err;
  const int code = cli::RunCli(args, "127.0.0.1:1", in, out, err);
  return {code, out.str(), err.str()};
}

TEST_F(AdminServiceTest, CliPrintsTheCheckpoint) {
  ASSERT_NO_FATAL_FAILURE(StartServer(Options()));
  ASSERT_TRUE(Ingest("a1", testing::kArticleBody).ok());
  const std::string server =
      "--server=127.0.0.1:" + std::to_string(server_->port());

  CliResult made = RunCli({server, std::string("--token=") + kWriter, "admin",
                           "checkpoint", "--name", "c1"});
  ASSERT_EQ(made.exit_code, cli::kExitOk) << made.err;
  EXPECT_THAT(made.out, HasSubstr("checkpoint: c1\n"));
  EXPECT_THAT(
      made.out,
      HasSubstr("path:       " +
                (std::filesystem::absolute(checkpoints_) / "c1").string() +
                "\n"));
  EXPECT_THAT(made.out, HasSubstr("articles:   1\n"));
  EXPECT_THAT(made.out, ::testing::ContainsRegex("sequence:   [1-9][0-9]*\n"));
  EXPECT_THAT(made.out, ::testing::ContainsRegex(
                            "size:       [1-9][0-9]* bytes( \\([0-9.]+ "
                            "(KiB|MiB)\\))?\n"));

  CliResult json = RunCli({server, std::string("--token=") + kWriter, "--json",
                           "admin", "checkpoint", "--name", "c2"});
  ASSERT_EQ(json.exit_code, cli::kExitOk) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"name\": \"c2\""));
  EXPECT_THAT(json.out, HasSubstr("\"article_count\": \"1\""));
  EXPECT_THAT(json.out, HasSubstr("\"sequence_number\": \""));

  CliResult taken = RunCli({server, std::string("--token=") + kWriter, "admin",
                            "checkpoint", "--name", "c1"});
  EXPECT_EQ(taken.exit_code, cli::kExitRpcError);
  EXPECT_THAT(taken.err, HasSubstr("error: ALREADY_EXISTS: "));

  // $FACTCHECK_TOKEN when --token is absent; a read token is refused.
  setenv("FACTCHECK_TOKEN", kReader, 1);
  CliResult reader = RunCli({server, "admin", "checkpoint", "--name", "c3"});
  unsetenv("FACTCHECK_TOKEN");
  EXPECT_EQ(reader.exit_code, cli::kExitRpcError);
  EXPECT_THAT(reader.err, HasSubstr("PERMISSION_DENIED"));

  CliResult stray = RunCli({server, "admin", "checkpoint", "extra"});
  EXPECT_EQ(stray.exit_code, cli::kExitUsage);
  EXPECT_THAT(Entries(checkpoints_),
              ::testing::UnorderedElementsAre("c1", "c2"));
}

TEST_F(AdminServiceTest, CliWorksOverTls) {
  std::optional<testing::TestCerts> certs = testing::MakeTestCerts(dir_);
  if (!certs.has_value()) GTEST_SKIP() << "no openssl command";
  auto options = Options();
  options.tls_cert = certs->server_cert;
  options.tls_key = certs->server_key;
  ASSERT_NO_FATAL_FAILURE(StartServer(options));
  CliResult made =
      RunCli({"--server=127.0.0.1:" + std::to_string(server_->port()),
              "--tls_ca=" + certs->ca, std::string("--token=") + kWriter,
              "admin", "checkpoint", "--name", "tls1"});
  EXPECT_EQ(made.exit_code, cli::kExitOk) << made.err;
  EXPECT_THAT(made.out, HasSubstr("checkpoint: tls1\n"));
}

}  // namespace
}  // namespace factcheck
