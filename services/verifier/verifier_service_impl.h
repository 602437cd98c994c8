#ifndef FACTCHECK_SERVICES_VERIFIER_VERIFIER_SERVICE_IMPL_H_
#define FACTCHECK_SERVICES_VERIFIER_VERIFIER_SERVICE_IMPL_H_

#include <string>

#include "absl/status/status.h"
#include "factcheck/v1/verifier_service.grpc.pb.h"
#include "grpcpp/support/byte_buffer.h"
#include "services/auth/admission.h"
#include "services/common/request_log.h"
#include "services/verifier/verifier_core.h"

namespace factcheck::verifier {

// gRPC adapter of VerifierService (callback API): unpacks, calls
// VerifierCore, converts the status, logs one line per call (one per stream
// for VerifyStream). Verification is CPU-bound and short (milliseconds), so
// it runs inline on gRPC's callback threads for now; a dedicated executor
// would only add a hop on these 2-core machines. Long work (big batches,
// archive scopes) stops when the call's deadline passes or it is cancelled
// (common::CallControlOf; the server's shutdown cancels after its drain).
// Thread-safe.
// The generated service with every method in raw (bytes) callback form:
// requests are parsed by the adapter, so that invalid UTF-8 gets the
// documented INVALID_ARGUMENT (see common::ParseRequest), and, in a stream,
// an error response instead of a broken stream.
using RawVerifierService = v1::VerifierService::WithRawCallbackMethod_Verify<
    v1::VerifierService::WithRawCallbackMethod_VerifyBatch<
        v1::VerifierService::WithRawCallbackMethod_VerifyStream<
            v1::VerifierService::Service>>>;

class VerifierServiceImpl final : public RawVerifierService {
 public:
  // `core`, `logger` and `admission` are not owned and must outlive the
  // service. Every call (each stream once, at its start) is admitted
  // through `admission` (null: all are) with the "read" scope before any
  // work.
  VerifierServiceImpl(const VerifierCore* core,
                      const common::RequestLogger* logger,
                      auth::Admission* admission = nullptr);

  grpc::ServerUnaryReactor* Verify(grpc::CallbackServerContext* context,
                                   const grpc::ByteBuffer* raw_request,
                                   grpc::ByteBuffer* raw_response) override;
  grpc::ServerUnaryReactor* VerifyBatch(
      grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
      grpc::ByteBuffer* raw_response) override;
  grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* VerifyStream(
      grpc::CallbackServerContext* context) override;

 private:
  const VerifierCore* core_;
  const common::RequestLogger* logger_;
  auth::Admission* admission_;
};

// The `error` text of a VerifyStream response for a rejected request:
// "INVALID_ARGUMENT: claim is empty". Thread-safe.
std::string StreamErrorText(const absl::Status& status);

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_VERIFIER_SERVICE_IMPL_H_
