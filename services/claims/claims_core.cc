#include "services/claims/claims_core.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "google/protobuf/timestamp.pb.h"
#include "services/claims/ingest.h"
#include "services/claims/page_token.h"
#include "services/validation/request_validation.h"
#include "text/normalize.h"
#include "text/tokenizer.h"

namespace factcheck::claims {
namespace {

using validation::CheckArticleId;
using validation::CheckText;
using validation::kMaxMetadataBytes;

constexpr int kMaxAuthors = 64;
constexpr int kMaxLabels = 64;
constexpr int kDefaultArticlePage = 50;
constexpr int kDefaultStatementPage = 100;
constexpr int kMaxPage = 1000;
constexpr int kDefaultSearchResults = 10;
constexpr int kMaxSearchResults = 100;
constexpr size_t kGeneratedIdHexChars = 16;
// Most statements of one speaker a speaker-filtered search considers.
constexpr int kMaxSpeakerStatements = 10000;

void SetTimestamp(absl::Time t, google::protobuf::Timestamp* out) {
  const int64_t micros = absl::ToUnixMicros(t);
  out->set_seconds(micros / 1000000);
  out->set_nanos(static_cast<int32_t>((micros % 1000000) * 1000));
}

absl::Time FromTimestamp(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

// Validates the caller-supplied metadata of an article (not the body).
absl::Status CheckArticleMetadata(const v1::Article& article) {
  FACTCHECK_RETURN_IF_ERROR(
      CheckText("article.title", article.title(), kMaxMetadataBytes, false));
  FACTCHECK_RETURN_IF_ERROR(
      CheckText("article.url", article.url(), kMaxMetadataBytes, false));
  FACTCHECK_RETURN_IF_ERROR(CheckText("article.publisher", article.publisher(),
                                      kMaxMetadataBytes, false));
  FACTCHECK_RETURN_IF_ERROR(CheckText("article.language", article.language(),
                                      kMaxMetadataBytes, false));
  if (article.authors_size() > kMaxAuthors) {
    return absl::ResourceExhaustedError(
        absl::StrCat("article.authors has ", article.authors_size(),
                     " entries; the limit is ", kMaxAuthors));
  }
  for (const std::string& author : article.authors()) {
    FACTCHECK_RETURN_IF_ERROR(
        CheckText("article.authors", author, kMaxMetadataBytes, true));
  }
  if (article.labels_size() > kMaxLabels) {
    return absl::ResourceExhaustedError(
        absl::StrCat("article.labels has ", article.labels_size(),
                     " entries; the limit is ", kMaxLabels));
  }
  for (const auto& [key, value] : article.labels()) {
    FACTCHECK_RETURN_IF_ERROR(
        CheckText("article.labels key", key, kMaxMetadataBytes, true));
    FACTCHECK_RETURN_IF_ERROR(
        CheckText("article.labels value", value, kMaxMetadataBytes, false));
  }
  if (article.has_published_at()) {
    FACTCHECK_RETURN_IF_ERROR(validation::CheckTimestamp(
        "article.published_at", article.published_at()));
  }
  if (!article.id().empty()) {
    FACTCHECK_RETURN_IF_ERROR(CheckArticleId("article.id", article.id()));
  }
  return absl::OkStatus();
}

storage::ArticleQuery ToQuery(const v1::ArticleFilter& filter) {
  storage::ArticleQuery query;
  if (!filter.publisher().empty()) query.publisher = filter.publisher();
  if (filter.has_published_after()) {
    query.published_after = FromTimestamp(filter.published_after());
  }
  if (filter.has_published_before()) {
    query.published_before = FromTimestamp(filter.published_before());
  }
  return query;
}

// Resolves an optional page token into the position to start after.
absl::StatusOr<std::string> StartAfter(std::string_view token,
                                       std::string_view listing,
                                       std::string_view fingerprint) {
  if (token.empty()) return std::string();
  return DecodePageToken(token, listing, fingerprint);
}

}  // namespace

ClaimsCore::ClaimsCore(storage::StatementStore* store, ClaimsOptions options)
    : store_(store), options_(std::move(options)) {}

absl::StatusOr<v1::IngestArticleResponse> ClaimsCore::IngestArticle(
    const v1::IngestArticleRequest& request) {
  if (!request.has_article()) {
    return absl::InvalidArgumentError(
        "article is missing; set article.body to the article text");
  }
  const v1::Article& in = request.article();
  FACTCHECK_RETURN_IF_ERROR(
      CheckText("article.body", in.body(), options_.max_article_bytes, true));
  FACTCHECK_RETURN_IF_ERROR(CheckArticleMetadata(in));
  if (!in.language().empty() && in.language() != "en") {
    return absl::InvalidArgumentError(
        absl::StrCat("article.language \"", in.language(),
                     "\" is not supported; only \"en\" (English) is analysed"));
  }

  FACTCHECK_ASSIGN_OR_RETURN(std::string body, text::NormalizeBody(in.body()));
  const std::string sha = Sha256Hex(body);

  // Idempotent ingest: the same body returns the stored article.
  auto existing_response =
      [&](const std::string& id) -> absl::StatusOr<v1::IngestArticleResponse> {
    v1::IngestArticleResponse response;
    FACTCHECK_ASSIGN_OR_RETURN(*response.mutable_article(),
                               store_->GetArticle(id));
    FACTCHECK_ASSIGN_OR_RETURN(std::vector<v1::Statement> statements,
                               store_->ListStatementsByArticle(id));
    for (v1::Statement& s : statements) {
      *response.add_statements() = std::move(s);
    }
    response.set_already_existed(true);
    return response;
  };
  FACTCHECK_ASSIGN_OR_RETURN(std::optional<std::string> existing_id,
                             store_->FindArticleByHash(sha));
  if (existing_id.has_value()) return existing_response(*existing_id);

  std::vector<storage::IndexedStatement> statements = AnalyzeBody(
      body, in.has_published_at()
                ? std::optional<absl::Time>(FromTimestamp(in.published_at()))
                : std::nullopt);
  if (statements.size() >
      static_cast<size_t>(options_.max_statements_per_article)) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "article.body has ", statements.size(), " sentences; the limit is ",
        options_.max_statements_per_article,
        " per article (max_statements_per_article): split it"));
  }

  v1::Article article = in;
  article.set_id(in.id().empty() ? sha.substr(0, kGeneratedIdHexChars)
                                 : in.id());
  article.set_body(std::move(body));
  article.set_content_sha256(sha);
  if (article.language().empty()) article.set_language("en");
  article.clear_statement_count();
  SetTimestamp(options_.clock(), article.mutable_ingested_at());

  absl::StatusOr<std::vector<v1::Statement>> stored =
      store_->PutArticle(article, std::move(statements));
  if (absl::IsAlreadyExists(stored.status())) {
    // A concurrent ingest of the same body won the race: same answer.
    FACTCHECK_ASSIGN_OR_RETURN(existing_id, store_->FindArticleByHash(sha));
    if (existing_id.has_value()) return existing_response(*existing_id);
    return absl::AlreadyExistsError(
        absl::StrCat("article.id \"", article.id(),
                     "\" already holds a different article; choose another "
                     "id or omit it"));
  }
  if (!stored.ok()) return stored.status();

  v1::IngestArticleResponse response;
  article.set_statement_count(static_cast<uint32_t>(stored->size()));
  *response.mutable_article() = std::move(article);
  for (v1::Statement& s : *stored) *response.add_statements() = std::move(s);
  return response;
}

