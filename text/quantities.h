#ifndef FACTCHECK_TEXT_QUANTITIES_H_
#define FACTCHECK_TEXT_QUANTITIES_H_

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

// A number in a text, normalised.
struct Quantity {
  // Covers the number with its unit and scale words ("$99.2 billion").
  ByteSpan span;
  std::string text;
  // Value with scale words applied: "$99.2 billion" -> 9.92e10,
  // "seven" -> 7, "1,000" -> 1000, "50%" -> 50.
  double value = 0;
  // "%", "USD", "EUR", "GBP", "INR", "year", "km", ... or "" for a count.
  std::string unit;
  QuantityKind kind = QuantityKind::kCount;
  // Token index range [first_token, last_token] in the token vector.
  size_t first_token = 0;
  size_t last_token = 0;
};

// Finds quantities among `tokens` (from Tokenize over `text`, same base
// offset): digits and number words (one .. ninety-nine, hundred, thousand,
// million, billion, trillion; "a dozen"), decimals, thousands separators,
// percent ("%", "percent", "per cent"), currency symbols and codes, scale
// suffixes ("bn", "m"), years (1800..2100 as bare 4-digit numbers),
// ordinals ("first", "3rd"), durations ("seven years"). Thread-safe.
std::vector<Quantity> ExtractQuantities(std::string_view text,
                                        const std::vector<Token>& tokens,
                                        uint32_t base_offset = 0);

// Renders a quantity for explanations: "50%", "$99.2 billion", "7 years".
std::string FormatQuantity(const Quantity& q);

// True when two quantities denote the same amount (same unit family and
// values equal within a relative tolerance of 1e-6).
bool SameQuantity(const Quantity& a, const Quantity& b);

}  // namespace factcheck::text

#endif  // FACTCHECK_TEXT_QUANTITIES_H_
