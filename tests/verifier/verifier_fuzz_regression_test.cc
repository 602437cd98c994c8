// Regressions found by fuzz/fuzz_requests, replayed through the same cores
// (ClaimsCore over an in-memory store, VerifierCore with the committed
// model) so that the gcc build checks them too.
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/claims/claims_core.h"
#include "services/verifier/local_evidence_source.h"
#include "services/verifier/model_pair_scorer.h"
#include "services/verifier/verifier_core.h"
#include "storage/in_memory_statement_store.h"
#include "tests/testing/status_matchers.h"

namespace factcheck::verifier {
namespace {

using ::factcheck::testing::IsOk;

// The fuzz target's seed article.
constexpr char kSeedBody[] =
    "Harbour town votes to expand ferry service\n"
    "The Port Ellery council voted 7 to 2 on Monday to add three ferry "
    "crossings a day from June 2025.\n"
    "\"We have waited a decade for this,\" said councillor Maya Osei.\n"
    "The expansion will cost $4.5 million, according to the harbour "
    "authority.\n"
    "Ferry operator Bluewater said ridership rose 12% last year.";

// fuzz_requests: the unsupported score took the supported and contradicted
// mass as float sums and came out as 1.00000012, so the response's
// confidence left 0..1.
TEST(VerifierFuzzRegressionTest, ConfidenceStaysAProbability) {
  absl::StatusOr<std::unique_ptr<VerificationEngine>> engine =
      LoadVerificationEngine({});
  if (!engine.ok()) GTEST_SKIP() << engine.status();
  storage::InMemoryStatementStore store;
  claims::ClaimsCore claims(&store, claims::ClaimsOptions());
  LocalEvidenceSource source(&claims);
  VerifierCore core(&source, *std::move(engine), VerifierOptions());

  v1::IngestArticleRequest ingest;
  ingest.mutable_article()->set_id("seed");
  ingest.mutable_article()->set_body(kSeedBody);
  ingest.mutable_article()->set_publisher("Ellery Gazette");
  ingest.mutable_article()->mutable_published_at()->set_seconds(1735689600);
  ASSERT_THAT(claims.IngestArticle(ingest), IsOk());

  v1::VerifyRequest request;
  request.set_claim("Ruth Adeyemi said the drop was nuuo tsnual.");
  request.mutable_archive()->set_max_candidates(5);
  absl::StatusOr<v1::VerifyResponse> response = core.Verify(request);
  ASSERT_THAT(response, IsOk());
  EXPECT_LE(response->confidence(), 1.0f);
  EXPECT_GE(response->confidence(), 0.0f);
  for (float p :
       {response->scores().supported(), response->scores().contradicted(),
        response->scores().unsupported()}) {
    EXPECT_LE(p, 1.0f);
    EXPECT_GE(p, 0.0f);
  }
}

}  // namespace
}  // namespace factcheck::verifier
