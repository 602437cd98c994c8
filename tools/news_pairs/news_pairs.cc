#include "tools/news_pairs/news_pairs.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/string_view.h"
#include "text/attribution.h"
#include "text/dates.h"
#include "text/entities.h"
#include "text/name_lists.h"
#include "text/quantities.h"
#include "text/tokenizer.h"

namespace factcheck::news_pairs {
namespace {

using text::Token;
using text::TokenKind;

// ---------------------------------------------------------------------------
// Small string helpers.

std::string Lower(std::string_view s) {
  return absl::AsciiStrToLower(AsAbsl(s));
}

bool In(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

bool IsVowel(char c) {
  return In(std::string_view(&c, 1), {"a", "e", "i", "o", "u"});
}

std::string Capitalize(std::string s) {
  if (!s.empty()) s[0] = absl::ascii_toupper(static_cast<unsigned char>(s[0]));
  return s;
}

// Uniform index in [0, n); n > 0. Not std::uniform_int_distribution, whose
// output differs between standard libraries.
size_t Pick(std::mt19937_64& rng, size_t n) { return rng() % n; }

double Chance(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

// Fisher-Yates with Pick, for the same reason.
template <typename T>
void Shuffle(std::vector<T>* v, std::mt19937_64& rng) {
  for (size_t i = v->size(); i > 1; --i) {
    std::swap((*v)[i - 1], (*v)[Pick(rng, i)]);
  }
}

template <typename T>
const T& PickOne(std::mt19937_64& rng, const std::vector<T>& v) {
  return v[Pick(rng, v.size())];
}

// ---------------------------------------------------------------------------
// Inflection, for antonyms and negated verbs. Naive rules plus the irregular
// verbs that news text uses most.

struct IrregularVerb {
  std::string_view base, past, participle;
};

constexpr IrregularVerb kIrregularVerbs[] = {
    {"be", "was", "been"},           {"begin", "began", "begun"},
    {"bid", "bid", "bid"},           {"break", "broke", "broken"},
    {"bring", "brought", "brought"}, {"build", "built", "built"},
    {"buy", "bought", "bought"},     {"catch", "caught", "caught"},
    {"come", "came", "come"},        {"cut", "cut", "cut"},
    {"deal", "dealt", "dealt"},      {"do", "did", "done"},
    {"drive", "drove", "driven"},    {"fall", "fell", "fallen"},
    {"feel", "felt", "felt"},        {"fight", "fought", "fought"},
    {"find", "found", "found"},      {"forget", "forgot", "forgotten"},
    {"freeze", "froze", "frozen"},   {"get", "got", "got"},
    {"give", "gave", "given"},       {"go", "went", "gone"},
    {"grow", "grew", "grown"},       {"have", "had", "had"},
    {"hide", "hid", "hidden"},       {"hit", "hit", "hit"},
    {"hold", "held", "held"},        {"keep", "kept", "kept"},
    {"know", "knew", "known"},       {"lead", "led", "led"},
    {"leave", "left", "left"},       {"lend", "lent", "lent"},
    {"let", "let", "let"},           {"lose", "lost", "lost"},
    {"make", "made", "made"},        {"mean", "meant", "meant"},
    {"meet", "met", "met"},          {"pay", "paid", "paid"},
    {"put", "put", "put"},           {"quit", "quit", "quit"},
    {"rise", "rose", "risen"},       {"run", "ran", "run"},
    {"say", "said", "said"},         {"see", "saw", "seen"},
    {"seek", "sought", "sought"},    {"sell", "sold", "sold"},
    {"send", "sent", "sent"},        {"set", "set", "set"},
    {"show", "showed", "shown"},     {"shrink", "shrank", "shrunk"},
    {"shut", "shut", "shut"},        {"sink", "sank", "sunk"},
    {"speak", "spoke", "spoken"},    {"spend", "spent", "spent"},
    {"spread", "spread", "spread"},  {"stand", "stood", "stood"},
    {"take", "took", "taken"},       {"teach", "taught", "taught"},
    {"tell", "told", "told"},        {"think", "thought", "thought"},
    {"throw", "threw", "thrown"},    {"understand", "understood", "understood"},
    {"win", "won", "won"},           {"withdraw", "withdrew", "withdrawn"},
    {"write", "wrote", "written"},
};

const IrregularVerb* FindIrregular(std::string_view base) {
  for (const IrregularVerb& v : kIrregularVerbs) {
    if (v.base == base) return &v;
  }
  return nullptr;
}

// "stop" -> true: a short word ending consonant-vowel-consonant doubles its
// last letter before "-ed", "-ing", "-er".
bool DoublesFinal(std::string_view w) {
  if (w.size() < 3 || w.size() > 4) return false;
  const char c = w.back(), v = w[w.size() - 2], p = w[w.size() - 3];
  return !IsVowel(c) && !In(std::string_view(&c, 1), {"w", "x", "y"}) &&
         IsVowel(v) && !IsVowel(p);
}

std::string PluralS(std::string_view w) {
  if (EndsWith(w, "s") || EndsWith(w, "x") || EndsWith(w, "z") ||
      EndsWith(w, "ch") || EndsWith(w, "sh")) {
    return absl::StrCat(AsAbsl(w), "es");
  }
  if (w.size() > 1 && w.back() == 'y' && !IsVowel(w[w.size() - 2])) {
    return absl::StrCat(AsAbsl(w.substr(0, w.size() - 1)), "ies");
  }
  return absl::StrCat(AsAbsl(w), "s");
}

std::string RegularSuffix(std::string_view w, std::string_view suffix) {
  // suffix is "ed", "er" or "est": all start with 'e'.
  if (w.back() == 'e') return absl::StrCat(AsAbsl(w), AsAbsl(suffix.substr(1)));
  if (w.size() > 1 && w.back() == 'y' && !IsVowel(w[w.size() - 2])) {
    return absl::StrCat(AsAbsl(w.substr(0, w.size() - 1)), "i", AsAbsl(suffix));
  }
  if (DoublesFinal(w)) {
    return absl::StrCat(AsAbsl(w), std::string(1, w.back()), AsAbsl(suffix));
  }
  return absl::StrCat(AsAbsl(w), AsAbsl(suffix));
}

std::string PastTense(std::string_view base) {
  if (const IrregularVerb* v = FindIrregular(base)) return std::string(v->past);
  return RegularSuffix(base, "ed");
}

std::string PastParticiple(std::string_view base) {
  if (const IrregularVerb* v = FindIrregular(base)) {
    return std::string(v->participle);
  }
  return RegularSuffix(base, "ed");
}

std::string Gerund(std::string_view w) {
  if (EndsWith(w, "ie"))
    return absl::StrCat(AsAbsl(w.substr(0, w.size() - 2)), "ying");
  if (w.back() == 'e' && !EndsWith(w, "ee")) {
    return absl::StrCat(AsAbsl(w.substr(0, w.size() - 1)), "ing");
  }
  if (DoublesFinal(w))
    return absl::StrCat(AsAbsl(w), std::string(1, w.back()), "ing");
  return absl::StrCat(AsAbsl(w), "ing");
}

// How `word` is inflected from `base`, so another lemma can be inflected the
// same way.
enum class Inflection {
  kNone,
  kPlural,  // or third person singular
  kPast,
  kParticiple,
  kGerund,
  kComparative,
  kSuperlative,
  kUnknown
};

Inflection InflectionOf(std::string_view word, std::string_view base,
                        text::PartOfSpeech pos) {
  if (word == base) return Inflection::kNone;
  if (pos == text::PartOfSpeech::kVerb) {
    if (const IrregularVerb* v = FindIrregular(base)) {
      if (word == v->past) return Inflection::kPast;
      if (word == v->participle) return Inflection::kParticiple;
    }
    if (EndsWith(word, "ing")) return Inflection::kGerund;
    if (EndsWith(word, "ed")) return Inflection::kPast;
  }
  if (pos == text::PartOfSpeech::kAdjective && base.size() >= 3) {
    // Only the regular forms ("higher", "largest"): "offer" is no "off"+"er".
    if (word == RegularSuffix(base, "est")) return Inflection::kSuperlative;
    if (word == RegularSuffix(base, "er")) return Inflection::kComparative;
    if (In(word, {"better", "worse"})) return Inflection::kComparative;
    if (In(word, {"best", "worst"})) return Inflection::kSuperlative;
    return Inflection::kUnknown;
  }
  if (EndsWith(word, "s") && pos != text::PartOfSpeech::kAdjective) {
    return Inflection::kPlural;
  }
  return Inflection::kUnknown;
}

std::optional<std::string> Inflect(std::string_view lemma, Inflection how) {
  switch (how) {
    case Inflection::kNone:
      return std::string(lemma);
    case Inflection::kPlural:
      return PluralS(lemma);
    case Inflection::kPast:
      return PastTense(lemma);
    case Inflection::kParticiple:
      return PastParticiple(lemma);
    case Inflection::kGerund:
      return Gerund(lemma);
    case Inflection::kComparative:
      if (lemma == "good") return std::string("better");
      if (lemma == "far") return std::string("farther");
      if (lemma == "bad") return std::string("worse");
      if (lemma.size() > 6) return absl::StrCat("more ", AsAbsl(lemma));
      return RegularSuffix(lemma, "er");
    case Inflection::kSuperlative:
      if (lemma == "good") return std::string("best");
      if (lemma == "far") return std::string("farthest");
      if (lemma == "bad") return std::string("worst");
      if (lemma.size() > 6) return absl::StrCat("most ", AsAbsl(lemma));
      return RegularSuffix(lemma, "est");
    case Inflection::kUnknown:
      return std::nullopt;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// Edits on a sentence.

// Replaces sentence bytes [begin, end) (relative to the sentence) by
// `replacement`; begin == end inserts.
struct Edit {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string replacement;
};

struct Change {
  std::vector<Edit> edits;
  std::string detail;
};

bool Overlaps(const std::vector<Edit>& a, const std::vector<Edit>& b) {
  for (const Edit& x : a) {
    for (const Edit& y : b) {
      // An insertion at a deletion's edge does not overlap it.
      const uint32_t lo = std::max(x.begin, y.begin);
      const uint32_t hi = std::min(x.end, y.end);
      if (lo < hi) return true;
      if (x.begin == x.end && y.begin < x.begin && x.begin < y.end) {
        return true;
      }
      if (y.begin == y.end && x.begin < y.begin && y.begin < x.end) {
        return true;
      }
      if (x.begin == x.end && y.begin == y.end && x.begin == y.begin) {
        return true;
      }
    }
  }
  return false;
}

// Applies non-overlapping edits, squeezes doubled spaces, drops a space
// before punctuation, and capitalises the first letter.
std::string ApplyEdits(std::string_view sentence, std::vector<Edit> edits) {
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    return a.begin != b.begin ? a.begin > b.begin : a.end > b.end;
  });
  std::string out(sentence);
  for (const Edit& e : edits) {
    out.replace(e.begin, e.end - e.begin, e.replacement);
  }
  std::string clean;
  clean.reserve(out.size());
  for (char c : out) {
    if (c == ' ' && !clean.empty() && clean.back() == ' ') continue;
    if ((c == '.' || c == ',') && !clean.empty() && clean.back() == ' ') {
      clean.pop_back();
    }
    clean.push_back(c);
  }
  size_t first = clean.find_first_not_of(" ,");
  clean = first == std::string::npos ? "" : clean.substr(first);
  while (!clean.empty() && clean.back() == ' ') clean.pop_back();
  return Capitalize(std::move(clean));
}

// ---------------------------------------------------------------------------
// The analysed article.

struct ArticleQuantity {
  std::string text;
  std::string key;
  text::Quantity quantity;
};

struct ArticleDate {
  std::string text;
  text::DateMention date;
};

// One usable sentence, with its spans made relative.
struct SentenceView {
  size_t index = 0;
  std::string_view text;
  uint32_t base = 0;
  const std::vector<Token>* tokens = nullptr;
  std::vector<text::Quantity> quantities;
  std::vector<text::DateMention> dates;
  // Mention indices into ArticleEntities::mentions().
  size_t first_mention = 0;
  size_t last_mention = 0;
  const text::SentenceAttribution* attribution = nullptr;

  uint32_t Rel(uint32_t absolute) const { return absolute - base; }
  std::string_view Slice(text::ByteSpan span) const {
    return text.substr(span.begin - base, span.size());
  }
  const Token& token(size_t i) const { return (*tokens)[i]; }
  size_t size() const { return tokens->size(); }
  // Where an added phrase goes: before the final period; nullopt when the
  // sentence does not end with one.
  std::optional<uint32_t> FinalPeriod() const {
    if (tokens->empty() || tokens->back().text != ".") return std::nullopt;
    return Rel(tokens->back().span.begin);
  }
};

struct Context {
  std::string_view body;
  const text::ArticleAnalysis* analysis = nullptr;
  const ExtrinsicPool* pool = nullptr;
  const text::Lexicon* lexicon = nullptr;
  std::mt19937_64* rng = nullptr;
  const NewsPairOptions* opts = nullptr;
  std::string lower_body;
  std::set<std::string> body_words;
  std::vector<ArticleQuantity> quantities;
  std::vector<ArticleDate> dates;
  std::string percent_word;  // "pct", "percent" or "%"

  const text::ArticleEntities& entities() const { return analysis->entities; }
};

// Quantities and dates of a sentence, day numbers left to their dates.
void FindAmounts(std::string_view sentence, const std::vector<Token>& tokens,
                 uint32_t base, std::vector<text::Quantity>* quantities,
                 std::vector<text::DateMention>* dates) {
  *quantities = text::ExtractQuantities(sentence, tokens, base);
  *dates =
      text::ExtractDates(sentence, tokens, *quantities, base, std::nullopt);
  text::DropDayNumbers(*dates, quantities);
}

// Amounts are comparable when they share kind and unit and, for bare counts,
// the word after them ("mln dlrs", "shares", "tonnes").
std::string QuantityKey(const text::Quantity& q,
                        const std::vector<Token>& tokens) {
  std::string next;
  if (q.unit.empty() && q.last_token + 1 < tokens.size() &&
      tokens[q.last_token + 1].kind == TokenKind::kWord) {
    next = tokens[q.last_token + 1].norm;
  }
  return absl::StrCat(static_cast<int>(q.kind), "|", q.unit, "|", next);
}

bool IsDemonym(std::string_view surface) {
  const std::optional<text::Place> place = text::LookupPlace(Lower(surface));
  return place.has_value() && place->is_demonym;
}

bool HasOrganizationWord(std::string_view name) {
  for (const Token& t : text::Tokenize(name)) {
    if (text::IsOrganizationCue(t.norm) ||
        In(t.norm, {"markets", "capital", "securities", "group", "day", "times",
                    "news", "journal", "post"})) {
      return true;
    }
  }
  return false;
}

bool IsTypedEntity(text::EntityType t) {
  return t == text::EntityType::kPerson ||
         t == text::EntityType::kOrganization ||
         t == text::EntityType::kLocation;
}

// A name fit to write into a claim: capitalised words of letters (and
// "&", ".", "'", "-"), not all capitals, at most five words.
bool IsCleanName(std::string_view name) {
  if (name.empty() || name.size() > 60) return false;
  size_t words = 1;
  bool has_lower = false;
  bool word_start = true;
  for (char c : name) {
    if (c == ' ') {
      ++words;
      word_start = true;
      continue;
    }
    if (word_start && !absl::ascii_isupper(static_cast<unsigned char>(c)) &&
        c != '&') {
      return false;
    }
    word_start = false;
    if (absl::ascii_islower(static_cast<unsigned char>(c))) has_lower = true;
    if (!absl::ascii_isalpha(static_cast<unsigned char>(c)) &&
        !In(std::string_view(&c, 1), {"&", ".", "'", "-"})) {
      return false;
    }
  }
  return has_lower && words <= 5;
}

// True when no distinctive word of `name` occurs in the article, so the
// article cannot be about it.
bool AbsentFromArticle(const Context& ctx, std::string_view name) {
  if (ctx.lower_body.find(Lower(name)) != std::string::npos) return false;
  for (const Token& t : text::Tokenize(name)) {
    if (t.kind != TokenKind::kWord || t.is_stop || t.norm.size() < 3) continue;
    if (text::IsOrganizationCue(t.norm)) continue;
    if (ctx.body_words.count(t.norm) > 0) return false;
  }
  return true;
}

// A pool name of `type` that the article never mentions.
std::optional<std::string> ExtrinsicName(const Context& ctx,
                                         text::EntityType type) {
  const std::vector<std::string>* names = nullptr;
  switch (type) {
    case text::EntityType::kPerson:
      names = &ctx.pool->persons();
      break;
    case text::EntityType::kOrganization:
      names = &ctx.pool->organizations();
      break;
    case text::EntityType::kLocation:
      names = &ctx.pool->locations();
      break;
    case text::EntityType::kOther:
      return std::nullopt;
  }
  if (names->empty()) return std::nullopt;
  // A few random draws, then give up: the pool is large in practice.
  for (int attempt = 0; attempt < 12; ++attempt) {
    const std::string& name = PickOne(*ctx.rng, *names);
    if (AbsentFromArticle(ctx, name)) return name;
  }
  return std::nullopt;
}

std::string Quoted(std::string_view a, std::string_view b) {
  return absl::StrCat("'", AsAbsl(a), "' -> '", AsAbsl(b), "'");
}

Change Replace(const SentenceView& s, text::ByteSpan span,
               std::string replacement) {
  Change c;
  c.detail = Quoted(s.Slice(span), replacement);
  c.edits.push_back(
      {s.Rel(span.begin), s.Rel(span.end), std::move(replacement)});
  return c;
}

Change Insert(uint32_t at, std::string phrase) {
  Change c;
  c.detail = absl::StrCat("added '", phrase, "'");
  c.edits.push_back({at, at, std::move(phrase)});
  return c;
}

bool HasQuoteMark(std::string_view s) {
  return s.find('"') != std::string_view::npos ||
         s.find("\xE2\x80\x9C") != std::string_view::npos ||
         s.find("\xE2\x80\x9D") != std::string_view::npos;
}

bool IsReportingVerb(const Token& t) {
  return text::ReportingVerbStrength(t.norm) == text::CueStrength::kSpeech;
}

// Mentions of the sentence that a rule may rewrite: typed, not demonyms,
// clean names, outside the speaker's name.
// True when `span` is only part of a longer name ("Telephone Corp" of
// "Nippon Telegraph and Telephone Corp"), or sits inside a Reuters
// "<Company Name>" mark: rewriting it would garble the name.
bool InsideAngleBrackets(const SentenceView& s, uint32_t absolute) {
  const std::string_view before = s.text.substr(0, s.Rel(absolute));
  return std::count(before.begin(), before.end(), '<') >
         std::count(before.begin(), before.end(), '>');
}

bool PartOfLongerName(const SentenceView& s, text::ByteSpan span) {
  if (InsideAngleBrackets(s, span.begin)) return true;
  for (size_t i = 0; i < s.size(); ++i) {
    const Token& t = s.token(i);
    if (t.span.end <= span.begin && i + 1 < s.size() &&
        s.token(i + 1).span.begin >= span.begin) {
      const bool title = text::IsTitleWord(t.norm) ||
                         text::IsTitleModifier(t.norm) ||
                         text::IsHonorific(t.norm);
      if (t.kind == TokenKind::kWord && t.is_capitalized && !title && i > 0) {
        return true;
      }
      if (In(t.norm, {"and", "&"}) && i > 0 && s.token(i - 1).is_capitalized) {
        return true;
      }
    }
    if (t.span.begin >= span.end) {
      return t.kind == TokenKind::kWord && t.is_capitalized;
    }
  }
  return false;
}

std::vector<size_t> RewritableMentions(const Context& ctx,
                                       const SentenceView& s) {
  std::vector<size_t> out;
  const text::ByteSpan speaker = s.attribution->speaker.span;
  for (size_t m = s.first_mention; m < s.last_mention; ++m) {
    const text::Mention& mention = ctx.entities().mentions()[m];
    const text::Entity& entity = ctx.entities().entities()[mention.entity];
    if (!IsTypedEntity(entity.type) || IsDemonym(mention.text)) continue;
    if (!IsCleanName(mention.text) || PartOfLongerName(s, mention.span)) {
      continue;
    }
    if (mention.text.find(' ') == std::string::npos &&
        text::IsOrganizationCue(Lower(mention.text))) {
      continue;  // a bare "Co" or "Bank"
    }
    if (speaker.size() > 0 && mention.span.begin < speaker.end &&
        speaker.begin < mention.span.end) {
      continue;
    }
    out.push_back(m);
  }
  return out;
}

// ---------------------------------------------------------------------------
// SUPPORTED: compressions.

// ", X said." at the end -> ".".
std::optional<Change> DropTrailingAttribution(const SentenceView& s) {
  const std::optional<uint32_t> period = s.FinalPeriod();
  if (!period || HasQuoteMark(s.text)) return std::nullopt;
  const size_t n = s.size();
  for (size_t i = n - 1; i-- > 0 && n - 1 - i <= 9;) {
    if (s.token(i).text != ",") continue;
    bool reporting = false;
    for (size_t j = i + 1; j + 1 < n; ++j) {
      if (s.token(j).kind == TokenKind::kPunct) return std::nullopt;
      reporting |= IsReportingVerb(s.token(j));
    }
    if (!reporting || i < 6) return std::nullopt;
    Change c;
    const uint32_t from = s.Rel(s.token(i).span.begin);
    c.detail = absl::StrCat("dropped '",
                            AsAbsl(s.text.substr(from, *period - from)), "'");
    c.edits.push_back({from, *period, ""});
    return c;
  }
  return std::nullopt;
}

// "X said (that) it will ..." -> "X will ..."; "X said the plan ..." ->
// "The plan ...".
std::optional<Change> DropLeadingAttribution(const SentenceView& s) {
  if (s.attribution->kind != text::AttributionKind::kIndirect ||
      HasQuoteMark(s.text)) {
    return std::nullopt;
  }
  size_t cue = 0;
  while (cue < s.size() && cue < 8 && !IsReportingVerb(s.token(cue))) {
    if (s.token(cue).kind == TokenKind::kPunct && s.token(cue).text != ".") {
      return std::nullopt;
    }
    ++cue;
  }
  if (cue == 0 || cue >= s.size() || cue >= 8 ||
      !In(s.token(cue).norm, {"said", "says"})) {
    return std::nullopt;
  }
  const text::ByteSpan speaker = s.attribution->speaker.span;
  if (speaker.size() == 0 || speaker.begin < s.base ||
      speaker.end > s.token(cue).span.begin) {
    return std::nullopt;
  }
  size_t next = cue + 1;
  if (next < s.size() && s.token(next).norm == "that") ++next;
  if (next + 6 >= s.size()) return std::nullopt;
  const Token& head = s.token(next);
  if (head.kind != TokenKind::kWord) return std::nullopt;
  // The subject as written, up to the cue ("Circuit Systems Inc").
  size_t subject_end = cue;
  while (subject_end > 0 && text::IsCueAdverb(s.token(subject_end - 1).norm)) {
    --subject_end;
  }
  if (subject_end == 0) return std::nullopt;
  const std::string subject(
      s.text.substr(0, s.Rel(s.token(subject_end - 1).span.end)));
  if (text::IsSubjectPronoun(Lower(subject))) return std::nullopt;
  Change c;
  if (In(head.norm, {"it", "he", "she"})) {
    c.edits.push_back({0, s.Rel(head.span.end), subject});
  } else if (head.is_capitalized || In(head.norm, {"the", "a", "an"}) ||
             head.kind == TokenKind::kNumber) {
    c.edits.push_back({0, s.Rel(head.span.begin), ""});
  } else {
    return std::nullopt;
  }
  c.detail = absl::StrCat(
      "dropped '", AsAbsl(s.text.substr(0, s.Rel(s.token(next).span.begin))),
      "'");
  return c;
}

// " (parenthetical)" after a content word -> "".
std::optional<Change> DropParenthetical(const SentenceView& s) {
  for (size_t i = 1; i < s.size(); ++i) {
    if (s.token(i).text != "(") continue;
    const Token& before = s.token(i - 1);
    if (before.kind != TokenKind::kWord || before.is_stop) continue;
    size_t close = i + 1;
    while (close < s.size() && s.token(close).text != ")") ++close;
    if (close >= s.size() || close - i > 12) return std::nullopt;
    if (close + 1 < s.size() && s.token(close + 1).is_capitalized) continue;
    if (InsideAngleBrackets(s, before.span.begin)) continue;
    Change c;
    const uint32_t from = s.Rel(before.span.end);
    const uint32_t to = s.Rel(s.token(close).span.end);
    c.detail =
        absl::StrCat("dropped '", AsAbsl(s.text.substr(from, to - from)), "'");
    c.edits.push_back({from, to, ""});
    return c;
  }
  return std::nullopt;
}

// True when a comma, semicolon or dash follows token `i` before the end:
// the clause from `i` does not run to the end of the sentence.
bool HasPunctAfter(const SentenceView& s, size_t i) {
  for (size_t j = i + 1; j + 1 < s.size(); ++j) {
    if (In(s.token(j).text, {",", ";", "-", "--", ")"})) return true;
  }
  return false;
}

// "Main clause, which ..." -> "Main clause."
std::optional<Change> KeepMainClause(const SentenceView& s) {
  const std::optional<uint32_t> period = s.FinalPeriod();
  if (!period || HasQuoteMark(s.text)) return std::nullopt;
  size_t words = 0;
  bool open_paren = false;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    const Token& t = s.token(i);
    if (t.text == "(") open_paren = true;
    if (t.text == ")") open_paren = false;
    if (t.kind != TokenKind::kPunct) ++words;
    if ((t.text == "," || t.text == ";") && words >= 8 && !open_paren &&
        In(s.token(i + 1).norm, {"which", "while", "although", "though",
                                 "whereas", "but", "compared"}) &&
        !HasPunctAfter(s, i + 1)) {
      Change c;
      const uint32_t from = s.Rel(t.span.begin);
      c.detail = absl::StrCat("dropped '",
                              AsAbsl(s.text.substr(from, *period - from)), "'");
      c.edits.push_back({from, *period, ""});
      return c;
    }
  }
  return std::nullopt;
}

std::vector<Change> Compressions(const SentenceView& s) {
  std::vector<Change> out;
  for (auto rule : {DropTrailingAttribution, DropLeadingAttribution,
                    DropParenthetical, KeepMainClause}) {
    if (std::optional<Change> c = rule(s)) out.push_back(*std::move(c));
  }
  return out;
}

// ---------------------------------------------------------------------------
// CONTRADICTED: intrinsic corruptions.

// Writes `value` like `original` ("3,677,272", "8.4"): same decimals, same
// thousands separators.
std::string FormatLike(double value, std::string_view original) {
  const size_t dot = original.find('.');
  const int decimals = dot == std::string_view::npos
                           ? 0
                           : static_cast<int>(original.size() - dot - 1);
  std::string digits = absl::StrFormat("%.*f", decimals, value);
  if (original.find(',') == std::string_view::npos) return digits;
  const size_t int_end =
      digits.find('.') == std::string::npos ? digits.size() : digits.find('.');
  std::string grouped;
  for (size_t i = 0; i < int_end; ++i) {
    if (i > 0 && (int_end - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  return grouped + digits.substr(int_end);
}

// Every digit number in the quantity scaled by one factor ("340 to 350" ->
// "680 to 700").
std::optional<Change> ScaleQuantity(const Context& ctx, const SentenceView& s,
                                    const text::Quantity& q) {
  static constexpr double kFactors[] = {2, 3, 0.5, 1.5, 0.25, 4};
  double factor = kFactors[Pick(*ctx.rng, std::size(kFactors))];
  if (q.kind == text::QuantityKind::kPercent && q.value <= 100 &&
      q.value * factor > 100) {
    factor = 0.5;
  }
  Change c;
  for (size_t i = q.first_token; i <= q.last_token && i < s.size(); ++i) {
    const Token& t = s.token(i);
    if (t.kind != TokenKind::kNumber || !text::IsNumberToken(t.text)) continue;
    const double v = std::stod(text::CanonicalNumber(t.text));
    std::string scaled = FormatLike(v * factor, t.text);
    if (scaled == t.text || std::stod(text::CanonicalNumber(scaled)) == 0) {
      scaled = FormatLike(v * 2, t.text);
    }
    if (scaled == t.text) return std::nullopt;
    c.edits.push_back({s.Rel(t.span.begin), s.Rel(t.span.end), scaled});
  }
  if (c.edits.empty()) return std::nullopt;
  std::vector<Edit> copy = c.edits;
  c.detail = Quoted(q.text, ApplyEdits(s.Slice(q.span), [&] {
                      for (Edit& e : copy) {
                        e.begin -= s.Rel(q.span.begin);
                        e.end -= s.Rel(q.span.begin);
                      }
                      return copy;
                    }()));
  return c;
}

std::optional<Change> CorruptNumber(const Context& ctx, const SentenceView& s) {
  std::vector<const text::Quantity*> candidates;
  for (const text::Quantity& q : s.quantities) {
    if (q.kind == text::QuantityKind::kYear ||
        q.kind == text::QuantityKind::kOrdinal) {
      continue;
    }
    // "99-1/2", "7/8 pct": fractions are written in pieces; leave them.
    const size_t after = q.last_token + 1;
    if (q.text.find('/') != std::string::npos ||
        (after < s.size() && s.token(after).text == "/") ||
        (q.first_token > 0 && s.token(q.first_token - 1).text == "/")) {
      continue;
    }
    candidates.push_back(&q);
  }
  if (candidates.empty()) return std::nullopt;
  const text::Quantity& q = *PickOne(*ctx.rng, candidates);
  const std::string key = QuantityKey(q, *s.tokens);
  std::vector<const ArticleQuantity*> others;
  for (const ArticleQuantity& other : ctx.quantities) {
    if (other.key == key && !text::SameQuantity(other.quantity, q) &&
        other.text != q.text) {
      others.push_back(&other);
    }
  }
  if (!others.empty() && Chance(*ctx.rng) < 0.6) {
    return Replace(s, q.span, PickOne(*ctx.rng, others)->text);
  }
  return ScaleQuantity(ctx, s, q);
}

constexpr std::array<std::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "Monday", "Tuesday",  "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday"};

// The date shifted in place: its year, else its day, else its month or
// weekday changed.
std::optional<Change> ShiftDate(const Context& ctx, const SentenceView& s,
                                const text::DateMention& d) {
  Change c;
  const int year_shift = static_cast<int>(Pick(*ctx.rng, 3)) + 1;
  const int sign = Pick(*ctx.rng, 2) == 0 ? -1 : 1;
  for (size_t i = d.first_token; i <= d.last_token; ++i) {
    const Token& t = s.token(i);
    if (t.kind == TokenKind::kNumber && t.text.size() == 4 &&
        text::IsNumberToken(t.text)) {
      const int year = std::stoi(t.text);
      if (year >= 1800 && year <= 2100) {
        c.edits.push_back({s.Rel(t.span.begin), s.Rel(t.span.end),
                           absl::StrCat(year + sign * year_shift)});
      }
    }
  }
  if (c.edits.empty() && d.day > 0) {
    for (size_t i = d.first_token; i <= d.last_token; ++i) {
      const Token& t = s.token(i);
      if (t.kind == TokenKind::kNumber && t.text == absl::StrCat(d.day)) {
        int day = static_cast<int>(Pick(*ctx.rng, 27)) + 1;
        if (day >= d.day) ++day;
        c.edits.push_back(
            {s.Rel(t.span.begin), s.Rel(t.span.end), absl::StrCat(day)});
        break;
      }
    }
  }
  if (c.edits.empty()) {
    for (size_t i = d.first_token; i <= d.last_token && c.edits.empty(); ++i) {
      const Token& t = s.token(i);
      if (!t.is_capitalized) continue;
      auto swap_in = [&](auto names) {
        for (size_t k = 0; k < names.size(); ++k) {
          const std::string_view name = names[k];
          const std::string lower = Lower(name);
          std::string word = t.norm;
          if (!word.empty() && word.back() == '.') word.pop_back();
          const bool abbreviated = word.size() >= 3 &&
                                   word.size() < lower.size() &&
                                   lower.substr(0, word.size()) == word;
          if (word != lower && !abbreviated) continue;
          const size_t other =
              (k + 1 + Pick(*ctx.rng, names.size() - 1)) % names.size();
          std::string replacement(names[other]);
          if (abbreviated) {
            replacement = replacement.substr(
                0, std::min(replacement.size(), word.size()));
            if (t.text.back() == '.') replacement.push_back('.');
          }
          c.edits.push_back(
              {s.Rel(t.span.begin), s.Rel(t.span.end), std::move(replacement)});
          return;
        }
      };
      swap_in(kMonths);
      if (c.edits.empty()) swap_in(kWeekdays);
    }
  }
  if (c.edits.empty()) return std::nullopt;
  std::vector<Edit> local = c.edits;
  for (Edit& e : local) {
    e.begin -= s.Rel(d.span.begin);
    e.end -= s.Rel(d.span.begin);
  }
  c.detail = Quoted(d.text, ApplyEdits(s.Slice(d.span), local));
  return c;
}

std::optional<Change> CorruptDate(const Context& ctx, const SentenceView& s) {
  std::vector<const text::DateMention*> candidates;
  for (const text::DateMention& d : s.dates) {
    if (d.text.find('/') == std::string::npos) candidates.push_back(&d);
  }
  if (candidates.empty()) return std::nullopt;
  const text::DateMention& d = *PickOne(*ctx.rng, candidates);
  std::vector<const ArticleDate*> others;
  for (const ArticleDate& other : ctx.dates) {
    const text::DateMention& o = other.date;
    if (o.granularity == d.granularity && o.text != d.text &&
        (o.year != d.year || o.month != d.month || o.day != d.day) &&
        o.relative == d.relative && other.text.find('/') == std::string::npos) {
      others.push_back(&other);
    }
  }
  if (!others.empty() && Chance(*ctx.rng) < 0.5) {
    std::string replacement = PickOne(*ctx.rng, others)->text;
    // "Last August" opening its sentence is "last August" inside ours.
    const std::string first_word =
        Lower(replacement.substr(0, replacement.find(' ')));
    if (text::IsStopWord(first_word) ||
        In(first_word, {"last", "next", "early", "late", "mid", "this",
                        "yesterday", "today", "tomorrow"})) {
      replacement[0] =
          absl::ascii_tolower(static_cast<unsigned char>(replacement[0]));
    }
    if (absl::ascii_isupper(static_cast<unsigned char>(d.text[0])) &&
        s.Rel(d.span.begin) == 0) {
      replacement = Capitalize(std::move(replacement));
    }
    return Replace(s, d.span, std::move(replacement));
  }
  return ShiftDate(ctx, s, d);
}

std::optional<Change> CorruptEntity(const Context& ctx, const SentenceView& s) {
  const std::vector<size_t> mentions = RewritableMentions(ctx, s);
  if (mentions.empty()) return std::nullopt;
  const text::Mention& mention =
      ctx.entities().mentions()[PickOne(*ctx.rng, mentions)];
  const text::EntityType type = ctx.entities().entities()[mention.entity].type;
  // Other entities of the same type, by their canonical name.
  std::vector<std::string> names;
  const std::string lower_mention = Lower(mention.text);
  for (size_t e = 0; e < ctx.entities().entities().size(); ++e) {
    const text::Entity& other = ctx.entities().entities()[e];
    const std::string lower_other = Lower(other.canonical);
    if (e == mention.entity || other.type != type ||
        !IsCleanName(other.canonical) ||
        lower_other.find(lower_mention) != std::string::npos ||
        lower_mention.find(lower_other) != std::string::npos ||
        s.text.find(other.canonical) != std::string_view::npos) {
      continue;
    }
    names.push_back(other.canonical);
  }
  if (names.empty()) return std::nullopt;
  return Replace(s, mention.span, PickOne(*ctx.rng, names));
}

constexpr std::string_view kInsertableAux[] = {
    "is",     "are", "was",   "were", "will", "would", "can", "could",
    "should", "may", "might", "must", "has",  "have",  "had"};

std::optional<Change> RemoveNegation(const SentenceView& s) {
  for (size_t i = 1; i < s.size(); ++i) {
    const Token& t = s.token(i);
    const Token& prev = s.token(i - 1);
    if (t.norm == "n't" || t.norm == "not") {
      // "can't" -> "can", "won't" -> "will", "isn't" -> "is", "is not" -> "is".
      if (prev.norm == "ca" || prev.norm == "wo") {
        Change c;
        c.edits.push_back({s.Rel(prev.span.begin), s.Rel(t.span.end),
                           prev.norm == "ca" ? "can" : "will"});
        c.detail = absl::StrCat("removed negation '", prev.text, t.text, "'");
        return c;
      }
      if (!In(prev.norm, {"is", "are", "was", "were", "will", "would", "can",
                          "could", "should", "may", "might", "must", "has",
                          "have", "had", "do", "does", "did"})) {
        continue;
      }
      if (t.norm == "not" && i + 1 < s.size() &&
          s.token(i + 1).norm == "only") {
        continue;  // "not only ... but also" is no negation.
      }
      Change c;
      c.edits.push_back({s.Rel(prev.span.end), s.Rel(t.span.end), ""});
      c.detail = absl::StrCat("removed '", t.text, "' after '", prev.text, "'");
      return c;
    }
    if (t.norm == "never" && i + 1 < s.size() &&
        s.token(i + 1).kind == TokenKind::kWord) {
      Change c;
      c.edits.push_back(
          {s.Rel(t.span.begin), s.Rel(s.token(i + 1).span.begin), ""});
      c.detail = "removed 'never'";
      return c;
    }
  }
  return std::nullopt;
}

// "unlikely", "non-voting", "insufficient": a negation inside the word.
bool StartsWithNegativePrefix(std::string_view w) {
  return (w.size() > 5 &&
          (w.substr(0, 2) == "un" || w.substr(0, 3) == "non")) &&
         In(w.substr(0, 4), {"unli", "unab", "unch", "unce", "uncl", "unde",
                             "unfa", "unex", "unwi", "unpr", "unsu", "nonp",
                             "non-", "unre", "unsa", "unac", "unav", "unus"}) &&
         w.substr(0, 5) != "under";
}

bool LooksLikeParticiple(const Context& ctx, const Token& t) {
  if (t.norm == "been" || EndsWith(t.norm, "ed") || EndsWith(t.norm, "en")) {
    return true;
  }
  if (ctx.lexicon == nullptr) return false;
  for (const std::string& base :
       ctx.lexicon->BaseForms(t.norm, text::PartOfSpeech::kVerb)) {
    const IrregularVerb* v = FindIrregular(base);
    if (v != nullptr && v->participle == t.norm) return true;
  }
  return false;
}

std::optional<Change> InsertAuxNegation(const Context& ctx,
                                        const SentenceView& s) {
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    const Token& t = s.token(i);
    const Token& next = s.token(i + 1);
    if (t.is_capitalized ||
        std::find(std::begin(kInsertableAux), std::end(kInsertableAux),
                  t.norm) == std::end(kInsertableAux)) {
      continue;
    }
    if (next.kind == TokenKind::kPunct || next.is_negation ||
        In(next.norm, {"also", "only", "about", "to"})) {
      continue;
    }
    if (In(t.norm, {"has", "have", "had"}) && !LooksLikeParticiple(ctx, next)) {
      continue;  // "has 500 employees": a main verb, not an auxiliary.
    }
    // A modal or "will" as a noun ("political will") is rare after "the".
    if (s.token(i - 1).norm == "the") continue;
    Change c;
    c.edits.push_back({s.Rel(t.span.end), s.Rel(t.span.end), " not"});
    c.detail = absl::StrCat("'", t.text, "' -> '", t.text, " not'");
    return c;
  }
  return std::nullopt;
}

// Subjects a finite verb may follow: a name, a pronoun or a content word.
bool CanPrecedeFiniteVerb(const Token& prev) {
  if (prev.kind != TokenKind::kWord) return false;
  if (In(prev.norm,
         {"it", "he", "she", "they", "we", "i", "who", "which", "that"})) {
    return true;
  }
  if (prev.is_stop || text::IsCalendarWord(prev.norm) ||
      text::IsDeterminer(prev.norm)) {
    return false;
  }
  // "the week ended Feb 25": a participle after a time noun.
  if (In(prev.norm, {"week", "weeks", "month", "months", "year", "years",
                     "quarter", "period", "day", "days"})) {
    return false;
  }
  // "33.13 mln sequestered shares": an adjective after an amount.
  if (In(prev.norm, {"mln", "bln", "billion", "million", "thousand", "pct",
                     "percent", "dlrs"})) {
    return false;
  }
  return !EndsWith(prev.norm, "ly");
}

// "rose" -> "did not rise", "expects" -> "does not expect".
std::optional<Change> NegateMainVerb(const Context& ctx,
                                     const SentenceView& s) {
  if (ctx.lexicon == nullptr) return std::nullopt;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    const Token& t = s.token(i);
    const Token& prev = s.token(i - 1);
    if (t.kind != TokenKind::kWord || t.is_capitalized || t.is_stop ||
        IsReportingVerb(t) || !CanPrecedeFiniteVerb(prev)) {
      continue;
    }
    if (s.token(i + 1).norm == "by") continue;  // passive participle
    const std::vector<std::string> bases =
        ctx.lexicon->BaseForms(t.norm, text::PartOfSpeech::kVerb);
    if (bases.empty() || bases.front() == t.norm) continue;
    const std::string& base = bases.front();
    const Inflection how =
        InflectionOf(t.norm, base, text::PartOfSpeech::kVerb);
    std::string aux;
    if (how == Inflection::kPast) {
      aux = "did";
    } else if (how == Inflection::kPlural &&
               (prev.is_capitalized || In(prev.norm, {"it", "he", "she"}))) {
      aux = "does";
    } else {
      continue;
    }
    // The same word as a noun after a name is a compound ("Exxon shares").
    if (aux == "does" &&
        ctx.lexicon->Contains(base, text::PartOfSpeech::kNoun)) {
      continue;
    }
    return Replace(s, t.span, absl::StrCat(aux, " not ", base));
  }
  return std::nullopt;
}

std::optional<Change> CorruptNegation(const Context& ctx,
                                      const SentenceView& s) {
  if (std::optional<Change> c = RemoveNegation(s)) return c;
  for (const Token& t : *s.tokens) {
    // "may be no money" -> "may not be no money" reads as a double negation.
    if (t.is_negation || EndsWith(t.norm, "n't")) return std::nullopt;
    if (StartsWithNegativePrefix(t.norm)) return std::nullopt;
  }
  if (std::optional<Change> c = InsertAuxNegation(ctx, s)) return c;
  return NegateMainVerb(ctx, s);
}

// Words whose WordNet antonym makes no sense in news text ("common stock"
// -> "uncommon stock", "short tons" -> "long tons", "net profit" -> "gross
// profit" is another figure, not the opposite claim).
bool SkipForAntonym(std::string_view w) {
  return In(w, {"common",        "net",      "preferred", "first",
                "last",          "same",     "other",     "own",
                "general",       "public",   "private",   "real",
                "present",       "current",  "full",      "total",
                "official",      "major",    "minor",     "old",
                "new",           "right",    "left",      "male",
                "female",        "natural",  "human",     "dry",
                "wet",           "north",    "south",     "east",
                "west",          "front",    "back",      "late",
                "early",         "short",    "long",      "most",
                "least",         "live",     "top",       "take",
                "give",          "make",     "come",      "go",
                "get",           "have",     "do",        "be",
                "due",           "open",     "close",     "closed",
                "international", "national", "domestic",  "end",
                "interest",      "balance",  "home",      "member",
                "members",       "former",   "annual",    "raw",
                "free",          "ordinary", "separate",  "nuclear",
                "black",         "white",    "some",      "second",
                "used",          "use",      "source",    "sources",
                "tender",        "tough",    "applied",   "civil",
                "far",           "near",     "medical",   "evil",
                "off",           "on",       "in",        "out",
                "all",           "straight", "central",   "advance",
                "evergreen",     "froze",    "freeze",    "broke",
                "break",         "federal",  "local",     "following",
                "fresh",         "appear",   "appears",   "attract",
                "attracted"});
}

// "unbalance", "nondevelopment", "indecision": an antonym that only adds a
// negative prefix is rarely a word a reporter would write.
bool PrefixAntonym(std::string_view word, std::string_view antonym) {
  for (std::string_view prefix :
       {"un", "non", "in", "im", "ir", "il", "mal", "mis"}) {
    if (antonym == absl::StrCat(AsAbsl(prefix), AsAbsl(word)) ||
        word == absl::StrCat(AsAbsl(prefix), AsAbsl(antonym))) {
      return true;
    }
  }
  return false;
}

// Noun opposites that news text uses; WordNet's noun antonyms pick odd
// senses ("deficit" -> "lead", "interest" -> "bore").
constexpr std::pair<std::string_view, std::string_view> kNounOpposites[] = {
    {"profit", "loss"},         {"loss", "profit"},
    {"surplus", "deficit"},     {"deficit", "surplus"},
    {"import", "export"},       {"export", "import"},
    {"importer", "exporter"},   {"exporter", "importer"},
    {"buyer", "seller"},        {"seller", "buyer"},
    {"inflation", "deflation"}, {"increase", "decrease"},
    {"decrease", "increase"},   {"majority", "minority"},
    {"minority", "majority"},   {"maximum", "minimum"},
    {"minimum", "maximum"},     {"success", "failure"},
    {"failure", "success"},     {"purchase", "sale"},
    {"upturn", "downturn"},     {"downturn", "upturn"},
    {"strength", "weakness"},   {"weakness", "strength"},
    {"gain", "loss"},           {"rise", "fall"},
    {"fall", "rise"},           {"acceptance", "rejection"},
};

// Whether `t` (token i) is used as `pos` here, judged from its form and
// its neighbours: we have no tagger, so only clear cases pass.
bool UsedAs(const Context& ctx, const SentenceView& s, size_t i,
            text::PartOfSpeech pos, Inflection how) {
  const Token& t = s.token(i);
  const Token* prev = i > 0 ? &s.token(i - 1) : nullptr;
  const Token* next = i + 1 < s.size() ? &s.token(i + 1) : nullptr;
  // Both arms string_view: with `""` the conditional would be a temporary
  // std::string, gone before `p` is read (ASan: stack-use-after-scope).
  const std::string_view p =
      prev != nullptr ? std::string_view(prev->norm) : std::string_view();
  switch (pos) {
    case text::PartOfSpeech::kVerb:
      switch (how) {
        case Inflection::kNone:
          return In(p, {"to", "will", "would", "can", "could", "may", "might",
                        "should", "must", "not", "did", "does", "do"});
        case Inflection::kPast:
        case Inflection::kParticiple:
          // After its subject or an auxiliary; "the expected rise" (after
          // a determiner) is an adjective.
          return prev != nullptr && (CanPrecedeFiniteVerb(*prev) ||
                                     In(p, {"has", "have", "had", "was", "were",
                                            "is", "are", "been", "be"}));
        case Inflection::kGerund:
          return In(p, {"is", "are", "was", "were", "be", "been"});
        case Inflection::kPlural:
          // "industry sources": a plural noun, not "it sources".
          return prev != nullptr &&
                 !ctx.lexicon->Contains(t.norm.substr(0, t.norm.size() - 1),
                                        text::PartOfSpeech::kNoun) &&
                 (In(p, {"it", "he", "she"}) || prev->is_capitalized);
        default:
          return false;
      }
    case text::PartOfSpeech::kAdjective:
      // Before a noun or after a copula or degree word.
      return (next != nullptr && next->kind == TokenKind::kWord &&
              !next->is_stop) ||
             In(p, {"is", "are", "was", "were", "be", "been", "remain",
                    "remained", "more", "less", "very", "too", "so"}) ||
             how == Inflection::kComparative;
    default:
      return false;
  }
}

std::optional<Change> CorruptAntonym(const Context& ctx,
                                     const SentenceView& s) {
  if (ctx.lexicon == nullptr) return std::nullopt;
  std::vector<Change> candidates;
  for (size_t i = 0; i < s.size(); ++i) {
    const Token& t = s.token(i);
    if (t.kind != TokenKind::kWord || t.is_capitalized || t.is_stop ||
        t.is_negation || t.norm.size() < 3 || IsReportingVerb(t) ||
        SkipForAntonym(t.norm) ||
        t.norm.find_first_not_of("abcdefghijklmnopqrstuvwxyz") !=
            std::string::npos) {
      continue;
    }
    std::optional<std::string> replacement;
    for (text::PartOfSpeech pos :
         {text::PartOfSpeech::kVerb, text::PartOfSpeech::kAdjective}) {
      for (const std::string& base : ctx.lexicon->BaseForms(t.norm, pos)) {
        const Inflection how = InflectionOf(t.norm, base, pos);
        if (SkipForAntonym(base) || text::IsStopWord(base) ||
            !UsedAs(ctx, s, i, pos, how)) {
          continue;
        }
        for (const std::string& antonym : ctx.lexicon->Antonyms(base)) {
          if (antonym.find_first_not_of("abcdefghijklmnopqrstuvwxyz") !=
                  std::string::npos ||
              !ctx.lexicon->Contains(antonym, pos) ||
              PrefixAntonym(base, antonym)) {
            continue;
          }
          // WordNet's first antonym is not always the usual one.
          replacement = Inflect(antonym == "affirmative" ? "positive"
                                : antonym == "evil"      ? "bad"
                                                         : antonym,
                                how);
          if (replacement) break;
        }
        if (replacement) break;
      }
      if (replacement) break;
    }
    if (!replacement) {
      // Nouns: a short list of news opposites, singular or plural.
      for (const auto& [noun, opposite] : kNounOpposites) {
        if (t.norm == noun) {
          replacement = std::string(opposite);
        } else if (t.norm == PluralS(noun)) {
          replacement = PluralS(opposite);
        }
        if (replacement) break;
      }
      // A verb-looking use ("profits rose" is fine, "to profit" is not).
      if (replacement && i > 0 &&
          In(s.token(i - 1).norm, {"to", "will", "would", "can", "could"})) {
        replacement.reset();
      }
    }
    if (replacement && *replacement != t.norm) {
      candidates.push_back(Replace(s, t.span, *replacement));
    }
  }
  if (candidates.empty()) return std::nullopt;
  return PickOne(*ctx.rng, candidates);
}

// The speaker's name as written in the sentence, or nullopt.
std::optional<text::ByteSpan> SpeakerSpan(const SentenceView& s) {
  if (s.attribution->kind == text::AttributionKind::kNarrator) {
    return std::nullopt;
  }
  const text::ByteSpan span = s.attribution->speaker.span;
  if (span.size() == 0 || span.begin < s.base ||
      span.end > s.base + s.text.size() ||
      s.Slice(span) != s.attribution->speaker.name) {
    return std::nullopt;
  }
  // A name, or a pronoun standing for one; not a generic source ("some
  // analysts", "his father"), which a name cannot replace grammatically.
  const std::string_view name = s.Slice(span);
  if (!text::IsSubjectPronoun(Lower(name)) &&
      (!IsCleanName(name) || PartOfLongerName(s, span))) {
    return std::nullopt;
  }
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s.token(i + 1).span.begin == span.begin &&
        (text::IsDeterminer(s.token(i).norm) || s.token(i).norm == "the")) {
      return std::nullopt;
    }
  }
  return span;
}

// The type of the entity named at `span` (kPerson when none is known).
text::EntityType TypeAt(const Context& ctx, const SentenceView& s,
                        text::ByteSpan span) {
  for (size_t m = s.first_mention; m < s.last_mention; ++m) {
    const text::Mention& mention = ctx.entities().mentions()[m];
    if (mention.span.begin < span.end && span.begin < mention.span.end) {
      return ctx.entities().entities()[mention.entity].type;
    }
  }
  const std::string lower = Lower(s.Slice(span));
  if (lower == "it") return text::EntityType::kOrganization;
  return text::EntityType::kPerson;
}

std::optional<Change> CorruptSpeaker(const Context& ctx,
                                     const SentenceView& s) {
  const std::optional<text::ByteSpan> span = SpeakerSpan(s);
  if (!span) return std::nullopt;
  const std::string own = Lower(s.attribution->speaker.canonical.empty()
                                    ? s.attribution->speaker.name
                                    : s.attribution->speaker.canonical);
  const text::EntityType type = TypeAt(ctx, s, *span);
  std::vector<std::string> names;
  auto consider = [&](const std::string& name) {
    const std::string lower = Lower(name);
    if (!IsCleanName(name) || lower == own || name.size() < 3 ||
        own.find(lower) != std::string::npos ||
        lower.find(own) != std::string::npos ||
        s.text.find(name) != std::string_view::npos ||
        std::find(names.begin(), names.end(), name) != names.end()) {
      return;
    }
    names.push_back(name);
  };
  // Other named speakers first, then other entities of the same type.
  for (const text::SentenceAttribution& a : ctx.analysis->attributions) {
    if (a.kind != text::AttributionKind::kNarrator &&
        IsCleanName(a.speaker.name) &&
        !text::IsSubjectPronoun(Lower(a.speaker.name))) {
      consider(a.speaker.canonical.empty() ? a.speaker.name
                                           : a.speaker.canonical);
    }
  }
  if (names.empty()) {
    for (const text::Entity& e : ctx.entities().entities()) {
      if (e.type == type) consider(e.canonical);
    }
  }
  if (names.empty()) return std::nullopt;
  return Replace(s, *span, PickOne(*ctx.rng, names));
}

std::optional<Change> CorruptRole(const Context& ctx, const SentenceView& s) {
  const std::vector<size_t> mentions = RewritableMentions(ctx, s);
  std::vector<Change> candidates;
  for (size_t a = 0; a < mentions.size(); ++a) {
    for (size_t b = a + 1; b < mentions.size(); ++b) {
      const text::Mention& m1 = ctx.entities().mentions()[mentions[a]];
      const text::Mention& m2 = ctx.entities().mentions()[mentions[b]];
      const text::Entity& e1 = ctx.entities().entities()[m1.entity];
      const text::Entity& e2 = ctx.entities().entities()[m2.entity];
      if (m1.entity == m2.entity || e1.type != e2.type ||
          Lower(m1.text) == Lower(m2.text)) {
        continue;
      }
      // What lies between must be a relation that is not symmetric.
      bool content = false;
      bool symmetric = false;
      for (const Token& t : *s.tokens) {
        if (t.span.begin < m1.span.end || t.span.end > m2.span.begin) continue;
        if (t.kind == TokenKind::kWord && !t.is_stop && !t.is_capitalized) {
          content = true;
        }
        symmetric |= In(t.norm, {"and", "or", "nor", "with", "between", "&",
                                 "versus", "vs", "vs.", "against", "/"});
      }
      if (!content || symmetric) continue;
      Change c;
      c.edits.push_back({s.Rel(m1.span.begin), s.Rel(m1.span.end), m2.text});
      c.edits.push_back({s.Rel(m2.span.begin), s.Rel(m2.span.end), m1.text});
      c.detail = absl::StrCat("swapped '", m1.text, "' and '", m2.text, "'");
      candidates.push_back(std::move(c));
    }
  }
  if (candidates.empty()) return std::nullopt;
  return PickOne(*ctx.rng, candidates);
}

// ---------------------------------------------------------------------------
// UNSUPPORTED: extrinsic additions and replacements.

// Where an added phrase ends the claim's own content: before a trailing
// ", X said", else before the final period.
std::optional<uint32_t> ContentEnd(const SentenceView& s) {
  if (std::optional<Change> c = DropTrailingAttribution(s)) {
    return c->edits.front().begin;
  }
  return s.FinalPeriod();
}

bool HasReportingVerb(const SentenceView& s) {
  for (const Token& t : *s.tokens) {
    if (IsReportingVerb(t) || t.norm == "according") return true;
  }
  return false;
}

std::optional<Change> AddAccordingTo(const Context& ctx,
                                     const SentenceView& s) {
  const std::optional<uint32_t> period = s.FinalPeriod();
  if (!period || s.attribution->kind != text::AttributionKind::kNarrator ||
      HasReportingVerb(s) || HasQuoteMark(s.text)) {
    return std::nullopt;
  }
  // Persons twice as often: "according to Central Bank" lacks its "the".
  const std::optional<std::string> name = ExtrinsicName(
      ctx, Pick(*ctx.rng, 3) == 0 ? text::EntityType::kOrganization
                                  : text::EntityType::kPerson);
  if (!name) return std::nullopt;
  return Insert(*period, absl::StrCat(", according to ", *name));
}

std::optional<Change> AddPlace(const Context& ctx, const SentenceView& s) {
  const std::optional<uint32_t> end = ContentEnd(s);
  if (!end || HasQuoteMark(s.text)) return std::nullopt;
  for (size_t m = s.first_mention; m < s.last_mention; ++m) {
    const text::Mention& mention = ctx.entities().mentions()[m];
    if (ctx.entities().entities()[mention.entity].type ==
        text::EntityType::kLocation) {
      return std::nullopt;  // a second place would be a conflict, not news
    }
  }
  const std::optional<std::string> name =
      ExtrinsicName(ctx, text::EntityType::kLocation);
  if (!name) return std::nullopt;
  return Insert(*end, absl::StrCat(" in ", *name));
}

std::optional<Change> ReplaceWithExtrinsicName(const Context& ctx,
                                               const SentenceView& s) {
  std::vector<std::pair<text::ByteSpan, text::EntityType>> targets;
  for (size_t m : RewritableMentions(ctx, s)) {
    const text::Mention& mention = ctx.entities().mentions()[m];
    targets.emplace_back(mention.span,
                         ctx.entities().entities()[mention.entity].type);
  }
  if (const std::optional<text::ByteSpan> span = SpeakerSpan(s)) {
    targets.emplace_back(*span, TypeAt(ctx, s, *span));
  }
  // "the Bank said" -> "the Mikhail Gorbachev said": no.
  std::erase_if(targets, [&](const auto& target) {
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      if (s.token(i + 1).span.begin == target.first.begin) {
        return text::IsDeterminer(s.token(i).norm) || s.token(i).norm == "the";
      }
    }
    return false;
  });
  if (targets.empty()) return std::nullopt;
  const auto& [span, type] = PickOne(*ctx.rng, targets);
  const std::optional<std::string> name = ExtrinsicName(ctx, type);
  if (!name) return std::nullopt;
  return Replace(s, span, *name);
}

