#include "tools/gbt_train/gbt_trainer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/verifier/model/tree_model.h"
#include "tests/testing/status_matchers.h"
#include "tools/gbt_train/xgboost_json.h"

namespace factcheck::gbt_train {
namespace {

using ::factcheck::testing::StatusIs;
using ::factcheck::verifier::TreeEnsemble;
using ::testing::HasSubstr;

constexpr size_t kNumFeatures = 5;
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

struct Dataset {
  std::vector<float> rows;  // row-major
  std::vector<int> labels;
  size_t size() const { return labels.size(); }
  const float* row(size_t i) const { return rows.data() + i * kNumFeatures; }
};

// A small xorshift generator: the data must be the same on every platform
// (std:: distributions are not specified bit for bit).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed * 2654435761u + 1) {}
  // Uniform in [-1, 1).
  float Next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return static_cast<float>((state_ >> 40) * 0x1p-24 * 2.0 - 1.0);
  }

 private:
  uint64_t state_;
};

// Three classes decided by clear rules on x0..x3 (x4 is noise), with some
// values missing. Missing values change nothing about the label, so the
// model must route them by its learned default directions.
Dataset MakeDataset(size_t num_rows, uint64_t seed, int missing_every) {
  Random random(seed);
  Dataset data;
  for (size_t i = 0; i < num_rows; ++i) {
    std::array<float, kNumFeatures> x;
    for (float& value : x) value = random.Next();
    const float score0 = x[0] - x[1];
    const float score1 = x[1] + 0.5f * x[2] - 0.2f;
    const float score2 = 0.8f * x[3] - 0.3f * x[0];
    int label = 0;
    if (score1 > score0 && score1 > score2) label = 1;
    if (score2 > score0 && score2 > score1) label = 2;
    if (missing_every > 0 && i % missing_every == 0) {
      x[i / missing_every % kNumFeatures] = kNaN;
    }
    data.rows.insert(data.rows.end(), x.begin(), x.end());
    data.labels.push_back(label);
  }
  return data;
}

const std::vector<std::string>& FeatureNames() {
  static const auto* names =
      new std::vector<std::string>{"x0", "x1", "x2", "x3", "noise"};
  return *names;
}

int Argmax(const std::array<float, 3>& p) {
  return p[0] >= p[1] && p[0] >= p[2] ? 0 : (p[1] >= p[2] ? 1 : 2);
}

double Accuracy(const TreeEnsemble& model, const Dataset& data) {
  size_t correct = 0;
  for (size_t i = 0; i < data.size(); ++i) {
    if (Argmax(model.PredictProba(data.row(i), kNumFeatures)) ==
        data.labels[i]) {
      ++correct;
    }
  }
  return static_cast<double>(correct) / data.size();
}

class GbtTrainerTest : public ::testing::Test {
 protected:
  // One training run with the shipped defaults, shared by the tests.
  static void SetUpTestSuite() {
    train_ = new Dataset(MakeDataset(600, 1, /*missing_every=*/7));
    absl::StatusOr<TrainedGbt> trained = TrainGbtWithXgboostModel(
        train_->rows, kNumFeatures, train_->labels, {}, FeatureNames(),
        GbtParams(), {{"trained_on", "synthetic 600 rows"}});
    ASSERT_TRUE(trained.ok()) << trained.status();
    trained_ = new TrainedGbt(*std::move(trained));
  }
  static void TearDownTestSuite() {
    delete train_;
    delete trained_;
  }

  static const Dataset* train_;
  static const TrainedGbt* trained_;
};

const Dataset* GbtTrainerTest::train_ = nullptr;
const TrainedGbt* GbtTrainerTest::trained_ = nullptr;

// The conversion is exact: on training rows and on fresh rows (with
// missing values in other places), our evaluator gives XGBoost's own
// margins (base score included, which the softmax would hide) and
// probabilities.
TEST_F(GbtTrainerTest, PredictionsEqualXgboostOnEveryRow) {
  FC_ASSERT_OK_AND_ASSIGN(TreeEnsemble model,
                          TreeEnsemble::Parse(trained_->model_text));
  EXPECT_EQ(model.num_trees(), 3u * GbtParams().num_rounds);
  for (const Dataset& data :
       {*train_, MakeDataset(300, 2, /*missing_every=*/3)}) {
    FC_ASSERT_OK_AND_ASSIGN(
        std::vector<float> proba,
        PredictWithXgboost(trained_->xgboost_json, data.rows, kNumFeatures));
    FC_ASSERT_OK_AND_ASSIGN(
        std::vector<float> margins,
        PredictWithXgboost(trained_->xgboost_json, data.rows, kNumFeatures,
                           XgboostOutput::kMargins));
    ASSERT_EQ(proba.size(), data.size() * 3);
    ASSERT_EQ(margins.size(), data.size() * 3);
    size_t margins_bit_equal = 0;
    for (size_t i = 0; i < data.size(); ++i) {
      const std::array<float, 3> our_proba =
          model.PredictProba(data.row(i), kNumFeatures);
      const std::array<float, 3> our_margins =
          model.PredictMargins(data.row(i), kNumFeatures);
      for (int k = 0; k < 3; ++k) {
        ASSERT_NEAR(our_proba[k], proba[i * 3 + k], 1e-5)
            << "row " << i << " class " << k;
        ASSERT_NEAR(our_margins[k], margins[i * 3 + k], 1e-5)
            << "row " << i << " class " << k;
        margins_bit_equal += our_margins[k] == margins[i * 3 + k];
      }
    }
    RecordProperty("margins_bit_equal", std::to_string(margins_bit_equal));
  }
}

