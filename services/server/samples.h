#ifndef FACTCHECK_SERVICES_SERVER_SAMPLES_H_
#define FACTCHECK_SERVICES_SERVER_SAMPLES_H_

#include <string>

#include "absl/status/statusor.h"
#include "factcheck/v1/claims_service.pb.h"
#include "services/claims/claims_core.h"

namespace factcheck::server {

// Builds the ingest request for one sample: the body from `txt_path`, the
// metadata from the sidecar `<stem>.json` when it exists (keys: "title",
// "url", "publisher", "published_at" as RFC 3339, "authors" as a list of
// strings, "language"; other keys are ignored). Errors: NOT_FOUND when the
// text cannot be read, INVALID_ARGUMENT for a malformed sidecar.
// Thread-safe.
absl::StatusOr<v1::IngestArticleRequest> ReadSample(
    const std::string& txt_path);

// Ingests every *.txt of `dir` (in name order) through `core`. Idempotent:
// samples already stored are not written again. Returns how many were newly
// stored. NOT_FOUND when `dir` is not a folder; the first failing sample's
// error (with its path) otherwise. `core` is not kept.
absl::StatusOr<int> LoadSamples(const std::string& dir,
                                claims::ClaimsCore* core);

}  // namespace factcheck::server

#endif  // FACTCHECK_SERVICES_SERVER_SAMPLES_H_