std::optional<Change> ExtrinsicEntity(const Context& ctx,
                                      const SentenceView& s) {
  // Additions first (twice as likely): new information, not a swap.
  std::vector<std::function<std::optional<Change>()>> rules = {
      [&] { return AddAccordingTo(ctx, s); }, [&] { return AddPlace(ctx, s); },
      [&] { return AddAccordingTo(ctx, s); }, [&] { return AddPlace(ctx, s); },
      [&] { return ReplaceWithExtrinsicName(ctx, s); }};
  Shuffle(&rules, *ctx.rng);
  for (const auto& rule : rules) {
    if (std::optional<Change> c = rule()) return c;
  }
  return std::nullopt;
}

bool ArticleHasNumber(const Context& ctx, double value) {
  for (const ArticleQuantity& q : ctx.quantities) {
    if (std::abs(q.quantity.value - value) < 1e-9 ||
        (q.quantity.upper && std::abs(*q.quantity.upper - value) < 1e-9)) {
      return true;
    }
  }
  return false;
}

// "profits rose in the quarter" -> "profits rose 12 pct in the quarter",
// when the sentence gives no percentage.
std::optional<Change> AddChangeSize(const Context& ctx, const SentenceView& s) {
  for (const text::Quantity& q : s.quantities) {
    if (q.kind == text::QuantityKind::kPercent) return std::nullopt;
  }
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    const Token& t = s.token(i);
    const Token& prev = s.token(i - 1);
    // A finite verb after its subject, or a base form after a modal; never
    // the noun ("the increase") or the adjective ("advanced").
    const bool past =
        In(t.norm,
           {"rose", "fell", "increased", "decreased", "declined", "dropped",
            "climbed", "gained", "grew", "jumped", "slipped", "eased", "surged",
            "plunged", "tumbled", "soared", "slumped"}) &&
        CanPrecedeFiniteVerb(prev);
    const bool base =
        In(t.norm, {"rise", "fall", "increase", "decrease", "decline", "grow",
                    "climb", "drop", "gain"}) &&
        In(prev.norm,
           {"will", "would", "could", "may", "might", "to", "should"});
    if (!past && !base) continue;
    const Token& next = s.token(i + 1);
    if (next.kind == TokenKind::kNumber || EndsWith(next.norm, "ly") ||
        In(next.norm,
           {"by",   "to",   "from", "about", "some",  "nearly", "almost",
            "more", "less", "over", "above", "below", "under",  "around",
            "a",    "an",   "the",  "back",  "off",   "up",     "down"})) {
      continue;
    }
    for (int attempt = 0; attempt < 8; ++attempt) {
      const double value =
          Pick(*ctx.rng, 2) == 0
              ? static_cast<double>(Pick(*ctx.rng, 38) + 2)
              : static_cast<double>(Pick(*ctx.rng, 190) + 10) / 10.0;
      if (ArticleHasNumber(ctx, value)) continue;
      const std::string number =
          absl::StrFormat(value == std::floor(value) ? "%.0f" : "%.1f", value);
      const std::string phrase =
          ctx.percent_word == "%"
              ? absl::StrCat(" ", number, "%")
              : absl::StrCat(" ", number, " ", ctx.percent_word);
      return Insert(s.Rel(t.span.end), phrase);
    }
    return std::nullopt;
  }
  return std::nullopt;
}

