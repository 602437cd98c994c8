#include "services/admin/admin_service_impl.h"

#include <cstdint>
#include <vector>

#include "services/common/unary_call.h"

namespace factcheck::admin {

using common::LogFact;
using common::RunUnary;

AdminServiceImpl::AdminServiceImpl(AdminCore* core,
                                   const common::RequestLogger* logger,
                                   auth::Admission* admission)
    : core_(core), logger_(logger), admission_(admission) {}

grpc::ServerUnaryReactor* AdminServiceImpl::CreateCheckpoint(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  // Backups change nothing, but they write to the server's disk: only
  // writers may make them.
  return RunUnary<v1::CreateCheckpointRequest, v1::Checkpoint>(
      context, *logger_, admission_, auth::Scope::kWrite, "CreateCheckpoint",
      raw_request, raw_response,
      [this](const auto& request,
             std::vector<LogFact>* facts) -> absl::StatusOr<v1::Checkpoint> {
        auto result = core_->CreateCheckpoint(request);
        if (result.ok()) {
          facts->push_back({"checkpoint", result->name()});
          facts->push_back({"sequence_number",
                            static_cast<int64_t>(result->sequence_number())});
          facts->push_back(
              {"size_bytes", static_cast<int64_t>(result->size_bytes())});
        }
        return result;
      });
}

}  // namespace factcheck::admin
