#include "storage/rocksdb_statement_store.h"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "base/status_macros.h"
#include "base/string_view.h"
#include "rocksdb/cache.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/iterator.h"
#include "rocksdb/options.h"
#include "rocksdb/snapshot.h"
#include "rocksdb/table.h"
#include "rocksdb/transaction_log.h"
#include "rocksdb/utilities/checkpoint.h"
#include "rocksdb/write_batch.h"
#include "storage/bm25.h"
#include "storage/int64_add_operator.h"
#include "storage/key_codec.h"
#include "storage/rocksdb_status.h"
#include "storage/store_common.h"

namespace factcheck::storage {
namespace {

constexpr int kMeta = static_cast<int>(Family::kMeta);
constexpr int kArticles = static_cast<int>(Family::kArticles);
constexpr int kStatements = static_cast<int>(Family::kStatements);
constexpr int kPostings = static_cast<int>(Family::kPostings);
constexpr int kTerms = static_cast<int>(Family::kTerms);
constexpr int kByHash = static_cast<int>(Family::kByHash);
constexpr int kBySpeaker = static_cast<int>(Family::kBySpeaker);
constexpr int kByTime = static_cast<int>(Family::kByTime);

rocksdb::Slice ToSlice(std::string_view s) {
  return rocksdb::Slice(s.data(), s.size());
}
std::string_view ToView(const rocksdb::Slice& s) {
  return std::string_view(s.data(), s.size());
}

absl::Status CorruptIndex(std::string_view family, std::string_view key) {
  return absl::DataLossError(absl::StrCat(
      "malformed ", AsAbsl(family), " entry ", absl::CHexEscape(AsAbsl(key))));
}

// The column families and their options: `meta` and `terms` hold i64
// values updated through the Int64Add merge operator; all families share
// one block cache and use Bloom filters for point look-ups.
std::vector<rocksdb::ColumnFamilyDescriptor> Descriptors(
    size_t block_cache_bytes, const std::vector<std::string>& on_disk) {
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(block_cache_bytes);
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  rocksdb::ColumnFamilyOptions base;
  base.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));

  std::vector<rocksdb::ColumnFamilyDescriptor> out;
  const auto merge = std::make_shared<Int64AddOperator>();
  for (int f = 0; f < kNumFamilies; ++f) {
    rocksdb::ColumnFamilyOptions options = base;
    if (f == kMeta || f == kTerms) options.merge_operator = merge;
    out.emplace_back(std::string(FamilyName(static_cast<Family>(f))), options);
  }
  out.emplace_back(rocksdb::kDefaultColumnFamilyName, base);
  // Families this binary does not know (a newer layout) are opened too, so
  // that the schema-version check can refuse the database with a clear
  // message instead of RocksDB's "column families not opened".
  for (const std::string& name : on_disk) {
    const bool known = std::any_of(
        out.begin(), out.end(), [&](const auto& d) { return d.name == name; });
    if (!known) out.emplace_back(name, base);
  }
  return out;
}

}  // namespace

// A WriteBatch that keeps the first error of Put/Delete/Merge, so that
// building a batch reads as a list of mutations.
class RocksDbStatementStore::Batch {
 public:
  explicit Batch(const RocksDbStatementStore& store) : store_(store) {}

  void Put(int family, std::string_view key, std::string_view value) {
    Keep(batch_.Put(store_.Cf(family), ToSlice(key), ToSlice(value)),
         "batch put");
  }
  void Delete(int family, std::string_view key) {
    Keep(batch_.Delete(store_.Cf(family), ToSlice(key)), "batch delete");
  }
  void MergeInt64(int family, std::string_view key, int64_t delta) {
    Keep(batch_.Merge(store_.Cf(family), ToSlice(key),
                      ToSlice(EncodeInt64(delta))),
         "batch merge");
  }

  // Index entries of one stored statement (not the meta counters).
  void AddStatement(const IndexedStatement& s, uint32_t sequence) {
    const std::string& article_id = s.statement.article_id();
    Put(kStatements, StatementKey(article_id, sequence),
        EncodeStoredStatement(s));
    for (const auto& [term, frequency] : s.term_frequencies) {
      Put(kPostings, PostingKey(term, article_id, sequence),
          EncodePosting({frequency, s.length}));
      MergeInt64(kTerms, term, 1);
    }
    for (const std::string& speaker : s.speaker_keys) {
      Put(kBySpeaker, SpeakerIndexKey(speaker, s.statement.id()), "");
    }
  }

