#ifndef FACTCHECK_TEXT_WORD_RELATIONS_H_
#define FACTCHECK_TEXT_WORD_RELATIONS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "text/lexicon.h"

namespace factcheck::text {

// How an evidence word relates to a claim word.
enum class Relation : uint8_t {
  kNone,
  kSynonym,     // same word, or they share a synset
  kHypernym,    // the evidence word is more GENERAL: claim "dog", "animal"
  kHyponym,     // the evidence word is more SPECIFIC: claim "animal", "dog"
  kDerivation,  // derivationally related: "decision" / "decide"
  kPertainym,   // "economic" / "economy"
  kAlias,       // capital/country ("Paris" / "France"), demonym ("French")
  kAntonym,     // "increase" / "decrease"
};

// "synonym", "hypernym", ...: for logs and test messages.
std::string_view RelationName(Relation relation);

// Word-to-word relations over WordNet for aligning claims with evidence:
// lemmatize every evidence token once (LemmaId), expand every claim word once
// (Expand), then compare pairs with Expansion::Find, a binary search over a
// few hundred ids.
//
// Immutable after construction, so every method is thread-safe. Keeps a
// reference to the Lexicon, which must outlive it.
class WordRelations {
 public:
  static constexpr uint32_t kNoLemma = Lexicon::kNoId;
  // Most lemmas one expansion holds; the most frequent senses and the
  // closest relations are kept first.
  static constexpr size_t kMaxExpansion = 300;

  static constexpr size_t kMaxForms = 4;

  // The dictionary forms of one word, LemmaId first: "lower" -> "low",
  // "lower". Iterable; at most kMaxForms.
  class Lemmas {
   public:
    const uint32_t* begin() const { return ids_.data(); }
    const uint32_t* end() const { return ids_.data() + size_; }
    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    uint32_t front() const { return empty() ? kNoLemma : ids_[0]; }

   private:
    friend class WordRelations;
    std::array<uint32_t, kMaxForms> ids_ = {};
    uint8_t size_ = 0;
  };

  // The lemmas related to one claim word, sorted by lemma id.
  class Expansion {
   public:
    struct Entry {
      uint32_t lemma;
      Relation relation;
    };

    // kNone when `lemma` is unrelated or kNoLemma.
    Relation Find(uint32_t lemma) const;
    // The strongest relation of any form of an evidence word: catches
    // "raise" / "lower" although LemmaId("lower") is "low".
    Relation Find(const Lemmas& lemmas) const;
    std::span<const Entry> entries() const { return entries_; }
    size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }

   private:
    friend class WordRelations;
    std::vector<Entry> entries_;
  };

  // Precomputes the surface-form table and the alias tables: about 0.3 s.
  explicit WordRelations(const Lexicon& lexicon);
  WordRelations(const WordRelations&) = delete;
  WordRelations& operator=(const WordRelations&) = delete;

  // The id of the dictionary form of `lower_word` ("rose" -> "rise",
  // "tariffs" -> "tariff", "united states"), or kNoLemma. The id is the
  // same for every part of speech ("increase" noun and verb). When a word
  // has several known forms, the one WordNet's sense-tagged corpus uses most
  // wins ("rose" -> "rise", "ground" stays "ground"); without counts, the
  // word itself, then irregular forms, then suffix rules (noun, verb,
  // adjective). Accepts '_' for ' ' and ASCII capitals.
  uint32_t LemmaId(std::string_view lower_word) const;

  // Every known dictionary form of `lower_word` (distinct lemma ids), the
  // LemmaId first, then the most used. Empty when unknown.
  Lemmas LemmaIds(std::string_view lower_word) const;

  // Every lemma related to any dictionary form of `lower_word`, with the
  // strongest relation (synonym > hyponym > alias > derivation > pertainym >
  // hypernym > antonym: a lemma is an antonym only when nothing positive
  // relates it). The word's own lemmas are synonyms. Empty when unknown.
  Expansion Expand(std::string_view lower_word) const;

