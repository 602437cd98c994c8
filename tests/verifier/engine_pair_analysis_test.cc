#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/verifier/claim_analysis.h"
#include "services/verifier/lexical_pair_scorer.h"
#include "services/verifier/pair_analysis.h"
#include "services/verifier/verification_engine.h"

namespace factcheck::verifier {
namespace {

// A pair analysed as the engine does it (WordNet when installed), with the
// baseline scorer's probabilities.
struct Scored {
  PairAnalysis result;
  ClassProbabilities p;
  float supported() const { return p[0]; }
  float contradicted() const { return p[1]; }
  float unsupported() const { return p[2]; }
};

Scored ScorePair(std::string_view claim, std::string_view evidence,
                 uint32_t evidence_base = 0,
                 std::string_view evidence_speaker = "") {
  const text::WordRelations* relations = DefaultWordRelations().get();
  const AnalyzedText c = AnalyzeClaim(claim, 0, relations);
  AnalyzedText e = AnalyzeText(evidence, evidence_base, relations);
  e.speaker = std::string(evidence_speaker);
  Scored s;
  s.result = AnalyzePair(c, e);
  s.p = LexicalPairScorer().Classify(c, e, s.result);
  EXPECT_NEAR(s.p[0] + s.p[1] + s.p[2], 1.0, 1e-5);
  return s;
}

bool HasMatch(const PairAnalysis& r, std::string_view match) {
  for (const v1::AlignedSpan& a : r.alignments) {
    if (a.match() == match) return true;
  }
  return false;
}

// The single mismatch of `kind`, or null.
const v1::Mismatch* FindKind(const PairAnalysis& r, v1::MismatchKind kind) {
  for (const v1::Mismatch& m : r.mismatches) {
    if (m.kind() == kind) return &m;
  }
  return nullptr;
}

bool HaveWordNet() { return DefaultWordRelations() != nullptr; }

TEST(PairAnalysisTest, IdenticalTextIsFullyCoveredAndSupported) {
  const Scored s = ScorePair("Exports of steel fell sharply in March",
                             "Exports of steel fell sharply in March.");
  EXPECT_FLOAT_EQ(s.result.coverage, 1.0f);
  EXPECT_GT(s.supported(), 0.9f);
  EXPECT_TRUE(s.result.mismatches.empty());
}

TEST(PairAnalysisTest, StemsAlign) {
  const Scored s =
      ScorePair("The company imposes tariffs", "The company imposed tariffs.");
  EXPECT_FLOAT_EQ(s.result.coverage, 1.0f);
  EXPECT_TRUE(HasMatch(s.result, "stem"));
}

TEST(PairAnalysisTest, EvidenceSpansCarryTheBaseOffset) {
  const Scored s = ScorePair("steel exports", "Steel exports rose.", 1000);
  ASSERT_EQ(s.result.alignments.size(), 2u);
  EXPECT_EQ(s.result.alignments[0].evidence_span().begin(), 1000u);
  EXPECT_EQ(s.result.alignments[0].evidence_span().end(), 1005u);
  EXPECT_EQ(s.result.alignments[0].claim_span().begin(), 0u);
}

TEST(PairAnalysisTest, DifferentNumberInContextIsANumberMismatch) {
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
  EXPECT_EQ(s.result.features[kNumberMismatches], 1.0f);
  EXPECT_FLOAT_EQ(s.result.coverage_with_mismatches, 1.0f);
  EXPECT_GT(s.contradicted(), 0.9f);
}

TEST(PairAnalysisTest, NumbersOfAnotherUnitAreNotCompared) {
  const Scored s = ScorePair("Unemployment rose to 7% in the region",
                             "Unemployment in the region rose by 9,000.");
  EXPECT_TRUE(s.result.mismatches.empty());
  EXPECT_LT(s.contradicted(), 0.5f);
}

TEST(PairAnalysisTest, YearsDisagreeAsDates) {
  const Scored s = ScorePair("The dam was completed in 1998",
                             "The dam was completed in 2004.");
  ASSERT_EQ(s.result.mismatches.size(), 1u);
  EXPECT_EQ(s.result.mismatches[0].kind(), v1::MISMATCH_KIND_DATE);
}

TEST(PairAnalysisTest, EqualQuantitiesInOtherWordsAlign) {
  const Scored s = ScorePair("Sales grew 12 percent", "Sales grew 12%.");
  EXPECT_FLOAT_EQ(s.result.coverage, 1.0f);
  EXPECT_TRUE(s.result.mismatches.empty());
}

TEST(PairAnalysisTest, NegationOnOneSideIsAMismatch) {
  const Scored s = ScorePair("The minister did not sign the treaty",
                             "The minister signed the treaty.");
  ASSERT_EQ(s.result.mismatches.size(), 1u);
  EXPECT_EQ(s.result.mismatches[0].kind(), v1::MISMATCH_KIND_NEGATION);
  EXPECT_EQ(s.result.mismatches[0].claim_value(), "did not sign");
  EXPECT_EQ(s.result.mismatches[0].evidence_value(), "signed");
  EXPECT_GT(s.contradicted(), 0.9f);
}

TEST(PairAnalysisTest, NegationOnBothSidesAgrees) {
  const Scored s = ScorePair("The minister did not sign the treaty",
                             "The minister never signed the treaty.");
  EXPECT_TRUE(s.result.mismatches.empty());
  EXPECT_GT(s.supported(), 0.5f);
}

TEST(PairAnalysisTest, NegationAwayFromAlignedWordsIsIgnored) {
  const Scored s = ScorePair(
      "The minister signed the treaty",
      "The minister signed the treaty, without revealing any details.");
  EXPECT_TRUE(s.result.mismatches.empty());
}

TEST(PairAnalysisTest, UnrelatedTextIsUnsupported) {
  const Scored s = ScorePair("Volcanic ash grounded flights in Iceland",
                             "The orchestra performed a new symphony.");
  EXPECT_FLOAT_EQ(s.result.coverage, 0.0f);
  EXPECT_TRUE(s.result.alignments.empty());
  EXPECT_GT(s.unsupported(), 0.9f);
}

TEST(PairAnalysisTest, EmptyClaimContentIsUnsupported) {
  const Scored s = ScorePair("it is what it is", "It is raining.");
  EXPECT_GT(s.unsupported(), 0.9f);
}

TEST(PairAnalysisTest, WordNetSynonymsAlign) {
  if (!HaveWordNet()) GTEST_SKIP() << "WordNet is not installed";
  const Scored s = ScorePair("The firm bought a new automobile",
                             "The firm purchased a new car.");
  EXPECT_FLOAT_EQ(s.result.coverage, 1.0f);
  EXPECT_TRUE(HasMatch(s.result, "synonym"));
  EXPECT_GT(s.result.features[kLexicalAligned], 0.0f);
}

TEST(PairAnalysisTest, AntonymNextToTheAlignedWordsIsAMismatch) {
  if (!HaveWordNet()) GTEST_SKIP() << "WordNet is not installed";
  const Scored s = ScorePair("Exports increased sharply in March",
                             "Exports decreased sharply in March.");
  const v1::Mismatch* m = FindKind(s.result, v1::MISMATCH_KIND_ANTONYM);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->claim_value(), "increased");
  EXPECT_EQ(m->evidence_value(), "decreased");
  EXPECT_EQ(s.result.features[kAntonymMismatches], 1.0f);
}

TEST(PairAnalysisTest, NegatedAntonymAgrees) {
  if (!HaveWordNet()) GTEST_SKIP() << "WordNet is not installed";
  const Scored s = ScorePair("Exports did not increase in March",
                             "Exports decreased in March.");
  EXPECT_EQ(FindKind(s.result, v1::MISMATCH_KIND_ANTONYM), nullptr);
}

TEST(PairAnalysisTest, AnotherNameInTheSameContextIsAnEntityMismatch) {
  const Scored s = ScorePair("Police arrested Daniel Moreno on Friday",
                             "Police arrested Victor Lang on Friday.");
  const v1::Mismatch* m = FindKind(s.result, v1::MISMATCH_KIND_ENTITY);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->claim_value(), "Daniel Moreno");
  EXPECT_EQ(m->evidence_value(), "Victor Lang");
}

