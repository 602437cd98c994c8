#ifndef FACTCHECK_TEXT_TOKENIZER_H_
#define FACTCHECK_TEXT_TOKENIZER_H_

#include <string>
#include <string_view>
#include <vector>

#include "text/types.h"

namespace factcheck::text {

enum class TokenKind { kWord, kNumber, kPunct };

struct Token {
  // Byte span into the original text, plus the `base_offset` given.
  ByteSpan span;
  // Surface form (a backslash-escaped quote reads as the quote: the token
  // of "n\'t" is "n't", its span the four bytes).
  std::string text;
  // FoldForMatching(text): lower-case, quotes/dashes folded.
  std::string norm;
  // Snowball English stem of `norm` for words; `norm` for numbers/punct.
  std::string stem;
  TokenKind kind = TokenKind::kWord;
  // In the English stop-word list (function words; not negations).
  bool is_stop = false;
  // "not", "no", "never", "n't", "without", "neither", "nor", "none", ...
  bool is_negation = false;
  // First character is an upper-case letter.
  bool is_capitalized = false;
};

// Tokenises with ICU word boundaries: words (with internal apostrophes and
// hyphens kept: "U.S.", "far-reaching"; clitics split: "don't" -> "do"
// "n't"), numbers ("99.2", "1,000", "50%" -> "50" "%"), punctuation. Spaces
// are dropped. Reads the quirks of scraped and PTB-tokenised text alike:
// backslash-escaped quotes ("didn\'t" -> "did" "n't"), sentences glued at
// their stop ("ended.Next" -> "ended" "." "Next"), clitics written apart
// ("study 's": one token "'s"), "``" and "''" (norm "\""), "`" (norm "'")
// and -LRB- / -RRB- / -LSB- / -RSB- / -LCB- / -RCB- (norm the bracket), all
// as one punctuation token each. Thread-safe.
std::vector<Token> Tokenize(std::string_view text, uint32_t base_offset = 0);

// Snowball English stem of a lower-case word. Thread-safe.
std::string Stem(std::string_view lower_word);

// True for English function words (articles, pronouns, auxiliaries,
// prepositions, conjunctions). Negations are never stop words.
bool IsStopWord(std::string_view lower_word);

// True for negation cues ("not", "no", "never", "n't", "cannot", ...).
bool IsNegationCue(std::string_view lower_word);

// Canonical spelling of a number token for indexing and comparison:
// separators dropped and trailing fractional zeros removed ("1,000" ->
// "1000", "50.0" -> "50", "007" -> "7"). Returns `number` unchanged when it is
// not digits with optional ',' / '.' separators. Thread-safe.
std::string CanonicalNumber(std::string_view number);

// True when `s` is ASCII digits with optional ',' or '.' separators between
// digit groups ("99.2", "1,000"). Thread-safe.
bool IsNumberToken(std::string_view s);

// Index terms of a text for search: stems of non-stop word and number
// tokens, in order (with repeats).
std::vector<std::string> IndexTerms(std::string_view text);

// The same, from tokens the caller already has (saves a second ICU pass).
std::vector<std::string> IndexTerms(const std::vector<Token>& tokens);

}  // namespace factcheck::text

#endif  // FACTCHECK_TEXT_TOKENIZER_H_
