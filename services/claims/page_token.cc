#include "services/claims/page_token.h"

#include <cstdint>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/string_view.h"

namespace factcheck::claims {
namespace {

constexpr absl::string_view kVersion = "pt1";
constexpr char kSeparator = '\0';

absl::Status BadToken(absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(
      "page_token is invalid (", why,
      "); pass the next_page_token of the previous response unchanged, with "
      "the same filter"));
}

}  // namespace

std::string Fingerprint(std::string_view bytes) {
  uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return absl::StrCat(absl::Hex(hash, absl::kZeroPad16));
}

std::string EncodePageToken(std::string_view listing,
                            std::string_view filter_fingerprint,
                            std::string_view position) {
  const std::string sep(1, kSeparator);
  std::string raw =
      absl::StrCat(kVersion, sep, AsAbsl(listing), sep,
                   AsAbsl(filter_fingerprint), sep, AsAbsl(position));
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<std::string> DecodePageToken(
    std::string_view token, std::string_view listing,
    std::string_view filter_fingerprint) {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(AsAbsl(token), &raw)) {
    return BadToken("not base64");
  }
  // The decoder also takes padding and non-zero trailing bits, so several
  // strings decode alike; only the one EncodePageToken issues is a token.
  if (absl::WebSafeBase64Escape(raw) != AsAbsl(token)) {
    return BadToken("not a token this service issued");
  }
  std::vector<absl::string_view> parts =
      absl::StrSplit(raw, absl::MaxSplits(kSeparator, 3));
  if (parts.size() != 4 || parts[0] != kVersion) {
    return BadToken("unknown format");
  }
  if (parts[1] != AsAbsl(listing)) {
    return BadToken(
        absl::StrCat("issued for ", parts[1], ", not ", AsAbsl(listing)));
  }
  if (parts[2] != AsAbsl(filter_fingerprint)) {
    return BadToken("issued for a different filter");
  }
  if (parts[3].empty()) return BadToken("empty position");
  return std::string(parts[3]);
}

}  // namespace factcheck::claims
