#ifndef FACTCHECK_SERVICES_AUTH_ADMISSION_H_
#define FACTCHECK_SERVICES_AUTH_ADMISSION_H_

// Admission of calls before any work: the bearer-token check (when a
// TokenAuthenticator is configured) and bounds on the calls in flight, so
// that overload is answered at once with RESOURCE_EXHAUSTED instead of
// queueing. Plain C++: the adapters hand in the "authorization" metadata.

#include <atomic>
#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "services/auth/token_authenticator.h"

namespace factcheck::auth {

struct AdmissionOptions {
  // Most unary calls (of both services together) in flight; more are
  // refused. Default: 64.
  int max_concurrent_rpcs = 64;
  // Most VerifyStream streams open at once; more are refused. Default: 16.
  int max_concurrent_streams = 16;
};

// Which in-flight bound a call counts against.
enum class CallKind { kUnary, kStream };

// Thread-safe.
class Admission {
 public:
  // A call's place among those in flight; frees it when destroyed.
  class Slot {
   public:
    // Holds no place (for calls that are not counted).
    Slot() = default;
    Slot(Slot&& other) noexcept : counter_(other.counter_) {
      other.counter_ = nullptr;
    }
    Slot& operator=(Slot&& other) noexcept {
      if (this != &other) {
        Release();
        counter_ = other.counter_;
        other.counter_ = nullptr;
      }
      return *this;
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() { Release(); }

   private:
    friend class Admission;
    explicit Slot(std::atomic<int>* counter) : counter_(counter) {}
    void Release() {
      if (counter_ != nullptr) counter_->fetch_sub(1);
      counter_ = nullptr;
    }
    std::atomic<int>* counter_ = nullptr;
  };

  // `authenticator` is not owned and may be null: no authentication.
  Admission(const TokenAuthenticator* authenticator, AdmissionOptions options);

  // Admits a call of `rpc` that needs `required`: first the token check
  // (TokenAuthenticator::Authorize's errors), then a free slot of `kind`
  // (RESOURCE_EXHAUSTED naming the limit and its flag when none is free).
  // Hold the Slot until the call is finished.
  absl::StatusOr<Slot> Admit(CallKind kind,
                             std::optional<std::string_view> authorization,
                             Scope required, std::string_view rpc);

  // Calls of `kind` in flight now.
  int in_flight(CallKind kind) const { return counter(kind).load(); }

  bool authenticates() const { return authenticator_ != nullptr; }

 private:
  std::atomic<int>& counter(CallKind kind) {
    return kind == CallKind::kUnary ? unary_in_flight_ : streams_in_flight_;
  }
  const std::atomic<int>& counter(CallKind kind) const {
    return kind == CallKind::kUnary ? unary_in_flight_ : streams_in_flight_;
  }

  const TokenAuthenticator* const authenticator_;
  const AdmissionOptions options_;
  std::atomic<int> unary_in_flight_{0};
  std::atomic<int> streams_in_flight_{0};
};

}  // namespace factcheck::auth

#endif  // FACTCHECK_SERVICES_AUTH_ADMISSION_H_
