#include "services/verifier/claim_analysis.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "base/string_view.h"
#include "text/attribution.h"
#include "text/entities.h"
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

bool IsAllCapsWord(std::string_view s) {
  bool letter = false;
  for (unsigned char c : s) {
    if (std::islower(c)) return false;
    letter = letter || std::isupper(c);
  }
  return letter && s.size() >= 2;
}

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

bool OpensSentence(const std::vector<text::Token>& tokens, size_t i) {
  for (size_t j = i; j-- > 0;) {
    const text::Token& prev = tokens[j];
    if (prev.kind != text::TokenKind::kPunct) return false;
    if (prev.norm == "." || prev.norm == "!" || prev.norm == "?" ||
        prev.norm == ":") {
      return true;
    }
  }
  return true;
}

// `cut` (absolute) marks tokens that are not content: a claim's speaker
// and reporting verb.
void Finalize(AnalyzedText& a, const text::WordRelations* relations,
              text::ByteSpan cut = {}, std::string_view cue = {}) {
  const size_t n = a.tokens.size();
  a.quantity_of_token.assign(n, -1);
  a.weight.assign(n, 0.0f);
  a.is_name.assign(n, 0);
  if (relations != nullptr) a.lemma.assign(n, text::WordRelations::kNoLemma);
  for (size_t i = 0; i < n; ++i) {
    const text::Token& t = a.tokens[i];
    a.is_name[i] = text::IsNameToken(t) &&
                   (!OpensSentence(a.tokens, i) || IsAllCapsWord(t.text));
    if (relations != nullptr && t.kind == text::TokenKind::kWord) {
      a.lemma[i] = relations->LemmaId(t.norm);
    }
  }
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
    const bool in_cut = t.span.begin >= cut.begin && t.span.end <= cut.end &&
                        cut.end > cut.begin;
    if (in_cut || (!cue.empty() && t.norm == cue)) continue;
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

AnalyzedText AnalyzeText(std::string_view text, uint32_t base_offset,
                         const text::WordRelations* relations) {
  return AnalyzeParts({AnalyzedText::Part{base_offset, std::string(text)}},
                      relations);
}

namespace {

// Tokens and quantities of every part, not finalised.
AnalyzedText TokenizeParts(std::vector<AnalyzedText::Part> parts) {
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
  return a;
}

bool IsReportingVerb(std::string_view w) {
  static constexpr std::string_view kVerbs[] = {
      "said",   "says",    "say",    "told",   "tells",    "stated",
      "states", "claimed", "claims", "added",  "adds",     "announced",
      "argued", "argues",  "warned", "warns",  "insisted", "insists",
      "denied", "denies",  "noted",  "notes",  "believes", "believed",
      "thinks", "thought", "wrote",  "writes", "reported", "explained"};
  for (std::string_view v : kVerbs) {
    if (w == v) return true;
  }
  return false;
}

// "Modi said ...", "Prime Minister Narendra Modi told ...": a claim that
// opens with a name and a reporting verb, when the article-level
// attribution (which needs the name introduced first) finds none.
void FindLeadingSpeaker(AnalyzedText& a, std::string& cue) {
  constexpr size_t kMaxNameWords = 4;
  size_t k = 0;
  while (k < a.tokens.size() && k < kMaxNameWords &&
         a.tokens[k].kind == text::TokenKind::kWord &&
         a.tokens[k].is_capitalized && !a.tokens[k].is_stop) {
    ++k;
  }
  if (k == 0 || k >= a.tokens.size() || !IsReportingVerb(a.tokens[k].norm)) {
    return;
  }
  const text::ByteSpan span = {a.tokens[0].span.begin,
                               a.tokens[k - 1].span.end};
  const std::string_view name = a.Slice(span);
  if (name.empty() ||
      text::IsSubjectPronoun(absl::AsciiStrToLower(AsAbsl(name)))) {
    return;
  }
  a.speaker = absl::AsciiStrToLower(AsAbsl(name));
  a.speaker_name = std::string(name);
  a.speaker_span = span;
  cue = a.tokens[k].norm;
}

// In lower-cased text ("rory mcilroy will take ...") case shows no names:
// a word WordNet does not know is most likely one.
void GuessLowercaseNames(AnalyzedText& a) {
  constexpr size_t kMinNameBytes = 3;
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    const text::Token& t = a.tokens[i];
    const bool alpha = std::all_of(t.norm.begin(), t.norm.end(), [](char c) {
      return absl::ascii_isalpha(static_cast<unsigned char>(c)) || c == '-';
    });
    a.is_name[i] = t.kind == text::TokenKind::kWord && !t.is_stop && alpha &&
                   t.norm.size() >= kMinNameBytes &&
                   a.lemma[i] == text::WordRelations::kNoLemma;
  }
}

}  // namespace