TEST(PairAnalysisTest, AnotherPlaceIsALocationMismatch) {
  const Scored s = ScorePair("The summit was held in Geneva last week",
                             "The summit was held in Vienna last week.");
  const v1::Mismatch* m = FindKind(s.result, v1::MISMATCH_KIND_LOCATION);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->claim_value(), "Geneva");
  EXPECT_EQ(m->evidence_value(), "Vienna");
}

TEST(PairAnalysisTest, ClaimSpeakerAgainstAnotherSpeakerIsAnAttribution) {
  const Scored s = ScorePair(
      "Modi said the countries should be partners rather than rivals",
      "The countries should be partners rather than rivals.", 0, "xi jinping");
  const v1::Mismatch* m = FindKind(s.result, v1::MISMATCH_KIND_ATTRIBUTION);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->claim_value(), "Modi");
  EXPECT_EQ(m->evidence_value(), "xi jinping");  // no display name given
  // The speaker's name is not part of what the claim reports.
  EXPECT_FLOAT_EQ(s.result.coverage, 1.0f);
}

TEST(PairAnalysisTest, SameSpeakerByAnotherNameFormAgrees) {
  const Scored s =
      ScorePair("Xi said the countries should be partners",
                "The countries should be partners.", 0, "xi jinping");
  EXPECT_EQ(FindKind(s.result, v1::MISMATCH_KIND_ATTRIBUTION), nullptr);
  EXPECT_EQ(s.result.features[kSpeakerUnmatched], 0.0f);
}

