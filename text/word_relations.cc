#include "text/word_relations.h"

#include <algorithm>
#include <array>
#include <utility>

#include "base/string_view.h"

namespace factcheck::text {
namespace {

constexpr std::array<PartOfSpeech, 4> kAllPos = {
    PartOfSpeech::kNoun, PartOfSpeech::kVerb, PartOfSpeech::kAdjective,
    PartOfSpeech::kAdverb};

// Hypernyms are followed this many steps up, hyponyms this many down.
constexpr int kHypernymDepth = 3;
constexpr int kHyponymDepth = 2;
// Noun synsets this close to "entity" (object, whole, abstraction, act,
// person, location...) say too little to align a claim with evidence.
constexpr int kGenericNounDepth = 3;
// A root verb with this many direct hyponyms ("change", "move", "make") is
// as vague.
constexpr size_t kGenericVerbHyponyms = 10;

uint8_t PosBit(PartOfSpeech pos) {
  return static_cast<uint8_t>(1u << static_cast<unsigned>(pos));
}

// Lower rank wins when several relations hold (see Expand).
uint8_t Rank(Relation relation) {
  switch (relation) {
    case Relation::kSynonym:
      return 0;
    case Relation::kHyponym:
      return 1;
    case Relation::kAlias:
      return 2;
    case Relation::kDerivation:
      return 3;
    case Relation::kPertainym:
      return 4;
    case Relation::kHypernym:
      return 5;
    case Relation::kAntonym:
      return 6;
    case Relation::kNone:
      break;
  }
  return 7;
}

bool IsHypernymPointer(PointerKind kind) {
  return kind == PointerKind::kHypernym ||
         kind == PointerKind::kInstanceHypernym;
}

bool IsHyponymPointer(PointerKind kind) {
  return kind == PointerKind::kHyponym || kind == PointerKind::kInstanceHyponym;
}

// Stable and allocation-free, for the handful of forms of one word.
template <typename T, typename Less>
void InsertionSort(T* begin, T* end, Less less) {
  for (T* i = begin; i != end; ++i) {
    const T value = *i;
    T* j = i;
    for (; j != begin && less(value, *(j - 1)); --j) *j = *(j - 1);
    *j = value;
  }
}

uint64_t WordKey(uint32_t synset, uint8_t position) {
  return (uint64_t{synset} << 8) | position;
}

}  // namespace

std::string_view RelationName(Relation relation) {
  switch (relation) {
    case Relation::kNone:
      return "none";
    case Relation::kSynonym:
      return "synonym";
    case Relation::kHypernym:
      return "hypernym";
    case Relation::kHyponym:
      return "hyponym";
    case Relation::kDerivation:
      return "derivation";
    case Relation::kPertainym:
      return "pertainym";
    case Relation::kAlias:
      return "alias";
    case Relation::kAntonym:
      return "antonym";
  }
  return "none";
}

Relation WordRelations::Expansion::Find(uint32_t lemma) const {
  const auto it = std::lower_bound(
      entries_.begin(), entries_.end(), lemma,
      [](const Entry& e, uint32_t id) { return e.lemma < id; });
  return it != entries_.end() && it->lemma == lemma ? it->relation
                                                    : Relation::kNone;
}

Relation WordRelations::Expansion::Find(const Lemmas& lemmas) const {
  Relation best = Relation::kNone;
  for (uint32_t lemma : lemmas) {
    const Relation r = Find(lemma);
    if (Rank(r) < Rank(best)) best = r;
  }
  return best;
}

// The lemmas found so far with their best relation. Callers add the closest
// relations first; once kMaxExpansion lemmas are in, new ones are refused
// and full() tells the callers to stop. A small open-addressing table on the
// stack finds repeats without allocating.
class WordRelations::Collector {
 public:
  explicit Collector(const Lexicon& lexicon) : lexicon_(lexicon) {
    slots_.fill(kNoLemma);
    entries_.reserve(kMaxExpansion);
  }

  bool full() const { return full_; }

