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

constexpr std::string_view kBody =
    "The city council approved a 30% increase in the transit budget on "
    "Tuesday. Mayor Lena Ortiz said the money will fund twelve new bus "
    "routes.\n"
    "The council did not approve the stadium proposal. Construction of the "
    "harbour bridge will cost $45 million, officials said.";

class VerificationEngineTest : public ::testing::Test {
 protected:
  VerificationEngineTest() : statements_(ArticleStatements(kBody, "art")) {
    // The second sentence is Ortiz's (as ingest would attribute it).
    v1::Attribution* a = statements_[1].mutable_attribution();
    a->set_kind(v1::ATTRIBUTION_KIND_INDIRECT);
    a->mutable_speaker()->set_name("Lena Ortiz");
    statements_[0].mutable_attribution()->set_kind(
        v1::ATTRIBUTION_KIND_NARRATOR);
  }

  v1::VerifyResponse Verify(std::string_view claim) {
    v1::VerifyResponse r = engine_.Verify(claim, statements_, 3);
    ExpectWellFormed(r, claim, kBody);
    return r;
  }

  VerificationEngine engine_;
  std::vector<v1::Statement> statements_;
};

TEST_F(VerificationEngineTest, SplitsTheArticleIntoFourStatements) {
  ASSERT_EQ(statements_.size(), 4u);
}

TEST_F(VerificationEngineTest, RestatedSentenceIsSupportedWithThatEvidence) {
  const v1::VerifyResponse r =
      Verify("The city council approved a 30% increase in the transit budget");
  EXPECT_EQ(r.verdict(), v1::VERDICT_SUPPORTED);
  EXPECT_GT(r.confidence(), 0.5f);
  ASSERT_FALSE(r.evidence().empty());
  EXPECT_EQ(r.evidence(0).statement().id(), "art:0");
  EXPECT_EQ(r.evidence(0).relation(), v1::EVIDENCE_RELATION_SUPPORTS);
  EXPECT_FLOAT_EQ(r.evidence(0).coverage(), 1.0f);
  EXPECT_TRUE(r.mismatches().empty());
  EXPECT_THAT(r.explanation(), HasSubstr("Supported"));
  EXPECT_THAT(r.explanation(), HasSubstr("narrator"));
}

TEST_F(VerificationEngineTest, AlignedSpansPointAtTheSameWords) {
  const std::string claim = "The council approved a 30% increase";
  const v1::VerifyResponse r = Verify(claim);
  ASSERT_FALSE(r.evidence().empty());
  int exact = 0;
  for (const v1::AlignedSpan& a : r.evidence(0).alignments()) {
    if (a.match() != "exact") continue;
    ++exact;
    EXPECT_EQ(SpanText(claim, a.claim_span()),
              SpanText(kBody, a.evidence_span()));
  }
  EXPECT_GE(exact, 3);
}

TEST_F(VerificationEngineTest, PercentWordsMatchPercentSign) {
  const std::string claim =
      "The city council approved a 30 percent increase in the transit budget";
  const v1::VerifyResponse r = Verify(claim);
  EXPECT_EQ(r.verdict(), v1::VERDICT_SUPPORTED);
  ASSERT_FALSE(r.evidence().empty());
  bool number = false;
  for (const v1::AlignedSpan& a : r.evidence(0).alignments()) {
    if (a.match() != "number") continue;
    number = true;
    EXPECT_EQ(SpanText(claim, a.claim_span()), "30 percent");
    EXPECT_EQ(SpanText(kBody, a.evidence_span()), "30%");
  }
  EXPECT_TRUE(number);
}

