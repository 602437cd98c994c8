#include "services/common/health_client.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "services/common/grpc_status.h"

namespace factcheck::common {

using grpc::health::v1::HealthCheckResponse;

absl::StatusOr<HealthCheckResponse::ServingStatus> CheckHealth(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& service,
    absl::Duration timeout) {
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, request, &response);
  if (!status.ok()) return FromGrpcStatus(status);
  return response.status();
}

absl::Status WaitForServing(const std::shared_ptr<grpc::Channel>& channel,
                            const std::string& service,
                            absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  std::string last = "no answer";
  while (true) {
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) break;
    // Wait for the channel to connect (with gRPC's backoff) rather than
    // spinning while nothing listens yet.
    channel->WaitForConnected(
        absl::ToChronoTime(absl::Now() + std::min(left, absl::Seconds(1))));
    auto answer = CheckHealth(
        channel, service, std::min(deadline - absl::Now(), absl::Seconds(1)));
    if (answer.ok()) {
      if (*answer == HealthCheckResponse::SERVING) return absl::OkStatus();
      last = HealthCheckResponse::ServingStatus_Name(*answer);
      absl::SleepFor(absl::Milliseconds(20));  // Serving soon: poll again.
    } else {
      last = answer.status().ToString();
      if (answer.status().code() != absl::StatusCode::kUnavailable &&
          answer.status().code() != absl::StatusCode::kDeadlineExceeded) {
        absl::SleepFor(absl::Milliseconds(20));
      }
    }
  }
  return absl::DeadlineExceededError(
      absl::StrCat("health of \"", service, "\" not SERVING after ",
                   absl::FormatDuration(timeout), "; last answer: ", last));
}

}  // namespace factcheck::common
