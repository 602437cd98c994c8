// TSan builds only (FACTCHECK_SANITIZE=thread): makes absl::Mutex and
// absl::CondVar visible to ThreadSanitizer.
//
// Debian's Abseil is compiled without TSan, so its lock and unlock are plain
// atomics and futex calls TSan never sees: every field guarded by an
// absl::Mutex (in our code and in gRPC's hand-offs to our handlers) would be
// reported as a data race. Abseil built with TSan annotates itself with
// __tsan_mutex_* calls; this library does the same from outside. Linked
// first into every target, its definitions of the public lock entry points
// interpose on libabsl_synchronization's (the executable's and gRPC's calls
// alike), annotate, and call the real function found with dlsym(RTLD_NEXT).

#include <dlfcn.h>
#include <sanitizer/tsan_interface.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>

#include "absl/base/options.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

#define FACTCHECK_STRINGIFY_INNER(x) #x
#define FACTCHECK_STRINGIFY(x) FACTCHECK_STRINGIFY_INNER(x)

namespace {

// Abseil's inline namespace ("debian3" on bookworm), as mangled names spell
// it: <length><name>.
std::string MangledAbslPrefix() {
  const char* inline_namespace =
      FACTCHECK_STRINGIFY(ABSL_OPTION_INLINE_NAMESPACE_NAME);
  return "_ZN4absl" + std::to_string(std::strlen(inline_namespace)) +
         inline_namespace;
}

// The library's own definition of `absl::<mangled_rest>`, the one this file
// hides. Aborts when it is missing: running unannotated would report
// false races instead.
template <typename Fn>
Fn RealFunction(const char* mangled_rest) {
  const std::string name = MangledAbslPrefix() + mangled_rest;
  void* real = dlsym(RTLD_NEXT, name.c_str());
  if (real == nullptr) {
    std::fprintf(stderr, "tsan_absl_mutex: %s not found: %s\n", name.c_str(),
                 dlerror());
    std::abort();
  }
  return reinterpret_cast<Fn>(real);
}

// Abseil's writer bit in Mutex's only data member (kMuWriter, mutex.cc):
// tells Await and CondVar::Wait which mode the caller holds.
constexpr intptr_t kAbslMuWriter = 0x0008;

unsigned HeldModeFlags(const absl::Mutex* mu) {
  const auto* word = reinterpret_cast<const std::atomic<intptr_t>*>(mu);
  return (word->load(std::memory_order_relaxed) & kAbslMuWriter) != 0
             ? 0
             : __tsan_mutex_read_lock;
}

void BeforeLock(absl::Mutex* mu, unsigned flags) {
  __tsan_mutex_pre_lock(mu, flags);
}
void AfterLock(absl::Mutex* mu, unsigned flags) {
  __tsan_mutex_post_lock(mu, flags, 0);
}
void BeforeUnlock(absl::Mutex* mu, unsigned flags) {
  __tsan_mutex_pre_unlock(mu, flags);
}
void AfterUnlock(absl::Mutex* mu, unsigned flags) {
  __tsan_mutex_post_unlock(mu, flags);
}

// Abseil's lock functions call one another (CondVar::WaitWithTimeout calls
// WaitWithDeadline; the waits unlock and relock): only a thread's outermost
// call is annotated, nested ones go straight to the library. Otherwise TSan
// sees one unlock twice ("unlock of an unlocked mutex" in gRPC's timers).
thread_local int shim_depth = 0;

class OutermostCall {
 public:
  OutermostCall() : outermost_(shim_depth++ == 0) {}
  ~OutermostCall() { --shim_depth; }
  OutermostCall(const OutermostCall&) = delete;
  OutermostCall& operator=(const OutermostCall&) = delete;
  bool outermost() const { return outermost_; }

 private:
  const bool outermost_;
};

// A blocking call that needs `mu` to be free (lock, lock-when).
template <typename Fn, typename... Args>
auto Locking(absl::Mutex* mu, unsigned flags, Fn real, Args... args) {
  OutermostCall call;
  if (!call.outermost()) return real(mu, args...);
  BeforeLock(mu, flags);
  auto result = real(mu, args...);
  AfterLock(mu, flags);
  return result;
}

// A call made while holding `mu` that may release and re-acquire it
// (Await, CondVar::Wait): an unlock then a lock for TSan.
template <typename Fn, typename... Args>
auto Releasing(absl::Mutex* mu, Fn real, Args... args) {
  OutermostCall call;
  if (!call.outermost()) return real(args...);
  const unsigned flags = HeldModeFlags(mu);
  BeforeUnlock(mu, flags);
  AfterUnlock(mu, flags);
  auto result = real(args...);
  BeforeLock(mu, flags);
  AfterLock(mu, flags);
  return result;
}

// Lets void functions go through the helpers above.
template <typename Fn>
auto Returning(Fn real) {
  return [real](auto... args) {
    real(args...);
    return true;
  };
}

}  // namespace

