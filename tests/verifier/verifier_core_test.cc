// VerifierCore over a real ClaimsCore and an in-memory store: request
// validation, the three scopes, batches, and the verdicts the product
// promises on the sample article.

#include "services/verifier/verifier_core.h"

#include <atomic>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "base/call_control.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/claims/claims_core.h"
#include "services/verifier/local_evidence_source.h"
#include "storage/in_memory_statement_store.h"
#include "tests/testing/status_matchers.h"

namespace factcheck::verifier {
namespace {

using ::factcheck::testing::IsOk;
using ::factcheck::testing::StatusHasCode;
using ::factcheck::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr char kArticle[] =
    "Port authority reports record traffic\n"
    "The Westport port authority handled 3.2 million containers last year, "
    "a record. Director Anna Berg said the new crane terminal had cut "
    "waiting times by 40%.\n"
    "The authority plans to hire 120 dock workers in the spring.\n";

class VerifierCoreTest : public ::testing::Test {
 protected:
  VerifierCoreTest()
      : claims_(&store_, claims::ClaimsOptions()), source_(&claims_) {
    VerifierOptions options;
    options.max_claim_bytes = 512;
    options.max_batch_size = 4;
    core_ = std::make_unique<VerifierCore>(
        &source_, std::make_unique<VerificationEngine>(), options);
  }

  std::string Ingest(const std::string& body, const std::string& id) {
    v1::IngestArticleRequest request;
    request.mutable_article()->set_body(body);
    request.mutable_article()->set_id(id);
    auto response = claims_.IngestArticle(request);
    EXPECT_THAT(response, IsOk());
    return response.ok() ? response->article().id() : "";
  }

  v1::VerifyRequest ForArticle(const std::string& claim,
                               const std::string& id) {
    v1::VerifyRequest request;
    request.set_claim(claim);
    request.add_article_ids(id);
    return request;
  }

  storage::InMemoryStatementStore store_;
  claims::ClaimsCore claims_;
  LocalEvidenceSource source_;
  std::unique_ptr<VerifierCore> core_;
};

TEST_F(VerifierCoreTest, RejectsBadRequestsWithPreciseCodes) {
  Ingest(kArticle, "port");
  EXPECT_THAT(core_->Verify(ForArticle("", "port")),
              StatusIs(absl::StatusCode::kInvalidArgument, "claim"));
  EXPECT_THAT(core_->Verify(ForArticle("  ", "port")),
              StatusIs(absl::StatusCode::kInvalidArgument, "claim"));
  EXPECT_THAT(core_->Verify(ForArticle("bad \xFF byte", "port")),
              StatusIs(absl::StatusCode::kInvalidArgument, "UTF-8"));
  EXPECT_THAT(core_->Verify(ForArticle(std::string(600, 'x'), "port")),
              StatusIs(absl::StatusCode::kResourceExhausted, "512"));
  EXPECT_THAT(core_->Verify(ForArticle("A claim.", "missing")),
              StatusIs(absl::StatusCode::kNotFound, "missing"));
  EXPECT_THAT(core_->Verify(ForArticle("A claim.", "bad id!")),
              StatusHasCode(absl::StatusCode::kInvalidArgument));

  v1::VerifyRequest no_scope;
  no_scope.set_claim("A claim.");
  EXPECT_THAT(core_->Verify(no_scope),
              StatusIs(absl::StatusCode::kInvalidArgument, "scope"));
  v1::VerifyRequest two_scopes = ForArticle("A claim.", "port");
  two_scopes.set_evidence_text("Some text.");
  EXPECT_THAT(core_->Verify(two_scopes),
              StatusIs(absl::StatusCode::kInvalidArgument, "scope"));
  v1::VerifyRequest too_much = ForArticle("A claim.", "port");
  too_much.set_max_evidence(1000);
  EXPECT_THAT(core_->Verify(too_much),
              StatusIs(absl::StatusCode::kInvalidArgument, "max_evidence"));
}

TEST_F(VerifierCoreTest, VerdictsAgainstAStoredArticle) {
  const std::string id = Ingest(kArticle, "port");
  v1::VerifyRequest supported = ForArticle(
      "The port authority handled 3.2 million containers last year.", id);
  supported.set_request_id("r-1");
  auto response = core_->Verify(supported);
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->verdict(), v1::VERDICT_SUPPORTED)
      << response->DebugString();
  EXPECT_EQ(response->request_id(), "r-1");
  ASSERT_FALSE(response->evidence().empty());
  EXPECT_EQ(response->evidence(0).statement().article_id(), id);

