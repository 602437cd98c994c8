#ifndef FACTCHECK_TEXT_QUANTITIES_H_
#define FACTCHECK_TEXT_QUANTITIES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/tokenizer.h"
#include "text/types.h"

namespace factcheck::text {

enum class QuantityKind {
  kCount,
  kPercent,
  kMoney,
  kDuration,
  kMeasure,
  kYear,
  kOrdinal
};

// How a number is hedged by the words before it. The proto Quantity has no
// field for it; the verifier reads it from here.
enum class Approximation {
  kExact,     // no cue
  kAbout,     // "about", "around", "approximately", "roughly", "some"
  kNearly,    // "nearly", "almost", "close to", "just under"
  kMoreThan,  // "more than", "over", "above", "upwards of"
  kAtLeast,   // "at least", "no less than"
  kLessThan,  // "less than", "fewer than", "under", "below"
  kAtMost,    // "at most", "up to", "no more than"
};

// A number in a text, normalised.
struct Quantity {
  // Covers the number with its sign, unit and scale words ("$99.2 billion",
  // "-5%", "10-15%"); approximation and "a record" cues stay outside.
  ByteSpan span;
  std::string text;
  // Value with scale words applied: "$99.2 billion" -> 9.92e10,
  // "seven" -> 7, "1,000" -> 1000, "50%" -> 50, "half of" -> 50 (%),
  // "minus 3" -> -3. For a range, the lower bound.
  double value = 0;
  // "%", "pp" (percentage points), "bp" (basis points), "USD", "EUR", "GBP",
  // "INR", singular time units ("year", "month", "day"), measures ("km",
  // "m", "ft", "mile", "yard", "acre", "MW", "mph", "oz", "lb"), ... or ""
  // for a count. Ages use the time unit too: "42-year-old" is 42 "year" of
  // kind kMeasure (a duration is kDuration, so SameQuantity tells them
  // apart).
  std::string unit;
  QuantityKind kind = QuantityKind::kCount;
  // Token index range [first_token, last_token] in the token vector.
  size_t first_token = 0;
  size_t last_token = 0;
  // Upper bound of a range ("10-15%", "between 10 and 15 percent", "10 to
  // 15", fiscal year "2019-20" -> 2020); absent for a single value.
  std::optional<double> upper;
  Approximation approx = Approximation::kExact;
  // Preceded by "a record" / "record" ("a record $99.2 billion").
  bool record = false;
  // Bytes of the approximation and record cues ("more than", "a record");
  // {0, 0} when there are none.
  ByteSpan qualifier_span;
};

// Finds quantities among `tokens` (from Tokenize over `text`, same base
// offset): digits and number words (one .. ninety-nine, hundred, thousand,
// million, billion, trillion; "a dozen", "two and a half", "half a
// million"), decimals, thousands separators, negative numbers ("-5",
// "minus 5"), percent ("%", "percent", "per cent"; "half of", "a third of",
// "two-thirds of" as percentages), percentage and basis points, currency
// symbols and codes, scale words ("bn", "m", "lakh", "crore"), ranges,
// approximation cues, years (see IsYearAt), ordinals ("first", "3rd"),
// durations ("seven years", "seven-year", "less than a week"), ages
// ("50-year-old": kMeasure, unit "year"), measures glued or hyphenated
// ("174ft", "300-acre", "198 metre-high"), pence ("5p"), and counts inside
// compounds ("six-storey", "father-of-three").
// Not quantities: times of day ("9pm", "10:30"); digits in names and codes
// ("3G", "Valu-4-U", "Covid-19"); capitalised number words inside names
// ("League One"); "one" as a pronoun or partitive ("one of the", "another
// one", "one another", "one day" = some day, "One resident said" = a
// resident); a number word as a noun after a possessive ("Smith's three
// in the final"); "one-" idioms and fractions in compounds ("one-off",
// "two-thirds"). Day numbers of dates ("14" in "on 14 May") are found
// here; DropDayNumbers (text/dates.h) removes them once dates are known.
// Returns them in text order, none overlapping; empty when there are none.
// Thread-safe.
std::vector<Quantity> ExtractQuantities(std::string_view text,
                                        const std::vector<Token>& tokens,
                                        uint32_t base_offset = 0);

// True when tokens[i] is a plain 4-digit number in 1800..2100 used as a year:
// not after a currency or approximation cue ("about 2000"), not followed by
// a scale word or unit ("2020 km"), and not followed by a counted plural
// ("2000 shares") unless a date cue precedes it ("in 2020 clashes", "the 2020
// clashes"). Shared by ExtractQuantities (kYear) and ExtractDates.
// Thread-safe.
bool IsYearAt(const std::vector<Token>& tokens, size_t i);

// The value of one number token: digits ("1,000") or a number word ("seven",
// "twenty-five"); "a"/"an" count as 1. Absent for anything else.
// Thread-safe.
std::optional<double> SingleTokenNumber(const Token& token);

// Renders a quantity for explanations: "50%", "$99.2 billion", "7 years",
// "2 percentage points", "more than 10% to 15%" (cue, then the range).
std::string FormatQuantity(const Quantity& q);

// True when two quantities denote the same amount (same unit family and
// values, and upper bounds of ranges, equal within a relative tolerance of
// 1e-6). Approximation cues are ignored: "nearly 50%" is the same amount as
// "50%".
bool SameQuantity(const Quantity& a, const Quantity& b);

}  // namespace factcheck::text

#endif  // FACTCHECK_TEXT_QUANTITIES_H_
