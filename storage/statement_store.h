#ifndef FACTCHECK_STORAGE_STATEMENT_STORE_H_
#define FACTCHECK_STORAGE_STATEMENT_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "factcheck/v1/article.pb.h"

namespace factcheck::storage {

// A statement together with the index entries the store keeps for it. The
// store does no text analysis: callers (the claims core) compute terms and
// speaker keys, the store persists and indexes them.
struct IndexedStatement {
  // `id` and `article_id` may be empty on input; the store assigns them
  // ("<article_id>:<sequence>", sequence zero-padded to 6 digits).
  v1::Statement statement;
  // Index terms (stems) with their frequency in the statement.
  std::vector<std::pair<std::string, uint32_t>> term_frequencies;
  // Number of index terms in the statement (BM25 document length).
  uint32_t length = 0;
  // Lower-case keys under which ListStatementsBySpeaker finds the statement
  // (e.g. "narendra modi", "modi").
  std::vector<std::string> speaker_keys;
};

// Filter for ListArticles; unset members do not filter.
struct ArticleQuery {
  std::optional<std::string> publisher;
  std::optional<absl::Time> published_after;   // inclusive
  std::optional<absl::Time> published_before;  // exclusive
};

// One BM25 hit.
struct ScoredStatement {
  v1::Statement statement;
  double score = 0;
};

// What CreateCheckpoint wrote.
struct CheckpointInfo {
  // The checkpoint's directory, as given to CreateCheckpoint.
  std::string path;
  // The store's sequence number (of its last write) in the checkpoint: the
  // checkpoint holds every write up to and including it, and no later one.
  uint64_t sequence = 0;
  // ArticleCount() and StatementCount() of the checkpoint.
  uint64_t article_count = 0;
  uint64_t statement_count = 0;
  // Bytes of the files in the checkpoint directory. Files hard-linked with
  // the live store count in full, although they share its disk blocks.
  uint64_t size_bytes = 0;
};

// Durable store of articles, their sourced statements and the indexes over
// them (BM25 postings, content hash, speaker, publication time).
//
// Contract for every implementation:
//  - All methods are thread-safe.
//  - Each mutating call is atomic: after a crash either all of its keys are
//    present or none is. Implementations document their durability.
//  - Absence is NOT_FOUND for look-ups by id (a malformed id is simply not
//    found); lists return empty vectors, also for `limit` <= 0.
//  - Errors: UNAVAILABLE (I/O), DATA_LOSS (corrupt record), INTERNAL (bug).
//  - Ids and orders are byte-wise: "<article_id>:<6 digits>" statement ids
//    sort by article id, then sequence.
// The contract tests in tests/storage/statement_store_contract.h pin all of
// this down for every implementation.
class StatementStore {
 public:
  virtual ~StatementStore() = default;

  // Stores a new article with all its statements and index entries.
  // `article.id` and `article.content_sha256` must be set; statements get
  // their ids assigned in order (sequence 0, 1, ...). Sets
  // `article.statement_count`. ALREADY_EXISTS when the id or the content hash
  // is already stored (the message names the existing id); nothing is
  // written then. INVALID_ARGUMENT for an id outside [A-Za-z0-9._-]{1,128},
  // an empty content hash, or an empty / NUL-containing term or speaker key;
  // RESOURCE_EXHAUSTED above 1,000,000 statements. Duplicate terms of a
  // statement are merged (frequencies summed).
  // Returns the stored statements (with ids).
  virtual absl::StatusOr<std::vector<v1::Statement>> PutArticle(
      const v1::Article& article, std::vector<IndexedStatement> statements) = 0;

  // NOT_FOUND for an unknown id.
  virtual absl::StatusOr<v1::Article> GetArticle(std::string_view id) const = 0;

  // The id of the article with this body hash, or nullopt.
  virtual absl::StatusOr<std::optional<std::string>> FindArticleByHash(
      std::string_view content_sha256) const = 0;

  // Articles with id > `start_after` (all when empty), in id order, at most
  // `limit`, that pass `query`. Bodies are included. Times compare at
  // microsecond precision; an article without published_at counts as
  // published at the Unix epoch.
  virtual absl::StatusOr<std::vector<v1::Article>> ListArticles(
      std::string_view start_after, int limit,
      const ArticleQuery& query) const = 0;

  // Deletes an article, its statements and every index entry of them,
  // atomically. Returns the number of statements deleted. NOT_FOUND for an
  // unknown id.
  virtual absl::StatusOr<uint32_t> DeleteArticle(std::string_view id) = 0;

  // NOT_FOUND for an unknown (or malformed) statement id.
  virtual absl::StatusOr<v1::Statement> GetStatement(
      std::string_view statement_id) const = 0;

  // Statements of the article in sequence order. NOT_FOUND when the article
  // does not exist.
  virtual absl::StatusOr<std::vector<v1::Statement>> ListStatementsByArticle(
      std::string_view article_id) const = 0;

  // Statements indexed under `speaker_key` (exact, lower-case) with id >
  // `start_after`, in statement-id order, at most `limit`.
  virtual absl::StatusOr<std::vector<v1::Statement>> ListStatementsBySpeaker(
      std::string_view speaker_key, std::string_view start_after,
      int limit) const = 0;

  // Appends a statement to an existing article (next sequence number) with
  // its index entries; updates the article's statement_count. NOT_FOUND when
  // the article does not exist. Returns the stored statement.
  virtual absl::StatusOr<v1::Statement> AppendStatement(
      std::string_view article_id, IndexedStatement statement) = 0;

  // BM25 (k1 = 1.2, b = 0.75) over all statements, or only over statements
  // of `article_scope` when it is non-empty. Terms are matched exactly
  // (callers pass stems); a repeated query term counts once. Best first,
  // ties by statement id, at most `limit`. N, document frequencies and the
  // mean length are corpus-wide also for a scoped search (storage/bm25.h);
  // unknown or malformed scope ids match nothing.
  virtual absl::StatusOr<std::vector<ScoredStatement>> Search(
      const std::vector<std::string>& query_terms,
      const std::vector<std::string>& article_scope, int limit) const = 0;

  // Number of stored statements (the BM25 corpus size).
  virtual absl::StatusOr<uint64_t> StatementCount() const = 0;

  // Number of stored articles.
  virtual absl::StatusOr<uint64_t> ArticleCount() const = 0;

  // Approximate bytes the store occupies, for monitoring: grows as articles
  // are stored, but is not exact (each implementation says what it counts).
  virtual absl::StatusOr<uint64_t> ApproximateSizeBytes() const = 0;

  // Writes a consistent copy of the store into the new directory `dir`
  // (its parent must exist) while the store keeps serving: a store of the
  // same kind opened on `dir` holds exactly the writes up to
  // CheckpointInfo::sequence. ALREADY_EXISTS when `dir` exists;
  // FAILED_PRECONDITION when the store has nothing on disk to copy (in
  // memory); UNAVAILABLE or RESOURCE_EXHAUSTED for I/O errors. A failed
  // checkpoint leaves nothing at `dir` ("<dir>.tmp" may serve as staging,
  // so callers must not keep anything there). Implementations document
  // what writers wait for meanwhile.
  virtual absl::StatusOr<CheckpointInfo> CreateCheckpoint(
      const std::string& dir) = 0;
};

}  // namespace factcheck::storage

#endif  // FACTCHECK_STORAGE_STATEMENT_STORE_H_
