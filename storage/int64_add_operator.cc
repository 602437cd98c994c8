#include "storage/int64_add_operator.h"

#include <cstdint>
#include <optional>
#include <string_view>

#include "storage/key_codec.h"

namespace factcheck::storage {

bool Int64AddOperator::Merge(const rocksdb::Slice& /*key*/,
                             const rocksdb::Slice* existing_value,
                             const rocksdb::Slice& value,
                             std::string* new_value,
                             rocksdb::Logger* /*logger*/) const {
  uint64_t sum = 0;
  if (existing_value != nullptr) {
    std::optional<int64_t> base = DecodeInt64(
        std::string_view(existing_value->data(), existing_value->size()));
    if (!base.has_value()) return false;
    sum = static_cast<uint64_t>(*base);
  }
  std::optional<int64_t> operand =
      DecodeInt64(std::string_view(value.data(), value.size()));
  if (!operand.has_value()) return false;
  // Unsigned addition wraps instead of overflowing (undefined for int64_t).
  sum += static_cast<uint64_t>(*operand);
  *new_value = EncodeInt64(static_cast<int64_t>(sum));
  return true;
}

}  // namespace factcheck::storage
