#ifndef FACTCHECK_TEXT_LEXICON_H_
#define FACTCHECK_TEXT_LEXICON_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace factcheck::text {

namespace internal {
struct LexiconData;  // defined in lexicon.cc
}  // namespace internal

enum class PartOfSpeech { kNoun, kVerb, kAdjective, kAdverb };

// Where Debian's wordnet-base package installs WordNet 3.0.
inline constexpr std::string_view kDefaultWordNetDir = "/usr/share/wordnet";

// Read-only WordNet 3.0 (synonyms, antonyms, hypernyms, base forms), loaded
// into memory once; all lookups are in memory. Lemmas are given and returned
// lower-case with spaces ("prime minister"); inputs are lower-cased and
// may use '_' or ' ' between words. Immutable after Load, so every method is
// thread-safe.
class Lexicon {
 public:
  // Loads index.*, data.* and *.exc from `dir`. NOT_FOUND when `dir` or one
  // of the required files is missing; DATA_LOSS when a file is malformed.
  // Takes about a second: load once and share.
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

 private:
  explicit Lexicon(std::unique_ptr<const internal::LexiconData> data);

  std::unique_ptr<const internal::LexiconData> data_;
};

}  // namespace factcheck::text

#endif  // FACTCHECK_TEXT_LEXICON_H_
