// Deadlines and cancellation honoured inside long verifier work, through a
// real gRPC server: a VerifyBatch stops when its deadline passes, when the
// server shuts down after its drain, and a cancelled VerifyStream frees its
// slot. The server is assembled here (not FactcheckServer) so that the test
// can see the admission's in-flight counts.

#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "factcheck/v1/verifier_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "services/auth/admission.h"
#include "services/claims/claims_core.h"
#include "services/common/request_log.h"
#include "services/verifier/local_evidence_source.h"
#include "services/verifier/verifier_core.h"
#include "services/verifier/verifier_service_impl.h"
#include "storage/in_memory_statement_store.h"
#include "tests/grpc/test_server.h"
#include "tests/testing/status_matchers.h"

namespace factcheck {
namespace {

using ::testing::HasSubstr;
using ::testing::Lt;

// Sized so that a full batch takes far longer (many seconds) than the
// deadlines and drains below: 20 articles of 30 statements as the scope of
// every claim, and kClaims claims.
constexpr int kArticles = 20;
constexpr int kStatementsPerArticle = 30;
constexpr int kClaims = 2000;
// Bounds waits on the server's state so that no test hangs.
constexpr absl::Duration kWaitTimeout = absl::Seconds(30);

class DeadlineTest : public ::testing::Test {
 protected:
  DeadlineTest()
      : claims_(&store_, claims::ClaimsOptions()),
        source_(&claims_),
        logger_(&log_),
        admission_(nullptr, auth::AdmissionOptions()) {
    verifier::VerifierOptions options;
    options.max_batch_size = kClaims;
    core_ = std::make_unique<verifier::VerifierCore>(
        &source_, std::make_unique<verifier::VerificationEngine>(), options);
    service_ = std::make_unique<verifier::VerifierServiceImpl>(
        core_.get(), &logger_, &admission_);
  }

  void SetUp() override {
    for (int a = 0; a < kArticles; ++a) {
      std::string body = absl::StrCat("Harbour report ", a, "\n");
      for (int s = 0; s < kStatementsPerArticle; ++s) {
        absl::StrAppend(&body, "The harbour of town ", a, " handled ", 100 + s,
                        " ships in week ", s + 1, ". ");
      }
      v1::IngestArticleRequest ingest;
      ingest.mutable_article()->set_id(absl::StrCat("harbour-", a));
      ingest.mutable_article()->set_body(body);
      FC_ASSERT_OK(claims_.IngestArticle(ingest));
    }
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = v1::VerifierService::NewStub(testing::ChannelTo(port));
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(absl::ToChronoTime(absl::Now()));
  }

  v1::VerifyRequest Request(int i) {
    v1::VerifyRequest request;
    request.set_claim(absl::StrCat("The harbour of town ", i % kArticles,
                                   " handled ", 90 + i % 50, " ships."));
    for (int a = 0; a < kArticles; ++a) {
      request.add_article_ids(absl::StrCat("harbour-", a));
    }
    return request;
  }

  v1::VerifyBatchRequest LongBatch() {
    v1::VerifyBatchRequest batch;
    *batch.mutable_article_ids() = Request(0).article_ids();
    for (int i = 0; i < kClaims; ++i) batch.add_claims(Request(i).claim());
    return batch;
  }

  // Waits until `kind` has `n` calls in flight; false after kWaitTimeout.
  bool AwaitInFlight(auth::CallKind kind, int n) {
    const absl::Time give_up = absl::Now() + kWaitTimeout;
    while (admission_.in_flight(kind) != n) {
      if (absl::Now() > give_up) return false;
      absl::SleepFor(absl::Milliseconds(5));
    }
    return true;
  }

  // The int fact `key` of a request log line; nullopt when absent.
  static std::optional<int> IntFact(const std::string& line,
                                    const std::string& key) {
    std::smatch match;
    if (!std::regex_search(line, match,
                           std::regex("\"" + key + "\":([0-9]+)"))) {
      return std::nullopt;
    }
    return std::stoi(match[1]);
  }

