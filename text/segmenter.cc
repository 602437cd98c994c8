#include "text/segmenter.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "text/normalize.h"
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
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiAlpha(char c) { return IsAsciiUpper(c) || IsAsciiLower(c); }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || (c >= '0' && c <= '9'); }
bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n'; }
bool IsTerminal(char c) { return c == '.' || c == '?' || c == '!'; }

// Opening punctuation skipped when looking at a sentence's first word
// ("`" opens quotes in PTB-tokenised text: "`` Yes , '' he said").
bool IsOpening(char32_t c) {
  return c == '"' || c == '\'' || c == '`' || c == '(' || c == '[' ||
         c == 0x201C || c == 0x2018 || c == 0x00AB;
}

// `w` without the ASCII opening punctuation in front of it.
std::string_view StripAsciiOpening(std::string_view w) {
  while (!w.empty() &&
         (w.front() == '(' || w.front() == '"' || w.front() == '\'' ||
          w.front() == '[' || w.front() == '`')) {
    w.remove_prefix(1);
  }
  return w;
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
  std::string_view w =
      StripAsciiOpening(sp == std::string_view::npos ? s : s.substr(sp + 1));
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
    // Spaces too: PTB text detaches its quotes ("'' he asked").
    if (!IsOpening(c) && !IsSpace(c)) {
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

// True when `w` holds a web or e-mail address part: a '.' inside it followed
// by a letter or digit ("www", "Example.com"), '@' or '/'.
bool LooksLikeAddress(std::string_view w) {
  for (size_t i = 0; i < w.size(); ++i) {
    if (w[i] == '@' || w[i] == '/') return true;
    if (w[i] == '.' && i + 1 < w.size() && IsAsciiAlnum(w[i + 1])) return true;
  }
  return false;
}

// Closing quotes and brackets that PTB-tokenised text detaches after a
// sentence's final stop ("... words . '' The").
constexpr std::array<std::string_view, 9> kDetachedClosers = {
    "''", "'", "\"", "\u201D", "\u2019", ")", "]", "-RRB-", "-RSB-"};

// PTB-tokenised text detaches a sentence's final stop from its last word
// and may start the next sentence lower-case ("... income . only 13 % of"),
// where ICU sees no break. For such a stop at text[pos] inside the sentence
// [begin, end), returns where the sentence ends: after the stop and the
// detached closers that follow it. Otherwise 0, and also for a quoted
// question or exclamation ("`` why ? '' he asked"), which the words after
// the quote usually continue.
size_t DetachedSentenceEnd(std::string_view text, size_t begin, size_t end,
                           size_t pos) {
  auto blank_at = [&](size_t i) { return i == end || IsBlank(text[i]); };
  if (!IsTerminal(text[pos]) || pos == begin || !IsBlank(text[pos - 1]) ||
      !blank_at(pos + 1)) {
    return 0;
  }
  size_t after = pos + 1;
  for (bool more = true; more;) {
    more = false;
    size_t next = after;
    while (next < end && IsBlank(text[next])) ++next;
    for (std::string_view closer : kDetachedClosers) {
      if (text.substr(next, closer.size()) == closer &&
          blank_at(next + closer.size())) {
        if (text[pos] != '.' && closer != ")" && closer != "]" &&
            closer.front() != '-') {
          return 0;
        }
        after = next + closer.size();
        more = true;
        break;
      }
    }
  }
  return after;
}

// Appends `sentence`, cut where a sentence end that ICU does not see lies
// inside it (IsGluedSentenceBreak, DetachedSentenceEnd).
void AppendWithForcedBreaks(std::string_view text, ByteSpan sentence,
                            uint32_t paragraph, std::vector<Sentence>* out) {
  const std::string_view upto = text.substr(0, sentence.end);
  size_t start = sentence.begin;
  for (size_t i = sentence.begin; i < sentence.end; ++i) {
    const size_t cut =
        IsGluedSentenceBreak(upto, i)
            ? i + 1
            : DetachedSentenceEnd(text, sentence.begin, sentence.end, i);
    if (cut <= start || cut >= sentence.end) continue;
    const ByteSpan part = Trim(text, start, cut);
    if (part.size() > 0) out->push_back({part, paragraph, false});
    start = cut;
    i = cut - 1;
  }
  const ByteSpan rest = Trim(text, start, sentence.end);
  if (rest.size() > 0) out->push_back({rest, paragraph, false});
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
    AppendWithForcedBreaks(text, cur, paragraph, out);
  }
}

// SplitSentences over a text whose escaped quotes are already read.
std::vector<Sentence> SplitUnescaped(std::string_view text) {
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

}  // namespace

std::vector<Sentence> SplitSentences(std::string_view text) {
  const std::optional<UnescapedText> unescaped = UnescapeQuotes(text);
  if (!unescaped.has_value()) return SplitUnescaped(text);
  std::vector<Sentence> out = SplitUnescaped(unescaped->text);
  for (Sentence& s : out) {
    s.span = {unescaped->original_offset[s.span.begin],
              unescaped->original_offset[s.span.end]};
  }
  return out;
}

bool IsGluedSentenceBreak(std::string_view text, size_t pos) {
  if (pos == 0 || pos + 2 >= text.size() || !IsTerminal(text[pos]) ||
      !IsAsciiLower(text[pos - 1]) || !IsAsciiUpper(text[pos + 1]) ||
      !IsAsciiLower(text[pos + 2])) {
    return false;
  }
  size_t start = pos;
  while (start > 0 && !IsBlank(text[start - 1])) --start;
  size_t end = pos + 1;
  while (end < text.size() && !IsBlank(text[end])) ++end;
  const std::string_view before = text.substr(start, pos - start);
  const std::string_view after = text.substr(pos + 1, end - pos - 1);
  if (LooksLikeAddress(before) || LooksLikeAddress(after)) return false;
  if (text[pos] != '.') return true;
  const std::string word = std::string(StripAsciiOpening(before)) + ".";
  return !Contains(kJoiningAbbrevs, word) && !Contains(kAmbiguousAbbrevs, word);
}

}  // namespace factcheck::text
