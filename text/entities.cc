#include "text/entities.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "base/string_view.h"

namespace factcheck::text {
namespace {

bool IsWord(const Token& t) { return t.kind == TokenKind::kWord; }

bool IsAllCaps(std::string_view s) {
  int letters = 0;
  for (char c : s) {
    if (absl::ascii_islower(static_cast<unsigned char>(c))) return false;
    if (absl::ascii_isupper(static_cast<unsigned char>(c))) ++letters;
  }
  return letters >= 2;
}

bool IsPossessive(const Token& t) { return t.norm == "'s" || t.norm == "'"; }

// Tokens that join two capitalised parts of one name ("Bank of England",
// "Ludwig van Beethoven").
bool IsNameJoiner(const Token& t) {
  static constexpr std::string_view kJoiners[] = {
      "of", "for", "de", "van", "von", "al", "bin", "da",  "del", "la",
      "le", "du",  "&",  "der", "den", "el", "di",  "dos", "das"};
  for (std::string_view j : kJoiners) {
    if (t.norm == j) return true;
  }
  return false;
}

// Joins the norms of the word tokens in [first, last] with single spaces:
// the lookup key of a phrase ("narendra modi", "u.s.").
std::string KeyOf(const std::vector<Token>& tokens, size_t first, size_t last) {
  std::string key;
  for (size_t i = first; i <= last; ++i) {
    if (!IsWord(tokens[i]) && tokens[i].norm != "&") continue;
    if (!key.empty()) key += ' ';
    key += tokens[i].norm;
  }
  return key;
}

std::string SpanText(std::string_view body, uint32_t begin, uint32_t end) {
  return std::string(body.substr(begin, end - begin));
}

// A phrase split into role ("Indian Prime Minister") and name ("Narendra
// Modi"). Indices are inclusive; `has_name` / `has_role` say whether each
// part is present.
struct RoleSplit {
  size_t start = 0;  // first token after determiners
  bool has_role = false;
  size_t role_first = 0;
  size_t role_last = 0;
  bool has_name = false;
  size_t name_first = 0;  // honorific included ("Mr Modi")
  size_t name_last = 0;
  size_t bare_first = 0;  // after the honorific ("Modi")
  bool has_title = false;
  bool has_honorific = false;
  bool has_org_cue = false;
  Gender gender = Gender::kUnknown;
};

RoleSplit SplitRole(const std::vector<Token>& tokens, size_t first,
                    size_t last) {
  RoleSplit out;
  size_t i = first;
  while (i < last && IsDeterminer(tokens[i].norm)) ++i;
  out.start = i;
  for (size_t k = i; k <= last; ++k) {
    if (IsOrganizationCue(tokens[k].norm)) out.has_org_cue = true;
    Gender g = GenderOfWord(tokens[k].norm);
    if (g != Gender::kUnknown && out.gender == Gender::kUnknown) out.gender = g;
  }
  // The role ends at the last title word; an organisation's name keeps its
  // words ("General Motors", "Bank of England").
  std::optional<size_t> last_title;
  if (!out.has_org_cue) {
    for (size_t k = i; k <= last; ++k) {
      const bool role_noun =
          IsTitleWord(tokens[k].norm) ||
          (IsGenericSource(tokens[k].norm) && !tokens[k].is_capitalized &&
           k < last && IsNameToken(tokens[k + 1]));  // "mother Lucy"
      if (role_noun && !IsHonorific(tokens[k].norm)) last_title = k;
    }
  } else {
    // An organisation can head a role when a lower-case title and a name
    // follow it: "Council chair Maria Lopez", "Labour leader Keir Starmer".
    for (size_t k = i + 1; k < last; ++k) {
      if (!IsTitleWord(tokens[k].norm) || tokens[k].is_capitalized) continue;
      bool name_follows = true;
      for (size_t n = k + 1; n <= last; ++n) {
        name_follows = name_follows && IsNameToken(tokens[n]);
      }
      if (name_follows) {
        last_title = k;
        out.has_org_cue = false;
      }
    }
  }
  size_t name_start = i;
  if (last_title.has_value()) {
    out.has_title = true;
    out.has_role = true;
    out.role_first = i;
    out.role_last = *last_title;
    // A leading honorific belongs to the name, not the role.
    while (out.role_first < out.role_last &&
           IsHonorific(tokens[out.role_first].norm)) {
      ++out.role_first;
    }
    name_start = *last_title + 1;
  }
  while (name_start <= last && !IsWord(tokens[name_start])) ++name_start;
  if (name_start > last) return out;
  out.has_name = true;
  out.name_first = name_start;
  out.name_last = last;
  size_t bare = name_start;
  while (bare < last &&
         (IsHonorific(tokens[bare].norm) || tokens[bare].norm == ".")) {
    if (IsHonorific(tokens[bare].norm)) out.has_honorific = true;
    ++bare;
  }
  out.bare_first = bare;
  return out;
}

// A mention found in pass one, before aliases are known.
struct Pending {
  ByteSpan span;
  std::string text;
  size_t sentence = 0;
  // Lookup key of the bare name (honorific dropped) or of the bare title.
  std::string key;
  size_t words = 0;
  EntityType type = EntityType::kOther;
  std::string canonical;  // set for places
  std::string role;
  Gender gender = Gender::kUnknown;
  bool title_only = false;
  bool speaks = false;  // subject or object of a reporting verb
  std::string acronym;  // "(SCO)" after the name
};

bool IsReportingVerbToken(const Token& t) {
  return IsWord(t) && !t.is_capitalized &&
         ReportingVerbStrength(t.norm) != CueStrength::kNone;
}

// True when the phrase tokens[first..last] is the subject ("Modi said") or
// the inverted subject ("…,” said Modi") of a reporting verb.
bool Speaks(const std::vector<Token>& tokens, size_t first, size_t last) {
  size_t k = last + 1;
  while (k < tokens.size() && IsCueAdverb(tokens[k].norm)) ++k;
  if (k < tokens.size() && IsReportingVerbToken(tokens[k])) return true;
  if (first >= 2 && IsReportingVerbToken(tokens[first - 1]) &&
      tokens[first - 2].kind == TokenKind::kPunct) {
    return true;
  }
  return false;
}

}  // namespace

bool IsSubjectPronoun(std::string_view w) {
  return w == "he" || w == "she" || w == "they" || w == "it";
}

bool IsNameToken(const Token& t) {
  if (!IsWord(t) || !t.is_capitalized) return false;
  if (IsAllCaps(t.text)) return true;
  return !t.is_stop;
}

// Builds ArticleEntities in three passes: candidate sequences, entities for
// full names, then short names and bare titles resolved against them.
class EntityBuilder {
 public:
  EntityBuilder(std::string_view body, const std::vector<Sentence>& sentences,
                const std::vector<std::vector<Token>>& tokens)
      : body_(body), sentences_(sentences), tokens_(tokens) {}

