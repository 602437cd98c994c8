#ifndef FACTCHECK_BENCH_ANALYSIS_SOURCED_SCORING_H_
#define FACTCHECK_BENCH_ANALYSIS_SOURCED_SCORING_H_

// Scoring of the ingest analysis (attribution, speakers, quantities, dates)
// against the hand-labelled gold file tests/data/sourced_statements_gold.jsonl
// (format and guidelines: tests/data/README.md). Pure functions and plain
// value types; nothing here is shared between threads.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "factcheck/v1/article.pb.h"

namespace factcheck::analysis_eval {

struct GoldQuantity {
  double value = 0;
  // "%", "USD", "GBP", "year", "" for a count, ...
  std::string unit;
};

struct GoldDate {
  // ISO-8601 at the granularity written ("2015", "2015-03", "2015-03-02").
  // Empty when `relative`.
  std::string normalized;
  // A date that cannot be resolved from the text alone ("last year",
  // "14 May" with no year): not scored; a predicted date whose text overlaps
  // `text` is ignored rather than counted as a false positive.
  bool relative = false;
  std::string text;
};

struct GoldSentence {
  // Byte range [begin, end) in the row's evidence text.
  uint32_t begin = 0;
  uint32_t end = 0;
  // The sentence's first characters (at most 40), checked against the text.
  std::string prefix;
  v1::AttributionKind kind = v1::ATTRIBUTION_KIND_NARRATOR;
  // Canonical speaker; empty for NARRATOR.
  std::string speaker;
  std::vector<GoldQuantity> quantities;
  std::vector<GoldDate> dates;
};

struct GoldArticle {
  // "frank.valid.jsonl" or "xsumfaith.valid.jsonl" (under dev/valid/).
  std::string source_file;
  std::string row_id;
  // Lower-case hex SHA-256 of the row's evidence text.
  std::string evidence_sha256;
  std::vector<GoldSentence> sentences;
};

// Parses one line of the gold file. INVALID_ARGUMENT (naming the field) on
// malformed JSON, a missing field, an unknown kind, a speaker on a NARRATOR
// sentence or a missing one elsewhere, or an empty/backwards span.
absl::StatusOr<GoldArticle> ParseGoldArticle(std::string_view json_line);

// FAILED_PRECONDITION when a sentence's span is outside `evidence` or its
// text does not start with the sentence's prefix (the gold file no longer
// fits the text).
absl::Status CheckSpans(const GoldArticle& article, std::string_view evidence);

// Lower-cased speaker name without a leading article ("the", "a", "an"),
// honorific ("mr", "mrs", "ms", "miss", "dr", "prof", "sir") or punctuation
// other than inner apostrophes and hyphens, words joined by one space.
std::string NormalizeSpeaker(std::string_view name);

// True when the two names denote the same speaker for scoring: equal after
// NormalizeSpeaker, or the same last word ("Modi" matches "Narendra Modi",
// "spokeswoman" matches "council spokeswoman"). False if either is empty.
bool SpeakerMatches(std::string_view gold, std::string_view predicted);

// The canonical speaker of a predicted attribution (falling back to the
// surface name); empty for NARRATOR/UNSPECIFIED or when no name is set.
std::string PredictedSpeaker(const v1::Attribution& attribution);

// True-positive / predicted / gold counts of one field.
struct Counts {
  int64_t tp = 0;
  int64_t predicted = 0;
  int64_t gold = 0;
  // 0 when undefined.
  double precision() const;
  double recall() const;
  double f1() const;
};

// Running totals over articles.
struct Tally {
  int64_t articles = 0;
  int64_t sentences = 0;
  // Gold sentences no predicted statement overlaps.
  int64_t unmatched_sentences = 0;
  // kind_matrix[gold][predicted], indexed by v1::AttributionKind (0 =
  // UNSPECIFIED, used for an unmatched sentence).
  std::array<std::array<int64_t, 5>, 5> kind_matrix = {};
  // Precision over sentences with a predicted (non-narrator) speaker, recall
  // over sentences with a gold (non-narrator) speaker; tp = both present and
  // SpeakerMatches.
  Counts speaker;
  // Sentences whose speaker is right, counting "no speaker" on both sides as
  // right (narrator sentences).
  int64_t speaker_all_correct = 0;
  // Multiset match: same unit (case-insensitive), values within 1e-6
  // relative. Predicted quantities of kind YEAR (dates) and ORDINAL are not
  // scored.
  Counts quantities;
  // Match on `normalized`; relative gold dates are not scored.
  Counts dates;
  // One line per disagreement, for --verbose.
  std::vector<std::string> errors;
};

// Per-kind precision/recall/F1 from the tally's kind matrix.
Counts KindCounts(const Tally& tally, v1::AttributionKind kind);

// Scores one article: each gold sentence is matched to the predicted
// statement with the largest byte overlap (ties: the earlier one) for kind
// and speaker; the predicted quantities and dates of a gold sentence are
// those whose own span starts inside it (the statement's span when theirs is
// empty), whatever statement holds them. `statements` have spans into
// `evidence`, which is used only for error messages.
void ScoreArticle(const GoldArticle& article, std::string_view evidence,
                  const std::vector<v1::Statement>& statements, Tally* tally);

// A Markdown table of every field's gold/predicted/correct counts and
// precision/recall/F1, plus kind and speaker accuracy.
std::string FormatTally(const Tally& tally);

}  // namespace factcheck::analysis_eval

#endif  // FACTCHECK_BENCH_ANALYSIS_SOURCED_SCORING_H_
