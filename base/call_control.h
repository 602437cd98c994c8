#ifndef FACTCHECK_BASE_CALL_CONTROL_H_
#define FACTCHECK_BASE_CALL_CONTROL_H_

// What long work checks between its steps, so that it stops when nobody
// waits for the answer any more: the caller's deadline and whether the
// caller cancelled. Plain C++: the gRPC adapters build one from their call
// (common::CallControlOf); cores and libraries only see this type.

#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "base/string_view.h"

namespace factcheck {

// Cheap to copy and to check (a clock read and one call of the predicate).
// Thread-safe when its predicate is.
class CallControl {
 public:
  // No deadline, never cancelled: work always runs to its end.
  CallControl() = default;

  // Stops work at `deadline` (absl::InfiniteFuture(): never) or once
  // `is_cancelled` returns true. `is_cancelled` may be empty (never
  // cancelled); it is called from the threads that run the work, so it must
  // be thread-safe, and it must keep returning true once it has.
  CallControl(absl::Time deadline, std::function<bool()> is_cancelled)
      : deadline_(deadline), is_cancelled_(std::move(is_cancelled)) {}

  absl::Time deadline() const { return deadline_; }

  bool IsCancelled() const { return is_cancelled_ && is_cancelled_(); }

  // OK while work may go on. Otherwise DEADLINE_EXCEEDED (checked first:
  // gRPC also cancels a call whose deadline passed) or CANCELLED, whose
  // message says how far the work got:
  // "deadline exceeded after <done>", where <done> is the progress given
  // to Within (outer work), then `progress` (this step's), joined with
  // ", then " and empty ones left out, e.g. "deadline exceeded after 12 of
  // 256 claims verified, then 40 of 200 evidence units aligned".
  absl::Status Check(std::string_view progress) const {
    const absl::Time now = absl::Now();
    if (now >= deadline_) {
      return Stop(absl::StatusCode::kDeadlineExceeded, progress);
    }
    if (IsCancelled()) {
      // gRPC cancels a call when its deadline passes, by its own clock,
      // which may run a little ahead of absl::Now: a cancellation that
      // close to the deadline is the deadline's.
      return Stop(now + kDeadlineClockSlack >= deadline_
                      ? absl::StatusCode::kDeadlineExceeded
                      : absl::StatusCode::kCancelled,
                  progress);
    }
    return absl::OkStatus();
  }

  // The status Check returns when it stops work with `code` (kCancelled or
  // kDeadlineExceeded), for work that learns of the stop another way (a
  // remote read cut at this deadline).
  absl::Status Stop(absl::StatusCode code, std::string_view progress) const {
    std::string message = code == absl::StatusCode::kCancelled
                              ? "cancelled"
                              : "deadline exceeded";
    std::string_view separator = " after ";
    for (std::string_view part : {std::string_view(done_), progress}) {
      if (part.empty()) continue;
      absl::StrAppend(&message, AsAbsl(separator), AsAbsl(part));
      separator = ", then ";
    }
    return absl::Status(code, message);
  }

  // A copy for inner work, whose Check messages first say `done`: how far
  // the outer work got before it ("12 of 256 claims verified").
  CallControl Within(std::string_view done) const {
    CallControl inner = *this;
    inner.done_ = done_.empty() ? std::string(done)
                                : absl::StrCat(done_, ", then ", AsAbsl(done));
    return inner;
  }

 private:
  static constexpr absl::Duration kDeadlineClockSlack = absl::Milliseconds(100);

  absl::Time deadline_ = absl::InfiniteFuture();
  std::function<bool()> is_cancelled_;
  std::string done_;
};

// Whether `status` is one that CallControl::Check returns when it stops
// work (CANCELLED or DEADLINE_EXCEEDED).
inline bool IsStopStatus(const absl::Status& status) {
  return absl::IsCancelled(status) || absl::IsDeadlineExceeded(status);
}

}  // namespace factcheck

#endif  // FACTCHECK_BASE_CALL_CONTROL_H_
