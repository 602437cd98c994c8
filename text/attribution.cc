#include "text/attribution.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "base/string_view.h"

namespace factcheck::text {
namespace {

// ---------------------------------------------------------------------------
// Quote marks.

enum class Family { kDouble, kSingle };
enum class Direction { kOpen, kClose, kEither };

struct QuoteMark {
  Family family;
  Direction direction;
  size_t size;
};

std::optional<QuoteMark> MarkAt(std::string_view s, size_t i) {
  if (s[i] == '"') return QuoteMark{Family::kDouble, Direction::kEither, 1};
  if (s[i] == '\'') return QuoteMark{Family::kSingle, Direction::kEither, 1};
  if (i + 2 < s.size() + 0 && static_cast<unsigned char>(s[i]) == 0xE2 &&
      static_cast<unsigned char>(s[i + 1]) == 0x80) {
    switch (static_cast<unsigned char>(s[i + 2])) {
      case 0x9C:
        return QuoteMark{Family::kDouble, Direction::kOpen, 3};
      case 0x9D:
        return QuoteMark{Family::kDouble, Direction::kClose, 3};
      case 0x98:
        return QuoteMark{Family::kSingle, Direction::kOpen, 3};
      case 0x99:
        return QuoteMark{Family::kSingle, Direction::kClose, 3};
      default:
        break;
    }
  }
  return std::nullopt;
}

bool IsDashAt(std::string_view s, size_t i) {
  return i + 2 < s.size() + 0 && static_cast<unsigned char>(s[i]) == 0xE2 &&
         static_cast<unsigned char>(s[i + 1]) == 0x80 &&
         (static_cast<unsigned char>(s[i + 2]) == 0x93 ||
          static_cast<unsigned char>(s[i + 2]) == 0x94);
}

// Before an opening mark: start, space, an opening bracket, a dash or
// sentence punctuation run together ("said."Detectives").
bool LeftBoundary(std::string_view s, size_t i) {
  if (i == 0) return true;
  char c = s[i - 1];
  if (c == ' ' || c == '\t' || c == '\n' || c == '(' || c == '[' || c == '{' ||
      c == '-' || c == '/') {
    return true;
  }
  return i >= 3 && IsDashAt(s, i - 3);
}

// After a closing mark: end, space, punctuation or a dash.
bool RightBoundary(std::string_view s, size_t end) {
  if (end >= s.size()) return true;
  char c = s[end];
  if (c == ' ' || c == '\t' || c == '\n' || c == '.' || c == ',' || c == ';' ||
      c == ':' || c == '!' || c == '?' || c == ')' || c == ']' || c == '-' ||
      c == '"' || c == '\'') {
    return true;
  }
  return IsDashAt(s, end) || MarkAt(s, end).has_value();
}

// The last non-space byte before `i` ends a sentence (.?!), possibly inside
// a closing mark.
bool AfterSentenceEnd(std::string_view s, size_t i) {
  while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) --i;
  return i > 0 && (s[i - 1] == '.' || s[i - 1] == '?' || s[i - 1] == '!');
}

// ---------------------------------------------------------------------------
// Token views: every token of the article in one sequence.

struct Flat {
  std::vector<const Token*> tokens;
  std::vector<uint32_t> sentence;  // sentence of each flat token
  std::vector<uint32_t> first;     // first flat index of each sentence (+end)
  std::vector<int> quote;          // quotation holding the token, or -1

