#ifndef FACTCHECK_TOOLS_BAD_INPUTS_RPC_CLIENT_H_
#define FACTCHECK_TOOLS_BAD_INPUTS_RPC_CLIENT_H_

// The client side of factcheck-bad-inputs: generated stubs on one channel,
// contexts that carry a chosen "authorization" value, a raw-bytes unary
// call (for requests no stub can build), and one-stream VerifyStream calls.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "factcheck/v1/claims_service.grpc.pb.h"
#include "factcheck/v1/verifier_service.grpc.pb.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/status.h"

namespace factcheck::bad_inputs {

// What one call came back with. For a VerifyStream request that the server
// answered with `error` set, the code and message parsed from it.
struct Outcome {
  grpc::StatusCode code = grpc::StatusCode::OK;
  std::string message;
};

Outcome FromStatus(const grpc::Status& status);

// The "authorization" value for a bearer token; "" sends no metadata.
std::string Bearer(std::string_view token);

class RpcClient {
 public:
  explicit RpcClient(std::shared_ptr<grpc::Channel> channel);

  // A context with a 30 s deadline and, unless `authorization` is empty,
  // that "authorization" metadata.
  std::unique_ptr<grpc::ClientContext> Context(
      std::string_view authorization) const;

  v1::ClaimsService::Stub& claims() { return *claims_; }
  v1::VerifierService::Stub& verifier() { return *verifier_; }

  // Calls a stub method: `(stub.*method)(context, request, &response)`.
  template <typename Stub, typename Request, typename Response>
  Outcome Unary(Stub& stub,
                grpc::Status (Stub::*method)(grpc::ClientContext*,
                                             const Request&, Response*),
                std::string_view authorization, const Request& request) {
    Response response;
    return FromStatus(
        (stub.*method)(Context(authorization).get(), request, &response));
  }

  // Sends `bytes` as the request of `method` ("/factcheck.v1.X/Y").
  Outcome RawUnary(std::string_view authorization, const std::string& method,
                   const std::string& bytes);

  // Opens one VerifyStream, writes `requests`, and reads one response per
  // request. The outcome is the stream's status when it failed, else the
  // first response's `error` (OK when none). `responses`, when not null,
  // receives every response read.
  Outcome VerifyStream(std::string_view authorization,
                       const std::vector<v1::VerifyRequest>& requests,
                       std::vector<v1::VerifyResponse>* responses = nullptr);

 private:
  std::unique_ptr<v1::ClaimsService::Stub> claims_;
  std::unique_ptr<v1::VerifierService::Stub> verifier_;
  std::unique_ptr<grpc::GenericStub> generic_;
};

}  // namespace factcheck::bad_inputs

#endif  // FACTCHECK_TOOLS_BAD_INPUTS_RPC_CLIENT_H_
