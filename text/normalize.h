#ifndef FACTCHECK_TEXT_NORMALIZE_H_
#define FACTCHECK_TEXT_NORMALIZE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

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

}  // namespace factcheck::text

#endif  // FACTCHECK_TEXT_NORMALIZE_H_