absl::StatusOr<v1::Article> ClaimsCore::GetArticle(
    const v1::GetArticleRequest& request) {
  FACTCHECK_RETURN_IF_ERROR(CheckArticleId("id", request.id()));
  return store_->GetArticle(request.id());
}

absl::StatusOr<v1::ListArticlesResponse> ClaimsCore::ListArticles(
    const v1::ListArticlesRequest& request) {
  int page_size = 0;
  FACTCHECK_RETURN_IF_ERROR(
      validation::ResolvePageSize("page_size", request.page_size(),
                                  kDefaultArticlePage, kMaxPage, &page_size));
  FACTCHECK_RETURN_IF_ERROR(
      validation::CheckArticleFilter("filter", request.filter()));
  const std::string fingerprint =
      Fingerprint(request.filter().SerializeAsString());
  FACTCHECK_ASSIGN_OR_RETURN(
      std::string start_after,
      StartAfter(request.page_token(), "articles", fingerprint));

  FACTCHECK_ASSIGN_OR_RETURN(std::vector<v1::Article> articles,
                             store_->ListArticles(start_after, page_size + 1,
                                                  ToQuery(request.filter())));
  v1::ListArticlesResponse response;
  const bool more = articles.size() > static_cast<size_t>(page_size);
  if (more) articles.resize(page_size);
  for (v1::Article& a : articles) {
    a.clear_body();  // Pages stay small; GetArticle returns the body.
    *response.add_articles() = std::move(a);
  }
  if (more) {
    response.set_next_page_token(EncodePageToken(
        "articles", fingerprint, response.articles().rbegin()->id()));
  }
  return response;
}