// A large amount of money: a scale word and a currency ("40 mln dlrs").
bool IsDealSizedAmount(std::string_view amount) {
  const std::string lower = Lower(amount);
  return (lower.find(" mln ") != std::string::npos ||
          lower.find(" billion ") != std::string::npos ||
          lower.find(" million ") != std::string::npos ||
          lower.find(" bln ") != std::string::npos) &&
         (EndsWith(lower, " dlrs") || EndsWith(lower, " dollars"));
}

// "X bought Y." -> "X bought Y, in a deal valued at 40 mln dlrs." when the
// sentence buys or sells and names no amount of money.
std::optional<Change> AddDealValue(const Context& ctx, const SentenceView& s) {
  const std::optional<uint32_t> end = ContentEnd(s);
  if (!end || HasQuoteMark(s.text) || ctx.pool->money().empty()) {
    return std::nullopt;
  }
  bool deal = false;
  for (const Token& t : *s.tokens) {
    if (In(t.norm, {"dlrs", "dollars", "dlr", "stg", "yen", "marks", "francs",
                    "cts", "pence"})) {
      return std::nullopt;
    }
    deal |=
        In(t.norm, {"acquire", "acquired", "acquires", "acquiring", "bought",
                    "buy", "buys", "buying", "purchase", "purchased",
                    "purchases", "sold", "sell", "sells", "selling"});
  }
  for (const text::Quantity& q : s.quantities) {
    if (q.kind == text::QuantityKind::kMoney) return std::nullopt;
  }
  if (!deal) return std::nullopt;
  for (int attempt = 0; attempt < 12; ++attempt) {
    const std::string& amount = PickOne(*ctx.rng, ctx.pool->money());
    if (!IsDealSizedAmount(amount) ||
        ctx.lower_body.find(Lower(amount)) != std::string::npos) {
      continue;
    }
    return Insert(*end, absl::StrCat(", in a deal valued at ", amount));
  }
  return std::nullopt;
}

