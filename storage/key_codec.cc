#include "storage/key_codec.h"

#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/string_view.h"
#include "storage/stored_statement.pb.h"

namespace factcheck::storage {
namespace {

constexpr char kSep = '\0';
constexpr size_t kSequenceDigits = 6;

void AppendBigEndian32(uint32_t v, std::string* out) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((v >> shift) & 0xff));
  }
}

uint32_t ReadBigEndian32(std::string_view in) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  return v;
}

void AppendLittleEndian(uint64_t v, int bytes, std::string* out) {
  for (int i = 0; i < bytes; ++i) {
    out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
}

uint64_t ReadLittleEndian(std::string_view in, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) {
    v = (v << 8) | static_cast<uint8_t>(in[i]);
  }
  return v;
}

// Flipping the sign bit makes big-endian byte order match signed order.
std::string OrderedMicros(int64_t micros) {
  const uint64_t biased = static_cast<uint64_t>(micros) ^ (uint64_t{1} << 63);
  std::string out;
  out.reserve(8);
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((biased >> shift) & 0xff));
  }
  return out;
}

}  // namespace

std::string_view FamilyName(Family family) {
  static constexpr std::array<std::string_view, kNumFamilies> kNames = {
      "meta",  "articles", "statements", "postings",
      "terms", "by_hash",  "by_speaker", "by_time"};
  return kNames[static_cast<int>(family)];
}

bool IsValidArticleId(std::string_view id) {
  if (id.empty() || id.size() > kMaxArticleIdBytes) return false;
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' &&
        c != '_' && c != '-') {
      return false;
    }
  }
  return true;
}

bool IsValidIndexKey(std::string_view key) {
  return !key.empty() && key.find(kSep) == std::string_view::npos;
}

std::string FormatStatementId(std::string_view article_id, uint32_t sequence) {
  return absl::StrFormat("%s:%06u", AsAbsl(article_id), sequence);
}

std::optional<StatementRef> ParseStatementId(std::string_view statement_id) {
  const size_t colon = statement_id.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const std::string_view article = statement_id.substr(0, colon);
  const std::string_view digits = statement_id.substr(colon + 1);
  if (!IsValidArticleId(article) || digits.size() != kSequenceDigits) {
    return std::nullopt;
  }
  uint32_t sequence = 0;
  for (char c : digits) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      return std::nullopt;
    }
    sequence = sequence * 10 + static_cast<uint32_t>(c - '0');
  }
  return StatementRef{std::string(article), sequence};
}

std::string StatementKeyPrefix(std::string_view article_id) {
  std::string key(article_id);
  key.push_back(kSep);
  return key;
}

std::string StatementKey(std::string_view article_id, uint32_t sequence) {
  std::string key = StatementKeyPrefix(article_id);
  AppendBigEndian32(sequence, &key);
  return key;
}

std::optional<StatementRef> ParseStatementKey(std::string_view key) {
  if (key.size() < 6 || key[key.size() - 5] != kSep) return std::nullopt;
  const std::string_view article = key.substr(0, key.size() - 5);
  if (!IsValidArticleId(article)) return std::nullopt;
  return StatementRef{std::string(article),
                      ReadBigEndian32(key.substr(key.size() - 4))};
}

std::string PostingTermPrefix(std::string_view term) {
  std::string key(term);
  key.push_back(kSep);
  return key;
}

std::string PostingArticlePrefix(std::string_view term,
                                 std::string_view article_id) {
  return absl::StrCat(PostingTermPrefix(term), StatementKeyPrefix(article_id));
}

std::string PostingKey(std::string_view term, std::string_view article_id,
                       uint32_t sequence) {
  return absl::StrCat(PostingTermPrefix(term),
                      StatementKey(article_id, sequence));
}

std::optional<StatementRef> ParsePostingKey(std::string_view key) {
  const size_t sep = key.find(kSep);
  if (sep == std::string_view::npos || sep == 0) return std::nullopt;
  return ParseStatementKey(key.substr(sep + 1));
}