  void Add(uint32_t lemma, Relation relation) {
    if (lemma == kNoLemma) return;
    size_t slot = (lemma * uint64_t{0x9E3779B1}) & kSlotMask;
    while (slots_[slot] != kNoLemma) {
      if (slots_[slot] == lemma) {
        Relation& known = entries_[index_[slot]].relation;
        if (Rank(relation) < Rank(known)) known = relation;
        return;
      }
      slot = (slot + 1) & kSlotMask;
    }
    if (entries_.size() == kMaxExpansion) {
      full_ = true;
      return;
    }
    slots_[slot] = lemma;
    index_[slot] = static_cast<uint16_t>(entries_.size());
    entries_.push_back({lemma, relation});
  }

  void AddSynset(uint32_t synset, Relation relation) {
    for (uint32_t word : lexicon_.SynsetWords(synset)) Add(word, relation);
  }

  Expansion Finish() {
    std::sort(entries_.begin(), entries_.end(),
              [](const Expansion::Entry& a, const Expansion::Entry& b) {
                return a.lemma < b.lemma;
              });
    Expansion out;
    out.entries_ = std::move(entries_);
    return out;
  }

 private:
  // A power of two well above kMaxExpansion keeps probes short.
  static constexpr size_t kSlots = 1024;
  static constexpr size_t kSlotMask = kSlots - 1;
  static_assert(kSlots >= 3 * kMaxExpansion);

  const Lexicon& lexicon_;
  std::array<uint32_t, kSlots> slots_;
  std::array<uint16_t, kSlots> index_;
  std::vector<Expansion::Entry> entries_;
  bool full_ = false;
};

WordRelations::WordRelations(const Lexicon& lexicon) : lexicon_(lexicon) {
  BuildSurfaces();
  BuildSynsetFlags();
  BuildAliases();
  BuildReversePertainyms();
}

void WordRelations::BuildSurfaces() {
  const auto lemma_count = static_cast<uint32_t>(lexicon_.lemma_count());
  scores_.assign(lemma_count, 0);
  surfaces_.reserve(lemma_count);
  for (uint32_t lemma = 0; lemma < lemma_count; ++lemma) {
    uint8_t mask = 0;
    for (PartOfSpeech pos : kAllPos) {
      if (!lexicon_.Senses(lemma, pos).empty()) mask |= PosBit(pos);
      scores_[lemma] += lexicon_.TagCount(lemma, pos);
    }
    // Words seen only inside synsets but absent from the index have no
    // senses of their own: they are not lemmas.
    if (mask == 0) continue;
    Surface& s = surfaces_[lexicon_.LemmaText(lemma)];
    s.lemma = lemma;
    s.pos_mask = mask;
  }
  // Irregular forms whose base is a lemma of that part of speech, grouped
  // per inflected word in part-of-speech order.
  std::vector<std::pair<std::string, std::pair<PartOfSpeech, uint32_t>>> runs;
  for (PartOfSpeech pos : kAllPos) {
    for (auto& [inflected, base] : lexicon_.Exceptions(pos)) {
      const Surface* b = FindSurface(base);
      if (b != nullptr && b->lemma != kNoLemma && (b->pos_mask & PosBit(pos))) {
        runs.emplace_back(std::move(inflected), std::make_pair(pos, b->lemma));
      }
    }
  }
  std::stable_sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) {
    return a.first < b.first;
  });
  for (const auto& [inflected, base] : runs) {
    Surface& s = surfaces_[inflected];
    if (s.exceptions_count == 0) {
      s.exceptions_begin = static_cast<uint32_t>(exceptions_.size());
    }
    if (s.exceptions_count < UINT8_MAX) {
      exceptions_.push_back(base);
      ++s.exceptions_count;
    }
  }
  for (auto& [key, surface] : surfaces_) surface.forms = Resolve(key);
}

