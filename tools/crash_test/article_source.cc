#include "tools/crash_test/article_source.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "base/status_macros.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"
#include "services/server/samples.h"
#include "text/normalize.h"

namespace factcheck::crash_test {
namespace {

namespace fs = std::filesystem;
namespace pb = google::protobuf;

std::string StringField(const pb::Struct& s, const std::string& name) {
  auto it = s.fields().find(name);
  return it != s.fields().end() && it->second.has_string_value()
             ? it->second.string_value()
             : "";
}

// Reuters' "26-FEB-1987 15:01:01.79" as a timestamp; unset when unreadable
// (the article is then ingested without a publication time).
void SetPublishedAt(const std::string& date, v1::Article* article) {
  absl::Time time;
  std::string error;
  if (!absl::ParseTime("%d-%b-%Y %H:%M:%E*S", date, absl::UTCTimeZone(), &time,
                       &error)) {
    return;
  }
  *article->mutable_published_at() =
      pb::util::TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(time));
}

// One article per non-empty line with a non-empty "body"; other lines are
// skipped (the corpus is input, not under test).
absl::Status ReadJsonLines(const fs::path& path,
                           std::vector<v1::Article>* out) {
  std::ifstream in(path);
  if (!in)
    return absl::NotFoundError(absl::StrCat("cannot read ", path.string()));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    pb::Struct record;
    if (!pb::util::JsonStringToMessage(line, &record).ok()) continue;
    v1::Article article;
    article.set_body(StringField(record, "body"));
    if (article.body().empty()) continue;
    article.set_title(StringField(record, "title"));
    article.set_publisher("Reuters");
    SetPublishedAt(StringField(record, "date"), &article);
    out->push_back(std::move(article));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ArticleSource> ArticleSource::FromDirectories(
    const std::vector<std::string>& dirs, uint64_t seed) {
  std::vector<v1::Article> articles;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      return absl::NotFoundError(absl::StrCat(dir, " is not a folder"));
    }
    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
    if (ec) {
      return absl::UnavailableError(
          absl::StrCat("cannot list ", dir, ": ", ec.message()));
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      if (file.extension() == ".jsonl") {
        FACTCHECK_RETURN_IF_ERROR(ReadJsonLines(file, &articles));
      } else if (file.extension() == ".txt") {
        FACTCHECK_ASSIGN_OR_RETURN(v1::IngestArticleRequest sample,
                                   server::ReadSample(file.string()));
        articles.push_back(std::move(*sample.mutable_article()));
      }
    }
  }
  // The server stores one article per normalised body (ingest is
  // idempotent on its hash), so a repeated body could never be stored under
  // a second id: keep the first of each. Invalid UTF-8 would be refused.
  std::set<std::string> bodies;
  size_t skipped = 0;
  std::vector<v1::Article> unique;
  for (v1::Article& article : articles) {
    absl::StatusOr<std::string> body = text::NormalizeBody(article.body());
    if (!body.ok() || body->empty() || !bodies.insert(*body).second) {
      ++skipped;
      continue;
    }
    article.set_body(*std::move(body));
    unique.push_back(std::move(article));
  }
  articles = std::move(unique);
  if (articles.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("no article (*.jsonl lines with a \"body\", or *.txt) in ",
                     absl::StrJoin(dirs, ", ")));
  }
  std::mt19937_64 random(seed);
  std::shuffle(articles.begin(), articles.end(), random);
  return ArticleSource(std::move(articles), skipped);
}

v1::IngestArticleRequest ArticleSource::Request(uint64_t n) const {
  v1::IngestArticleRequest request;
  v1::Article* article = request.mutable_article();
  *article = articles_[n % articles_.size()];
  article->set_id(IdFor(n));
  const uint64_t pass = n / articles_.size();
  if (pass > 0) {
    absl::StrAppend(article->mutable_body(), "\n\nThis is crash-test copy ",
                    pass + 1, " of the article.\n");
  }
  return request;
}

std::string ArticleSource::IdFor(uint64_t n) {
  return absl::StrFormat("crash-%08d", n);
}

}  // namespace factcheck::crash_test
