#include "services/common/grpc_status.h"

#include <string>

#include "absl/strings/string_view.h"

namespace factcheck::common {
namespace {

// All 17 canonical codes have the same numbers in absl and gRPC.
static_assert(static_cast<int>(absl::StatusCode::kUnauthenticated) ==
              static_cast<int>(grpc::StatusCode::UNAUTHENTICATED));
static_assert(static_cast<int>(absl::StatusCode::kDataLoss) ==
              static_cast<int>(grpc::StatusCode::DATA_LOSS));
static_assert(static_cast<int>(absl::StatusCode::kInvalidArgument) ==
              static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));

// Cuts `message` to at most `max` bytes without splitting a UTF-8 sequence.
std::string Truncate(absl::string_view message, size_t max) {
  if (message.size() <= max) return std::string(message);
  constexpr absl::string_view kEllipsis = "...";
  size_t end = max - kEllipsis.size();
  // Back up over continuation bytes (10xxxxxx).
  while (end > 0 && (static_cast<unsigned char>(message[end]) & 0xC0) == 0x80) {
    --end;
  }
  return std::string(message.substr(0, end)) + std::string(kEllipsis);
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      Truncate(status.message(), kMaxStatusMessageBytes));
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

}  // namespace factcheck::common