TEST_F(VerificationEngineTest, ChangedNumberIsContradictedWithBothValues) {
  const std::string claim =
      "The city council approved a 40% increase in the transit budget";
  const v1::VerifyResponse r = Verify(claim);
  EXPECT_EQ(r.verdict(), v1::VERDICT_CONTRADICTED);
  ASSERT_EQ(r.mismatches_size(), 1);
  const v1::Mismatch& m = r.mismatches(0);
  EXPECT_EQ(m.kind(), v1::MISMATCH_KIND_NUMBER);
  EXPECT_EQ(m.claim_value(), "40%");
  EXPECT_EQ(m.evidence_value(), "30%");
  EXPECT_EQ(SpanText(claim, m.claim_span()), "40%");
  EXPECT_EQ(SpanText(kBody, m.evidence_span()), "30%");
  EXPECT_EQ(m.statement_id(), "art:0");
  EXPECT_THAT(m.description(), HasSubstr("40%"));
  EXPECT_THAT(m.description(), HasSubstr("30%"));
  ASSERT_FALSE(r.evidence().empty());
  EXPECT_EQ(r.evidence(0).relation(), v1::EVIDENCE_RELATION_CONTRADICTS);
  EXPECT_THAT(r.explanation(),
              HasSubstr("Contradicted: the claim says 40%, but the article "
                        "says 30%"));
}

TEST_F(VerificationEngineTest, ExplanationNamesTheSpeaker) {
  const v1::VerifyResponse r =
      Verify("Ortiz said the money will fund nine new bus routes");
  EXPECT_EQ(r.verdict(), v1::VERDICT_CONTRADICTED);
  ASSERT_FALSE(r.mismatches().empty());
  EXPECT_EQ(r.mismatches(0).statement_id(), "art:1");
  EXPECT_THAT(r.explanation(), HasSubstr("Lena Ortiz"));
}

TEST_F(VerificationEngineTest, AddedNegationIsContradicted) {
  const std::string claim =
      "The city council did not approve an increase in the transit budget";
  const v1::VerifyResponse r = Verify(claim);
  EXPECT_EQ(r.verdict(), v1::VERDICT_CONTRADICTED);
  ASSERT_FALSE(r.mismatches().empty());
  const v1::Mismatch& m = r.mismatches(0);
  EXPECT_EQ(m.kind(), v1::MISMATCH_KIND_NEGATION);
  EXPECT_THAT(std::string(SpanText(claim, m.claim_span())), HasSubstr("not"));
  EXPECT_EQ(SpanText(kBody, m.evidence_span()), "approved");
  EXPECT_EQ(m.statement_id(), "art:0");
}

TEST_F(VerificationEngineTest, DroppedNegationIsContradicted) {
  const std::string claim = "The council approved the stadium proposal";
  const v1::VerifyResponse r = Verify(claim);
  EXPECT_EQ(r.verdict(), v1::VERDICT_CONTRADICTED);
  ASSERT_FALSE(r.mismatches().empty());
  EXPECT_EQ(r.mismatches(0).kind(), v1::MISMATCH_KIND_NEGATION);
  EXPECT_EQ(r.mismatches(0).statement_id(), "art:2");
  EXPECT_THAT(std::string(SpanText(kBody, r.mismatches(0).evidence_span())),
              HasSubstr("not"));
}

TEST_F(VerificationEngineTest, UnrelatedClaimIsUnsupported) {
  const v1::VerifyResponse r =
      Verify("Astronomers discovered a comet near Jupiter");
  EXPECT_EQ(r.verdict(), v1::VERDICT_UNSUPPORTED);
  EXPECT_TRUE(r.mismatches().empty());
  EXPECT_THAT(r.explanation(), HasSubstr("Unsupported"));
}

TEST_F(VerificationEngineTest,
       PartlyCoveredClaimIsUnsupportedAndSaysWhatIsMissing) {
  const v1::VerifyResponse r =
      Verify("The council approved a new airport for Springfield");
  EXPECT_EQ(r.verdict(), v1::VERDICT_UNSUPPORTED);
  EXPECT_THAT(r.explanation(), HasSubstr("airport"));
}

TEST_F(VerificationEngineTest, WindowOfAdjacentSentencesSupportsAJoinedClaim) {
  // Needs both sentence 0 (council, 30% budget increase) and sentence 1
  // (twelve new bus routes).
  const std::string claim =
      "The council approved a 30% transit budget increase that will fund "
      "twelve new bus routes";
  const v1::VerifyResponse r = Verify(claim);
  EXPECT_EQ(r.verdict(), v1::VERDICT_SUPPORTED);
  ASSERT_GE(r.evidence_size(), 2);
  std::vector<std::string> ids = {r.evidence(0).statement().id(),
                                  r.evidence(1).statement().id()};
  EXPECT_THAT(ids, ::testing::UnorderedElementsAre("art:0", "art:1"));
}

