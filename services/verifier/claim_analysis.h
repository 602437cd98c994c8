#ifndef FACTCHECK_SERVICES_VERIFIER_CLAIM_ANALYSIS_H_
#define FACTCHECK_SERVICES_VERIFIER_CLAIM_ANALYSIS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "factcheck/v1/article.pb.h"
#include "services/verifier/pair_scorer.h"
#include "text/types.h"

namespace factcheck::verifier {

// Analyses one evidence text whose first byte sits at `base_offset`
// (statement.span.begin for a statement): tokens, quantities, negation
// cues, names, content tokens and their weights, and with `relations` the
// WordNet lemma of each token. An empty text yields an AnalyzedText with no
// tokens. Thread-safe.
AnalyzedText AnalyzeText(std::string_view text, uint32_t base_offset,
                         const text::WordRelations* relations = nullptr);

// Analyses several pieces as one text (a window of adjacent statements);
// each keeps its own base offset. Thread-safe.
AnalyzedText AnalyzeParts(std::vector<AnalyzedText::Part> parts,
                          const text::WordRelations* relations = nullptr);

// The analysis of two adjacent evidence texts as one window: what
// AnalyzeParts gives for both parts, built from their own analyses without
// tokenising again. The speaker is left empty. Thread-safe.
AnalyzedText JoinAnalyzed(const AnalyzedText& first,
                          const AnalyzedText& second);

// Analyses a claim: as AnalyzeText, plus its own speaker when it reports
// speech ("Modi said the countries ..." -> speaker "modi", the name and the
// reporting verb cut from the content) and, with `relations`, the WordNet
// expansion of each word item. Thread-safe.
AnalyzedText AnalyzeClaim(std::string_view claim, uint32_t base_offset,
                          const text::WordRelations* relations = nullptr);

// Splits a claim into the parts of a compound claim: its sentences, and
// within a sentence the clauses joined by "; " or ", and " when every clause
// has a verb cue (an auxiliary, a past-tense "-ed" word or a reporting verb).
// Returns spans into `claim`, trimmed; a single span covering the trimmed
// claim when it is not compound; empty for a blank claim. Thread-safe.
std::vector<text::ByteSpan> SplitSubclaims(std::string_view claim);

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_CLAIM_ANALYSIS_H_
