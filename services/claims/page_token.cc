#include "services/claims/page_token.h"

#include <cstdint>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/string_view.h"

namespace factcheck::claims {
namespace {

// pt2 added the checksum; pt1 tokens (short-lived) are refused as unknown.
constexpr absl::string_view kVersion = "pt2";
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
  const std::string body = absl::StrCat(
      AsAbsl(listing), sep, AsAbsl(filter_fingerprint), sep, AsAbsl(position));
  return absl::WebSafeBase64Escape(
      absl::StrCat(kVersion, sep, Fingerprint(body), sep, body));
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
  // version, checksum, then the checksummed body: listing, filter
  // fingerprint, position.
  std::vector<absl::string_view> header =
      absl::StrSplit(raw, absl::MaxSplits(kSeparator, 2));
  if (header.size() != 3 || header[0] != kVersion) {
    return BadToken("unknown format");
  }
  // FNV-1a changes with any single changed byte, so a copied token that
  // lost or changed a byte is refused instead of paging from elsewhere.
  // Not a secret: it catches damage, not forgery (a forged token only pages
  // through a listing its caller may read anyway).
  if (header[1] != Fingerprint(AsStd(header[2]))) {
    return BadToken("checksum mismatch: the token was altered");
  }
  // listing, filter fingerprint, position (which may hold the separator).
  std::vector<absl::string_view> parts =
      absl::StrSplit(header[2], absl::MaxSplits(kSeparator, 2));
  if (parts.size() != 3) return BadToken("unknown format");
  if (parts[0] != AsAbsl(listing)) {
    return BadToken(
        absl::StrCat("issued for ", parts[0], ", not ", AsAbsl(listing)));
  }
  if (parts[1] != AsAbsl(filter_fingerprint)) {
    return BadToken("issued for a different filter");
  }
  if (parts[2].empty()) return BadToken("empty position");
  return std::string(parts[2]);
}

}  // namespace factcheck::claims