TEST_F(VerificationEngineTest, CompoundClaimIsContradictedWhenOnePartIs) {
  const std::string claim =
      "The council approved a 30% increase in the transit budget; the "
      "council approved the stadium proposal";
  const v1::VerifyResponse r = Verify(claim);
  EXPECT_EQ(r.verdict(), v1::VERDICT_CONTRADICTED);
  ASSERT_EQ(r.subclaims_size(), 2);
  EXPECT_EQ(r.subclaims(0).verdict(), v1::VERDICT_SUPPORTED);
  EXPECT_EQ(r.subclaims(1).verdict(), v1::VERDICT_CONTRADICTED);
  for (const v1::Subclaim& s : r.subclaims()) {
    EXPECT_EQ(SpanText(claim, s.span()), s.text());
  }
}

TEST_F(VerificationEngineTest, CompoundClaimIsSupportedOnlyWhenAllPartsAre) {
  const v1::VerifyResponse both = Verify(
      "The council approved a 30% increase in the transit budget. The "
      "harbour bridge will cost $45 million.");
  EXPECT_EQ(both.verdict(), v1::VERDICT_SUPPORTED);
  EXPECT_EQ(both.subclaims_size(), 2);

  const v1::VerifyResponse one = Verify(
      "The council approved a 30% increase in the transit budget. Astronomers "
      "discovered a comet near Jupiter.");
  EXPECT_EQ(one.verdict(), v1::VERDICT_UNSUPPORTED);
}

TEST_F(VerificationEngineTest, MaxEvidenceIsHonoured) {
  const v1::VerifyResponse r =
      engine_.Verify("The council approved the transit budget", statements_, 1);
  EXPECT_LE(r.evidence_size(), 1);
}

TEST(VerificationEngineNoCandidatesTest, IsUnsupported) {
  VerificationEngine engine;
  const v1::VerifyResponse r = engine.Verify("Anything at all", {}, 3);
  EXPECT_EQ(r.verdict(), v1::VERDICT_UNSUPPORTED);
  EXPECT_FLOAT_EQ(r.scores().unsupported(), 1.0f);
  EXPECT_TRUE(r.evidence().empty());
  EXPECT_FALSE(r.explanation().empty());
}

// A scorer that always contradicts: the engine must use the seam, not its
// own opinion.
class ContradictingScorer : public PairScorer {
 public:
  ClassProbabilities Classify(const AnalyzedText&, const AnalyzedText&,
                              const PairAnalysis&) const override {
    return {0.1f, 0.8f, 0.1f};
  }
};

TEST(VerificationEngineScorerTest, UsesTheInjectedScorer) {
  VerificationEngine engine(std::make_unique<ContradictingScorer>());
  const auto statements = ArticleStatements("Cats sleep a lot.", "a");
  const v1::VerifyResponse r = engine.Verify("Cats sleep a lot", statements, 3);
  EXPECT_EQ(r.verdict(), v1::VERDICT_CONTRADICTED);
  EXPECT_FLOAT_EQ(r.confidence(), 0.8f);
}

// A claim that spans two sentences is scored against their window; the
// contradiction must point at the sentence that holds the mismatch, not at
// its neighbour.
TEST_F(VerificationEngineTest, WindowContradictionCitesTheMismatchedSentence) {
  const v1::VerifyResponse r = Verify(
      "The council approved the transit budget on Tuesday and the "
      "money will fund nine new bus routes");
  ASSERT_EQ(r.verdict(), v1::VERDICT_CONTRADICTED) << r.DebugString();
  ASSERT_FALSE(r.mismatches().empty());
  EXPECT_EQ(r.mismatches(0).statement_id(), "art:1");
  ASSERT_FALSE(r.evidence().empty());
  EXPECT_EQ(r.evidence(0).statement().id(), "art:1");
  EXPECT_EQ(r.evidence(0).relation(), v1::EVIDENCE_RELATION_CONTRADICTS);
  EXPECT_THAT(r.explanation(), HasSubstr("twelve new bus routes"));
}

