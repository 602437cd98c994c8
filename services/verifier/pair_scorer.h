#ifndef FACTCHECK_SERVICES_VERIFIER_PAIR_SCORER_H_
#define FACTCHECK_SERVICES_VERIFIER_PAIR_SCORER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "factcheck/v1/verifier_service.pb.h"
#include "text/quantities.h"
#include "text/tokenizer.h"
#include "text/types.h"

namespace factcheck::verifier {

// A text (a claim, a statement, or a window of adjacent statements) analysed
// once so that it can be scored against many others. Every span in it is
// absolute: token and quantity spans already include the base offset of the
// part they come from, so a window of two statements keeps each token's own
// offset into the article body. Built by AnalyzeText / AnalyzeParts
// (claim_analysis.h).
struct AnalyzedText {
  // A contiguous piece of source text and where it starts (absolute offset).
  struct Part {
    uint32_t base = 0;
    std::string text;
  };
  // One part for a single text, two for a window.
  std::vector<Part> parts;
  // Tokens of all parts, in order.
  std::vector<text::Token> tokens;
  // Quantities of all parts; first_token/last_token index into `tokens`.
  std::vector<text::Quantity> quantities;
  // Per token: index into `quantities`, or -1 when not part of one.
  std::vector<int> quantity_of_token;
  // Per token: weight in coverage (a rarity proxy), 0 for non-content.
  std::vector<float> weight;
  // Indices of content tokens: non-stop words and numbers, not negation
  // cues, not punctuation. For a quantity only its first token is listed
  // (the quantity is one content item).
  std::vector<size_t> content;
  // Indices of negation cue tokens ("not", "n't", "never", ...).
  std::vector<size_t> negations;

  // The source text under `span` when it lies within one part; empty when
  // it does not (e.g. crosses the gap between the parts of a window).
  std::string_view Slice(text::ByteSpan span) const;
  // Sum of content weights (the coverage denominator).
  float TotalWeight() const;
};

// What a PairScorer says about one (claim, evidence) pair.
struct PairResult {
  // Class probabilities: they sum to 1.
  float supported = 0;
  float contradicted = 0;
  float unsupported = 1;
  // Weighted fraction of the claim's content the evidence covers, 0..1.
  float coverage = 0;
  // Claim word/number -> evidence word/number, absolute spans on both sides
  // (claim spans into the claim, evidence spans as in the evidence
  // AnalyzedText).
  std::vector<v1::AlignedSpan> alignments;
  // Typed disagreements, same span convention; statement_id left empty (the
  // engine fills it).
  std::vector<v1::Mismatch> mismatches;
};

// The scoring seam: decides how one evidence text relates to one claim. The
// default is LexicalPairScorer (alignment + detectors + a hand-set softmax);
// a trained model or a neural cross-encoder can replace it without touching
// the engine. Implementations must be thread-safe (Score is const and called
// concurrently) and deterministic.
class PairScorer {
 public:
  virtual ~PairScorer() = default;

  // Scores `claim` against `evidence`. Never fails: an empty or unrelated
  // evidence yields a result with high `unsupported` and no alignments.
  virtual PairResult Score(const AnalyzedText& claim,
                           const AnalyzedText& evidence) const = 0;
};

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_PAIR_SCORER_H_
