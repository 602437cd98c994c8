#ifndef FACTCHECK_TEXT_ATTRIBUTION_H_
#define FACTCHECK_TEXT_ATTRIBUTION_H_

// Who says each sentence of an article, and how: direct quotes (before,
// after or around the speaker, over several sentences or paragraphs),
// reported speech ("X said that …"), "according to X", hedged and generic
// sources ("Analysts suggest"), pronouns resolved to the last compatible
// person, and the narrator (the publication) for everything else.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/entities.h"
#include "text/segmenter.h"
#include "text/tokenizer.h"
#include "text/types.h"

namespace factcheck::text {

enum class AttributionKind { kNarrator, kDirectQuote, kIndirect, kAccordingTo };

// The speaker of a statement. All fields are empty for the narrator.
struct SpeakerRef {
  // As written where the cue names the speaker ("Modi", "He", "Analysts").
  std::string name;
  // Canonical within the article ("Narendra Modi"); lower-case for generic
  // sources ("analysts").
  std::string canonical;
  // "Indian Prime Minister"; empty when unknown.
  std::string role;
  // Absolute byte span of `name` in the body.
  ByteSpan span;
};

struct SentenceAttribution {
  AttributionKind kind = AttributionKind::kNarrator;
  SpeakerRef speaker;
  // The reporting verb or phrase as written in lower case ("said",
  // "according to"); empty for the narrator.
  std::string cue;
};

// One quotation in a body: from its opening mark to its closing mark (or to
// the end of its paragraph when it is left open, as a quote that goes on in
// the next paragraph is).
struct Quotation {
  // Absolute span of the quoted words, marks excluded.
  ByteSpan content;
  // Absolute span with the marks.
  ByteSpan outer;
  // Continues the quotation before it (a new paragraph opening with a quote
  // mark while the previous one was left open).
  bool continues_previous = false;
};

// The quotations of `body` in text order. Double (“ ” ") and single (‘ ’ ')
// quote marks; apostrophes ("didn't", "Modi’s", "Prostitutes'") are not
// quote marks. Thread-safe.
std::vector<Quotation> FindQuotations(std::string_view body);

// Everything the attribution needs about an article, computed once.
struct ArticleAnalysis {
  std::vector<Sentence> sentences;
  // Tokens of each sentence, with absolute spans.
  std::vector<std::vector<Token>> tokens;
  ArticleEntities entities;
  std::vector<Quotation> quotations;
  // One per sentence; headings are always the narrator's.
  std::vector<SentenceAttribution> attributions;
};

// Segments, tokenises and attributes `body` (NormalizeBody'd). Pure; no
// I/O; thread-safe.
ArticleAnalysis AnalyzeArticle(std::string_view body);

}  // namespace factcheck::text

#endif  // FACTCHECK_TEXT_ATTRIBUTION_H_
