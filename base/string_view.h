#ifndef FACTCHECK_BASE_STRING_VIEW_H_
#define FACTCHECK_BASE_STRING_VIEW_H_

// Debian's Abseil 20220623 is built with ABSL_OPTION_USE_STD_STRING_VIEW 0:
// absl::string_view is its own type and does not convert from
// std::string_view. Our interfaces use std::string_view; this is the one
// bridge to absl's string functions (StrCat, StrSplit, ...).

#include <string_view>

#include "absl/strings/string_view.h"

namespace factcheck {

inline absl::string_view AsAbsl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}

inline std::string_view AsStd(absl::string_view s) {
  return std::string_view(s.data(), s.size());
}

}  // namespace factcheck

#endif  // FACTCHECK_BASE_STRING_VIEW_H_
