#ifndef FACTCHECK_SERVICES_AUTH_TOKEN_AUTHENTICATOR_H_
#define FACTCHECK_SERVICES_AUTH_TOKEN_AUTHENTICATOR_H_

// Bearer-token authentication for factcheckd: a table of tokens with a
// scope each, read from a file and swappable at run time (SIGHUP). Plain
// C++: the adapters hand in the "authorization" metadata value.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace factcheck::auth {

// What a token may do. `kWrite` implies `kRead`.
enum class Scope { kRead, kWrite };

// "read" or "write".
std::string_view ScopeName(Scope scope);

// True when a token holding `held` may call an RPC that needs `required`.
bool Grants(Scope held, Scope required);

// True when `a` and `b` hold the same bytes. For equal lengths, the time
// taken does not depend on where (or whether) they differ (OpenSSL's
// CRYPTO_memcmp). Thread-safe.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// The tokens of one token file: one "<token> <read|write>" per line; '#'
// starts a comment line, blank lines are skipped. Only SHA-256 digests of
// the tokens are kept. Immutable once built; thread-safe.
class TokenTable {
 public:
  // Parses the text of a token file; `source` (the path) names it in
  // errors. INVALID_ARGUMENT naming the line number, never the token, for a
  // line that is not "<token> <read|write>", a token with characters outside
  // RFC 6750's b64token set (A-Z a-z 0-9 - . _ ~ + / =), a token given
  // twice, or a file without any token.
  static absl::StatusOr<TokenTable> Parse(std::string_view text,
                                          std::string_view source);

  // Reads and parses `path`. NOT_FOUND when it cannot be read; Parse's
  // errors otherwise.
  static absl::StatusOr<TokenTable> ReadFile(const std::string& path);

  // The scope of `token`, or nullopt when it is not in the table. Compares
  // the token's digest with every entry's in constant time (no early exit),
  // so the time taken says nothing about which bytes matched.
  std::optional<Scope> Lookup(std::string_view token) const;

  // Number of tokens.
  size_t size() const { return entries_.size(); }

 private:
  using Digest = std::array<uint8_t, 32>;
  struct Entry {
    Digest digest;
    Scope scope;
  };
  static Digest DigestOf(std::string_view token);

  std::vector<Entry> entries_;
};

// Checks the "authorization" metadata of a call against a TokenTable that
// can be replaced while calls run (Reload). Thread-safe.
class TokenAuthenticator {
 public:
  // Reads the token file at `path` (TokenTable::ReadFile's errors).
  static absl::StatusOr<std::unique_ptr<TokenAuthenticator>> FromFile(
      std::string path);

  // Serves `table`; `path` is what Reload re-reads (empty: Reload fails).
  explicit TokenAuthenticator(TokenTable table, std::string path = "");

  // OK when `authorization` (the metadata value, nullopt when absent) is
  // "Bearer <token>" for a known token whose scope grants `required`.
  // UNAUTHENTICATED when the value is missing, not a bearer token, or names
  // an unknown token; PERMISSION_DENIED when the token's scope is too
  // narrow. Messages name `rpc` and the fix, never the token.
  absl::Status Authorize(std::optional<std::string_view> authorization,
                         Scope required, std::string_view rpc) const;

  // Re-reads the file given at construction and swaps the table in. On
  // error the old table stays in force and the error is returned. Calls
  // already being checked finish on the table they started with.
  absl::Status Reload();

  // Replaces the table (Reload without the file).
  void Replace(TokenTable table);

  // Number of tokens in force.
  size_t token_count() const;

  const std::string& path() const { return path_; }

 private:
  std::shared_ptr<const TokenTable> table() const;

  const std::string path_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const TokenTable> table_ ABSL_GUARDED_BY(mu_);
};

}  // namespace factcheck::auth

#endif  // FACTCHECK_SERVICES_AUTH_TOKEN_AUTHENTICATOR_H_