  const Token& at(size_t f) const { return *tokens[f]; }
  size_t size() const { return tokens.size(); }
  size_t index_in_sentence(size_t f) const { return f - first[sentence[f]]; }
  bool quoted(size_t f) const { return quote[f] >= 0; }
};

Flat MakeFlat(const std::vector<std::vector<Token>>& tokens,
              const std::vector<Quotation>& quotes) {
  Flat flat;
  size_t q = 0;
  for (size_t s = 0; s < tokens.size(); ++s) {
    flat.first.push_back(static_cast<uint32_t>(flat.tokens.size()));
    for (const Token& t : tokens[s]) {
      while (q < quotes.size() && quotes[q].content.end <= t.span.begin) ++q;
      int in = -1;
      if (q < quotes.size() && t.span.begin >= quotes[q].content.begin &&
          t.span.end <= quotes[q].content.end) {
        in = static_cast<int>(q);
      }
      flat.tokens.push_back(&t);
      flat.sentence.push_back(static_cast<uint32_t>(s));
      flat.quote.push_back(in);
    }
  }
  flat.first.push_back(static_cast<uint32_t>(flat.tokens.size()));
  return flat;
}

bool IsWordToken(const Token& t) { return t.kind == TokenKind::kWord; }

bool IsHead(const Token& t) {
  // A lower-case function word is not a name: "who" is not the WHO.
  if (!t.is_capitalized && t.is_stop) return false;
  return IsNameToken(t) || IsTitleWord(t.norm) || IsGenericSource(t.norm) ||
         IsOrganizationCue(t.norm);
}

bool IsJoiner(const Token& t) {
  return !t.is_capitalized && (t.norm == "of" || t.norm == "for" ||
                               t.norm == "at" || t.norm == "from");
}

bool IsPassiveAux(std::string_view w) {
  return w == "is" || w == "was" || w == "were" || w == "be" || w == "been" ||
         w == "being" || w == "are" || w == "am";
}

bool IsVerbToken(const Token& t, bool quote_only_ok) {
  if (!IsWordToken(t) || t.is_capitalized) return false;
  CueStrength strength = ReportingVerbStrength(t.norm);
  if (strength == CueStrength::kNone) return false;
  return quote_only_ok || strength != CueStrength::kQuoteOnly;
}

// A noun phrase as an inclusive flat range.
struct Np {
  size_t first;
  size_t last;
};

// The source phrase ending at flat index `e` (not before `lo`): a pronoun,
// or names, titles and source nouns with their determiners and up to two
// adjectives ("senior officials", "Pakistan's Prime Minister Shehbaz
// Sharif", "a spokesman for the ministry").
std::optional<Np> NpBackward(const Flat& flat, size_t e, size_t lo) {
  const Token& head = flat.at(e);
  if (flat.quoted(e)) return std::nullopt;
  if (IsSubjectPronoun(head.norm)) return Np{e, e};
  if (!IsHead(head)) return std::nullopt;
  const bool generic_head =
      IsGenericSource(head.norm) || IsTitleWord(head.norm);
  size_t k = e;
  int adjectives = 0;
  while (k > lo) {
    const Token& u = flat.at(k - 1);
    if (flat.quoted(k - 1)) break;
    if (IsDeterminer(u.norm)) {
      // "a spokesman for the ministry": the determiner after a joiner.
      if (k - 1 > lo + 1 && IsJoiner(flat.at(k - 2)) &&
          IsHead(flat.at(k - 3))) {
        k -= 2;
        continue;
      }
      --k;
      break;
    }
    if (IsHead(u) && IsWordToken(u)) {
      --k;
      continue;
    }
    if (u.norm == "." && k - 1 > lo && IsHonorific(flat.at(k - 2).norm)) {
      --k;
      continue;
    }
    if ((u.norm == "'s" || u.norm == "'") && k - 1 > lo &&
        IsNameToken(flat.at(k - 2))) {
      --k;
      continue;
    }
    if (IsJoiner(u) && k - 1 > lo && IsHead(flat.at(k - 2))) {
      --k;
      continue;
    }
    if (generic_head && adjectives < 2 && IsWordToken(u) && !u.is_capitalized &&
        !u.is_stop && !IsCueAdverb(u.norm) &&
        ReportingVerbStrength(u.norm) == CueStrength::kNone) {
      --k;
      ++adjectives;
      continue;
    }
    break;
  }
  // A capitalised adverb opening the sentence is not part of the name.
  while (k < e && (IsSentenceAdverb(flat.at(k).norm) ||
                   (flat.at(k).is_stop && !IsDeterminer(flat.at(k).norm)))) {
    ++k;
  }
  return Np{k, e};
}

// The source phrase starting at flat index `b` within its sentence.
std::optional<Np> NpForward(const Flat& flat, size_t b) {
  if (b >= flat.size() || flat.quoted(b)) return std::nullopt;
  const size_t end = flat.first[flat.sentence[b] + 1];
  if (IsSubjectPronoun(flat.at(b).norm)) return Np{b, b};
  size_t k = b;
  while (k < end && IsDeterminer(flat.at(k).norm) && k - b < 2) ++k;
  // Adjectives before a source noun ("senior officials").
  size_t probe = k;
  while (probe < end && probe - k < 2 && IsWordToken(flat.at(probe)) &&
         !IsHead(flat.at(probe)) && !flat.at(probe).is_stop) {
    ++probe;
  }
  if (probe < end && probe != k && IsHead(flat.at(probe)) &&
      (IsGenericSource(flat.at(probe).norm) ||
       IsTitleWord(flat.at(probe).norm))) {
    k = probe;
  }
  if (k >= end || !IsHead(flat.at(k)) || flat.quoted(k)) return std::nullopt;
  size_t last = k;
  while (last + 1 < end && !flat.quoted(last + 1)) {
    const Token& n = flat.at(last + 1);
    if (IsHead(n) && IsWordToken(n)) {
      ++last;
    } else if (n.norm == "." && IsHonorific(flat.at(last).norm) &&
               last + 2 < end && IsNameToken(flat.at(last + 2))) {
      ++last;
    } else if ((n.norm == "'s" || n.norm == "'") && last + 2 < end &&
               IsHead(flat.at(last + 2))) {
      ++last;
    } else if (IsJoiner(n) && last + 2 < end) {
      size_t h = last + 2;
      if (IsDeterminer(flat.at(h).norm) && h + 1 < end) ++h;
      if (!IsHead(flat.at(h))) break;
      last = h;
    } else {
      break;
    }
  }
  return Np{b, last};
}

// A speaker phrase with its reporting cue.
struct Cue {
  Np np;
  std::string cue;
  size_t cue_token = 0;  // flat index of the verb (or "according")
  AttributionKind kind = AttributionKind::kIndirect;
  std::string role;  // from an apposition ("Smith, the spokesman, said")
};

// The role an apposition states ("the health minister" -> "health
// minister"); empty when it names no title.
std::string AppositionRole(const Flat& flat, size_t first, size_t end) {
  bool titled = false;
  for (size_t k = first; k < end; ++k) titled |= IsTitleWord(flat.at(k).norm);
  if (!titled) return "";
  size_t r = first;
  while (r < end && IsDeterminer(flat.at(r).norm)) ++r;
  if (r >= end) return "";
  std::string role = flat.at(r).text;
  for (size_t k = r + 1; k < end; ++k) {
    if (flat.at(k).span.begin > flat.at(k - 1).span.end) role += ' ';
    role += flat.at(k).text;
  }
  return role;
}

// "A woman who lives nearby": the source phrase before a relative pronoun
// in [lo, e], when it opens the range (the subject of the clause's verb).
std::optional<Np> RelativeHead(const Flat& flat, size_t lo, size_t e) {
  for (size_t k = e; k > lo && e - k < 12; --k) {
    const std::string& w = flat.at(k).norm;
    if (flat.quoted(k) || (flat.at(k).kind == TokenKind::kPunct && w != "-")) {
      return std::nullopt;
    }
    if (w != "who" && w != "whose") continue;
    std::optional<Np> np = NpBackward(flat, k - 1, lo);
    if (np.has_value() && np->first == lo) return np;
    return std::nullopt;
  }
  return std::nullopt;
}

// The subject of the reporting verb at flat index `v`: skips adverbs,
// rejects passives ("is expected"), reads appositions ("Smith, a
// spokesman for the ministry, said").
std::optional<Cue> SubjectOf(const Flat& flat, size_t v) {
  const size_t lo = flat.first[flat.sentence[v]];
  if (v == lo) return std::nullopt;
  size_t e = v - 1;
  while (e > lo && IsCueAdverb(flat.at(e).norm)) --e;
  if (IsPassiveAux(flat.at(e).norm)) return std::nullopt;
  Cue cue;
  cue.cue = flat.at(v).norm;
  cue.cue_token = v;
  if (flat.at(e).norm == "," && e > lo) {
    // Appositions: "Modi, the prime minister, said"; "His mother Lucy, 32,
    // of Upminster, east London, said". Walk back over the segments that
    // read as appositions to the name before them.
    size_t seg_end = e;  // the comma closing the segment
    for (int segments = 0; segments < 4; ++segments) {
      size_t c = seg_end;
      while (c > lo && seg_end - c < 16 && flat.at(c - 1).norm != ",") --c;
      if (c >= seg_end) return std::nullopt;
      const Token& head = flat.at(c);
      const bool appositive = c > lo && flat.at(c - 1).norm == "," &&
                              (head.kind == TokenKind::kNumber ||
                               !head.is_capitalized || IsDeterminer(head.norm));
      if (appositive) {
        if (cue.role.empty()) cue.role = AppositionRole(flat, c, seg_end);
        seg_end = c - 1;
        continue;
      }
      std::optional<Np> np = NpBackward(flat, seg_end - 1, c);
      if (!np.has_value() || !IsNameToken(flat.at(np->last))) {
        // "A woman who lives near the prison, who …, said".
        np = RelativeHead(flat, c, seg_end - 1);
        if (!np.has_value()) return std::nullopt;
      }
      cue.np = *np;
      return cue;
    }
    return std::nullopt;
  }
  std::optional<Np> np = NpBackward(flat, e, lo);
  if (!np.has_value()) np = RelativeHead(flat, lo, e);
  if (!np.has_value()) return std::nullopt;
  // "Central Asian states": an adjective cannot speak.
  std::optional<Place> place = LookupPlace(flat.at(np->last).norm);
  if (place.has_value() && place->is_demonym) return std::nullopt;
  cue.np = *np;
  return cue;
}

// Verb forms that are as often plural nouns ("states", "claims"): verbs
// only before "that", punctuation that opens a clause, or a subject.
bool NounLikeVerbUse(const Flat& flat, size_t v) {
  static constexpr std::string_view kNounLike[] = {
      "states", "claims", "reports",  "notes", "estimates", "state", "claim",
      "report", "note",   "estimate", "warns", "tells",     "says"};
  const std::string& w = flat.at(v).norm;
  if (std::find(std::begin(kNounLike), std::end(kNounLike), w) ==
      std::end(kNounLike)) {
    return true;
  }
  const size_t end = flat.first[flat.sentence[v] + 1];
  if (v + 1 >= end) return true;
  const Token& n = flat.at(v + 1);
  return n.norm == "that" || n.norm == "," || n.norm == ":" || IsNameToken(n) ||
         IsDeterminer(n.norm) || IsSubjectPronoun(n.norm) || n.norm == "\"" ||
         n.norm == "'";
}

// "…, said Modi." / "“…,” said the minister": the speaker after the verb.
std::optional<Cue> InvertedSubjectOf(const Flat& flat, size_t v) {
  std::optional<Np> np = NpForward(flat, v + 1);
  if (!np.has_value() || IsSubjectPronoun(flat.at(np->first).norm)) {
    // "said he" is rare in news; "said it" is not a speaker.
    if (!np.has_value() || flat.at(np->first).norm != "he") {
      if (!np.has_value() || flat.at(np->first).norm != "she") {
        return std::nullopt;
      }
    }
  }
  const size_t end = flat.first[flat.sentence[v] + 1];
  const size_t after = np->last + 1;
  if (after < end) {
    const std::string& n = flat.at(after).norm;
    if (n != "," && n != "." && n != ":" && n != ";" && n != "\"" && n != "'" &&
        !IsWordToken(flat.at(after))) {
      return std::nullopt;
    }
    // "said Modi met Xi" is not inverted speech.
    if (IsWordToken(flat.at(after)) && n != "in" && n != "on" && n != "at" &&
        n != "after" && n != "during" && n != "while" && n != "when" &&
        n != "as") {
      return std::nullopt;
    }
  }
  Cue cue;
  cue.np = *np;
  cue.cue = flat.at(v).norm;
  cue.cue_token = v;
  return cue;
}

std::optional<Cue> AccordingTo(const Flat& flat, size_t f) {
  if (f + 1 >= flat.size() || flat.at(f).norm != "according" ||
      flat.at(f + 1).norm != "to" || flat.quoted(f)) {
    return std::nullopt;
  }
  std::optional<Np> np = NpForward(flat, f + 2);
  if (!np.has_value()) return std::nullopt;
  Cue cue;
  cue.np = *np;
  cue.cue = "according to";
  cue.cue_token = f;
  cue.kind = AttributionKind::kAccordingTo;
  return cue;
}

// The cue right after a quotation: "…,” Modi said", "…,” said Modi",
// "…,” according to X".
std::optional<Cue> CueAfter(std::string_view body, const Flat& flat,
                            const Quotation& q, bool across_paragraphs) {
  size_t f =
      std::lower_bound(
          flat.tokens.begin(), flat.tokens.end(), q.outer.end,
          [](const Token* t, uint32_t pos) { return t->span.begin < pos; }) -
      flat.tokens.begin();
  if (f < flat.size() && (flat.at(f).norm == "," || flat.at(f).norm == "-")) {
    ++f;
  }
  if (f >= flat.size() || flat.quoted(f)) return std::nullopt;
  // A cue after a paragraph break opens a new paragraph of its own ("…”
  // / The union said …"): it attributes the quotation before it only when
  // nothing else does.
  if (!across_paragraphs &&
      body.substr(q.outer.end, flat.at(f).span.begin - q.outer.end)
              .find('\n') != std::string_view::npos) {
    return std::nullopt;
  }
  if (IsVerbToken(flat.at(f), true)) return InvertedSubjectOf(flat, f);
  if (std::optional<Cue> according = AccordingTo(flat, f)) return according;
  std::optional<Np> np = NpForward(flat, f);
  if (!np.has_value()) return std::nullopt;
  size_t v = np->last + 1;
  const size_t end = flat.first[flat.sentence[np->first] + 1];
  while (v < end && IsCueAdverb(flat.at(v).norm)) ++v;
  if (v >= end || !IsVerbToken(flat.at(v), true)) return std::nullopt;
  Cue cue;
  cue.np = *np;
  cue.cue = flat.at(v).norm;
  cue.cue_token = v;
  return cue;
}

// The cue right before a quotation: "Modi said: “…", "Modi said, “…",
// "she told the BBC: “…", "said Modi: “…".
std::optional<Cue> CueBefore(const Flat& flat, const Quotation& q) {
  size_t f =
      std::lower_bound(
          flat.tokens.begin(), flat.tokens.end(), q.outer.begin,
          [](const Token* t, uint32_t pos) { return t->span.end <= pos; }) -
      flat.tokens.begin();
  if (f == 0) return std::nullopt;
  --f;  // last token before the opening mark
  while (f > 0 && flat.at(f).kind == TokenKind::kPunct &&
         flat.at(f).span.end > q.outer.begin) {
    --f;
  }
  if (flat.quoted(f)) return std::nullopt;
  const size_t lo = flat.first[flat.sentence[f]];
  bool colon = false;
  if (flat.at(f).norm == ":" || flat.at(f).norm == ",") {
    colon = flat.at(f).norm == ":";
    if (f == lo) return std::nullopt;
    --f;
  } else if (flat.at(f).norm == "that" && f > lo) {
    --f;
  }
  std::optional<size_t> verb;
  for (size_t k = f + 1; k-- > lo && f - k <= (colon ? 8u : 0u);) {
    if (flat.quoted(k)) break;
    if (IsVerbToken(flat.at(k), true)) {
      verb = k;
      break;
    }
  }
  if (!verb.has_value()) {
    // "..., Modi said: “" without the verb next to the colon is handled
    // above; "According to Modi: “" here.
    for (size_t k = f + 1; k-- > lo && f - k <= 8;) {
      if (std::optional<Cue> according = AccordingTo(flat, k)) {
        return according;
      }
    }
    return std::nullopt;
  }
  if (std::optional<Cue> subject = SubjectOf(flat, *verb)) return subject;
  if (*verb > lo) {
    const std::string& before = flat.at(*verb - 1).norm;
    if (before == "," || before == "\"" || before == "'") {
      return InvertedSubjectOf(flat, *verb);
    }
  }
  return InvertedSubjectOf(flat, *verb);
}

// ---------------------------------------------------------------------------
// The article pass.

class Attributor {
 public:
  Attributor(std::string_view body, ArticleAnalysis& a)
      : body_(body), a_(a), flat_(MakeFlat(a.tokens, a.quotations)) {}

