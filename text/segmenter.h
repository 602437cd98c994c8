#ifndef FACTCHECK_TEXT_SEGMENTER_H_
#define FACTCHECK_TEXT_SEGMENTER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "text/types.h"

namespace factcheck::text {

// One sentence (or heading) of a text.
struct Sentence {
  // Byte span into the segmented text, trimmed of surrounding whitespace.
  ByteSpan span;
  // Zero-based paragraph index (paragraphs are separated by line breaks).
  uint32_t paragraph = 0;
  // A short line without final punctuation ("Border & Economic
  // Breakthroughs").
  bool is_heading = false;
};

// Splits `text` (normalised UTF-8) into paragraphs and then sentences with
// ICU's sentence break iterator, without breaking after abbreviations ("U.S.",
// "Dr.", "Jan.", initials). Never returns empty sentences. Thread-safe.
std::vector<Sentence> SplitSentences(std::string_view text);

}  // namespace factcheck::text

#endif  // FACTCHECK_TEXT_SEGMENTER_H_
