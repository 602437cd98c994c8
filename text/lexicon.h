#ifndef FACTCHECK_TEXT_LEXICON_H_
#define FACTCHECK_TEXT_LEXICON_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace factcheck::text {

namespace internal {
struct LexiconData;  // defined in lexicon.cc
}  // namespace internal

enum class PartOfSpeech { kNoun, kVerb, kAdjective, kAdverb };

// The WordNet pointers (wndb(5) symbols) the loader keeps; the others are
// skipped.
enum class PointerKind : uint8_t {
  kHypernym,          // "@"
  kInstanceHypernym,  // "@i"
  kHyponym,           // "~"
  kInstanceHyponym,   // "~i"
  kAntonym,           // "!"  (lexical)
  kDerivation,        // "+"  (lexical): "decision" <-> "decide"
  kPertainym,         // "\\" (lexical): "economic" -> "economy"
  kSimilarTo,         // "&": adjective satellite <-> its head
  kAttribute,         // "=": "high" <-> "height"
  kPartHolonym,       // "#p": "Paris" -> "France"
  kPartMeronym,       // "%p": "France" -> "Paris"
  kMemberHolonym,     // "#m": "American" -> "United States"
};

// One pointer of a synset. A lexical pointer links one word of the source
// synset to one word of the target (1-based positions); a semantic pointer
// links whole synsets and has both positions 0.
struct LexiconPointer {
  PointerKind kind;
  uint8_t source_word;
  uint8_t target_word;
  uint32_t target_synset;
};

// One of morphy's suffix rules: a word ending in `suffix` may be the
// inflection of the word ending in `base` instead.
struct SuffixRule {
  std::string_view suffix;
  std::string_view base;
};

// Morphy's suffix rules for `pos`, in the order morphy tries them.
std::span<const SuffixRule> MorphySuffixRules(PartOfSpeech pos);

// Where Debian's wordnet-base package installs WordNet 3.0.
inline constexpr std::string_view kDefaultWordNetDir = "/usr/share/wordnet";

// Read-only WordNet 3.0 (synonyms, antonyms, hypernyms, base forms, and the
// synset graph with the pointers listed in PointerKind), loaded
// into memory once; all lookups are in memory. Lemmas are given and returned
// lower-case with spaces ("prime minister"); inputs are lower-cased and
// may use '_' or ' ' between words. Immutable after Load, so every method is
// thread-safe.
class Lexicon {
 public:
  // Loads index.*, data.* and *.exc from `dir`, and cntlist.rev when there.
  // NOT_FOUND when `dir` or one of the required files is missing; DATA_LOSS
  // when a file is malformed. Takes about a second: load once and share.
  static absl::StatusOr<std::unique_ptr<Lexicon>> Load(
      std::string_view dir = kDefaultWordNetDir);

  ~Lexicon();
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  // True when `lemma` has at least one sense as `pos`.
  bool Contains(std::string_view lemma, PartOfSpeech pos) const;

  // Other lemmas sharing a synset with `lemma` as `pos`, most frequent
  // sense first, without repeats and without `lemma` itself. Empty when the
  // lemma is unknown.
  std::vector<std::string> Synonyms(std::string_view lemma,
                                    PartOfSpeech pos) const;

  // Direct antonyms of `lemma` in any part of speech ("increase" ->
  // "decrease"), without repeats. Empty when unknown or none.
  std::vector<std::string> Antonyms(std::string_view lemma) const;

  // True when some noun or verb sense of `specific` has a sense of
  // `general` among its hypernyms (instance hypernyms included) within
  // `max_depth` steps: IsHypernym("leader", "president") is true. False for
  // unknown lemmas and for a lemma against itself.
  bool IsHypernym(std::string_view general, std::string_view specific,
                  int max_depth = 8) const;

  // Dictionary forms of an inflected word as `pos` (WordNet's morphy: the
  // exception lists, then suffix rules), each known to the lexicon; the word
  // itself first when it is a lemma. "went" -> {"go"}; "tariffs" ->
  // {"tariff"}. Empty when no form is known.
  std::vector<std::string> BaseForms(std::string_view word,
                                     PartOfSpeech pos) const;

  // The graph itself, for algorithms built on top (text/word_relations.h).
  // Lemma and synset ids are dense, from 0, and valid for this Lexicon only.
  static constexpr uint32_t kNoId = UINT32_MAX;

  size_t lemma_count() const;
  size_t synset_count() const;
  // The id of `lemma` (any case, ' ' or '_' between words), or kNoId.
  uint32_t FindLemma(std::string_view lemma) const;
  // Lower-case, with spaces: "united states".
  std::string LemmaText(uint32_t lemma) const;
  // The senses of `lemma` as `pos`, most frequent first.
  std::span<const uint32_t> Senses(uint32_t lemma, PartOfSpeech pos) const;
  // How often `lemma` was sense-tagged as `pos` in WordNet's corpus
  // (cntlist.rev; 0 when that optional file is absent): a frequency hint.
  uint32_t TagCount(uint32_t lemma, PartOfSpeech pos) const;
  PartOfSpeech SynsetPos(uint32_t synset) const;
  std::span<const uint32_t> SynsetWords(uint32_t synset) const;
  std::span<const LexiconPointer> SynsetPointers(uint32_t synset) const;
  // The irregular forms of `pos` as (inflected, base) pairs, lower-case with
  // spaces: ("rose", "rise").
  std::vector<std::pair<std::string, std::string>> Exceptions(
      PartOfSpeech pos) const;

 private:
  explicit Lexicon(std::unique_ptr<const internal::LexiconData> data);

  std::unique_ptr<const internal::LexiconData> data_;
};

}  // namespace factcheck::text

#endif  // FACTCHECK_TEXT_LEXICON_H_
