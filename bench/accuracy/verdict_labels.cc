#include "bench/accuracy/verdict_labels.h"

#include "services/verifier/verification_engine.h"

namespace factcheck::accuracy {

Label FromVerdict(v1::Verdict verdict) {
  switch (verdict) {
    case v1::VERDICT_SUPPORTED:
      return Label::kSupported;
    case v1::VERDICT_CONTRADICTED:
      return Label::kContradicted;
    default:
      return Label::kUnsupported;
  }
}

Label DecideLabel(const ClassScoresRow& scores, float support,
                  float contradict) {
  verifier::DecisionThresholds thresholds;
  thresholds.support = support;
  thresholds.contradict = contradict;
  return FromVerdict(verifier::DecideVerdict(scores, thresholds));
}

}  // namespace factcheck::accuracy
