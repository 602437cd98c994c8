#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/verifier/claim_analysis.h"
#include "services/verifier/lexical_pair_scorer.h"

namespace factcheck::verifier {
namespace {

struct Scored {
  PairResult result;
  LexicalFeatures features;
};

Scored ScorePair(std::string_view claim, std::string_view evidence,
                 uint32_t evidence_base = 0) {
  LexicalPairScorer scorer;
  Scored s;
  s.result = scorer.ScoreWithFeatures(
      AnalyzeText(claim, 0), AnalyzeText(evidence, evidence_base), &s.features);
  const PairResult& r = s.result;
  EXPECT_NEAR(r.supported + r.contradicted + r.unsupported, 1.0, 1e-5);
  return s;
}

TEST(LexicalPairScorerTest, IdenticalTextIsFullyCoveredAndSupported) {
  const Scored s = ScorePair("Exports of steel fell sharply in March",
                             "Exports of steel fell sharply in March.");
  EXPECT_FLOAT_EQ(s.result.coverage, 1.0f);
  EXPECT_GT(s.result.supported, 0.9f);
  EXPECT_TRUE(s.result.mismatches.empty());
}

TEST(LexicalPairScorerTest, StemsAlign) {
  const Scored s =
      ScorePair("The company imposes tariffs", "The company imposed tariffs.");
  EXPECT_FLOAT_EQ(s.result.coverage, 1.0f);
  bool stem = false;
  for (const v1::AlignedSpan& a : s.result.alignments) {
    stem = stem || a.match() == "stem";
  }
  EXPECT_TRUE(stem);
}

TEST(LexicalPairScorerTest, EvidenceSpansCarryTheBaseOffset) {
  const Scored s = ScorePair("steel exports", "Steel exports rose.", 1000);
  ASSERT_EQ(s.result.alignments.size(), 2u);
  EXPECT_EQ(s.result.alignments[0].evidence_span().begin(), 1000u);
  EXPECT_EQ(s.result.alignments[0].evidence_span().end(), 1005u);
  EXPECT_EQ(s.result.alignments[0].claim_span().begin(), 0u);
}

TEST(LexicalPairScorerTest, DifferentNumberInContextIsANumberMismatch) {
  const std::string claim = "Unemployment rose to 7% in the region";
  const std::string evidence = "Unemployment in the region rose to 9%.";
  const Scored s = ScorePair(claim, evidence);
  ASSERT_EQ(s.result.mismatches.size(), 1u);
  const v1::Mismatch& m = s.result.mismatches[0];
  EXPECT_EQ(m.kind(), v1::MISMATCH_KIND_NUMBER);
  EXPECT_EQ(m.claim_value(), "7%");
  EXPECT_EQ(m.evidence_value(), "9%");
  EXPECT_EQ(m.description(), "claim says 7%, evidence says 9%");
  EXPECT_EQ(claim.substr(m.claim_span().begin(),
                         m.claim_span().end() - m.claim_span().begin()),
            "7%");
  EXPECT_EQ(
      evidence.substr(m.evidence_span().begin(),
                      m.evidence_span().end() - m.evidence_span().begin()),
      "9%");
  EXPECT_EQ(s.features.number_mismatch, 1.0f);
  EXPECT_FLOAT_EQ(s.features.coverage_with_mismatches, 1.0f);
  EXPECT_GT(s.result.contradicted, 0.9f);
}

TEST(LexicalPairScorerTest, NumbersOfAnotherUnitAreNotCompared) {
  const Scored s = ScorePair("Unemployment rose to 7% in the region",
                             "Unemployment in the region rose by 9,000.");
  EXPECT_TRUE(s.result.mismatches.empty());
  EXPECT_LT(s.result.contradicted, 0.5f);
}

TEST(LexicalPairScorerTest, YearsDisagreeAsDates) {
  const Scored s = ScorePair("The dam was completed in 1998",
                             "The dam was completed in 2004.");
  ASSERT_EQ(s.result.mismatches.size(), 1u);
  EXPECT_EQ(s.result.mismatches[0].kind(), v1::MISMATCH_KIND_DATE);
}

TEST(LexicalPairScorerTest, EqualQuantitiesInOtherWordsAlign) {
  const Scored s = ScorePair("Sales grew 12 percent", "Sales grew 12%.");
  EXPECT_FLOAT_EQ(s.result.coverage, 1.0f);
  EXPECT_TRUE(s.result.mismatches.empty());
}

TEST(LexicalPairScorerTest, NegationOnOneSideIsAMismatch) {
  const Scored s = ScorePair("The minister did not sign the treaty",
                             "The minister signed the treaty.");
  ASSERT_EQ(s.result.mismatches.size(), 1u);
  EXPECT_EQ(s.result.mismatches[0].kind(), v1::MISMATCH_KIND_NEGATION);
  EXPECT_EQ(s.result.mismatches[0].claim_value(), "did not sign");
  EXPECT_EQ(s.result.mismatches[0].evidence_value(), "signed");
  EXPECT_GT(s.result.contradicted, 0.9f);
}

TEST(LexicalPairScorerTest, NegationOnBothSidesAgrees) {
  const Scored s = ScorePair("The minister did not sign the treaty",
                             "The minister never signed the treaty.");
  EXPECT_TRUE(s.result.mismatches.empty());
  EXPECT_GT(s.result.supported, 0.5f);
}

TEST(LexicalPairScorerTest, NegationAwayFromAlignedWordsIsIgnored) {
  const Scored s = ScorePair(
      "The minister signed the treaty",
      "The minister signed the treaty, without revealing any details.");
  EXPECT_TRUE(s.result.mismatches.empty());
}

TEST(LexicalPairScorerTest, UnrelatedTextIsUnsupported) {
  const Scored s = ScorePair("Volcanic ash grounded flights in Iceland",
                             "The orchestra performed a new symphony.");
  EXPECT_FLOAT_EQ(s.result.coverage, 0.0f);
  EXPECT_TRUE(s.result.alignments.empty());
  EXPECT_GT(s.result.unsupported, 0.9f);
}

TEST(LexicalPairScorerTest, EmptyClaimContentIsUnsupported) {
  const Scored s = ScorePair("it is what it is", "It is raining.");
  EXPECT_GT(s.result.unsupported, 0.9f);
}

}  // namespace
}  // namespace factcheck::verifier
