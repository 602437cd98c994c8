// End to end, split topology: a claims-only factcheckd with the data
// directory and a verifier-only factcheckd reading it over gRPC
// (--claims_target). Ingest through claims, verify through the verifier
// (article-scoped and archive-wide); then kill -9 the claims process and
// restart it on the same data directory and port while a client keeps
// verifying: calls during the outage fail with UNAVAILABLE naming the claims
// target, the verifier's health goes NOT_SERVING then SERVING, and calls
// after the restart succeed with the same verdicts.

#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "factcheck/v1/claims_service.grpc.pb.h"
#include "factcheck/v1/verifier_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "services/common/health_client.h"
#include "tests/e2e/e2e_process.h"
#include "tests/testing/sample_texts.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace factcheck {
namespace {

using ::grpc::health::v1::HealthCheckResponse;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr absl::Duration kWaitTimeout = absl::Seconds(60);
constexpr char kContradicted[] =
    "Washington imposed 25% tariffs on Indian exports.";

struct CallResult {
  grpc::StatusCode code;
  std::string message;
  v1::Verdict verdict = v1::VERDICT_UNSPECIFIED;
};

CallResult Verify(v1::VerifierService::Stub& stub,
                  const v1::VerifyRequest& request) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  v1::VerifyResponse response;
  grpc::Status status = stub.Verify(&context, request, &response);
  return {status.error_code(), status.error_message(), response.verdict()};
}

v1::VerifyRequest ArticleScoped(const std::string& claim) {
  v1::VerifyRequest request;
  request.set_claim(claim);
  request.add_article_ids("e2e-article");
  return request;
}

v1::VerifyRequest ArchiveWide(const std::string& claim) {
  v1::VerifyRequest request;
  request.set_claim(claim);
  request.mutable_archive();
  return request;
}

