// VerifierService through a real gRPC server: Verify, VerifyBatch (order),
// VerifyStream (order, per-request errors, half-close), deadlines, and the
// documented error codes.

#include <memory>
#include <string>
#include <vector>

#include "factcheck/v1/claims_service.grpc.pb.h"
#include "factcheck/v1/verifier_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/support/status.h"
#include "gtest/gtest.h"
#include "services/server/server.h"
#include "tests/grpc/test_server.h"
#include "tests/testing/status_matchers.h"

namespace factcheck {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;
using ::testing::StartsWith;

constexpr size_t kMaxClaimBytes = 512;
constexpr int kMaxBatch = 4;

class VerifierServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto options = testing::TestServerOptions(&log_);
    options.verifier.max_claim_bytes = kMaxClaimBytes;
    options.verifier.max_batch_size = kMaxBatch;
    FC_ASSERT_OK_AND_ASSIGN(server_, server::FactcheckServer::Start(options));
    auto channel = testing::ChannelTo(server_->port());
    claims_ = v1::ClaimsService::NewStub(channel);
    verifier_ = v1::VerifierService::NewStub(channel);

    v1::IngestArticleRequest ingest;
    ingest.mutable_article()->set_id("sco");
    ingest.mutable_article()->set_body(testing::kArticleBody);
    v1::IngestArticleResponse ingested;
    grpc::Status status =
        claims_->IngestArticle(testing::Context().get(), ingest, &ingested);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  v1::VerifyRequest Request(const std::string& claim) {
    v1::VerifyRequest request;
    request.set_claim(claim);
    request.add_article_ids("sco");
    return request;
  }

  grpc::Status Verify(const v1::VerifyRequest& request,
                      v1::VerifyResponse* response) {
    return verifier_->Verify(testing::Context().get(), request, response);
  }

  testing::CapturingLogSink log_;
  std::unique_ptr<server::FactcheckServer> server_;
  std::unique_ptr<v1::ClaimsService::Stub> claims_;
  std::unique_ptr<v1::VerifierService::Stub> verifier_;
};

