#ifndef FACTCHECK_TEXT_TYPES_H_
#define FACTCHECK_TEXT_TYPES_H_

#include <cstdint>
#include <string>

namespace factcheck::text {

// Half-open byte range [begin, end) into a UTF-8 text.
struct ByteSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool operator==(const ByteSpan&) const = default;
};

}  // namespace factcheck::text

#endif  // FACTCHECK_TEXT_TYPES_H_
