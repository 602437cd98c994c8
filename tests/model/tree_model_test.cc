#include "services/verifier/model/tree_model.h"

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace factcheck::verifier {
namespace {

using ::factcheck::testing::StatusIs;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// A hand-written model; the comments give each line's number, which the
// corruption tests below refer to.
std::vector<std::string> HandModelLines() {
  return {
      "factcheck-gbt 1",               // 1
      "meta trained_on hand-written",  // 2
      "meta thresholds 0.5 0.7",       // 3
      "classes 3",                     // 4
      "features 2 f0 f1",              // 5
      "base_margin 0.5",               // 6
      "trees 2",                       // 7
      "tree 0 3",                      // 8: f0 < 0.5, NaN left
      "0 0.5 1 2 1 0",                 // 9
      "-1 0 -1 -1 0 1",                // 10
      "-1 0 -1 -1 0 -1",               // 11
      "tree 2 5",                      // 12: f1 < 2, NaN right
      "1 2 1 2 0 0",                   // 13
      "-1 0 -1 -1 0 0.5",              // 14
      "0 3 3 4 0 0",                   // 15: f0 < 3, NaN right
      "-1 0 -1 -1 0 0.25",             // 16
      "-1 0 -1 -1 0 -0.75",            // 17
  };
}

// The lines joined, with the checksum line the format needs appended.
std::string Signed(const std::vector<std::string>& lines) {
  std::string body = absl::StrJoin(lines, "\n") + "\n";
  return body + absl::StrFormat("checksum %016x\n", Fnv1a64(body));
}

// The hand model with line `number` (1-based) replaced, re-signed: the
// content is wrong but not damaged in transit.
std::string WithLine(int number, const std::string& replacement) {
  std::vector<std::string> lines = HandModelLines();
  lines[number - 1] = replacement;
  return Signed(lines);
}

std::array<double, 3> Softmax(std::array<double, 3> margins) {
  double sum = 0;
  for (double m : margins) sum += std::exp(m);
  return {std::exp(margins[0]) / sum, std::exp(margins[1]) / sum,
          std::exp(margins[2]) / sum};
}

TEST(Fnv1a64Test, MatchesPublishedVectors) {
  EXPECT_EQ(Fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(Fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(Fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

TEST(TreeEnsembleTest, ParsesHandWrittenModel) {
  FC_ASSERT_OK_AND_ASSIGN(TreeEnsemble model,
                          TreeEnsemble::Parse(Signed(HandModelLines())));
  EXPECT_THAT(model.feature_names(), ::testing::ElementsAre("f0", "f1"));
  EXPECT_EQ(model.num_classes(), 3);
  EXPECT_EQ(model.num_trees(), 2u);
  EXPECT_EQ(model.base_margin(), 0.5f);
  ASSERT_NE(model.FindMetadata("thresholds"), nullptr);
  EXPECT_EQ(*model.FindMetadata("thresholds"), "0.5 0.7");
  EXPECT_EQ(*model.FindMetadata("trained_on"), "hand-written");
  EXPECT_EQ(model.FindMetadata("seed"), nullptr);
  EXPECT_EQ(model.metadata().size(), 2u);
}

TEST(TreeEnsembleTest, WithMetadataFirstAddsLinesAndKeepsThePredictions) {
  FC_ASSERT_OK_AND_ASSIGN(TreeEnsemble model,
                          TreeEnsemble::Parse(Signed(HandModelLines())));
  FC_ASSERT_OK_AND_ASSIGN(
      TreeEnsemble tagged,
      model.WithMetadataFirst({{"threshold_support", "0.3"}}));
  ASSERT_EQ(tagged.metadata().size(), 3u);
  EXPECT_EQ(tagged.metadata()[0].first, "threshold_support");
  FC_ASSERT_OK_AND_ASSIGN(TreeEnsemble reread,
                          TreeEnsemble::Parse(tagged.ToText()));
  EXPECT_EQ(*reread.FindMetadata("threshold_support"), "0.3");
  const float x[2] = {0.2f, 3.0f};
  EXPECT_EQ(reread.PredictProba(x, 2), model.PredictProba(x, 2));
  EXPECT_THAT(model.WithMetadataFirst({{"trained_on", "again"}}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "duplicate metadata key 'trained_on'"));
}

struct HandCase {
  float f0;
  float f1;
  std::array<double, 3> margins;  // worked out by hand from the trees
};

TEST(TreeEnsembleTest, PredictsHandComputedProbabilities) {
  FC_ASSERT_OK_AND_ASSIGN(TreeEnsemble model,
                          TreeEnsemble::Parse(Signed(HandModelLines())));
  const HandCase cases[] = {
      // tree 0: f0 0.2 < 0.5 -> +1; tree 1: f1 1 < 2 -> +0.5.
      {0.2f, 1.0f, {1.5, 0.5, 1.0}},
      // tree 0: right -> -1; tree 1: right, then f0 0.7 < 3 -> +0.25.
      {0.7f, 5.0f, {-0.5, 0.5, 0.75}},
      // Equal to the threshold goes right (x < t is false).
      {0.5f, 2.0f, {-0.5, 0.5, 0.75}},
      // NaN f0: tree 0 defaults left (+1), tree 1's f0 split right (-0.75).
      {kNaN, 5.0f, {1.5, 0.5, -0.25}},
      // NaN f1: tree 1 defaults right, then f0 4 >= 3 -> -0.75.
      {4.0f, kNaN, {-0.5, 0.5, -0.25}},
  };
  for (const HandCase& c : cases) {
    SCOPED_TRACE(absl::StrFormat("f0=%g f1=%g", c.f0, c.f1));
    const float row[] = {c.f0, c.f1};
    const std::array<float, 3> margins = model.PredictMargins(row, 2);
    const std::array<float, 3> proba = model.PredictProba(row, 2);
    const std::array<double, 3> expected = Softmax(c.margins);
    for (int k = 0; k < 3; ++k) {
      EXPECT_EQ(margins[k], static_cast<float>(c.margins[k])) << "class " << k;
      EXPECT_NEAR(proba[k], expected[k], 1e-6) << "class " << k;
    }
  }
}

TEST(TreeEnsembleTest, WrongFeatureCountGivesNaN) {
  FC_ASSERT_OK_AND_ASSIGN(TreeEnsemble model,
                          TreeEnsemble::Parse(Signed(HandModelLines())));
  const float row[] = {0.2f, 1.0f, 3.0f};
  for (float p : model.PredictProba(row, 3)) EXPECT_TRUE(std::isnan(p));
  for (float p : model.PredictProba(row, 1)) EXPECT_TRUE(std::isnan(p));
}

TEST(TreeEnsembleTest, ToTextRoundTripsTheHandModelByteForByte) {
  const std::string text = Signed(HandModelLines());
  FC_ASSERT_OK_AND_ASSIGN(TreeEnsemble model, TreeEnsemble::Parse(text));
  EXPECT_EQ(model.ToText(), text);
}

// Thresholds at the edges of float: zeros of both signs, denormals, the
// largest finite values.
const std::vector<float>& AwkwardFloats() {
  static const auto* values =
      new std::vector<float>{0.1f,
                             1.0f / 3.0f,
                             -2.7182817f,
                             1e-7f,
                             123456.789f,
                             0.0f,
                             -0.0f,
                             std::numeric_limits<float>::denorm_min(),
                             -std::numeric_limits<float>::denorm_min(),
                             std::numeric_limits<float>::min(),
                             -std::numeric_limits<float>::min(),
                             std::numeric_limits<float>::max(),
                             std::numeric_limits<float>::lowest()};
  return *values;
}

// One split on feature x at `threshold`: leaf +1 on the left, -1 on the
// right, both for class 0.
GbtTree OneSplit(float threshold, bool default_left) {
  return {.class_index = 0,
          .nodes = {{.feature = 0,
                     .threshold = threshold,
                     .left = 1,
                     .right = 2,
                     .default_left = default_left},
                    {.leaf_value = 1.0f},
                    {.leaf_value = -1.0f}}};
}

TEST(TreeEnsembleTest, SplitRuleIsXgboostsAtTheEdges) {
  constexpr float kInf = std::numeric_limits<float>::infinity();
  for (float t : AwkwardFloats()) {
    for (bool default_left : {false, true}) {
      GbtModelSpec spec;
      spec.feature_names = {"x"};
      spec.trees = {OneSplit(t, default_left)};
      FC_ASSERT_OK_AND_ASSIGN(TreeEnsemble model, TreeEnsemble::FromSpec(spec));
      for (float x :
           {t, std::nextafter(t, -kInf), std::nextafter(t, kInf), -t, 0.0f,
            -0.0f, kInf, -kInf, kNaN, std::numeric_limits<float>::max(),
            std::numeric_limits<float>::lowest()}) {
        // XGBoost: left when x < t; a missing value by default direction.
        const bool left = std::isnan(x) ? default_left : x < t;
        EXPECT_EQ(model.PredictMargins(&x, 1)[0], left ? 1.0f : -1.0f)
            << "t=" << t << " default_left=" << default_left << " x=" << x;
      }
    }
  }
}

TEST(TreeEnsembleTest, FloatsAndMetadataRoundTripExactly) {
  GbtModelSpec spec;
  spec.metadata = {{"note", "  spaces kept  "}, {"empty", ""}};
  spec.feature_names = {"x"};
  spec.base_margin = 1.0f / 7.0f;
  for (float value : AwkwardFloats()) {
    for (bool default_left : {false, true}) {
      GbtTree tree = OneSplit(value, default_left);
      tree.class_index = default_left ? 1 : 2;
      tree.nodes[1].leaf_value = value;
      spec.trees.push_back(tree);
    }
  }
  FC_ASSERT_OK_AND_ASSIGN(TreeEnsemble model, TreeEnsemble::FromSpec(spec));
  const std::string text = model.ToText();
  FC_ASSERT_OK_AND_ASSIGN(TreeEnsemble parsed, TreeEnsemble::Parse(text));
  EXPECT_EQ(parsed.ToText(), text);
  EXPECT_EQ(parsed.num_trees(), spec.trees.size());
  EXPECT_EQ(parsed.base_margin(), spec.base_margin);
  EXPECT_EQ(*parsed.FindMetadata("note"), "  spaces kept  ");
  EXPECT_EQ(*parsed.FindMetadata("empty"), "");
  // Each threshold survives exactly: the value itself goes right and the
  // float just below it left, in both models alike.
  for (float value : AwkwardFloats()) {
    for (float x : {value, std::nextafter(value, -INFINITY), kNaN}) {
      const std::array<float, 3> expected = model.PredictMargins(&x, 1);
      const std::array<float, 3> actual = parsed.PredictMargins(&x, 1);
      for (int k = 0; k < 3; ++k) {
        EXPECT_EQ(std::bit_cast<uint32_t>(actual[k]),
                  std::bit_cast<uint32_t>(expected[k]))
            << "x=" << x << " class " << k;
      }
    }
  }
}

TEST(TreeEnsembleTest, ModelWithoutTreesPredictsUniform) {
  GbtModelSpec spec;
  spec.feature_names = {"x"};
  FC_ASSERT_OK_AND_ASSIGN(TreeEnsemble model, TreeEnsemble::FromSpec(spec));
  FC_ASSERT_OK_AND_ASSIGN(TreeEnsemble parsed,
                          TreeEnsemble::Parse(model.ToText()));
  const float x = 1.0f;
  for (float p : parsed.PredictProba(&x, 1)) EXPECT_FLOAT_EQ(p, 1.0f / 3);
}

// --- Damaged files ---------------------------------------------------------

TEST(TreeEnsembleParseTest, EmptyText) {
  EXPECT_THAT(TreeEnsemble::Parse(""),
              StatusIs(absl::StatusCode::kDataLoss, "empty"));
}

TEST(TreeEnsembleParseTest, TruncatedFileHasNoChecksumLine) {
  const std::string text = Signed(HandModelLines());
  // Cut in the middle of line 15.
  const std::string cut = text.substr(0, text.find("0 3 3 4") + 3);
  EXPECT_THAT(TreeEnsemble::Parse(cut),
              StatusIs(absl::StatusCode::kDataLoss, "line 15: "));
  EXPECT_THAT(TreeEnsemble::Parse(cut),
              StatusIs(absl::StatusCode::kDataLoss, "truncated"));
}

TEST(TreeEnsembleParseTest, ChangedByteFailsTheChecksum) {
  std::string text = Signed(HandModelLines());
  text[text.find("0.25")] = '9';  // 0.25 -> 9.25: still a valid number
  EXPECT_THAT(
      TreeEnsemble::Parse(text),
      StatusIs(absl::StatusCode::kDataLoss, "line 18: checksum mismatch"));
}

TEST(TreeEnsembleParseTest, MalformedChecksum) {
  std::string text = Signed(HandModelLines());
  text.replace(text.find("checksum ") + 9, 1, "z");
  EXPECT_THAT(TreeEnsemble::Parse(text),
              StatusIs(absl::StatusCode::kDataLoss, "line 18: malformed"));
}

TEST(TreeEnsembleParseTest, SignedButTruncatedRecords) {
  std::vector<std::string> lines = HandModelLines();
  lines.resize(15);  // tree 1 announces 5 nodes, 3 follow
  EXPECT_THAT(TreeEnsemble::Parse(Signed(lines)),
              StatusIs(absl::StatusCode::kDataLoss, "line 12: tree of 5"));
  lines.resize(7);  // 'trees 2' and nothing after it
  EXPECT_THAT(TreeEnsemble::Parse(Signed(lines)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "line 7: tree count 2 does not fit"));
}

TEST(TreeEnsembleParseTest, NotAModel) {
  EXPECT_THAT(TreeEnsemble::Parse("hello\nworld\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "line 1: not a factcheck-gbt model"));
  EXPECT_THAT(TreeEnsemble::Parse(WithLine(1, "factcheck-gbt 2")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "line 1: unsupported format version '2'"));
}

struct BadLineCase {
  const char* name;
  int line;
  const char* replacement;
  const char* message;  // expected in the error, after "line N"
};

class BadLineTest : public ::testing::TestWithParam<BadLineCase> {};

TEST_P(BadLineTest, NamesTheLine) {
  const BadLineCase& c = GetParam();
  const absl::StatusOr<TreeEnsemble> parsed =
      TreeEnsemble::Parse(WithLine(c.line, c.replacement));
  EXPECT_THAT(parsed, StatusIs(absl::StatusCode::kInvalidArgument, c.message));
  // "line N:" or "line N (tree ...)", not merely a line number starting so.
  const std::string message(parsed.status().message());
  EXPECT_THAT(message,
              ::testing::AnyOf(
                  ::testing::StartsWith(absl::StrFormat("line %d:", c.line)),
                  ::testing::StartsWith(absl::StrFormat("line %d (", c.line))));
}

INSTANTIATE_TEST_SUITE_P(
    Corruptions, BadLineTest,
    ::testing::Values(
        BadLineCase{"BadThreshold", 9, "0 0.5x 1 2 1 0", "bad threshold"},
        BadLineCase{"BadLeafValue", 10, "-1 0 -1 -1 0 nan", "bad leaf value"},
        BadLineCase{"BadChildNumber", 13, "1 2 one 2 0 0", "bad left child"},
        BadLineCase{"BadDefaultLeft", 13, "1 2 1 2 2 0", "default_left"},
        BadLineCase{"ShortNode", 13, "1 2 1 2 0", "needs 6 values"},
        BadLineCase{"ChildOutOfRange", 15, "0 3 3 5 0 0",
                    "child index 5 out of range [0, 5)"},
        BadLineCase{"NegativeChild", 9, "0 0.5 -1 2 1 0",
                    "child index -1 out of range"},
        BadLineCase{"CycleToRoot", 15, "0 3 3 0 0 0", "reached twice"},
        BadLineCase{"SharedChild", 15, "0 3 1 4 0 0", "reached twice"},
        BadLineCase{"LeafWithChildren", 10, "-1 0 1 2 0 1",
                    "must have children -1 -1"},
        BadLineCase{"FeatureOutOfRange", 13, "2 2 1 2 0 0",
                    "feature index 2 out of range"},
        BadLineCase{"ClassOutOfRange", 12, "tree 3 5",
                    "class index 3 out of range [0, 3)"},
        BadLineCase{"NegativeClass", 8, "tree -1 3", "class index -1"},
        BadLineCase{"ZeroNodes", 8, "tree 0 0", "node count 0"},
        BadLineCase{"NotATree", 12, "tee 2 5", "expected 'tree'"},
        BadLineCase{"FourClasses", 4, "classes 4", "3-class models"},
        BadLineCase{"FeatureCountMismatch", 5, "features 3 f0 f1",
                    "feature count 3 but 2 names"},
        BadLineCase{"DuplicateFeature", 5, "features 2 f0 f0",
                    "duplicate feature name 'f0'"},
        BadLineCase{"DuplicateMetadata", 3, "meta trained_on again",
                    "duplicate metadata key 'trained_on'"},
        BadLineCase{"BadBaseMargin", 6, "base_margin inf", "bad base margin"},
        BadLineCase{"BadTreeCount", 7, "trees x", "bad tree count"}),
    [](const ::testing::TestParamInfo<BadLineCase>& info) {
      return info.param.name;
    });

TEST(TreeEnsembleParseTest, UnreachableNode) {
  // Tree 0 with an extra node no split points to.
  std::vector<std::string> lines = HandModelLines();
  lines[7] = "tree 0 4";
  lines.insert(lines.begin() + 11, "-1 0 -1 -1 0 7");  // line 12
  EXPECT_THAT(TreeEnsemble::Parse(Signed(lines)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "line 12 (tree 0 node 3): node 3 is not reachable"));
}

TEST(TreeEnsembleParseTest, RecordAfterTheLastTree) {
  std::vector<std::string> lines = HandModelLines();
  lines.push_back("-1 0 -1 -1 0 1");
  EXPECT_THAT(TreeEnsemble::Parse(Signed(lines)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "line 18: unexpected record after the last of 2"));
}

TEST(TreeEnsembleFromSpecTest, NamesTreeAndNode) {
  GbtModelSpec spec;
  spec.feature_names = {"x"};
  spec.trees.push_back(
      {.class_index = 0,
       .nodes = {{.feature = 0, .left = 1, .right = 1}, {.leaf_value = 1.0f}}});
  EXPECT_THAT(TreeEnsemble::FromSpec(spec),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "tree 0 node 0: child 1 is reached twice"));
  spec.trees[0].nodes[0].right = -1;
  spec.trees[0].nodes.push_back({.leaf_value = 2.0f});
  EXPECT_THAT(TreeEnsemble::FromSpec(spec),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "tree 0 node 0: child index -1"));
  spec.trees[0].nodes[0].right = 2;
  spec.feature_names = {"has space"};
  EXPECT_THAT(TreeEnsemble::FromSpec(spec),
              StatusIs(absl::StatusCode::kInvalidArgument, "whitespace"));
  spec.feature_names = {"x"};
  spec.metadata = {{"k", "line\nbreak"}};
  EXPECT_THAT(TreeEnsemble::FromSpec(spec),
              StatusIs(absl::StatusCode::kInvalidArgument, "line break"));
  spec.metadata.clear();
  FC_EXPECT_OK(TreeEnsemble::FromSpec(spec));
}

// --- Files -----------------------------------------------------------------

TEST(TreeEnsembleLoadFileTest, MissingFileIsNotFound) {
  testing::TempDir dir;
  EXPECT_THAT(TreeEnsemble::LoadFile(dir.Sub("absent.gbt")),
              StatusIs(absl::StatusCode::kNotFound, "absent.gbt"));
}

TEST(TreeEnsembleLoadFileTest, LoadsAndReportsPathOfCorruptFile) {
  testing::TempDir dir;
  const std::string good = dir.Sub("good.gbt");
  const std::string bad = dir.Sub("bad.gbt");
  std::ofstream(good, std::ios::binary) << Signed(HandModelLines());
  std::ofstream(bad, std::ios::binary) << WithLine(15, "0 3 3 9 0 0");
  FC_ASSERT_OK_AND_ASSIGN(TreeEnsemble model, TreeEnsemble::LoadFile(good));
  EXPECT_EQ(model.num_trees(), 2u);
  EXPECT_THAT(TreeEnsemble::LoadFile(bad),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       bad + ": line 15 (tree 1 node 2): child index 9"));
}

}  // namespace
}  // namespace factcheck::verifier