std::optional<Change> ExtrinsicNumber(const Context& ctx,
                                      const SentenceView& s) {
  if (Pick(*ctx.rng, 2) == 0) {
    if (std::optional<Change> c = AddDealValue(ctx, s)) return c;
    return AddChangeSize(ctx, s);
  }
  if (std::optional<Change> c = AddChangeSize(ctx, s)) return c;
  return AddDealValue(ctx, s);
}

// ---------------------------------------------------------------------------
// Sentence selection.

bool MostlyCapitals(std::string_view s) {
  size_t upper = 0, lower = 0;
  for (char c : s) {
    if (absl::ascii_isupper(static_cast<unsigned char>(c))) ++upper;
    if (absl::ascii_islower(static_cast<unsigned char>(c))) ++lower;
  }
  return lower * 10 < (upper + lower) * 3;
}

bool HasVerb(const Context& ctx, const std::vector<Token>& tokens) {
  for (const Token& t : tokens) {
    if (t.kind != TokenKind::kWord || t.is_capitalized) continue;
    if (In(t.norm,
           {"is", "are", "was", "were", "will", "would", "has", "have", "had",
            "can", "could", "may", "might", "should", "must", "be", "been"}) ||
        text::ReportingVerbStrength(t.norm) != text::CueStrength::kNone ||
        (!t.is_stop && EndsWith(t.norm, "ed") && t.norm.size() > 4)) {
      return true;
    }
    if (ctx.lexicon != nullptr && !t.is_stop) {
      const std::vector<std::string> bases =
          ctx.lexicon->BaseForms(t.norm, text::PartOfSpeech::kVerb);
      if (!bases.empty() && bases.front() != t.norm) return true;
    }
  }
  return false;
}

