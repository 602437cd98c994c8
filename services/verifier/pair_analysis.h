#ifndef FACTCHECK_SERVICES_VERIFIER_PAIR_ANALYSIS_H_
#define FACTCHECK_SERVICES_VERIFIER_PAIR_ANALYSIS_H_

#include <vector>

#include "services/verifier/pair_scorer.h"

namespace factcheck::verifier {

// Aligns the claim's content items to the evidence (exact form, stem,
// WordNet lemma relations, equal quantities), runs the typed detectors
// (number, date, negation, antonym, entity/location, attribution, role swap,
// modality/tense, quantifier) and fills the pair features. Deterministic
// and thread-safe; the claim must come from AnalyzeClaim (expansions) for
// WordNet alignment to apply.
PairAnalysis AnalyzePair(const AnalyzedText& claim,
                         const AnalyzedText& evidence);

// Fills the context features of every analysis in `pairs` (all candidate
// units of one claim): document coverage, names and numbers no candidate
// holds, the coverage of the best two candidates together.
void AddClaimContext(const AnalyzedText& claim,
                     std::vector<PairAnalysis>& pairs);

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_PAIR_ANALYSIS_H_
