#ifndef FACTCHECK_SERVICES_REMOTE_CLAIMS_CHANNEL_H_
#define FACTCHECK_SERVICES_REMOTE_CLAIMS_CHANNEL_H_

// The gRPC channel a verifier-only factcheckd reads evidence through: to a
// remote ClaimsService, optionally over TLS and with a bearer token.

#include <cstddef>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"

namespace factcheck::remote {

struct ClaimsChannelOptions {
  // host:port of the ClaimsService (factcheckd --claims_target). Required.
  std::string target;
  // File whose first line is the bearer token sent on every call (health
  // checks included); read once, here. Empty: no token. Default: "".
  std::string token_file;
  // PEM root CA file: TLS with this root instead of an insecure channel
  // (common::MakeChannelCredentials). Empty: plaintext. Default: "".
  std::string tls_ca_file;
  // Largest message received or sent. Default: 8 MiB (the server's default).
  size_t max_message_bytes = 8 << 20;
};

// Opens (lazily: nothing is dialled yet) a channel to `options.target` with
// fast reconnection (at most 1 s between connection attempts), so that a
// restarted ClaimsService is found again quickly. Errors: INVALID_ARGUMENT
// for an empty target, an empty token, or a CA file without a certificate;
// NOT_FOUND when
// the token or CA file cannot be read (the message names the file).
// Thread-safe.
absl::StatusOr<std::shared_ptr<grpc::Channel>> OpenClaimsChannel(
    const ClaimsChannelOptions& options);

}  // namespace factcheck::remote

#endif  // FACTCHECK_SERVICES_REMOTE_CLAIMS_CHANNEL_H_
