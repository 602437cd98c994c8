#ifndef FACTCHECK_SERVICES_CLAIMS_CLAIMS_SERVICE_IMPL_H_
#define FACTCHECK_SERVICES_CLAIMS_CLAIMS_SERVICE_IMPL_H_

#include "factcheck/v1/claims_service.grpc.pb.h"
#include "grpcpp/support/byte_buffer.h"
#include "services/auth/admission.h"
#include "services/claims/claims_core.h"
#include "services/common/request_log.h"

namespace factcheck::claims {

// The generated service with every method in raw (bytes) callback form:
// requests are parsed by the adapter, so that invalid UTF-8 gets the
// documented INVALID_ARGUMENT (see common::ParseRequest).
using RawClaimsService = v1::ClaimsService::WithRawCallbackMethod_IngestArticle<
    v1::ClaimsService::WithRawCallbackMethod_GetArticle<
        v1::ClaimsService::WithRawCallbackMethod_ListArticles<
            v1::ClaimsService::WithRawCallbackMethod_DeleteArticle<
                v1::ClaimsService::WithRawCallbackMethod_GetStatement<
                    v1::ClaimsService::WithRawCallbackMethod_ListStatements<
                        v1::ClaimsService::
                            WithRawCallbackMethod_SearchStatements<
                                v1::ClaimsService::
                                    WithRawCallbackMethod_AddStatement<
                                        v1::ClaimsService::Service>>>>>>>>;

// gRPC adapter of ClaimsService (callback API): parses the request, calls
// ClaimsCore, converts the status, logs one line per request. All logic
// lives in the core. The store calls are short and run inline on gRPC's
// callback threads. Thread-safe.
class ClaimsServiceImpl final : public RawClaimsService {
 public:
  // `core`, `logger` and `admission` are not owned and must outlive the
  // service. Every call is admitted through `admission` (null: all are)
  // before any work: IngestArticle, AddStatement and DeleteArticle need the
  // "write" scope, the other methods "read".
  ClaimsServiceImpl(ClaimsCore* core, const common::RequestLogger* logger,
                    auth::Admission* admission = nullptr);

  grpc::ServerUnaryReactor* IngestArticle(grpc::CallbackServerContext* context,
                                          const grpc::ByteBuffer* request,
                                          grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* GetArticle(grpc::CallbackServerContext* context,
                                       const grpc::ByteBuffer* request,
                                       grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListArticles(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* DeleteArticle(grpc::CallbackServerContext* context,
                                          const grpc::ByteBuffer* request,
                                          grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* GetStatement(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListStatements(grpc::CallbackServerContext* context,
                                           const grpc::ByteBuffer* request,
                                           grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* SearchStatements(
      grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
      grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* AddStatement(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;

 private:
  ClaimsCore* core_;
  const common::RequestLogger* logger_;
  auth::Admission* admission_;
};

}  // namespace factcheck::claims

#endif  // FACTCHECK_SERVICES_CLAIMS_CLAIMS_SERVICE_IMPL_H_