TEST_F(VerifierServiceTest, VerifyReturnsAVerdictWithEvidence) {
  v1::VerifyRequest request =
      Request("Washington imposed 50% tariffs on Indian exports.");
  request.set_request_id("r-1");
  v1::VerifyResponse response;
  grpc::Status status = Verify(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_NE(response.verdict(), v1::VERDICT_UNSPECIFIED);
  EXPECT_GT(response.evidence_size(), 0);
  EXPECT_EQ(response.evidence(0).statement().article_id(), "sco");
  EXPECT_FALSE(response.explanation().empty());
  EXPECT_TRUE(response.error().empty());

  const std::vector<std::string> lines = log_.lines();
  ASSERT_FALSE(lines.empty());
  EXPECT_THAT(lines.back(), HasSubstr("\"rpc\":\"Verify\""));
  EXPECT_THAT(lines.back(), HasSubstr("\"verdict\":\""));
  EXPECT_THAT(lines.back(), HasSubstr("\"claim_bytes\":"));
}

TEST_F(VerifierServiceTest, InlineEvidenceAndArchiveScopes) {
  v1::VerifyRequest inline_request;
  inline_request.set_claim("The council approved the budget.");
  inline_request.set_evidence_text(
      "The city council approved the budget on Tuesday.");
  v1::VerifyResponse response;
  ASSERT_TRUE(Verify(inline_request, &response).ok());
  EXPECT_NE(response.verdict(), v1::VERDICT_UNSPECIFIED);

  v1::VerifyRequest archive;
  archive.set_claim("Xi said the two countries should be partners.");
  archive.mutable_archive();
  ASSERT_TRUE(Verify(archive, &response).ok());
  EXPECT_NE(response.verdict(), v1::VERDICT_UNSPECIFIED);
}

TEST_F(VerifierServiceTest, DocumentedErrors) {
  v1::VerifyResponse response;
  EXPECT_EQ(Verify(Request(""), &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Verify(Request(std::string(kMaxClaimBytes + 1, 'x')), &response)
                .error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(
      Verify(Request("Modi met Xi in Tianjin \xFF."), &response).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);

  v1::VerifyRequest unknown = Request("Modi met Xi.");
  unknown.set_article_ids(0, "no-such-article");
  EXPECT_EQ(Verify(unknown, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::VerifyRequest no_scope;
  no_scope.set_claim("Modi met Xi.");
  EXPECT_EQ(Verify(no_scope, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  v1::VerifyRequest two_scopes = Request("Modi met Xi.");
  two_scopes.set_evidence_text("Modi met Xi.");
  EXPECT_EQ(Verify(two_scopes, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(VerifierServiceTest, ExpiredDeadlineIsDeadlineExceeded) {
  // A deadline already in the past when the call is made.
  auto context = testing::Context(-absl::Seconds(1));
  v1::VerifyResponse response;
  grpc::Status status =
      verifier_->Verify(context.get(), Request("Modi met Xi."), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
}

TEST_F(VerifierServiceTest, VerifyBatchKeepsRequestOrder) {
  const std::vector<std::string> claims = {
      "Washington imposed 50% tariffs on Indian exports.",
      "Joe Biden attended the summit.",
      "Washington imposed 25% tariffs on Indian exports.",
  };
  v1::VerifyBatchRequest batch;
  for (const std::string& claim : claims) batch.add_claims(claim);
  batch.add_article_ids("sco");
  v1::VerifyBatchResponse results;
  grpc::Status status =
      verifier_->VerifyBatch(testing::Context().get(), batch, &results);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_THAT(results.results(), SizeIs(claims.size()));
  // Each result is the one a single Verify of the same claim gives.
  for (size_t i = 0; i < claims.size(); ++i) {
    v1::VerifyResponse single;
    ASSERT_TRUE(Verify(Request(claims[i]), &single).ok());
    EXPECT_EQ(results.results(i).verdict(), single.verdict()) << claims[i];
    EXPECT_FLOAT_EQ(results.results(i).confidence(), single.confidence())
        << claims[i];
  }

  v1::VerifyBatchRequest too_big;
  for (int i = 0; i <= kMaxBatch; ++i) too_big.add_claims("Modi met Xi.");
  too_big.add_article_ids("sco");
  EXPECT_EQ(verifier_->VerifyBatch(testing::Context().get(), too_big, &results)
                .error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(VerifierServiceTest, VerifyStreamAnswersInOrderAndSurvivesErrors) {
  auto context = testing::Context();
  auto stream = verifier_->VerifyStream(context.get());
  const std::vector<std::pair<std::string, std::string>> requests = {
      {"a", "Washington imposed 50% tariffs on Indian exports."},
      {"b", ""},  // Invalid: the stream must go on.
      {"c", "Joe Biden attended the summit."},
  };
  for (const auto& [id, claim] : requests) {
    v1::VerifyRequest request = Request(claim);
    request.set_request_id(id);
    ASSERT_TRUE(stream->Write(request));
  }
  ASSERT_TRUE(stream->WritesDone());

  std::vector<v1::VerifyResponse> responses;
  v1::VerifyResponse response;
  while (stream->Read(&response)) responses.push_back(response);
  grpc::Status status = stream->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();

  ASSERT_THAT(responses, SizeIs(3));
  EXPECT_EQ(responses[0].request_id(), "a");
  EXPECT_TRUE(responses[0].error().empty());
  EXPECT_NE(responses[0].verdict(), v1::VERDICT_UNSPECIFIED);
  EXPECT_EQ(responses[1].request_id(), "b");
  EXPECT_THAT(responses[1].error(), StartsWith("INVALID_ARGUMENT: "));
  EXPECT_EQ(responses[1].verdict(), v1::VERDICT_UNSPECIFIED);
  EXPECT_EQ(responses[2].request_id(), "c");
  EXPECT_TRUE(responses[2].error().empty());
  EXPECT_NE(responses[2].verdict(), v1::VERDICT_UNSPECIFIED);

  const std::string line = log_.WaitForLine("\"rpc\":\"VerifyStream\"");
  EXPECT_THAT(line, HasSubstr("\"code\":\"OK\""));
  EXPECT_THAT(line, HasSubstr("\"requests\":3"));
  EXPECT_THAT(line, HasSubstr("\"errors\":1"));
}

TEST_F(VerifierServiceTest, VerifyStreamAnswersEachRequestBeforeTheNext) {
  // A live transcript: the client waits for each verdict before sending
  // the next claim, so the server must not wait for the half-close.
  auto context = testing::Context();
  auto stream = verifier_->VerifyStream(context.get());
  for (const char* id : {"1", "2"}) {
    v1::VerifyRequest request = Request("Modi met Xi in Tianjin.");
    request.set_request_id(id);
    ASSERT_TRUE(stream->Write(request));
    v1::VerifyResponse response;
    ASSERT_TRUE(stream->Read(&response));
    EXPECT_EQ(response.request_id(), id);
  }
  ASSERT_TRUE(stream->WritesDone());
  v1::VerifyResponse extra;
  EXPECT_FALSE(stream->Read(&extra));
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(VerifierServiceTest, VerifyStreamHonoursCancellation) {
  auto context = testing::Context();
  auto stream = verifier_->VerifyStream(context.get());
  v1::VerifyRequest request = Request("Modi met Xi in Tianjin.");
  ASSERT_TRUE(stream->Write(request));
  v1::VerifyResponse response;
  ASSERT_TRUE(stream->Read(&response));
  context->TryCancel();
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

}  // namespace
}  // namespace factcheck
