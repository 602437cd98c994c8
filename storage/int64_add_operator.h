#ifndef FACTCHECK_STORAGE_INT64_ADD_OPERATOR_H_
#define FACTCHECK_STORAGE_INT64_ADD_OPERATOR_H_

#include <string>

#include "rocksdb/merge_operator.h"

namespace factcheck::storage {

// Merge operator of the `meta` and `terms` families: values and operands are
// i64 (key_codec.h, EncodeInt64) and merging adds them (wrapping on
// overflow), so counters and document frequencies are updated without a read.
// A missing base value counts as 0. A value of the wrong size fails the merge,
// which RocksDB reports as Corruption (DATA_LOSS). Thread-safe (stateless).
class Int64AddOperator final : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice& key, const rocksdb::Slice* existing_value,
             const rocksdb::Slice& value, std::string* new_value,
             rocksdb::Logger* logger) const override;
  const char* Name() const override { return "factcheck.Int64Add"; }
};

}  // namespace factcheck::storage

#endif  // FACTCHECK_STORAGE_INT64_ADD_OPERATOR_H_
