// factcheck-analysis-eval: scores the ingest analysis (attribution kind,
// speaker, quantities, dates) against the hand-labelled gold file.
//
//   factcheck-analysis-eval [--gold=FILE] [--shared_data=DIR] [--verbose]
//
// Each gold line names a row of DIR/dev/valid/<source_file> by id; its
// evidence text must still hash to the recorded SHA-256 (the run refuses
// otherwise). The text is analysed with claims::AnalyzeBody, the server's own
// ingest path, and scored by bench/analysis/sourced_scoring.h. Prints a
// Markdown table; exit 0 on a completed run, 1 when the inputs are unusable.

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "bench/analysis/evidence_source.h"
#include "bench/analysis/sourced_scoring.h"
#include "services/claims/ingest.h"

ABSL_FLAG(std::string, gold, FACTCHECK_DEFAULT_GOLD,
          "gold file (JSONL, one article a line; see tests/data/README.md)");
ABSL_FLAG(std::string, shared_data, FACTCHECK_DEFAULT_SHARED_DATA,
          "the shared data folder holding dev/valid/*.jsonl");
ABSL_FLAG(bool, verbose, false,
          "also print every disagreement (one line each) after the table");

namespace factcheck::analysis_eval {
namespace {

absl::Status Run() {
  const std::string gold_path = absl::GetFlag(FLAGS_gold);
  std::ifstream gold(gold_path);
  if (!gold)
    return absl::NotFoundError(absl::StrCat("cannot read ", gold_path));
  EvidenceSource source(absl::GetFlag(FLAGS_shared_data));
  Tally tally;
  std::string line;
  while (std::getline(gold, line)) {
    if (line.empty()) continue;
    absl::StatusOr<GoldArticle> article = ParseGoldArticle(line);
    if (!article.ok()) return article.status();
    absl::StatusOr<std::string> evidence = source.Evidence(*article);
    if (!evidence.ok()) return evidence.status();
    std::vector<v1::Statement> statements;
    for (storage::IndexedStatement& st : claims::AnalyzeBody(*evidence)) {
      statements.push_back(std::move(st.statement));
    }
    ScoreArticle(*article, *evidence, statements, &tally);
  }
  std::cout << FormatTally(tally);
  if (absl::GetFlag(FLAGS_verbose)) {
    std::cout << "\n";
    for (const std::string& e : tally.errors) std::cout << e << "\n";
  }
  return absl::OkStatus();
}

}  // namespace
}  // namespace factcheck::analysis_eval

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const absl::Status status = factcheck::analysis_eval::Run();
  if (!status.ok()) {
    std::cerr << "factcheck-analysis-eval: " << status.ToString() << "\n";
    return 1;
  }
  return 0;
}
