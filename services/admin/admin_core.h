#ifndef FACTCHECK_SERVICES_ADMIN_ADMIN_CORE_H_
#define FACTCHECK_SERVICES_ADMIN_ADMIN_CORE_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "factcheck/v1/admin_service.pb.h"
#include "storage/statement_store.h"

namespace factcheck::admin {

// Longest checkpoint name, in bytes.
inline constexpr size_t kMaxCheckpointNameBytes = 64;

struct AdminOptions {
  // Folder the checkpoints are written into, one sub-folder per name;
  // created (with its parents) by the first checkpoint. It should be on the
  // store's filesystem, so that checkpoints hard-link the table files
  // instead of copying them. Empty: checkpoints are refused with
  // FAILED_PRECONDITION. Default: empty.
  std::string checkpoint_dir;
  // Clock for default names and `created_at`. Default: absl::Now.
  std::function<absl::Time()> clock = [] { return absl::Now(); };
};

// OK for a valid checkpoint name: 1..64 characters of [A-Za-z0-9._-], not
// starting with '.' (so never "." or "..") and not ending in ".tmp" (the
// staging folder of another checkpoint). INVALID_ARGUMENT, naming `field`
// and the rule, otherwise. Thread-safe.
absl::Status CheckCheckpointName(std::string_view field, std::string_view name);

// The default name of a checkpoint made at `time`: UTC to the second,
// "20261129T153000Z". Thread-safe.
std::string DefaultCheckpointName(absl::Time time);

// The logic of AdminService: plain protos in, absl::StatusOr out; no gRPC.
// Thread-safe (the store is; two checkpoints of one name cannot both
// succeed).
class AdminCore {
 public:
  // `store` is not owned and must outlive the core.
  AdminCore(storage::StatementStore* store, AdminOptions options);

  // Validates the name (or picks the default one), creates the checkpoint
  // folder if needed and writes the store's checkpoint into
  // "<checkpoint_dir>/<name>". Errors as documented in admin_service.proto:
  // INVALID_ARGUMENT for a bad name, ALREADY_EXISTS for a taken one,
  // FAILED_PRECONDITION without a checkpoint folder or for a store in
  // memory, UNAVAILABLE when the folder cannot be created or written.
  absl::StatusOr<v1::Checkpoint> CreateCheckpoint(
      const v1::CreateCheckpointRequest& request);

  const AdminOptions& options() const { return options_; }

 private:
  storage::StatementStore* store_;
  AdminOptions options_;
};

}  // namespace factcheck::admin

#endif  // FACTCHECK_SERVICES_ADMIN_ADMIN_CORE_H_