void WordRelations::BuildSynsetFlags() {
  const size_t count = lexicon_.synset_count();
  instance_.assign(count, false);
  generic_.assign(count, false);
  country_.assign(count, false);
  // Depth below a root along hypernyms, shortest path; -1: not computed.
  std::vector<int> depth(count, -1);
  std::vector<uint32_t> stack;
  for (uint32_t root = 0; root < count; ++root) {
    if (depth[root] >= 0) continue;
    stack.push_back(root);
    while (!stack.empty()) {
      const uint32_t s = stack.back();
      int best = -1;
      bool ready = true;
      for (const LexiconPointer& p : lexicon_.SynsetPointers(s)) {
        if (!IsHypernymPointer(p.kind)) continue;
        const int d = depth[p.target_synset];
        if (d < 0) {
          // WordNet's hierarchy is acyclic; guard anyway against a cycle
          // in malformed data by giving up on this branch.
          if (stack.size() > 64) continue;
          stack.push_back(p.target_synset);
          ready = false;
        } else if (best < 0 || d + 1 < best) {
          best = d + 1;
        }
      }
      if (!ready) continue;
      depth[s] = best < 0 ? 0 : best;
      stack.pop_back();
    }
  }
  for (uint32_t s = 0; s < count; ++s) {
    size_t hyponyms = 0;
    for (const LexiconPointer& p : lexicon_.SynsetPointers(s)) {
      if (p.kind == PointerKind::kInstanceHypernym) instance_[s] = true;
      if (IsHyponymPointer(p.kind)) ++hyponyms;
    }
    switch (lexicon_.SynsetPos(s)) {
      case PartOfSpeech::kNoun:
        generic_[s] = depth[s] <= kGenericNounDepth;
        break;
      case PartOfSpeech::kVerb:
        generic_[s] = depth[s] == 0 && hyponyms >= kGenericVerbHyponyms;
        break;
      default:
        break;
    }
  }
  // Countries: named entities that are, within three steps, a kind of the
  // "country, state, land" synsets.
  std::vector<uint32_t> roots;
  if (const uint32_t country = lexicon_.FindLemma("country");
      country != kNoLemma) {
    const uint32_t state = lexicon_.FindLemma("state");
    for (uint32_t s : lexicon_.Senses(country, PartOfSpeech::kNoun)) {
      const auto words = lexicon_.SynsetWords(s);
      if (std::find(words.begin(), words.end(), state) != words.end()) {
        roots.push_back(s);
      }
    }
  }
  if (roots.empty()) return;
  for (uint32_t s = 0; s < count; ++s) {
    if (!instance_[s]) continue;
    std::vector<uint32_t> frontier = {s};
    for (int step = 0; step < 3 && !country_[s] && !frontier.empty(); ++step) {
      std::vector<uint32_t> next;
      for (uint32_t f : frontier) {
        for (const LexiconPointer& p : lexicon_.SynsetPointers(f)) {
          if (!IsHypernymPointer(p.kind)) continue;
          if (std::find(roots.begin(), roots.end(), p.target_synset) !=
              roots.end()) {
            country_[s] = true;
          }
          next.push_back(p.target_synset);
        }
      }
      frontier = std::move(next);
    }
  }
}

void WordRelations::BuildAliases() {
  const uint32_t capital = lexicon_.FindLemma("national capital");
  if (capital == kNoLemma) return;
  const auto capital_senses = lexicon_.Senses(capital, PartOfSpeech::kNoun);
  if (capital_senses.empty()) return;
  // The national capitals are the instances of "national capital"; their
  // country is a part holonym within two steps (Washington -> District of
  // Columbia -> United States).
  for (const LexiconPointer& p :
       lexicon_.SynsetPointers(capital_senses.front())) {
    if (p.kind != PointerKind::kInstanceHyponym) continue;
    const uint32_t city = p.target_synset;
    std::vector<uint32_t> frontier = {city};
    for (int step = 0; step < 2 && !frontier.empty(); ++step) {
      std::vector<uint32_t> next;
      for (uint32_t f : frontier) {
        for (const LexiconPointer& h : lexicon_.SynsetPointers(f)) {
          if (h.kind != PointerKind::kPartHolonym) continue;
          if (country_[h.target_synset]) {
            aliases_.emplace_back(city, h.target_synset);
            aliases_.emplace_back(h.target_synset, city);
          } else {
            next.push_back(h.target_synset);
          }
        }
      }
      frontier = std::move(next);
    }
  }
  std::sort(aliases_.begin(), aliases_.end());
  aliases_.erase(std::unique(aliases_.begin(), aliases_.end()), aliases_.end());
}

