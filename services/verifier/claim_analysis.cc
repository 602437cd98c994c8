#include "services/verifier/claim_analysis.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "text/quantities.h"
#include "text/segmenter.h"
#include "text/tokenizer.h"

namespace factcheck::verifier {
namespace {

// Rarity proxy without a corpus: names and numbers carry the facts, very
// short words are often abbreviations or fragments. Deterministic.
constexpr float kNameWeight = 1.5f;
constexpr float kQuantityWeight = 1.5f;
constexpr float kShortWordWeight = 0.6f;
constexpr float kWordWeight = 1.0f;

bool HasAlnum(std::string_view s) {
  for (unsigned char c : s) {
    if (std::isalnum(c) || c >= 0x80) return true;
  }
  return false;
}

float WordWeight(const text::Token& t) {
  if (t.is_capitalized) return kNameWeight;
  if (t.norm.size() <= 3) return kShortWordWeight;
  return kWordWeight;
}

void Finalize(AnalyzedText& a) {
  const size_t n = a.tokens.size();
  a.quantity_of_token.assign(n, -1);
  a.weight.assign(n, 0.0f);
  for (size_t qi = 0; qi < a.quantities.size(); ++qi) {
    const text::Quantity& q = a.quantities[qi];
    for (size_t t = q.first_token; t <= q.last_token && t < n; ++t) {
      a.quantity_of_token[t] = static_cast<int>(qi);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const text::Token& t = a.tokens[i];
    if (t.is_negation) {
      a.negations.push_back(i);
      continue;
    }
    const int qi = a.quantity_of_token[i];
    if (qi >= 0) {
      if (a.quantities[qi].first_token == i) {
        a.weight[i] = kQuantityWeight;
        a.content.push_back(i);
      }
      continue;
    }
    if (t.kind == text::TokenKind::kPunct || t.is_stop || !HasAlnum(t.norm)) {
      continue;
    }
    a.weight[i] =
        t.kind == text::TokenKind::kNumber ? kQuantityWeight : WordWeight(t);
    a.content.push_back(i);
  }
}

// Words that mark a clause as having its own verb.
bool IsVerbCue(const text::Token& t) {
  static constexpr std::string_view kCues[] = {
      "is",      "are",   "was",    "were",      "be",    "been",  "has",
      "have",    "had",   "will",   "would",     "can",   "could", "did",
      "does",    "do",    "should", "may",       "might", "must",  "said",
      "says",    "say",   "told",   "announced", "plans", "make",  "makes",
      "made",    "took",  "takes",  "take",      "won",   "wins",  "lost",
      "gave",    "gives", "went",   "goes",      "came",  "comes", "became",
      "becomes", "left",  "met",    "meets",     "got",   "gets",  "found",
      "rose",    "fell",  "grew",   "rises",     "falls", "grows", "began",
      "saw",     "sees",  "paid",   "pays",      "sold",  "sells", "bought",
      "held",    "holds", "led",    "leads",     "ran",   "runs",  "wrote"};
  if (t.kind != text::TokenKind::kWord) return false;
  for (std::string_view cue : kCues) {
    if (t.norm == cue) return true;
  }
  return t.norm.size() > 4 && absl::EndsWith(t.norm, "ed");
}

bool ClauseHasVerb(std::string_view clause) {
  for (const text::Token& t : text::Tokenize(clause)) {
    if (IsVerbCue(t)) return true;
  }
  return false;
}

text::ByteSpan Trim(std::string_view s, text::ByteSpan span) {
  while (span.begin < span.end &&
         absl::ascii_isspace(static_cast<unsigned char>(s[span.begin]))) {
    ++span.begin;
  }
  while (span.end > span.begin &&
         absl::ascii_isspace(static_cast<unsigned char>(s[span.end - 1]))) {
    --span.end;
  }
  return span;
}

std::string_view View(std::string_view s, text::ByteSpan span) {
  return s.substr(span.begin, span.size());
}

// Splits one sentence at clause joiners; a clause without a verb cue stays
// joined to its neighbour ("India and China, and Russia" is one clause).
void SplitSentence(std::string_view claim, text::ByteSpan sentence,
                   std::vector<text::ByteSpan>& out) {
  static constexpr std::string_view kJoiners[] = {"; ", ", and "};
  std::vector<text::ByteSpan> pieces;
  uint32_t start = sentence.begin;
  uint32_t pos = sentence.begin;
  while (pos < sentence.end) {
    size_t joiner_len = 0;
    for (std::string_view j : kJoiners) {
      if (claim.substr(pos, j.size()) == j && pos + j.size() <= sentence.end) {
        joiner_len = j.size();
        break;
      }
    }
    if (joiner_len == 0) {
      ++pos;
      continue;
    }
    pieces.push_back(Trim(claim, {start, pos}));
    pos += static_cast<uint32_t>(joiner_len);
    start = pos;
  }
  pieces.push_back(Trim(claim, {start, sentence.end}));
  // A split is kept only when every clause can stand as a claim.
  bool all_verbs = pieces.size() > 1;
  for (const text::ByteSpan& p : pieces) {
    if (p.size() == 0 || !ClauseHasVerb(View(claim, p))) all_verbs = false;
  }
  if (all_verbs) {
    out.insert(out.end(), pieces.begin(), pieces.end());
  } else {
    out.push_back(Trim(claim, sentence));
  }
}

}  // namespace

std::string_view AnalyzedText::Slice(text::ByteSpan span) const {
  for (const Part& p : parts) {
    if (span.begin >= p.base && span.end <= p.base + p.text.size() &&
        span.begin <= span.end) {
      return std::string_view(p.text).substr(span.begin - p.base, span.size());
    }
  }
  return {};
}

float AnalyzedText::TotalWeight() const {
  float total = 0;
  for (size_t i : content) total += weight[i];
  return total;
}

AnalyzedText AnalyzeText(std::string_view text, uint32_t base_offset) {
  return AnalyzeParts({AnalyzedText::Part{base_offset, std::string(text)}});
}

AnalyzedText AnalyzeParts(std::vector<AnalyzedText::Part> parts) {
  AnalyzedText a;
  a.parts = std::move(parts);
  for (const AnalyzedText::Part& p : a.parts) {
    std::vector<text::Token> tokens = text::Tokenize(p.text, p.base);
    std::vector<text::Quantity> quantities =
        text::ExtractQuantities(p.text, tokens, p.base);
    const size_t offset = a.tokens.size();
    for (text::Quantity& q : quantities) {
      q.first_token += offset;
      q.last_token += offset;
      a.quantities.push_back(std::move(q));
    }
    for (text::Token& t : tokens) a.tokens.push_back(std::move(t));
  }
  Finalize(a);
  return a;
}

std::vector<text::ByteSpan> SplitSubclaims(std::string_view claim) {
  std::vector<text::ByteSpan> out;
  for (const text::Sentence& s : text::SplitSentences(claim)) {
    const text::ByteSpan span = Trim(claim, s.span);
    if (span.size() > 0) SplitSentence(claim, span, out);
  }
  if (out.empty()) {
    const text::ByteSpan all =
        Trim(claim, {0, static_cast<uint32_t>(claim.size())});
    if (all.size() > 0) out.push_back(all);
  }
  return out;
}

}  // namespace factcheck::verifier
