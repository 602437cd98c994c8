#ifndef FACTCHECK_TEXT_TABLE_LOOKUP_H_
#define FACTCHECK_TEXT_TABLE_LOOKUP_H_

// Helpers shared by the table-driven extractors (quantities, dates). Private
// to text/.

#include <algorithm>
#include <cstddef>

namespace factcheck::text::internal {

// The years a bare 4-digit number may denote in news text.
inline constexpr int kYearMin = 1800;
inline constexpr int kYearMax = 2100;

// The first entry of a compiled-in table that satisfies `pred`, or null.
template <typename T, size_t N, typename Pred>
const T* Find(const T (&table)[N], Pred pred) {
  const T* it = std::find_if(table, table + N, pred);
  return it == table + N ? nullptr : it;
}

}  // namespace factcheck::text::internal

#endif  // FACTCHECK_TEXT_TABLE_LOOKUP_H_
