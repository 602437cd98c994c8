#include "bench/accuracy/metrics.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace factcheck::accuracy {
namespace {

using ::testing::DoubleNear;
using ::testing::Optional;

TEST(LabelTest, ParsesAndNamesTheThreeClasses) {
  EXPECT_THAT(ParseLabel("SUPPORTED"), Optional(Label::kSupported));
  EXPECT_THAT(ParseLabel("CONTRADICTED"), Optional(Label::kContradicted));
  EXPECT_THAT(ParseLabel("UNSUPPORTED"), Optional(Label::kUnsupported));
  EXPECT_EQ(ParseLabel("supported"), std::nullopt);
  EXPECT_EQ(LabelName(Label::kContradicted), "CONTRADICTED");
}

// gold S: 3 rows -> predicted S,S,U; gold C: 2 rows -> C,S; gold U: 1 -> U.
Confusion Example() {
  Confusion c;
  c.Add(Label::kSupported, Label::kSupported);
  c.Add(Label::kSupported, Label::kSupported);
  c.Add(Label::kSupported, Label::kUnsupported);
  c.Add(Label::kContradicted, Label::kContradicted);
  c.Add(Label::kContradicted, Label::kSupported);
  c.Add(Label::kUnsupported, Label::kUnsupported);
  return c;
}

TEST(ThreeWayScoresTest, MatchesHandComputedValues) {
  const Scores s = ThreeWayScores(Example());
  EXPECT_EQ(s.rows, 6);
  EXPECT_THAT(s.accuracy, DoubleNear(4.0 / 6, 1e-9));
  // Recalls 2/3, 1/2, 1.
  EXPECT_THAT(s.balanced_accuracy, DoubleNear((2.0 / 3 + 0.5 + 1) / 3, 1e-9));
  // Precisions 2/3, 1, 1/2 -> F1 2/3, 2/3, 2/3.
  EXPECT_THAT(s.classes[0].precision, DoubleNear(2.0 / 3, 1e-9));
  EXPECT_THAT(s.classes[2].precision, DoubleNear(0.5, 1e-9));
  EXPECT_THAT(s.macro_f1, DoubleNear(2.0 / 3, 1e-9));
  EXPECT_EQ(s.matrix[1][0], 1);
  EXPECT_EQ(s.classes[1].support, 2);
  EXPECT_EQ(s.classes[0].predicted, 3);
}

TEST(BinaryScoresTest, MergesContradictedIntoNotSupported) {
  const Scores s = BinaryScores(Example());
  ASSERT_EQ(s.classes.size(), 2u);
  // SUPPORTED: 2 of 3 recalled; NOT_SUPPORTED: C->C, C->S, U->U: 2 of 3.
  EXPECT_EQ(s.matrix[0][0], 2);
  EXPECT_EQ(s.matrix[0][1], 1);
  EXPECT_EQ(s.matrix[1][0], 1);
  EXPECT_EQ(s.matrix[1][1], 2);
  EXPECT_THAT(s.balanced_accuracy, DoubleNear(2.0 / 3, 1e-9));
}

TEST(ScoresFromMatrixTest, ClassesAbsentFromGoldAndPredictionsAreIgnored) {
  // Only class A occurs; B never appears: balanced accuracy and macro-F1
  // average over A alone.
  const Scores s = ScoresFromMatrix({"A", "B"}, {{4, 0}, {0, 0}});
  EXPECT_THAT(s.balanced_accuracy, DoubleNear(1.0, 1e-9));
  EXPECT_THAT(s.macro_f1, DoubleNear(1.0, 1e-9));
}

TEST(ScoresFromMatrixTest, PredictedOnlyClassLowersMacroF1ButNotBalanced) {
  // Gold all A; one predicted as B (a class with no gold rows).
  const Scores s = ScoresFromMatrix({"A", "B"}, {{3, 1}, {0, 0}});
  EXPECT_THAT(s.balanced_accuracy, DoubleNear(0.75, 1e-9));
  // F1(A) = 2*1*0.75/1.75, F1(B) = 0.
  EXPECT_THAT(s.macro_f1, DoubleNear((1.5 / 1.75) / 2, 1e-9));
}

TEST(ScoresTest, EmptyMatrixGivesZeroScores) {
  const Scores s = ThreeWayScores(Confusion());
  EXPECT_EQ(s.rows, 0);
  EXPECT_EQ(s.accuracy, 0);
  EXPECT_EQ(s.balanced_accuracy, 0);
  EXPECT_FALSE(FormatScores(s).empty());
}

}  // namespace
}  // namespace factcheck::accuracy
