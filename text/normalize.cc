#include "text/normalize.h"

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "text/unicode_internal.h"
#include "unicode/bytestream.h"
#include "unicode/casemap.h"
#include "unicode/normalizer2.h"
#include "unicode/stringpiece.h"

namespace factcheck::text {
namespace {

using internal::AppendUtf8;
using internal::DecodeUtf8;

// Length of the well-formed sequence at s[i], or 0 when ill-formed. Follows
// Unicode Table 3-7, so overlongs, surrogates and > U+10FFFF are rejected.
size_t WellFormedLength(const uint8_t* p, size_t n, size_t i) {
  const uint8_t b0 = p[i];
  if (b0 < 0x80) return 1;
  auto cont = [&](size_t k, uint8_t lo = 0x80, uint8_t hi = 0xBF) {
    return i + k < n && p[i + k] >= lo && p[i + k] <= hi;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) {
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (b0 == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (b0 == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xF1 && b0 <= 0xF3) {
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  if (b0 == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

// Removes C0 controls (and DEL) except "\n" and "\t"; "\r\n" and lone "\r"
// become "\n". Runs before NFC so that a removed control never leaves a
// base letter and a combining mark uncomposed.
std::string CleanControls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\r') {
      out.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else if (c == '\n' || c == '\t' ||
               (static_cast<uint8_t>(c) >= 0x20 && c != 0x7F)) {
      out.push_back(c);
    }
  }
  return out;
}

bool IsBlankLine(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

// Trims trailing spaces/tabs on each line and drops blank lines at the
// start and end.
std::string TrimLines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t pending_blank = 0;  // Interior blank lines not yet emitted.
  bool any = false;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view line = s.substr(start, end - start);
    if (IsBlankLine(line)) {
      if (any) ++pending_blank;
    } else {
      if (any) out.push_back('\n');
      out.append(pending_blank, '\n');
      pending_blank = 0;
      const size_t last = line.find_last_not_of(" \t");
      out.append(line.substr(0, last + 1));
      any = true;
    }
    start = end + 1;
  }
  return out;
}

// Typographic variants folded for matching; everything else maps to itself.
char32_t FoldChar(char32_t c) {
  switch (c) {
    case 0x2018:  // ‘
    case 0x2019:  // ’
    case 0x201A:  // ‚
    case 0x201B:  // ‛
    case 0x2032:  // ′
    case 0x02BC:  // ʼ
    case 0xFF07:  // ＇
      return '\'';
    case 0x201C:  // “
    case 0x201D:  // ”
    case 0x201E:  // „
    case 0x201F:  // ‟
    case 0x2033:  // ″
    case 0x00AB:  // «
    case 0x00BB:  // »
    case 0xFF02:  // ＂
      return '"';
    case 0x2010:  // hyphen
    case 0x2011:  // non-breaking hyphen
    case 0x2012:  // figure dash
    case 0x2013:  // –
    case 0x2014:  // —
    case 0x2015:  // ―
    case 0x2212:  // minus sign
    case 0xFE63:  // small hyphen-minus
    case 0xFF0D:  // fullwidth hyphen-minus
      return '-';
    case 0x00A0:  // NBSP
    case 0x2007:  // figure space
    case 0x202F:  // narrow NBSP
    case 0x205F:
    case 0x3000:
      return ' ';
    default:
      if (c >= 0x2000 && c <= 0x200A) return ' ';  // en/em/thin/hair spaces
      return c;
  }
}

}  // namespace

std::optional<size_t> FindInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  size_t i = 0;
  while (i < s.size()) {
    // ASCII fast path.
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const size_t len = WellFormedLength(p, s.size(), i);
    if (len == 0) return i;
    i += len;
  }
  return std::nullopt;
}

bool IsValidUtf8(std::string_view s) { return !FindInvalidUtf8(s).has_value(); }

absl::StatusOr<std::string> NormalizeBody(std::string_view raw) {
  if (std::optional<size_t> bad = FindInvalidUtf8(raw); bad.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "body is not valid UTF-8 (first bad byte at offset ", *bad, ")"));
  }
  const std::string cleaned = CleanControls(raw);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    return absl::InternalError(
        absl::StrCat("ICU NFC normaliser unavailable: ", u_errorName(status)));
  }
  std::string composed;
  composed.reserve(cleaned.size());
  icu::StringByteSink<std::string> sink(&composed);
  nfc->normalizeUTF8(
      0, icu::StringPiece(cleaned.data(), static_cast<int32_t>(cleaned.size())),
      sink, nullptr, status);
  if (U_FAILURE(status)) {
    return absl::InternalError(
        absl::StrCat("NFC normalisation failed: ", u_errorName(status)));
  }
  return TrimLines(composed);
}

std::optional<UnescapedText> UnescapeQuotes(std::string_view s) {
  auto escapes_quote = [&](size_t i) {
    return s[i] == '\\' && i + 1 < s.size() &&
           (s[i + 1] == '\'' || s[i + 1] == '"');
  };
  size_t first = 0;
  while (first < s.size() && !escapes_quote(first)) {
    first += s[first] == '\\' ? 2 : 1;  // Skips "\\" as a unit.
  }
  if (first >= s.size()) return std::nullopt;
  UnescapedText out;
  out.text.reserve(s.size());
  out.original_offset.reserve(s.size() + 1);
  auto append = [&](char c, size_t original) {
    out.text.push_back(c);
    out.original_offset.push_back(static_cast<uint32_t>(original));
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (escapes_quote(i)) {
      append(s[i + 1], i);  // The quote stands for both bytes.
      ++i;
    } else if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '\\') {
      append(s[i], i);
      append(s[i + 1], i + 1);
      ++i;
    } else {
      append(s[i], i);
    }
  }
  out.original_offset.push_back(static_cast<uint32_t>(s.size()));
  return out;
}

std::string FoldForMatching(std::string_view s) {
  std::string folded;
  folded.reserve(s.size());
  bool ascii = true;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<uint8_t>(s[i]);
    if (b < 0x80) {
      folded.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
      ++i;
      continue;
    }
    const char32_t c = FoldChar(DecodeUtf8(s, &i));
    if (c >= 0x80) ascii = false;
    AppendUtf8(c, &folded);
  }
  if (ascii) return folded;  // Already lower-cased above.
  std::string lowered;
  lowered.reserve(folded.size());
  icu::StringByteSink<std::string> sink(&lowered);
  UErrorCode status = U_ZERO_ERROR;
  // Root locale: no Turkish dotless-i surprises for English text.
  icu::CaseMap::utf8ToLower(
      "", 0,
      icu::StringPiece(folded.data(), static_cast<int32_t>(folded.size())),
      sink, nullptr, status);
  return U_SUCCESS(status) ? lowered : folded;
}

}  // namespace factcheck::text