void WordRelations::BuildReversePertainyms() {
  const auto count = static_cast<uint32_t>(lexicon_.synset_count());
  for (uint32_t s = 0; s < count; ++s) {
    if (lexicon_.SynsetPos(s) != PartOfSpeech::kAdjective) continue;
    for (const LexiconPointer& p : lexicon_.SynsetPointers(s)) {
      if (p.kind != PointerKind::kPertainym || p.target_word == 0) continue;
      const uint32_t adjective = WordAt(s, p.source_word);
      if (adjective == kNoLemma) continue;
      pertainyms_of_.emplace_back(WordKey(p.target_synset, p.target_word),
                                  adjective);
    }
  }
  std::sort(pertainyms_of_.begin(), pertainyms_of_.end());
  pertainyms_of_.erase(
      std::unique(pertainyms_of_.begin(), pertainyms_of_.end()),
      pertainyms_of_.end());
}

const WordRelations::Surface* WordRelations::FindSurface(
    std::string_view key) const {
  const auto it = surfaces_.find(AsAbsl(key));
  return it == surfaces_.end() ? nullptr : &it->second;
}

// Lower-case with spaces, in `buffer` when it had to change; empty when
// too long.
std::string_view WordRelations::Normalize(std::string_view word,
                                          char (&buffer)[kMaxWordLength]) {
  if (word.size() > kMaxWordLength) return {};
  if (std::none_of(word.begin(), word.end(),
                   [](char c) { return c == '_' || (c >= 'A' && c <= 'Z'); })) {
    return word;
  }
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c == '_') c = ' ';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    buffer[i] = c;
  }
  return std::string_view(buffer, word.size());
}

void WordRelations::Forms(std::string_view key, FormList* forms) const {
  auto add = [&](uint32_t lemma, PartOfSpeech pos) {
    if (forms->size == FormList::kCapacity) return;
    for (const Form& f : *forms) {
      if (f.lemma == lemma && f.pos == pos) return;
    }
    forms->items[forms->size++] = {lemma, pos};
  };
  if (const Surface* hit = FindSurface(key)) {
    if (hit->lemma != kNoLemma) {
      for (PartOfSpeech pos : kAllPos) {
        if (hit->pos_mask & PosBit(pos)) add(hit->lemma, pos);
      }
    }
    for (uint32_t i = 0; i < hit->exceptions_count; ++i) {
      const auto& [pos, base] = exceptions_[hit->exceptions_begin + i];
      add(base, pos);
    }
  }
  char buffer[kMaxWordLength + 8];
  for (PartOfSpeech pos : kAllPos) {
    for (const SuffixRule& rule : MorphySuffixRules(pos)) {
      if (key.size() <= rule.suffix.size() || !key.ends_with(rule.suffix) ||
          key.size() > kMaxWordLength) {
        continue;
      }
      const size_t stem = key.size() - rule.suffix.size();
      std::copy_n(key.data(), stem, buffer);
      std::copy(rule.base.begin(), rule.base.end(), buffer + stem);
      const Surface* s =
          FindSurface(std::string_view(buffer, stem + rule.base.size()));
      if (s != nullptr && s->lemma != kNoLemma && (s->pos_mask & PosBit(pos))) {
        add(s->lemma, pos);
      }
    }
  }
}

WordRelations::Lemmas WordRelations::Resolve(std::string_view key) const {
  FormList forms;
  Forms(key, &forms);
  // Most used first; on a tie, the order Forms found them in.
  InsertionSort(forms.begin(), forms.end(), [&](const Form& a, const Form& b) {
    return scores_[a.lemma] > scores_[b.lemma];
  });
  Lemmas out;
  for (const Form& f : forms) {
    if (out.size_ == kMaxForms) break;
    if (std::find(out.begin(), out.end(), f.lemma) == out.end()) {
      out.ids_[out.size_++] = f.lemma;
    }
  }
  return out;
}

