#ifndef FACTCHECK_TEXT_SEGMENTER_H_
#define FACTCHECK_TEXT_SEGMENTER_H_

#include <cstddef>
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
// "Dr.", "Jan.", initials). Also reads the quirks of scraped and
// PTB-tokenised text: a sentence end glued to the next sentence
// ("ended.Next"; see IsGluedSentenceBreak), a terminal standing alone before
// a lower-case sentence ("income . only 13 % of"), and backslash-escaped
// quotes (\" read as "). Spans index `text` as given. Never returns empty
// sentences. Thread-safe.
std::vector<Sentence> SplitSentences(std::string_view text);

// True when text[pos] is a '.', '?' or '!' that ends a sentence although no
// space follows it: after a lower-case letter and before a capitalised word
// ("the Cenotaph.Anzac Day"). Not in abbreviations ("Mr.Smith"), initials
// ("J.K."), numbers ("No.5", "3.5") or web addresses ("www.Example.com").
// Thread-safe.
bool IsGluedSentenceBreak(std::string_view text, size_t pos);

}  // namespace factcheck::text

#endif  // FACTCHECK_TEXT_SEGMENTER_H_
