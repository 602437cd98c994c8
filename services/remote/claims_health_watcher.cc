#include "services/remote/claims_health_watcher.h"

#include <utility>

#include "services/common/health_client.h"
#include "services/common/logging.h"

namespace factcheck::remote {

using grpc::health::v1::HealthCheckResponse;

ClaimsHealthWatcher::ClaimsHealthWatcher(std::shared_ptr<grpc::Channel> channel,
                                         std::string target, Options options,
                                         OnChange on_change)
    : channel_(std::move(channel)),
      target_(std::move(target)),
      options_(options),
      on_change_(std::move(on_change)) {
  thread_ = std::thread([this] { Run(); });
}

ClaimsHealthWatcher::~ClaimsHealthWatcher() { Stop(); }

std::optional<bool> ClaimsHealthWatcher::serving() const {
  absl::MutexLock lock(&mu_);
  return serving_;
}

void ClaimsHealthWatcher::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void ClaimsHealthWatcher::Run() {
  while (true) {
    auto answer = common::CheckHealth(channel_, common::kClaimsHealthName,
                                      options_.check_timeout);
    const bool serving = answer.ok() && *answer == HealthCheckResponse::SERVING;
    const std::string why =
        serving       ? "SERVING"
        : answer.ok() ? HealthCheckResponse::ServingStatus_Name(*answer)
                      : answer.status().ToString();
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    if (serving_ != serving) {
      serving_ = serving;
      if (serving) {
        common::LogInfo("claims service at ", target_, ": SERVING");
      } else {
        common::LogWarning("claims service at ", target_,
                           ": not serving: ", why);
      }
      // Under the lock, so that Stop() cannot return while it runs.
      on_change_(serving, why);
    }
    auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return stopping_;
    };
    if (mu_.AwaitWithTimeout(absl::Condition(&stopping), options_.interval)) {
      return;
    }
  }
}

}  // namespace factcheck::remote
