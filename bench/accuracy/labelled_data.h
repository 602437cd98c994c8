#ifndef FACTCHECK_BENCH_ACCURACY_LABELLED_DATA_H_
#define FACTCHECK_BENCH_ACCURACY_LABELLED_DATA_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/accuracy/metrics.h"

namespace factcheck::accuracy {

// One row of a labelled JSONL file (../shared/data/dev/*/*.jsonl):
// {"id", "dataset", "claim", "evidence", "label", "meta": {...}}.
struct Row {
  std::string id;
  std::string claim;
  std::string evidence;
  Label gold = Label::kUnsupported;
  // meta.binary: score as SUPPORTED vs not.
  bool binary = false;
  // meta.ambiguous: left out of 3-way scores.
  bool ambiguous = false;
};

struct LabelledFile {
  std::vector<Row> rows;
  // Lines that did not parse (reported, skipped).
  int bad = 0;
  std::vector<std::string> first_errors;
};

// Reads up to `limit` rows (0 = all) of a labelled JSONL file. NOT_FOUND
// when it cannot be opened; bad lines are counted, not fatal.
absl::StatusOr<LabelledFile> ReadLabelledFile(const std::string& path,
                                              size_t limit = 0);

// The file name without its folders ("frank.valid.jsonl").
std::string BaseName(const std::string& path);

// Calls work(i) for every i in [0, n) on `threads` threads (the caller's
// included), each index once.
void ParallelFor(size_t n, int threads,
                 const std::function<void(size_t)>& work);

}  // namespace factcheck::accuracy

#endif  // FACTCHECK_BENCH_ACCURACY_LABELLED_DATA_H_
