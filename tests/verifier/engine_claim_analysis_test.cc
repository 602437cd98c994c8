#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/verifier/claim_analysis.h"

namespace factcheck::verifier {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Texts(std::string_view claim,
                               const std::vector<text::ByteSpan>& spans) {
  std::vector<std::string> out;
  for (const text::ByteSpan& s : spans) {
    out.emplace_back(claim.substr(s.begin, s.size()));
  }
  return out;
}

TEST(AnalyzeTextTest, ContentSkipsStopWordsAndKeepsQuantitiesAsOneItem) {
  const AnalyzedText a = AnalyzeText("The rate rose to 50 percent.", 10);
  std::vector<std::string> content;
  for (size_t i : a.content) content.push_back(a.tokens[i].text);
  EXPECT_THAT(content, ElementsAre("rate", "rose", "50"));
  ASSERT_EQ(a.quantities.size(), 1u);
  EXPECT_EQ(a.quantities[0].unit, "%");
  // Spans are absolute.
  EXPECT_EQ(a.tokens[0].span.begin, 10u);
  EXPECT_EQ(a.Slice(a.quantities[0].span), "50 percent");
  EXPECT_GT(a.TotalWeight(), 0.0f);
}

TEST(AnalyzeTextTest, FindsNegationCues) {
  const AnalyzedText a = AnalyzeText("They didn't sign, and never will.", 0);
  std::vector<std::string> cues;
  for (size_t i : a.negations) cues.push_back(a.tokens[i].norm);
  EXPECT_THAT(cues, ElementsAre("n't", "never"));
}

TEST(AnalyzeClaimTest, ReportedSpeechNamesTheSpeakerOutsideTheContent) {
  const std::string claim = "Modi said the countries should be partners";
  const AnalyzedText a = AnalyzeClaim(claim, 0);
  EXPECT_EQ(a.speaker, "modi");
  EXPECT_EQ(claim.substr(a.speaker_span.begin, a.speaker_span.size()), "Modi");
  std::vector<std::string> content;
  for (size_t i : a.content) content.push_back(a.tokens[i].text);
  EXPECT_THAT(content, ElementsAre("countries", "partners"));
}

TEST(AnalyzeClaimTest, NarratorClaimHasNoSpeaker) {
  const AnalyzedText a = AnalyzeClaim("The countries are partners", 0);
  EXPECT_TRUE(a.speaker.empty());
}

TEST(AnalyzeTextTest, CapitalisedWordsInsideASentenceAreNames) {
  const AnalyzedText a = AnalyzeText("Talks with Victor Lang ended.", 0);
  std::vector<std::string> names;
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    if (a.is_name[i]) names.push_back(a.tokens[i].text);
  }
  EXPECT_THAT(names, ElementsAre("Victor", "Lang"));
}

TEST(JoinAnalyzedTest, EqualsAnalysingBothPartsAtOnce) {
  const AnalyzedText a = AnalyzeText("Prices rose 5% in May.", 100);
  const AnalyzedText b = AnalyzeText("Wages did not rise, said Ann Lee.", 200);
  const AnalyzedText joined = JoinAnalyzed(a, b);
  const AnalyzedText whole =
      AnalyzeParts({{100, "Prices rose 5% in May."},
                    {200, "Wages did not rise, said Ann Lee."}});
  ASSERT_EQ(joined.tokens.size(), whole.tokens.size());
  for (size_t i = 0; i < whole.tokens.size(); ++i) {
    EXPECT_EQ(joined.tokens[i].span, whole.tokens[i].span) << i;
  }
  EXPECT_EQ(joined.content, whole.content);
  EXPECT_EQ(joined.negations, whole.negations);
  EXPECT_EQ(joined.quantity_of_token, whole.quantity_of_token);
  EXPECT_EQ(joined.weight, whole.weight);
  EXPECT_EQ(joined.is_name, whole.is_name);
  ASSERT_EQ(joined.quantities.size(), whole.quantities.size());
  EXPECT_EQ(joined.quantities[0].first_token, whole.quantities[0].first_token);
  EXPECT_EQ(joined.Slice(joined.quantities[0].span), "5%");
}

TEST(AnalyzePartsTest, KeepsEachPartsOwnOffsets) {
  const AnalyzedText a =
      AnalyzeParts({{100, "Prices rose."}, {200, "Wages fell."}});
  ASSERT_FALSE(a.tokens.empty());
  EXPECT_EQ(a.tokens.front().span.begin, 100u);
  EXPECT_EQ(a.Slice(a.tokens.front().span), "Prices");
  const text::Token& wages = a.tokens[a.content[2]];
  EXPECT_EQ(wages.span.begin, 200u);
  EXPECT_EQ(a.Slice(wages.span), "Wages");
  // A span across the gap between the parts has no text.
  EXPECT_EQ(a.Slice({100, 210}), "");
}

TEST(SplitSubclaimsTest, SingleClauseIsOnePart) {
  const std::string claim = "  India and China agreed to resume flights.  ";
  EXPECT_THAT(Texts(claim, SplitSubclaims(claim)),
              ElementsAre("India and China agreed to resume flights."));
}

TEST(SplitSubclaimsTest, SplitsSentencesAndClausesWithVerbs) {
  const std::string claim =
      "Prices rose by 5%; wages stagnated, and unions protested. The bank "
      "raised rates.";
  EXPECT_THAT(Texts(claim, SplitSubclaims(claim)),
              ElementsAre("Prices rose by 5%", "wages stagnated",
                          "unions protested.", "The bank raised rates."));
}

TEST(SplitSubclaimsTest, DoesNotSplitAListWithoutVerbs) {
  const std::string claim =
      "The bloc includes China, India, and Russia, and Iran.";
  EXPECT_EQ(SplitSubclaims(claim).size(), 1u);
}

TEST(SplitSubclaimsTest, BlankClaimHasNoParts) {
  EXPECT_EQ(SplitSubclaims("   ").size(), 0u);
}

}  // namespace
}  // namespace factcheck::verifier
