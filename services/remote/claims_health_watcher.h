#ifndef FACTCHECK_SERVICES_REMOTE_CLAIMS_HEALTH_WATCHER_H_
#define FACTCHECK_SERVICES_REMOTE_CLAIMS_HEALTH_WATCHER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"

namespace factcheck::remote {

// Watches the health ("factcheck.v1.ClaimsService") of a remote ClaimsService
// from a background thread, so that a verifier-only server can report
// NOT_SERVING while its evidence is out of reach (readiness probes then stop
// routing to it) and SERVING again once the claims service answers.
//
// Thread-safety: serving() and Stop() may be called from any thread.
class ClaimsHealthWatcher {
 public:
  struct Options {
    // Time between checks. Default: 1 s.
    absl::Duration interval = absl::Seconds(1);
    // Deadline of one check. Default: 1 s.
    absl::Duration check_timeout = absl::Seconds(1);
  };

  // Called on the watcher's thread with the first result and then with each
  // change: whether the claims service reports SERVING, and why not.
  using OnChange = std::function<void(bool serving, const std::string& why)>;

  // Starts watching `channel` (see OpenClaimsChannel) at once; `target`
  // names it in log lines.
  ClaimsHealthWatcher(std::shared_ptr<grpc::Channel> channel,
                      std::string target, Options options, OnChange on_change);

  // Stops the thread (waits for a check in flight, at most check_timeout).
  ~ClaimsHealthWatcher();

  ClaimsHealthWatcher(const ClaimsHealthWatcher&) = delete;
  ClaimsHealthWatcher& operator=(const ClaimsHealthWatcher&) = delete;

  // The last result; nullopt before the first check has answered.
  std::optional<bool> serving() const;

  // Stops watching; `on_change` is not called after Stop returns.
  // Idempotent.
  void Stop();

 private:
  void Run();

  const std::shared_ptr<grpc::Channel> channel_;
  const std::string target_;
  const Options options_;
  const OnChange on_change_;

  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::optional<bool> serving_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

}  // namespace factcheck::remote

#endif  // FACTCHECK_SERVICES_REMOTE_CLAIMS_HEALTH_WATCHER_H_