absl::StatusOr<v1::DeleteArticleResponse> ClaimsCore::DeleteArticle(
    const v1::DeleteArticleRequest& request) {
  FACTCHECK_RETURN_IF_ERROR(CheckArticleId("id", request.id()));
  FACTCHECK_ASSIGN_OR_RETURN(uint32_t deleted,
                             store_->DeleteArticle(request.id()));
  v1::DeleteArticleResponse response;
  response.set_deleted_statements(deleted);
  return response;
}

absl::StatusOr<v1::Statement> ClaimsCore::GetStatement(
    const v1::GetStatementRequest& request) {
  FACTCHECK_RETURN_IF_ERROR(validation::CheckStatementId("id", request.id()));
  return store_->GetStatement(request.id());
}

absl::StatusOr<v1::ListStatementsResponse> ClaimsCore::ListStatements(
    const v1::ListStatementsRequest& request) {
  const bool by_article = !request.article_id().empty();
  const bool by_speaker = !request.speaker().empty();
  if (by_article == by_speaker) {
    return absl::InvalidArgumentError(
        "set exactly one of article_id and speaker");
  }
  int page_size = 0;
  FACTCHECK_RETURN_IF_ERROR(
      validation::ResolvePageSize("page_size", request.page_size(),
                                  kDefaultStatementPage, kMaxPage, &page_size));

  std::vector<v1::Statement> statements;
  std::string fingerprint;
  std::string listing;
  if (by_article) {
    FACTCHECK_RETURN_IF_ERROR(
        CheckArticleId("article_id", request.article_id()));
    listing = "statements-by-article";
    fingerprint = Fingerprint(request.article_id());
    FACTCHECK_ASSIGN_OR_RETURN(
        std::string start_after,
        StartAfter(request.page_token(), listing, fingerprint));
    FACTCHECK_ASSIGN_OR_RETURN(
        std::vector<v1::Statement> all,
        store_->ListStatementsByArticle(request.article_id()));
    for (v1::Statement& s : all) {
      if (!start_after.empty() && s.id() <= start_after) continue;
      statements.push_back(std::move(s));
      if (statements.size() > static_cast<size_t>(page_size)) break;
    }
  } else {
    FACTCHECK_RETURN_IF_ERROR(
        CheckText("speaker", request.speaker(), kMaxMetadataBytes, true));
    const std::string key = SpeakerQueryKey(request.speaker());
    listing = "statements-by-speaker";
    fingerprint = Fingerprint(key);
    FACTCHECK_ASSIGN_OR_RETURN(
        std::string start_after,
        StartAfter(request.page_token(), listing, fingerprint));
    FACTCHECK_ASSIGN_OR_RETURN(
        statements,
        store_->ListStatementsBySpeaker(key, start_after, page_size + 1));
  }

  v1::ListStatementsResponse response;
  const bool more = statements.size() > static_cast<size_t>(page_size);
  if (more) statements.resize(page_size);
  for (v1::Statement& s : statements) {
    *response.add_statements() = std::move(s);
  }
  if (more) {
    response.set_next_page_token(EncodePageToken(
        listing, fingerprint, response.statements().rbegin()->id()));
  }
  return response;
}

absl::StatusOr<v1::SearchStatementsResponse> ClaimsCore::SearchStatements(
    const v1::SearchStatementsRequest& request) {
  FACTCHECK_RETURN_IF_ERROR(
      CheckText("query", request.query(), options_.max_query_bytes, true));
  int max_results = 0;
  FACTCHECK_RETURN_IF_ERROR(validation::ResolvePageSize(
      "max_results", request.max_results(), kDefaultSearchResults,
      kMaxSearchResults, &max_results));
  std::vector<std::string> scope;
  for (const std::string& id : request.article_ids()) {
    FACTCHECK_RETURN_IF_ERROR(CheckArticleId("article_ids", id));
    // An unknown article in the scope is the caller's mistake: say so.
    FACTCHECK_RETURN_IF_ERROR(store_->GetArticle(id).status());
    scope.push_back(id);
  }
  if (!request.speaker().empty()) {
    FACTCHECK_RETURN_IF_ERROR(
        CheckText("speaker", request.speaker(), kMaxMetadataBytes, true));
  }
  v1::SearchStatementsResponse response;
  std::vector<std::string> terms = text::IndexTerms(request.query());
  if (terms.empty()) return response;  // Only stop words: nothing to rank.
  std::vector<storage::ScoredStatement> hits;
  if (request.speaker().empty()) {
    FACTCHECK_ASSIGN_OR_RETURN(hits, store_->Search(terms, scope, max_results));
  } else {
    FACTCHECK_ASSIGN_OR_RETURN(
        hits, SearchBySpeaker(terms, scope, request.speaker(), max_results));
  }
  for (storage::ScoredStatement& hit : hits) {
    v1::SearchHit* out = response.add_hits();
    *out->mutable_statement() = std::move(hit.statement);
    out->set_score(hit.score);
  }
  return response;
}

