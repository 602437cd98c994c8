#include "tools/gbt_train/gbt_trainer.h"

#include <xgboost/c_api.h>

#include <charconv>
#include <cmath>
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "base/string_view.h"
#include "services/verifier/model/tree_model.h"
#include "tools/gbt_train/xgboost_json.h"

namespace factcheck::gbt_train {
namespace {

using verifier::TreeEnsemble;

// The largest gap between our probabilities and XGBoost's that the
// conversion check accepts (float sums in the same order agree far closer).
constexpr double kConversionTolerance = 1e-5;

struct DMatrixFree {
  void operator()(void* handle) const { XGDMatrixFree(handle); }
};
struct BoosterFree {
  void operator()(void* handle) const { XGBoosterFree(handle); }
};
using DMatrix = std::unique_ptr<void, DMatrixFree>;
using Booster = std::unique_ptr<void, BoosterFree>;

absl::Status Check(int rc, std::string_view call) {
  if (rc == 0) return absl::OkStatus();
  return absl::InternalError(
      absl::StrCat("XGBoost ", AsAbsl(call), ": ", XGBGetLastError()));
}

absl::StatusOr<DMatrix> MakeDMatrix(const std::vector<float>& rows,
                                    size_t num_features) {
  DMatrixHandle handle = nullptr;
  FACTCHECK_RETURN_IF_ERROR(
      Check(XGDMatrixCreateFromMat(rows.data(), rows.size() / num_features,
                                   num_features, std::nanf(""), &handle),
            "XGDMatrixCreateFromMat"));
  return DMatrix(handle);
}

absl::Status SetParam(BoosterHandle booster, const char* name,
                      const std::string& value) {
  return Check(XGBoosterSetParam(booster, name, value.c_str()),
               absl::StrCat("XGBoosterSetParam ", name, "=", value));
}

// The shortest text that reads back as `value`: exact for XGBoost, and
// "0.1" rather than "0.10000000000000001" in the model's metadata.
std::string Num(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

std::string DescribeParams(const GbtParams& params) {
  return absl::StrCat("num_rounds=", params.num_rounds,
                      " max_depth=", params.max_depth, " eta=", Num(params.eta),
                      " subsample=", Num(params.subsample),
                      " colsample_bytree=", Num(params.colsample_bytree),
                      " min_child_weight=", Num(params.min_child_weight),
                      " lambda=", Num(params.lambda), " seed=", params.seed,
                      " nthread=", params.nthread, " tree_method=hist");
}

absl::Status CheckInputs(const std::vector<float>& rows, size_t num_features,
                         const std::vector<int>& labels,
                         const std::vector<float>& weights,
                         const std::vector<std::string>& feature_names,
                         const GbtParams& params) {
  if (num_features == 0 || feature_names.size() != num_features) {
    return absl::InvalidArgumentError(
        absl::StrCat(num_features, " features but ", feature_names.size(),
                     " feature names"));
  }
  if (labels.empty() || rows.size() != labels.size() * num_features) {
    return absl::InvalidArgumentError(
        absl::StrCat(rows.size(), " values are not ", labels.size(),
                     " rows of ", num_features, " features"));
  }
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0 || labels[i] >= TreeEnsemble::kNumClasses) {
      return absl::InvalidArgumentError(
          absl::StrCat("row ", i, ": label ", labels[i], " is not 0, 1 or 2"));
    }
  }
  if (!weights.empty()) {
    if (weights.size() != labels.size()) {
      return absl::InvalidArgumentError(absl::StrCat(
          weights.size(), " weights for ", labels.size(), " rows"));
    }
    for (size_t i = 0; i < weights.size(); ++i) {
      if (!(weights[i] >= 0.0f) || !std::isfinite(weights[i])) {
        return absl::InvalidArgumentError(
            absl::StrCat("row ", i, ": weight ", weights[i],
                         " is not a finite non-negative number"));
      }
    }
  }
  if (params.num_rounds < 1 || params.max_depth < 1 || params.nthread < 1) {
    return absl::InvalidArgumentError(
        "num_rounds, max_depth and nthread must be at least 1");
  }
  return absl::OkStatus();
}

absl::StatusOr<Booster> Train(const GbtParams& params, DMatrixHandle train) {
  BoosterHandle handle = nullptr;
  FACTCHECK_RETURN_IF_ERROR(
      Check(XGBoosterCreate(&train, 1, &handle), "XGBoosterCreate"));
  Booster booster(handle);
  const std::pair<const char*, std::string> settings[] = {
      {"verbosity", "0"},
      {"objective", "multi:softprob"},
      {"num_class", absl::StrCat(TreeEnsemble::kNumClasses)},
      {"booster", "gbtree"},
      {"tree_method", "hist"},
      {"max_depth", absl::StrCat(params.max_depth)},
      {"eta", Num(params.eta)},
      {"subsample", Num(params.subsample)},
      {"colsample_bytree", Num(params.colsample_bytree)},
      {"min_child_weight", Num(params.min_child_weight)},
      {"lambda", Num(params.lambda)},
      {"seed", absl::StrCat(params.seed)},
      {"nthread", absl::StrCat(params.nthread)},
  };
  for (const auto& [name, value] : settings) {
    FACTCHECK_RETURN_IF_ERROR(SetParam(handle, name, value));
  }
  for (int round = 0; round < params.num_rounds; ++round) {
    FACTCHECK_RETURN_IF_ERROR(
        Check(XGBoosterUpdateOneIter(handle, round, train),
              "XGBoosterUpdateOneIter"));
  }
  return booster;
}

absl::StatusOr<std::string> SaveJson(BoosterHandle booster) {
  bst_ulong length = 0;
  const char* bytes = nullptr;
  FACTCHECK_RETURN_IF_ERROR(
      Check(XGBoosterSaveModelToBuffer(booster, R"({"format": "json"})",
                                       &length, &bytes),
            "XGBoosterSaveModelToBuffer"));
  return std::string(bytes, length);
}

absl::StatusOr<std::vector<float>> Predict(BoosterHandle booster,
                                           DMatrixHandle data, size_t num_rows,
                                           XgboostOutput output) {
  bst_ulong length = 0;
  const float* values = nullptr;
  FACTCHECK_RETURN_IF_ERROR(
      Check(XGBoosterPredict(
                booster, data,
                /*option_mask=*/output == XgboostOutput::kMargins ? 1 : 0,
                /*ntree_limit=*/0,
                /*training=*/0, &length, &values),
            "XGBoosterPredict"));
  if (length != num_rows * TreeEnsemble::kNumClasses) {
    return absl::InternalError(absl::StrCat("XGBoost predicted ", length,
                                            " values for ", num_rows, " rows"));
  }
  return std::vector<float>(values, values + length);
}

// Proves the conversion on the training rows: our evaluator must give
// XGBoost's probabilities.
absl::Status CheckConversion(const TreeEnsemble& model,
                             const std::vector<float>& rows,
                             size_t num_features,
                             const std::vector<float>& xgboost_proba) {
  const size_t num_rows = rows.size() / num_features;
  for (size_t r = 0; r < num_rows; ++r) {
    const auto ours =
        model.PredictProba(rows.data() + r * num_features, num_features);
    for (int c = 0; c < TreeEnsemble::kNumClasses; ++c) {
      const float theirs = xgboost_proba[r * TreeEnsemble::kNumClasses + c];
      if (!(std::abs(ours[c] - theirs) <= kConversionTolerance)) {
        return absl::InternalError(absl::StrCat(
            "converted model disagrees with XGBoost on training row ", r,
            " class ", c, ": ", ours[c], " vs ", theirs));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<TrainedGbt> TrainGbtWithXgboostModel(
    const std::vector<float>& rows, size_t num_features,
    const std::vector<int>& labels, const std::vector<float>& weights,
    const std::vector<std::string>& feature_names, const GbtParams& params,
    const std::vector<std::pair<std::string, std::string>>& metadata) {
  FACTCHECK_RETURN_IF_ERROR(
      CheckInputs(rows, num_features, labels, weights, feature_names, params));
  FACTCHECK_ASSIGN_OR_RETURN(DMatrix train, MakeDMatrix(rows, num_features));
  const std::vector<float> float_labels(labels.begin(), labels.end());
  FACTCHECK_RETURN_IF_ERROR(
      Check(XGDMatrixSetFloatInfo(train.get(), "label", float_labels.data(),
                                  float_labels.size()),
            "XGDMatrixSetFloatInfo label"));
  if (!weights.empty()) {
    FACTCHECK_RETURN_IF_ERROR(
        Check(XGDMatrixSetFloatInfo(train.get(), "weight", weights.data(),
                                    weights.size()),
              "XGDMatrixSetFloatInfo weight"));
  }
  FACTCHECK_ASSIGN_OR_RETURN(Booster booster, Train(params, train.get()));

  TrainedGbt trained;
  FACTCHECK_ASSIGN_OR_RETURN(trained.xgboost_json, SaveJson(booster.get()));
  FACTCHECK_ASSIGN_OR_RETURN(verifier::GbtModelSpec spec,
                             ConvertXgboostJson(trained.xgboost_json));
  spec.feature_names = feature_names;
  spec.metadata = metadata;
  int major = 0, minor = 0, patch = 0;
  XGBoostVersion(&major, &minor, &patch);
  spec.metadata.emplace_back("xgboost_version",
                             absl::StrCat(major, ".", minor, ".", patch));
  spec.metadata.emplace_back("gbt_params", DescribeParams(params));
  FACTCHECK_ASSIGN_OR_RETURN(TreeEnsemble model,
                             TreeEnsemble::FromSpec(std::move(spec)));

  FACTCHECK_ASSIGN_OR_RETURN(const std::vector<float> xgboost_proba,
                             Predict(booster.get(), train.get(), labels.size(),
                                     XgboostOutput::kProbabilities));
  FACTCHECK_RETURN_IF_ERROR(
      CheckConversion(model, rows, num_features, xgboost_proba));
  trained.model_text = model.ToText();
  return trained;
}

absl::StatusOr<std::string> TrainGbt(
    const std::vector<float>& rows, size_t num_features,
    const std::vector<int>& labels, const std::vector<float>& weights,
    const std::vector<std::string>& feature_names, const GbtParams& params,
    const std::vector<std::pair<std::string, std::string>>& metadata) {
  FACTCHECK_ASSIGN_OR_RETURN(
      TrainedGbt trained,
      TrainGbtWithXgboostModel(rows, num_features, labels, weights,
                               feature_names, params, metadata));
  return std::move(trained.model_text);
}

absl::StatusOr<std::vector<float>> PredictWithXgboost(
    std::string_view xgboost_json, const std::vector<float>& rows,
    size_t num_features, XgboostOutput output) {
  if (num_features == 0 || rows.empty() || rows.size() % num_features != 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        rows.size(), " values are not whole rows of ", num_features));
  }
  BoosterHandle handle = nullptr;
  FACTCHECK_RETURN_IF_ERROR(
      Check(XGBoosterCreate(nullptr, 0, &handle), "XGBoosterCreate"));
  Booster booster(handle);
  FACTCHECK_RETURN_IF_ERROR(
      Check(XGBoosterLoadModelFromBuffer(handle, xgboost_json.data(),
                                         xgboost_json.size()),
            "XGBoosterLoadModelFromBuffer"));
  FACTCHECK_RETURN_IF_ERROR(SetParam(handle, "nthread", "1"));
  FACTCHECK_ASSIGN_OR_RETURN(DMatrix data, MakeDMatrix(rows, num_features));
  return Predict(handle, data.get(), rows.size() / num_features, output);
}

}  // namespace factcheck::gbt_train