// Whether sentence `i` is usable, and how check-worthy it is (< 0: not).
double SentenceScore(const Context& ctx, size_t i, const SentenceView& s) {
  const text::Sentence& sentence = ctx.analysis->sentences[i];
  if (sentence.is_heading || MostlyCapitals(s.text)) return -1;
  const char last = s.text.empty() ? ' ' : s.text.back();
  if (last != '.' && last != '"' && last != '\'') return -1;
  size_t words = 0, numbers = 0;
  for (const Token& t : *s.tokens) {
    if (t.kind == TokenKind::kWord) ++words;
    if (t.kind == TokenKind::kNumber) ++numbers;
    if (t.norm == "reuter") return -1;
  }
  const size_t n = words + numbers;
  if (n < ctx.opts->min_tokens || n > ctx.opts->max_tokens) return -1;
  if (numbers * 100 > n * 35) return -1;  // a table line
  if (!HasVerb(ctx, *s.tokens)) return -1;
  const double mentions = static_cast<double>(s.last_mention - s.first_mention);
  return 2.0 * std::min<double>(static_cast<double>(s.quantities.size()), 2) +
         std::min(mentions, 3.0) + (s.dates.empty() ? 0 : 1) +
         (s.attribution->kind != text::AttributionKind::kNarrator ? 1 : 0);
}

