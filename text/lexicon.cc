#include "text/lexicon.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/file.h"

namespace factcheck::text {
namespace {

constexpr size_t kNumPos = 4;

// File-name stems and pointer letters of each PartOfSpeech, in enum order.
constexpr std::array<std::string_view, kNumPos> kPosFileNames = {"noun", "verb",
                                                                 "adj", "adv"};

size_t PosIndex(PartOfSpeech pos) { return static_cast<size_t>(pos); }

// Pointer/synset-type letter to PartOfSpeech index; adjective satellites
// ('s') live with adjectives.
std::optional<size_t> PosFromLetter(std::string_view letter) {
  if (letter == "n") return 0;
  if (letter == "v") return 1;
  if (letter == "a" || letter == "s") return 2;
  if (letter == "r") return 3;
  return std::nullopt;
}

// Morphy's suffix rules per part of speech: replace `suffix` by `base`.
constexpr SuffixRule kNounRules[] = {
    {"s", ""},      {"ses", "s"},   {"xes", "x"},   {"zes", "z"},
    {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
constexpr SuffixRule kVerbRules[] = {{"s", ""},    {"ies", "y"}, {"es", "e"},
                                     {"es", ""},   {"ed", "e"},  {"ed", ""},
                                     {"ing", "e"}, {"ing", ""}};
constexpr SuffixRule kAdjRules[] = {
    {"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};

// WordNet spells multi-word lemmas with '_'; callers use spaces.
std::string ToKey(std::string_view lemma) {
  std::string key(lemma);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c == ' ') c = '_';
  }
  return key;
}

std::string FromKey(std::string_view key) {
  std::string out(key);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  return out;
}

// Whitespace-separated fields of one line.
class Fields {
 public:
  explicit Fields(std::string_view line) : rest_(line) {}

  std::optional<std::string_view> Next() {
    const size_t begin = rest_.find_first_not_of(' ');
    if (begin == std::string_view::npos) return std::nullopt;
    rest_.remove_prefix(begin);
    const size_t end = std::min(rest_.find(' '), rest_.size());
    std::string_view field = rest_.substr(0, end);
    rest_.remove_prefix(end);
    return field;
  }

  std::optional<uint32_t> NextNumber(int base = 10) {
    std::optional<std::string_view> f = Next();
    if (!f) return std::nullopt;
    uint32_t v = 0;
    const auto [ptr, ec] =
        std::from_chars(f->data(), f->data() + f->size(), v, base);
    if (ec != std::errc() || ptr != f->data() + f->size()) return std::nullopt;
    return v;
  }

 private:
  std::string_view rest_;
};

// Calls fn(line, line_number) for each line that is not part of the
// licence header (which starts with two spaces).
template <typename Fn>
absl::Status ForEachLine(std::string_view content, Fn fn) {
  size_t line_number = 0;
  size_t start = 0;
  while (start < content.size()) {
    size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    ++line_number;
    const std::string_view line = content.substr(start, end - start);
    start = end + 1;
    if (line.empty() || line[0] == ' ') continue;
    if (absl::Status s = fn(line, line_number); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// The pointer symbols of wndb(5) that the loader keeps.
std::optional<PointerKind> PointerKindFromSymbol(std::string_view symbol) {
  static constexpr std::pair<std::string_view, PointerKind> kSymbols[] = {
      {"@", PointerKind::kHypernym},     {"@i", PointerKind::kInstanceHypernym},
      {"~", PointerKind::kHyponym},      {"~i", PointerKind::kInstanceHyponym},
      {"!", PointerKind::kAntonym},      {"+", PointerKind::kDerivation},
      {"\\", PointerKind::kPertainym},   {"&", PointerKind::kSimilarTo},
      {"=", PointerKind::kAttribute},    {"#p", PointerKind::kPartHolonym},
      {"%p", PointerKind::kPartMeronym}, {"#m", PointerKind::kMemberHolonym},
  };
  for (const auto& [text, kind] : kSymbols) {
    if (symbol == text) return kind;
  }
  return std::nullopt;
}

absl::Status Malformed(const std::filesystem::path& path, size_t line) {
  return absl::DataLossError(absl::StrCat("malformed WordNet file ",
                                          path.string(), " at line ", line));
}

}  // namespace

namespace internal {

struct LexiconData {
  struct Synset {
    std::vector<uint32_t> words;  // lemma ids
    std::vector<LexiconPointer> pointers;
    PartOfSpeech pos;
  };
  struct Senses {
    std::array<std::vector<uint32_t>, kNumPos> synsets;
    std::array<uint32_t, kNumPos> tag_counts = {};
  };

  std::vector<std::string> lemmas;  // WordNet keys ('_' between words)
  absl::flat_hash_map<std::string, uint32_t> lemma_ids;
  std::vector<Synset> synsets;
  absl::flat_hash_map<uint32_t, Senses> senses;  // by lemma id
  std::array<absl::flat_hash_map<std::string, std::vector<std::string>>,
             kNumPos>
      exceptions;

  uint32_t Intern(std::string_view key) {
    auto [it, inserted] = lemma_ids.try_emplace(
        std::string(key), static_cast<uint32_t>(lemmas.size()));
    if (inserted) lemmas.emplace_back(key);
    return it->second;
  }

  const std::vector<uint32_t>* SensesOf(std::string_view lemma,
                                        size_t pos) const {
    const auto id = lemma_ids.find(ToKey(lemma));
    if (id == lemma_ids.end()) return nullptr;
    const auto s = senses.find(id->second);
    if (s == senses.end() || s->second.synsets[pos].empty()) return nullptr;
    return &s->second.synsets[pos];
  }
};

}  // namespace internal

namespace {

using Data = internal::LexiconData;

// A pointer read from a data file, resolved once all synsets are known.
struct PendingPointer {
  uint32_t synset;
  PointerKind kind;
  size_t target_pos;
  uint32_t target_offset;
  uint8_t source_word;
  uint8_t target_word;
};

using OffsetMaps = std::array<absl::flat_hash_map<uint32_t, uint32_t>, kNumPos>;

absl::Status LoadDataFile(const std::filesystem::path& path, size_t pos,
                          Data* data, OffsetMaps* offsets,
                          std::vector<PendingPointer>* pending) {
  absl::StatusOr<std::string> content =
      ReadFileToString(path.string(), "WordNet");
  if (!content.ok()) return content.status();
  return ForEachLine(
      *content, [&](std::string_view line, size_t n) -> absl::Status {
        Fields f(line);
        const std::optional<uint32_t> offset = f.NextNumber();
        f.Next();  // lex_filenum
        f.Next();  // ss_type
        const std::optional<uint32_t> w_cnt = f.NextNumber(16);
        if (!offset || !w_cnt) return Malformed(path, n);
        const auto id = static_cast<uint32_t>(data->synsets.size());
        Data::Synset synset;
        synset.pos = static_cast<PartOfSpeech>(pos);
        for (uint32_t w = 0; w < *w_cnt; ++w) {
          std::optional<std::string_view> word = f.Next();
          if (!word || !f.Next()) return Malformed(path, n);
          // Adjective markers: "big(a)", "galore(ip)".
          if (const size_t paren = word->find('('); paren != word->npos) {
            word = word->substr(0, paren);
          }
          synset.words.push_back(data->Intern(ToKey(*word)));
        }
        const std::optional<uint32_t> p_cnt = f.NextNumber();
        if (!p_cnt) return Malformed(path, n);
        for (uint32_t p = 0; p < *p_cnt; ++p) {
          const std::optional<std::string_view> symbol = f.Next();
          const std::optional<uint32_t> target = f.NextNumber();
          const std::optional<std::string_view> letter = f.Next();
          const std::optional<uint32_t> source_target = f.NextNumber(16);
          if (!symbol || !target || !letter || !source_target) {
            return Malformed(path, n);
          }
          const std::optional<size_t> target_pos = PosFromLetter(*letter);
          if (!target_pos) return Malformed(path, n);
          const std::optional<PointerKind> kind =
              PointerKindFromSymbol(*symbol);
          if (!kind) continue;
          pending->push_back({id, *kind, *target_pos, *target,
                              static_cast<uint8_t>(*source_target >> 8),
                              static_cast<uint8_t>(*source_target & 0xFF)});
        }
        (*offsets)[pos][*offset] = id;
        data->synsets.push_back(std::move(synset));
        return absl::OkStatus();
      });
}

absl::Status LoadIndexFile(const std::filesystem::path& path, size_t pos,
                           const OffsetMaps& offsets, Data* data) {
  absl::StatusOr<std::string> content =
      ReadFileToString(path.string(), "WordNet");
  if (!content.ok()) return content.status();
  return ForEachLine(
      *content, [&](std::string_view line, size_t n) -> absl::Status {
        Fields f(line);
        const std::optional<std::string_view> lemma = f.Next();
        f.Next();  // pos
        const std::optional<uint32_t> synset_cnt = f.NextNumber();
        const std::optional<uint32_t> p_cnt = f.NextNumber();
        if (!lemma || !synset_cnt || !p_cnt) return Malformed(path, n);
        for (uint32_t p = 0; p < *p_cnt; ++p) f.Next();
        f.Next();  // sense_cnt
        f.Next();  // tagsense_cnt
        std::vector<uint32_t>& senses =
            data->senses[data->Intern(ToKey(*lemma))].synsets[pos];
        for (uint32_t s = 0; s < *synset_cnt; ++s) {
          const std::optional<uint32_t> offset = f.NextNumber();
          if (!offset) return Malformed(path, n);
          const auto it = offsets[pos].find(*offset);
          if (it == offsets[pos].end()) return Malformed(path, n);
          senses.push_back(it->second);
        }
        return absl::OkStatus();
      });
}

absl::Status LoadExceptions(const std::filesystem::path& path, size_t pos,
                            Data* data) {
  absl::StatusOr<std::string> content =
      ReadFileToString(path.string(), "WordNet");
  if (!content.ok()) return content.status();
  return ForEachLine(
      *content, [&](std::string_view line, size_t n) -> absl::Status {
        Fields f(line);
        const std::optional<std::string_view> inflected = f.Next();
        if (!inflected) return Malformed(path, n);
        std::vector<std::string>& bases =
            data->exceptions[pos][std::string(*inflected)];
        while (std::optional<std::string_view> base = f.Next()) {
          bases.emplace_back(*base);
        }
        return absl::OkStatus();
      });
}

// cntlist.rev lines are "lemma%ss_type:...  sense_number  tag_count"; sums
// the counts per (lemma, part of speech). Lemmas unknown to the index are
// skipped.
absl::Status LoadTagCounts(const std::filesystem::path& path, Data* data) {
  absl::StatusOr<std::string> content =
      ReadFileToString(path.string(), "WordNet");
  if (!content.ok()) return content.status();
  return ForEachLine(
      *content, [&](std::string_view line, size_t n) -> absl::Status {
        Fields f(line);
        const std::optional<std::string_view> key = f.Next();
        f.Next();  // sense_number
        const std::optional<uint32_t> count = f.NextNumber();
        if (!key || !count) return Malformed(path, n);
        const size_t percent = key->find('%');
        if (percent == key->npos || percent + 1 >= key->size()) {
          return Malformed(path, n);
        }
        // ss_type digits: 1 noun, 2 verb, 3 adjective, 4 adverb, 5
        // adjective satellite.
        static constexpr std::array<int, 6> kPosOfSsType = {-1, 0, 1, 2, 3, 2};
        const int ss_type = (*key)[percent + 1] - '0';
        if (ss_type < 1 || ss_type > 5) return Malformed(path, n);
        const auto id = data->lemma_ids.find(ToKey(key->substr(0, percent)));
        if (id == data->lemma_ids.end()) return absl::OkStatus();
        const auto senses = data->senses.find(id->second);
        if (senses == data->senses.end()) return absl::OkStatus();
        senses->second.tag_counts[kPosOfSsType[ss_type]] += *count;
        return absl::OkStatus();
      });
}

}  // namespace

std::span<const SuffixRule> MorphySuffixRules(PartOfSpeech pos) {
  switch (pos) {
    case PartOfSpeech::kNoun:
      return kNounRules;
    case PartOfSpeech::kVerb:
      return kVerbRules;
    case PartOfSpeech::kAdjective:
      return kAdjRules;
    case PartOfSpeech::kAdverb:
      break;
  }
  return {};
}

absl::StatusOr<std::unique_ptr<Lexicon>> Lexicon::Load(std::string_view dir) {
  const std::filesystem::path root(dir);
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) {
    return absl::NotFoundError(
        absl::StrCat("WordNet directory not found: ", root.string()));
  }
  auto data = std::make_unique<Data>();
  // WordNet 3.0 has about 148k lemmas and 118k synsets: growing the tables
  // step by step costs a good part of the load.
  data->lemma_ids.reserve(160000);
  data->lemmas.reserve(160000);
  data->senses.reserve(160000);
  data->synsets.reserve(120000);
  OffsetMaps offsets;
  std::vector<PendingPointer> pending;
  for (size_t pos = 0; pos < kNumPos; ++pos) {
    const std::string name(kPosFileNames[pos]);
    if (absl::Status s = LoadDataFile(root / ("data." + name), pos, data.get(),
                                      &offsets, &pending);
        !s.ok()) {
      return s;
    }
  }
  for (const PendingPointer& p : pending) {
    const auto it = offsets[p.target_pos].find(p.target_offset);
    if (it == offsets[p.target_pos].end()) {
      return absl::DataLossError(
          absl::StrCat("WordNet pointer to unknown synset ", p.target_offset));
    }
    data->synsets[p.synset].pointers.push_back(
        {p.kind, p.source_word, p.target_word, it->second});
  }
  for (size_t pos = 0; pos < kNumPos; ++pos) {
    const std::string name(kPosFileNames[pos]);
    if (absl::Status s =
            LoadIndexFile(root / ("index." + name), pos, offsets, data.get());
        !s.ok()) {
      return s;
    }
    if (absl::Status s =
            LoadExceptions(root / (name + ".exc"), pos, data.get());
        !s.ok()) {
      return s;
    }
  }
  // Frequencies are optional: a WordNet without them still loads.
  if (const std::filesystem::path counts = root / "cntlist.rev";
      std::filesystem::exists(counts, ec)) {
    if (absl::Status s = LoadTagCounts(counts, data.get()); !s.ok()) return s;
  }
  return std::unique_ptr<Lexicon>(new Lexicon(std::move(data)));
}

Lexicon::Lexicon(std::unique_ptr<const Data> data) : data_(std::move(data)) {}
Lexicon::~Lexicon() = default;

bool Lexicon::Contains(std::string_view lemma, PartOfSpeech pos) const {
  return data_->SensesOf(lemma, PosIndex(pos)) != nullptr;
}

std::vector<std::string> Lexicon::Synonyms(std::string_view lemma,
                                           PartOfSpeech pos) const {
  std::vector<std::string> out;
  const std::vector<uint32_t>* senses = data_->SensesOf(lemma, PosIndex(pos));
  if (senses == nullptr) return out;
  const uint32_t self = data_->lemma_ids.at(ToKey(lemma));
  absl::flat_hash_set<uint32_t> seen = {self};
  for (uint32_t synset : *senses) {
    for (uint32_t word : data_->synsets[synset].words) {
      if (seen.insert(word).second) {
        out.push_back(FromKey(data_->lemmas[word]));
      }
    }
  }
  return out;
}

std::vector<std::string> Lexicon::Antonyms(std::string_view lemma) const {
  std::vector<std::string> out;
  const auto id = data_->lemma_ids.find(ToKey(lemma));
  if (id == data_->lemma_ids.end()) return out;
  const auto senses = data_->senses.find(id->second);
  if (senses == data_->senses.end()) return out;
  absl::flat_hash_set<uint32_t> seen;
  for (const std::vector<uint32_t>& per_pos : senses->second.synsets) {
    for (uint32_t synset : per_pos) {
      const Data::Synset& s = data_->synsets[synset];
      for (const LexiconPointer& a : s.pointers) {
        if (a.kind != PointerKind::kAntonym) continue;
        // Antonymy is lexical: it holds for one word of the synset.
        if (a.source_word == 0 || a.source_word > s.words.size() ||
            s.words[a.source_word - 1] != id->second) {
          continue;
        }
        const Data::Synset& target = data_->synsets[a.target_synset];
        if (a.target_word == 0 || a.target_word > target.words.size()) {
          continue;
        }
        const uint32_t word = target.words[a.target_word - 1];
        if (seen.insert(word).second) {
          out.push_back(FromKey(data_->lemmas[word]));
        }
      }
    }
  }
  return out;
}

bool Lexicon::IsHypernym(std::string_view general, std::string_view specific,
                         int max_depth) const {
  absl::flat_hash_set<uint32_t> targets;
  std::vector<uint32_t> frontier;
  for (size_t pos :
       {PosIndex(PartOfSpeech::kNoun), PosIndex(PartOfSpeech::kVerb)}) {
    if (const auto* s = data_->SensesOf(general, pos)) {
      targets.insert(s->begin(), s->end());
    }
    if (const auto* s = data_->SensesOf(specific, pos)) {
      frontier.insert(frontier.end(), s->begin(), s->end());
    }
  }
  if (targets.empty() || frontier.empty()) return false;
  absl::flat_hash_set<uint32_t> visited(frontier.begin(), frontier.end());
  for (int depth = 0; depth < max_depth && !frontier.empty(); ++depth) {
    std::vector<uint32_t> next;
    for (uint32_t synset : frontier) {
      for (const LexiconPointer& p : data_->synsets[synset].pointers) {
        if (p.kind != PointerKind::kHypernym &&
            p.kind != PointerKind::kInstanceHypernym) {
          continue;
        }
        const uint32_t parent = p.target_synset;
        if (targets.contains(parent)) return true;
        if (visited.insert(parent).second) next.push_back(parent);
      }
    }
    frontier = std::move(next);
  }
  return false;
}

std::vector<std::string> Lexicon::BaseForms(std::string_view word,
                                            PartOfSpeech pos) const {
  const size_t p = PosIndex(pos);
  const std::string key = ToKey(word);
  std::vector<std::string> out;
  auto add = [&](const std::string& candidate) {
    if (data_->SensesOf(candidate, p) == nullptr) return;
    const std::string readable = FromKey(candidate);
    if (std::find(out.begin(), out.end(), readable) == out.end()) {
      out.push_back(readable);
    }
  };
  add(key);
  if (const auto it = data_->exceptions[p].find(key);
      it != data_->exceptions[p].end()) {
    for (const std::string& base : it->second) add(base);
  }
  for (const SuffixRule& r : MorphySuffixRules(pos)) {
    if (key.size() > r.suffix.size() && key.ends_with(r.suffix)) {
      add(key.substr(0, key.size() - r.suffix.size()) + std::string(r.base));
    }
  }
  return out;
}

size_t Lexicon::lemma_count() const { return data_->lemmas.size(); }

size_t Lexicon::synset_count() const { return data_->synsets.size(); }

uint32_t Lexicon::FindLemma(std::string_view lemma) const {
  const auto it = data_->lemma_ids.find(ToKey(lemma));
  return it == data_->lemma_ids.end() ? kNoId : it->second;
}

std::string Lexicon::LemmaText(uint32_t lemma) const {
  return FromKey(data_->lemmas[lemma]);
}

std::span<const uint32_t> Lexicon::Senses(uint32_t lemma,
                                          PartOfSpeech pos) const {
  const auto it = data_->senses.find(lemma);
  if (it == data_->senses.end()) return {};
  return it->second.synsets[PosIndex(pos)];
}

uint32_t Lexicon::TagCount(uint32_t lemma, PartOfSpeech pos) const {
  const auto it = data_->senses.find(lemma);
  return it == data_->senses.end() ? 0 : it->second.tag_counts[PosIndex(pos)];
}

PartOfSpeech Lexicon::SynsetPos(uint32_t synset) const {
  return data_->synsets[synset].pos;
}

std::span<const uint32_t> Lexicon::SynsetWords(uint32_t synset) const {
  return data_->synsets[synset].words;
}

std::span<const LexiconPointer> Lexicon::SynsetPointers(uint32_t synset) const {
  return data_->synsets[synset].pointers;
}

std::vector<std::pair<std::string, std::string>> Lexicon::Exceptions(
    PartOfSpeech pos) const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [inflected, bases] : data_->exceptions[PosIndex(pos)]) {
    for (const std::string& base : bases) {
      out.emplace_back(FromKey(inflected), FromKey(base));
    }
  }
  // The hash map's order is arbitrary: sort for reproducible callers, and
  // keep each word's bases in file order.
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.first < b.first;
  });
  return out;
}

}  // namespace factcheck::text
