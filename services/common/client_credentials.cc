#include "services/common/client_credentials.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/string_view.h"
#include "services/auth/tls_files.h"

namespace factcheck::common {

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>>
MakeChannelCredentials(const ClientTlsFiles& files) {
  const std::string ca_flag = absl::StrCat("--", files.flag_prefix, "tls_ca");
  const std::string cert_flag =
      absl::StrCat("--", files.flag_prefix, "tls_cert");
  const std::string key_flag = absl::StrCat("--", files.flag_prefix, "tls_key");
  const bool has_cert = !files.cert_file.empty();
  if (has_cert != !files.key_file.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(cert_flag, " and ", key_flag,
                     " go together: give both for a client certificate, or "
                     "neither"));
  }
  if (files.root_ca_file.empty()) {
    if (has_cert) {
      return absl::InvalidArgumentError(
          absl::StrCat(cert_flag, " needs ", ca_flag,
                       " (the CA of the server's certificate)"));
    }
    return grpc::InsecureChannelCredentials();
  }
  grpc::SslCredentialsOptions options;
  absl::StatusOr<std::string> roots =
      auth::ReadPemCertificates(files.root_ca_file, ca_flag);
  if (!roots.ok()) return roots.status();
  options.pem_root_certs = *std::move(roots);
  if (has_cert) {
    absl::StatusOr<auth::PemKeyPair> pair = auth::ReadPemKeyPair(
        files.cert_file, cert_flag, files.key_file, key_flag);
    if (!pair.ok()) return pair.status();
    options.pem_cert_chain = std::move(pair->cert_chain);
    options.pem_private_key = std::move(pair->private_key);
  }
  return grpc::SslCredentials(options);
}

void AddBearerToken(std::string_view token, grpc::ClientContext* context) {
  if (token.empty()) return;
  context->AddMetadata(kAuthorizationKey,
                       absl::StrCat(kBearerPrefix, AsAbsl(token)));
}

}  // namespace factcheck::common
