#ifndef FACTCHECK_SERVICES_VERIFIER_LOCAL_EVIDENCE_SOURCE_H_
#define FACTCHECK_SERVICES_VERIFIER_LOCAL_EVIDENCE_SOURCE_H_

#include <string_view>
#include <vector>

#include "services/claims/claims_core.h"
#include "services/verifier/evidence_source.h"

namespace factcheck::verifier {

// Evidence from the ClaimsCore of the same process: the default, embedded
// topology. Goes through the same core calls as a remote ClaimsService would
// (ListStatements, SearchStatements), so both topologies see the same data.
// Thread-safe.
class LocalEvidenceSource final : public EvidenceSource {
 public:
  // `claims` is not owned and must outlive this object.
  explicit LocalEvidenceSource(claims::ClaimsCore* claims);

  absl::StatusOr<std::vector<v1::Statement>> ArticleStatements(
      std::string_view article_id) const override;

  // BM25 over the whole archive. With a filter, over-fetches and keeps the
  // hits whose article passes it (a first version: a filtered index would
  // scale better for very selective filters).
  absl::StatusOr<std::vector<v1::Statement>> SearchArchive(
      std::string_view query, const v1::ArticleFilter& filter,
      int max_candidates) const override;

 private:
  claims::ClaimsCore* claims_;
};

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_LOCAL_EVIDENCE_SOURCE_H_