  response = core_->Verify(ForArticle(
      "The port authority handled 5 million containers last year.", id));
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->verdict(), v1::VERDICT_CONTRADICTED)
      << response->DebugString();
  ASSERT_FALSE(response->mismatches().empty());
  EXPECT_EQ(response->mismatches(0).kind(), v1::MISMATCH_KIND_NUMBER);

  response =
      core_->Verify(ForArticle("The mayor opened a new football stadium.", id));
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->verdict(), v1::VERDICT_UNSUPPORTED)
      << response->DebugString();
}

TEST_F(VerifierCoreTest, InlineEvidenceNeedsNoStore) {
  VerifierCore inline_only(nullptr, std::make_unique<VerificationEngine>(),
                           VerifierOptions());
  v1::VerifyRequest request;
  request.set_claim("The authority plans to hire 120 dock workers.");
  request.set_evidence_text(kArticle);
  auto response = inline_only.Verify(request);
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->verdict(), v1::VERDICT_SUPPORTED)
      << response->DebugString();
  ASSERT_FALSE(response->evidence().empty());
  const v1::Statement& evidence = response->evidence(0).statement();
  EXPECT_EQ(std::string(kArticle).substr(
                evidence.span().begin(),
                evidence.span().end() - evidence.span().begin()),
            evidence.text());

  request.clear_evidence_text();
  request.add_article_ids("port");
  EXPECT_THAT(inline_only.Verify(request),
              StatusHasCode(absl::StatusCode::kFailedPrecondition));
}

TEST_F(VerifierCoreTest, ArchiveScopeSearchesEveryArticle) {
  Ingest(kArticle, "port");
  Ingest("The city library will close on Sundays from June.", "library");
  v1::VerifyRequest request;
  request.set_claim("The library will close on Sundays.");
  request.mutable_archive();
  auto response = core_->Verify(request);
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->verdict(), v1::VERDICT_SUPPORTED)
      << response->DebugString();
  ASSERT_FALSE(response->evidence().empty());
  EXPECT_EQ(response->evidence(0).statement().article_id(), "library");

  request.mutable_archive()->mutable_filter()->set_publisher("Nobody");
  response = core_->Verify(request);
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->verdict(), v1::VERDICT_UNSUPPORTED);
  EXPECT_THAT(response->evidence(), SizeIs(0));
}

// The archive query is expanded with WordNet aliases and synonyms: a claim
// about Paris finds the article that only says France.
TEST_F(VerifierCoreTest, ArchiveSearchFindsAnAliasOfTheClaimsWords) {
  if (DefaultWordRelations() == nullptr) GTEST_SKIP() << "no WordNet";
  Ingest("France will host the climate talks in November.", "talks");
  Ingest("The city library will close on Sundays from June.", "library");
  v1::VerifyRequest request;
  request.set_claim("Paris is the venue");
  request.mutable_archive();
  auto response = core_->Verify(request);
  ASSERT_THAT(response, IsOk());
  ASSERT_FALSE(response->evidence().empty()) << response->DebugString();
  EXPECT_EQ(response->evidence(0).statement().article_id(), "talks");
}