std::string PercentWord(std::string_view lower_body) {
  size_t pct = 0, percent = 0, sign = 0;
  for (size_t p = 0; (p = lower_body.find(" pct", p)) != std::string::npos;
       ++p) {
    ++pct;
  }
  for (size_t p = 0; (p = lower_body.find(" percent", p)) != std::string::npos;
       ++p) {
    ++percent;
  }
  for (char c : lower_body) sign += c == '%';
  if (pct > percent && pct >= sign) return "pct";
  if (sign > percent) return "%";
  return "percent";
}

}  // namespace

// ---------------------------------------------------------------------------

void ExtrinsicPool::AddUnique(std::string value,
                              std::vector<std::string>* list) {
  if (std::find(list->begin(), list->end(), value) == list->end()) {
    list->push_back(std::move(value));
  }
}

void ExtrinsicPool::AddPerson(std::string name) {
  AddUnique(std::move(name), &persons_);
}
void ExtrinsicPool::AddOrganization(std::string name) {
  AddUnique(std::move(name), &organizations_);
}
void ExtrinsicPool::AddLocation(std::string name) {
  AddUnique(std::move(name), &locations_);
}
void ExtrinsicPool::AddMoney(std::string amount) {
  AddUnique(std::move(amount), &money_);
}

void ExtrinsicPool::AddArticle(std::string_view body) {
  const text::ArticleAnalysis a = text::AnalyzeArticle(body);
  for (const text::Entity& e : a.entities.entities()) {
    if (!IsCleanName(e.canonical)) continue;
    switch (e.type) {
      case text::EntityType::kPerson:
        // A lone surname is no name to invent a source with, and a
        // "person" with an organisation word is a mistyped firm.
        if (e.canonical.find(' ') != std::string::npos &&
            !HasOrganizationWord(e.canonical)) {
          AddPerson(e.canonical);
        }
        break;
      case text::EntityType::kOrganization:
        AddOrganization(e.canonical);
        break;
      case text::EntityType::kLocation:
        if (!IsDemonym(e.canonical)) AddLocation(e.canonical);
        break;
      case text::EntityType::kOther:
        break;
    }
  }
  for (size_t i = 0; i < a.sentences.size(); ++i) {
    if (a.sentences[i].is_heading) continue;
    const text::Sentence& s = a.sentences[i];
    const std::string_view sentence = body.substr(s.span.begin, s.span.size());
    const std::vector<Token>& tokens = a.tokens[i];
    std::vector<text::Quantity> quantities;
    std::vector<text::DateMention> dates;
    FindAmounts(sentence, tokens, s.span.begin, &quantities, &dates);
    for (const text::Quantity& q : quantities) {
      if (q.upper || q.approx != text::Approximation::kExact) continue;
      if (q.kind == text::QuantityKind::kMoney) {
        AddMoney(q.text);
      } else if (q.kind == text::QuantityKind::kCount && q.unit.empty() &&
                 q.last_token + 1 < tokens.size() &&
                 In(tokens[q.last_token + 1].norm, {"dlrs", "dollars"})) {
        // Reuters writes "40 mln dlrs"; the currency word is outside the span.
        AddMoney(absl::StrCat(q.text, " ", tokens[q.last_token + 1].text));
      }
    }
  }
}

