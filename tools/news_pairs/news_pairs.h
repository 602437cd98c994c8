#ifndef FACTCHECK_TOOLS_NEWS_PAIRS_NEWS_PAIRS_H_
#define FACTCHECK_TOOLS_NEWS_PAIRS_NEWS_PAIRS_H_

// Training pairs for the verdict model from unlabelled news articles, the
// FactCC way: check-worthy sentences of an article, copied or corrupted by
// rule, labelled by what the rule does to their truth against the article.
//
// Corruption kinds and their labels:
//   SUPPORTED
//     "none"      the sentence verbatim.
//     "compress"  the sentence shortened without new content: a trailing
//                 ", X said" dropped; a leading "X said (that)" dropped (its
//                 "it"/"he"/"she" then replaced by X); a parenthetical
//                 dropped; the main clause kept before ", which", ", while".
//   CONTRADICTED (intrinsic: the article says otherwise)
//     "number"    an amount replaced by another of the same kind and unit
//                 from the article, or scaled (x2, x0.5, +50% ...).
//     "date"      a date or year replaced by another of the article, or
//                 shifted (another year, month, weekday or day).
//     "entity"    a person, organisation or place replaced by another one
//                 of the same type that the article names.
//     "negation"  a negation added after an auxiliary ("will" -> "will
//                 not"; "rose" -> "did not rise") or removed.
//     "antonym"   a verb, adjective or noun replaced by a WordNet antonym,
//                 inflected like the original ("higher" -> "lower").
//     "speaker"   the speaker of a quote or reported speech replaced by
//                 another speaker (or person/organisation) of the article.
//     "role"      two different entities of the same type in the sentence
//                 exchanged ("A acquired B" -> "B acquired A"), never across
//                 "and"/"or"/"with"/"between", which may be symmetric.
//   UNSUPPORTED (extrinsic: the article does not say it)
//     "extrinsic_entity"  a phrase with a name the article never mentions,
//                 taken from other articles, added (", according to X",
//                 " in X") or put in place of a name or speaker (FactCC's
//                 hallucinated entity).
//     "extrinsic_number"  a figure the article never gives added: a size
//                 for a change ("rose" -> "rose 12 pct"), a value for a deal
//                 (", valued at 40 mln dlrs").
// Every corrupted claim differs from its source sentence (checked), and
// `detail` says what changed.
//
// Deterministic: the same body, options, pool, lexicon and seeded generator
// give the same pairs.

#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "text/lexicon.h"

namespace factcheck::news_pairs {

inline constexpr std::string_view kSupported = "SUPPORTED";
inline constexpr std::string_view kContradicted = "CONTRADICTED";
inline constexpr std::string_view kUnsupported = "UNSUPPORTED";

struct NewsPair {
  std::string claim;
  // "SUPPORTED", "CONTRADICTED" or "UNSUPPORTED".
  std::string label;
  // One of the kinds listed at the top of this file.
  std::string corruption;
  // Index of the source sentence in text::SplitSentences(body).
  size_t source_sentence = 0;
  // The source sentence as written.
  std::string source_text;
  // What changed, "'74 pct' -> '148 pct'"; empty for "none".
  std::string detail;
};

struct NewsPairOptions {
  // Check-worthy sentences used per article (each gives up to one pair per
  // label).
  size_t max_sentences_per_article = 4;
  // Bounds on a usable sentence, in word and number tokens.
  size_t min_tokens = 10;
  size_t max_tokens = 60;
  // Chance that a SUPPORTED pair is compressed when it can be, and that a
  // corrupted claim is built on the compressed sentence (so that length is
  // no cue to the label).
  double compress_probability = 0.5;
};

// Names and figures seen in other articles: the material of extrinsic
// corruptions. Anything that occurs in the article being corrupted is
// skipped when drawing from it, so the pool may include that article too.
class ExtrinsicPool {
 public:
  // Adds the person, organisation and place names and the percent and
  // money amounts of `body` (NormalizeBody'd). Keeps the first occurrence
  // of each, in order.
  void AddArticle(std::string_view body);

  const std::vector<std::string>& persons() const { return persons_; }
  const std::vector<std::string>& organizations() const {
    return organizations_;
  }
  const std::vector<std::string>& locations() const { return locations_; }
  // Money amounts as written, with their currency word ("40 mln dlrs").
  const std::vector<std::string>& money() const { return money_; }

  void AddPerson(std::string name);
  void AddOrganization(std::string name);
  void AddLocation(std::string name);
  void AddMoney(std::string amount);

 private:
  static void AddUnique(std::string value, std::vector<std::string>* list);

  std::vector<std::string> persons_;
  std::vector<std::string> organizations_;
  std::vector<std::string> locations_;
  std::vector<std::string> money_;
};

// Pairs for up to opts.max_sentences_per_article check-worthy sentences of
// `body` (NormalizeBody'd): per sentence one SUPPORTED, one CONTRADICTED
// and one UNSUPPORTED pair where a rule applies. Check-worthy: not a
// heading, not all capitals, not a table line, 10..60 tokens, with a verb;
// sentences with numbers and names come first. `lexicon` may be null (no
// antonyms, aux-only negation).
std::vector<NewsPair> GenerateNewsPairs(std::string_view body,
                                        const NewsPairOptions& opts,
                                        std::mt19937_64& rng,
                                        const ExtrinsicPool& pool,
                                        const text::Lexicon* lexicon);

}  // namespace factcheck::news_pairs

#endif  // FACTCHECK_TOOLS_NEWS_PAIRS_NEWS_PAIRS_H_
