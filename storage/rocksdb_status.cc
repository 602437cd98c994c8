#include "storage/rocksdb_status.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/string_view.h"

namespace factcheck::storage {
namespace {

absl::StatusCode MapCode(const rocksdb::Status& status) {
  switch (status.code()) {
    case rocksdb::Status::kOk:
      return absl::StatusCode::kOk;
    case rocksdb::Status::kNotFound:
      return absl::StatusCode::kNotFound;
    case rocksdb::Status::kCorruption:
      return absl::StatusCode::kDataLoss;
    case rocksdb::Status::kIOError:
      return status.IsNoSpace() ? absl::StatusCode::kResourceExhausted
                                : absl::StatusCode::kUnavailable;
    case rocksdb::Status::kBusy:
    case rocksdb::Status::kTryAgain:
    case rocksdb::Status::kShutdownInProgress:
      return absl::StatusCode::kUnavailable;
    case rocksdb::Status::kAborted:
      return absl::StatusCode::kAborted;
    case rocksdb::Status::kTimedOut:
      return absl::StatusCode::kDeadlineExceeded;
    case rocksdb::Status::kNotSupported:
      return absl::StatusCode::kUnimplemented;
    case rocksdb::Status::kInvalidArgument:
      return absl::StatusCode::kInternal;
    default:
      return absl::StatusCode::kInternal;
  }
}

// RocksDB reports a held LOCK file as an IOError whose text names the lock:
// "While lock file: <dir>/LOCK: Resource temporarily unavailable" from
// another process, "lock hold by current process" from this one.
bool IsDirectoryLocked(const rocksdb::Status& status) {
  if (!status.IsIOError()) return false;
  const std::string text = status.ToString();
  return absl::StrContains(text, "/LOCK") ||
         absl::StrContains(text, "lock hold by current process");
}

}  // namespace

absl::Status FromRocksDbStatus(const rocksdb::Status& status,
                               std::string_view context) {
  if (status.ok()) return absl::OkStatus();
  std::string message =
      IsDirectoryLocked(status)
          ? absl::StrCat(AsAbsl(context),
                         ": the database directory is locked by another "
                         "process (or already open in this one): ",
                         status.ToString())
          : absl::StrCat(AsAbsl(context), ": ", status.ToString());
  return absl::Status(MapCode(status), message);
}

bool IsRocksDbNotFound(const rocksdb::Status& status) {
  return status.IsNotFound();
}

}  // namespace factcheck::storage