  // Words to add to a search for `lower_word`: its aliases first ("paris"
  // -> "france"), then the synonyms of its most frequent sense per part of
  // speech, most used first; at most `max`, never the word's own lemma.
  // Empty when the word is unknown.
  std::vector<std::string> SearchExpansion(std::string_view lower_word,
                                           size_t max) const;

  // The text of a lemma id ("united states"), for messages.
  std::string LemmaText(uint32_t lemma) const;

 private:
  // A key of the surface table: a lemma, an irregular form, or both.
  struct Surface {
    uint32_t lemma = kNoLemma;      // the key as a lemma, or kNoLemma
    Lemmas forms;                   // LemmaIds of the key, precomputed
    uint32_t exceptions_begin = 0;  // into exceptions_
    uint8_t exceptions_count = 0;
    uint8_t pos_mask = 0;  // bit i: the lemma has senses as PartOfSpeech(i)
  };
  struct Form {
    uint32_t lemma;
    PartOfSpeech pos;
  };
  // The forms of one word, on the stack: LemmaId's miss path allocates
  // nothing.
  struct FormList {
    static constexpr size_t kCapacity = 16;
    std::array<Form, kCapacity> items;
    size_t size = 0;
    Form* begin() { return items.data(); }
    Form* end() { return items.data() + size; }
    const Form* begin() const { return items.data(); }
    const Form* end() const { return items.data() + size; }
  };
  class Collector;

  // The dictionary forms of `key` (already normalised) as (lemma, pos):
  // the key itself, its irregular bases, then morphy's suffix rules.
  void Forms(std::string_view key, FormList* forms) const;
  Lemmas Resolve(std::string_view key) const;
  // Longest word looked up; longer ones are unknown.
  static constexpr size_t kMaxWordLength = 96;
  static std::string_view Normalize(std::string_view word,
                                    char (&buffer)[kMaxWordLength]);
  const Surface* FindSurface(std::string_view key) const;

  void BuildSurfaces();
  void BuildSynsetFlags();
  void BuildAliases();
  void BuildReversePertainyms();

  // Derivations, pertainyms and aliases into `out`; the synsets opposed to
  // the form's senses into `antonym_synsets`.
  void AddLexicalRelations(const Form& form, Collector* out,
                           std::vector<uint32_t>* antonym_synsets) const;
  void AddAntonyms(std::span<const uint32_t> synsets, Collector* out) const;
  void AddAntonymHyponyms(std::span<const uint32_t> synsets,
                          Collector* out) const;
  void AddHypernyms(const Form& form, Collector* out) const;
  void AddHyponyms(const Form& form, int depth, Collector* out) const;
  bool IsCountry(uint32_t synset) const;
  uint32_t WordAt(uint32_t synset, uint8_t position) const;

  const Lexicon& lexicon_;
  absl::flat_hash_map<std::string, Surface> surfaces_;
  std::vector<std::pair<PartOfSpeech, uint32_t>> exceptions_;
  // Per lemma: how often WordNet's corpus tagged it, all parts of speech.
  std::vector<uint32_t> scores_;
  // Per synset: a named entity (has instance hypernyms); too generic to be
  // a useful hypernym ("entity", "object", "change"); a country.
  std::vector<bool> instance_;
  std::vector<bool> generic_;
  std::vector<bool> country_;
  // (capital synset, country synset) and (country, capital), sorted.
  std::vector<std::pair<uint32_t, uint32_t>> aliases_;
  // (noun synset << 8 | word position, adjective lemma) for the
  // pertainyms pointing at that word, sorted: "economy" -> "economic".
  std::vector<std::pair<uint64_t, uint32_t>> pertainyms_of_;
};

}  // namespace factcheck::text

#endif  // FACTCHECK_TEXT_WORD_RELATIONS_H_