  ArticleEntities Build() {
    CollectKnownWords();
    for (size_t s = 0; s < sentences_.size(); ++s) CollectSentence(s);
    Resolve();
    return std::move(out_);
  }

 private:
  // Capitalised words seen away from a sentence start: they are names
  // wherever they appear.
  void CollectKnownWords() {
    for (size_t s = 0; s < sentences_.size(); ++s) {
      if (sentences_[s].is_heading) continue;
      const std::vector<Token>& toks = tokens_[s];
      for (size_t i = 0; i < toks.size(); ++i) {
        if (IsNameToken(toks[i]) && !AtSentenceStart(toks, i)) {
          known_.emplace(toks[i].norm, true);
        }
      }
    }
  }

  static bool AtSentenceStart(const std::vector<Token>& toks, size_t i) {
    for (size_t k = i; k-- > 0;) {
      if (IsWord(toks[k]) || toks[k].kind == TokenKind::kNumber) return false;
      const std::string& p = toks[k].norm;
      if (p == "\"" || p == "'" || p == ":" || p == "(" || p == "-") {
        return true;
      }
    }
    return true;
  }

  bool Known(const Token& t) const {
    return known_.count(t.norm) > 0 || LookupPlace(t.norm).has_value() ||
           IsTitleWord(t.norm) || IsHonorific(t.norm) ||
           IsOrganizationCue(t.norm) || IsAllCaps(t.text);
  }

