#ifndef FACTCHECK_TESTS_TESTING_TEST_CERTS_H_
#define FACTCHECK_TESTS_TESTING_TEST_CERTS_H_

// Certificates for TLS tests, made with the openssl command at test time
// (nothing secret is committed): a CA, a server certificate for
// 127.0.0.1 / localhost, a client certificate, and a second CA with its own
// client certificate (to prove that a foreign one is refused).

#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include "gtest/gtest.h"
#include "tests/testing/files.h"
#include "tests/testing/temp_dir.h"

namespace factcheck::testing {

struct TestCerts {
  std::string ca;           // CA certificate (PEM file path).
  std::string server_cert;  // Signed by `ca`; SAN 127.0.0.1, localhost.
  std::string server_key;
  std::string client_cert;  // Signed by `ca`.
  std::string client_key;
  std::string other_ca;           // An unrelated CA.
  std::string other_client_cert;  // Signed by `other_ca`.
  std::string other_client_key;
};

inline bool HaveOpenssl() {
  return std::system("command -v openssl >/dev/null 2>&1") == 0;
}

// Writes the certificates into `dir`. nullopt when the openssl command is
// missing (callers GTEST_SKIP) or fails (with a test failure showing its
// output).
inline std::optional<TestCerts> MakeTestCerts(const TempDir& dir) {
  if (!HaveOpenssl()) return std::nullopt;
  const std::string log = dir.Sub("openssl.log");
  auto run = [&](const std::string& command) {
    if (std::system((command + " >>" + log + " 2>&1").c_str()) == 0) {
      return true;
    }
    ADD_FAILURE() << command << "\n" << ReadFileOrEmpty(log);
    return false;
  };
  // EC keys: quick to generate, accepted by gRPC's TLS stack.
  const std::string new_key =
      "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  auto make_ca = [&](const std::string& name) {
    return run("openssl req -x509 " + new_key + " -days 2 -subj /CN=" + name +
               " -keyout " + dir.Sub(name + ".key") + " -out " +
               dir.Sub(name + ".pem") +
               " -addext basicConstraints=critical,CA:TRUE"
               " -addext keyUsage=critical,keyCertSign,cRLSign");
  };
  int serial = 1000;
  auto make_leaf = [&](const std::string& name, const std::string& ca,
                       const std::string& extensions) {
    const std::string ext_file = dir.Sub(name + ".ext");
    std::ofstream(ext_file) << extensions;
    return run("openssl req " + new_key + " -subj /CN=" + name + " -keyout " +
               dir.Sub(name + ".key") + " -out " + dir.Sub(name + ".csr")) &&
           run("openssl x509 -req -days 2 -in " + dir.Sub(name + ".csr") +
               " -CA " + dir.Sub(ca + ".pem") + " -CAkey " +
               dir.Sub(ca + ".key") + " -set_serial " +
               std::to_string(++serial) + " -extfile " + ext_file + " -out " +
               dir.Sub(name + ".pem"));
  };
  const std::string client_ext =
      "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n";
  if (!make_ca("ca") || !make_ca("other_ca") ||
      !make_leaf("server", "ca",
                 "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
                 "subjectAltName=IP:127.0.0.1,DNS:localhost\n") ||
      !make_leaf("client", "ca", client_ext) ||
      !make_leaf("other_client", "other_ca", client_ext)) {
    return std::nullopt;
  }
  return TestCerts{dir.Sub("ca.pem"),           dir.Sub("server.pem"),
                   dir.Sub("server.key"),       dir.Sub("client.pem"),
                   dir.Sub("client.key"),       dir.Sub("other_ca.pem"),
                   dir.Sub("other_client.pem"), dir.Sub("other_client.key")};
}

}  // namespace factcheck::testing

#endif  // FACTCHECK_TESTS_TESTING_TEST_CERTS_H_
