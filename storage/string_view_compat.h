#ifndef FACTCHECK_STORAGE_STRING_VIEW_COMPAT_H_
#define FACTCHECK_STORAGE_STRING_VIEW_COMPAT_H_

// Debian's Abseil 20220623 is built with its own absl::string_view
// (ABSL_OPTION_USE_STD_STRING_VIEW 0), which does not convert from
// std::string_view; StrCat and friends need this bridge.

#include <string_view>

#include "absl/strings/string_view.h"

namespace factcheck::storage {

inline absl::string_view AsAbsl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}

}  // namespace factcheck::storage

#endif  // FACTCHECK_STORAGE_STRING_VIEW_COMPAT_H_