std::string EncodePosting(const PostingValue& posting) {
  std::string out;
  out.reserve(8);
  AppendLittleEndian(posting.term_frequency, 4, &out);
  AppendLittleEndian(posting.doc_length, 4, &out);
  return out;
}

std::optional<PostingValue> DecodePosting(std::string_view value) {
  if (value.size() != 8) return std::nullopt;
  return PostingValue{
      static_cast<uint32_t>(ReadLittleEndian(value.substr(0, 4), 4)),
      static_cast<uint32_t>(ReadLittleEndian(value.substr(4, 4), 4))};
}

std::string SpeakerIndexPrefix(std::string_view speaker_key) {
  std::string key(speaker_key);
  key.push_back(kSep);
  return key;
}

std::string SpeakerIndexKey(std::string_view speaker_key,
                            std::string_view statement_id) {
  return absl::StrCat(SpeakerIndexPrefix(speaker_key), AsAbsl(statement_id));
}

std::optional<std::string_view> SpeakerIndexStatementId(std::string_view key) {
  const size_t sep = key.find(kSep);
  if (sep == std::string_view::npos || sep == 0 || sep + 1 == key.size()) {
    return std::nullopt;
  }
  return key.substr(sep + 1);
}

std::string TimeKeyBound(int64_t published_micros) {
  return OrderedMicros(published_micros);
}

std::string TimeKey(int64_t published_micros, std::string_view article_id) {
  return absl::StrCat(OrderedMicros(published_micros), AsAbsl(article_id));
}

std::optional<std::string_view> TimeKeyArticleId(std::string_view key) {
  if (key.size() <= 8) return std::nullopt;
  return key.substr(8);
}

std::string EncodeInt64(int64_t value) {
  std::string out;
  out.reserve(8);
  AppendLittleEndian(static_cast<uint64_t>(value), 8, &out);
  return out;
}

std::optional<int64_t> DecodeInt64(std::string_view value) {
  if (value.size() != 8) return std::nullopt;
  return static_cast<int64_t>(ReadLittleEndian(value, 8));
}

std::string PrefixSuccessor(std::string_view prefix) {
  std::string out(prefix);
  while (!out.empty() && static_cast<uint8_t>(out.back()) == 0xff) {
    out.pop_back();
  }
  if (!out.empty()) out.back() = static_cast<char>(out.back() + 1);
  return out;
}

std::string EncodeStoredStatement(const IndexedStatement& statement) {
  StoredStatement stored;
  *stored.mutable_statement() = statement.statement;
  stored.set_length(statement.length);
  for (const auto& [term, frequency] : statement.term_frequencies) {
    StoredTerm* t = stored.add_terms();
    t->set_term(term);
    t->set_frequency(frequency);
  }
  for (const std::string& key : statement.speaker_keys) {
    stored.add_speaker_keys(key);
  }
  return stored.SerializeAsString();
}

absl::StatusOr<IndexedStatement> DecodeStoredStatement(std::string_view value,
                                                       std::string_view key) {
  StoredStatement stored;
  if (!stored.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return absl::DataLossError(absl::StrCat(
        "corrupt statement record under key ", absl::CHexEscape(AsAbsl(key))));
  }
  IndexedStatement out;
  out.statement = std::move(*stored.mutable_statement());
  out.length = stored.length();
  out.term_frequencies.reserve(stored.terms_size());
  for (StoredTerm& t : *stored.mutable_terms()) {
    out.term_frequencies.emplace_back(std::move(*t.mutable_term()),
                                      t.frequency());
  }
  out.speaker_keys.assign(stored.speaker_keys().begin(),
                          stored.speaker_keys().end());
  return out;
}

std::string EncodeArticle(const v1::Article& article) {
  return article.SerializeAsString();
}

absl::StatusOr<v1::Article> DecodeArticle(std::string_view value,
                                          std::string_view key) {
  v1::Article article;
  if (!article.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return absl::DataLossError(absl::StrCat("corrupt article record under key ",
                                            absl::CHexEscape(AsAbsl(key))));
  }
  return article;
}

}  // namespace factcheck::storage
