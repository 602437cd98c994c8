#include "services/common/unary_call.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/stubs/common.h"
#include "google/protobuf/unknown_field_set.h"

namespace factcheck::common {

absl::Status CheckCallActive(const grpc::ServerContextBase& context) {
  if (context.IsCancelled()) {
    return absl::CancelledError("the call was cancelled by the client");
  }
  if (context.deadline() <= std::chrono::system_clock::now()) {
    return absl::DeadlineExceededError(
        "the call's deadline passed before work started");
  }
  return absl::OkStatus();
}

CallControl CallControlOf(const grpc::ServerContextBase& context) {
  const std::chrono::system_clock::time_point deadline = context.deadline();
  return CallControl(deadline == std::chrono::system_clock::time_point::max()
                         ? absl::InfiniteFuture()
                         : absl::FromChrono(deadline),
                     [&context] { return context.IsCancelled(); });
}

std::optional<std::string_view> AuthorizationOf(
    const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return std::nullopt;
  return std::string_view(it->second.data(), it->second.size());
}

absl::StatusOr<auth::Admission::Slot> AdmitCall(
    auth::Admission* admission, const grpc::ServerContextBase& context,
    auth::CallKind kind, auth::Scope required, std::string_view rpc) {
  if (admission == nullptr) return auth::Admission::Slot();
  return admission->Admit(kind, AuthorizationOf(context), required, rpc);
}

namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::UnknownField;
using google::protobuf::UnknownFieldSet;

// The path of the first string field under `fields` (parsed without UTF-8
// checks) that holds invalid UTF-8, or nullopt.
std::optional<std::string> FindInvalidUtf8(const UnknownFieldSet& fields,
                                           const Descriptor& type, int depth) {
  if (depth > 32) return std::nullopt;
  for (int i = 0; i < fields.field_count(); ++i) {
    const UnknownField& field = fields.field(i);
    if (field.type() != UnknownField::TYPE_LENGTH_DELIMITED) continue;
    const FieldDescriptor* descriptor = type.FindFieldByNumber(field.number());
    if (descriptor == nullptr) continue;
    if (descriptor->type() == FieldDescriptor::TYPE_STRING) {
      if (!google::protobuf::internal::IsStructurallyValidUTF8(
              field.length_delimited().data(),
              static_cast<int>(field.length_delimited().size()))) {
        return descriptor->name();
      }
    } else if (descriptor->type() == FieldDescriptor::TYPE_MESSAGE) {
      UnknownFieldSet nested;
      if (!nested.ParseFromString(field.length_delimited())) continue;
      std::optional<std::string> inner =
          FindInvalidUtf8(nested, *descriptor->message_type(), depth + 1);
      if (inner.has_value()) {
        return absl::StrCat(descriptor->name(), ".", *inner);
      }
    }
  }
  return std::nullopt;
}

}  // namespace

absl::Status DescribeParseFailure(const grpc::ByteBuffer& raw,
                                  const google::protobuf::Descriptor& type) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (raw.Dump(&slices).ok()) {
    for (const grpc::Slice& slice : slices) {
      bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
    }
  }
  UnknownFieldSet fields;
  if (fields.ParseFromString(bytes)) {
    std::optional<std::string> path = FindInvalidUtf8(fields, type, 0);
    if (path.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat(*path, ": not valid UTF-8"));
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat("request is not a valid ", type.full_name()));
}

}  // namespace factcheck::common
