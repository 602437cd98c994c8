#ifndef FACTCHECK_FUZZ_FUZZ_CHECK_H_
#define FACTCHECK_FUZZ_FUZZ_CHECK_H_

// Invariant checks for the fuzz targets. assert() is compiled out in
// RelWithDebInfo, so a violated invariant prints what failed and aborts,
// which libFuzzer reports as a crash with the input saved.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define FUZZ_CHECK(condition)                                          \
  do {                                                                 \
    if (!(condition)) {                                                \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, \
                   __LINE__, #condition);                              \
      std::abort();                                                    \
    }                                                                  \
  } while (0)

namespace factcheck::fuzz {

// True when `offset` is a code point boundary of valid UTF-8 `text` (the end
// counts as one).
inline bool IsUtf8Boundary(std::string_view text, uint64_t offset) {
  if (offset > text.size()) return false;
  if (offset == text.size()) return true;
  return (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
}

// True when [begin, end) lies within `text` and starts and ends on code
// point boundaries.
inline bool IsUtf8Span(std::string_view text, uint64_t begin, uint64_t end) {
  return begin <= end && end <= text.size() && IsUtf8Boundary(text, begin) &&
         IsUtf8Boundary(text, end);
}

}  // namespace factcheck::fuzz

#endif  // FACTCHECK_FUZZ_FUZZ_CHECK_H_