  void Run() {
    FindChains();
    a_.attributions.assign(a_.sentences.size(), {});
    info_.assign(a_.sentences.size(), {});
    for (size_t s = 0; s < a_.sentences.size(); ++s) {
      if (a_.sentences[s].is_heading) continue;
      if (AttributeQuote(s)) continue;
      AttributeReported(s);
    }
  }

 private:
  struct Chain {
    size_t first_quote;
    size_t last_quote;
    std::optional<Cue> cue;
    // The cue opens the paragraph after the quotation: weaker than the
    // speaker the quotation carries on from.
    bool cue_across_paragraphs = false;
  };

  void FindChains() {
    const std::vector<Quotation>& quotes = a_.quotations;
    for (size_t q = 0; q < quotes.size(); ++q) {
      if (quotes[q].continues_previous && !chains_.empty()) {
        chains_.back().last_quote = q;
      } else {
        chains_.push_back({q, q, std::nullopt});
      }
    }
    for (Chain& c : chains_) {
      for (size_t q = c.first_quote; q <= c.last_quote && !c.cue; ++q) {
        c.cue = CueAfter(body_, flat_, quotes[q], false);
        if (!c.cue) c.cue = CueBefore(flat_, quotes[q]);
      }
      if (!c.cue) {
        c.cue = CueAfter(body_, flat_, quotes[c.last_quote], true);
        c.cue_across_paragraphs = c.cue.has_value();
      }
    }
  }