TEST_F(VerifierCoreTest, BatchKeepsOrderAndLimits) {
  const std::string id = Ingest(kArticle, "port");
  v1::VerifyBatchRequest batch;
  batch.add_article_ids(id);
  batch.add_claims("The authority plans to hire 120 dock workers.");
  batch.add_claims("The authority plans to hire 500 dock workers.");
  auto response = core_->VerifyBatch(batch);
  ASSERT_THAT(response, IsOk());
  ASSERT_THAT(response->results(), SizeIs(2));
  EXPECT_EQ(response->results(0).verdict(), v1::VERDICT_SUPPORTED);
  EXPECT_EQ(response->results(1).verdict(), v1::VERDICT_CONTRADICTED);

  batch.add_claims("");
  EXPECT_THAT(core_->VerifyBatch(batch),
              StatusIs(absl::StatusCode::kInvalidArgument, "claims[2]"));
  batch.clear_claims();
  EXPECT_THAT(core_->VerifyBatch(batch),
              StatusHasCode(absl::StatusCode::kInvalidArgument));
  for (int i = 0; i < 5; ++i) batch.add_claims("A claim.");
  EXPECT_THAT(core_->VerifyBatch(batch),
              StatusHasCode(absl::StatusCode::kResourceExhausted));
}

// The product promise on the seed article (DESIGN §1), when the shared data
// is present: restated -> supported, changed number or added negation ->
// contradicted with the mismatch, never-mentioned -> unsupported.
TEST_F(VerifierCoreTest, SharedSampleArticleVerdicts) {
  std::ifstream in(std::string(FACTCHECK_SHARED_DATA_DIR) +
                   "/samples/sco-summit-modi-xi.txt");
  if (!in) GTEST_SKIP() << "shared sample article not present";
  std::stringstream body;
  body << in.rdbuf();
  const std::string id = Ingest(body.str(), "sco");

  auto verify = [&](const std::string& claim) {
    auto response = core_->Verify(ForArticle(claim, id));
    EXPECT_THAT(response, IsOk());
    return response.ok() ? *response : v1::VerifyResponse();
  };

  v1::VerifyResponse r =
      verify("Washington imposed steep 50% tariffs on Indian exports.");
  EXPECT_EQ(r.verdict(), v1::VERDICT_SUPPORTED) << r.DebugString();
  ASSERT_FALSE(r.evidence().empty());
  EXPECT_THAT(r.evidence(0).statement().text(), HasSubstr("50% tariffs"));

  r = verify("Washington imposed steep 25% tariffs on Indian exports.");
  EXPECT_EQ(r.verdict(), v1::VERDICT_CONTRADICTED) << r.DebugString();
  ASSERT_FALSE(r.mismatches().empty());
  EXPECT_EQ(r.mismatches(0).kind(), v1::MISMATCH_KIND_NUMBER);
  EXPECT_THAT(r.mismatches(0).claim_value(), HasSubstr("25"));
  EXPECT_THAT(r.mismatches(0).evidence_value(), HasSubstr("50"));

  r = verify("Washington did not impose tariffs on Indian exports.");
  EXPECT_EQ(r.verdict(), v1::VERDICT_CONTRADICTED) << r.DebugString();
  ASSERT_FALSE(r.mismatches().empty());
  EXPECT_EQ(r.mismatches(0).kind(), v1::MISMATCH_KIND_NEGATION);

  r = verify("Joe Biden attended the summit.");
  EXPECT_EQ(r.verdict(), v1::VERDICT_UNSUPPORTED) << r.DebugString();

  r = verify(
      "India's trade deficit with China has climbed to a record "
      "$99.2 billion.");
  EXPECT_EQ(r.verdict(), v1::VERDICT_SUPPORTED) << r.DebugString();
}

// --- Deadlines and cancellation (CallControl) ---

// Counts the reads it passes on to `inner`. Thread-safe.
class CountingEvidenceSource final : public EvidenceSource {
 public:
  explicit CountingEvidenceSource(const EvidenceSource* inner)
      : inner_(inner) {}

  using EvidenceSource::ArticleStatements;
  using EvidenceSource::SearchArchive;