  void CollectSentence(size_t s) {
    const std::vector<Token>& toks = tokens_[s];
    const bool heading = sentences_[s].is_heading;
    size_t i = 0;
    while (i < toks.size()) {
      if (!IsNameToken(toks[i]) && !IsHonorific(toks[i].norm)) {
        ++i;
        continue;
      }
      if (!toks[i].is_capitalized) {
        ++i;
        continue;
      }
      size_t j = heading ? i : Extend(toks, i);
      size_t first = i;
      // A capitalised first word of a sentence is a name only when known.
      if (heading || AtSentenceStart(toks, first)) {
        while (first <= j &&
               (IsSentenceAdverb(toks[first].norm) ||
                IsDeterminer(toks[first].norm) || toks[first].is_stop ||
                (first == j && !Known(toks[first])))) {
          ++first;
        }
      }
      // Dates are not entities.
      while (first <= j && IsCalendarWord(toks[first].norm)) ++first;
      size_t last = j;
      while (last >= first && last > 0 &&
             (!IsWord(toks[last]) || IsNameJoiner(toks[last]) ||
              IsCalendarWord(toks[last].norm))) {
        --last;
      }
      if (first <= last && first <= j) AddSequence(s, toks, first, last);
      i = j + 1;
    }
  }

  // The last token of the proper-noun sequence starting at `i`.
  static size_t Extend(const std::vector<Token>& toks, size_t i) {
    size_t j = i;
    while (j + 1 < toks.size()) {
      const Token& next = toks[j + 1];
      const bool after_next_is_name =
          j + 2 < toks.size() && IsNameToken(toks[j + 2]);
      if (IsNameToken(next) ||
          (next.is_capitalized && IsHonorific(next.norm))) {
        ++j;
      } else if (IsNameJoiner(next) && !next.is_capitalized &&
                 after_next_is_name) {
        j += 2;
      } else if (next.norm == "." && after_next_is_name &&
                 (IsHonorific(toks[j].norm) || toks[j].text.size() == 1)) {
        ++j;  // "Mr. Smith", "S. Jaishankar"
      } else if (IsWord(next) && !next.is_capitalized &&
                 IsTitleWord(next.norm) && after_next_is_name) {
        j += 2;  // "Manchester United star Ander Herrera"
      } else if (IsPossessive(next) && j + 2 < toks.size() &&
                 IsTitleWord(toks[j + 2].norm) && toks[j + 2].is_capitalized) {
        ++j;  // "Pakistan's Prime Minister Shehbaz Sharif"
      } else {
        break;
      }
    }
    return j;
  }

  void AddPlace(size_t s, const Token& first, const Token& last,
                const Place& place) {
    Pending p;
    p.span = {first.span.begin, last.span.end};
    p.text = SpanText(body_, p.span.begin, p.span.end);
    p.sentence = s;
    p.type = EntityType::kLocation;
    p.canonical = place.canonical;
    p.key = absl::AsciiStrToLower(AsAbsl(place.canonical));
    pending_.push_back(std::move(p));
  }

  // Places written inside a role ("Indian", "Pakistan's").
  void AddRolePlaces(size_t s, const std::vector<Token>& toks, size_t first,
                     size_t last) {
    for (size_t k = first; k <= last; ++k) {
      if (!IsWord(toks[k]) || !toks[k].is_capitalized) continue;
      if (k < last) {
        std::optional<Place> two =
            LookupPlace(toks[k].norm + " " + toks[k + 1].norm);
        if (two.has_value()) {
          AddPlace(s, toks[k], toks[k + 1], *two);
          ++k;
          continue;
        }
      }
      if (std::optional<Place> one = LookupPlace(toks[k].norm)) {
        AddPlace(s, toks[k], toks[k], *one);
      }
    }
  }