// Polls the verifier's health until it reports `want` (or the timeout).
bool AwaitHealth(const std::shared_ptr<grpc::Channel>& channel,
                 const std::string& name,
                 HealthCheckResponse::ServingStatus want) {
  const absl::Time deadline = absl::Now() + kWaitTimeout;
  while (absl::Now() < deadline) {
    auto status = common::CheckHealth(channel, name, absl::Seconds(5));
    if (status.ok() && *status == want) return true;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return false;
}

TEST(EndToEndSplitTest, VerifierReadsRemoteClaimsAndSurvivesItsRestart) {
  testing::TempDir dir;
  testing::FactcheckdProcess claims(dir, "claims");
  testing::FactcheckdProcess verifier(dir, "verifier");
  const std::vector<std::string> claims_flags = {
      "--services=claims", "--data_dir=" + dir.Sub("claims-data")};
  auto claims_start = claims_flags;
  claims_start.push_back("--listen=127.0.0.1:0");
  ASSERT_NO_FATAL_FAILURE(
      claims.Start(FACTCHECKD_PATH, claims_start, {common::kClaimsHealthName}));
  const std::string claims_target = claims.address();
  ASSERT_NO_FATAL_FAILURE(verifier.Start(
      FACTCHECKD_PATH,
      {"--services=verifier", "--listen=127.0.0.1:0",
       "--data_dir=" + dir.Sub("verifier-data"),
       "--claims_target=" + claims_target, "--claims_deadline=1s"},
      {"", common::kVerifierHealthName}));
  EXPECT_THAT(verifier.log(),
              HasSubstr(" data_dir=(none) claims_target=" + claims_target +
                        " services=verifier model="));
  // A verifier-only process opens no data directory.
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("verifier-data")));

  // Ingest through claims.
  auto claims_stub = v1::ClaimsService::NewStub(
      grpc::CreateChannel(claims_target, grpc::InsecureChannelCredentials()));
  {
    v1::IngestArticleRequest request;
    request.mutable_article()->set_id("e2e-article");
    request.mutable_article()->set_body(testing::kArticleBody);
    request.mutable_article()->set_publisher("E2E News");
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + kWaitTimeout));
    v1::IngestArticleResponse response;
    grpc::Status status =
        claims_stub->IngestArticle(&context, request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // Verify through the verifier: article-scoped and archive-wide.
  auto verifier_channel = grpc::CreateChannel(
      verifier.address(), grpc::InsecureChannelCredentials());
  auto verifier_stub = v1::VerifierService::NewStub(verifier_channel);
  CallResult scoped = Verify(*verifier_stub, ArticleScoped(kContradicted));
  ASSERT_EQ(scoped.code, grpc::StatusCode::OK) << scoped.message;
  EXPECT_EQ(scoped.verdict, v1::VERDICT_CONTRADICTED);
  CallResult supported = Verify(
      *verifier_stub,
      ArticleScoped("Washington imposed 50% tariffs on Indian exports."));
  ASSERT_EQ(supported.code, grpc::StatusCode::OK) << supported.message;
  EXPECT_EQ(supported.verdict, v1::VERDICT_SUPPORTED);
  CallResult archive = Verify(*verifier_stub, ArchiveWide(kContradicted));
  ASSERT_EQ(archive.code, grpc::StatusCode::OK) << archive.message;
  EXPECT_EQ(archive.verdict, v1::VERDICT_CONTRADICTED);
  CallResult missing = Verify(*verifier_stub, [] {
    v1::VerifyRequest request = ArticleScoped(kContradicted);
    request.set_article_ids(0, "no-such-article");
    return request;
  }());
  EXPECT_EQ(missing.code, grpc::StatusCode::NOT_FOUND) << missing.message;

  // A client keeps verifying while claims is killed and restarted.
  absl::Mutex mu;
  std::vector<CallResult> results;  // Guarded by mu.
  std::atomic<bool> stop{false};
  std::thread client([&] {
    auto stub = v1::VerifierService::NewStub(grpc::CreateChannel(
        verifier.address(), grpc::InsecureChannelCredentials()));
    while (!stop.load()) {
      CallResult result = Verify(*stub, ArticleScoped(kContradicted));
      absl::MutexLock lock(&mu);
      results.push_back(std::move(result));
    }
  });
  auto count_failures = [&] {
    absl::MutexLock lock(&mu);
    return std::count_if(results.begin(), results.end(), [](const auto& r) {
      return r.code != grpc::StatusCode::OK;
    });
  };

  const int killed = claims.Stop(SIGKILL);
  EXPECT_TRUE(WIFSIGNALED(killed) && WTERMSIG(killed) == SIGKILL);
  EXPECT_TRUE(AwaitHealth(verifier_channel, common::kVerifierHealthName,
                          HealthCheckResponse::NOT_SERVING));
  // The process itself stays live (liveness probes ask for ""): an outage
  // of the claims service must not get verifiers restarted.
  EXPECT_EQ(common::CheckHealth(verifier_channel, "", kWaitTimeout)
                .value_or(HealthCheckResponse::UNKNOWN),
            HealthCheckResponse::SERVING);
  // Wait for the client to see the outage before ending it.
  const absl::Time outage_deadline = absl::Now() + kWaitTimeout;
  while (count_failures() == 0 && absl::Now() < outage_deadline) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  ASSERT_GT(count_failures(), 0) << "no call failed while claims was down";

  // Same data directory, same port.
  auto claims_restart = claims_flags;
  claims_restart.push_back("--listen=" + claims_target);
  ASSERT_NO_FATAL_FAILURE(claims.Start(FACTCHECKD_PATH, claims_restart,
                                       {common::kClaimsHealthName}));
  EXPECT_TRUE(AwaitHealth(verifier_channel, common::kVerifierHealthName,
                          HealthCheckResponse::SERVING));
  EXPECT_TRUE(AwaitHealth(verifier_channel, "", HealthCheckResponse::SERVING));
  size_t recovered_at = 0;
  {
    absl::MutexLock lock(&mu);
    recovered_at = results.size();
    // A few calls that started after the verifier serves again.
    auto enough = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
      return results.size() >= recovered_at + 4;
    };
    EXPECT_TRUE(mu.AwaitWithTimeout(absl::Condition(&enough), kWaitTimeout));
  }
  stop = true;
  client.join();

  // One call may have been in flight at the switch; the ones after it ran
  // entirely on the restarted claims process.
  ASSERT_GE(results.size(), recovered_at + 4);
  for (size_t i = recovered_at + 1; i < results.size(); ++i) {
    EXPECT_EQ(results[i].code, grpc::StatusCode::OK)
        << "call " << i << ": " << results[i].message;
    EXPECT_EQ(results[i].verdict, v1::VERDICT_CONTRADICTED);
  }
  for (const CallResult& result : results) {
    if (result.code == grpc::StatusCode::OK) continue;
    EXPECT_EQ(result.code, grpc::StatusCode::UNAVAILABLE) << result.message;
    EXPECT_THAT(result.message,
                HasSubstr("claims service at " + claims_target));
  }
  // The acknowledged ingest survived the kill: archive-wide still finds it.
  archive = Verify(*verifier_stub, ArchiveWide(kContradicted));
  ASSERT_EQ(archive.code, grpc::StatusCode::OK) << archive.message;
  EXPECT_EQ(archive.verdict, v1::VERDICT_CONTRADICTED);

  // The verifier never went down, and stops cleanly.
  ASSERT_TRUE(verifier.Running()) << verifier.log();
  EXPECT_THAT(verifier.log(), HasSubstr("claims service at " + claims_target +
                                        ": not serving"));
  const int stopped = verifier.Stop(SIGTERM);
  ASSERT_TRUE(WIFEXITED(stopped)) << verifier.log();
  EXPECT_EQ(WEXITSTATUS(stopped), 0) << verifier.log();
}

}  // namespace
}  // namespace factcheck