  absl::StatusOr<std::vector<v1::Statement>> ArticleStatements(
      std::string_view article_id, const CallControl& control) const override {
    ++reads_;
    return inner_->ArticleStatements(article_id, control);
  }
  absl::StatusOr<std::vector<v1::Statement>> SearchArchive(
      std::string_view query, const v1::ArticleFilter& filter,
      int max_candidates, const CallControl& control) const override {
    ++reads_;
    return inner_->SearchArchive(query, filter, max_candidates, control);
  }

  int reads() const { return reads_.load(); }

 private:
  const EvidenceSource* inner_;
  mutable std::atomic<int> reads_{0};
};

// A control without deadline that is cancelled from its (k+1)th check on;
// `checks` counts every check.
CallControl CancelledAfter(int k, std::shared_ptr<std::atomic<int>> checks) {
  return CallControl(absl::InfiniteFuture(),
                     [k, checks] { return ++*checks > k; });
}

class VerifierCoreControlTest : public VerifierCoreTest {
 protected:
  VerifierCoreControlTest() : counting_(&source_) {
    VerifierOptions options;
    options.max_batch_size = 4;
    counted_core_ = std::make_unique<VerifierCore>(
        &counting_, std::make_unique<VerificationEngine>(), options);
    // Enough statements that the engine checks the control several times
    // per claim (every few candidates).
    std::string body = "Port hiring report\n";
    for (int i = 0; i < 40; ++i) {
      absl::StrAppend(&body, "The authority hired ", 10 + i,
                      " dock workers in week ", i + 1, ". ");
    }
    id_ = Ingest(body, "hiring");
  }

  // Checks before the first claim: before any work, before reading the
  // scope's one article.
  static constexpr int kChecksBeforeClaims = 2;

  // How many checks one claim costs (identical claims cost the same).
  int ChecksPerClaim() {
    auto checks = std::make_shared<std::atomic<int>>(0);
    EXPECT_THAT(
        counted_core_->VerifyBatch(Batch(1), CancelledAfter(1000, checks)),
        IsOk());
    return *checks - kChecksBeforeClaims;
  }

  v1::VerifyBatchRequest Batch(int claims) {
    v1::VerifyBatchRequest batch;
    batch.add_article_ids(id_);
    for (int i = 0; i < claims; ++i) {
      batch.add_claims("The authority hired 12 dock workers in week 3.");
    }
    return batch;
  }

  CountingEvidenceSource counting_;
  std::unique_ptr<VerifierCore> counted_core_;
  std::string id_;
};

TEST_F(VerifierCoreControlTest, ExpiredDeadlineStopsBeforeAnyWork) {
  const CallControl expired(absl::InfinitePast(), nullptr);
  int verified = -1;
  EXPECT_THAT(counted_core_->VerifyBatch(Batch(3), expired, &verified),
              StatusIs(absl::StatusCode::kDeadlineExceeded,
                       "deadline exceeded after 0 of 3 claims verified"));
  EXPECT_EQ(verified, 0);
  v1::VerifyRequest archive;
  archive.set_claim("The authority hired 12 dock workers in week 3.");
  archive.mutable_archive();
  EXPECT_THAT(counted_core_->Verify(archive, expired),
              StatusHasCode(absl::StatusCode::kDeadlineExceeded));
  // Neither the scope's articles nor the archive were read.
  EXPECT_EQ(counting_.reads(), 0);
  // A bad request is still told what is wrong with it.
  archive.set_claim("");
  EXPECT_THAT(counted_core_->Verify(archive, expired),
              StatusHasCode(absl::StatusCode::kInvalidArgument));
}