  // Removes what AddStatement wrote, except the `terms` document
  // frequencies, which the caller adjusts once per term.
  void RemoveStatement(const IndexedStatement& s, uint32_t sequence) {
    const std::string& article_id = s.statement.article_id();
    Delete(kStatements, StatementKey(article_id, sequence));
    for (const auto& [term, frequency] : s.term_frequencies) {
      Delete(kPostings, PostingKey(term, article_id, sequence));
    }
    for (const std::string& speaker : s.speaker_keys) {
      Delete(kBySpeaker, SpeakerIndexKey(speaker, s.statement.id()));
    }
  }

  const absl::Status& status() const { return status_; }
  rocksdb::WriteBatch* rep() { return &batch_; }

 private:
  void Keep(const rocksdb::Status& s, std::string_view what) {
    if (status_.ok()) status_ = FromRocksDbStatus(s, what);
  }

  const RocksDbStatementStore& store_;
  rocksdb::WriteBatch batch_;
  absl::Status status_;
};

absl::StatusOr<std::unique_ptr<RocksDbStatementStore>>
RocksDbStatementStore::Open(const Options& options) {
  if (options.path.empty()) {
    return absl::InvalidArgumentError("RocksDbStatementStore: empty path");
  }
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = options.create_if_missing;
  db_options.create_missing_column_families = true;
  // Durability rests on these, not on library defaults: every write is one
  // WriteBatch whose WAL record is synced before the call returns
  // (sync_writes), checksums are verified on open, and recovery replays
  // the WAL up to the first torn record, which can only hold a write that
  // was never acknowledged (docs/RELIABILITY.md).
  db_options.paranoid_checks = true;
  db_options.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  db_options.manual_wal_flush = false;
  db_options.env =
      options.env != nullptr ? options.env : rocksdb::Env::Default();

  if (!options.create_if_missing) {
    absl::Status exists = FromRocksDbStatus(
        db_options.env->FileExists(options.path + "/CURRENT"),
        absl::StrCat("looking for a database in ", options.path));
    if (absl::IsNotFound(exists)) {
      return absl::NotFoundError(absl::StrCat("no database in ", options.path,
                                              " (create_if_missing is false)"));
    }
    FACTCHECK_RETURN_IF_ERROR(exists);
  }

  // A failure here means a new database (or one Open reports below).
  std::vector<std::string> on_disk;
  if (!FromRocksDbStatus(
           rocksdb::DB::ListColumnFamilies(db_options, options.path, &on_disk),
           "")
           .ok()) {
    on_disk.clear();
  }

  rocksdb::DB* raw_db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  const rocksdb::Status opened = rocksdb::DB::Open(
      db_options, options.path, Descriptors(options.block_cache_bytes, on_disk),
      &handles, &raw_db);
  std::unique_ptr<rocksdb::DB> db(raw_db);
  FACTCHECK_RETURN_IF_ERROR(FromRocksDbStatus(
      opened, absl::StrCat("opening RocksDB in ", options.path)));

  std::unique_ptr<RocksDbStatementStore> store(new RocksDbStatementStore(
      std::move(db), std::move(handles), options.sync_writes));
  FACTCHECK_RETURN_IF_ERROR(store->CheckSchemaVersion());
  FACTCHECK_RETURN_IF_ERROR(store->EnsureArticleCount());
  return store;
}

RocksDbStatementStore::RocksDbStatementStore(
    std::unique_ptr<rocksdb::DB> db,
    std::vector<rocksdb::ColumnFamilyHandle*> handles, bool sync_writes)
    : db_(std::move(db)),
      handles_(std::move(handles)),
      sync_writes_(sync_writes) {}

RocksDbStatementStore::~RocksDbStatementStore() {
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    // Destroying a handle only fails for a null one; nothing to report to.
    db_->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
  }
  // Close flushes nothing we rely on: every acknowledged write is already in
  // the write-ahead log. A failure cannot be reported from a destructor.
  db_->Close().PermitUncheckedError();
}

