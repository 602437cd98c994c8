#ifndef FACTCHECK_TOOLS_GBT_TRAIN_XGBOOST_JSON_H_
#define FACTCHECK_TOOLS_GBT_TRAIN_XGBOOST_JSON_H_

// Reads the trees of a model saved by XGBoost 1.7
// (XGBoosterSaveModelToBuffer, format "json") into our tree ensemble spec.

#include <string_view>

#include "absl/status/statusor.h"
#include "services/verifier/model/tree_model.h"

namespace factcheck::gbt_train {

// The trees, class of each tree and base margin of a 3-class multi:softprob
// gbtree model; feature names and metadata are left for the caller. Only
// the nodes reachable from each root are kept (pruned nodes are dropped),
// renumbered depth-first. Leaf values and split thresholds are read exactly
// (XGBoost writes the shortest text that round-trips each float).
// INVALID_ARGUMENT for JSON that is malformed or describes another kind of
// model (dart, linear, categorical splits, vector leaves, other objectives).
absl::StatusOr<verifier::GbtModelSpec> ConvertXgboostJson(
    std::string_view json);

}  // namespace factcheck::gbt_train

#endif  // FACTCHECK_TOOLS_GBT_TRAIN_XGBOOST_JSON_H_
