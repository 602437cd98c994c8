#include "services/verifier/local_evidence_source.h"

namespace factcheck::verifier {

LocalClaimsReader::LocalClaimsReader(claims::ClaimsCore* claims)
    : claims_(claims) {}

absl::StatusOr<v1::ListStatementsResponse> LocalClaimsReader::ListStatements(
    const v1::ListStatementsRequest& request,
    const CallControl& /*control*/) const {
  return claims_->ListStatements(request);
}

absl::StatusOr<v1::SearchStatementsResponse>
LocalClaimsReader::SearchStatements(const v1::SearchStatementsRequest& request,
                                    const CallControl& /*control*/) const {
  return claims_->SearchStatements(request);
}

absl::StatusOr<v1::Article> LocalClaimsReader::GetArticle(
    const v1::GetArticleRequest& request,
    const CallControl& /*control*/) const {
  return claims_->GetArticle(request);
}

LocalEvidenceSource::LocalEvidenceSource(claims::ClaimsCore* claims)
    : reader_(claims), source_(&reader_) {}

absl::StatusOr<std::vector<v1::Statement>>
LocalEvidenceSource::ArticleStatements(std::string_view article_id,
                                       const CallControl& control) const {
  return source_.ArticleStatements(article_id, control);
}

absl::StatusOr<std::vector<v1::Statement>> LocalEvidenceSource::SearchArchive(
    std::string_view query, const v1::ArticleFilter& filter, int max_candidates,
    const CallControl& control) const {
  return source_.SearchArchive(query, filter, max_candidates, control);
}

}  // namespace factcheck::verifier