absl::Status RocksDbStatementStore::CheckSchemaVersion() {
  rocksdb::ReadOptions read;
  FACTCHECK_ASSIGN_OR_RETURN(std::optional<std::string> stored,
                             Get(read, kMeta, kMetaSchemaVersion));
  if (!stored.has_value()) {
    Batch batch(*this);
    batch.Put(kMeta, kMetaSchemaVersion, EncodeInt64(kSchemaVersion));
    return Commit(batch, "writing the schema version");
  }
  const std::optional<int64_t> version = DecodeInt64(*stored);
  if (!version.has_value()) {
    return absl::DataLossError("malformed schema_version in the meta family");
  }
  if (*version != kSchemaVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the database has schema version ", *version,
        " but this binary reads only version ", kSchemaVersion,
        *version > kSchemaVersion
            ? "; it was written by a newer factcheck, run that version"
            : "; no migration from that version exists"));
  }
  return absl::OkStatus();
}

absl::Status RocksDbStatementStore::EnsureArticleCount() {
  rocksdb::ReadOptions read;
  FACTCHECK_ASSIGN_OR_RETURN(std::optional<std::string> stored,
                             Get(read, kMeta, kMetaArticleCount));
  if (stored.has_value()) return absl::OkStatus();
  // Open runs before any caller can write, so the count stays exact.
  int64_t articles = 0;
  FACTCHECK_RETURN_IF_ERROR(
      Scan(read, kArticles, "", "",
           [&](std::string_view, std::string_view) -> absl::StatusOr<bool> {
             ++articles;
             return true;
           }));
  Batch batch(*this);
  batch.Put(kMeta, kMetaArticleCount, EncodeInt64(articles));
  return Commit(batch, "writing the article count");
}

absl::StatusOr<std::optional<std::string>> RocksDbStatementStore::Get(
    const rocksdb::ReadOptions& read, int family, std::string_view key) const {
  std::string value;
  const rocksdb::Status s = db_->Get(read, Cf(family), ToSlice(key), &value);
  if (IsRocksDbNotFound(s)) return std::nullopt;
  FACTCHECK_RETURN_IF_ERROR(FromRocksDbStatus(
      s, absl::StrCat("reading ",
                      AsAbsl(FamilyName(static_cast<Family>(family))))));
  return value;
}

absl::StatusOr<int64_t> RocksDbStatementStore::GetInt64(
    const rocksdb::ReadOptions& read, int family, std::string_view key) const {
  FACTCHECK_ASSIGN_OR_RETURN(std::optional<std::string> value,
                             Get(read, family, key));
  if (!value.has_value()) return 0;
  const std::optional<int64_t> decoded = DecodeInt64(*value);
  if (!decoded.has_value()) {
    return CorruptIndex(FamilyName(static_cast<Family>(family)), key);
  }
  return *decoded;
}

absl::StatusOr<std::optional<v1::Article>> RocksDbStatementStore::ReadArticle(
    const rocksdb::ReadOptions& read, std::string_view id) const {
  if (!IsValidArticleId(id)) return std::nullopt;
  FACTCHECK_ASSIGN_OR_RETURN(std::optional<std::string> value,
                             Get(read, kArticles, id));
  if (!value.has_value()) return std::nullopt;
  return DecodeArticle(*value, id);
}

absl::StatusOr<std::optional<IndexedStatement>>
RocksDbStatementStore::ReadStatement(const rocksdb::ReadOptions& read,
                                     std::string_view article_id,
                                     uint32_t sequence) const {
  const std::string key = StatementKey(article_id, sequence);
  FACTCHECK_ASSIGN_OR_RETURN(std::optional<std::string> value,
                             Get(read, kStatements, key));
  if (!value.has_value()) return std::nullopt;
  return DecodeStoredStatement(*value, key);
}