  // Bytes of sentence `s` inside the quotations of `chain`.
  uint32_t QuotedBytes(size_t s, const Chain& chain) const {
    const ByteSpan& span = a_.sentences[s].span;
    uint32_t covered = 0;
    for (size_t q = chain.first_quote; q <= chain.last_quote; ++q) {
      const ByteSpan& c = a_.quotations[q].content;
      uint32_t b = std::max(c.begin, span.begin);
      uint32_t e = std::min(c.end, span.end);
      if (e > b) covered += e - b;
    }
    return covered;
  }

  bool AttributeQuote(size_t s) {
    const ByteSpan& span = a_.sentences[s].span;
    const Chain* best = nullptr;
    bool best_has_cue_here = false;
    uint32_t best_bytes = 0;
    for (const Chain& c : chains_) {
      const ByteSpan& first = a_.quotations[c.first_quote].outer;
      const ByteSpan& last = a_.quotations[c.last_quote].outer;
      if (last.end <= span.begin || first.begin >= span.end) continue;
      const uint32_t bytes = QuotedBytes(s, c);
      const bool cue_here =
          c.cue.has_value() && flat_.sentence[c.cue->cue_token] == s;
      // A phrase in scare quotes inside the narrator's or someone's
      // reported sentence is not a direct quote of the sentence.
      if (!cue_here && bytes * 2 < span.size()) continue;
      if (best == nullptr || (cue_here && !best_has_cue_here) ||
          (cue_here == best_has_cue_here && bytes > best_bytes)) {
        best = &c;
        best_has_cue_here = cue_here;
        best_bytes = bytes;
      }
    }
    if (best == nullptr) return false;
    SentenceAttribution& out = a_.attributions[s];
    if (best->cue_across_paragraphs && CarryOn(s)) return true;
    if (best->cue.has_value()) {
      std::optional<SpeakerRef> speaker = MakeSpeaker(*best->cue, s, info_[s]);
      if (speaker.has_value()) {
        out.kind = AttributionKind::kDirectQuote;
        out.speaker = *std::move(speaker);
        out.cue = best->cue->cue;
        return true;
      }
    }
    return CarryOn(s);
  }

