#include "services/admin/admin_core.h"

#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/status_macros.h"
#include "base/string_view.h"
#include "google/protobuf/util/time_util.h"
#include "services/validation/request_validation.h"

namespace factcheck::admin {

absl::Status CheckCheckpointName(std::string_view field,
                                 std::string_view name) {
  if (name.empty() || name.size() > kMaxCheckpointNameBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        AsAbsl(field), " is ", name.size(), " characters; give 1 to ",
        kMaxCheckpointNameBytes, " (or none for the current UTC time)"));
  }
  // The same characters as article ids: no '/', so the name never leaves
  // the checkpoint folder.
  FACTCHECK_RETURN_IF_ERROR(validation::CheckArticleId(field, name));
  if (name.front() == '.') {
    return absl::InvalidArgumentError(
        absl::StrCat(AsAbsl(field), " may not start with '.'"));
  }
  // RocksDB stages checkpoint "x" in "x.tmp" and deletes that folder when
  // the checkpoint fails: a checkpoint named "x.tmp" could be lost.
  if (absl::EndsWith(AsAbsl(name), ".tmp")) {
    return absl::InvalidArgumentError(absl::StrCat(
        AsAbsl(field),
        " may not end in \".tmp\" (reserved for checkpoints in progress)"));
  }
  return absl::OkStatus();
}

std::string DefaultCheckpointName(absl::Time time) {
  return absl::FormatTime("%Y%m%dT%H%M%SZ", time, absl::UTCTimeZone());
}

AdminCore::AdminCore(storage::StatementStore* store, AdminOptions options)
    : store_(store), options_(std::move(options)) {}

absl::StatusOr<v1::Checkpoint> AdminCore::CreateCheckpoint(
    const v1::CreateCheckpointRequest& request) {
  const absl::Time now = options_.clock();
  std::string name = request.name();
  if (name.empty()) {
    name = DefaultCheckpointName(now);
  } else {
    FACTCHECK_RETURN_IF_ERROR(CheckCheckpointName("name", name));
  }
  if (options_.checkpoint_dir.empty()) {
    return absl::FailedPreconditionError(
        "this server has no checkpoint folder (--checkpoint_dir): its store "
        "is in memory");
  }

  std::error_code error;
  const std::filesystem::path root =
      std::filesystem::absolute(options_.checkpoint_dir, error)
          .lexically_normal();
  if (!error) std::filesystem::create_directories(root, error);
  if (error) {
    return absl::UnavailableError(
        absl::StrCat("cannot create the checkpoint folder ",
                     options_.checkpoint_dir, ": ", error.message()));
  }
  const std::string path = (root / name).string();
  absl::StatusOr<storage::CheckpointInfo> info = store_->CreateCheckpoint(path);
  if (absl::IsAlreadyExists(info.status())) {
    return absl::AlreadyExistsError(absl::StrCat("checkpoint \"", name,
                                                 "\" already exists (", path,
                                                 "); choose another name"));
  }
  FACTCHECK_RETURN_IF_ERROR(info.status());

  v1::Checkpoint checkpoint;
  checkpoint.set_name(name);
  checkpoint.set_path(info->path);
  checkpoint.set_sequence_number(info->sequence);
  checkpoint.set_article_count(info->article_count);
  checkpoint.set_statement_count(info->statement_count);
  checkpoint.set_size_bytes(info->size_bytes);
  *checkpoint.mutable_created_at() =
      google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
          absl::ToUnixNanos(now));
  return checkpoint;
}

}  // namespace factcheck::admin
