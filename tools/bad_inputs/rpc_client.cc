#include "tools/bad_inputs/rpc_client.h"

#include <condition_variable>
#include <mutex>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "base/string_view.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/slice.h"

namespace factcheck::bad_inputs {
namespace {

constexpr absl::Duration kCallTimeout = absl::Seconds(30);

// Reads a VerifyResponse.error ("INVALID_ARGUMENT: message", written by
// the server with absl::StatusCodeToString) back into a code and message.
Outcome FromStreamError(const std::string& error) {
  for (int code = 1; code <= 16; ++code) {
    const std::string prefix = absl::StrCat(
        absl::StatusCodeToString(static_cast<absl::StatusCode>(code)), ": ");
    if (absl::StartsWith(error, prefix)) {
      return {static_cast<grpc::StatusCode>(code), error.substr(prefix.size())};
    }
  }
  return {grpc::StatusCode::UNKNOWN, error};
}

}  // namespace

Outcome FromStatus(const grpc::Status& status) {
  return {status.error_code(), status.error_message()};
}

std::string Bearer(std::string_view token) {
  return token.empty() ? std::string() : absl::StrCat("Bearer ", AsAbsl(token));
}

RpcClient::RpcClient(std::shared_ptr<grpc::Channel> channel)
    : claims_(v1::ClaimsService::NewStub(channel)),
      verifier_(v1::VerifierService::NewStub(channel)),
      generic_(std::make_unique<grpc::GenericStub>(channel)) {}

std::unique_ptr<grpc::ClientContext> RpcClient::Context(
    std::string_view authorization) const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + kCallTimeout));
  if (!authorization.empty()) {
    context->AddMetadata("authorization", std::string(authorization));
  }
  return context;
}

Outcome RpcClient::RawUnary(std::string_view authorization,
                            const std::string& method,
                            const std::string& bytes) {
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  std::unique_ptr<grpc::ClientContext> context = Context(authorization);
  std::mutex mu;
  std::condition_variable done_cv;
  bool done = false;
  grpc::Status status;
  generic_->UnaryCall(context.get(), method, grpc::StubOptions(), &request,
                      &response, [&](grpc::Status s) {
                        std::lock_guard<std::mutex> lock(mu);
                        status = std::move(s);
                        done = true;
                        done_cv.notify_one();
                      });
  std::unique_lock<std::mutex> lock(mu);
  done_cv.wait(lock, [&] { return done; });
  return FromStatus(status);
}

Outcome RpcClient::VerifyStream(std::string_view authorization,
                                const std::vector<v1::VerifyRequest>& requests,
                                std::vector<v1::VerifyResponse>* responses) {
  std::unique_ptr<grpc::ClientContext> context = Context(authorization);
  auto stream = verifier_->VerifyStream(context.get());
  std::vector<v1::VerifyResponse> read;
  for (const v1::VerifyRequest& request : requests) {
    if (!stream->Write(request)) break;
    v1::VerifyResponse response;
    if (!stream->Read(&response)) break;
    read.push_back(std::move(response));
  }
  stream->WritesDone();
  const grpc::Status status = stream->Finish();
  Outcome outcome;
  if (!status.ok()) {
    outcome = FromStatus(status);
  } else if (read.empty()) {
    outcome = {grpc::StatusCode::UNKNOWN, "the stream returned no response"};
  } else if (!read.front().error().empty()) {
    outcome = FromStreamError(read.front().error());
  }
  if (responses != nullptr) *responses = std::move(read);
  return outcome;
}

}  // namespace factcheck::bad_inputs