  storage::InMemoryStatementStore store_;
  claims::ClaimsCore claims_;
  verifier::LocalEvidenceSource source_;
  testing::CapturingLogSink log_;
  common::RequestLogger logger_;
  auth::Admission admission_;
  std::unique_ptr<verifier::VerifierCore> core_;
  std::unique_ptr<verifier::VerifierServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::VerifierService::Stub> stub_;
};

// The client sees DEADLINE_EXCEEDED either way; the server's log line shows
// that the server stopped too, part of the way through the batch.
TEST_F(DeadlineTest, VerifyBatchStopsWhenItsDeadlinePasses) {
  v1::VerifyBatchResponse response;
  const grpc::Status status = stub_->VerifyBatch(
      testing::Context(absl::Seconds(2)).get(), LongBatch(), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  const std::string line = log_.WaitForLine("\"rpc\":\"VerifyBatch\"");
  ASSERT_THAT(line, HasSubstr("\"code\":\"DEADLINE_EXCEEDED\""));
  EXPECT_THAT(line, HasSubstr(absl::StrCat("of ", kClaims, " claims verified")))
      << "stopped before any work: the deadline passed in transit";
  const std::optional<int> done = IntFact(line, "claims_done");
  ASSERT_TRUE(done.has_value()) << line;
  EXPECT_THAT(*done, Lt(kClaims));
  EXPECT_TRUE(AwaitInFlight(auth::CallKind::kUnary, 0));
}

// What factcheckd's SIGTERM does: stop accepting, drain, then cancel what is
// left. The long batch ends with the cancellation instead of running on.
TEST_F(DeadlineTest, ShutdownCancelsALongBatchAfterTheDrain) {
  grpc::Status status;
  std::thread client([&] {
    v1::VerifyBatchResponse response;
    status = stub_->VerifyBatch(testing::Context(absl::Seconds(120)).get(),
                                LongBatch(), &response);
  });
  ASSERT_TRUE(AwaitInFlight(auth::CallKind::kUnary, 1));
  // Returns once every call has finished.
  server_->Shutdown(absl::ToChronoTime(absl::Now() + absl::Milliseconds(100)));
  client.join();
  EXPECT_FALSE(status.ok());
  const std::string line = log_.WaitForLine("\"rpc\":\"VerifyBatch\"");
  ASSERT_THAT(line, HasSubstr("\"code\":\"CANCELLED\""));
  EXPECT_THAT(line, HasSubstr("cancelled after "));
  const std::optional<int> done = IntFact(line, "claims_done");
  ASSERT_TRUE(done.has_value()) << line;
  EXPECT_THAT(*done, Lt(kClaims));
  EXPECT_EQ(admission_.in_flight(auth::CallKind::kUnary), 0);
}

TEST_F(DeadlineTest, CancelledVerifyStreamFinishesAndFreesItsSlot) {
  auto context = testing::Context(absl::Seconds(60));
  auto stream = stub_->VerifyStream(context.get());
  ASSERT_TRUE(stream->Write(Request(1)));
  v1::VerifyResponse response;
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_TRUE(response.error().empty()) << response.error();
  EXPECT_EQ(admission_.in_flight(auth::CallKind::kStream), 1);
  // Cancelled while the server verifies the next request, or waits for it.
  ASSERT_TRUE(stream->Write(Request(2)));
  context->TryCancel();
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
  const std::string line = log_.WaitForLine("\"rpc\":\"VerifyStream\"");
  EXPECT_THAT(line, HasSubstr("\"code\":\"CANCELLED\""));
  EXPECT_THAT(line, HasSubstr("cancelled after 1 stream requests answered"));
  EXPECT_TRUE(AwaitInFlight(auth::CallKind::kStream, 0));
}

}  // namespace
}  // namespace factcheck
