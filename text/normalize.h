#ifndef FACTCHECK_TEXT_NORMALIZE_H_
#define FACTCHECK_TEXT_NORMALIZE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace factcheck::text {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view s);

// Byte offset of the first byte that starts an ill-formed UTF-8 sequence in
// `s` (overlong, surrogate, above U+10FFFF, truncated, stray continuation);
// nullopt when `s` is well-formed. Thread-safe.
std::optional<size_t> FindInvalidUtf8(std::string_view s);

// Normalises an article body for storage: Unicode NFC, "\r\n" and "\r" to
// "\n", other C0 controls (but "\t") removed, trailing spaces on lines and
// leading/trailing blank lines trimmed. Quotes and dashes are kept as written
// (readers see the text as published; tokens fold them). INVALID_ARGUMENT
// for invalid UTF-8. Thread-safe.
absl::StatusOr<std::string> NormalizeBody(std::string_view raw);

// Folds typographic variants for matching: curly quotes to ASCII, dashes to
// '-', NBSP and other spaces to ' ', then lower-cases (Unicode-aware).
std::string FoldForMatching(std::string_view s);

// A text whose backslash-escaped quotes (\' and \", left by some scrapers
// and data exports: "didn\'t", "\"Yes,\" he said") read as plain quotes,
// with the way back to the original bytes.
struct UnescapedText {
  std::string text;
  // original_offset[i] is the byte offset in the original of text[i] (for an
  // unescaped quote, of its backslash); one more entry, the original's size,
  // maps text.size(). So [original_offset[b], original_offset[e]) is the
  // original span of text[b, e).
  std::vector<uint32_t> original_offset;
};

// `s` with \' and \" unescaped; "\\" stays as written (the backslash is
// not an escape of the quote after it). nullopt when `s` has no escaped
// quote, so callers keep using `s` and its offsets as they are. Thread-safe.
std::optional<UnescapedText> UnescapeQuotes(std::string_view s);

}  // namespace factcheck::text

#endif  // FACTCHECK_TEXT_NORMALIZE_H_