  // A quotation without its own cue carries on the last speaker of the
  // previous two sentences (a quote paragraph after "She added: ...").
  bool CarryOn(size_t s) {
    SentenceAttribution& out = a_.attributions[s];
    for (size_t back = 1; back <= 2 && back <= s; ++back) {
      const SentenceAttribution& prev = a_.attributions[s - back];
      if (a_.sentences[s - back].is_heading) break;
      if (prev.kind == AttributionKind::kNarrator) continue;
      out.kind = AttributionKind::kDirectQuote;
      out.speaker = prev.speaker;
      out.cue = prev.cue;
      info_[s] = info_[s - back];
      return true;
    }
    return false;
  }

  void AttributeReported(size_t s) {
    const size_t lo = flat_.first[s];
    const size_t hi = flat_.first[s + 1];
    for (size_t f = lo; f < hi; ++f) {
      if (flat_.quoted(f)) continue;
      std::optional<Cue> cue = AccordingTo(flat_, f);
      if (!cue.has_value()) cue = ReportedAt(f, hi);
      if (!cue.has_value()) continue;
      SpeakerInfo info;
      std::optional<SpeakerRef> speaker = MakeSpeaker(*cue, s, info);
      if (!speaker.has_value()) continue;
      info_[s] = std::move(info);
      SentenceAttribution& out = a_.attributions[s];
      out.kind = cue->kind;
      out.speaker = *std::move(speaker);
      out.cue = cue->cue;
      return;
    }
  }

