#ifndef FACTCHECK_SERVICES_VERIFIER_LOCAL_EVIDENCE_SOURCE_H_
#define FACTCHECK_SERVICES_VERIFIER_LOCAL_EVIDENCE_SOURCE_H_

#include <string_view>
#include <vector>

#include "services/claims/claims_core.h"
#include "services/verifier/claims_evidence_source.h"
#include "services/verifier/claims_reader.h"
#include "services/verifier/evidence_source.h"

namespace factcheck::verifier {

// ClaimsReader on the ClaimsCore of the same process: the embedded topology.
// Thread-safe (the core is).
class LocalClaimsReader final : public ClaimsReader {
 public:
  // `claims` is not owned and must outlive this object.
  explicit LocalClaimsReader(claims::ClaimsCore* claims);

  using ClaimsReader::GetArticle;
  using ClaimsReader::ListStatements;
  using ClaimsReader::SearchStatements;

  // Each read is one short core call: `control` is not needed.
  absl::StatusOr<v1::ListStatementsResponse> ListStatements(
      const v1::ListStatementsRequest& request,
      const CallControl& control) const override;
  absl::StatusOr<v1::SearchStatementsResponse> SearchStatements(
      const v1::SearchStatementsRequest& request,
      const CallControl& control) const override;
  absl::StatusOr<v1::Article> GetArticle(
      const v1::GetArticleRequest& request,
      const CallControl& control) const override;

 private:
  claims::ClaimsCore* claims_;
};

// Evidence from the ClaimsCore of the same process: a ClaimsEvidenceSource
// over a LocalClaimsReader, so that it goes through the same calls as a
// remote ClaimsService would. Thread-safe.
class LocalEvidenceSource final : public EvidenceSource {
 public:
  // `claims` is not owned and must outlive this object.
  explicit LocalEvidenceSource(claims::ClaimsCore* claims);

  using EvidenceSource::ArticleStatements;
  using EvidenceSource::SearchArchive;

  absl::StatusOr<std::vector<v1::Statement>> ArticleStatements(
      std::string_view article_id, const CallControl& control) const override;
  absl::StatusOr<std::vector<v1::Statement>> SearchArchive(
      std::string_view query, const v1::ArticleFilter& filter,
      int max_candidates, const CallControl& control) const override;

 private:
  LocalClaimsReader reader_;
  ClaimsEvidenceSource source_;
};

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_LOCAL_EVIDENCE_SOURCE_H_