std::vector<NewsPair> GenerateNewsPairs(std::string_view body,
                                        const NewsPairOptions& opts,
                                        std::mt19937_64& rng,
                                        const ExtrinsicPool& pool,
                                        const text::Lexicon* lexicon) {
  const text::ArticleAnalysis analysis = text::AnalyzeArticle(body);
  Context ctx;
  ctx.body = body;
  ctx.analysis = &analysis;
  ctx.pool = &pool;
  ctx.lexicon = lexicon;
  ctx.rng = &rng;
  ctx.opts = &opts;
  ctx.lower_body = Lower(body);
  ctx.percent_word = PercentWord(ctx.lower_body);

  std::vector<SentenceView> views(analysis.sentences.size());
  for (size_t i = 0; i < analysis.sentences.size(); ++i) {
    const text::Sentence& sentence = analysis.sentences[i];
    SentenceView& s = views[i];
    s.index = i;
    s.base = sentence.span.begin;
    s.text = body.substr(sentence.span.begin, sentence.span.size());
    s.tokens = &analysis.tokens[i];
    std::tie(s.first_mention, s.last_mention) =
        analysis.entities.SentenceMentions(i);
    s.attribution = &analysis.attributions[i];
    for (const Token& t : *s.tokens) {
      if (t.kind == TokenKind::kWord) ctx.body_words.insert(t.norm);
    }
    if (sentence.is_heading) continue;
    FindAmounts(s.text, *s.tokens, s.base, &s.quantities, &s.dates);
    for (const text::Quantity& q : s.quantities) {
      ctx.quantities.push_back({q.text, QuantityKey(q, *s.tokens), q});
    }
    for (const text::DateMention& d : s.dates) ctx.dates.push_back({d.text, d});
  }

  // The most check-worthy sentences; ties in random order.
  std::vector<std::pair<double, size_t>> ranked;
  for (size_t i = 0; i < views.size(); ++i) {
    const double score = SentenceScore(ctx, i, views[i]);
    if (score >= 0) ranked.emplace_back(score + 0.5 * Chance(rng), i);
  }
  std::sort(ranked.begin(), ranked.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  if (ranked.size() > opts.max_sentences_per_article) {
    ranked.resize(opts.max_sentences_per_article);
  }
  std::sort(ranked.begin(), ranked.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });

  using Rule = std::optional<Change> (*)(const Context&, const SentenceView&);
  const std::vector<std::pair<std::string_view, Rule>> intrinsic = {
      {"number", CorruptNumber},   {"date", CorruptDate},
      {"entity", CorruptEntity},   {"negation", CorruptNegation},
      {"antonym", CorruptAntonym}, {"speaker", CorruptSpeaker},
      {"role", CorruptRole}};
  const std::vector<std::pair<std::string_view, Rule>> extrinsic = {
      {"extrinsic_entity", ExtrinsicEntity},
      {"extrinsic_number", ExtrinsicNumber}};

  std::vector<NewsPair> out;
  for (const auto& [score, index] : ranked) {
    const SentenceView& s = views[index];
    const std::vector<Change> compressions = Compressions(s);
    auto maybe_compression = [&]() -> const Change* {
      if (compressions.empty() || Chance(rng) >= opts.compress_probability) {
        return nullptr;
      }
      return &PickOne(rng, compressions);
    };
    auto emit = [&](std::string_view label, std::string_view kind,
                    const Change* change, const Change* compression) {
      std::vector<Edit> edits;
      std::string detail;
      if (change != nullptr) {
        edits = change->edits;
        detail = change->detail;
      }
      if (compression != nullptr && !Overlaps(edits, compression->edits)) {
        edits.insert(edits.end(), compression->edits.begin(),
                     compression->edits.end());
        detail = detail.empty()
                     ? compression->detail
                     : absl::StrCat(detail, "; ", compression->detail);
        if (kind == "none") kind = "compress";
      }
      NewsPair pair;
      pair.claim = ApplyEdits(s.text, std::move(edits));
      // Every corruption must change the text.
      if (kind != "none" && pair.claim == ApplyEdits(s.text, {})) return;
      pair.label = std::string(label);
      pair.corruption = std::string(kind);
      pair.source_sentence = s.index;
      pair.source_text = std::string(s.text);
      pair.detail = std::move(detail);
      out.push_back(std::move(pair));
    };
    auto first_applicable =
        [&](const std::vector<std::pair<std::string_view, Rule>>& rules,
            std::string_view label) {
          std::vector<size_t> order(rules.size());
          for (size_t k = 0; k < order.size(); ++k) order[k] = k;
          Shuffle(&order, rng);
          for (size_t k : order) {
            if (std::optional<Change> c = rules[k].second(ctx, s)) {
              emit(label, rules[k].first, &*c, maybe_compression());
              return;
            }
          }
        };

    emit(kSupported, "none", nullptr, maybe_compression());
    first_applicable(intrinsic, kContradicted);
    first_applicable(extrinsic, kUnsupported);
  }
  return out;
}

}  // namespace factcheck::news_pairs