uint32_t WordRelations::LemmaId(std::string_view lower_word) const {
  char buffer[kMaxWordLength];
  const std::string_view key = Normalize(lower_word, buffer);
  if (key.empty()) return kNoLemma;
  if (const Surface* hit = FindSurface(key)) return hit->forms.front();
  return Resolve(key).front();
}

WordRelations::Lemmas WordRelations::LemmaIds(
    std::string_view lower_word) const {
  char buffer[kMaxWordLength];
  const std::string_view key = Normalize(lower_word, buffer);
  if (key.empty()) return {};
  if (const Surface* hit = FindSurface(key)) return hit->forms;
  return Resolve(key);
}

std::string WordRelations::LemmaText(uint32_t lemma) const {
  if (lemma >= lexicon_.lemma_count()) return "";
  return lexicon_.LemmaText(lemma);
}

uint32_t WordRelations::WordAt(uint32_t synset, uint8_t position) const {
  const auto words = lexicon_.SynsetWords(synset);
  if (position == 0 || position > words.size()) return kNoLemma;
  return words[position - 1];
}

bool WordRelations::IsCountry(uint32_t synset) const {
  return country_[synset];
}

// The words of the opposite synsets and, for adjectives, of their
// satellites: "large" -> "small", "tiny".
void WordRelations::AddAntonyms(std::span<const uint32_t> synsets,
                                Collector* out) const {
  for (uint32_t synset : synsets) {
    out->AddSynset(synset, Relation::kAntonym);
    if (lexicon_.SynsetPos(synset) != PartOfSpeech::kAdjective) continue;
    for (const LexiconPointer& p : lexicon_.SynsetPointers(synset)) {
      if (p.kind == PointerKind::kSimilarTo) {
        out->AddSynset(p.target_synset, Relation::kAntonym);
      }
    }
  }
}

// The kinds of the opposite synsets: "increase" ! "decrease" ~ "cut".
void WordRelations::AddAntonymHyponyms(std::span<const uint32_t> synsets,
                                       Collector* out) const {
  for (uint32_t synset : synsets) {
    for (const LexiconPointer& p : lexicon_.SynsetPointers(synset)) {
      if (out->full()) return;
      if (IsHyponymPointer(p.kind)) {
        out->AddSynset(p.target_synset, Relation::kAntonym);
      }
    }
  }
}

