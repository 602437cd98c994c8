#ifndef FACTCHECK_SERVICES_COMMON_UNARY_CALL_H_
#define FACTCHECK_SERVICES_COMMON_UNARY_CALL_H_

// The shape every unary adapter method shares: refuse calls whose deadline
// has passed or that were cancelled, admit the call (bearer token and
// scope, in-flight limit), parse the request, run the core, convert the
// status, log one line, finish the reactor.

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "base/call_control.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/proto_buffer_reader.h"
#include "grpcpp/support/proto_buffer_writer.h"
#include "grpcpp/support/server_callback.h"
#include "services/auth/admission.h"
#include "services/common/grpc_status.h"
#include "services/common/request_log.h"

namespace factcheck::common {

// OK when work on the call may start; DEADLINE_EXCEEDED when its deadline
// has already passed, CANCELLED when the client cancelled it. Thread-safe.
absl::Status CheckCallActive(const grpc::ServerContextBase& context);

// The call's deadline (InfiniteFuture when it has none) and cancellation,
// for cores to check during long work. `context` must outlive the control
// and its copies. Thread-safe.
CallControl CallControlOf(const grpc::ServerContextBase& context);

// The value of the call's "authorization" metadata; nullopt when absent.
// The view points into `context`. Thread-safe.
std::optional<std::string_view> AuthorizationOf(
    const grpc::ServerContextBase& context);

// Admits the call through `admission` (see auth::Admission::Admit) with its
// "authorization" metadata. A null `admission` admits every call with an
// empty Slot. Thread-safe.
absl::StatusOr<auth::Admission::Slot> AdmitCall(
    auth::Admission* admission, const grpc::ServerContextBase& context,
    auth::CallKind kind, auth::Scope required, std::string_view rpc);

// Why `raw` does not parse as a `type`: INVALID_ARGUMENT naming the first
// string field (as a path, e.g. "article.body") that is not valid UTF-8, or
// saying that the message is malformed. Thread-safe.
absl::Status DescribeParseFailure(const grpc::ByteBuffer& raw,
                                  const google::protobuf::Descriptor& type);

// Parses a request from raw bytes. INVALID_ARGUMENT, naming the field, when
// a string field holds invalid UTF-8 or the bytes are not a `Message`.
//
// Why raw bytes: with gRPC's own parsing, such a request never reaches the
// adapter, and the callback API answers it with a bare UNIMPLEMENTED (it
// drops the parse status). The adapters therefore register raw methods and
// parse here, so that the documented INVALID_ARGUMENT comes back.
template <typename Message>
absl::Status ParseRequest(const grpc::ByteBuffer& raw, Message* message) {
  grpc::ByteBuffer copy(raw);  // Deserialize consumes its buffer.
  if (grpc::SerializationTraits<Message>::Deserialize(&copy, message).ok()) {
    return absl::OkStatus();
  }
  return DescribeParseFailure(raw, *Message::descriptor());
}

// Serializes a response into `raw`. Thread-safe.
template <typename Message>
void SerializeResponse(const Message& message, grpc::ByteBuffer* raw) {
  bool own_buffer = false;
  grpc::SerializationTraits<Message>::Serialize(message, raw, &own_buffer);
}

// Runs `work` (signature:
//   absl::StatusOr<Response>(const Request&, std::vector<LogFact>*))
// inline on the parsed request, serializes its value into `raw_response`
// and finishes the call. `work` may add facts for the request's log line.
// Before parsing, the call is admitted through `admission` as a unary call
// needing `required` (null: every call is admitted); its slot is held until
// the call is finished. Returns the reactor to hand back to gRPC. `logger`
// and `admission` are not kept.
template <typename Request, typename Response, typename Work>
grpc::ServerUnaryReactor* RunUnary(grpc::CallbackServerContext* context,
                                   const RequestLogger& logger,
                                   auth::Admission* admission,
                                   auth::Scope required, std::string_view rpc,
                                   const grpc::ByteBuffer* raw_request,
                                   grpc::ByteBuffer* raw_response,
                                   Work&& work) {
  RequestRecord record;
  record.start = absl::Now();
  record.rpc = std::string(rpc);
  record.peer = context->peer();
  absl::Status status = CheckCallActive(*context);
  auth::Admission::Slot slot;  // Held until the call is finished.
  if (status.ok()) {
    absl::StatusOr<auth::Admission::Slot> admitted =
        AdmitCall(admission, *context, auth::CallKind::kUnary, required, rpc);
    if (admitted.ok()) {
      slot = *std::move(admitted);
    } else {
      status = admitted.status();
    }
  }
  Request request;
  if (status.ok()) status = ParseRequest(*raw_request, &request);
  if (status.ok()) {
    absl::StatusOr<Response> result = work(request, &record.facts);
    if (result.ok()) {
      SerializeResponse(*result, raw_response);
    } else {
      status = result.status();
    }
  }
  record.code = status.code();
  record.error = std::string(status.message());
  record.elapsed = absl::Now() - record.start;
  logger.Log(record);
  // Free the slot first: once the client has its answer, the slot is free.
  slot = auth::Admission::Slot();
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

}  // namespace factcheck::common

#endif  // FACTCHECK_SERVICES_COMMON_UNARY_CALL_H_
