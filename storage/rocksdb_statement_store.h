#ifndef FACTCHECK_STORAGE_ROCKSDB_STATEMENT_STORE_H_
#define FACTCHECK_STORAGE_ROCKSDB_STATEMENT_STORE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "factcheck/v1/article.pb.h"
#include "storage/statement_store.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class Env;
struct ReadOptions;
}  // namespace rocksdb

namespace factcheck::storage {

// StatementStore on an embedded RocksDB, one column family per table of
// DESIGN.md §4 (the layout is documented in key_codec.h).
//
// Concurrency: all methods are thread-safe. Reads run without locks on a
// RocksDB snapshot, so a multi-key read (a search, a listing) sees one
// consistent state. Mutations that read before they write (uniqueness
// checks, the next sequence number, delete) are serialised by a mutex.
//
// Durability: every mutating call is one WriteBatch, so after a crash either
// all of its keys are present or none. With `sync_writes` (the default) the
// write-ahead log is fsync'ed before the call returns, so an acknowledged
// ingest survives kill -9 and power loss.
//
// Ownership: the store owns the database; the destructor closes it (RocksDB
// flushes what it must; every acknowledged write is already in the WAL).
// Only one store may have a directory open at a time: RocksDB holds a lock
// file, and a second Open fails with UNAVAILABLE.
class RocksDbStatementStore final : public StatementStore {
 public:
  struct Options {
    // Database directory. Required.
    std::string path;
    // fsync the write-ahead log on every mutating call. Without it an
    // acknowledged write can be lost on a machine crash (not on a process
    // crash). Default: true.
    bool sync_writes = true;
    // Create the database (and its directory) when missing; otherwise Open
    // returns NOT_FOUND for a missing database. Default: true.
    bool create_if_missing = true;
    // Size of the LRU block cache shared by all column families.
    // Default: 64 MiB.
    size_t block_cache_bytes = size_t{64} << 20;
    // Environment to run on, not owned; must outlive the store. Tests pass
    // rocksdb::NewMemEnv(rocksdb::Env::Default()). Default: nullptr (the
    // process's default Env).
    rocksdb::Env* env = nullptr;
  };

  // Opens (or creates) the database at `options.path` with all column
  // families. Returns INVALID_ARGUMENT for an empty path; NOT_FOUND when the
  // database is missing and create_if_missing is false; UNAVAILABLE when the
  // directory is locked by another process (or another store in this one)
  // or on I/O errors; FAILED_PRECONDITION when the on-disk schema version is
  // not the one this binary writes (key_codec.h, kSchemaVersion); DATA_LOSS
  // when the database is corrupt. Thread-safe.
  static absl::StatusOr<std::unique_ptr<RocksDbStatementStore>> Open(
      const Options& options);

  RocksDbStatementStore(const RocksDbStatementStore&) = delete;
  RocksDbStatementStore& operator=(const RocksDbStatementStore&) = delete;
  ~RocksDbStatementStore() override;

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
  // On-disk bytes of the SST files of all column families (including
  // obsolete ones not yet deleted) plus the live write-ahead log files.
  // Memtables are not counted: their data is in the write-ahead log.
  absl::StatusOr<uint64_t> ApproximateSizeBytes() const override;
  // A RocksDB checkpoint: memtables are flushed, then SST files are
  // hard-linked into `dir` (copied when it is on another filesystem) and
  // the MANIFEST and OPTIONS files copied, so it is cheap on the same
  // filesystem and opens with Open() like any database (schema version
  // included). Writers wait while it is made, so that the counts and the
  // sequence number are exactly the checkpoint's; reads go on. `dir`
  // should be absolute. "<dir>.tmp" is RocksDB's staging directory.
  absl::StatusOr<CheckpointInfo> CreateCheckpoint(
      const std::string& dir) override;

 private:
  class Batch;

  // `handles` holds the families of key_codec.h in Family order, then any
  // other family of the database (all are destroyed before the DB).
  RocksDbStatementStore(std::unique_ptr<rocksdb::DB> db,
                        std::vector<rocksdb::ColumnFamilyHandle*> handles,
                        bool sync_writes);

  rocksdb::ColumnFamilyHandle* Cf(int family) const { return handles_[family]; }

  // Writes the schema version into a new database, refuses another one.
  absl::Status CheckSchemaVersion();
  // Writes the article counter into a database that lacks it (one written
  // before the counter existed) by counting the stored articles once.
  absl::Status EnsureArticleCount();

  // Point read; nullopt when absent.
  absl::StatusOr<std::optional<std::string>> Get(
      const rocksdb::ReadOptions& read, int family, std::string_view key) const;
  // An i64 value (counter, document frequency); 0 when absent.
  absl::StatusOr<int64_t> GetInt64(const rocksdb::ReadOptions& read, int family,
                                   std::string_view key) const;
  absl::StatusOr<std::optional<v1::Article>> ReadArticle(
      const rocksdb::ReadOptions& read, std::string_view id) const;
  absl::StatusOr<std::optional<IndexedStatement>> ReadStatement(
      const rocksdb::ReadOptions& read, std::string_view article_id,
      uint32_t sequence) const;
  // All stored statements of `article_id` with their sequence numbers, in
  // sequence order.
  absl::StatusOr<std::vector<std::pair<uint32_t, IndexedStatement>>>
  ScanStatements(const rocksdb::ReadOptions& read,
                 std::string_view article_id) const;
  // Visits the entries of `family` with `start` <= key < `upper` (no upper
  // bound when empty) in key order while `visit` returns true; stops at and
  // returns the first error of `visit` or of the iterator.
  absl::Status Scan(const rocksdb::ReadOptions& read, int family,
                    std::string_view start, std::string_view upper,
                    absl::FunctionRef<absl::StatusOr<bool>(
                        std::string_view key, std::string_view value)>
                        visit) const;
  // Applies `batch` atomically, synced when sync_writes_.
  absl::Status Commit(Batch& batch, std::string_view what);

  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  const bool sync_writes_;
  // Serialises read-then-write mutations; reads never take it.
  absl::Mutex write_mu_;
};

}  // namespace factcheck::storage

#endif  // FACTCHECK_STORAGE_ROCKSDB_STATEMENT_STORE_H_
