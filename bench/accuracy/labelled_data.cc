#include "bench/accuracy/labelled_data.h"

#include <atomic>
#include <fstream>
#include <optional>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace factcheck::accuracy {
namespace {

namespace pb = google::protobuf;

const pb::Value* Field(const pb::Struct& s, const std::string& name) {
  auto it = s.fields().find(name);
  return it == s.fields().end() ? nullptr : &it->second;
}

std::string StringField(const pb::Struct& s, const std::string& name) {
  const pb::Value* v = Field(s, name);
  return v != nullptr && v->has_string_value() ? v->string_value() : "";
}

bool BoolField(const pb::Struct& s, const std::string& name) {
  const pb::Value* v = Field(s, name);
  return v != nullptr && v->has_bool_value() && v->bool_value();
}

// Parses one JSONL row; an error message on failure.
std::optional<Row> ParseRow(const std::string& line, std::string* error) {
  pb::Struct s;
  const auto status = pb::util::JsonStringToMessage(line, &s);
  if (!status.ok()) {
    *error = std::string(status.message());
    return std::nullopt;
  }
  Row row;
  row.id = StringField(s, "id");
  row.claim = StringField(s, "claim");
  row.evidence = StringField(s, "evidence");
  const std::optional<Label> gold = ParseLabel(StringField(s, "label"));
  if (row.claim.empty() || !gold) {
    *error = "missing claim or unknown label";
    return std::nullopt;
  }
  row.gold = *gold;
  if (const pb::Value* meta = Field(s, "meta");
      meta != nullptr && meta->has_struct_value()) {
    row.binary = BoolField(meta->struct_value(), "binary");
    row.ambiguous = BoolField(meta->struct_value(), "ambiguous");
  }
  return row;
}

}  // namespace

absl::StatusOr<LabelledFile> ReadLabelledFile(const std::string& path,
                                              size_t limit) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  LabelledFile out;
  std::string line;
  while (std::getline(in, line)) {
    if (limit > 0 && out.rows.size() >= limit) break;
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    std::string error;
    std::optional<Row> row = ParseRow(line, &error);
    if (!row) {
      if (++out.bad <= 3) out.first_errors.push_back(error);
      continue;
    }
    out.rows.push_back(std::move(*row));
  }
  return out;
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

void ParallelFor(size_t n, int threads,
                 const std::function<void(size_t)>& work) {
  std::atomic<size_t> next{0};
  auto run = [&] {
    for (size_t i = next++; i < n; i = next++) work(i);
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(run);
  run();
  for (std::thread& t : pool) t.join();
}

}  // namespace factcheck::accuracy