absl::Status RocksDbStatementStore::Scan(
    const rocksdb::ReadOptions& read, int family, std::string_view start,
    std::string_view upper,
    absl::FunctionRef<absl::StatusOr<bool>(std::string_view, std::string_view)>
        visit) const {
  rocksdb::ReadOptions options = read;
  const rocksdb::Slice upper_slice = ToSlice(upper);
  if (!upper.empty()) options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(options, Cf(family)));
  for (it->Seek(ToSlice(start)); it->Valid(); it->Next()) {
    FACTCHECK_ASSIGN_OR_RETURN(const bool more,
                               visit(ToView(it->key()), ToView(it->value())));
    if (!more) return absl::OkStatus();
  }
  return FromRocksDbStatus(
      it->status(),
      absl::StrCat("scanning ",
                   AsAbsl(FamilyName(static_cast<Family>(family)))));
}

absl::StatusOr<std::vector<std::pair<uint32_t, IndexedStatement>>>
RocksDbStatementStore::ScanStatements(const rocksdb::ReadOptions& read,
                                      std::string_view article_id) const {
  std::vector<std::pair<uint32_t, IndexedStatement>> out;
  const std::string prefix = StatementKeyPrefix(article_id);
  FACTCHECK_RETURN_IF_ERROR(
      Scan(read, kStatements, prefix, PrefixSuccessor(prefix),
           [&](std::string_view key,
               std::string_view value) -> absl::StatusOr<bool> {
             const std::optional<StatementRef> ref = ParseStatementKey(key);
             if (!ref.has_value()) return CorruptIndex("statements", key);
             FACTCHECK_ASSIGN_OR_RETURN(IndexedStatement s,
                                        DecodeStoredStatement(value, key));
             out.emplace_back(ref->sequence, std::move(s));
             return true;
           }));
  return out;
}

absl::Status RocksDbStatementStore::Commit(Batch& batch,
                                           std::string_view what) {
  FACTCHECK_RETURN_IF_ERROR(batch.status());
  rocksdb::WriteOptions options;
  // An acknowledged ingest must survive kill -9 and power loss, so by
  // default the WAL is fsync'ed before the call returns.
  options.sync = sync_writes_;
  return FromRocksDbStatus(db_->Write(options, batch.rep()), what);
}

absl::StatusOr<std::vector<v1::Statement>> RocksDbStatementStore::PutArticle(
    const v1::Article& article, std::vector<IndexedStatement> statements) {
  FACTCHECK_RETURN_IF_ERROR(PrepareArticleForPut(article, statements));
  const std::string& id = article.id();

  absl::MutexLock lock(&write_mu_);
  rocksdb::ReadOptions read;
  FACTCHECK_ASSIGN_OR_RETURN(std::optional<std::string> existing,
                             Get(read, kArticles, id));
  if (existing.has_value()) {
    return absl::AlreadyExistsError(
        absl::StrCat("article ", AsAbsl(id), " already exists"));
  }
  FACTCHECK_ASSIGN_OR_RETURN(std::optional<std::string> same_body,
                             Get(read, kByHash, article.content_sha256()));
  if (same_body.has_value()) {
    return absl::AlreadyExistsError(absl::StrCat(
        "an article with content_sha256 ", article.content_sha256(),
        " already exists: ", *same_body));
  }

  v1::Article stored = article;
  stored.set_statement_count(static_cast<uint32_t>(statements.size()));
  Batch batch(*this);
  batch.Put(kArticles, id, EncodeArticle(stored));
  batch.Put(kByHash, stored.content_sha256(), id);
  batch.Put(kByTime, TimeKey(PublishedAtMicros(stored), id), "");
  std::vector<v1::Statement> out;
  out.reserve(statements.size());
  int64_t total_length = 0;
  for (uint32_t seq = 0; seq < statements.size(); ++seq) {
    IndexedStatement& s = statements[seq];
    s.statement.set_id(FormatStatementId(id, seq));
    s.statement.set_article_id(id);
    batch.AddStatement(s, seq);
    total_length += s.length;
    out.push_back(std::move(s.statement));
  }
  batch.MergeInt64(kMeta, kMetaStatementCount,
                   static_cast<int64_t>(statements.size()));
  batch.MergeInt64(kMeta, kMetaTotalLength, total_length);
  batch.MergeInt64(kMeta, kMetaArticleCount, 1);
  FACTCHECK_RETURN_IF_ERROR(
      Commit(batch, absl::StrCat("storing article ", AsAbsl(id))));
  return out;
}