  void AddSequence(size_t s, const std::vector<Token>& toks, size_t first,
                   size_t last) {
    RoleSplit split = SplitRole(toks, first, last);
    std::string role;
    if (split.has_role) {
      role = SpanText(body_, toks[split.role_first].span.begin,
                      toks[split.role_last].span.end);
      AddRolePlaces(s, toks, split.role_first, split.role_last);
    }
    Pending p;
    p.sentence = s;
    p.role = role;
    p.gender = split.gender;
    if (!split.has_name) {
      if (!split.has_role) return;
      // A bare title ("Prime Minister", "Dalai Lama").
      p.span = {toks[split.role_first].span.begin,
                toks[split.role_last].span.end};
      p.title_only = true;
      p.type = EntityType::kPerson;
      p.key = TitleKey(toks, split.role_first, split.role_last);
      p.words = 0;
    } else {
      p.span = {toks[split.name_first].span.begin, toks[last].span.end};
      p.key = KeyOf(toks, split.bare_first, last);
      p.words = 0;
      for (size_t k = split.bare_first; k <= last; ++k) {
        if (IsWord(toks[k])) ++p.words;
      }
      // Whole-sequence places first ("New Delhi"), then organisations,
      // then people by title or honorific.
      if (std::optional<Place> place = LookupPlace(p.key);
          place.has_value() && !split.has_role) {
        p.type = EntityType::kLocation;
        p.canonical = place->canonical;
        p.key = absl::AsciiStrToLower(AsAbsl(place->canonical));
      } else if (split.has_org_cue ||
                 (p.words == 1 && IsAllCaps(toks[last].text))) {
        p.type = EntityType::kOrganization;
      } else if (split.has_title || split.has_honorific) {
        p.type = EntityType::kPerson;
      } else if (p.words > 1) {
        // Places inside a longer name ("Aston Villa" is not, "New Delhi
        // Television" neither): the name stays OTHER.
        p.type = EntityType::kOther;
      }
      if (last + 3 < toks.size() && toks[last + 1].norm == "(" &&
          IsAllCaps(toks[last + 2].text) && toks[last + 3].norm == ")") {
        p.acronym = toks[last + 2].norm;
      }
    }
    p.text = SpanText(body_, p.span.begin, p.span.end);
    p.speaks = Speaks(toks, first, last);
    pending_.push_back(std::move(p));
  }

  static std::string TitleKey(const std::vector<Token>& toks, size_t first,
                              size_t last) {
    std::string key;
    for (size_t k = first; k <= last; ++k) {
      if (!IsTitleWord(toks[k].norm)) continue;
      if (!key.empty()) key += ' ';
      key += toks[k].norm;
    }
    return key;
  }

  size_t EntityFor(const std::string& canonical, EntityType type) {
    std::string lower = absl::AsciiStrToLower(AsAbsl(canonical));
    auto it = by_canonical_.find(lower);
    if (it != by_canonical_.end()) return it->second;
    out_.entities_.push_back({canonical, type, "", Gender::kUnknown});
    by_canonical_.emplace(lower, out_.entities_.size() - 1);
    return out_.entities_.size() - 1;
  }

  void Merge(size_t e, const Pending& p) {
    Entity& entity = out_.entities_[e];
    if (entity.role.empty()) entity.role = p.role;
    if (entity.gender == Gender::kUnknown) entity.gender = p.gender;
    if (entity.type == EntityType::kOther &&
        (p.type != EntityType::kOther || p.speaks)) {
      entity.type = p.type == EntityType::kOther ? EntityType::kPerson : p.type;
    }
  }