  std::optional<Cue> ReportedAt(size_t f, size_t hi) const {
    const Token& t = flat_.at(f);
    if (!IsVerbToken(t, false)) return std::nullopt;
    const std::string next = f + 1 < hi ? flat_.at(f + 1).norm : "";
    // "said to be", "was told by": not speech by the subject.
    if (next == "to" || next == "by") return std::nullopt;
    // "Gordon added 13", "reported 5%": a figure, not speech.
    if (f + 1 < hi && flat_.at(f + 1).kind == TokenKind::kNumber) {
      return std::nullopt;
    }
    const bool belief = ReportingVerbStrength(t.norm) == CueStrength::kBelief;
    const bool heard = t.norm == "heard";
    // "had admitted the charge", "denied murder": pleas, not speech, unless
    // a clause follows.
    if ((t.norm == "admitted" || t.norm == "admits" || t.norm == "admit" ||
         t.norm == "denied" || t.norm == "denies" || t.norm == "deny") &&
        next != "that" && next != "," && next != ":") {
      return std::nullopt;
    }
    if (!NounLikeVerbUse(flat_, f)) return std::nullopt;
    std::optional<Cue> cue = SubjectOf(flat_, f);
    if (cue.has_value()) {
      const std::string& head = flat_.at(cue->np.last).norm;
      // "The court heard": only a hearing hears evidence as speech.
      if (heard && head != "court" && head != "trial" && head != "jury" &&
          head != "inquest" && head != "tribunal" && head != "hearing") {
        return std::nullopt;
      }
      if (belief) {
        // Beliefs belong to people and sources ("Analysts fear that"),
        // not to places ("New Delhi worries that" is the narrator's).
        if (next != "that" && !IsGenericSource(head)) return std::nullopt;
        if (LookupPlace(head).has_value() ||
            LookupPlace(flat_.at(cue->np.first).norm + " " + head)) {
          return std::nullopt;
        }
      }
      return cue;
    }
    if (belief || f == flat_.first[flat_.sentence[f]]) return std::nullopt;
    const std::string& before = flat_.at(f - 1).norm;
    if (before != "," && before != "\"" && before != "'") return std::nullopt;
    return InvertedSubjectOf(flat_, f);
  }

  // What the resolution of later pronouns and descriptions needs about a
  // sentence's speaker.
  struct SpeakerInfo {
    bool set = false;
    EntityType type = EntityType::kOther;
    Gender gender = Gender::kUnknown;
    // Lower-case words of the speaker phrase as written ("steel", "union",
    // "community").
    std::vector<std::string> words;
  };

  static bool Named(const SpeakerRef& speaker) {
    return !speaker.canonical.empty() &&
           absl::ascii_isupper(
               static_cast<unsigned char>(speaker.canonical[0]));
  }

  // The last non-heading sentence before `t`, when it has a speaker.
  std::optional<size_t> PreviousSpoken(size_t t) const {
    while (t > 0) {
      --t;
      if (a_.sentences[t].is_heading) continue;
      if (a_.attributions[t].kind == AttributionKind::kNarrator ||
          !info_[t].set) {
        return std::nullopt;
      }
      return t;
    }
    return std::nullopt;
  }

  // True when sentence `s` names a person before byte `position`.
  bool PersonBefore(size_t s, uint32_t position) const {
    auto [first, last] = a_.entities.SentenceMentions(s);
    for (size_t m = first; m < last; ++m) {
      const Mention& mention = a_.entities.mentions()[m];
      if (mention.span.begin >= position) break;
      if (a_.entities.entities()[mention.entity].type == EntityType::kPerson) {
        return true;
      }
    }
    return false;
  }

  // "He said" / "she added" right after a sentence someone of the same
  // gender spoke: that speaker ("Smith said …. “…,” he said").
  std::optional<size_t> PronounFromSpeaker(std::string_view pronoun,
                                           size_t t) const {
    std::optional<size_t> prev = PreviousSpoken(t);
    if (!prev.has_value()) return std::nullopt;
    const SpeakerInfo& info = info_[*prev];
    const Gender wanted = GenderOfWord(pronoun);
    if (info.type != EntityType::kPerson && info.type != EntityType::kOther) {
      return std::nullopt;
    }
    if (Named(a_.attributions[*prev].speaker)) {
      if (info.gender != Gender::kUnknown && info.gender != wanted) {
        return std::nullopt;
      }
    } else if (info.gender != wanted) {
      return std::nullopt;  // "officials"; "a woman" is a "she"
    }
    return prev;
  }