absl::StatusOr<v1::Article> RocksDbStatementStore::GetArticle(
    std::string_view id) const {
  FACTCHECK_ASSIGN_OR_RETURN(std::optional<v1::Article> article,
                             ReadArticle(rocksdb::ReadOptions(), id));
  if (!article.has_value()) {
    return absl::NotFoundError(absl::StrCat("no article ", AsAbsl(id)));
  }
  return *std::move(article);
}

absl::StatusOr<std::optional<std::string>>
RocksDbStatementStore::FindArticleByHash(
    std::string_view content_sha256) const {
  if (content_sha256.empty()) return std::nullopt;
  return Get(rocksdb::ReadOptions(), kByHash, content_sha256);
}

absl::StatusOr<std::vector<v1::Article>> RocksDbStatementStore::ListArticles(
    std::string_view start_after, int limit, const ArticleQuery& query) const {
  std::vector<v1::Article> out;
  if (limit <= 0) return out;
  rocksdb::ManagedSnapshot snapshot(db_.get());
  rocksdb::ReadOptions read;
  read.snapshot = snapshot.snapshot();

  if (!query.published_after.has_value() &&
      !query.published_before.has_value()) {
    FACTCHECK_RETURN_IF_ERROR(
        Scan(read, kArticles, start_after, "",
             [&](std::string_view key,
                 std::string_view value) -> absl::StatusOr<bool> {
               if (key == start_after) return true;
               FACTCHECK_ASSIGN_OR_RETURN(v1::Article article,
                                          DecodeArticle(value, key));
               if (MatchesQuery(article, query))
                 out.push_back(std::move(article));
               return out.size() < static_cast<size_t>(limit);
             }));
    return out;
  }

  // A time filter: the by_time range gives the candidates, which are then
  // returned in id order.
  std::vector<std::string> ids;
  const std::string lower =
      query.published_after.has_value()
          ? TimeKeyBound(absl::ToUnixMicros(*query.published_after))
          : "";
  const std::string upper =
      query.published_before.has_value()
          ? TimeKeyBound(absl::ToUnixMicros(*query.published_before))
          : "";
  FACTCHECK_RETURN_IF_ERROR(
      Scan(read, kByTime, lower, upper,
           [&](std::string_view key, std::string_view) -> absl::StatusOr<bool> {
             const std::optional<std::string_view> id = TimeKeyArticleId(key);
             if (!id.has_value()) return CorruptIndex("by_time", key);
             if (*id > start_after) ids.emplace_back(*id);
             return true;
           }));
  std::sort(ids.begin(), ids.end());
  for (const std::string& id : ids) {
    FACTCHECK_ASSIGN_OR_RETURN(std::optional<v1::Article> article,
                               ReadArticle(read, id));
    if (!article.has_value()) return CorruptIndex("by_time", id);
    if (!MatchesQuery(*article, query)) continue;
    out.push_back(*std::move(article));
    if (out.size() >= static_cast<size_t>(limit)) break;
  }
  return out;
}

absl::StatusOr<uint32_t> RocksDbStatementStore::DeleteArticle(
    std::string_view id) {
  absl::MutexLock lock(&write_mu_);
  rocksdb::ReadOptions read;
  FACTCHECK_ASSIGN_OR_RETURN(std::optional<v1::Article> article,
                             ReadArticle(read, id));
  if (!article.has_value()) {
    return absl::NotFoundError(absl::StrCat("no article ", AsAbsl(id)));
  }
  FACTCHECK_ASSIGN_OR_RETURN(auto statements, ScanStatements(read, id));

  Batch batch(*this);
  batch.Delete(kArticles, id);
  batch.Delete(kByHash, article->content_sha256());
  batch.Delete(kByTime, TimeKey(PublishedAtMicros(*article), id));
  std::map<std::string, int64_t> df_decrements;
  int64_t total_length = 0;
  for (const auto& [seq, s] : statements) {
    batch.RemoveStatement(s, seq);
    total_length += s.length;
    for (const auto& entry : s.term_frequencies) ++df_decrements[entry.first];
  }
  // Terms no statement holds any more are deleted rather than left at 0.
  for (const auto& [term, decrement] : df_decrements) {
    FACTCHECK_ASSIGN_OR_RETURN(const int64_t df, GetInt64(read, kTerms, term));
    if (df <= decrement) {
      batch.Delete(kTerms, term);
    } else {
      batch.MergeInt64(kTerms, term, -decrement);
    }
  }
  batch.MergeInt64(kMeta, kMetaStatementCount,
                   -static_cast<int64_t>(statements.size()));
  batch.MergeInt64(kMeta, kMetaTotalLength, -total_length);
  batch.MergeInt64(kMeta, kMetaArticleCount, -1);
  FACTCHECK_RETURN_IF_ERROR(
      Commit(batch, absl::StrCat("deleting article ", AsAbsl(id))));
  return static_cast<uint32_t>(statements.size());
}

