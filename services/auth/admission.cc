#include "services/auth/admission.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/string_view.h"

namespace factcheck::auth {

Admission::Admission(const TokenAuthenticator* authenticator,
                     AdmissionOptions options)
    : authenticator_(authenticator), options_(options) {}

absl::StatusOr<Admission::Slot> Admission::Admit(
    CallKind kind, std::optional<std::string_view> authorization,
    Scope required, std::string_view rpc) {
  if (authenticator_ != nullptr) {
    absl::Status authorized =
        authenticator_->Authorize(authorization, required, rpc);
    if (!authorized.ok()) return authorized;
  }
  const bool unary = kind == CallKind::kUnary;
  const int limit =
      unary ? options_.max_concurrent_rpcs : options_.max_concurrent_streams;
  std::atomic<int>& in_flight = counter(kind);
  // Take the slot first, then check: concurrent callers never both pass.
  if (in_flight.fetch_add(1) >= limit) {
    in_flight.fetch_sub(1);
    return absl::ResourceExhaustedError(
        absl::StrCat(AsAbsl(rpc), ": the server is at its limit of ", limit,
                     unary ? " concurrent calls (--max_concurrent_rpcs)"
                           : " concurrent streams (--max_concurrent_streams)",
                     "; retry with backoff"));
  }
  return Slot(&in_flight);
}

}  // namespace factcheck::auth
