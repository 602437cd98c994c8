#include "services/verifier/lexical_pair_scorer.h"

#include <algorithm>
#include <cmath>

namespace factcheck::verifier {

ClassProbabilities LexicalPairScorer::Classify(const AnalyzedText& claim,
                                               const AnalyzedText& evidence,
                                               const PairAnalysis& pair) const {
  const float has_mismatch = pair.mismatches.empty() ? 0.0f : 1.0f;
  const std::array<float, LexicalWeights::kInputs> x = {
      pair.coverage, pair.coverage_with_mismatches * has_mismatch,
      has_mismatch};
  std::array<float, 3> logits;
  for (int c = 0; c < 3; ++c) {
    logits[c] = weights_.bias[c];
    for (int j = 0; j < LexicalWeights::kInputs; ++j) {
      logits[c] += weights_.w[c][j] * x[j];
    }
  }
  const float max_logit = *std::max_element(logits.begin(), logits.end());
  ClassProbabilities p;
  float sum = 0;
  for (int c = 0; c < 3; ++c) {
    p[c] = std::exp(logits[c] - max_logit);
    sum += p[c];
  }
  for (float& v : p) v /= sum;
  return p;
}

}  // namespace factcheck::verifier
