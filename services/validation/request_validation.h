#ifndef FACTCHECK_SERVICES_VALIDATION_REQUEST_VALIDATION_H_
#define FACTCHECK_SERVICES_VALIDATION_REQUEST_VALIDATION_H_

// Input checks shared by the service cores, so that every RPC rejects bad
// input with the same codes and messages that name the field and the fix.

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"

namespace factcheck::validation {

// Largest id the service accepts, in bytes.
inline constexpr size_t kMaxIdBytes = 128;

// Checks a text field: INVALID_ARGUMENT when `required` and empty (or only
// whitespace), or when it is not valid UTF-8; RESOURCE_EXHAUSTED when longer
// than `max_bytes`. `field` names the field in the message ("claim").
absl::Status CheckText(std::string_view field, std::string_view value,
                       size_t max_bytes, bool required);

// Checks an article or statement id: non-empty, at most kMaxIdBytes, and for
// article ids only [A-Za-z0-9._-]. INVALID_ARGUMENT otherwise.
absl::Status CheckArticleId(std::string_view field, std::string_view id);
absl::Status CheckStatementId(std::string_view field, std::string_view id);

// Resolves a requested page size: 0 -> `default_size`; 1..`max_size` as is;
// anything else INVALID_ARGUMENT.
absl::Status ResolvePageSize(std::string_view field, int requested,
                             int default_size, int max_size, int* resolved);

}  // namespace factcheck::validation

#endif  // FACTCHECK_SERVICES_VALIDATION_REQUEST_VALIDATION_H_
