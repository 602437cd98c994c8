// The RocksDB key/value schema (storage/key_codec.h): every decoder on
// arbitrary bytes (never crashes; what parses re-encodes to the same bytes),
// and every encoder on fuzzed parts (decode(encode(x)) == x, and the key
// orders the schema promises).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "fuzz/fuzz_check.h"
#include "fuzzer/FuzzedDataProvider.h"
#include "google/protobuf/stubs/logging.h"
#include "storage/key_codec.h"
#include "text/normalize.h"

namespace factcheck::fuzz {
namespace {

using storage::StatementRef;

bool SameRef(const std::optional<StatementRef>& ref, std::string_view id,
             uint32_t sequence) {
  return ref.has_value() && ref->article_id == id && ref->sequence == sequence;
}

// Decoders on bytes from anywhere (a corrupt or foreign database).
void DecodeArbitrary(std::string_view bytes) {
  if (auto ref = storage::ParseStatementId(bytes)) {
    FUZZ_CHECK(storage::IsValidArticleId(ref->article_id));
    FUZZ_CHECK(storage::FormatStatementId(ref->article_id, ref->sequence) ==
               bytes);
  }
  if (auto ref = storage::ParseStatementKey(bytes)) {
    FUZZ_CHECK(storage::StatementKey(ref->article_id, ref->sequence) == bytes);
  }
  if (auto ref = storage::ParsePostingKey(bytes)) {
    const std::string suffix =
        storage::StatementKey(ref->article_id, ref->sequence);
    FUZZ_CHECK(bytes.size() > suffix.size() &&
               bytes.substr(bytes.size() - suffix.size()) == suffix);
  }
  if (auto value = storage::DecodePosting(bytes)) {
    FUZZ_CHECK(storage::EncodePosting(*value) == bytes);
  }
  if (auto value = storage::DecodeInt64(bytes)) {
    FUZZ_CHECK(storage::EncodeInt64(*value) == bytes);
  }
  if (auto id = storage::SpeakerIndexStatementId(bytes)) {
    FUZZ_CHECK(!id->empty() && bytes.substr(bytes.size() - id->size()) == *id);
  }
  if (auto id = storage::TimeKeyArticleId(bytes)) {
    FUZZ_CHECK(!id->empty() && bytes.substr(bytes.size() - id->size()) == *id);
  }
  // Corrupt records are DATA_LOSS, never a crash.
  absl::StatusOr<storage::IndexedStatement> statement =
      storage::DecodeStoredStatement(bytes, "key");
  FUZZ_CHECK(statement.ok() || absl::IsDataLoss(statement.status()));
  absl::StatusOr<v1::Article> article = storage::DecodeArticle(bytes, "key");
  FUZZ_CHECK(article.ok() || absl::IsDataLoss(article.status()));
}

void RoundTrip(FuzzedDataProvider& in) {
  const std::string id = in.ConsumeRandomLengthString(160);
  const uint32_t seq = in.ConsumeIntegralInRange<uint32_t>(
      0, storage::kMaxStatementsPerArticle - 1);
  const uint32_t seq2 = in.ConsumeIntegralInRange<uint32_t>(
      0, storage::kMaxStatementsPerArticle - 1);
  const std::string term = in.ConsumeRandomLengthString(64);
  const int64_t micros = in.ConsumeIntegral<int64_t>();
  const int64_t micros2 = in.ConsumeIntegral<int64_t>();
  const storage::PostingValue posting{in.ConsumeIntegral<uint32_t>(),
                                      in.ConsumeIntegral<uint32_t>()};
  const std::string text = in.ConsumeRandomLengthString(256);

  const std::optional<storage::PostingValue> decoded_posting =
      storage::DecodePosting(storage::EncodePosting(posting));
  FUZZ_CHECK(decoded_posting.has_value() &&
             decoded_posting->term_frequency == posting.term_frequency &&
             decoded_posting->doc_length == posting.doc_length);
  FUZZ_CHECK(storage::DecodeInt64(storage::EncodeInt64(micros)) == micros);

  // by_time: bounds split keys by time, in signed order.
  FUZZ_CHECK((storage::TimeKeyBound(micros) < storage::TimeKeyBound(micros2)) ==
             (micros < micros2));
  if (!id.empty()) {
    const std::string time_key = storage::TimeKey(micros, id);
    FUZZ_CHECK(storage::TimeKeyArticleId(time_key) == std::string_view(id));
    FUZZ_CHECK((storage::TimeKeyBound(micros2) < time_key) ==
               (micros >= micros2));
  }

  // PrefixSuccessor bounds every extension of its prefix.
  if (term.find_first_not_of('\xff') != std::string::npos) {
    const std::string successor = storage::PrefixSuccessor(term);
    FUZZ_CHECK(term < successor);
    FUZZ_CHECK(term + std::string(8, '\xff') + text < successor);
  }

  if (!storage::IsValidArticleId(id)) return;
  const std::string statement_id = storage::FormatStatementId(id, seq);
  FUZZ_CHECK(SameRef(storage::ParseStatementId(statement_id), id, seq));
  FUZZ_CHECK(SameRef(storage::ParseStatementKey(storage::StatementKey(id, seq)),
                     id, seq));
  // Keys of one article sort in sequence order, as its statement ids do.
  FUZZ_CHECK((storage::StatementKey(id, seq) <
              storage::StatementKey(id, seq2)) == (seq < seq2));
  FUZZ_CHECK((statement_id < storage::FormatStatementId(id, seq2)) ==
             (seq < seq2));
  const std::string key = storage::StatementKey(id, seq);
  FUZZ_CHECK(key.starts_with(storage::StatementKeyPrefix(id)));

  if (storage::IsValidIndexKey(term)) {
    const std::string posting_key = storage::PostingKey(term, id, seq);
    FUZZ_CHECK(SameRef(storage::ParsePostingKey(posting_key), id, seq));
    FUZZ_CHECK(posting_key.starts_with(storage::PostingTermPrefix(term)));
    FUZZ_CHECK(
        posting_key.starts_with(storage::PostingArticlePrefix(term, id)));
    const std::string speaker_key =
        storage::SpeakerIndexKey(term, statement_id);
    FUZZ_CHECK(storage::SpeakerIndexStatementId(speaker_key) ==
               std::string_view(statement_id));
    FUZZ_CHECK(speaker_key.starts_with(storage::SpeakerIndexPrefix(term)));
  }

  // Records round-trip. The service only stores validated UTF-8 text.
  if (text::IsValidUtf8(text) && text::IsValidUtf8(term)) {
    storage::IndexedStatement statement;
    statement.statement.set_id(statement_id);
    statement.statement.set_article_id(id);
    statement.statement.set_text(text);
    statement.statement.mutable_span()->set_begin(seq);
    statement.statement.mutable_span()->set_end(seq2);
    if (storage::IsValidIndexKey(term)) {
      statement.term_frequencies.push_back({term, posting.term_frequency});
      statement.speaker_keys.push_back(term);
    }
    statement.length = posting.doc_length;
    absl::StatusOr<storage::IndexedStatement> decoded =
        storage::DecodeStoredStatement(
            storage::EncodeStoredStatement(statement), key);
    FUZZ_CHECK(decoded.ok());
    FUZZ_CHECK(decoded->statement.SerializeAsString() ==
               statement.statement.SerializeAsString());
    FUZZ_CHECK(decoded->term_frequencies == statement.term_frequencies);
    FUZZ_CHECK(decoded->speaker_keys == statement.speaker_keys);
    FUZZ_CHECK(decoded->length == statement.length);

    v1::Article article;
    article.set_id(id);
    article.set_title(text);
    article.set_body(term);
    article.mutable_published_at()->set_seconds(micros / 1000000);
    absl::StatusOr<v1::Article> decoded_article =
        storage::DecodeArticle(storage::EncodeArticle(article), id);
    FUZZ_CHECK(decoded_article.ok());
    FUZZ_CHECK(decoded_article->SerializeAsString() ==
               article.SerializeAsString());
  }
}

}  // namespace
}  // namespace factcheck::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Protobuf logs every record with invalid UTF-8 it refuses to parse.
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  factcheck::fuzz::DecodeArbitrary(
      std::string_view(reinterpret_cast<const char*>(data), size));
  FuzzedDataProvider in(data, size);
  factcheck::fuzz::RoundTrip(in);
  return 0;
}
