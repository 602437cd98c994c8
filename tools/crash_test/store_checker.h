#ifndef FACTCHECK_TOOLS_CRASH_TEST_STORE_CHECKER_H_
#define FACTCHECK_TOOLS_CRASH_TEST_STORE_CHECKER_H_

// Checks a restarted factcheckd against the ledger: nothing acknowledged is
// lost, nothing present is half-ingested.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/claims/claims_core.h"
#include "storage/in_memory_statement_store.h"
#include "tools/crash_test/article_source.h"
#include "tools/crash_test/ledger.h"

namespace factcheck::crash_test {

struct CheckReport {
  // Articles ListArticles returned.
  int64_t listed = 0;
  // Articles that had to be present and were checked.
  int64_t checked = 0;
  // Unacknowledged articles found present (and complete) for the first time.
  int64_t unacked_present = 0;
  // Must-be-present articles that are missing (GetArticle or listing).
  int64_t lost = 0;
  // Present articles whose statements differ from what they must be.
  int64_t partial = 0;
  // Present articles that SearchStatements does not find.
  int64_t search_misses = 0;
  // Present articles the ledger says must be absent (refused ingests) or
  // does not know; RPC errors while checking.
  int64_t unexpected = 0;
  // The first problems, one line each.
  std::vector<std::string> problems;
  // Ids of the lost and partial articles (to count each once over cycles).
  std::vector<std::string> lost_ids;
  std::vector<std::string> partial_ids;

  int64_t failures() const {
    return lost + partial + search_misses + unexpected;
  }
};

// Not thread-safe (one Check at a time); Check itself uses `threads`
// concurrent clients.
class StoreChecker {
 public:
  // `source` and `ledger` are not owned and must outlive the checker.
  StoreChecker(const ArticleSource* source, Ledger* ledger, int threads);

  // Checks the server at `address` after the restart that ended `cycle`:
  // every article that must be present is (GetArticle and ListArticles),
  // with exactly its statements (ListStatements, every page) and found by
  // SearchStatements for its longest statement, scoped to it; articles
  // acknowledged in `cycle` also archive-wide. Every other listed article
  // must come from an unacknowledged ingest and hold exactly the statements
  // a fresh analysis of its request gives (an in-memory ClaimsCore); it is
  // then recorded as must-be-present.
  CheckReport Check(const std::string& address, int cycle);

 private:
  // What ingesting request `sequence` gives: the statements of an in-memory
  // ingest of the same request (cached per article).
  absl::StatusOr<ExpectedStatements> Reanalyse(uint64_t sequence);

  const ArticleSource* source_;
  Ledger* ledger_;
  const int threads_;
  storage::InMemoryStatementStore reference_store_;
  claims::ClaimsCore reference_core_;
  absl::Mutex reanalysed_mu_;
  std::map<uint64_t, ExpectedStatements> reanalysed_
      ABSL_GUARDED_BY(reanalysed_mu_);
};

}  // namespace factcheck::crash_test

#endif  // FACTCHECK_TOOLS_CRASH_TEST_STORE_CHECKER_H_
