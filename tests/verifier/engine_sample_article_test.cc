// The engine over the project's sample article (shared data); skipped when
// the shared data folder is absent.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/verifier/verification_engine.h"
#include "tests/verifier/engine_test_util.h"

namespace factcheck::verifier {
namespace {

using ::factcheck::verifier::testing::ArticleStatements;
using ::factcheck::verifier::testing::ExpectWellFormed;
using ::factcheck::verifier::testing::SpanText;
using ::testing::HasSubstr;

class SampleArticleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = std::string(FACTCHECK_SHARED_DATA_DIR) +
                             "/samples/sco-summit-modi-xi.txt";
    std::ifstream in(path);
    if (!in) GTEST_SKIP() << "sample article not found: " << path;
    std::stringstream buffer;
    buffer << in.rdbuf();
    body_ = buffer.str();
    statements_ = ArticleStatements(body_, "sco");
    for (v1::Statement& s : statements_) {
      s.mutable_attribution()->set_kind(v1::ATTRIBUTION_KIND_NARRATOR);
    }
  }

  v1::VerifyResponse Verify(std::string_view claim) {
    v1::VerifyResponse r = engine_.Verify(claim, statements_, 3);
    ExpectWellFormed(r, claim, body_);
    return r;
  }

  VerificationEngine engine_;
  std::string body_;
  std::vector<v1::Statement> statements_;
};

TEST_F(SampleArticleTest, RestatedTariffsAreSupported) {
  const v1::VerifyResponse r =
      Verify("Washington imposed 50% tariffs on Indian exports");
  EXPECT_EQ(r.verdict(), v1::VERDICT_SUPPORTED);
  ASSERT_FALSE(r.evidence().empty());
  EXPECT_THAT(r.evidence(0).statement().text(),
              HasSubstr("Washington imposed steep 50% tariffs"));
}

TEST_F(SampleArticleTest, WrongTariffRateIsANumberMismatch) {
  const std::string claim = "Washington imposed 25% tariffs on Indian exports";
  const v1::VerifyResponse r = Verify(claim);
  EXPECT_EQ(r.verdict(), v1::VERDICT_CONTRADICTED);
  ASSERT_FALSE(r.mismatches().empty());
  const v1::Mismatch& m = r.mismatches(0);
  EXPECT_EQ(m.kind(), v1::MISMATCH_KIND_NUMBER);
  EXPECT_EQ(m.claim_value(), "25%");
  EXPECT_EQ(m.evidence_value(), "50%");
  EXPECT_EQ(SpanText(claim, m.claim_span()), "25%");
  EXPECT_EQ(SpanText(body_, m.evidence_span()), "50%");
  EXPECT_THAT(r.explanation(),
              HasSubstr("the claim says 25%, but the article says 50%"));
  EXPECT_THAT(r.explanation(), HasSubstr("narrator"));
}

TEST_F(SampleArticleTest, DeniedTariffsAreANegationMismatch) {
  const v1::VerifyResponse r =
      Verify("Washington did not impose tariffs on Indian exports");
  EXPECT_EQ(r.verdict(), v1::VERDICT_CONTRADICTED);
  ASSERT_FALSE(r.mismatches().empty());
  EXPECT_EQ(r.mismatches(0).kind(), v1::MISMATCH_KIND_NEGATION);
}

TEST_F(SampleArticleTest, AbsentPersonIsUnsupported) {
  const v1::VerifyResponse r = Verify("Joe Biden attended the summit");
  EXPECT_EQ(r.verdict(), v1::VERDICT_UNSUPPORTED);
}

}  // namespace
}  // namespace factcheck::verifier