namespace absl {
ABSL_NAMESPACE_BEGIN

void Mutex::Lock() {
  static const auto real = RealFunction<void (*)(Mutex*)>("5Mutex4LockEv");
  Locking(this, 0, Returning(real));
}

void Mutex::ReaderLock() {
  static const auto real =
      RealFunction<void (*)(Mutex*)>("5Mutex10ReaderLockEv");
  Locking(this, __tsan_mutex_read_lock, Returning(real));
}

bool Mutex::TryLock() {
  static const auto real = RealFunction<bool (*)(Mutex*)>("5Mutex7TryLockEv");
  OutermostCall call;
  if (!call.outermost()) return real(this);
  __tsan_mutex_pre_lock(this, __tsan_mutex_try_lock);
  const bool locked = real(this);
  __tsan_mutex_post_lock(
      this, locked ? __tsan_mutex_try_lock : __tsan_mutex_try_lock_failed, 0);
  return locked;
}

bool Mutex::ReaderTryLock() {
  static const auto real =
      RealFunction<bool (*)(Mutex*)>("5Mutex13ReaderTryLockEv");
  OutermostCall call;
  if (!call.outermost()) return real(this);
  __tsan_mutex_pre_lock(this, __tsan_mutex_try_read_lock);
  const bool locked = real(this);
  __tsan_mutex_post_lock(
      this,
      locked ? __tsan_mutex_try_read_lock : __tsan_mutex_try_read_lock_failed,
      0);
  return locked;
}

void Mutex::Unlock() {
  static const auto real = RealFunction<void (*)(Mutex*)>("5Mutex6UnlockEv");
  OutermostCall call;
  if (!call.outermost()) return real(this);
  BeforeUnlock(this, 0);
  real(this);
  AfterUnlock(this, 0);
}

void Mutex::ReaderUnlock() {
  static const auto real =
      RealFunction<void (*)(Mutex*)>("5Mutex12ReaderUnlockEv");
  OutermostCall call;
  if (!call.outermost()) return real(this);
  BeforeUnlock(this, __tsan_mutex_read_lock);
  real(this);
  AfterUnlock(this, __tsan_mutex_read_lock);
}

void Mutex::LockWhen(const Condition& cond) {
  static const auto real = RealFunction<void (*)(Mutex*, const Condition&)>(
      "5Mutex8LockWhenERKNS0_9ConditionE");
  Locking(this, 0, Returning(real), std::cref(cond));
}

void Mutex::ReaderLockWhen(const Condition& cond) {
  static const auto real = RealFunction<void (*)(Mutex*, const Condition&)>(
      "5Mutex14ReaderLockWhenERKNS0_9ConditionE");
  Locking(this, __tsan_mutex_read_lock, Returning(real), std::cref(cond));
}

// The *WithTimeout / *WithDeadline forms hold the mutex on return whatever
// they return.
bool Mutex::LockWhenWithTimeout(const Condition& cond, Duration timeout) {
  static const auto real =
      RealFunction<bool (*)(Mutex*, const Condition&, Duration)>(
          "5Mutex19LockWhenWithTimeoutERKNS0_9ConditionENS0_8DurationE");
  return Locking(this, 0, real, std::cref(cond), timeout);
}

bool Mutex::LockWhenWithDeadline(const Condition& cond, Time deadline) {
  static const auto real =
      RealFunction<bool (*)(Mutex*, const Condition&, Time)>(
          "5Mutex20LockWhenWithDeadlineERKNS0_9ConditionENS0_4TimeE");
  return Locking(this, 0, real, std::cref(cond), deadline);
}

bool Mutex::ReaderLockWhenWithTimeout(const Condition& cond, Duration timeout) {
  static const auto real =
      RealFunction<bool (*)(Mutex*, const Condition&, Duration)>(
          "5Mutex25ReaderLockWhenWithTimeoutERKNS0_9ConditionENS0_8DurationE");
  return Locking(this, __tsan_mutex_read_lock, real, std::cref(cond), timeout);
}

bool Mutex::ReaderLockWhenWithDeadline(const Condition& cond, Time deadline) {
  static const auto real =
      RealFunction<bool (*)(Mutex*, const Condition&, Time)>(
          "5Mutex26ReaderLockWhenWithDeadlineERKNS0_9ConditionENS0_4TimeE");
  return Locking(this, __tsan_mutex_read_lock, real, std::cref(cond), deadline);
}

void Mutex::Await(const Condition& cond) {
  static const auto real = RealFunction<void (*)(Mutex*, const Condition&)>(
      "5Mutex5AwaitERKNS0_9ConditionE");
  Releasing(this, Returning(real), this, std::cref(cond));
}

bool Mutex::AwaitWithTimeout(const Condition& cond, Duration timeout) {
  static const auto real =
      RealFunction<bool (*)(Mutex*, const Condition&, Duration)>(
          "5Mutex16AwaitWithTimeoutERKNS0_9ConditionENS0_8DurationE");
  return Releasing(this, real, this, std::cref(cond), timeout);
}

bool Mutex::AwaitWithDeadline(const Condition& cond, Time deadline) {
  static const auto real =
      RealFunction<bool (*)(Mutex*, const Condition&, Time)>(
          "5Mutex17AwaitWithDeadlineERKNS0_9ConditionENS0_4TimeE");
  return Releasing(this, real, this, std::cref(cond), deadline);
}

void CondVar::Wait(Mutex* mu) {
  static const auto real =
      RealFunction<void (*)(CondVar*, Mutex*)>("7CondVar4WaitEPNS0_5MutexE");
  Releasing(mu, Returning(real), this, mu);
}

bool CondVar::WaitWithTimeout(Mutex* mu, Duration timeout) {
  static const auto real = RealFunction<bool (*)(CondVar*, Mutex*, Duration)>(
      "7CondVar15WaitWithTimeoutEPNS0_5MutexENS0_8DurationE");
  return Releasing(mu, real, this, mu, timeout);
}

bool CondVar::WaitWithDeadline(Mutex* mu, Time deadline) {
  static const auto real = RealFunction<bool (*)(CondVar*, Mutex*, Time)>(
      "7CondVar16WaitWithDeadlineEPNS0_5MutexENS0_4TimeE");
  return Releasing(mu, real, this, mu, deadline);
}

ABSL_NAMESPACE_END
}  // namespace absl
