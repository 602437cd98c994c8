#include "services/validation/request_validation.h"

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
  if (required && absl::StripAsciiWhitespace(AsAbsl(value)).empty()) {
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
  if (id.size() > kMaxIdBytes + 16 || !text::IsValidUtf8(id)) {
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

}  // namespace factcheck::validation