TEST_F(GbtTrainerTest, LearnsTheSyntheticRules) {
  FC_ASSERT_OK_AND_ASSIGN(TreeEnsemble model,
                          TreeEnsemble::Parse(trained_->model_text));
  EXPECT_GT(Accuracy(model, *train_), 0.95);
  EXPECT_GT(Accuracy(model, MakeDataset(300, 3, /*missing_every=*/0)), 0.85);
}

TEST_F(GbtTrainerTest, TrainingTwiceGivesIdenticalBytes) {
  FC_ASSERT_OK_AND_ASSIGN(
      std::string again,
      TrainGbt(train_->rows, kNumFeatures, train_->labels, {}, FeatureNames(),
               GbtParams(), {{"trained_on", "synthetic 600 rows"}}));
  EXPECT_EQ(again, trained_->model_text);
}

TEST_F(GbtTrainerTest, ModelRecordsNamesAndProvenance) {
  FC_ASSERT_OK_AND_ASSIGN(TreeEnsemble model,
                          TreeEnsemble::Parse(trained_->model_text));
  EXPECT_EQ(model.feature_names(), FeatureNames());
  ASSERT_NE(model.FindMetadata("trained_on"), nullptr);
  EXPECT_EQ(*model.FindMetadata("trained_on"), "synthetic 600 rows");
  ASSERT_NE(model.FindMetadata("xgboost_version"), nullptr);
  ASSERT_NE(model.FindMetadata("gbt_params"), nullptr);
  EXPECT_THAT(*model.FindMetadata("gbt_params"),
              HasSubstr("num_rounds=200 max_depth=6 eta=0.1"));
  EXPECT_THAT(*model.FindMetadata("gbt_params"), HasSubstr("seed=42"));
  // XGBoost 1.7 starts every class margin at base_score 0.5.
  EXPECT_EQ(model.base_margin(), 0.5f);
}

TEST_F(GbtTrainerTest, ConversionRejectsOtherObjectives) {
  const std::string softmax = absl::StrReplaceAll(
      trained_->xgboost_json, {{"multi:softprob", "multi:softmax"}});
  EXPECT_THAT(ConvertXgboostJson(softmax),
              StatusIs(absl::StatusCode::kInvalidArgument, "multi:softmax"));
  EXPECT_THAT(ConvertXgboostJson("{\"learner\": "),
              StatusIs(absl::StatusCode::kInvalidArgument, "JSON"));
}

TEST(GbtTrainerWeightsTest, ZeroWeightClassIsNotLearned) {
  const Dataset data = MakeDataset(600, 4, /*missing_every=*/0);
  std::vector<float> weights;
  for (int label : data.labels) weights.push_back(label == 2 ? 0.0f : 1.0f);
  GbtParams params;
  params.num_rounds = 30;
  FC_ASSERT_OK_AND_ASSIGN(
      std::string text, TrainGbt(data.rows, kNumFeatures, data.labels, weights,
                                 FeatureNames(), params, {}));
  FC_ASSERT_OK_AND_ASSIGN(TreeEnsemble model, TreeEnsemble::Parse(text));
  double class2_mass = 0;
  for (size_t i = 0; i < data.size(); ++i) {
    if (data.labels[i] == 2) {
      class2_mass += model.PredictProba(data.row(i), kNumFeatures)[2];
    }
  }
  // Unweighted, these rows get most of their mass on class 2; with weight 0
  // class 2 never wins a gradient and fades everywhere.
  const size_t class2_rows =
      std::count(data.labels.begin(), data.labels.end(), 2);
  ASSERT_GT(class2_rows, 50u);
  EXPECT_LT(class2_mass / class2_rows, 0.1);
}

TEST(GbtTrainerInputTest, RejectsInconsistentInputs) {
  const Dataset data = MakeDataset(30, 5, 0);
  const GbtParams params;
  std::vector<int> bad_labels = data.labels;
  bad_labels[3] = 3;
  EXPECT_THAT(TrainGbt(data.rows, kNumFeatures, bad_labels, {}, FeatureNames(),
                       params, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, "row 3: label 3"));
  std::vector<float> short_rows(data.rows.begin(), data.rows.end() - 1);
  EXPECT_THAT(TrainGbt(short_rows, kNumFeatures, data.labels, {},
                       FeatureNames(), params, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, "rows of 5"));
  EXPECT_THAT(TrainGbt(data.rows, kNumFeatures, data.labels, {1.0f},
                       FeatureNames(), params, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, "1 weights"));
  EXPECT_THAT(TrainGbt(data.rows, kNumFeatures, data.labels, {}, {"a", "b"},
                       params, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, "2 feature names"));
  EXPECT_THAT(TrainGbt(data.rows, kNumFeatures, data.labels, {}, FeatureNames(),
                       params, {{"gbt_params", "mine"}}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "duplicate metadata key 'gbt_params'"));
}

}  // namespace
}  // namespace factcheck::gbt_train