void WordRelations::AddLexicalRelations(
    const Form& form, Collector* out,
    std::vector<uint32_t>* antonym_synsets) const {
  auto add_antonym = [&](uint32_t synset) {
    if (std::find(antonym_synsets->begin(), antonym_synsets->end(), synset) ==
        antonym_synsets->end()) {
      antonym_synsets->push_back(synset);
    }
  };
  for (uint32_t sense : lexicon_.Senses(form.lemma, form.pos)) {
    const auto words = lexicon_.SynsetWords(sense);
    const auto self = std::find(words.begin(), words.end(), form.lemma);
    const auto position = static_cast<uint8_t>(self - words.begin() + 1);
    auto mine = [&](const LexiconPointer& p) {
      return p.source_word == 0 || p.source_word == position;
    };
    auto targets = [&](const LexiconPointer& p, Relation relation) {
      if (p.target_word == 0) {
        out->AddSynset(p.target_synset, relation);
      } else {
        out->Add(WordAt(p.target_synset, p.target_word), relation);
      }
    };
    for (const LexiconPointer& p : lexicon_.SynsetPointers(sense)) {
      switch (p.kind) {
        case PointerKind::kDerivation:
          if (!mine(p)) break;
          targets(p, Relation::kDerivation);
          // "growth" -> "grow" -> ... and "increase"(n) -> "increase"(v)
          // -> "decrease": the antonyms of related forms.
          for (const LexiconPointer& q :
               lexicon_.SynsetPointers(p.target_synset)) {
            if (q.kind == PointerKind::kAntonym &&
                (p.target_word == 0 || q.source_word == p.target_word)) {
              add_antonym(q.target_synset);
            }
          }
          break;
        case PointerKind::kPertainym:
          if (!mine(p)) break;
          targets(p, instance_[p.target_synset] ? Relation::kAlias
                                                : Relation::kPertainym);
          break;
        case PointerKind::kAntonym:
          // WordNet ties antonymy to one word pair ("better"/"worsen"), but
          // the synset's meaning is opposed for all its words ("improve").
          add_antonym(p.target_synset);
          break;
        case PointerKind::kSimilarTo:
          // A satellite opposes what its head's antonyms (and their
          // satellites) say: "huge" -> "large" ! "small", "tiny".
          for (const LexiconPointer& q :
               lexicon_.SynsetPointers(p.target_synset)) {
            if (q.kind == PointerKind::kAntonym) add_antonym(q.target_synset);
          }
          break;
        case PointerKind::kHypernym:
          // Verbs: a way of decreasing opposes increasing ("reduce" @
          // "decrease" ! "increase").
          if (form.pos != PartOfSpeech::kVerb) break;
          for (const LexiconPointer& q :
               lexicon_.SynsetPointers(p.target_synset)) {
            if (q.kind == PointerKind::kAntonym) add_antonym(q.target_synset);
          }
          break;
        case PointerKind::kMemberHolonym:
          // Demonym nouns: "American" is a member of "United States".
          if (IsCountry(p.target_synset)) {
            out->AddSynset(p.target_synset, Relation::kAlias);
          }
          break;
        default:
          break;
      }
    }
    // Adjectives that pertain to this word: "economy" -> "economic",
    // "France" -> "French".
    const uint64_t key = WordKey(sense, position);
    for (auto it =
             std::lower_bound(pertainyms_of_.begin(), pertainyms_of_.end(),
                              std::make_pair(key, uint32_t{0}));
         it != pertainyms_of_.end() && it->first == key; ++it) {
      out->Add(it->second,
               instance_[sense] ? Relation::kAlias : Relation::kPertainym);
    }
    // A national capital stands for its country and back.
    for (auto it = std::lower_bound(aliases_.begin(), aliases_.end(),
                                    std::make_pair(sense, uint32_t{0}));
         it != aliases_.end() && it->first == sense; ++it) {
      out->AddSynset(it->second, Relation::kAlias);
    }
  }
}

void WordRelations::AddHypernyms(const Form& form, Collector* out) const {
  if (form.pos != PartOfSpeech::kNoun && form.pos != PartOfSpeech::kVerb) {
    return;
  }
  std::vector<uint32_t> seen;
  for (uint32_t sense : lexicon_.Senses(form.lemma, form.pos)) {
    std::vector<uint32_t> frontier = {sense};
    for (int step = 0; step < kHypernymDepth && !frontier.empty(); ++step) {
      std::vector<uint32_t> next;
      for (uint32_t s : frontier) {
        for (const LexiconPointer& p : lexicon_.SynsetPointers(s)) {
          const uint32_t parent = p.target_synset;
          // Past a generic synset everything is more generic still.
          if (!IsHypernymPointer(p.kind) || generic_[parent] ||
              std::find(seen.begin(), seen.end(), parent) != seen.end()) {
            continue;
          }
          seen.push_back(parent);
          out->AddSynset(parent, Relation::kHypernym);
          next.push_back(parent);
        }
      }
      frontier = std::move(next);
    }
  }
}

// The hyponyms `depth` steps below each sense, so that a word's direct
// hyponyms in all senses come before the next level.
void WordRelations::AddHyponyms(const Form& form, int depth,
                                Collector* out) const {
  for (uint32_t sense : lexicon_.Senses(form.lemma, form.pos)) {
    std::vector<uint32_t> frontier = {sense};
    for (int step = 0; step < depth && !frontier.empty() && !out->full();
         ++step) {
      std::vector<uint32_t> next;
      for (uint32_t s : frontier) {
        for (const LexiconPointer& p : lexicon_.SynsetPointers(s)) {
          if (IsHyponymPointer(p.kind)) next.push_back(p.target_synset);
        }
      }
      frontier = std::move(next);
    }
    for (uint32_t s : frontier) {
      if (out->full()) return;
      out->AddSynset(s, Relation::kHyponym);
    }
  }
}