AnalyzedText AnalyzeParts(std::vector<AnalyzedText::Part> parts,
                          const text::WordRelations* relations) {
  AnalyzedText a = TokenizeParts(std::move(parts));
  Finalize(a, relations);
  return a;
}

AnalyzedText JoinAnalyzed(const AnalyzedText& first,
                          const AnalyzedText& second) {
  AnalyzedText w;
  const size_t tokens = first.tokens.size();
  const int quantities = static_cast<int>(first.quantities.size());
  auto append = [](auto& to, const auto& from) {
    to.insert(to.end(), from.begin(), from.end());
  };
  w.parts = first.parts;
  append(w.parts, second.parts);
  w.tokens = first.tokens;
  append(w.tokens, second.tokens);
  w.quantities = first.quantities;
  for (text::Quantity q : second.quantities) {
    q.first_token += tokens;
    q.last_token += tokens;
    w.quantities.push_back(std::move(q));
  }
  w.quantity_of_token = first.quantity_of_token;
  for (int q : second.quantity_of_token) {
    w.quantity_of_token.push_back(q < 0 ? q : q + quantities);
  }
  w.weight = first.weight;
  append(w.weight, second.weight);
  w.content = first.content;
  for (size_t i : second.content) w.content.push_back(i + tokens);
  w.negations = first.negations;
  for (size_t i : second.negations) w.negations.push_back(i + tokens);
  w.lemma = first.lemma;
  append(w.lemma, second.lemma);
  w.is_name = first.is_name;
  append(w.is_name, second.is_name);
  return w;
}

AnalyzedText AnalyzeClaim(std::string_view claim, uint32_t base_offset,
                          const text::WordRelations* relations) {
  AnalyzedText a =
      TokenizeParts({AnalyzedText::Part{base_offset, std::string(claim)}});
  // A claim that reports speech is about who said it as much as what.
  const text::ArticleAnalysis article = text::AnalyzeArticle(claim);
  std::string cue;
  if (article.attributions.size() == 1) {
    const text::SentenceAttribution& attr = article.attributions[0];
    const std::string& name = !attr.speaker.canonical.empty()
                                  ? attr.speaker.canonical
                                  : attr.speaker.name;
    if (attr.kind != text::AttributionKind::kNarrator && !name.empty() &&
        !text::IsSubjectPronoun(absl::AsciiStrToLower(name))) {
      a.speaker = absl::AsciiStrToLower(name);
      a.speaker_name = name;
      a.speaker_span = {attr.speaker.span.begin + base_offset,
                        attr.speaker.span.end + base_offset};
      cue = attr.cue;
    }
  }
  if (a.speaker.empty()) FindLeadingSpeaker(a, cue);
  // Only a one-word cue ("said") is cut; "according to" stays content-free
  // anyway (stop words).
  if (cue.find(' ') != std::string::npos) cue.clear();
  Finalize(a, relations, a.speaker_span, cue);
  a.lowercase = std::none_of(claim.begin(), claim.end(), [](char c) {
    return absl::ascii_isupper(static_cast<unsigned char>(c));
  });
  if (a.lowercase && relations != nullptr) GuessLowercaseNames(a);
  if (relations != nullptr) {
    a.expansions.reserve(a.content.size());
    for (size_t i : a.content) {
      const text::Token& t = a.tokens[i];
      a.expansions.push_back(a.quantity_of_token[i] >= 0
                                 ? text::WordRelations::Expansion()
                                 : relations->Expand(t.norm));
    }
  }
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
