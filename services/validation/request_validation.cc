#include "services/validation/request_validation.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "base/string_view.h"
#include "text/normalize.h"

namespace factcheck::validation {
namespace {

bool IsIdChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' ||
         c == '_' || c == '-';
}

// True when valid UTF-8 `value` has nothing to read: only white space
// (Unicode White_Space: NBSP, EM SPACE, ...), control characters (NUL, ...)
// and format characters (ZERO WIDTH SPACE, BOM, ...). Ingest drops or folds
// all of these, so such a text would be stored, or verified, as nothing.
bool IsBlank(std::string_view value) {
  const int32_t length = static_cast<int32_t>(value.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(value.data(), i, length, c);
    if (c < 0) return false;  // Not reached for valid UTF-8.
    const int8_t type = u_charType(c);
    if (!u_isUWhiteSpace(c) && type != U_CONTROL_CHAR &&
        type != U_FORMAT_CHAR) {
      return false;
    }
  }
  return true;
}

// Seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
constexpr int64_t kMinTimestampSeconds = -62135596800;
constexpr int64_t kMaxTimestampSeconds = 253402300799;

bool Before(const google::protobuf::Timestamp& a,
            const google::protobuf::Timestamp& b) {
  return a.seconds() < b.seconds() ||
         (a.seconds() == b.seconds() && a.nanos() < b.nanos());
}

}  // namespace

absl::Status CheckText(std::string_view field, std::string_view value,
                       size_t max_bytes, bool required) {
  if (value.size() > max_bytes) {
    return absl::ResourceExhaustedError(
        absl::StrCat(AsAbsl(field), " is ", value.size(),
                     " bytes; the limit is ", max_bytes, " bytes"));
  }
  if (!text::IsValidUtf8(value)) {
    return absl::InvalidArgumentError(
        absl::StrCat(AsAbsl(field), " is not valid UTF-8; send UTF-8 text"));
  }
  if (required && IsBlank(value)) {
    return absl::InvalidArgumentError(
        absl::StrCat(AsAbsl(field), " is empty; it is required"));
  }
  return absl::OkStatus();
}

absl::Status CheckArticleId(std::string_view field, std::string_view id) {
  if (id.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(AsAbsl(field), " is empty; give an article id"));
  }
  if (id.size() > kMaxIdBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(AsAbsl(field), " is ", id.size(),
                     " bytes; ids have at most ", kMaxIdBytes));
  }
  for (char c : id) {
    if (!IsIdChar(c)) {
      return absl::InvalidArgumentError(
          absl::StrCat(AsAbsl(field),
                       " may contain only letters, digits, '.', '_' and '-'"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckStatementId(std::string_view field, std::string_view id) {
  if (id.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(AsAbsl(field), " is empty; give a statement id"));
  }
  const size_t colon = id.rfind(':');
  const std::string_view article =
      colon == std::string_view::npos ? id : id.substr(0, colon);
  const std::string_view sequence = colon == std::string_view::npos
                                        ? std::string_view()
                                        : id.substr(colon + 1);
  const bool digits =
      !sequence.empty() && sequence.size() <= 10 &&
      absl::c_all_of(sequence, [](char c) { return absl::ascii_isdigit(c); });
  if (!digits || !CheckArticleId(field, article).ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        AsAbsl(field), " is not a statement id (\"<article>:<seq>\")"));
  }
  return absl::OkStatus();
}

absl::Status ResolvePageSize(std::string_view field, int requested,
                             int default_size, int max_size, int* resolved) {
  if (requested == 0) {
    *resolved = default_size;
    return absl::OkStatus();
  }
  if (requested < 0 || requested > max_size) {
    return absl::InvalidArgumentError(
        absl::StrCat(AsAbsl(field), " is ", requested, "; use 1..", max_size,
                     " (0 = default ", default_size, ")"));
  }
  *resolved = requested;
  return absl::OkStatus();
}

absl::Status CheckTimestamp(std::string_view field,
                            const google::protobuf::Timestamp& timestamp) {
  if (timestamp.nanos() < 0 || timestamp.nanos() > 999999999) {
    return absl::InvalidArgumentError(
        absl::StrCat(AsAbsl(field), ".nanos must be in 0..999999999"));
  }
  if (timestamp.seconds() < kMinTimestampSeconds ||
      timestamp.seconds() > kMaxTimestampSeconds) {
    return absl::InvalidArgumentError(absl::StrCat(
        AsAbsl(field), ".seconds is ", timestamp.seconds(),
        "; use a time from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z"));
  }
  return absl::OkStatus();
}

absl::Status CheckArticleFilter(std::string_view field,
                                const v1::ArticleFilter& filter) {
  absl::Status status = CheckText(absl::StrCat(AsAbsl(field), ".publisher"),
                                  filter.publisher(), kMaxMetadataBytes, false);
  if (status.ok() && filter.has_published_after()) {
    status = CheckTimestamp(absl::StrCat(AsAbsl(field), ".published_after"),
                            filter.published_after());
  }
  if (status.ok() && filter.has_published_before()) {
    status = CheckTimestamp(absl::StrCat(AsAbsl(field), ".published_before"),
                            filter.published_before());
  }
  if (status.ok() && filter.has_published_after() &&
      filter.has_published_before() &&
      !Before(filter.published_after(), filter.published_before())) {
    status = absl::InvalidArgumentError(
        absl::StrCat(AsAbsl(field), ".published_after must be earlier than ",
                     AsAbsl(field), ".published_before (the range is empty)"));
  }
  return status;
}

}  // namespace factcheck::validation
