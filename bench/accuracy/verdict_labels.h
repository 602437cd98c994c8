#ifndef FACTCHECK_BENCH_ACCURACY_VERDICT_LABELS_H_
#define FACTCHECK_BENCH_ACCURACY_VERDICT_LABELS_H_

#include "bench/accuracy/metrics.h"
#include "factcheck/v1/verifier_service.pb.h"

namespace factcheck::accuracy {

// The label a verdict scores as; anything but SUPPORTED and CONTRADICTED is
// UNSUPPORTED.
Label FromVerdict(v1::Verdict verdict);

// The engine's verdict rule (verifier::DecideVerdict) as a label: the
// DecideFn that threshold tuning searches with.
Label DecideLabel(const ClassScoresRow& scores, float support,
                  float contradict);

}  // namespace factcheck::accuracy

#endif  // FACTCHECK_BENCH_ACCURACY_VERDICT_LABELS_H_
