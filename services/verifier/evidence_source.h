#ifndef FACTCHECK_SERVICES_VERIFIER_EVIDENCE_SOURCE_H_
#define FACTCHECK_SERVICES_VERIFIER_EVIDENCE_SOURCE_H_

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "base/call_control.h"
#include "factcheck/v1/article.pb.h"
#include "factcheck/v1/claims_service.pb.h"

namespace factcheck::verifier {

// Where the verifier gets stored evidence: the local store (same process) or
// a remote ClaimsService. Implementations are thread-safe.
//
// `control` carries the caller's deadline and cancellation: a source that
// waits (a remote one) neither waits nor retries past them and then returns
// the control's status (CANCELLED or DEADLINE_EXCEEDED); one that does not
// may ignore it. The overloads without it never stop early.
class EvidenceSource {
 public:
  virtual ~EvidenceSource() = default;

  // All statements of an article, in text order. NOT_FOUND for an unknown id.
  virtual absl::StatusOr<std::vector<v1::Statement>> ArticleStatements(
      std::string_view article_id, const CallControl& control) const = 0;

  // The best `max_candidates` statements of the archive for `query` (BM25),
  // restricted to articles that pass `filter`.
  virtual absl::StatusOr<std::vector<v1::Statement>> SearchArchive(
      std::string_view query, const v1::ArticleFilter& filter,
      int max_candidates, const CallControl& control) const = 0;

  absl::StatusOr<std::vector<v1::Statement>> ArticleStatements(
      std::string_view article_id) const {
    return ArticleStatements(article_id, CallControl());
  }
  absl::StatusOr<std::vector<v1::Statement>> SearchArchive(
      std::string_view query, const v1::ArticleFilter& filter,
      int max_candidates) const {
    return SearchArchive(query, filter, max_candidates, CallControl());
  }
};

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_EVIDENCE_SOURCE_H_