absl::StatusOr<v1::Statement> RocksDbStatementStore::GetStatement(
    std::string_view statement_id) const {
  const std::optional<StatementRef> ref = ParseStatementId(statement_id);
  if (ref.has_value()) {
    FACTCHECK_ASSIGN_OR_RETURN(
        std::optional<IndexedStatement> s,
        ReadStatement(rocksdb::ReadOptions(), ref->article_id, ref->sequence));
    if (s.has_value()) return std::move(s->statement);
  }
  return absl::NotFoundError(
      absl::StrCat("no statement ", AsAbsl(statement_id)));
}

absl::StatusOr<std::vector<v1::Statement>>
RocksDbStatementStore::ListStatementsByArticle(
    std::string_view article_id) const {
  rocksdb::ManagedSnapshot snapshot(db_.get());
  rocksdb::ReadOptions read;
  read.snapshot = snapshot.snapshot();
  FACTCHECK_ASSIGN_OR_RETURN(std::optional<v1::Article> article,
                             ReadArticle(read, article_id));
  if (!article.has_value()) {
    return absl::NotFoundError(absl::StrCat("no article ", AsAbsl(article_id)));
  }
  FACTCHECK_ASSIGN_OR_RETURN(auto statements, ScanStatements(read, article_id));
  std::vector<v1::Statement> out;
  out.reserve(statements.size());
  for (auto& entry : statements)
    out.push_back(std::move(entry.second.statement));
  return out;
}

absl::StatusOr<std::vector<v1::Statement>>
RocksDbStatementStore::ListStatementsBySpeaker(std::string_view speaker_key,
                                               std::string_view start_after,
                                               int limit) const {
  std::vector<v1::Statement> out;
  if (limit <= 0 || !IsValidIndexKey(speaker_key)) return out;
  rocksdb::ManagedSnapshot snapshot(db_.get());
  rocksdb::ReadOptions read;
  read.snapshot = snapshot.snapshot();
  const std::string prefix = SpeakerIndexPrefix(speaker_key);
  FACTCHECK_RETURN_IF_ERROR(Scan(
      read, kBySpeaker, absl::StrCat(prefix, AsAbsl(start_after)),
      PrefixSuccessor(prefix),
      [&](std::string_view key, std::string_view) -> absl::StatusOr<bool> {
        const std::optional<std::string_view> id = SpeakerIndexStatementId(key);
        if (!id.has_value()) return CorruptIndex("by_speaker", key);
        if (*id == start_after) return true;
        const std::optional<StatementRef> ref = ParseStatementId(*id);
        if (!ref.has_value()) return CorruptIndex("by_speaker", key);
        FACTCHECK_ASSIGN_OR_RETURN(
            std::optional<IndexedStatement> s,
            ReadStatement(read, ref->article_id, ref->sequence));
        if (!s.has_value()) return CorruptIndex("by_speaker", key);
        out.push_back(std::move(s->statement));
        return out.size() < static_cast<size_t>(limit);
      }));
  return out;
}

