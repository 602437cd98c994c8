#ifndef FACTCHECK_SERVICES_VALIDATION_REQUEST_VALIDATION_H_
#define FACTCHECK_SERVICES_VALIDATION_REQUEST_VALIDATION_H_

// Input checks shared by the service cores, so that every RPC rejects bad
// input with the same codes and messages that name the field and the fix.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "factcheck/v1/article.pb.h"
#include "factcheck/v1/claims_service.pb.h"

namespace factcheck::validation {

// Largest id the service accepts, in bytes.
inline constexpr size_t kMaxIdBytes = 128;

// Largest metadata field (title, publisher, speaker name, filter), in bytes.
inline constexpr size_t kMaxMetadataBytes = 4 << 10;

// Checks a text field: INVALID_ARGUMENT when `required` and blank (empty, or
// only Unicode white space, control and format characters such as NUL, NBSP
// or ZERO WIDTH SPACE), or when it is not valid UTF-8; RESOURCE_EXHAUSTED
// when longer than `max_bytes`. `field` names the field in the message
// ("claim").
absl::Status CheckText(std::string_view field, std::string_view value,
                       size_t max_bytes, bool required);

// Checks an article or statement id: non-empty, at most kMaxIdBytes, and for
// article ids only [A-Za-z0-9._-]; a statement id is "<article id>:<digits>".
// INVALID_ARGUMENT otherwise.
absl::Status CheckArticleId(std::string_view field, std::string_view id);
absl::Status CheckStatementId(std::string_view field, std::string_view id);

// Resolves a requested page size: 0 -> `default_size`; 1..`max_size` as is;
// anything else INVALID_ARGUMENT.
absl::Status ResolvePageSize(std::string_view field, int requested,
                             int default_size, int max_size, int* resolved);

// Checks a google.protobuf.Timestamp: nanos in 0..999999999 and the time
// within 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z, the range Timestamp
// documents. INVALID_ARGUMENT naming `field` otherwise.
absl::Status CheckTimestamp(std::string_view field,
                            const google::protobuf::Timestamp& timestamp);

// Checks an article filter (`field` names it, e.g. "archive.filter"): the
// publisher as CheckText (at most kMaxMetadataBytes), both times as
// CheckTimestamp, and published_after before published_before when both
// are set (an empty range is the caller's mistake).
absl::Status CheckArticleFilter(std::string_view field,
                                const v1::ArticleFilter& filter);

}  // namespace factcheck::validation

#endif  // FACTCHECK_SERVICES_VALIDATION_REQUEST_VALIDATION_H_