WordRelations::Expansion WordRelations::Expand(
    std::string_view lower_word) const {
  char buffer[kMaxWordLength];
  const std::string_view key = Normalize(lower_word, buffer);
  const uint32_t lemma = LemmaId(key);
  if (lemma == kNoLemma) return {};
  FormList forms;
  Forms(key, &forms);
  // The chosen lemma's senses first, then the other forms, most used first.
  InsertionSort(forms.begin(), forms.end(), [&](const Form& a, const Form& b) {
    if ((a.lemma == lemma) != (b.lemma == lemma)) {
      return a.lemma == lemma;
    }
    return scores_[a.lemma] > scores_[b.lemma];
  });
  Collector out(lexicon_);
  // Closest relations first, so that the cap trims the distant ones.
  for (const Form& f : forms) out.Add(f.lemma, Relation::kSynonym);
  for (const Form& f : forms) {
    for (uint32_t sense : lexicon_.Senses(f.lemma, f.pos)) {
      out.AddSynset(sense, Relation::kSynonym);
    }
  }
  std::vector<uint32_t> antonym_synsets;
  for (const Form& f : forms) AddLexicalRelations(f, &out, &antonym_synsets);
  AddAntonyms(antonym_synsets, &out);
  for (const Form& f : forms) AddHypernyms(f, &out);
  for (const Form& f : forms) AddHyponyms(f, 1, &out);
  AddAntonymHyponyms(antonym_synsets, &out);
  for (int depth = 2; depth <= kHyponymDepth; ++depth) {
    for (const Form& f : forms) AddHyponyms(f, depth, &out);
  }
  return out.Finish();
}

std::vector<std::string> WordRelations::SearchExpansion(
    std::string_view lower_word, size_t max) const {
  const uint32_t own = LemmaId(lower_word);
  if (own == kNoLemma || max == 0) return {};
  struct Ranked {
    bool alias;
    uint32_t uses;
    uint32_t lemma;
  };
  std::vector<Ranked> ranked;
  auto add = [&](uint32_t lemma, bool alias) {
    if (lemma == own) return;
    for (Ranked& r : ranked) {
      if (r.lemma == lemma) {
        r.alias = r.alias || alias;
        return;
      }
    }
    uint32_t uses = 0;
    for (PartOfSpeech pos : {PartOfSpeech::kNoun, PartOfSpeech::kVerb,
                             PartOfSpeech::kAdjective, PartOfSpeech::kAdverb}) {
      uses += lexicon_.TagCount(lemma, pos);
    }
    ranked.push_back({alias, uses, lemma});
  };
  // Named: entries() is a view, and a temporary Expansion would be gone
  // before the loop reads it.
  const Expansion expansion = Expand(lower_word);
  for (const Expansion::Entry& e : expansion.entries()) {
    if (e.relation == Relation::kAlias) add(e.lemma, true);
  }
  // Synonyms of the most frequent sense only: "bought" adds "purchase",
  // not "bribe".
  for (PartOfSpeech pos : {PartOfSpeech::kNoun, PartOfSpeech::kVerb,
                           PartOfSpeech::kAdjective, PartOfSpeech::kAdverb}) {
    const std::span<const uint32_t> senses = lexicon_.Senses(own, pos);
    if (senses.empty()) continue;
    for (uint32_t lemma : lexicon_.SynsetWords(senses.front())) {
      add(lemma, false);
    }
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.alias != b.alias) return a.alias;
    if (a.uses != b.uses) return a.uses > b.uses;
    return a.lemma < b.lemma;
  });
  std::vector<std::string> out;
  for (size_t i = 0; i < ranked.size() && out.size() < max; ++i) {
    out.push_back(LemmaText(ranked[i].lemma));
  }
  return out;
}

}  // namespace factcheck::text
