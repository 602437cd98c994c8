#include "services/auth/tls_files.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/file.h"
#include "base/string_view.h"

namespace factcheck::auth {
namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using Certificate = std::unique_ptr<X509, X509Free>;
using PrivateKey = std::unique_ptr<EVP_PKEY, KeyFree>;

Bio MemoryBio(const std::string& pem) {
  return Bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

// The first certificate of `pem`, or null.
Certificate FirstCertificate(const std::string& pem) {
  Bio bio = MemoryBio(pem);
  Certificate cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  ERR_clear_error();  // Failures are reported through the return value.
  return cert;
}

}  // namespace

absl::StatusOr<std::string> ReadPemCertificates(const std::string& path,
                                                std::string_view what) {
  absl::StatusOr<std::string> pem = ReadFileToString(path, what);
  if (!pem.ok()) return pem.status();
  if (FirstCertificate(*pem) == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(AsAbsl(what), ": ", path,
                     " holds no PEM certificate (\"-----BEGIN "
                     "CERTIFICATE-----\")"));
  }
  return pem;
}

absl::StatusOr<PemKeyPair> ReadPemKeyPair(const std::string& cert_path,
                                          std::string_view cert_what,
                                          const std::string& key_path,
                                          std::string_view key_what) {
  absl::StatusOr<std::string> cert_pem =
      ReadPemCertificates(cert_path, cert_what);
  if (!cert_pem.ok()) return cert_pem.status();
  absl::StatusOr<std::string> key_pem = ReadFileToString(key_path, key_what);
  if (!key_pem.ok()) return key_pem.status();
  Bio bio = MemoryBio(*key_pem);
  PrivateKey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  ERR_clear_error();
  if (key == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(AsAbsl(key_what), ": ", key_path,
                     " holds no unencrypted PEM private key"));
  }
  Certificate cert = FirstCertificate(*cert_pem);
  const bool matches = X509_check_private_key(cert.get(), key.get()) == 1;
  ERR_clear_error();
  if (!matches) {
    return absl::InvalidArgumentError(
        absl::StrCat(AsAbsl(key_what), ": ", key_path,
                     " is not the key of the certificate in ", cert_path, " (",
                     AsAbsl(cert_what), ")"));
  }
  return PemKeyPair{*std::move(cert_pem), *std::move(key_pem)};
}

}  // namespace factcheck::auth
