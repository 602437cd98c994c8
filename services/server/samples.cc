#include "services/server/samples.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "base/file.h"
#include "base/status_macros.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"

namespace factcheck::server {
namespace {

namespace fs = std::filesystem;
using google::protobuf::Struct;
using google::protobuf::Value;

// The string value of `key`, or "" when absent. INVALID_ARGUMENT when it is
// not a string.
absl::StatusOr<std::string> StringField(const Struct& json,
                                        const std::string& key,
                                        const fs::path& path) {
  auto it = json.fields().find(key);
  if (it == json.fields().end()) return std::string();
  if (it->second.kind_case() != Value::kStringValue) {
    return absl::InvalidArgumentError(
        absl::StrCat(path.string(), ": \"", key, "\" must be a string"));
  }
  return it->second.string_value();
}

absl::Status ApplySidecar(const fs::path& path, v1::Article* article) {
  FACTCHECK_ASSIGN_OR_RETURN(std::string text,
                             ReadFileToString(path.string(), ""));
  Struct json;
  auto parsed = google::protobuf::util::JsonStringToMessage(text, &json);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        path.string(), ": not a JSON object: ", parsed.ToString()));
  }
  FACTCHECK_ASSIGN_OR_RETURN(*article->mutable_title(),
                             StringField(json, "title", path));
  FACTCHECK_ASSIGN_OR_RETURN(*article->mutable_url(),
                             StringField(json, "url", path));
  FACTCHECK_ASSIGN_OR_RETURN(*article->mutable_publisher(),
                             StringField(json, "publisher", path));
  FACTCHECK_ASSIGN_OR_RETURN(*article->mutable_language(),
                             StringField(json, "language", path));
  FACTCHECK_ASSIGN_OR_RETURN(std::string published,
                             StringField(json, "published_at", path));
  if (!published.empty()) {
    absl::Time time;
    std::string error;
    if (!absl::ParseTime(absl::RFC3339_full, published, &time, &error)) {
      return absl::InvalidArgumentError(
          absl::StrCat(path.string(), ": \"published_at\" is not RFC 3339 (",
                       error, "): ", published));
    }
    *article->mutable_published_at() =
        google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
            absl::ToUnixNanos(time));
  }
  auto authors = json.fields().find("authors");
  if (authors != json.fields().end()) {
    if (authors->second.kind_case() != Value::kListValue) {
      return absl::InvalidArgumentError(
          absl::StrCat(path.string(), ": \"authors\" must be a list"));
    }
    for (const Value& author : authors->second.list_value().values()) {
      if (author.kind_case() != Value::kStringValue) {
        return absl::InvalidArgumentError(
            absl::StrCat(path.string(), ": \"authors\" must hold strings"));
      }
      article->add_authors(author.string_value());
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::IngestArticleRequest> ReadSample(
    const std::string& txt_path) {
  v1::IngestArticleRequest request;
  v1::Article* article = request.mutable_article();
  FACTCHECK_ASSIGN_OR_RETURN(*article->mutable_body(),
                             ReadFileToString(txt_path, ""));
  fs::path sidecar = fs::path(txt_path).replace_extension(".json");
  std::error_code ec;
  if (fs::is_regular_file(sidecar, ec)) {
    FACTCHECK_RETURN_IF_ERROR(ApplySidecar(sidecar, article));
  }
  return request;
}

absl::StatusOr<int> LoadSamples(const std::string& dir,
                                claims::ClaimsCore* core) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return absl::NotFoundError(
        absl::StrCat("samples folder ", dir, " does not exist"));
  }
  std::vector<fs::path> texts;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") {
      texts.push_back(entry.path());
    }
  }
  if (ec) {
    return absl::UnavailableError(
        absl::StrCat("cannot list ", dir, ": ", ec.message()));
  }
  std::sort(texts.begin(), texts.end());
  int stored = 0;
  for (const fs::path& text : texts) {
    FACTCHECK_ASSIGN_OR_RETURN(v1::IngestArticleRequest request,
                               ReadSample(text.string()));
    absl::StatusOr<v1::IngestArticleResponse> response =
        core->IngestArticle(request);
    if (!response.ok()) {
      return absl::Status(response.status().code(),
                          absl::StrCat("sample ", text.string(), ": ",
                                       response.status().message()));
    }
    if (!response->already_existed()) ++stored;
  }
  return stored;
}

}  // namespace factcheck::server
