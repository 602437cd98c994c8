#include "storage/store_common.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "base/status_macros.h"
#include "storage/key_codec.h"

namespace factcheck::storage {

int64_t PublishedAtMicros(const v1::Article& article) {
  if (!article.has_published_at()) return 0;
  const absl::Time t = absl::FromUnixSeconds(article.published_at().seconds()) +
                       absl::Nanoseconds(article.published_at().nanos());
  return absl::ToUnixMicros(t);
}

bool MatchesQuery(const v1::Article& article, const ArticleQuery& query) {
  if (query.publisher.has_value() && article.publisher() != *query.publisher) {
    return false;
  }
  const int64_t micros = PublishedAtMicros(article);
  if (query.published_after.has_value() &&
      micros < absl::ToUnixMicros(*query.published_after)) {
    return false;
  }
  if (query.published_before.has_value() &&
      micros >= absl::ToUnixMicros(*query.published_before)) {
    return false;
  }
  return true;
}

absl::Status ValidateArticleForPut(const v1::Article& article,
                                   size_t statement_count) {
  if (!IsValidArticleId(article.id())) {
    return absl::InvalidArgumentError(
        absl::StrCat("article id must match [A-Za-z0-9._-]{1,128}, got \"",
                     absl::CHexEscape(article.id()), "\""));
  }
  if (article.content_sha256().empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("article ", article.id(), " has no content_sha256"));
  }
  if (statement_count > kMaxStatementsPerArticle) {
    return absl::ResourceExhaustedError(
        absl::StrCat("article ", article.id(), " has ", statement_count,
                     " statements; at most ", kMaxStatementsPerArticle,
                     " are stored per article"));
  }
  return absl::OkStatus();
}

absl::Status NormalizeIndexedStatement(IndexedStatement& statement) {
  std::map<std::string, uint32_t> merged;
  for (auto& [term, frequency] : statement.term_frequencies) {
    if (!IsValidIndexKey(term)) {
      return absl::InvalidArgumentError(
          absl::StrCat("index term \"", absl::CHexEscape(term),
                       "\" is empty or contains a NUL byte"));
    }
    if (frequency > 0) merged[std::move(term)] += frequency;
  }
  statement.term_frequencies.assign(merged.begin(), merged.end());

  for (const std::string& key : statement.speaker_keys) {
    if (!IsValidIndexKey(key)) {
      return absl::InvalidArgumentError(
          absl::StrCat("speaker key \"", absl::CHexEscape(key),
                       "\" is empty or contains a NUL byte"));
    }
  }
  std::sort(statement.speaker_keys.begin(), statement.speaker_keys.end());
  statement.speaker_keys.erase(
      std::unique(statement.speaker_keys.begin(), statement.speaker_keys.end()),
      statement.speaker_keys.end());
  return absl::OkStatus();
}

absl::Status PrepareArticleForPut(const v1::Article& article,
                                  std::vector<IndexedStatement>& statements) {
  FACTCHECK_RETURN_IF_ERROR(ValidateArticleForPut(article, statements.size()));
  for (IndexedStatement& s : statements) {
    FACTCHECK_RETURN_IF_ERROR(NormalizeIndexedStatement(s));
  }
  return absl::OkStatus();
}

std::vector<std::string> NormalizeQueryTerms(
    const std::vector<std::string>& terms) {
  std::vector<std::string> out;
  out.reserve(terms.size());
  for (const std::string& term : terms) {
    if (IsValidIndexKey(term)) out.push_back(term);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> NormalizeArticleScope(
    const std::vector<std::string>& article_scope) {
  std::vector<std::string> out;
  for (const std::string& id : article_scope) {
    if (IsValidArticleId(id)) out.push_back(id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace factcheck::storage