absl::StatusOr<v1::Statement> RocksDbStatementStore::AppendStatement(
    std::string_view article_id, IndexedStatement statement) {
  FACTCHECK_RETURN_IF_ERROR(NormalizeIndexedStatement(statement));
  absl::MutexLock lock(&write_mu_);
  rocksdb::ReadOptions read;
  FACTCHECK_ASSIGN_OR_RETURN(std::optional<v1::Article> article,
                             ReadArticle(read, article_id));
  if (!article.has_value()) {
    return absl::NotFoundError(absl::StrCat("no article ", AsAbsl(article_id)));
  }
  // Statements are only ever added at the end and deleted with their
  // article, so the count is the next sequence number.
  const uint32_t seq = article->statement_count();
  if (seq >= kMaxStatementsPerArticle) {
    return absl::ResourceExhaustedError(
        absl::StrCat("article ", AsAbsl(article_id), " already has ",
                     kMaxStatementsPerArticle, " statements"));
  }
  statement.statement.set_id(FormatStatementId(article_id, seq));
  statement.statement.set_article_id(std::string(article_id));
  article->set_statement_count(seq + 1);

  Batch batch(*this);
  batch.Put(kArticles, article_id, EncodeArticle(*article));
  batch.AddStatement(statement, seq);
  batch.MergeInt64(kMeta, kMetaStatementCount, 1);
  batch.MergeInt64(kMeta, kMetaTotalLength, statement.length);
  FACTCHECK_RETURN_IF_ERROR(Commit(
      batch,
      absl::StrCat("appending a statement to article ", AsAbsl(article_id))));
  return std::move(statement.statement);
}

absl::StatusOr<std::vector<ScoredStatement>> RocksDbStatementStore::Search(
    const std::vector<std::string>& query_terms,
    const std::vector<std::string>& article_scope, int limit) const {
  std::vector<ScoredStatement> out;
  const std::vector<std::string> terms = NormalizeQueryTerms(query_terms);
  if (limit <= 0 || terms.empty()) return out;
  const std::vector<std::string> scope = NormalizeArticleScope(article_scope);
  if (!article_scope.empty() && scope.empty()) return out;

  rocksdb::ManagedSnapshot snapshot(db_.get());
  rocksdb::ReadOptions read;
  read.snapshot = snapshot.snapshot();
  FACTCHECK_ASSIGN_OR_RETURN(const int64_t n,
                             GetInt64(read, kMeta, kMetaStatementCount));
  FACTCHECK_ASSIGN_OR_RETURN(const int64_t total_length,
                             GetInt64(read, kMeta, kMetaTotalLength));
  if (n <= 0) return out;

  Bm25Scorer scorer(static_cast<uint64_t>(n),
                    static_cast<uint64_t>(std::max<int64_t>(total_length, 0)));
  for (const std::string& term : terms) {
    FACTCHECK_ASSIGN_OR_RETURN(const int64_t df, GetInt64(read, kTerms, term));
    if (df <= 0) continue;
    const double idf =
        Bm25Idf(static_cast<uint64_t>(n), static_cast<uint64_t>(df));
    std::vector<std::string> prefixes;
    if (scope.empty()) {
      prefixes.push_back(PostingTermPrefix(term));
    } else {
      for (const std::string& id : scope) {
        prefixes.push_back(PostingArticlePrefix(term, id));
      }
    }
    for (const std::string& prefix : prefixes) {
      FACTCHECK_RETURN_IF_ERROR(Scan(
          read, kPostings, prefix, PrefixSuccessor(prefix),
          [&](std::string_view key,
              std::string_view value) -> absl::StatusOr<bool> {
            const std::optional<StatementRef> ref = ParsePostingKey(key);
            const std::optional<PostingValue> posting = DecodePosting(value);
            if (!ref.has_value() || !posting.has_value()) {
              return CorruptIndex("postings", key);
            }
            scorer.Add(FormatStatementId(ref->article_id, ref->sequence), idf,
                       posting->term_frequency, posting->doc_length);
            return true;
          }));
    }
  }

  for (auto& [id, score] : scorer.Top(limit)) {
    const std::optional<StatementRef> ref = ParseStatementId(id);
    if (!ref.has_value()) return CorruptIndex("postings", id);
    FACTCHECK_ASSIGN_OR_RETURN(
        std::optional<IndexedStatement> s,
        ReadStatement(read, ref->article_id, ref->sequence));
    if (!s.has_value()) return CorruptIndex("postings", id);
    out.push_back(ScoredStatement{std::move(s->statement), score});
  }
  return out;
}

