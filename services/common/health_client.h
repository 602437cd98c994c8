#ifndef FACTCHECK_SERVICES_COMMON_HEALTH_CLIENT_H_
#define FACTCHECK_SERVICES_COMMON_HEALTH_CLIENT_H_

// Client side of grpc.health.v1.Health, for the CLI and the tests.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpc/health/v1/health.pb.h"
#include "grpcpp/channel.h"

namespace factcheck::common {

// Health service names of the two factcheck services.
inline constexpr char kClaimsHealthName[] = "factcheck.v1.ClaimsService";
inline constexpr char kVerifierHealthName[] = "factcheck.v1.VerifierService";

// Asks the server for the serving status of `service` ("" is the server as a
// whole). Returns the status on an OK answer; NOT_FOUND when the server does
// not know `service`; otherwise the RPC's error (UNAVAILABLE when nothing
// listens, DEADLINE_EXCEEDED after `timeout`). Thread-safe.
absl::StatusOr<grpc::health::v1::HealthCheckResponse::ServingStatus>
CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
            const std::string& service, absl::Duration timeout);

// Polls CheckHealth until `service` is SERVING or `timeout` has passed, with
// short waits between tries (the channel's own connect backoff). Returns OK
// when serving, DEADLINE_EXCEEDED otherwise (the message holds the last
// answer). Thread-safe.
absl::Status WaitForServing(const std::shared_ptr<grpc::Channel>& channel,
                            const std::string& service, absl::Duration timeout);

}  // namespace factcheck::common

#endif  // FACTCHECK_SERVICES_COMMON_HEALTH_CLIENT_H_
