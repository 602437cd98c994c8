#ifndef FACTCHECK_TEXT_UNICODE_INTERNAL_H_
#define FACTCHECK_TEXT_UNICODE_INTERNAL_H_

// Private helpers of the text layer (not part of its public interface): UTF-8
// decoding and per-thread ICU break iterators. Only text/*.cc include this.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"

namespace factcheck::text::internal {

// Decodes the code point at s[*i] and advances *i past it. Invalid bytes
// decode to U+FFFD one byte at a time, so callers never loop forever.
char32_t DecodeUtf8(std::string_view s, size_t* i);

// Appends the UTF-8 encoding of `c` to `out`.
void AppendUtf8(char32_t c, std::string* out);

// Unicode general-category tests (ICU-backed).
bool IsUpper(char32_t c);
bool IsLower(char32_t c);
bool IsAlpha(char32_t c);
bool IsDigit(char32_t c);
// White space, including NBSP and the other Unicode spaces.
bool IsSpace(char32_t c);

// Which ICU break iterator to run.
enum class BreakKind { kSentence, kWord };

// Calls `fn(begin, end, rule_status)` for every segment of `s` between
// consecutive ICU boundaries, with byte offsets into `s`. Uses one iterator
// per thread (creating one costs far more than reusing it). Thread-safe.
void ForEachBreakSegment(
    std::string_view s, BreakKind kind,
    absl::FunctionRef<void(size_t begin, size_t end, int32_t rule_status)> fn);

// ICU word-break rule statuses (mirrors UWordBreak) so callers need not
// include ICU headers.
inline constexpr int32_t kWordStatusNumberMin = 100;
inline constexpr int32_t kWordStatusNumberMax = 199;
inline constexpr int32_t kWordStatusLetterMin = 200;

}  // namespace factcheck::text::internal

#endif  // FACTCHECK_TEXT_UNICODE_INTERNAL_H_