  // "The union said": the earlier speaker described with the same noun
  // ("Steel union Community said"), else the entity last mentioned whose
  // name ends with it ("the trust" -> "National Trust").
  std::optional<SpeakerRef> Description(const std::string& noun, size_t s,
                                        uint32_t position) const {
    for (size_t back = 1; back <= 10 && back <= s; ++back) {
      const size_t t = s - back;
      if (!info_[t].set || !Named(a_.attributions[t].speaker)) continue;
      const std::vector<std::string>& words = info_[t].words;
      if (std::find(words.begin(), words.end(), noun) != words.end()) {
        return a_.attributions[t].speaker;
      }
    }
    const std::vector<Mention>& mentions = a_.entities.mentions();
    for (size_t m = mentions.size(); m-- > 0;) {
      if (mentions[m].span.begin >= position || mentions[m].sentence > s) {
        continue;
      }
      const Entity& e = a_.entities.entities()[mentions[m].entity];
      if (e.type == EntityType::kPerson ||
          e.canonical.find(' ') == std::string::npos) {
        continue;
      }
      const std::string lower =
          absl::AsciiStrToLower(AsAbsl(std::string_view(e.canonical)));
      if (lower.size() > noun.size() &&
          lower.compare(lower.size() - noun.size(), noun.size(), noun) == 0 &&
          lower[lower.size() - noun.size() - 1] == ' ') {
        SpeakerRef out;
        out.canonical = e.canonical;
        return out;
      }
    }
    return std::nullopt;
  }

  std::optional<SpeakerRef> MakeSpeaker(const Cue& cue, size_t s,
                                        SpeakerInfo& info) const {
    const Token& first = flat_.at(cue.np.first);
    const size_t np_sentence = flat_.sentence[cue.np.first];
    info = SpeakerInfo();
    info.set = true;
    for (size_t k = cue.np.first; k <= cue.np.last; ++k) {
      if (IsWordToken(flat_.at(k))) info.words.push_back(flat_.at(k).norm);
    }
    SpeakerRef out;
    if (cue.np.first == cue.np.last && IsSubjectPronoun(first.norm)) {
      out.name = first.text;
      out.span = first.span;
      if (first.norm == "he" || first.norm == "she") {
        info.type = EntityType::kPerson;
        info.gender = GenderOfWord(first.norm);
        if (!PersonBefore(np_sentence, first.span.begin)) {
          if (std::optional<size_t> prev =
                  PronounFromSpeaker(first.norm, std::min(s, np_sentence))) {
            out.canonical = a_.attributions[*prev].speaker.canonical;
            out.role = a_.attributions[*prev].speaker.role;
            return out;
          }
        }
        std::optional<size_t> e = a_.entities.ResolvePronoun(
            first.norm, np_sentence, first.span.begin);
        if (e.has_value()) {
          const Entity& entity = a_.entities.entities()[*e];
          out.canonical = entity.canonical;
          out.role = entity.role;
          return out;
        }
        // Else the last person who spoke.
        for (size_t back = 1; back <= 5 && back <= s; ++back) {
          const SentenceAttribution& prev = a_.attributions[s - back];
          if (prev.kind != AttributionKind::kNarrator && Named(prev.speaker)) {
            out.canonical = prev.speaker.canonical;
            out.role = prev.speaker.role;
            return out;
          }
        }
        return std::nullopt;
      }
      if (first.norm == "it") {
        info.type = EntityType::kOrganization;
        // "X said …. It said": a body that spoke just before.
        if (std::optional<size_t> prev =
                PreviousSpoken(std::min(s, np_sentence))) {
          const SpeakerInfo& p = info_[*prev];
          if (Named(a_.attributions[*prev].speaker) &&
              p.gender == Gender::kUnknown &&
              a_.attributions[*prev].speaker.role.empty() &&
              !IsSubjectPronoun(p.words.empty() ? "" : p.words[0])) {
            out.canonical = a_.attributions[*prev].speaker.canonical;
            return out;
          }
        }
        std::optional<size_t> org =
            a_.entities.LastOrganization(np_sentence, first.span.begin);
        if (!org.has_value()) return std::nullopt;
        out.canonical = a_.entities.entities()[*org].canonical;
        return out;
      }
      // "they": the last plural or collective source, or the plural
      // source that opened the sentence before ("Inspectors visited …").
      for (size_t back = 1; back <= 3 && back <= s; ++back) {
        const SentenceAttribution& prev = a_.attributions[s - back];
        if (prev.kind != AttributionKind::kNarrator) {
          out.canonical = prev.speaker.canonical;
          out.role = prev.speaker.role;
          return out;
        }
        if (std::optional<std::string> subject = PluralSubject(s - back)) {
          out.canonical = *std::move(subject);
          return out;
        }
      }
      out.canonical = "they";
      return out;
    }
    const std::vector<Token>& tokens = a_.tokens[np_sentence];
    std::optional<ResolvedName> name = a_.entities.ResolvePhrase(
        body_, tokens, flat_.index_in_sentence(cue.np.first),
        flat_.index_in_sentence(cue.np.last));
    if (!name.has_value()) return std::nullopt;
    info.type = name->type;
    info.gender = name->gender;
    if (name->generic && first.norm == "the" &&
        cue.np.last == cue.np.first + 1) {
      const std::string& head = flat_.at(cue.np.last).norm;
      if (std::optional<SpeakerRef> described =
              Description(head, np_sentence, first.span.begin)) {
        described->name = std::move(name->name);
        described->span = name->span;
        return described;
      }
      // "The firm said": the organisation the article is about. A qualified
      // noun ("the finance department") names a body of its own.
      static constexpr std::string_view kCollective[] = {
          "firm",         "company",      "union",      "agency",
          "council",      "ministry",     "department", "club",
          "group",        "board",        "government", "statement",
          "organisation", "organization", "charity",    "bank"};
      if (std::find(std::begin(kCollective), std::end(kCollective), head) !=
          std::end(kCollective)) {
        if (std::optional<size_t> org = a_.entities.LastOrganization(
                np_sentence, first.span.begin, /*sentences_back=*/5)) {
          out.name = std::move(name->name);
          out.span = name->span;
          out.canonical = a_.entities.entities()[*org].canonical;
          return out;
        }
      }
    }
    out.name = std::move(name->name);
    out.canonical = std::move(name->canonical);
    out.role = cue.role.empty() ? std::move(name->role) : cue.role;
    out.span = name->span;
    return out;
  }

