#ifndef FACTCHECK_TOOLS_CRASH_TEST_LEDGER_H_
#define FACTCHECK_TOOLS_CRASH_TEST_LEDGER_H_

// What the crash test has sent and what the store must hold: every ingest
// with its outcome, and for every article that must be present (acknowledged,
// or found present once) the statements it must have.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "factcheck/v1/article.pb.h"
#include "google/protobuf/repeated_ptr_field.h"

namespace factcheck::crash_test {

// The statement list an article must have, in a form cheap to keep for
// thousands of articles.
struct ExpectedStatements {
  uint32_t count = 0;
  // Digest of the statements (every field, in order); compared with what
  // ListStatements returns.
  uint64_t digest = 0;
  // The article's most distinctive statement text (its longest, cut to a
  // valid query length); searching for it must find the article.
  std::string search_text;
  // The stored body's hash, as the server reported it.
  std::string content_sha256;
};

// Digest, count and search text of `statements` (as IngestArticle or
// ListStatements return them). Deterministic within one process.
ExpectedStatements Expect(
    const google::protobuf::RepeatedPtrField<v1::Statement>& statements,
    const std::string& content_sha256);
uint64_t DigestOf(
    const google::protobuf::RepeatedPtrField<v1::Statement>& statements);

enum class Outcome {
  // IngestArticle returned OK: the article must be present from now on.
  kAcked,
  // The call failed with an unknown outcome (the server was killed while it
  // was in flight, or UNAVAILABLE, DEADLINE_EXCEEDED, ...): present or
  // absent, but never partial.
  kUnacked,
  // Refused by a live server (e.g. INVALID_ARGUMENT): must be absent.
  kRejected,
};

struct Entry {
  uint64_t sequence = 0;  // ArticleSource::Request(sequence)
  int cycle = 0;          // cycle of the ingest
  Outcome outcome = Outcome::kUnacked;
  bool in_flight_at_kill = false;
  // Set for acked articles, and for unacked ones once found present.
  std::optional<ExpectedStatements> expected;
  // Cycle in which the article was first checked after a restart.
  int first_checked_cycle = 0;
};

// Thread-safe.
class Ledger {
 public:
  void Record(const std::string& id, Entry entry) ABSL_LOCKS_EXCLUDED(mu_);
  // An unacked article found present and complete: it must stay so.
  void MarkPresent(const std::string& id, ExpectedStatements expected,
                   int cycle) ABSL_LOCKS_EXCLUDED(mu_);
  void MarkChecked(const std::string& id, int cycle) ABSL_LOCKS_EXCLUDED(mu_);
  std::optional<Entry> Find(const std::string& id) const
      ABSL_LOCKS_EXCLUDED(mu_);
  // Ids of every article that must be present.
  std::vector<std::string> MustBePresent() const ABSL_LOCKS_EXCLUDED(mu_);
  // Number of entries with `outcome` (all cycles).
  int64_t Count(Outcome outcome) const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace factcheck::crash_test

#endif  // FACTCHECK_TOOLS_CRASH_TEST_LEDGER_H_
