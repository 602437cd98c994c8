#ifndef FACTCHECK_SERVICES_COMMON_CLIENT_CREDENTIALS_H_
#define FACTCHECK_SERVICES_COMMON_CLIENT_CREDENTIALS_H_

// What a client of factcheckd needs to get through its admission: channel
// credentials (TLS, optionally with a client certificate for mTLS) and the
// bearer-token metadata. Shared by the CLI and service-to-service clients.

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "grpcpp/client_context.h"
#include "grpcpp/security/credentials.h"

namespace factcheck::common {

struct ClientTlsFiles {
  // PEM root certificate(s) the server's certificate must chain to. Empty:
  // plaintext (no TLS).
  std::string root_ca_file = "";
  // PEM client certificate chain and its key, for servers that require
  // client certificates (mTLS). Both or neither; only with root_ca_file.
  std::string cert_file = "";
  std::string key_file = "";
  // Prefix of the flag names errors cite: "" gives --tls_ca, --tls_cert,
  // --tls_key (the CLI); "claims_" gives --claims_tls_ca, ... (factcheckd's
  // client of a remote ClaimsService).
  std::string flag_prefix = "";
};

// Insecure credentials when `files` names nothing; TLS credentials from the
// files otherwise. INVALID_ARGUMENT for a client certificate without key
// (or the reverse) or without root_ca_file; the file checks of
// auth::ReadPemCertificates / auth::ReadPemKeyPair (messages name the
// flags --<prefix>tls_ca, --<prefix>tls_cert, --<prefix>tls_key).
// Thread-safe.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>>
MakeChannelCredentials(const ClientTlsFiles& files);

// The metadata key and value prefix factcheckd reads the token from.
inline constexpr char kAuthorizationKey[] = "authorization";
inline constexpr char kBearerPrefix[] = "Bearer ";

// Adds "authorization: Bearer <token>" to `context`; nothing when `token`
// is empty.
void AddBearerToken(std::string_view token, grpc::ClientContext* context);

}  // namespace factcheck::common

#endif  // FACTCHECK_SERVICES_COMMON_CLIENT_CREDENTIALS_H_
