#include "tools/train_verifier/summary_pairs.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "text/entities.h"
#include "text/segmenter.h"
#include "text/tokenizer.h"

namespace factcheck::train {
namespace {

constexpr size_t kMinTokens = 8;
constexpr size_t kMaxTokens = 50;
// Others scanned for the most topical sentence.
constexpr int kTopicalTries = 30;

bool IsContent(const text::Token& t) {
  return t.kind == text::TokenKind::kWord && !t.is_stop && !t.is_negation;
}

bool Droppable(const text::Token& t) {
  return IsContent(t) && !t.is_capitalized;
}

// Rebuilds a sentence from its tokens' texts, with spaces where the
// original had them.
std::string Join(const std::vector<text::Token>& tokens,
                 const std::vector<std::string>& texts,
                 const std::vector<bool>& keep) {
  std::string out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!keep[i]) continue;
    const bool space_before =
        i > 0 && tokens[i].span.begin > tokens[i - 1].span.end;
    if (!out.empty() && (space_before || !keep[i - 1])) out += ' ';
    out += texts[i];
  }
  return out;
}

std::set<std::string> ContentWords(std::string_view text) {
  std::set<std::string> out;
  for (const text::Token& t : text::Tokenize(text)) {
    if (IsContent(t)) out.insert(t.norm);
  }
  return out;
}

// Content words of `other` that `sentence` does not use.
std::vector<std::string> ForeignWords(const std::string& sentence,
                                      const std::string& other, bool names) {
  std::vector<std::string> out;
  const std::set<std::string> own = ContentWords(sentence);
  for (const text::Token& t : text::Tokenize(other)) {
    if (IsContent(t) && t.is_capitalized == names && !own.count(t.norm)) {
      out.push_back(t.text);
    }
  }
  return out;
}

// Replaces `count` of the tokens at `slots` (consumed) with `words`.
void ReplaceSome(std::vector<size_t>& slots, size_t count,
                 const std::vector<std::string>& words,
                 std::vector<std::string>& texts, std::mt19937_64& rng) {
  for (size_t r = 0; r < count && !slots.empty() && !words.empty(); ++r) {
    const size_t pick = rng() % slots.size();
    texts[slots[pick]] = words[rng() % words.size()];
    slots.erase(slots.begin() + static_cast<long>(pick));
  }
}

// Supported: a quarter of the common words dropped and, like a paraphrase,
// up to a quarter of the rest said in words the article does not use.
// Names and numbers are kept: a paraphrase does not change who or how many.
std::optional<SummaryPair> Trimmed(const std::string& s,
                                   const std::string& other,
                                   std::mt19937_64& rng) {
  const std::vector<text::Token> tokens = text::Tokenize(s);
  std::vector<std::string> texts;
  std::vector<bool> keep(tokens.size(), true);
  std::vector<size_t> common;
  size_t dropped = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    texts.push_back(tokens[i].text);
    if (i == 0 || !Droppable(tokens[i])) continue;
    if (rng() % 4 == 0) {
      keep[i] = false;
      ++dropped;
    } else {
      common.push_back(i);
    }
  }
  const size_t reworded = common.size() * (rng() % 26) / 100;
  ReplaceSome(common, reworded, ForeignWords(s, other, false), texts, rng);
  if (dropped + reworded == 0) return std::nullopt;
  return SummaryPair{Join(tokens, texts, keep), "SUPPORTED", "trimmed"};
}

// Unsupported: names and figures the article does not have, as an
// abstractive summary hallucinates them, and a fifth to a half of the
// common words replaced too.
std::optional<SummaryPair> Hallucinated(const std::string& s,
                                        const std::string& other,
                                        std::mt19937_64& rng) {
  const std::vector<text::Token> tokens = text::Tokenize(s);
  std::vector<size_t> names, common;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!IsContent(tokens[i])) continue;
    (tokens[i].is_capitalized ? names : common).push_back(i);
  }
  const std::vector<std::string> foreign_names = ForeignWords(s, other, true);
  const std::vector<std::string> foreign = ForeignWords(s, other, false);
  if (common.size() < 3 || foreign.size() < 2) return std::nullopt;
  std::vector<std::string> texts;
  for (const text::Token& t : tokens) texts.push_back(t.text);
  const size_t name_swaps = names.empty() ? 0 : 1 + rng() % 2;
  ReplaceSome(names, name_swaps, foreign_names, texts, rng);
  ReplaceSome(common, common.size() * (20 + rng() % 31) / 100, foreign, texts,
              rng);
  const std::string claim =
      Join(tokens, texts, std::vector<bool>(tokens.size(), true));
  if (claim == s) return std::nullopt;
  return SummaryPair{claim, "UNSUPPORTED", "hallucinated"};
}

std::optional<SummaryPair> Topical(std::string_view body,
                                   const std::vector<std::string>& others,
                                   std::mt19937_64& rng) {
  if (others.empty()) return std::nullopt;
  const std::set<std::string> words = ContentWords(body);
  const std::string* best = nullptr;
  size_t best_shared = 0;
  for (int i = 0; i < kTopicalTries; ++i) {
    const std::string& candidate = others[rng() % others.size()];
    if (body.find(candidate) != std::string_view::npos) continue;
    size_t shared = 0;
    for (const std::string& w : ContentWords(candidate)) {
      shared += words.count(w);
    }
    if (best == nullptr || shared > best_shared) {
      best = &candidate;
      best_shared = shared;
    }
  }
  if (best == nullptr) return std::nullopt;
  return SummaryPair{*best, "UNSUPPORTED", "topical"};
}

}  // namespace

std::vector<std::string> UsableSentences(std::string_view body) {
  std::vector<std::string> out;
  for (const text::Sentence& s : text::SplitSentences(body)) {
    if (s.is_heading) continue;
    const std::string_view sentence = body.substr(s.span.begin, s.span.size());
    const bool has_lower = std::any_of(
        sentence.begin(), sentence.end(),
        [](char c) { return std::islower(static_cast<unsigned char>(c)); });
    const size_t n = text::Tokenize(sentence).size();
    if (!has_lower || n < kMinTokens || n > kMaxTokens) continue;
    out.emplace_back(sentence);
  }
  return out;
}

std::vector<SummaryPair> SummaryStylePairs(
    std::string_view body, const std::vector<std::string>& others,
    size_t per_kind, std::mt19937_64& rng) {
  std::vector<std::string> sentences = UsableSentences(body);
  std::vector<SummaryPair> out;
  if (sentences.empty()) return out;
  for (size_t k = 0; k < per_kind; ++k) {
    const std::string& s = sentences[rng() % sentences.size()];
    if (others.empty()) break;
    if (std::optional<SummaryPair> p =
            Trimmed(s, others[rng() % others.size()], rng)) {
      out.push_back(*p);
    }
    if (std::optional<SummaryPair> p =
            Hallucinated(s, others[rng() % others.size()], rng)) {
      out.push_back(*p);
    }
    if (std::optional<SummaryPair> p = Topical(body, others, rng)) {
      out.push_back(*p);
    }
  }
  return out;
}

std::string LowercaseTokenized(std::string_view claim) {
  std::vector<std::string> words;
  for (const text::Token& t : text::Tokenize(claim)) {
    words.push_back(absl::AsciiStrToLower(t.text));
  }
  return absl::StrJoin(words, " ");
}

}  // namespace factcheck::train
