#include "text/tokenizer.h"

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <vector>

#include "libstemmer.h"
#include "text/normalize.h"
#include "text/segmenter.h"
#include "text/unicode_internal.h"

namespace factcheck::text {
namespace {

using internal::DecodeUtf8;

// English function words. Negation cues are deliberately absent, and so are
// quantifiers that change a claim's meaning ("all", "some", "few", "more",
// "most", "only"): the verifier must see them.
constexpr std::string_view kStopWords[] = {
    "'d",        "'ll",     "'m",         "'re",     "'s",       "'ve",
    "a",         "about",   "above",      "across",  "after",    "against",
    "along",     "also",    "although",   "am",      "among",    "amongst",
    "an",        "and",     "are",        "around",  "as",       "at",
    "be",        "because", "been",       "before",  "behind",   "being",
    "below",     "beside",  "besides",    "between", "beyond",   "both",
    "but",       "by",      "ca",         "can",     "could",    "did",
    "do",        "does",    "doing",      "down",    "during",   "each",
    "either",    "else",    "for",        "from",    "had",      "has",
    "have",      "having",  "he",         "her",     "here",     "hers",
    "herself",   "him",     "himself",    "his",     "how",      "however",
    "i",         "if",      "in",         "inside",  "into",     "is",
    "it",        "its",     "itself",     "just",    "may",      "me",
    "might",     "mine",    "must",       "my",      "myself",   "of",
    "off",       "on",      "onto",       "or",      "other",    "ought",
    "our",       "ours",    "ourselves",  "out",     "over",     "own",
    "per",       "same",    "sha",        "shall",   "she",      "should",
    "so",        "such",    "than",       "that",    "the",      "their",
    "theirs",    "them",    "themselves", "then",    "there",    "these",
    "they",      "this",    "those",      "though",  "through",  "thus",
    "to",        "too",     "toward",     "towards", "under",    "unless",
    "until",     "up",      "upon",       "us",      "very",     "via",
    "was",       "we",      "were",       "what",    "whatever", "when",
    "where",     "whether", "which",      "while",   "who",      "whom",
    "whose",     "why",     "will",       "with",    "within",   "wo",
    "would",     "yet",     "you",        "your",    "yours",    "yourself",
    "yourselves"};

constexpr std::string_view kNegationCues[] = {
    "barely", "cannot",  "hardly",  "n't",      "neither",
    "never",  "no",      "nobody",  "none",     "nor",
    "not",    "nothing", "nowhere", "scarcely", "without"};

// Contraction suffixes split off a word (after an ASCII or curly
// apostrophe). "n't" also takes the 'n' before the apostrophe.
constexpr std::string_view kClitics[] = {"s", "re", "ve", "ll", "d", "m"};

// Letter suffixes kept on a number ("3rd", "1990s"); any other letters
// after digits are split off as their own word ("99.2bn" -> "99.2" "bn").
constexpr std::string_view kNumberSuffixes[] = {"st", "nd", "rd", "th", "s"};

// Penn Treebank spellings of punctuation (PTB-tokenised data sets) and the
// norm of the mark they stand for.
struct PtbMark {
  std::string_view spelling;
  std::string_view norm;
};
constexpr PtbMark kPtbMarks[] = {
    {"``", "\""},   {"''", "\""},   {"`", "'"},
    {"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["},
    {"-RSB-", "]"}, {"-LCB-", "{"}, {"-RCB-", "}"}};

const PtbMark* FindPtbMark(std::string_view s) {
  for (const PtbMark& m : kPtbMarks) {
    if (m.spelling == s) return &m;
  }
  return nullptr;
}

bool SortedContains(const std::vector<std::string_view>& v,
                    std::string_view w) {
  return std::binary_search(v.begin(), v.end(), w);
}

template <size_t N>
std::vector<std::string_view> Sorted(const std::string_view (&words)[N]) {
  std::vector<std::string_view> v(words, words + N);
  std::sort(v.begin(), v.end());
  return v;
}

// One libstemmer instance per thread: sb_stemmer is not thread-safe.
class ThreadStemmer {
 public:
  ThreadStemmer() : stemmer_(sb_stemmer_new("english", nullptr)) {}
  ~ThreadStemmer() {
    if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
  }
  ThreadStemmer(const ThreadStemmer&) = delete;
  ThreadStemmer& operator=(const ThreadStemmer&) = delete;

