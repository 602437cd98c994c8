#ifndef FACTCHECK_SERVICES_VERIFIER_CLAIM_ANALYSIS_H_
#define FACTCHECK_SERVICES_VERIFIER_CLAIM_ANALYSIS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "factcheck/v1/article.pb.h"
#include "services/verifier/pair_scorer.h"
#include "text/types.h"

namespace factcheck::verifier {

// Analyses one text whose first byte sits at `base_offset` (0 for a claim,
// statement.span.begin for a statement): tokens, quantities, negation cues,
// content tokens and their weights. An empty text yields an AnalyzedText
// with no tokens. Thread-safe.
AnalyzedText AnalyzeText(std::string_view text, uint32_t base_offset);

// Analyses several pieces as one text (a window of adjacent statements);
// each keeps its own base offset. Thread-safe.
AnalyzedText AnalyzeParts(std::vector<AnalyzedText::Part> parts);

// Splits a claim into the parts of a compound claim: its sentences, and
// within a sentence the clauses joined by "; " or ", and " when every clause
// has a verb cue (an auxiliary, a past-tense "-ed" word or a reporting verb).
// Returns spans into `claim`, trimmed; a single span covering the trimmed
// claim when it is not compound; empty for a blank claim. Thread-safe.
std::vector<text::ByteSpan> SplitSubclaims(std::string_view claim);

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_CLAIM_ANALYSIS_H_