absl::StatusOr<uint64_t> RocksDbStatementStore::StatementCount() const {
  FACTCHECK_ASSIGN_OR_RETURN(
      const int64_t n,
      GetInt64(rocksdb::ReadOptions(), kMeta, kMetaStatementCount));
  if (n < 0) return CorruptIndex("meta", kMetaStatementCount);
  return static_cast<uint64_t>(n);
}

absl::StatusOr<uint64_t> RocksDbStatementStore::ArticleCount() const {
  FACTCHECK_ASSIGN_OR_RETURN(
      const int64_t n,
      GetInt64(rocksdb::ReadOptions(), kMeta, kMetaArticleCount));
  if (n < 0) return CorruptIndex("meta", kMetaArticleCount);
  return static_cast<uint64_t>(n);
}

absl::StatusOr<uint64_t> RocksDbStatementStore::ApproximateSizeBytes() const {
  uint64_t sst_bytes = 0;
  if (!db_->GetAggregatedIntProperty(
          rocksdb::DB::Properties::kTotalSstFilesSize, &sst_bytes)) {
    return absl::InternalError("RocksDB has no total-sst-files-size property");
  }
  rocksdb::VectorLogPtr wal_files;
  FACTCHECK_RETURN_IF_ERROR(FromRocksDbStatus(db_->GetSortedWalFiles(wal_files),
                                              "listing the write-ahead log"));
  uint64_t wal_bytes = 0;
  for (const std::unique_ptr<rocksdb::LogFile>& file : wal_files) {
    if (file->Type() == rocksdb::kAliveLogFile)
      wal_bytes += file->SizeFileBytes();
  }
  return sst_bytes + wal_bytes;
}

absl::StatusOr<CheckpointInfo> RocksDbStatementStore::CreateCheckpoint(
    const std::string& dir) {
  if (dir.empty()) {
    return absl::InvalidArgumentError("checkpoint: empty directory");
  }
  rocksdb::Env* env = db_->GetEnv();
  // Holding the write lock keeps writers out, so the counts read below and
  // the latest sequence number are those of the checkpoint.
  absl::MutexLock lock(&write_mu_);
  const absl::Status exists = FromRocksDbStatus(
      env->FileExists(dir), absl::StrCat("checking for ", dir));
  if (exists.ok()) {
    return absl::AlreadyExistsError(
        absl::StrCat("checkpoint directory ", dir, " already exists"));
  }
  if (!absl::IsNotFound(exists)) return exists;

  rocksdb::Checkpoint* raw_checkpoint = nullptr;
  FACTCHECK_RETURN_IF_ERROR(
      FromRocksDbStatus(rocksdb::Checkpoint::Create(db_.get(), &raw_checkpoint),
                        "preparing a checkpoint"));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw_checkpoint);
  // log_size_for_flush 0: always flush, so the checkpoint needs no WAL
  // replay beyond what was written during the flush.
  FACTCHECK_RETURN_IF_ERROR(FromRocksDbStatus(
      checkpoint->CreateCheckpoint(dir, /*log_size_for_flush=*/0),
      absl::StrCat("writing a checkpoint to ", dir)));

  CheckpointInfo info;
  info.path = dir;
  info.sequence = db_->GetLatestSequenceNumber();
  FACTCHECK_ASSIGN_OR_RETURN(info.article_count, ArticleCount());
  FACTCHECK_ASSIGN_OR_RETURN(info.statement_count, StatementCount());
  std::vector<std::string> files;
  FACTCHECK_RETURN_IF_ERROR(FromRocksDbStatus(env->GetChildren(dir, &files),
                                              absl::StrCat("listing ", dir)));
  for (const std::string& file : files) {
    if (file == "." || file == "..") continue;
    uint64_t bytes = 0;
    FACTCHECK_RETURN_IF_ERROR(FromRocksDbStatus(
        env->GetFileSize(absl::StrCat(dir, "/", file), &bytes),
        absl::StrCat("measuring ", dir, "/", file)));
    info.size_bytes += bytes;
  }
  return info;
}

}  // namespace factcheck::storage
