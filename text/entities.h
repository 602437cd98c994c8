#ifndef FACTCHECK_TEXT_ENTITIES_H_
#define FACTCHECK_TEXT_ENTITIES_H_

// Named-entity mentions of an article and their canonical names within it:
// proper-noun sequences typed PERSON / ORGANIZATION / LOCATION / OTHER with
// simple cues (titles and honorifics, organisation words, a compiled-in
// gazetteer), roles ("Indian Prime Minister"), and aliases resolved across
// the article ("Modi", "Mr Modi" -> "Narendra Modi"; "Indian" -> "India";
// "SCO" -> "Shanghai Cooperation Organisation").

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/name_lists.h"
#include "text/segmenter.h"
#include "text/tokenizer.h"
#include "text/types.h"

namespace factcheck::text {

enum class EntityType { kOther, kPerson, kOrganization, kLocation };

// One entity of an article after canonicalisation.
struct Entity {
  // "Narendra Modi", "India", "Shanghai Cooperation Organisation".
  std::string canonical;
  EntityType type = EntityType::kOther;
  // First role written next to the name ("Indian Prime Minister"); empty
  // when none.
  std::string role;
  Gender gender = Gender::kUnknown;
};

// One mention of an entity in the body.
struct Mention {
  // Absolute byte span in the body.
  ByteSpan span;
  // Surface text ("Modi", "Indian").
  std::string text;
  // Index into ArticleEntities::entities().
  size_t entity = 0;
  // Index of the sentence holding the mention.
  size_t sentence = 0;
};

// How a name phrase (a speaker, a subject) reads once canonicalised.
struct ResolvedName {
  // The name as written, without determiners and role ("Modi",
  // "Analysts"); the whole phrase for a bare role ("the prime minister").
  std::string name;
  // Where `name` is written (absolute byte span).
  ByteSpan span;
  // "Narendra Modi"; lower-case for generic sources ("analysts").
  std::string canonical;
  // "Indian Prime Minister" (from the phrase or the article).
  std::string role;
  EntityType type = EntityType::kOther;
  Gender gender = Gender::kUnknown;
  // A generic or hedged source ("analysts", "a spokesman").
  bool generic = false;
};

// The entities of one article. Immutable once built; all methods are const
// and thread-safe.
class ArticleEntities {
 public:
  ArticleEntities() = default;

  // Finds the mentions of `body`. `tokens[i]` are the tokens of
  // `sentences[i]` with absolute spans (Tokenize(sentence, span.begin)).
  static ArticleEntities Find(std::string_view body,
                              const std::vector<Sentence>& sentences,
                              const std::vector<std::vector<Token>>& tokens);

  const std::vector<Entity>& entities() const { return entities_; }
  // Every mention, in text order.
  const std::vector<Mention>& mentions() const { return mentions_; }
  // Mentions of sentence `s`, as [first, last) indices into mentions().
  std::pair<size_t, size_t> SentenceMentions(size_t s) const;

  // Canonicalises the phrase tokens[first..last] (inclusive) of sentence
  // `s`: determiners dropped, role split from name, aliases resolved, a
  // bare role ("the prime minister") resolved to the person who last held
  // it before the phrase. nullopt when the phrase holds no name, title or
  // source word.
  std::optional<ResolvedName> ResolvePhrase(std::string_view body,
                                            const std::vector<Token>& tokens,
                                            size_t first, size_t last) const;

  // The person a "he" / "she" at byte `position` in sentence `s` most
  // likely refers to: the first gender-compatible person mentioned in the
  // nearest preceding text (the current sentence before `position`, then
  // up to four sentences back). nullopt when none.
  std::optional<size_t> ResolvePronoun(std::string_view lower_pronoun, size_t s,
                                       uint32_t position) const;

  // The organisation last mentioned before `position` in sentence `s` or the
  // `sentences_back` sentences before it ("it said", "the firm said").
  // nullopt when none.
  std::optional<size_t> LastOrganization(size_t s, uint32_t position,
                                         size_t sentences_back = 2) const;

 private:
  friend class EntityBuilder;

  std::vector<Entity> entities_;
  std::vector<Mention> mentions_;
  // Per sentence: first mention index (size sentences + 1).
  std::vector<size_t> sentence_first_mention_;
  // Lower-case alias ("modi", "sco", "mr modi") -> entity index.
  std::vector<std::pair<std::string, size_t>> aliases_;

  std::optional<size_t> FindAlias(std::string_view lower) const;
};

// True for "he", "she", "they", "it" (lower-case).
bool IsSubjectPronoun(std::string_view lower_word);

// True when the token is a capitalised word that can be part of a name:
// capitalised and not a function word, or an all-caps acronym ("US").
bool IsNameToken(const Token& token);

}  // namespace factcheck::text

#endif  // FACTCHECK_TEXT_ENTITIES_H_
