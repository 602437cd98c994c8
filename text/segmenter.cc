#include "text/segmenter.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "text/unicode_internal.h"

namespace factcheck::text {
namespace {

using internal::DecodeUtf8;
using internal::IsSpace;

// Abbreviations that precede what they qualify and practically never end a
// sentence: a break after them is always spurious.
constexpr std::array<std::string_view, 40> kJoiningAbbrevs = {
    "Mr.",   "Mrs.", "Ms.",   "Dr.",   "Prof.",   "Gen.", "Gov.",    "Sen.",
    "Rep.",  "St.",  "No.",   "Nos.",  "Lt.",     "Col.", "Capt.",   "Sgt.",
    "Rev.",  "Hon.", "Pres.", "Gens.", "vs.",     "v.",   "e.g.",    "i.e.",
    "Jan.",  "Feb.", "Mar.",  "Apr.",  "Jun.",    "Jul.", "Aug.",    "Sep.",
    "Sept.", "Oct.", "Nov.",  "Dec.",  "approx.", "cf.",  "Messrs.", "Mt."};

// Abbreviations that may also end a sentence ("... imposed by the U.S.").
// After one of these a break is kept only when the next sentence opens with
// a word in kSentenceStarters; otherwise ("U.S. President ...") it is
// merged. Dotted initialisms not listed ("U.S.A.") are treated the same.
constexpr std::array<std::string_view, 14> kAmbiguousAbbrevs = {
    "U.S.", "U.K.", "U.N.", "E.U.", "Inc.", "Corp.", "Ltd.",
    "Co.",  "Jr.",  "Sr.",  "etc.", "a.m.", "p.m.",  "Bros."};

// Capitalised function words that typically open a new sentence.
constexpr std::array<std::string_view, 44> kSentenceStarters = {
    "The",       "A",      "An",      "This",  "That",   "These", "Those",
    "It",        "He",     "She",     "They",  "We",     "I",     "You",
    "His",       "Her",    "Its",     "Their", "Our",    "My",    "There",
    "But",       "And",    "However", "In",    "On",     "At",    "For",
    "If",        "When",   "While",   "After", "Before", "Since", "As",
    "Meanwhile", "Still",  "Yet",     "Some",  "Many",   "Most",  "Officials",
    "Analysts",  "Critics"};

template <size_t N>
bool Contains(const std::array<std::string_view, N>& table,
              std::string_view word) {
  return std::find(table.begin(), table.end(), word) != table.end();
}

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiAlpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Opening punctuation skipped when looking at a sentence's first word.
bool IsOpening(char32_t c) {
  return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x201C ||
         c == 0x2018 || c == 0x00AB;
}

// "U.S.", "a.m.", "U.S.A.": single letters each followed by '.'.
bool IsDottedInitialism(std::string_view w) {
  if (w.size() < 4 || w.size() % 2 != 0) return false;
  for (size_t i = 0; i < w.size(); i += 2) {
    if (!IsAsciiAlpha(w[i]) || w[i + 1] != '.') return false;
  }
  return true;
}

// [begin, end) shrunk to exclude leading and trailing white space.
ByteSpan Trim(std::string_view text, size_t begin, size_t end) {
  size_t first = end;
  size_t last = begin;
  for (size_t i = begin; i < end;) {
    const size_t at = i;
    if (!IsSpace(DecodeUtf8(text, &i))) {
      if (first == end) first = at;
      last = i;
    }
  }
  if (first == end)
    return {static_cast<uint32_t>(end), static_cast<uint32_t>(end)};
  return {static_cast<uint32_t>(first), static_cast<uint32_t>(last)};
}

// Last white-space-delimited word of `s`, without opening punctuation.
std::string_view LastWord(std::string_view s) {
  const size_t sp = s.find_last_of(" \t");
  std::string_view w = sp == std::string_view::npos ? s : s.substr(sp + 1);
  while (!w.empty() && (w.front() == '(' || w.front() == '"' ||
                        w.front() == '\'' || w.front() == '[')) {
    w.remove_prefix(1);
  }
  // Curly opening quotes are three bytes.
  while (w.size() > 3 &&
         (w.substr(0, 3) == "\u201C" || w.substr(0, 3) == "\u2018")) {
    w.remove_prefix(3);
  }
  return w;
}

// First code point of `s` after opening punctuation, and the word there.
struct Opening {
  char32_t first = 0;
  std::string_view word;
};

Opening FirstWord(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t next = i;
    const char32_t c = DecodeUtf8(s, &next);
    if (!IsOpening(c)) {
      size_t end = i;
      while (end < s.size() && s[end] != ' ' && s[end] != ',' &&
             s[end] != '\t') {
        ++end;
      }
      return {c, s.substr(i, end - i)};
    }
    i = next;
  }
  return {};
}

// True when ICU's break between `prev` and `next` (trimmed sentence texts
// of one paragraph) is spurious.
bool ShouldMerge(std::string_view prev, std::string_view next) {
  const Opening open = FirstWord(next);
  // A sentence never starts lower-case or with a digit: "“Why?” he asked.",
  // "Jan. 5", "No. 10".
  if (internal::IsLower(open.first) || internal::IsDigit(open.first)) {
    return true;
  }
  const std::string_view last = LastWord(prev);
  if (last.empty() || last.back() != '.') return false;
  if (Contains(kJoiningAbbrevs, last)) return true;
  // A single capital initial: "J. K. Rowling".
  if (last.size() == 2 && IsAsciiUpper(last[0])) return true;
  if (Contains(kAmbiguousAbbrevs, last) || IsDottedInitialism(last)) {
    return !Contains(kSentenceStarters, open.word);
  }
  return false;
}

// Final characters that make a line a sentence rather than a heading.
bool EndsLikeSentence(std::string_view line) {
  constexpr std::array<std::string_view, 11> kFinal = {
      ".", "!", "?", ":", ";", "\"", "'", "\u201D", "\u2019", "\u2026", ","};
  for (std::string_view f : kFinal) {
    if (line.size() >= f.size() && line.substr(line.size() - f.size()) == f) {
      return true;
    }
  }
  return false;
}

constexpr size_t kMaxHeadingWords = 10;

bool IsHeading(std::string_view line) {
  if (EndsLikeSentence(line)) return false;
  size_t words = 0;
  bool in_word = false;
  for (char c : line) {
    const bool space = c == ' ' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words <= kMaxHeadingWords;
}

void SplitParagraph(std::string_view text, ByteSpan line, uint32_t paragraph,
                    std::vector<Sentence>* out) {
  const std::string_view s = text.substr(line.begin, line.size());
  std::vector<ByteSpan> raw;
  internal::ForEachBreakSegment(
      s, internal::BreakKind::kSentence,
      [&](size_t begin, size_t end, int32_t /*status*/) {
        const ByteSpan span = Trim(text, line.begin + begin, line.begin + end);
        if (span.size() > 0) raw.push_back(span);
      });
  auto view = [&](ByteSpan sp) { return text.substr(sp.begin, sp.size()); };
  for (size_t i = 0; i < raw.size(); ++i) {
    ByteSpan cur = raw[i];
    while (i + 1 < raw.size() && ShouldMerge(view(cur), view(raw[i + 1]))) {
      cur.end = raw[++i].end;
    }
    out->push_back({cur, paragraph, false});
  }
}

}  // namespace

std::vector<Sentence> SplitSentences(std::string_view text) {
  std::vector<Sentence> out;
  uint32_t paragraph = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const ByteSpan line = Trim(text, start, end);
    start = end + 1;
    if (line.size() == 0) continue;
    const std::string_view s = text.substr(line.begin, line.size());
    if (IsHeading(s)) {
      out.push_back({line, paragraph, true});
    } else {
      SplitParagraph(text, line, paragraph, &out);
    }
    ++paragraph;
  }
  return out;
}

}  // namespace factcheck::text
