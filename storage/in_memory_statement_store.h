#ifndef FACTCHECK_STORAGE_IN_MEMORY_STATEMENT_STORE_H_
#define FACTCHECK_STORAGE_IN_MEMORY_STATEMENT_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "factcheck/v1/article.pb.h"
#include "storage/statement_store.h"

namespace factcheck::storage {

// StatementStore in process memory, for tests of the layers above at memory
// speed. Same contract, validation and ranking as RocksDbStatementStore (the
// contract tests run against both); nothing survives the object.
//
// Thread-safe: one reader/writer mutex guards all state; each mutating call
// holds it exclusively, so every call is atomic.
class InMemoryStatementStore final : public StatementStore {
 public:
  InMemoryStatementStore() = default;
  InMemoryStatementStore(const InMemoryStatementStore&) = delete;
  InMemoryStatementStore& operator=(const InMemoryStatementStore&) = delete;

  // StatementStore (contracts in statement_store.h).
  absl::StatusOr<std::vector<v1::Statement>> PutArticle(
      const v1::Article& article,
      std::vector<IndexedStatement> statements) override;
  absl::StatusOr<v1::Article> GetArticle(std::string_view id) const override;
  absl::StatusOr<std::optional<std::string>> FindArticleByHash(
      std::string_view content_sha256) const override;
  absl::StatusOr<std::vector<v1::Article>> ListArticles(
      std::string_view start_after, int limit,
      const ArticleQuery& query) const override;
  absl::StatusOr<uint32_t> DeleteArticle(std::string_view id) override;
  absl::StatusOr<v1::Statement> GetStatement(
      std::string_view statement_id) const override;
  absl::StatusOr<std::vector<v1::Statement>> ListStatementsByArticle(
      std::string_view article_id) const override;
  absl::StatusOr<std::vector<v1::Statement>> ListStatementsBySpeaker(
      std::string_view speaker_key, std::string_view start_after,
      int limit) const override;
  absl::StatusOr<v1::Statement> AppendStatement(
      std::string_view article_id, IndexedStatement statement) override;
  absl::StatusOr<std::vector<ScoredStatement>> Search(
      const std::vector<std::string>& query_terms,
      const std::vector<std::string>& article_scope, int limit) const override;
  absl::StatusOr<uint64_t> StatementCount() const override;
  absl::StatusOr<uint64_t> ArticleCount() const override;
  // The serialised size of the stored articles and statements plus their
  // index terms and speaker keys; computed on each call (linear in the data).
  absl::StatusOr<uint64_t> ApproximateSizeBytes() const override;
  // FAILED_PRECONDITION: an in-memory store has nothing on disk to copy.
  absl::StatusOr<CheckpointInfo> CreateCheckpoint(
      const std::string& dir) override;

 private:
  struct StoredArticle {
    v1::Article article;
    // Normalised statements, index = sequence number.
    std::vector<IndexedStatement> statements;
  };
  struct Posting {
    uint32_t term_frequency = 0;
    uint32_t doc_length = 0;
  };

  // Index entries of one statement (already normalised, id assigned).
  void IndexLocked(const IndexedStatement& s)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void UnindexLocked(const IndexedStatement& s)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  const IndexedStatement* FindStatementLocked(std::string_view id) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::map<std::string, StoredArticle, std::less<>> articles_
      ABSL_GUARDED_BY(mu_);
  // content_sha256 -> article id.
  std::map<std::string, std::string, std::less<>> by_hash_ ABSL_GUARDED_BY(mu_);
  // term -> statement id -> posting; the inner size is the term's df.
  std::map<std::string, std::map<std::string, Posting, std::less<>>,
           std::less<>>
      postings_ ABSL_GUARDED_BY(mu_);
  // speaker key -> statement ids.
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>>
      by_speaker_ ABSL_GUARDED_BY(mu_);
  uint64_t statement_count_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t total_length_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace factcheck::storage

#endif  // FACTCHECK_STORAGE_IN_MEMORY_STATEMENT_STORE_H_
