#ifndef FACTCHECK_SERVICES_VERIFIER_LEXICAL_PAIR_SCORER_H_
#define FACTCHECK_SERVICES_VERIFIER_LEXICAL_PAIR_SCORER_H_

#include <array>

#include "services/verifier/pair_scorer.h"

namespace factcheck::verifier {

// Weights of the baseline softmax: logit_k = bias[k] + sum_j w[k][j] * x_j
// over x = (coverage, coverage_with_mismatches * has_mismatch,
// has_mismatch), classes (supported, contradicted, unsupported), where
// has_mismatch is 1 when any typed mismatch was found. Hand-set, not
// trained: the reference the trained model is measured against.
struct LexicalWeights {
  static constexpr int kInputs = 3;
  // Default: supported crosses unsupported at 75% coverage; a mismatch
  // with full coverage gives P(contradicted) ~ 0.98.
  std::array<float, 3> bias = {-9.0f, -6.0f, 0.0f};
  std::array<std::array<float, kInputs>, 3> w = {{
      {12.0f, 0.0f, -8.0f},  // supported
      {0.0f, 10.0f, 0.0f},   // contradicted
      {0.0f, 0.0f, 0.0f},    // unsupported (reference class)
  }};
};

// The model-free baseline scorer: a hand-set softmax over coverage and the
// presence of a typed mismatch. Thread-safe (immutable).
class LexicalPairScorer : public PairScorer {
 public:
  LexicalPairScorer() = default;
  explicit LexicalPairScorer(LexicalWeights weights) : weights_(weights) {}

  ClassProbabilities Classify(const AnalyzedText& claim,
                              const AnalyzedText& evidence,
                              const PairAnalysis& pair) const override;

 private:
  LexicalWeights weights_;
};

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_LEXICAL_PAIR_SCORER_H_
