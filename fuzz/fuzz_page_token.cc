// Page tokens (services/claims/page_token.h). An arbitrary token string,
// checked against a listing and filter fingerprint, either fails with
// INVALID_ARGUMENT or yields a non-empty position whose token re-encodes to
// the same string; and any (listing, fingerprint, position) the service can
// issue decodes back to its position, and only for its own listing and
// fingerprint.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "fuzz/fuzz_check.h"
#include "fuzzer/FuzzedDataProvider.h"
#include "services/claims/page_token.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace factcheck;  // NOLINT: brevity in a fuzz target.
  FuzzedDataProvider in(data, size);
  // The listings and fingerprints ClaimsCore uses have no NUL (names and
  // hex); positions are ids. The fuzzed ones may hold anything else.
  std::string listing = in.ConsumeRandomLengthString(32);
  std::string fingerprint = in.ConsumeRandomLengthString(32);
  std::erase(listing, '\0');
  std::erase(fingerprint, '\0');
  const std::string position = in.ConsumeRandomLengthString(160);
  const std::string token = in.ConsumeRemainingBytesAsString();

  const absl::StatusOr<std::string> decoded =
      claims::DecodePageToken(token, listing, fingerprint);
  if (decoded.ok()) {
    FUZZ_CHECK(!decoded->empty());
    FUZZ_CHECK(claims::EncodePageToken(listing, fingerprint, *decoded) ==
               token);
  } else {
    FUZZ_CHECK(absl::IsInvalidArgument(decoded.status()));
  }

  if (position.empty()) return 0;
  const std::string issued =
      claims::EncodePageToken(listing, fingerprint, position);
  const absl::StatusOr<std::string> back =
      claims::DecodePageToken(issued, listing, fingerprint);
  FUZZ_CHECK(back.ok() && *back == position);
  // Not valid for another listing or filter.
  FUZZ_CHECK(!claims::DecodePageToken(issued, listing + "x", fingerprint).ok());
  FUZZ_CHECK(!claims::DecodePageToken(issued, listing, fingerprint + "x").ok());
  FUZZ_CHECK(claims::Fingerprint(position).size() == 16);
  return 0;
}
