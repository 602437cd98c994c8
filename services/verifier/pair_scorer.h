#ifndef FACTCHECK_SERVICES_VERIFIER_PAIR_SCORER_H_
#define FACTCHECK_SERVICES_VERIFIER_PAIR_SCORER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "factcheck/v1/verifier_service.pb.h"
#include "text/quantities.h"
#include "text/tokenizer.h"
#include "text/types.h"
#include "text/word_relations.h"

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
  // Per token: its WordNet lemma id; WordRelations::kNoLemma when unknown or
  // when analysed without a lexicon.
  std::vector<uint32_t> lemma;
  // Per token: 1 for a proper name (a capitalised word that does not merely
  // open a sentence).
  std::vector<uint8_t> is_name;
  // Claims only, parallel to `content`: the lemmas related to each word
  // item (synonyms, hyponyms, antonyms, ...). Empty for evidence.
  std::vector<text::WordRelations::Expansion> expansions;
  // Who says this text, lower-case ("xi jinping"); empty for the narrator
  // or when unknown. A claim's own speaker ("Xi said ...") is cut from its
  // content and compared with the evidence's speaker instead.
  std::string speaker;
  // The same as the text or its article writes it ("Xi Jinping").
  std::string speaker_name;
  // Where a claim names its speaker (absolute span); empty otherwise.
  text::ByteSpan speaker_span;
  // Claims only: the claim has no capital letter at all.
  bool lowercase = false;

  // The source text under `span` when it lies within one part; empty when
  // it does not (e.g. crosses the gap between the parts of a window).
  std::string_view Slice(text::ByteSpan span) const;
  // Sum of content weights (the coverage denominator).
  float TotalWeight() const;
};

// The features the verdict model reads, in order; names in FeatureNames().
// Pair features describe one (claim, evidence) pair; context features
// describe the claim against all candidate evidence of the request.
enum Feature : size_t {
  // Weighted fraction of claim content aligned to the evidence, 0..1.
  kCoverage,
  // Same, counting only exact, stem and number alignments.
  kCoverageStrict,
  // Same, counting items with a typed mismatch as covered.
  kCoverageWithMismatches,
  // Claim content items (words, quantities) left unaligned. (Text lengths
  // are deliberately not features: they mark the training source more than
  // the truth of a claim.)
  kUnalignedItems,
  kUnalignedNames,
  kUnalignedNumbers,
  // Typed mismatches found, by kind.
  kNumberMismatches,
  kDateMismatches,
  kNegationMismatch,
  kAntonymMismatches,
  kEntityMismatches,
  kAttributionMismatch,
  kRoleSwap,
  kModalityMismatch,
  kQuantifierMismatch,
  // Negation cues on each side.
  kClaimNegations,
  kEvidenceNegations,
  // Items aligned through WordNet (synonym, hyponym, alias, derivation,
  // pertainym), and through a hypernym (the evidence is more general).
  kLexicalAligned,
  kHypernymAligned,
  // Fraction of consecutive aligned claim items in the same order in the
  // evidence.
  kOrderPreserved,
  // Evidence tokens spanned by the aligned items, per claim item.
  kAlignedSpread,
  // Fraction of the claim's adjacent word pairs found adjacent in the
  // evidence.
  kBigramOverlap,
  // The claim names a speaker the evidence does not (or has none).
  kSpeakerUnmatched,
  // Context: weighted fraction of claim content aligned by any candidate.
  kDocumentCoverage,
  // Context: claim names and numbers no candidate holds.
  kDocumentUnalignedNames,
  kDocumentUnalignedNumbers,
  // Context: coverage of the best two candidates together.
  kTopTwoCoverage,
  // 1 when the claim has no capital letter (lower-cased, tokenised data):
  // names are then guessed from words WordNet does not know.
  kClaimLowercase,
  kFeatureCount,
};
using FeatureVector = std::array<float, kFeatureCount>;

// The snake_case names of the features, in order (the model file lists
// them; a model whose list differs is refused).
const std::array<std::string_view, kFeatureCount>& FeatureNames();

// What the analysis of one (claim, evidence) pair finds, before any model
// (pair_analysis.h: AnalyzePair).
struct PairAnalysis {
  float coverage = 0;
  float coverage_with_mismatches = 0;
  // Per claim content item: 0 unaligned, 1 aligned, 2 typed mismatch.
  std::vector<uint8_t> item_state;
  // Claim word/number -> evidence word/number, absolute spans on both sides
  // (claim spans into the claim, evidence spans as in the evidence
  // AnalyzedText).
  std::vector<v1::AlignedSpan> alignments;
  // Typed disagreements, same span convention; statement_id left empty (the
  // engine fills it).
  std::vector<v1::Mismatch> mismatches;
  // Pair features filled by AnalyzePair; context features by the engine.
  FeatureVector features = {};
};

// Class probabilities, in the order supported, contradicted, unsupported;
// they sum to 1.
using ClassProbabilities = std::array<float, 3>;

// The scoring seam: turns an analysed pair into class probabilities. The
// default is ModelPairScorer (a trained tree ensemble); LexicalPairScorer is
// the model-free baseline; a neural cross-encoder can replace either
// without touching the engine (it gets both texts). Implementations must be
// thread-safe (const, called concurrently) and deterministic.
class PairScorer {
 public:
  virtual ~PairScorer() = default;

  virtual ClassProbabilities Classify(const AnalyzedText& claim,
                                      const AnalyzedText& evidence,
                                      const PairAnalysis& pair) const = 0;
};

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_PAIR_SCORER_H_
