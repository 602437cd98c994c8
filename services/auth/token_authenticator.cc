#include "services/auth/token_authenticator.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <fstream>
#include <map>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/file.h"
#include "base/status_macros.h"
#include "base/string_view.h"

namespace factcheck::auth {
namespace {

// RFC 6750 b64token: what may follow "Bearer " in the metadata.
bool IsTokenChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' ||
         c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
}

bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

constexpr char kLineFormat[] = "expected \"<token> <read|write>\"";

}  // namespace

std::string_view ScopeName(Scope scope) {
  return scope == Scope::kWrite ? "write" : "read";
}

bool Grants(Scope held, Scope required) {
  return held == Scope::kWrite || required == Scope::kRead;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

TokenTable::Digest TokenTable::DigestOf(std::string_view token) {
  Digest digest;
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(),
         digest.data());
  return digest;
}

absl::StatusOr<TokenTable> TokenTable::Parse(std::string_view text,
                                             std::string_view source) {
  TokenTable table;
  // Digest -> line, to report duplicates. Load time only: timing is moot.
  std::map<Digest, int> seen;
  int line_number = 0;
  for (absl::string_view raw_line : absl::StrSplit(AsAbsl(text), '\n')) {
    ++line_number;
    absl::string_view line = raw_line.substr(0, raw_line.find('#'));
    std::vector<absl::string_view> fields =
        absl::StrSplit(line, absl::ByAnyChar(" \t\r\f\v"), absl::SkipEmpty());
    if (fields.empty()) continue;
    auto error = [&](const std::string& what) {
      return absl::InvalidArgumentError(
          absl::StrCat(AsAbsl(source), " line ", line_number, ": ", what));
    };
    if (fields.size() != 2) {
      return error(
          absl::StrCat(kLineFormat, ", got ", fields.size(), " fields"));
    }
    if (!IsToken(AsStd(fields[0]))) {
      return error(
          "the token has characters outside A-Z a-z 0-9 - . _ ~ + / =");
    }
    Scope scope;
    if (fields[1] == "read") {
      scope = Scope::kRead;
    } else if (fields[1] == "write") {
      scope = Scope::kWrite;
    } else {
      return error(absl::StrCat(kLineFormat,
                                "; the scope must be \"read\" or \"write\""));
    }
    const Digest digest = DigestOf(AsStd(fields[0]));
    auto [it, inserted] = seen.emplace(digest, line_number);
    if (!inserted) {
      return error(absl::StrCat("the token of line ", it->second,
                                " is given again; keep one line per token"));
    }
    table.entries_.push_back({digest, scope});
  }
  if (table.entries_.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(AsAbsl(source),
                     ": no tokens; add one \"<token> <read|write>\" per line"));
  }
  return table;
}

absl::StatusOr<TokenTable> TokenTable::ReadFile(const std::string& path) {
  FACTCHECK_ASSIGN_OR_RETURN(std::string text,
                             ReadFileToString(path, "auth_tokens_file"));
  return Parse(text, path);
}

std::optional<Scope> TokenTable::Lookup(std::string_view token) const {
  const Digest digest = DigestOf(token);
  std::optional<Scope> found;
  // Every entry is compared, matched or not.
  for (const Entry& entry : entries_) {
    const bool equal =
        CRYPTO_memcmp(entry.digest.data(), digest.data(), digest.size()) == 0;
    if (equal) found = entry.scope;
  }
  return found;
}

absl::StatusOr<std::unique_ptr<TokenAuthenticator>>
TokenAuthenticator::FromFile(std::string path) {
  absl::StatusOr<TokenTable> table = TokenTable::ReadFile(path);
  if (!table.ok()) return table.status();
  return std::make_unique<TokenAuthenticator>(*std::move(table),
                                              std::move(path));
}

TokenAuthenticator::TokenAuthenticator(TokenTable table, std::string path)
    : path_(std::move(path)),
      table_(std::make_shared<const TokenTable>(std::move(table))) {}

absl::Status TokenAuthenticator::Authorize(
    std::optional<std::string_view> authorization, Scope required,
    std::string_view rpc) const {
  if (!authorization.has_value()) {
    return absl::UnauthenticatedError(absl::StrCat(
        AsAbsl(rpc),
        " needs a bearer token: send the metadata \"authorization: "
        "Bearer <token>\" with a token of this server"));
  }
  constexpr std::string_view kScheme = "Bearer ";
  absl::string_view value = AsAbsl(*authorization);
  if (!absl::StartsWithIgnoreCase(value, AsAbsl(kScheme))) {
    return absl::UnauthenticatedError(
        absl::StrCat(AsAbsl(rpc),
                     ": the authorization metadata must be \"Bearer "
                     "<token>\""));
  }
  const absl::string_view token =
      absl::StripAsciiWhitespace(value.substr(kScheme.size()));
  if (token.empty()) {
    return absl::UnauthenticatedError(absl::StrCat(
        AsAbsl(rpc),
        ": the authorization metadata has no token after \"Bearer\""));
  }
  const std::optional<Scope> held = table()->Lookup(AsStd(token));
  if (!held.has_value()) {
    return absl::UnauthenticatedError(absl::StrCat(
        AsAbsl(rpc),
        ": unknown bearer token; use a token listed in the server's "
        "token file (--auth_tokens_file)"));
  }
  if (!Grants(*held, required)) {
    return absl::PermissionDeniedError(absl::StrCat(
        AsAbsl(rpc), " needs a token with \"", AsAbsl(ScopeName(required)),
        "\" scope; this token has \"", AsAbsl(ScopeName(*held)),
        "\" scope: use a ", AsAbsl(ScopeName(required)), " token"));
  }
  return absl::OkStatus();
}

absl::Status TokenAuthenticator::Reload() {
  if (path_.empty()) {
    return absl::FailedPreconditionError(
        "no token file to reload: the tokens were given in memory");
  }
  absl::StatusOr<TokenTable> table = TokenTable::ReadFile(path_);
  if (!table.ok()) return table.status();
  Replace(*std::move(table));
  return absl::OkStatus();
}

void TokenAuthenticator::Replace(TokenTable table) {
  auto fresh = std::make_shared<const TokenTable>(std::move(table));
  absl::MutexLock lock(&mu_);
  table_ = std::move(fresh);
}

size_t TokenAuthenticator::token_count() const { return table()->size(); }

std::shared_ptr<const TokenTable> TokenAuthenticator::table() const {
  absl::ReaderMutexLock lock(&mu_);
  return table_;
}

}  // namespace factcheck::auth
