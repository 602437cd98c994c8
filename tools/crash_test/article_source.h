#ifndef FACTCHECK_TOOLS_CRASH_TEST_ARTICLE_SOURCE_H_
#define FACTCHECK_TOOLS_CRASH_TEST_ARTICLE_SOURCE_H_

// The articles the crash test ingests: an endless, deterministic sequence
// of IngestArticleRequests with unique ids and unique bodies, built from a
// finite corpus (Reuters-21578 JSONL records, or plain-text samples).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "factcheck/v1/claims_service.pb.h"

namespace factcheck::crash_test {

class ArticleSource {
 public:
  // Reads every article of `dir`: each line of each *.jsonl file (an object
  // with "body" and optionally "id", "title", "date" as in
  // ../shared/data/news/reuters21578.jsonl) and each *.txt file (with the
  // optional *.json sidecar of data/samples). Files are read in name order;
  // bodies are normalised as the server does, repeated ones dropped, then
  // the articles are shuffled with `seed`. NOT_FOUND when `dir` is not
  // a folder, INVALID_ARGUMENT when it holds no usable article.
  static absl::StatusOr<ArticleSource> FromDirectories(
      const std::vector<std::string>& dirs, uint64_t seed);

  // The request for the `n`-th ingest: corpus article n % size(), id
  // IdFor(n). From the second pass over the corpus on, the body ends with a
  // sentence naming the pass, so that no two requests share a body (ingest
  // is idempotent on the body's hash). Deterministic; thread-safe.
  v1::IngestArticleRequest Request(uint64_t n) const;

  // "crash-<n>", zero-padded so that ids sort in ingest order.
  static std::string IdFor(uint64_t n);

  size_t size() const { return articles_.size(); }
  // Articles left out: a body that repeats an earlier one once normalised
  // (ingest is idempotent on it), an empty body or invalid UTF-8.
  size_t skipped() const { return skipped_; }

 private:
  ArticleSource(std::vector<v1::Article> articles, size_t skipped)
      : articles_(std::move(articles)), skipped_(skipped) {}

  // Without id; body, title, publisher, published_at as read.
  std::vector<v1::Article> articles_;
  size_t skipped_ = 0;
};

}  // namespace factcheck::crash_test

#endif  // FACTCHECK_TOOLS_CRASH_TEST_ARTICLE_SOURCE_H_