  std::string Stem(std::string_view word) {
    if (stemmer_ == nullptr || word.empty()) return std::string(word);
    const sb_symbol* out = sb_stemmer_stem(
        stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
        static_cast<int>(word.size()));
    if (out == nullptr) return std::string(word);
    return std::string(reinterpret_cast<const char*>(out),
                       sb_stemmer_length(stemmer_));
  }

 private:
  sb_stemmer* stemmer_;
};

enum class PieceKind { kWord, kNumber, kPunct };

// A token before its derived fields are filled in; offsets are into the
// tokenised text.
struct Piece {
  size_t begin;
  size_t end;
  PieceKind kind;
};

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// absl::EqualsIgnoreCase takes absl::string_view, which this Abseil build
// does not alias to std::string_view.
bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool IsHyphen(std::string_view s) {
  return s == "-" || s == "\u2010" || s == "\u2011";
}

// "U.S", "a.m": single letters separated by dots (ICU leaves the final dot
// out of the word).
bool IsDottedWithoutFinalDot(std::string_view w) {
  if (w.size() < 3 || w.size() % 2 == 0) return false;
  for (size_t i = 0; i < w.size(); i += 2) {
    if (!IsAsciiAlpha(w[i])) return false;
    if (i + 1 < w.size() && w[i + 1] != '.') return false;
  }
  return true;
}

// Length of the apostrophe ending at w[pos - 1], or 0.
size_t ApostropheBefore(std::string_view w, size_t pos) {
  if (pos >= 1 && w[pos - 1] == '\'') return 1;
  if (pos >= 3 && w.substr(pos - 3, 3) == "\u2019") return 3;
  return 0;
}

// Byte length of the clitic at the end of word `w` ("n't", "'s", "’re"), or
// 0 when there is none or nothing would remain before it.
size_t CliticLength(std::string_view w) {
  if (w.size() >= 2 && (w.back() == 't' || w.back() == 'T')) {
    const size_t apos = ApostropheBefore(w, w.size() - 1);
    if (apos > 0 && w.size() > apos + 2) {
      const char n = w[w.size() - 2 - apos];
      if (n == 'n' || n == 'N') return apos + 2;
    }
  }
  for (std::string_view c : kClitics) {
    if (w.size() <= c.size()) continue;
    if (!EqualsIgnoreAsciiCase(w.substr(w.size() - c.size()), c)) continue;
    const size_t apos = ApostropheBefore(w, w.size() - c.size());
    if (apos > 0 && w.size() > apos + c.size()) return apos + c.size();
  }
  return 0;
}

// ICU segments, classified; white space dropped.
std::vector<Piece> IcuPieces(std::string_view text) {
  std::vector<Piece> pieces;
  internal::ForEachBreakSegment(
      text, internal::BreakKind::kWord,
      [&](size_t begin, size_t end, int32_t status) {
        if (status >= internal::kWordStatusNumberMin &&
            status <= internal::kWordStatusNumberMax) {
          pieces.push_back({begin, end, PieceKind::kNumber});
        } else if (status >= internal::kWordStatusLetterMin) {
          pieces.push_back({begin, end, PieceKind::kWord});
        } else {
          // Status "none": spaces and punctuation, one segment per mark.
          for (size_t i = begin; i < end;) {
            const size_t at = i;
            if (!internal::IsSpace(DecodeUtf8(text, &i))) {
              pieces.push_back({at, i, PieceKind::kPunct});
            }
          }
        }
      });
  return pieces;
}

// Cuts words at sentence ends glued to the next sentence, which ICU reads
// as one word: "Cenotaph.Anzac" -> "Cenotaph" "." "Anzac".
std::vector<Piece> SplitGluedSentences(std::string_view text,
                                       const std::vector<Piece>& in) {
  std::vector<Piece> out;
  out.reserve(in.size());
  for (const Piece& p : in) {
    size_t start = p.begin;
    if (p.kind == PieceKind::kWord) {
      for (size_t i = p.begin; i < p.end; ++i) {
        if (!IsGluedSentenceBreak(text, i)) continue;
        out.push_back({start, i, PieceKind::kWord});
        out.push_back({i, i + 1, PieceKind::kPunct});
        start = i + 1;
      }
    }
    out.push_back({start, p.end, p.kind});
  }
  return out;
}

// True when `apostrophe` + `suffix` is a clitic that PTB-tokenised text
// writes apart from its word ("the study 's author"): ' or ’ and a
// kClitics suffix.
bool IsDetachedClitic(std::string_view apostrophe, std::string_view suffix) {
  if (apostrophe != "'" && apostrophe != "\u2019") return false;
  return std::any_of(
      std::begin(kClitics), std::end(kClitics),
      [&](std::string_view c) { return EqualsIgnoreAsciiCase(suffix, c); });
}

// Joins "U.S" + "." and hyphenated words ("far" "-" "reaching") that ICU
// splits, and the PTB spellings ICU cuts apart: "``", "''", "-LRB-" and
// clitics written apart ("study 's").
std::vector<Piece> JoinPieces(std::string_view text,
                              const std::vector<Piece>& in) {
  std::vector<Piece> out;
  auto str = [&](const Piece& p) {
    return text.substr(p.begin, p.end - p.begin);
  };
  auto glued = [&](size_t i) {  // in[i] starts where in[i - 1] ends.
    return i < in.size() && in[i].begin == in[i - 1].end;
  };
  for (size_t i = 0; i < in.size(); ++i) {
    Piece p = in[i];
    if (p.kind == PieceKind::kPunct && glued(i + 1)) {
      const std::string_view mark = str(p);
      if ((mark == "`" || mark == "'") && str(in[i + 1]) == mark) {
        out.push_back({p.begin, in[++i].end, PieceKind::kPunct});
        continue;
      }
      // "-LRB-" standing alone ("re-LRB-x" is a hyphenated word).
      const bool alone = (i == 0 || in[i - 1].end != p.begin) && !glued(i + 3);
      if (mark == "-" && alone && glued(i + 2) && str(in[i + 2]) == "-" &&
          FindPtbMark(text.substr(p.begin, in[i + 2].end - p.begin)) !=
              nullptr) {
        out.push_back({p.begin, in[i + 2].end, PieceKind::kPunct});
        i += 2;
        continue;
      }
      const bool after_space = p.begin > 0 && (text[p.begin - 1] == ' ' ||
                                               text[p.begin - 1] == '\t' ||
                                               text[p.begin - 1] == '\n');
      if (after_space && !out.empty() && out.back().kind != PieceKind::kPunct &&
          in[i + 1].kind == PieceKind::kWord &&
          IsDetachedClitic(mark, str(in[i + 1]))) {
        out.push_back({p.begin, in[++i].end, PieceKind::kWord});
        continue;
      }
    }
    if (!out.empty()) {
      Piece& prev = out.back();
      if (p.kind == PieceKind::kPunct && str(p) == "." &&
          prev.kind == PieceKind::kWord && prev.end == p.begin &&
          IsDottedWithoutFinalDot(str(prev))) {
        prev.end = p.end;
        continue;
      }
      if (p.kind == PieceKind::kPunct && IsHyphen(str(p)) &&
          prev.kind == PieceKind::kWord && prev.end == p.begin &&
          i + 1 < in.size() && in[i + 1].kind == PieceKind::kWord &&
          in[i + 1].begin == p.end) {
        prev.end = in[++i].end;
        continue;
      }
    }
    out.push_back(p);
  }
  return out;
}

// Splits clitics ("do" "n't", "Modi" "’s") and unit or scale letters glued
// to numbers ("99.2" "bn").
std::vector<Piece> SplitPieces(std::string_view text,
                               const std::vector<Piece>& in) {
  std::vector<Piece> out;
  out.reserve(in.size() + 4);
  for (const Piece& p : in) {
    const std::string_view w = text.substr(p.begin, p.end - p.begin);
    if (p.kind == PieceKind::kPunct) {
      out.push_back(p);
      continue;
    }
    if (IsAsciiDigit(w.front())) {
      size_t digits = 0;
      while (digits < w.size() && (IsAsciiDigit(w[digits]) ||
                                   w[digits] == '.' || w[digits] == ',')) {
        ++digits;
      }
      while (digits > 0 && !IsAsciiDigit(w[digits - 1])) --digits;
      const std::string_view suffix = w.substr(digits);
      bool all_alpha = !suffix.empty();
      for (char c : suffix) all_alpha = all_alpha && IsAsciiAlpha(c);
      const bool keep = std::any_of(
          std::begin(kNumberSuffixes), std::end(kNumberSuffixes),
          [&](std::string_view s) { return EqualsIgnoreAsciiCase(suffix, s); });
      if (all_alpha && !keep) {
        out.push_back({p.begin, p.begin + digits, PieceKind::kNumber});
        out.push_back({p.begin + digits, p.end, PieceKind::kWord});
        continue;
      }
    }
    const size_t clitic = p.kind == PieceKind::kWord ? CliticLength(w) : 0;
    if (clitic > 0) {
      out.push_back({p.begin, p.end - clitic, PieceKind::kWord});
      out.push_back({p.end - clitic, p.end, PieceKind::kWord});
      continue;
    }
    out.push_back(p);
  }
  return out;
}

const std::vector<std::string_view>& StopWords() {
  static const auto* const words =
      new std::vector<std::string_view>(Sorted(kStopWords));
  return *words;
}

const std::vector<std::string_view>& NegationCues() {
  static const auto* const words =
      new std::vector<std::string_view>(Sorted(kNegationCues));
  return *words;
}

}  // namespace

bool IsNumberToken(std::string_view s) {
  if (s.empty() || !IsAsciiDigit(s.front()) || !IsAsciiDigit(s.back())) {
    return false;
  }
  for (size_t i = 0; i < s.size(); ++i) {
    if (IsAsciiDigit(s[i])) continue;
    if ((s[i] != ',' && s[i] != '.') || !IsAsciiDigit(s[i + 1])) return false;
  }
  return true;
}

std::string CanonicalNumber(std::string_view number) {
  if (!IsNumberToken(number)) return std::string(number);
  std::string out;
  out.reserve(number.size());
  for (char c : number) {
    if (c != ',') out.push_back(c);
  }
  // More than one '.' is not a decimal ("1.2.3"): only drop separators.
  const size_t dot = out.find('.');
  if (dot != std::string::npos && out.find('.', dot + 1) == std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  const size_t lead = out.find_first_not_of('0');
  if (lead == std::string::npos) return "0";
  if (out[lead] == '.') return out.substr(lead - 1);
  return out.substr(lead);
}

std::string Stem(std::string_view lower_word) {
  thread_local ThreadStemmer stemmer;
  return stemmer.Stem(lower_word);
}

bool IsStopWord(std::string_view lower_word) {
  return SortedContains(StopWords(), lower_word);
}

bool IsNegationCue(std::string_view lower_word) {
  return SortedContains(NegationCues(), lower_word);
}

std::vector<Token> Tokenize(std::string_view text, uint32_t base_offset) {
  // Escaped quotes are read as quotes; spans still index `text`.
  const std::optional<UnescapedText> unescaped = UnescapeQuotes(text);
  const std::string_view source =
      unescaped.has_value() ? std::string_view(unescaped->text) : text;
  auto original = [&](size_t i) {
    return base_offset + (unescaped.has_value() ? unescaped->original_offset[i]
                                                : static_cast<uint32_t>(i));
  };
  const std::vector<Piece> pieces = SplitPieces(
      source,
      JoinPieces(source, SplitGluedSentences(source, IcuPieces(source))));
  std::vector<Token> tokens;
  tokens.reserve(pieces.size());
  for (const Piece& p : pieces) {
    Token t;
    t.span = {original(p.begin), original(p.end)};
    t.text = std::string(source.substr(p.begin, p.end - p.begin));
    const PtbMark* ptb =
        p.kind == PieceKind::kPunct ? FindPtbMark(t.text) : nullptr;
    t.norm = ptb != nullptr ? std::string(ptb->norm) : FoldForMatching(t.text);
    if (p.kind == PieceKind::kPunct) {
      t.kind = TokenKind::kPunct;
    } else if (IsNumberToken(t.text)) {
      t.kind = TokenKind::kNumber;
    } else {
      t.kind = TokenKind::kWord;
    }
    t.stem = t.kind == TokenKind::kWord ? Stem(t.norm) : t.norm;
    t.is_stop = t.kind == TokenKind::kWord && IsStopWord(t.norm);
    t.is_negation = t.kind == TokenKind::kWord && IsNegationCue(t.norm);
    size_t i = 0;
    t.is_capitalized = internal::IsUpper(DecodeUtf8(t.text, &i));
    tokens.push_back(std::move(t));
  }
  return tokens;
}

std::vector<std::string> IndexTerms(const std::vector<Token>& tokens) {
  std::vector<std::string> terms;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kNumber) {
      terms.push_back(CanonicalNumber(t.text));
    } else if (t.kind == TokenKind::kWord && !t.is_stop) {
      terms.push_back(t.stem);
    }
  }
  return terms;
}

std::vector<std::string> IndexTerms(std::string_view text) {
  return IndexTerms(Tokenize(text));
}

}  // namespace factcheck::text