TEST_F(VerifierCoreControlTest, CancellationStopsBetweenClaimsSayingHowFar) {
  const int per_claim = ChecksPerClaim();
  // Several checks inside the engine, not only the one before the claim.
  ASSERT_GE(per_claim, 3);

  // Cancelled at the check before the third claim.
  auto checks = std::make_shared<std::atomic<int>>(0);
  int verified = -1;
  absl::StatusOr<v1::VerifyBatchResponse> result = counted_core_->VerifyBatch(
      Batch(4), CancelledAfter(kChecksBeforeClaims + 2 * per_claim, checks),
      &verified);
  EXPECT_EQ(result.status(),
            absl::CancelledError("cancelled after 2 of 4 claims verified"));
  EXPECT_EQ(verified, 2);
  // Nothing ran after the stop.
  EXPECT_EQ(*checks, kChecksBeforeClaims + 2 * per_claim + 1);
}

TEST_F(VerifierCoreControlTest, CancellationStopsInsideTheEngine) {
  const int per_claim = ChecksPerClaim();
  // Past the check before the third claim: inside its verification, at the
  // engine's first look.
  auto checks = std::make_shared<std::atomic<int>>(0);
  int verified = -1;
  absl::StatusOr<v1::VerifyBatchResponse> result = counted_core_->VerifyBatch(
      Batch(4), CancelledAfter(kChecksBeforeClaims + 2 * per_claim + 1, checks),
      &verified);
  EXPECT_EQ(result.status(),
            absl::CancelledError("cancelled after 2 of 4 claims verified, "
                                 "then 0 of 41 candidate statements analysed"));
  EXPECT_EQ(verified, 2);
}

TEST_F(VerifierCoreControlTest, AControlThatNeverStopsChangesNoVerdict) {
  v1::VerifyBatchRequest batch = Batch(1);
  batch.add_claims("The authority hired 99 dock workers in week 3.");
  batch.add_claims("The mayor opened a stadium.");
  auto checks = std::make_shared<std::atomic<int>>(0);
  int verified = -1;
  FC_ASSERT_OK_AND_ASSIGN(v1::VerifyBatchResponse controlled,
                          counted_core_->VerifyBatch(
                              batch, CancelledAfter(1000, checks), &verified));
  EXPECT_EQ(verified, 3);
  EXPECT_GT(*checks, 3);
  FC_ASSERT_OK_AND_ASSIGN(v1::VerifyBatchResponse plain,
                          counted_core_->VerifyBatch(batch));
  EXPECT_EQ(controlled.SerializeAsString(), plain.SerializeAsString());
}

TEST(VerificationEngineControlTest, StopsWithTheControlsStatus) {
  VerificationEngine engine;
  std::vector<v1::Statement> candidates(20);
  for (int i = 0; i < 20; ++i) {
    candidates[i].set_text(absl::StrCat("Prices rose ", i, "% in May."));
  }
  EXPECT_THAT(
      engine.Verify("Prices rose 5% in May.", candidates, 3,
                    CallControl(absl::InfinitePast(), nullptr)),
      StatusIs(
          absl::StatusCode::kDeadlineExceeded,
          "deadline exceeded after 0 of 20 candidate statements analysed"));
  // Cancelled at its fourth check, the first in the alignment of the
  // evidence units (statements are checked at 0, 8 and 16 of 20).
  auto checks = std::make_shared<std::atomic<int>>(0);
  EXPECT_THAT(engine.Verify("Prices rose 5% in May.", candidates, 3,
                            CancelledAfter(3, checks)),
              StatusIs(absl::StatusCode::kCancelled,
                       "cancelled after 0 of 20 evidence units aligned"));
  const v1::VerifyResponse plain =
      engine.Verify("Prices rose 5% in May.", candidates, 3);
  FC_ASSERT_OK_AND_ASSIGN(
      v1::VerifyResponse controlled,
      engine.Verify("Prices rose 5% in May.", candidates, 3, CallControl()));
  EXPECT_EQ(controlled.SerializeAsString(), plain.SerializeAsString());
  EXPECT_EQ(plain.verdict(), v1::VERDICT_SUPPORTED);
}

}  // namespace
}  // namespace factcheck::verifier