absl::StatusOr<std::vector<storage::ScoredStatement>>
ClaimsCore::SearchBySpeaker(const std::vector<std::string>& terms,
                            const std::vector<std::string>& scope,
                            std::string_view speaker, int max_results) {
  // The speaker index names the candidate statements and their articles;
  // BM25 then ranks within those articles (corpus-wide statistics), and only
  // the speaker's statements are kept.
  FACTCHECK_ASSIGN_OR_RETURN(
      std::vector<v1::Statement> spoken,
      store_->ListStatementsBySpeaker(SpeakerQueryKey(speaker), "",
                                      kMaxSpeakerStatements));
  std::set<std::string> ids;
  std::set<std::string> articles;
  for (const v1::Statement& s : spoken) {
    if (!scope.empty() &&
        std::find(scope.begin(), scope.end(), s.article_id()) == scope.end()) {
      continue;
    }
    ids.insert(s.id());
    articles.insert(s.article_id());
  }
  std::vector<storage::ScoredStatement> out;
  if (ids.empty()) return out;
  int candidates = 0;
  for (const std::string& id : articles) {
    FACTCHECK_ASSIGN_OR_RETURN(v1::Article article, store_->GetArticle(id));
    candidates += static_cast<int>(article.statement_count());
  }
  FACTCHECK_ASSIGN_OR_RETURN(
      std::vector<storage::ScoredStatement> hits,
      store_->Search(terms, {articles.begin(), articles.end()}, candidates));
  for (storage::ScoredStatement& hit : hits) {
    if (static_cast<int>(out.size()) >= max_results) break;
    if (ids.count(hit.statement.id()) > 0) out.push_back(std::move(hit));
  }
  return out;
}

absl::StatusOr<v1::Statement> ClaimsCore::AddStatement(
    const v1::AddStatementRequest& request) {
  FACTCHECK_RETURN_IF_ERROR(CheckArticleId("article_id", request.article_id()));
  FACTCHECK_RETURN_IF_ERROR(
      CheckText("text", request.text(), options_.max_query_bytes, true));
  const v1::Attribution& attribution = request.attribution();
  if (!v1::AttributionKind_IsValid(attribution.kind())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "attribution.kind ", attribution.kind(),
        " is not an AttributionKind; use NARRATOR, DIRECT_QUOTE, INDIRECT or "
        "ACCORDING_TO"));
  }
  FACTCHECK_RETURN_IF_ERROR(CheckText("attribution.speaker.name",
                                      attribution.speaker().name(),
                                      kMaxMetadataBytes, false));
  FACTCHECK_RETURN_IF_ERROR(CheckText("attribution.speaker.canonical_name",
                                      attribution.speaker().canonical_name(),
                                      kMaxMetadataBytes, false));
  FACTCHECK_RETURN_IF_ERROR(CheckText("attribution.speaker.role",
                                      attribution.speaker().role(),
                                      kMaxMetadataBytes, false));
  FACTCHECK_RETURN_IF_ERROR(CheckText("attribution.cue", attribution.cue(),
                                      kMaxMetadataBytes, false));
  const bool has_speaker = !attribution.speaker().name().empty() ||
                           !attribution.speaker().canonical_name().empty();
  const bool narrator = attribution.kind() == v1::ATTRIBUTION_KIND_NARRATOR ||
                        attribution.kind() == v1::ATTRIBUTION_KIND_UNSPECIFIED;
  if (!narrator && !has_speaker) {
    return absl::InvalidArgumentError(
        "attribution.speaker.name is required for a quoted, indirect or "
        "according-to statement");
  }
  FACTCHECK_ASSIGN_OR_RETURN(std::string normalized,
                             text::NormalizeBody(request.text()));
  return store_->AppendStatement(
      request.article_id(),
      AnalyzeStandaloneStatement(normalized, attribution));
}

}  // namespace factcheck::claims