  // The generic plural source opening sentence `t` ("Inspectors visited
  // …" -> "inspectors"); nullopt otherwise.
  std::optional<std::string> PluralSubject(size_t t) const {
    if (a_.sentences[t].is_heading || flat_.first[t] == flat_.first[t + 1]) {
      return std::nullopt;
    }
    std::optional<Np> np = NpForward(flat_, flat_.first[t]);
    if (!np.has_value()) return std::nullopt;
    const std::string& head = flat_.at(np->last).norm;
    if (!IsGenericSource(head) || head.size() < 2 || head.back() != 's') {
      return std::nullopt;
    }
    return head;
  }

  std::string_view body_;
  ArticleAnalysis& a_;
  Flat flat_;
  std::vector<Chain> chains_;
  std::vector<SpeakerInfo> info_;
};

}  // namespace

std::vector<Quotation> FindQuotations(std::string_view body) {
  std::vector<Quotation> out;
  bool open = false;
  Family family = Family::kDouble;
  size_t outer_begin = 0;
  size_t content_begin = 0;
  bool continues = false;
  bool next_continues = false;

  auto emit = [&](size_t content_end, size_t outer_end) {
    size_t e = content_end;
    while (e > content_begin && (body[e - 1] == ' ' || body[e - 1] == '\n')) {
      --e;
    }
    if (e > content_begin) {
      out.push_back(
          {{static_cast<uint32_t>(content_begin), static_cast<uint32_t>(e)},
           {static_cast<uint32_t>(outer_begin),
            static_cast<uint32_t>(std::max(outer_end, e))},
           continues});
    }
    open = false;
  };

  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\n') {
      if (!open) continue;
      // A quote left open at the end of a paragraph goes on when the next
      // paragraph opens with the same kind of mark.
      size_t j = i;
      while (j < body.size() && (body[j] == '\n' || body[j] == ' ')) ++j;
      std::optional<QuoteMark> next =
          j < body.size() ? MarkAt(body, j) : std::nullopt;
      if (next.has_value() && next->family == family &&
          next->direction != Direction::kClose) {
        emit(i, i);
        next_continues = true;
      } else if (family == Family::kDouble) {
        emit(i, i);
      } else {
        open = false;  // an unpaired single mark is an apostrophe
      }
      continue;
    }
    std::optional<QuoteMark> mark = MarkAt(body, i);
    if (!mark.has_value()) continue;
    const size_t after = i + mark->size;
    const bool left = LeftBoundary(body, i);
    const bool right = RightBoundary(body, after);
    if (open && family == Family::kSingle && mark->family == Family::kDouble &&
        mark->direction != Direction::kClose) {
      open = false;  // the single mark was an apostrophe ("the '90s")
    }
    if (open) {
      if (mark->family != family) {
        i = after - 1;
        continue;
      }
      bool closes = false;
      if (family == Family::kDouble) {
        closes = mark->direction != Direction::kOpen;
      } else {
        closes = mark->direction != Direction::kOpen && !left && right;
      }
      if (closes) {
        emit(i, after);
      } else if (mark->direction != Direction::kClose && left && !right &&
                 AfterSentenceEnd(body, i)) {
        // "… None paid enough. 'The student loan …": a new paragraph of
        // the same quotation in text whose line breaks were lost.
        emit(i, i);
        open = true;
        outer_begin = i;
        content_begin = after;
        continues = true;
      }
      i = after - 1;
      continue;
    }
    bool opens = false;
    if (mark->direction == Direction::kOpen) {
      opens = !right;
    } else if (mark->direction == Direction::kEither) {
      opens = !right && (left || mark->family == Family::kDouble ||
                         AfterSentenceEnd(body, i));
      if (mark->family == Family::kSingle && !left &&
          !AfterSentenceEnd(body, i)) {
        opens = false;
      }
    }
    if (opens) {
      open = true;
      family = mark->family;
      outer_begin = i;
      content_begin = after;
      continues = next_continues;
      next_continues = false;
    }
    i = after - 1;
  }
  if (open && family == Family::kDouble) emit(body.size(), body.size());
  return out;
}

ArticleAnalysis AnalyzeArticle(std::string_view body) {
  ArticleAnalysis a;
  a.sentences = SplitSentences(body);
  a.tokens.reserve(a.sentences.size());
  for (const Sentence& s : a.sentences) {
    a.tokens.push_back(
        Tokenize(body.substr(s.span.begin, s.span.size()), s.span.begin));
  }
  a.entities = ArticleEntities::Find(body, a.sentences, a.tokens);
  a.quotations = FindQuotations(body);
  Attributor(body, a).Run();
  return a;
}

}  // namespace factcheck::text
