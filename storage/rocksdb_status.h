#ifndef FACTCHECK_STORAGE_ROCKSDB_STATUS_H_
#define FACTCHECK_STORAGE_ROCKSDB_STATUS_H_

// The one bridge from rocksdb::Status to absl::Status. No other file inspects
// a rocksdb::Status: everything goes through FromRocksDbStatus.

#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/status.h"

namespace factcheck::storage {

// Maps `status` to an absl::Status whose message is "<context>: <rocksdb
// message>". OK maps to OK. The mapping (PRACTICES.md §2):
//   NotFound                -> NOT_FOUND
//   Corruption              -> DATA_LOSS
//   IOError (NoSpace)       -> RESOURCE_EXHAUSTED
//   IOError (other)         -> UNAVAILABLE (the LOCK-file case says that the
//                              directory is locked by another process)
//   Busy, TryAgain          -> UNAVAILABLE
//   Aborted                 -> ABORTED
//   TimedOut                -> DEADLINE_EXCEEDED
//   NotSupported            -> UNIMPLEMENTED
//   InvalidArgument         -> INTERNAL (a storage-level invalid argument is
//                              our bug, not the caller's)
//   ShutdownInProgress      -> UNAVAILABLE
//   anything else           -> INTERNAL
// Thread-safe (pure function).
absl::Status FromRocksDbStatus(const rocksdb::Status& status,
                               std::string_view context);

// True for NotFound, which the store treats as absence rather than failure
// (cheaper than building the mapped status on every miss). Thread-safe.
bool IsRocksDbNotFound(const rocksdb::Status& status);

}  // namespace factcheck::storage

#endif  // FACTCHECK_STORAGE_ROCKSDB_STATUS_H_