  void Resolve() {
    std::map<std::string, size_t> last_word;  // "modi" -> Narendra Modi
    std::vector<std::optional<size_t>> entity_of(pending_.size());
    // Full names, places and organisations define entities.
    for (size_t i = 0; i < pending_.size(); ++i) {
      Pending& p = pending_[i];
      if (p.title_only) continue;
      if (p.type == EntityType::kLocation) {
        entity_of[i] = EntityFor(p.canonical, p.type);
      } else if (p.words > 1) {
        std::string canonical = FullName(p);
        size_t e = EntityFor(canonical, p.type);
        entity_of[i] = e;
        if (p.type != EntityType::kOrganization) {
          last_word.emplace(p.key.substr(p.key.rfind(' ') + 1), e);
        }
        if (!p.acronym.empty()) acronyms_.emplace(p.acronym, e);
      } else {
        continue;
      }
      Merge(*entity_of[i], p);
    }
    // A person's first word is an alias too when no one else shares it
    // ("Xi" -> "Xi Jinping": family names come first in Chinese names).
    std::map<std::string, std::optional<size_t>> first_word;
    for (size_t i = 0; i < pending_.size(); ++i) {
      const Pending& p = pending_[i];
      if (p.title_only || p.words < 2 || !entity_of[i].has_value() ||
          out_.entities_[*entity_of[i]].type != EntityType::kPerson) {
        continue;
      }
      std::string word = p.key.substr(0, p.key.find(' '));
      auto [it, inserted] = first_word.emplace(word, entity_of[i]);
      if (!inserted && it->second != entity_of[i]) it->second.reset();
    }
    for (const auto& [word, e] : first_word) {
      if (e.has_value()) last_word.emplace(word, *e);
    }
    // Short names: a surname, an acronym, or a name of its own.
    for (size_t i = 0; i < pending_.size(); ++i) {
      Pending& p = pending_[i];
      if (p.title_only || entity_of[i].has_value()) continue;
      if (auto it = last_word.find(p.key); it != last_word.end()) {
        entity_of[i] = it->second;
      } else if (auto a = acronyms_.find(p.key); a != acronyms_.end()) {
        entity_of[i] = a->second;
      } else {
        entity_of[i] = EntityFor(FullName(p), p.type);
      }
      Merge(*entity_of[i], p);
    }
    // Bare titles: the person who holds the title in this article.
    for (size_t i = 0; i < pending_.size(); ++i) {
      Pending& p = pending_[i];
      if (!p.title_only) continue;
      std::optional<size_t> holder = HolderOf(p.key, entity_of, i);
      entity_of[i] =
          holder.has_value() ? *holder : EntityFor(p.text, EntityType::kPerson);
      Merge(*entity_of[i], p);
    }
    out_.sentence_first_mention_.assign(sentences_.size() + 1, 0);
    for (size_t i = 0; i < pending_.size(); ++i) {
      out_.mentions_.push_back({pending_[i].span, pending_[i].text,
                                *entity_of[i], pending_[i].sentence});
    }
    size_t m = 0;
    for (size_t s = 0; s <= sentences_.size(); ++s) {
      while (m < out_.mentions_.size() && out_.mentions_[m].sentence < s) ++m;
      out_.sentence_first_mention_[s] = m;
    }
    for (const auto& [word, e] : last_word) out_.aliases_.emplace_back(word, e);
    for (const auto& [acr, e] : acronyms_) out_.aliases_.emplace_back(acr, e);
    for (const auto& [lower, e] : by_canonical_) {
      out_.aliases_.emplace_back(lower, e);
    }
    std::sort(out_.aliases_.begin(), out_.aliases_.end());
    out_.aliases_.erase(std::unique(out_.aliases_.begin(), out_.aliases_.end(),
                                    [](const auto& a, const auto& b) {
                                      return a.first == b.first;
                                    }),
                        out_.aliases_.end());
  }

  // The name without its honorific, as written ("Narendra Modi").
  std::string FullName(const Pending& p) const {
    std::string_view text = p.text;
    for (;;) {
      size_t space = text.find(' ');
      if (space == std::string_view::npos) break;
      std::string first(text.substr(0, space));
      if (!first.empty() && first.back() == '.') first.pop_back();
      if (!IsHonorific(absl::AsciiStrToLower(first))) break;
      text.remove_prefix(space + 1);
    }
    return std::string(text);
  }

