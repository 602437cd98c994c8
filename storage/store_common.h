#ifndef FACTCHECK_STORAGE_STORE_COMMON_H_
#define FACTCHECK_STORAGE_STORE_COMMON_H_

// Input checks and filters shared by every StatementStore implementation, so
// that they accept, reject and filter exactly the same things.
// All functions are pure and thread-safe.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "factcheck/v1/article.pb.h"
#include "storage/statement_store.h"

namespace factcheck::storage {

// Publication time in Unix microseconds; 0 (the epoch) when unset.
int64_t PublishedAtMicros(const v1::Article& article);

// True when `article` passes every set member of `query`. Times compare at
// microsecond granularity, an unset published_at counts as the epoch.
bool MatchesQuery(const v1::Article& article, const ArticleQuery& query);

// Checks an article for PutArticle: INVALID_ARGUMENT when the id is not
// [A-Za-z0-9._-]{1,128} or content_sha256 is empty; RESOURCE_EXHAUSTED when
// `statement_count` exceeds kMaxStatementsPerArticle.
absl::Status ValidateArticleForPut(const v1::Article& article,
                                   size_t statement_count);

// Brings `statement` to the stored form: duplicate terms merged (frequencies
// summed), zero frequencies dropped, terms sorted; speaker keys sorted and
// de-duplicated. INVALID_ARGUMENT when a term or speaker key is empty or
// contains '\0' (they are key parts).
absl::Status NormalizeIndexedStatement(IndexedStatement& statement);

// ValidateArticleForPut, then NormalizeIndexedStatement on every statement:
// the checks both stores run before PutArticle takes its lock.
absl::Status PrepareArticleForPut(const v1::Article& article,
                                  std::vector<IndexedStatement>& statements);

// Query terms as Search uses them: sorted, distinct, invalid ones dropped.
std::vector<std::string> NormalizeQueryTerms(
    const std::vector<std::string>& terms);

// A search scope as Search uses it: valid article ids, sorted, distinct.
// Empty when `article_scope` names no valid id (callers tell that apart from
// "no scope" by checking the input).
std::vector<std::string> NormalizeArticleScope(
    const std::vector<std::string>& article_scope);

}  // namespace factcheck::storage

#endif  // FACTCHECK_STORAGE_STORE_COMMON_H_
