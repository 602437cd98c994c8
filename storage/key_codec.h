#ifndef FACTCHECK_STORAGE_KEY_CODEC_H_
#define FACTCHECK_STORAGE_KEY_CODEC_H_

// The one key (and value) schema of the RocksDB store, plus the statement-id
// helpers both stores share. Pure functions, thread-safe, no RocksDB types.
//
// Separators: article ids match [A-Za-z0-9._-]{1,128} and index keys (terms,
// speaker keys) contain no '\0', so '\0' separates key parts and ':' the two
// halves of a statement id. seq32 is a big-endian uint32 (so keys sort in
// sequence order); i64 is an 8-byte little-endian two's-complement integer
// (the operand format of the Int64Add merge operator).
//
// family      key                                      value
// ----------  ---------------------------------------  ----------------------
// meta        "schema_version" | "statement_count" |   i64 (counters via
//             "total_length" | "article_count"         Int64Add merges)
// articles    article_id                               v1.Article (serialised)
// statements  article_id '\0' seq32                    StoredStatement (proto,
//                                                      stored_statement.proto)
// postings    term '\0' article_id '\0' seq32          fixed32le tf,
//                                                      fixed32le doc length
// terms       term                                     i64 document frequency
//                                                      (Int64Add merges)
// by_hash     content_sha256                           article_id
// by_speaker  speaker_key '\0' statement_id            empty
// by_time     be64(published micros ^ 2^63)            empty
//             article_id
//
// by_speaker holds the statement *id* (not the statement key) so that a scan
// comes back in statement-id order, the order ListStatementsBySpeaker
// promises. Articles without published_at sort under time 0 (the epoch).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "factcheck/v1/article.pb.h"
#include "storage/statement_store.h"

namespace factcheck::storage {

// Version of the layout above; bumped on any incompatible change.
inline constexpr int64_t kSchemaVersion = 1;

// Sequences are formatted with 6 digits, so an article holds at most this
// many statements (and statement-id order equals sequence order).
inline constexpr uint32_t kMaxStatementsPerArticle = 1'000'000;

inline constexpr size_t kMaxArticleIdBytes = 128;

// Column families, in the order the store opens them.
enum class Family : int {
  kMeta = 0,
  kArticles,
  kStatements,
  kPostings,
  kTerms,
  kByHash,
  kBySpeaker,
  kByTime,
};
inline constexpr int kNumFamilies = 8;

// The RocksDB column-family name of `family`.
std::string_view FamilyName(Family family);

// Keys of the meta family.
inline constexpr std::string_view kMetaSchemaVersion = "schema_version";
inline constexpr std::string_view kMetaStatementCount = "statement_count";
inline constexpr std::string_view kMetaTotalLength = "total_length";
// Added after schema version 1 without a version bump: Open counts the
// articles once when a database lacks it.
inline constexpr std::string_view kMetaArticleCount = "article_count";

// True when `id` matches [A-Za-z0-9._-]{1,128}.
bool IsValidArticleId(std::string_view id);

// True when `key` may be used as a term or speaker key: non-empty, no '\0'.
bool IsValidIndexKey(std::string_view key);

// A parsed statement id.
struct StatementRef {
  std::string article_id;
  uint32_t sequence = 0;
};

// "<article_id>:<sequence, 6 digits zero-padded>". `sequence` must be below
// kMaxStatementsPerArticle.
std::string FormatStatementId(std::string_view article_id, uint32_t sequence);

// The parts of a well-formed statement id; nullopt for anything else (a bad
// article id, a missing ':', a sequence that is not exactly 6 digits).
std::optional<StatementRef> ParseStatementId(std::string_view statement_id);

// statements family.
std::string StatementKey(std::string_view article_id, uint32_t sequence);
// The prefix every statement key of `article_id` starts with.
std::string StatementKeyPrefix(std::string_view article_id);
// nullopt when `key` is not a statement key.
std::optional<StatementRef> ParseStatementKey(std::string_view key);

// postings family.
std::string PostingKey(std::string_view term, std::string_view article_id,
                       uint32_t sequence);
// All postings of `term`.
std::string PostingTermPrefix(std::string_view term);
// The postings of `term` in statements of `article_id`.
std::string PostingArticlePrefix(std::string_view term,
                                 std::string_view article_id);
// The statement a posting key points at; nullopt when malformed.
std::optional<StatementRef> ParsePostingKey(std::string_view key);

struct PostingValue {
  uint32_t term_frequency = 0;
  uint32_t doc_length = 0;
};
std::string EncodePosting(const PostingValue& posting);
// nullopt when `value` is not 8 bytes.
std::optional<PostingValue> DecodePosting(std::string_view value);

// by_speaker family.
std::string SpeakerIndexKey(std::string_view speaker_key,
                            std::string_view statement_id);
std::string SpeakerIndexPrefix(std::string_view speaker_key);
// The statement id of a by_speaker key; nullopt when malformed.
std::optional<std::string_view> SpeakerIndexStatementId(std::string_view key);

// by_time family. TimeKeyBound(m) sorts before every key with time >= m and
// after every key with time < m, so it serves as both bounds of a range.
std::string TimeKey(int64_t published_micros, std::string_view article_id);
std::string TimeKeyBound(int64_t published_micros);
// The article id of a by_time key; nullopt when malformed.
std::optional<std::string_view> TimeKeyArticleId(std::string_view key);

// i64 values (meta counters, term document frequencies).
std::string EncodeInt64(int64_t value);
// nullopt when `value` is not 8 bytes.
std::optional<int64_t> DecodeInt64(std::string_view value);

// The smallest string greater than every string starting with `prefix`
// (the iterate_upper_bound of a prefix scan). `prefix` must contain a byte
// other than 0xff.
std::string PrefixSuccessor(std::string_view prefix);

// statements values. Decode returns DATA_LOSS for a record that does not
// parse; `key` names it in the message.
std::string EncodeStoredStatement(const IndexedStatement& statement);
absl::StatusOr<IndexedStatement> DecodeStoredStatement(std::string_view value,
                                                       std::string_view key);

// articles values. Decode returns DATA_LOSS for a record that does not parse.
std::string EncodeArticle(const v1::Article& article);
absl::StatusOr<v1::Article> DecodeArticle(std::string_view value,
                                          std::string_view key);

}  // namespace factcheck::storage

#endif  // FACTCHECK_STORAGE_KEY_CODEC_H_
