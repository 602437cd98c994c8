#ifndef FACTCHECK_TOOLS_GBT_TRAIN_GBT_TRAINER_H_
#define FACTCHECK_TOOLS_GBT_TRAIN_GBT_TRAINER_H_

// Trains the verdict model's 3-class gradient-boosted trees with XGBoost and
// writes them in the runtime's text format (services/verifier/model/
// tree_model.h), which needs no XGBoost to evaluate. Offline tool code only.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace factcheck::gbt_train {

// XGBoost booster parameters. The defaults are the shipped model's; with
// nthread 1 and a fixed seed, training is deterministic (same inputs, same
// bytes out).
struct GbtParams {
  int num_rounds = 200;  // boosting rounds; each adds one tree per class
  int max_depth = 6;
  double eta = 0.1;
  double subsample = 0.8;
  double colsample_bytree = 0.8;
  double min_child_weight = 1.0;
  double lambda = 1.0;
  int seed = 42;
  int nthread = 1;
};

// Trains on `rows` (row-major, labels.size() rows of num_features floats;
// NaN marks a missing value) with labels 0..2 and optional per-row weights
// (empty: all 1), objective multi:softprob, tree_method hist. Returns the
// model text, with `metadata` lines first and then two the trainer adds:
// "xgboost_version" and "gbt_params" (so a model says how it was made).
// Before returning, checks that the converted model's probabilities on
// every training row equal XGBoost's own within 1e-5 (INTERNAL otherwise).
// INVALID_ARGUMENT for inconsistent inputs.
absl::StatusOr<std::string> TrainGbt(
    const std::vector<float>& rows, size_t num_features,
    const std::vector<int>& labels, const std::vector<float>& weights,
    const std::vector<std::string>& feature_names, const GbtParams& params,
    const std::vector<std::pair<std::string, std::string>>& metadata);

// TrainGbt's result together with XGBoost's own saved model (JSON), for
// tools and tests that want to compare against XGBoost.
struct TrainedGbt {
  std::string model_text;
  std::string xgboost_json;
};
absl::StatusOr<TrainedGbt> TrainGbtWithXgboostModel(
    const std::vector<float>& rows, size_t num_features,
    const std::vector<int>& labels, const std::vector<float>& weights,
    const std::vector<std::string>& feature_names, const GbtParams& params,
    const std::vector<std::pair<std::string, std::string>>& metadata);

// What PredictWithXgboost returns per row and class.
enum class XgboostOutput {
  kProbabilities,  // softmax of the margins
  kMargins,        // base_score plus the leaves, before the softmax
};

// XGBoost's own predictions (rows x 3, row-major) for `rows` under a model
// it saved as JSON (TrainedGbt::xgboost_json).
absl::StatusOr<std::vector<float>> PredictWithXgboost(
    std::string_view xgboost_json, const std::vector<float>& rows,
    size_t num_features, XgboostOutput output = XgboostOutput::kProbabilities);

}  // namespace factcheck::gbt_train

#endif  // FACTCHECK_TOOLS_GBT_TRAIN_GBT_TRAINER_H_
