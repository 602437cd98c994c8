#ifndef FACTCHECK_SERVICES_VERIFIER_LEXICAL_PAIR_SCORER_H_
#define FACTCHECK_SERVICES_VERIFIER_LEXICAL_PAIR_SCORER_H_

#include <array>

#include "services/verifier/pair_scorer.h"

namespace factcheck::verifier {

// The features LexicalPairScorer computes for a pair; exposed so that a
// trained model can reuse them and tests can inspect them.
struct LexicalFeatures {
  // Weighted fraction of claim content aligned to the evidence, 0..1.
  float coverage = 0;
  // Same, counting claim items that have a typed mismatch as covered (the
  // evidence talks about them, with another value), 0..1.
  float coverage_with_mismatches = 0;
  // 1 when a number or date of the claim disagrees with the evidence.
  float number_mismatch = 0;
  // 1 when the polarity of aligned content differs.
  float negation_mismatch = 0;
};

// Weights of the baseline softmax: logit_k = bias[k] + sum_j w[k][j] * f_j
// over f = (coverage, coverage_with_mismatches * number_mismatch,
// coverage_with_mismatches * negation_mismatch, number_mismatch +
// negation_mismatch), classes (supported, contradicted, unsupported).
// Hand-set, not trained; a later issue fits them on dev/train.
struct LexicalWeights {
  static constexpr int kFeatures = 4;
  // Default: supported crosses unsupported at 75% coverage; a mismatch
  // with full coverage gives P(contradicted) ~ 0.98.
  std::array<float, 3> bias = {-9.0f, -6.0f, 0.0f};
  std::array<std::array<float, kFeatures>, 3> w = {{
      {12.0f, 0.0f, 0.0f, -8.0f},  // supported
      {0.0f, 10.0f, 10.0f, 0.0f},  // contradicted
      {0.0f, 0.0f, 0.0f, 0.0f},    // unsupported (reference class)
  }};
};

// A first real scorer, fast and model-free: aligns claim content to the
// evidence (exact normalised form, then stem; quantities by normalised
// value, so "50%" = "50 percent"), detects number/date and negation
// mismatches, and maps the features to probabilities with LexicalWeights.
// Thread-safe (immutable after construction).
class LexicalPairScorer : public PairScorer {
 public:
  LexicalPairScorer() = default;
  explicit LexicalPairScorer(LexicalWeights weights) : weights_(weights) {}

  PairResult Score(const AnalyzedText& claim,
                   const AnalyzedText& evidence) const override;

  // Score, also returning the features used. `features` may be null (then
  // only the result is returned). Thread-safe.
  PairResult ScoreWithFeatures(const AnalyzedText& claim,
                               const AnalyzedText& evidence,
                               LexicalFeatures* features) const;

 private:
  LexicalWeights weights_;
};

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_LEXICAL_PAIR_SCORER_H_
