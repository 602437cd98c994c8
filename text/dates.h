#ifndef FACTCHECK_TEXT_DATES_H_
#define FACTCHECK_TEXT_DATES_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "text/quantities.h"
#include "text/tokenizer.h"
#include "text/types.h"

namespace factcheck::text {

enum class DateGranularity { kDay, kMonth, kYear, kDecade };

// A date in a text, normalised.
struct DateMention {
  // The date words only: prepositions stay outside ("since 2020" -> "2020",
  // "on Tuesday" -> "Tuesday"); words that change the date stay inside ("last
  // year", "three years ago", "next Tuesday").
  ByteSpan span;
  std::string text;
  // ISO-8601 at `granularity`: "2025-08-31", "2025-08", "2020"; a decade is
  // "199X" (EDTF's unspecified digit: "the 1990s"); a fiscal or crop year
  // written "2019-20" or "1986/87" is the ISO interval "2019/2020" (kYear).
  // Empty when the date needs the reference date and none was given.
  std::string normalized;
  DateGranularity granularity = DateGranularity::kYear;
  // True when the value depends on the reference date: "last year",
  // "yesterday", "a week ago", "on Tuesday", and a month or day without a
  // year ("in March", "Aug. 31"), which takes its year from the reference.
  bool relative = false;
  // The calendar fields known (from the text, or after resolution); 0 when
  // unknown. "in March" without a reference: month 3, year 0. A decade or a
  // year range gives its first year.
  int year = 0;
  int month = 0;
  int day = 0;
  // Token index range [first_token, last_token] in the token vector.
  size_t first_token = 0;
  size_t last_token = 0;
};

// Finds dates among `tokens` (from Tokenize over `text`, same base offset):
//  - absolute: "31 August 2025", "31st of Aug. 2025", "August 31, 2025",
//    "August 2025", years ("2020": a 4-digit number used as a year, see
//    IsYearAt in text/quantities.h), fiscal years ("2019-20"), decades ("the
//    1990s");
//  - needing a year from the reference: "Aug. 31", "31 August", "in March",
//    "mid-March" (a bare month needs a cue before it: in, since, by, until,
//    from, during, before, after, early, late, mid, of); the year is the one
//    (the reference's, the one before or after) that puts the date nearest
//    to the reference, so "in December" in a March article is last December;
//  - relative to `reference` (the article's published_at, read as a UTC
//    day): "yesterday", "today", "tomorrow", "last/this/next year|month",
//    "last/next March", "three years ago", "a week ago", weekdays ("on
//    Tuesday": the latest Tuesday on or before the reference; "last Tuesday"
//    strictly before; "next Tuesday" strictly after).
// Durations ("less than a week", "seven years") are not dates: they are
// quantities. Weeks as dates ("last week") are not emitted (no granularity
// for them). Without a reference, relative mentions are still returned with
// `relative` true and `normalized` empty, so callers can skip or show them.
// Returns mentions in text order, none overlapping; empty when there are
// none. Thread-safe.
std::vector<DateMention> ExtractDates(std::string_view text,
                                      const std::vector<Token>& tokens,
                                      uint32_t base_offset,
                                      std::optional<absl::Time> reference);

// The same, reusing `quantities` = ExtractQuantities(text, tokens,
// base_offset) when the caller has them already (years and "three years
// ago" come from them), which saves a second quantity pass.
std::vector<DateMention> ExtractDates(std::string_view text,
                                      const std::vector<Token>& tokens,
                                      const std::vector<Quantity>& quantities,
                                      uint32_t base_offset,
                                      std::optional<absl::Time> reference);

// Removes from `quantities` the bare counts (kCount) that lie inside a date
// of `dates`: the day number "14" of "on 14 May" belongs to the date, not to
// the amounts. Years (kYear) and durations ("three years ago") stay; so does
// everything outside a date. Thread-safe.
void DropDayNumbers(const std::vector<DateMention>& dates,
                    std::vector<Quantity>* quantities);

}  // namespace factcheck::text

#endif  // FACTCHECK_TEXT_DATES_H_
