#include "bench/analysis/evidence_source.h"

#include <fstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "services/claims/ingest.h"
#include "text/normalize.h"

namespace factcheck::analysis_eval {

EvidenceSource::EvidenceSource(std::string shared_data)
    : shared_data_(std::move(shared_data)) {}

absl::StatusOr<std::string> EvidenceSource::Evidence(
    const GoldArticle& article) {
  auto file = files_.find(article.source_file);
  if (file == files_.end()) {
    const std::string path =
        absl::StrCat(shared_data_, "/dev/valid/", article.source_file);
    std::ifstream in(path);
    if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
    std::map<std::string, std::string> rows;
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      google::protobuf::Struct s;
      if (!google::protobuf::util::JsonStringToMessage(line, &s).ok()) {
        return absl::DataLossError(absl::StrCat("malformed line in ", path));
      }
      const auto id = s.fields().find("id");
      const auto ev = s.fields().find("evidence");
      if (id == s.fields().end() || ev == s.fields().end()) continue;
      rows.emplace(id->second.string_value(), ev->second.string_value());
    }
    file = files_.emplace(article.source_file, std::move(rows)).first;
  }
  const auto row = file->second.find(article.row_id);
  if (row == file->second.end()) {
    return absl::NotFoundError(
        absl::StrCat("row ", article.row_id, " not in ", article.source_file));
  }
  const std::string& evidence = row->second;
  if (claims::Sha256Hex(evidence) != article.evidence_sha256) {
    return absl::FailedPreconditionError(
        absl::StrCat("row ", article.row_id,
                     ": evidence text differs from the one labelled (SHA-256 "
                     "mismatch); refusing to score"));
  }
  absl::StatusOr<std::string> body = text::NormalizeBody(evidence);
  if (!body.ok()) return body.status();
  if (*body != evidence) {
    return absl::FailedPreconditionError(
        absl::StrCat("row ", article.row_id,
                     ": normalisation changes the evidence text, so the gold "
                     "offsets would not index the analysed body"));
  }
  if (absl::Status s = CheckSpans(article, evidence); !s.ok()) return s;
  return evidence;
}

}  // namespace factcheck::analysis_eval
