#ifndef FACTCHECK_SERVICES_ADMIN_ADMIN_SERVICE_IMPL_H_
#define FACTCHECK_SERVICES_ADMIN_ADMIN_SERVICE_IMPL_H_

#include "factcheck/v1/admin_service.grpc.pb.h"
#include "grpcpp/support/byte_buffer.h"
#include "services/admin/admin_core.h"
#include "services/auth/admission.h"
#include "services/common/request_log.h"

namespace factcheck::admin {

// The generated service with its method in raw (bytes) callback form, like
// the other adapters (see common::ParseRequest for why).
using RawAdminService =
    v1::AdminService::WithRawCallbackMethod_CreateCheckpoint<
        v1::AdminService::Service>;

// gRPC adapter of AdminService (callback API): admits, parses, calls
// AdminCore, converts the status, logs one line per request. A checkpoint
// (a memtable flush and hard links) is short enough to run inline on
// gRPC's callback thread. Thread-safe.
class AdminServiceImpl final : public RawAdminService {
 public:
  // `core`, `logger` and `admission` are not owned and must outlive the
  // service. Every call needs the "write" scope (null `admission`: all
  // calls are admitted).
  AdminServiceImpl(AdminCore* core, const common::RequestLogger* logger,
                   auth::Admission* admission = nullptr);

  grpc::ServerUnaryReactor* CreateCheckpoint(
      grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
      grpc::ByteBuffer* response) override;

 private:
  AdminCore* core_;
  const common::RequestLogger* logger_;
  auth::Admission* admission_;
};

}  // namespace factcheck::admin

#endif  // FACTCHECK_SERVICES_ADMIN_ADMIN_SERVICE_IMPL_H_
