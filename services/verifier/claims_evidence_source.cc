#include "services/verifier/claims_evidence_source.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "base/status_macros.h"

namespace factcheck::verifier {
namespace {

// Search results are capped by the claims service; filtered searches fetch
// this many and filter them.
constexpr int kMaxSearchResults = 100;
constexpr int kFilterOverfetch = 4;

bool HasFilter(const v1::ArticleFilter& filter) {
  return !filter.publisher().empty() || filter.has_published_after() ||
         filter.has_published_before();
}

bool Before(const google::protobuf::Timestamp& a,
            const google::protobuf::Timestamp& b) {
  return a.seconds() < b.seconds() ||
         (a.seconds() == b.seconds() && a.nanos() < b.nanos());
}

bool Passes(const v1::Article& article, const v1::ArticleFilter& filter) {
  if (!filter.publisher().empty() &&
      article.publisher() != filter.publisher()) {
    return false;
  }
  if (filter.has_published_after() &&
      Before(article.published_at(), filter.published_after())) {
    return false;
  }
  if (filter.has_published_before() &&
      !Before(article.published_at(), filter.published_before())) {
    return false;
  }
  return true;
}

}  // namespace

ClaimsEvidenceSource::ClaimsEvidenceSource(const ClaimsReader* reader)
    : reader_(reader) {}

absl::StatusOr<std::vector<v1::Statement>>
ClaimsEvidenceSource::ArticleStatements(std::string_view article_id,
                                        const CallControl& control) const {
  std::vector<v1::Statement> out;
  v1::ListStatementsRequest request;
  request.set_article_id(std::string(article_id));
  request.set_page_size(1000);
  do {
    FACTCHECK_ASSIGN_OR_RETURN(v1::ListStatementsResponse page,
                               reader_->ListStatements(request, control));
    for (v1::Statement& s : *page.mutable_statements()) {
      out.push_back(std::move(s));
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return out;
}

absl::StatusOr<std::vector<v1::Statement>> ClaimsEvidenceSource::SearchArchive(
    std::string_view query, const v1::ArticleFilter& filter, int max_candidates,
    const CallControl& control) const {
  const bool filtered = HasFilter(filter);
  v1::SearchStatementsRequest request;
  request.set_query(std::string(query));
  request.set_max_results(
      std::min(kMaxSearchResults,
               filtered ? max_candidates * kFilterOverfetch : max_candidates));
  FACTCHECK_ASSIGN_OR_RETURN(v1::SearchStatementsResponse response,
                             reader_->SearchStatements(request, control));
  std::vector<v1::Statement> out;
  std::map<std::string, bool> article_passes;
  for (v1::SearchHit& hit : *response.mutable_hits()) {
    if (static_cast<int>(out.size()) >= max_candidates) break;
    if (filtered) {
      const std::string& id = hit.statement().article_id();
      auto it = article_passes.find(id);
      if (it == article_passes.end()) {
        v1::GetArticleRequest get;
        get.set_id(id);
        absl::StatusOr<v1::Article> article = reader_->GetArticle(get, control);
        if (absl::IsNotFound(article.status())) continue;  // Deleted since.
        if (!article.ok()) return article.status();
        it = article_passes.emplace(id, Passes(*article, filter)).first;
      }
      if (!it->second) continue;
    }
    out.push_back(std::move(*hit.mutable_statement()));
  }
  return out;
}

}  // namespace factcheck::verifier
