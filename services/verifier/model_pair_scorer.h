#ifndef FACTCHECK_SERVICES_VERIFIER_MODEL_PAIR_SCORER_H_
#define FACTCHECK_SERVICES_VERIFIER_MODEL_PAIR_SCORER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "services/verifier/model/tree_model.h"
#include "services/verifier/pair_scorer.h"
#include "services/verifier/verification_engine.h"

namespace factcheck::verifier {

// The trained verdict model: a gradient-boosted tree ensemble over the pair
// and context features (pair_scorer.h). Thread-safe (immutable).
class ModelPairScorer : public PairScorer {
 public:
  // INVALID_ARGUMENT when the model reads other features than this build
  // computes (a model trained for another version).
  static absl::StatusOr<std::unique_ptr<ModelPairScorer>> Create(
      TreeEnsemble model);

  ClassProbabilities Classify(const AnalyzedText& claim,
                              const AnalyzedText& evidence,
                              const PairAnalysis& pair) const override;

  // The decision thresholds stored with the model (chosen on dev/valid by
  // the trainer); the struct's defaults where the model has none.
  DecisionThresholds StoredThresholds() const;

  const TreeEnsemble& model() const { return model_; }

 private:
  explicit ModelPairScorer(TreeEnsemble model) : model_(std::move(model)) {}

  TreeEnsemble model_;
};

// Where the build expects the committed model (data/model/ in the source
// tree).
std::string DefaultModelPath();

struct EngineConfig {
  // The verdict model file; empty: DefaultModelPath().
  std::string model_path;
  // WordNet's database folder; empty: the Debian default.
  std::string wordnet_dir;
  // Overrides of the model's stored thresholds; negative: keep stored.
  float support_threshold = -1;
  float contradict_threshold = -1;
  // Overrides of the alignment gates (DecisionThresholds); negative: keep
  // the defaults.
  float min_coverage = -1;
  float unexplained_contradict = -1;
};

// Loads the model and WordNet and builds the engine. A missing or corrupt
// model file, a model for other features, or a missing WordNet database is
// an error whose message names the file and what to do.
absl::StatusOr<std::unique_ptr<VerificationEngine>> LoadVerificationEngine(
    const EngineConfig& config);

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_MODEL_PAIR_SCORER_H_