  // The person whose role holds `title_key` ("prime minister"), last
  // mentioned before pending mention `i` (or first after it).
  std::optional<size_t> HolderOf(
      const std::string& title_key,
      const std::vector<std::optional<size_t>>& entity_of, size_t i) const {
    std::optional<size_t> after;
    for (size_t k = 0; k < pending_.size(); ++k) {
      if (k == i || !entity_of[k].has_value() || pending_[k].title_only) {
        continue;
      }
      const Entity& e = out_.entities_[*entity_of[k]];
      if (e.type != EntityType::kPerson || title_key.empty() ||
          !absl::StrContains(absl::AsciiStrToLower(e.role), title_key)) {
        continue;
      }
      if (k < i) {
        after.reset();
        after = entity_of[k];
        continue;
      }
      if (!after.has_value()) after = entity_of[k];
      break;
    }
    return after;
  }

  std::string_view body_;
  const std::vector<Sentence>& sentences_;
  const std::vector<std::vector<Token>>& tokens_;
  std::map<std::string, bool> known_;
  std::vector<Pending> pending_;
  std::map<std::string, size_t> by_canonical_;
  std::map<std::string, size_t> acronyms_;
  ArticleEntities out_;
};

ArticleEntities ArticleEntities::Find(
    std::string_view body, const std::vector<Sentence>& sentences,
    const std::vector<std::vector<Token>>& tokens) {
  return EntityBuilder(body, sentences, tokens).Build();
}

std::pair<size_t, size_t> ArticleEntities::SentenceMentions(size_t s) const {
  if (s + 1 >= sentence_first_mention_.size()) return {0, 0};
  return {sentence_first_mention_[s], sentence_first_mention_[s + 1]};
}

std::optional<size_t> ArticleEntities::FindAlias(std::string_view lower) const {
  auto it = std::lower_bound(
      aliases_.begin(), aliases_.end(), lower,
      [](const auto& a, std::string_view key) { return a.first < key; });
  if (it == aliases_.end() || it->first != lower) return std::nullopt;
  return it->second;
}

std::optional<ResolvedName> ArticleEntities::ResolvePhrase(
    std::string_view body, const std::vector<Token>& tokens, size_t first,
    size_t last) const {
  // "Aldred Drummond of the company": the name ends before a joiner that
  // leads to a common noun.
  for (size_t k = first + 1; k + 1 <= last; ++k) {
    const std::string& w = tokens[k].norm;
    if ((w == "of" || w == "for" || w == "at" || w == "from") &&
        IsNameToken(tokens[k - 1]) &&
        (IsDeterminer(tokens[k + 1].norm) || !tokens[k + 1].is_capitalized)) {
      last = k - 1;
      break;
    }
  }
  RoleSplit split = SplitRole(tokens, first, last);
  ResolvedName out;
  out.gender = split.gender;
  const uint32_t begin = tokens[split.start].span.begin;
  const uint32_t end = tokens[last].span.end;
  // Named: some capitalised word that is neither a place adjective nor a
  // generic noun ("Modi", "Met Police").
  bool named = false;
  if (split.has_name) {
    for (size_t k = split.bare_first; k <= last; ++k) {
      const Token& t = tokens[k];
      if (!IsNameToken(t) || IsGenericSource(t.norm)) continue;
      std::optional<Place> place = LookupPlace(t.norm);
      if (place.has_value() && place->is_demonym) continue;
      named = true;
    }
  }
  if (split.has_role) {
    out.role = SpanText(body, tokens[split.role_first].span.begin,
                        tokens[split.role_last].span.end);
  }
  if (named) {
    out.span = {tokens[split.name_first].span.begin, end};
    out.name = SpanText(body, out.span.begin, out.span.end);
    std::string key = KeyOf(tokens, split.bare_first, last);
    std::optional<size_t> e = FindAlias(key);
    if (!e.has_value()) {
      if (std::optional<Place> place = LookupPlace(key)) {
        e = FindAlias(absl::AsciiStrToLower(AsAbsl(place->canonical)));
        if (!e.has_value()) {
          out.canonical = place->canonical;
          out.type = EntityType::kLocation;
          return out;
        }
      }
    }
    if (e.has_value()) {
      const Entity& entity = entities_[*e];
      out.canonical = entity.canonical;
      out.type = entity.type;
      if (out.role.empty()) out.role = entity.role;
      if (out.gender == Gender::kUnknown) out.gender = entity.gender;
    } else {
      out.canonical = SpanText(body, tokens[split.bare_first].span.begin, end);
      out.type =
          split.has_org_cue ? EntityType::kOrganization : EntityType::kPerson;
    }
    return out;
  }
  // A bare role held by a person of the article ("the prime minister").
  if (split.has_title) {
    std::string title_key;
    for (size_t k = split.role_first; k <= split.role_last; ++k) {
      if (!IsTitleWord(tokens[k].norm)) continue;
      if (!title_key.empty()) title_key += ' ';
      title_key += tokens[k].norm;
    }
    std::optional<size_t> holder;
    for (const Mention& m : mentions_) {
      if (m.span.begin >= begin && holder.has_value()) break;
      const Entity& e = entities_[m.entity];
      if (e.type == EntityType::kPerson && !e.role.empty() &&
          absl::StrContains(absl::AsciiStrToLower(e.role), title_key) &&
          absl::AsciiStrToLower(e.canonical) != title_key) {
        holder = m.entity;
      }
    }
    if (holder.has_value() && !IsGenericSource(tokens[last].norm)) {
      const Entity& e = entities_[*holder];
      out.span = {tokens[first].span.begin, end};
      out.name = SpanText(body, out.span.begin, out.span.end);
      out.canonical = e.canonical;
      out.role = e.role;
      out.type = EntityType::kPerson;
      if (out.gender == Gender::kUnknown) out.gender = e.gender;
      return out;
    }
  }
  // A generic source, kept as written ("Analysts" -> "analysts").
  bool has_head = false;
  for (size_t k = split.start; k <= last; ++k) {
    if (IsGenericSource(tokens[k].norm) || IsTitleWord(tokens[k].norm) ||
        IsOrganizationCue(tokens[k].norm)) {
      has_head = true;
    }
  }
  if (!has_head) return std::nullopt;
  out.span = {begin, end};
  out.name = SpanText(body, begin, end);
  out.canonical = KeyOf(tokens, split.start, last);
  out.generic = true;
  out.type = EntityType::kOther;
  return out;
}

std::optional<size_t> ArticleEntities::ResolvePronoun(
    std::string_view lower_pronoun, size_t s, uint32_t position) const {
  Gender wanted = GenderOfWord(lower_pronoun);
  for (size_t back = 0; back <= 4 && back <= s; ++back) {
    auto [first, last] = SentenceMentions(s - back);
    for (size_t m = first; m < last; ++m) {
      if (back == 0 && mentions_[m].span.begin >= position) break;
      const Entity& e = entities_[mentions_[m].entity];
      if (e.type != EntityType::kPerson) continue;
      if (wanted != Gender::kUnknown && e.gender != Gender::kUnknown &&
          e.gender != wanted) {
        continue;
      }
      return mentions_[m].entity;
    }
  }
  return std::nullopt;
}

std::optional<size_t> ArticleEntities::LastOrganization(
    size_t s, uint32_t position, size_t sentences_back) const {
  for (size_t back = 0; back <= sentences_back && back <= s; ++back) {
    auto [first, last] = SentenceMentions(s - back);
    std::optional<size_t> found;
    for (size_t m = first; m < last; ++m) {
      if (back == 0 && mentions_[m].span.begin >= position) break;
      if (entities_[mentions_[m].entity].type == EntityType::kOrganization) {
        found = mentions_[m].entity;
      }
    }
    if (found.has_value()) return found;
  }
  return std::nullopt;
}

}  // namespace factcheck::text