// An unrelated negation in the neighbouring sentence ("could not afford")
// must not cancel the one on the claim's own words.
TEST(VerificationEngineNegationTest, NegationIsJudgedPerAlignedWord) {
  constexpr std::string_view kTaxes =
      "He said the city could not afford repairs without raising property "
      "taxes. Property taxes will not rise next year, officials said.";
  const std::vector<v1::Statement> statements =
      ArticleStatements(kTaxes, "tax");
  VerificationEngine engine;
  const v1::VerifyResponse r =
      engine.Verify("Property taxes will rise next year.", statements, 3);
  ExpectWellFormed(r, "Property taxes will rise next year.", kTaxes);
  ASSERT_EQ(r.verdict(), v1::VERDICT_CONTRADICTED) << r.DebugString();
  ASSERT_FALSE(r.mismatches().empty());
  EXPECT_EQ(r.mismatches(0).kind(), v1::MISMATCH_KIND_NEGATION);
  EXPECT_EQ(r.mismatches(0).statement_id(), "tax:1");
  EXPECT_THAT(r.mismatches(0).evidence_value(), HasSubstr("not rise"));
}

// Stored statements' analyses are cached across requests by id and text:
// an article re-ingested under the same id must be analysed anew.
TEST(VerificationEngineCacheTest, NewTextUnderTheSameIdIsAnalysedAnew) {
  VerificationEngine engine;
  const std::vector<v1::Statement> before =
      ArticleStatements("Prices rose 5% in May.", "a");
  const std::vector<v1::Statement> after =
      ArticleStatements("Prices rose 9% in May.", "a");
  ASSERT_EQ(before[0].id(), after[0].id());
  const std::string claim = "Prices rose 5% in May";
  EXPECT_EQ(engine.Verify(claim, before, 3).verdict(), v1::VERDICT_SUPPORTED);
  EXPECT_EQ(engine.Verify(claim, after, 3).verdict(), v1::VERDICT_CONTRADICTED);
  EXPECT_EQ(engine.Verify(claim, before, 3).verdict(), v1::VERDICT_SUPPORTED);
}

// The same sentence under the same id, re-attributed (the article was
// re-ingested after a correction), must not reuse the old speaker.
TEST(VerificationEngineCacheTest, NewSpeakerUnderTheSameIdIsAnalysedAnew) {
  VerificationEngine engine;
  std::vector<v1::Statement> by_modi =
      ArticleStatements("Trade between the two countries rose 5% in May.", "a");
  std::vector<v1::Statement> by_xi = by_modi;
  by_modi[0].mutable_attribution()->mutable_speaker()->set_name(
      "Narendra Modi");
  by_xi[0].mutable_attribution()->mutable_speaker()->set_name("Xi Jinping");
  const std::string claim =
      "Modi said trade between the two countries rose 5% in May.";
  EXPECT_NE(engine.Verify(claim, by_modi, 3).verdict(),
            v1::VERDICT_CONTRADICTED);
  const v1::VerifyResponse xi = engine.Verify(claim, by_xi, 3);
  ASSERT_EQ(xi.verdict(), v1::VERDICT_CONTRADICTED) << xi.DebugString();
  EXPECT_EQ(xi.mismatches(0).kind(), v1::MISMATCH_KIND_ATTRIBUTION);
  EXPECT_NE(engine.Verify(claim, by_modi, 3).verdict(),
            v1::VERDICT_CONTRADICTED);
}

TEST(AnalysisCacheTest, StaysWithinItsCapacity) {
  AnalysisCache cache(2);
  auto analysis = std::make_shared<const AnalyzedText>();
  cache.Insert("a", analysis);
  cache.Insert("b", analysis);
  EXPECT_NE(cache.Find("a"), nullptr);
  cache.Insert("c", analysis);
  EXPECT_EQ(cache.Find("a"), nullptr);
  EXPECT_NE(cache.Find("c"), nullptr);
}

}  // namespace
}  // namespace factcheck::verifier
