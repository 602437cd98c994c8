#ifndef FACTCHECK_TOOLS_TRAIN_VERIFIER_SUMMARY_PAIRS_H_
#define FACTCHECK_TOOLS_TRAIN_VERIFIER_SUMMARY_PAIRS_H_

// Summary-style training pairs. The FactCC corruptions (tools/news_pairs)
// change one fact of a verbatim sentence; abstractive summaries, which the
// summary benchmarks judge, also drop words, mix in content the article
// never had, and often come lower-cased and tokenised. These rules make such
// claims from an article and sentences of other articles:
//   SUPPORTED    "trimmed"       the sentence with a quarter of its common
//                                words left out and up to a quarter of the
//                                rest reworded (words the article does not
//                                use, as a paraphrase has); names and
//                                numbers kept;
//   UNSUPPORTED  "hallucinated"  one or two names and a fifth to a half of
//                                the common words replaced by words of a
//                                sentence from another article;
//   UNSUPPORTED  "topical"       the sentence of another article that shares
//                                the most words with this one.
// Deterministic given the generator's state.

#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace factcheck::train {

struct SummaryPair {
  std::string claim;
  // "SUPPORTED" or "UNSUPPORTED".
  std::string label;
  std::string kind;
};

// Usable sentences of `body` (NormalizeBody'd): 8 to 50 tokens, not a
// heading, not all capitals.
std::vector<std::string> UsableSentences(std::string_view body);

// Up to `per_kind` pairs of each kind for `body`; `others` are sentences of
// other articles (UsableSentences of them).
std::vector<SummaryPair> SummaryStylePairs(
    std::string_view body, const std::vector<std::string>& others,
    size_t per_kind, std::mt19937_64& rng);

// The claim as lower-cased, tokenised summary data writes it: "the
// study's author said." -> "the study 's author said ."
std::string LowercaseTokenized(std::string_view claim);

}  // namespace factcheck::train

#endif  // FACTCHECK_TOOLS_TRAIN_VERIFIER_SUMMARY_PAIRS_H_
