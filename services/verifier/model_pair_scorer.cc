#include "services/verifier/model_pair_scorer.h"

#include <cstdlib>
#include <optional>
#include <string_view>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"
#include "base/string_view.h"
#include "text/lexicon.h"

#ifndef FACTCHECK_MODEL_PATH
#error "FACTCHECK_MODEL_PATH must name the committed verdict model"
#endif

namespace factcheck::verifier {
namespace {

// Reads a threshold in [0, 1] from the model's metadata.
std::optional<float> StoredThreshold(const TreeEnsemble& model,
                                     std::string_view key) {
  const std::string* value = model.FindMetadata(key);
  float out = 0;
  if (value == nullptr || !absl::SimpleAtof(*value, &out) || out < 0 ||
      out > 1) {
    return std::nullopt;
  }
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ModelPairScorer>> ModelPairScorer::Create(
    TreeEnsemble model) {
  const std::vector<std::string>& names = model.feature_names();
  bool same = names.size() == kFeatureCount;
  for (size_t i = 0; same && i < names.size(); ++i) {
    same = names[i] == FeatureNames()[i];
  }
  if (!same) {
    const std::vector<std::string> ours(FeatureNames().begin(),
                                        FeatureNames().end());
    return absl::InvalidArgumentError(absl::StrCat(
        "the verdict model reads features (", absl::StrJoin(names, ","),
        ") but this build computes (", absl::StrJoin(ours, ","),
        "); retrain it with factcheck-train-verifier"));
  }
  return std::unique_ptr<ModelPairScorer>(
      new ModelPairScorer(std::move(model)));
}

ClassProbabilities ModelPairScorer::Classify(const AnalyzedText& claim,
                                             const AnalyzedText& evidence,
                                             const PairAnalysis& pair) const {
  return model_.PredictProba(pair.features.data(), pair.features.size());
}

DecisionThresholds ModelPairScorer::StoredThresholds() const {
  DecisionThresholds t;
  t.support = StoredThreshold(model_, "threshold_support").value_or(t.support);
  t.contradict =
      StoredThreshold(model_, "threshold_contradict").value_or(t.contradict);
  return t;
}

std::string DefaultModelPath() { return FACTCHECK_MODEL_PATH; }

absl::StatusOr<std::unique_ptr<VerificationEngine>> LoadVerificationEngine(
    const EngineConfig& config) {
  const std::string path =
      config.model_path.empty() ? DefaultModelPath() : config.model_path;
  absl::StatusOr<TreeEnsemble> model = TreeEnsemble::LoadFile(path);
  if (!model.ok()) {
    return absl::Status(
        model.status().code(),
        absl::StrCat(
            "cannot load the verdict model: ", model.status().message(),
            " (set --model to the model file; the repository ships "
            "data/model/verdict_model.txt)"));
  }
  FACTCHECK_ASSIGN_OR_RETURN(std::unique_ptr<ModelPairScorer> scorer,
                             ModelPairScorer::Create(*std::move(model)));
  DecisionThresholds thresholds = scorer->StoredThresholds();
  if (config.support_threshold >= 0) {
    thresholds.support = config.support_threshold;
  }
  if (config.contradict_threshold >= 0) {
    thresholds.contradict = config.contradict_threshold;
  }
  if (config.min_coverage >= 0) {
    thresholds.min_support_coverage = config.min_coverage;
    thresholds.min_contradiction_coverage = config.min_coverage;
  }
  if (config.unexplained_contradict >= 0) {
    thresholds.unexplained_contradict = config.unexplained_contradict;
  }
  std::shared_ptr<const text::WordRelations> relations;
  if (config.wordnet_dir.empty()) {
    relations = DefaultWordRelations();
    if (relations == nullptr) {
      return absl::FailedPreconditionError(absl::StrCat(
          "cannot load WordNet from ", AsAbsl(text::kDefaultWordNetDir),
          ": install the Debian package wordnet-base"));
    }
  } else {
    absl::StatusOr<std::shared_ptr<const text::WordRelations>> loaded =
        LoadWordRelations(config.wordnet_dir);
    if (!loaded.ok()) {
      return absl::Status(
          loaded.status().code(),
          absl::StrCat("cannot load WordNet: ", loaded.status().message()));
    }
    relations = *std::move(loaded);
  }
  return std::make_unique<VerificationEngine>(std::move(scorer),
                                              std::move(relations), thresholds);
}

}  // namespace factcheck::verifier
