#ifndef FACTCHECK_SERVICES_CLAIMS_CLAIMS_CORE_H_
#define FACTCHECK_SERVICES_CLAIMS_CLAIMS_CORE_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "factcheck/v1/claims_service.pb.h"
#include "storage/statement_store.h"

namespace factcheck::claims {

struct ClaimsOptions {
  // Largest accepted article body, in bytes. Default: 2 MiB.
  size_t max_article_bytes = 2 << 20;
  // Largest accepted search query or statement text. Default: 8 KiB.
  size_t max_query_bytes = 8 << 10;
  // Articles with more sentences than this are refused. Default: 5000.
  int max_statements_per_article = 5000;
  // Clock for `ingested_at`. Default: absl::Now.
  std::function<absl::Time()> clock = [] { return absl::Now(); };
};

// The logic of ClaimsService: validation, analysis of articles into sourced
// statements, paging, search. Plain protos in, absl::StatusOr out; no gRPC.
// Thread-safe (the store is). Error codes are those documented in
// claims_service.proto.
class ClaimsCore {
 public:
  // `store` is not owned and must outlive the core.
  ClaimsCore(storage::StatementStore* store, ClaimsOptions options);

  absl::StatusOr<v1::IngestArticleResponse> IngestArticle(
      const v1::IngestArticleRequest& request);
  absl::StatusOr<v1::Article> GetArticle(const v1::GetArticleRequest& request);
  absl::StatusOr<v1::ListArticlesResponse> ListArticles(
      const v1::ListArticlesRequest& request);
  absl::StatusOr<v1::DeleteArticleResponse> DeleteArticle(
      const v1::DeleteArticleRequest& request);
  absl::StatusOr<v1::Statement> GetStatement(
      const v1::GetStatementRequest& request);
  absl::StatusOr<v1::ListStatementsResponse> ListStatements(
      const v1::ListStatementsRequest& request);
  absl::StatusOr<v1::SearchStatementsResponse> SearchStatements(
      const v1::SearchStatementsRequest& request);
  absl::StatusOr<v1::Statement> AddStatement(
      const v1::AddStatementRequest& request);

  const ClaimsOptions& options() const { return options_; }

 private:
  // SearchStatements restricted to one speaker's statements (of `scope`'s
  // articles when it is non-empty), best first, at most `max_results`.
  absl::StatusOr<std::vector<storage::ScoredStatement>> SearchBySpeaker(
      const std::vector<std::string>& terms,
      const std::vector<std::string>& scope, std::string_view speaker,
      int max_results);

  storage::StatementStore* store_;
  ClaimsOptions options_;
};

}  // namespace factcheck::claims

#endif  // FACTCHECK_SERVICES_CLAIMS_CLAIMS_CORE_H_
