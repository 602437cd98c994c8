#ifndef FACTCHECK_SERVICES_VERIFIER_CLAIMS_EVIDENCE_SOURCE_H_
#define FACTCHECK_SERVICES_VERIFIER_CLAIMS_EVIDENCE_SOURCE_H_

#include <string_view>
#include <vector>

#include "services/verifier/claims_reader.h"
#include "services/verifier/evidence_source.h"

namespace factcheck::verifier {

// Evidence read through ClaimsService calls (ListStatements, SearchStatements,
// GetArticle), whether the service runs in this process or remotely: both
// topologies see the same data through the same logic. Errors of the reader
// are returned unchanged. Thread-safe.
class ClaimsEvidenceSource final : public EvidenceSource {
 public:
  // `reader` is not owned and must outlive this object.
  explicit ClaimsEvidenceSource(const ClaimsReader* reader);

  using EvidenceSource::ArticleStatements;
  using EvidenceSource::SearchArchive;

  // Pages through ListStatements. Every read gets `control`.
  absl::StatusOr<std::vector<v1::Statement>> ArticleStatements(
      std::string_view article_id, const CallControl& control) const override;

  // BM25 over the whole archive. With a filter, over-fetches and keeps the
  // hits whose article passes it (a first version: a filtered index would
  // scale better for very selective filters). Every read gets `control`.
  absl::StatusOr<std::vector<v1::Statement>> SearchArchive(
      std::string_view query, const v1::ArticleFilter& filter,
      int max_candidates, const CallControl& control) const override;

 private:
  const ClaimsReader* reader_;
};

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_CLAIMS_EVIDENCE_SOURCE_H_
