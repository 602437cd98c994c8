#ifndef FACTCHECK_SERVICES_AUTH_TLS_FILES_H_
#define FACTCHECK_SERVICES_AUTH_TLS_FILES_H_

// Reading and checking the PEM files of TLS settings before they reach
// gRPC, which would otherwise only fail later without saying which file is
// wrong. Plain C++ over OpenSSL; `what` names the setting in messages
// (e.g. "--tls_cert").

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace factcheck::auth {

// The PEM text of `path`, which must hold at least one certificate.
// NOT_FOUND when it cannot be read, INVALID_ARGUMENT when it holds no
// parseable PEM certificate. Thread-safe.
absl::StatusOr<std::string> ReadPemCertificates(const std::string& path,
                                                std::string_view what);

// A certificate chain with its private key, both PEM.
struct PemKeyPair {
  std::string cert_chain;
  std::string private_key;
};

// Reads a certificate chain and its private key, and checks that the key
// belongs to the first certificate. NOT_FOUND for an unreadable file,
// INVALID_ARGUMENT (naming the setting) for a file that does not parse or a
// key of another certificate. Thread-safe.
absl::StatusOr<PemKeyPair> ReadPemKeyPair(const std::string& cert_path,
                                          std::string_view cert_what,
                                          const std::string& key_path,
                                          std::string_view key_what);

}  // namespace factcheck::auth

#endif  // FACTCHECK_SERVICES_AUTH_TLS_FILES_H_