TEST(PairAnalysisTest, SwappedSubjectAndObjectIsARoleSwap) {
  const Scored s =
      ScorePair("Apple sued Samsung in May", "Samsung sued Apple in May.");
  const v1::Mismatch* m = FindKind(s.result, v1::MISMATCH_KIND_ROLE);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->claim_value(), "Apple sued Samsung");
  EXPECT_EQ(m->evidence_value(), "Samsung sued Apple");
}

TEST(PairAnalysisTest, PassiveVoiceIsNoRoleSwap) {
  const Scored s = ScorePair("Apple sued Samsung in May",
                             "Samsung was sued by Apple in May.");
  EXPECT_EQ(FindKind(s.result, v1::MISMATCH_KIND_ROLE), nullptr);
}

TEST(PairAnalysisTest, FutureAgainstPastIsAModalityMismatch) {
  const Scored s = ScorePair("The plant will restart production",
                             "The plant has restarted production.");
  const v1::Mismatch* m = FindKind(s.result, v1::MISMATCH_KIND_MODALITY);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->claim_value(), "will restart");
}

TEST(PairAnalysisTest, AllAgainstSomeIsAQuantifierMismatch) {
  const Scored s = ScorePair("All schools in the district closed",
                             "Some schools in the district closed.");
  const v1::Mismatch* m = FindKind(s.result, v1::MISMATCH_KIND_QUANTIFIER);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->claim_value(), "All schools");
  EXPECT_EQ(m->evidence_value(), "Some schools");
}

TEST(PairAnalysisTest, ContextCountsWhatNoCandidateHolds) {
  const AnalyzedText c = AnalyzeClaim("Moreno met Lang in Oslo in 2019", 0);
  std::vector<PairAnalysis> pairs = {
      AnalyzePair(c, AnalyzeText("Moreno met Lang.", 0)),
      AnalyzePair(c, AnalyzeText("They spoke for an hour.", 100))};
  AddClaimContext(c, pairs);
  for (const PairAnalysis& p : pairs) {
    EXPECT_EQ(p.features[kDocumentUnalignedNames], 1.0f);    // Oslo
    EXPECT_EQ(p.features[kDocumentUnalignedNumbers], 1.0f);  // 2019
    EXPECT_EQ(p.features[kClaimLowercase], 0.0f);
    EXPECT_FLOAT_EQ(p.features[kDocumentCoverage], pairs[0].coverage);
  }
}

}  // namespace
}  // namespace factcheck::verifier
