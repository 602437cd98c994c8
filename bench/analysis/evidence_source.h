#ifndef FACTCHECK_BENCH_ANALYSIS_EVIDENCE_SOURCE_H_
#define FACTCHECK_BENCH_ANALYSIS_EVIDENCE_SOURCE_H_

// The article texts a gold file points at: rows of
// <shared_data>/dev/valid/<source_file>, checked against the gold file before
// any scoring.

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "bench/analysis/sourced_scoring.h"

namespace factcheck::analysis_eval {

// Loads each source file once, on first use. Not thread-safe.
class EvidenceSource {
 public:
  // `shared_data` holds dev/valid/*.jsonl.
  explicit EvidenceSource(std::string shared_data);

  // The evidence text of `article`'s row. NOT_FOUND when the file or row is
  // missing, DATA_LOSS on a malformed line, FAILED_PRECONDITION when the
  // text does not hash to article.evidence_sha256 (the labels no longer
  // apply), when body normalisation would change it (ingest offsets would
  // differ from the gold ones) or when CheckSpans fails.
  absl::StatusOr<std::string> Evidence(const GoldArticle& article);

 private:
  std::string shared_data_;
  // source file -> row id -> evidence.
  std::map<std::string, std::map<std::string, std::string>> files_;
};

}  // namespace factcheck::analysis_eval

#endif  // FACTCHECK_BENCH_ANALYSIS_EVIDENCE_SOURCE_H_
