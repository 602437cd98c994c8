#include "tools/crash_test/ledger.h"

#include <functional>
#include <utility>

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace factcheck::crash_test {
namespace {

// Search queries are capped by the server (max_claim_bytes); a long
// statement is cut at a space, which keeps the query valid UTF-8.
constexpr size_t kMaxSearchBytes = 1000;

std::string SearchTextOf(const std::string& text) {
  if (text.size() <= kMaxSearchBytes) return text;
  size_t cut = text.rfind(' ', kMaxSearchBytes);
  if (cut == std::string::npos || cut == 0) {
    cut = kMaxSearchBytes;
    // Back to the start of a UTF-8 sequence.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
      --cut;
    }
  }
  return text.substr(0, cut);
}

}  // namespace

uint64_t DigestOf(
    const google::protobuf::RepeatedPtrField<v1::Statement>& statements) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream out(&stream);
    out.SetSerializationDeterministic(true);
    for (const v1::Statement& s : statements) {
      out.WriteVarint64(s.ByteSizeLong());
      s.SerializeWithCachedSizes(&out);
    }
  }
  return std::hash<std::string>()(bytes);
}

ExpectedStatements Expect(
    const google::protobuf::RepeatedPtrField<v1::Statement>& statements,
    const std::string& content_sha256) {
  ExpectedStatements expected;
  expected.count = static_cast<uint32_t>(statements.size());
  expected.digest = DigestOf(statements);
  expected.content_sha256 = content_sha256;
  const v1::Statement* longest = nullptr;
  for (const v1::Statement& s : statements) {
    if (longest == nullptr || s.text().size() > longest->text().size()) {
      longest = &s;
    }
  }
  if (longest != nullptr) expected.search_text = SearchTextOf(longest->text());
  return expected;
}

void Ledger::Record(const std::string& id, Entry entry) {
  absl::MutexLock lock(&mu_);
  entries_[id] = std::move(entry);
}

void Ledger::MarkPresent(const std::string& id, ExpectedStatements expected,
                         int cycle) {
  absl::MutexLock lock(&mu_);
  Entry& entry = entries_[id];
  entry.expected = std::move(expected);
  entry.first_checked_cycle = cycle;
}

void Ledger::MarkChecked(const std::string& id, int cycle) {
  absl::MutexLock lock(&mu_);
  Entry& entry = entries_[id];
  if (entry.first_checked_cycle == 0) entry.first_checked_cycle = cycle;
}

std::optional<Entry> Ledger::Find(const std::string& id) const {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Ledger::MustBePresent() const {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> ids;
  for (const auto& [id, entry] : entries_) {
    if (entry.expected.has_value()) ids.push_back(id);
  }
  return ids;
}

int64_t Ledger::Count(Outcome outcome) const {
  absl::MutexLock lock(&mu_);
  int64_t n = 0;
  for (const auto& [id, entry] : entries_) n += entry.outcome == outcome;
  return n;
}

}  // namespace factcheck::crash_test
