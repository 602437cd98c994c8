#ifndef FACTCHECK_SERVICES_CLAIMS_PAGE_TOKEN_H_
#define FACTCHECK_SERVICES_CLAIMS_PAGE_TOKEN_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace factcheck::claims {

// Opaque page tokens. A token names the listing it belongs to (`listing`,
// e.g. "articles"), a fingerprint of the request's filter (so a token cannot
// be replayed against a different query) and the last position returned.
// A checksum over these refuses a token that was damaged or edited (not a
// secret: forgery is harmless, see DecodePageToken). Encoded as web-safe
// base64 so callers treat it as opaque.
std::string EncodePageToken(std::string_view listing,
                            std::string_view filter_fingerprint,
                            std::string_view position);

// Returns the position in `token`. INVALID_ARGUMENT when the token is not
// one of ours, was altered (checksum), belongs to another listing, or was
// issued for another filter.
absl::StatusOr<std::string> DecodePageToken(
    std::string_view token, std::string_view listing,
    std::string_view filter_fingerprint);

// A short stable fingerprint of arbitrary bytes (FNV-1a 64, hex).
std::string Fingerprint(std::string_view bytes);

}  // namespace factcheck::claims

#endif  // FACTCHECK_SERVICES_CLAIMS_PAGE_TOKEN_H_
