#ifndef FACTCHECK_SERVICES_COMMON_GRPC_STATUS_H_
#define FACTCHECK_SERVICES_COMMON_GRPC_STATUS_H_

// The one bridge between absl::Status (libraries, cores) and grpc::Status
// (the wire). Every adapter and client goes through it.

#include <cstddef>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace factcheck::common {

// Longest status message sent on the wire; longer ones are cut (with "...").
inline constexpr size_t kMaxStatusMessageBytes = 1024;

// Returns the grpc::Status with the same code and the message (cut at
// kMaxStatusMessageBytes). OK maps to grpc::Status::OK. Thread-safe.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The reverse, for clients: the same code and message. Thread-safe.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace factcheck::common

#endif  // FACTCHECK_SERVICES_COMMON_GRPC_STATUS_H_
