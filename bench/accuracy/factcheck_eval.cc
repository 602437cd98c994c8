// factcheck-eval: accuracy harness over labelled JSONL files.
//
//   factcheck-eval --input=a.jsonl,b.jsonl [more.jsonl ...] --output=pred.jsonl
//                  [--server=host:port] [--limit=N] [--threads=N]
//
// Verifies each row's claim against its inline `evidence` as a VerifyRequest
// with evidence_text: in-process through VerifierCore (the server's own code
// path, without a store), or through VerifierService/Verify when --server is
// set. Writes one prediction a line and prints per-file scores. See
// docs/ACCURACY.md.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "bench/accuracy/labelled_data.h"
#include "bench/accuracy/metrics.h"
#include "bench/accuracy/verdict_labels.h"
#include "factcheck/v1/verifier_service.grpc.pb.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/grpcpp.h"
#include "services/common/grpc_status.h"
#include "services/verifier/lexical_pair_scorer.h"
#include "services/verifier/model_pair_scorer.h"
#include "services/verifier/verification_engine.h"
#include "services/verifier/verifier_core.h"

ABSL_FLAG(std::vector<std::string>, input, {},
          "Labelled JSONL file(s), comma-separated; positional arguments are "
          "read as more inputs.");
ABSL_FLAG(std::string, output, "",
          "Where to write predictions (JSONL, one per row); none if empty.");
ABSL_FLAG(std::string, server, "",
          "VerifierService address (host:port); in-process when empty.");
ABSL_FLAG(int, limit, 0, "Rows per file (0 = all).");
ABSL_FLAG(int, threads, 0, "Worker threads (0 = hardware concurrency).");
ABSL_FLAG(int, max_evidence, 3, "Evidence items requested per claim.");
ABSL_FLAG(std::string, model, "",
          "Verdict model file (in-process); empty: the committed model.");
ABSL_FLAG(std::string, scorer, "model",
          "In-process scorer: \"model\" (trained trees) or \"lexical\" "
          "(the model-free baseline).");
ABSL_FLAG(double, support_threshold, -1,
          "Override the model's support threshold (in-process; <0: keep).");
ABSL_FLAG(double, min_coverage, -1,
          "Override the alignment gate: least claim coverage to support or "
          "contradict (in-process; <0: keep).");
ABSL_FLAG(double, unexplained_contradict, -1,
          "Override P(contradicted) needed without a typed mismatch "
          "(in-process; <0: keep).");
ABSL_FLAG(double, contradict_threshold, -1,
          "Override the model's contradict threshold (in-process; <0: keep).");

namespace factcheck::accuracy {
namespace {

namespace pb = google::protobuf;

struct Prediction {
  bool ok = false;
  std::string error;
  Label label = Label::kUnsupported;
  float confidence = 0;
  float scores[3] = {0, 0, 0};
};

Prediction FromResponse(const v1::VerifyResponse& r) {
  Prediction p;
  p.ok = true;
  p.label = FromVerdict(r.verdict());
  p.confidence = r.confidence();
  p.scores[0] = r.scores().supported();
  p.scores[1] = r.scores().contradicted();
  p.scores[2] = r.scores().unsupported();
  return p;
}

// Verifies rows either in-process or over gRPC. Thread-safe.
class Verifier {
 public:
  Verifier(const std::string& server, int max_evidence,
           std::unique_ptr<verifier::VerificationEngine> engine)
      : max_evidence_(max_evidence),
        core_(/*source=*/nullptr, std::move(engine), InProcessOptions()) {
    if (!server.empty()) {
      stub_ = v1::VerifierService::NewStub(
          grpc::CreateChannel(server, grpc::InsecureChannelCredentials()));
    }
  }

  Prediction Verify(const Row& row) const {
    v1::VerifyRequest request;
    request.set_claim(row.claim);
    request.set_evidence_text(row.evidence);
    request.set_max_evidence(max_evidence_);
    request.set_request_id(row.id);
    absl::StatusOr<v1::VerifyResponse> response = Call(request);
    if (!response.ok()) {
      Prediction p;
      p.error = response.status().ToString();
      return p;
    }
    return FromResponse(*response);
  }

 private:
  // Data rows can be longer than the server's default claim limit.
  static verifier::VerifierOptions InProcessOptions() {
    verifier::VerifierOptions options;
    options.max_claim_bytes = 1 << 20;
    options.max_evidence_text_bytes = 16 << 20;
    return options;
  }

  absl::StatusOr<v1::VerifyResponse> Call(
      const v1::VerifyRequest& request) const {
    if (stub_ == nullptr) return core_.Verify(request);
    v1::VerifyResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(60));
    const grpc::Status status = stub_->Verify(&context, request, &response);
    if (!status.ok()) return common::FromGrpcStatus(status);
    return response;
  }

  int max_evidence_;
  verifier::VerifierCore core_;
  std::unique_ptr<v1::VerifierService::Stub> stub_;
};

std::string JsonString(const std::string& s) {
  pb::Value v;
  v.set_string_value(s);
  std::string out;
  (void)pb::util::MessageToJsonString(v, &out);
  return out;
}

std::string PredictionLine(const Row& row, const Prediction& p) {
  return absl::StrFormat(
      "{\"id\":%s,\"label\":\"%s\",\"confidence\":%.6f,\"scores\":{"
      "\"SUPPORTED\":%.6f,\"CONTRADICTED\":%.6f,\"UNSUPPORTED\":%.6f}}",
      JsonString(row.id), LabelName(p.label), p.confidence, p.scores[0],
      p.scores[1], p.scores[2]);
}

// Runs `rows` through `verifier` on `threads` workers.
std::vector<Prediction> RunAll(const Verifier& verifier,
                               const std::vector<Row>& rows, int threads) {
  std::vector<Prediction> out(rows.size());
  ParallelFor(rows.size(), threads,
              [&](size_t i) { out[i] = verifier.Verify(rows[i]); });
  return out;
}

// One file's line of the closing summary table.
struct FileSummary {
  std::string file;
  bool binary = false;
  Scores scores;
  double claims_per_second = 0;
  // Expected calibration error of the verdict's confidence.
  double ece = 0;
  // The thresholds tuned on this file alone, and the objective they reach
  // (balanced accuracy when binary, macro-F1 otherwise): an upper bound
  // the default thresholds are compared with.
  TunedThresholds tuned;
};

// Prints the summary as a Markdown table (what docs/ACCURACY.md carries).
void PrintSummary(const std::vector<FileSummary>& files) {
  std::cout << "\n| file | scoring | rows | accuracy | balanced accuracy | "
               "macro-F1 | ECE | valid-tuned (support/contradict) | "
               "claims/s |\n|---|---|---:|---:|---:|---:|---:|---|---:|\n";
  for (const FileSummary& f : files) {
    std::cout << absl::StrFormat(
        "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f (%.2f/%.2f) | "
        "%.0f |\n",
        f.file, f.binary ? "binary" : "3-way", f.scores.rows, f.scores.accuracy,
        f.scores.balanced_accuracy, f.scores.macro_f1, f.ece, f.tuned.objective,
        f.tuned.support, f.tuned.contradict, f.claims_per_second);
  }
}

int EvalFile(const std::string& path, const Verifier& verifier, int limit,
             int threads, std::ofstream* output,
             std::vector<FileSummary>* summary) {
  absl::StatusOr<LabelledFile> file =
      ReadLabelledFile(path, static_cast<size_t>(std::max(0, limit)));
  if (!file.ok()) {
    std::cerr << file.status().message() << "\n";
    return 1;
  }
  const std::vector<Row>& rows = file->rows;
  const int bad = file->bad;
  for (const std::string& e : file->first_errors) {
    std::cerr << path << ": bad row: " << e << "\n";
  }

  const auto start = std::chrono::steady_clock::now();
  const std::vector<Prediction> predictions = RunAll(verifier, rows, threads);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();

  Confusion three_way;
  Confusion all;
  bool binary = false;
  int errors = 0;
  int ambiguous = 0;
  std::vector<Label> gold;
  std::vector<ClassScoresRow> scores_of_rows;
  std::vector<bool> correct;
  std::vector<float> confidence;
  for (size_t i = 0; i < rows.size(); ++i) {
    const Prediction& p = predictions[i];
    if (!p.ok) {
      if (++errors <= 3) std::cerr << rows[i].id << ": " << p.error << "\n";
      continue;
    }
    if (!rows[i].ambiguous) {
      gold.push_back(rows[i].gold);
      scores_of_rows.push_back({p.scores[0], p.scores[1], p.scores[2]});
      correct.push_back(rows[i].binary ? (p.label == Label::kSupported) ==
                                             (rows[i].gold == Label::kSupported)
                                       : p.label == rows[i].gold);
      confidence.push_back(p.confidence);
    }
    if (output != nullptr) *output << PredictionLine(rows[i], p) << "\n";
    binary = binary || rows[i].binary;
    all.Add(rows[i].gold, p.label);
    if (rows[i].ambiguous) {
      ++ambiguous;
      continue;
    }
    three_way.Add(rows[i].gold, p.label);
  }

  std::cout << "== " << path << "\n";
  std::cout << absl::StrFormat(
      "  rows %d (bad %d, errors %d, ambiguous %d)  %.1f claims/s "
      "(%d threads, %s)\n",
      rows.size(), bad, errors, ambiguous,
      seconds > 0 ? static_cast<double>(rows.size()) / seconds : 0.0, threads,
      absl::GetFlag(FLAGS_server).empty() ? "in-process"
                                          : absl::GetFlag(FLAGS_server));
  const Scores scores = binary ? BinaryScores(all) : ThreeWayScores(three_way);
  std::cout << (binary ? "  binary (SUPPORTED vs not):\n"
                       : "  3-way (ambiguous rows excluded):\n")
            << FormatScores(scores);
  const TunedThresholds tuned =
      TuneThresholds({gold}, {scores_of_rows}, {binary}, DecideLabel);
  const double ece = ExpectedCalibrationError(correct, confidence);
  std::cout << absl::StrFormat(
      "  ECE %.3f; thresholds tuned on this file: support %.2f, contradict "
      "%.2f -> %s %.3f\n",
      ece, tuned.support, tuned.contradict,
      binary ? "balanced accuracy" : "macro-F1", tuned.objective);
  summary->push_back(
      {BaseName(path), binary, scores,
       seconds > 0 ? static_cast<double>(rows.size()) / seconds : 0.0, ece,
       tuned});
  std::cout.flush();
  return errors > 0 ? 1 : 0;
}

int Main(int argc, char** argv) {
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  std::vector<std::string> inputs;
  for (const std::string& flag : absl::GetFlag(FLAGS_input)) {
    for (absl::string_view p : absl::StrSplit(flag, ',', absl::SkipEmpty())) {
      inputs.emplace_back(p);
    }
  }
  for (size_t i = 1; i < positional.size(); ++i) {
    inputs.emplace_back(positional[i]);
  }
  if (inputs.empty()) {
    std::cerr << "usage: factcheck-eval --input=FILE.jsonl[,FILE...] "
                 "[--output=PRED.jsonl] [--server=ADDR] [--limit=N] "
                 "[--threads=N]\n";
    return 2;
  }
  int threads = absl::GetFlag(FLAGS_threads);
  if (threads <= 0) {
    threads =
        std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  }
  std::unique_ptr<std::ofstream> output;
  if (!absl::GetFlag(FLAGS_output).empty()) {
    output = std::make_unique<std::ofstream>(absl::GetFlag(FLAGS_output));
    if (!*output) {
      std::cerr << absl::GetFlag(FLAGS_output) << ": cannot write\n";
      return 1;
    }
  }
  std::unique_ptr<verifier::VerificationEngine> engine;
  if (absl::GetFlag(FLAGS_scorer) == "lexical") {
    engine = std::make_unique<verifier::VerificationEngine>();
  } else {
    verifier::EngineConfig config;
    config.model_path = absl::GetFlag(FLAGS_model);
    config.support_threshold =
        static_cast<float>(absl::GetFlag(FLAGS_support_threshold));
    config.contradict_threshold =
        static_cast<float>(absl::GetFlag(FLAGS_contradict_threshold));
    config.min_coverage = static_cast<float>(absl::GetFlag(FLAGS_min_coverage));
    config.unexplained_contradict =
        static_cast<float>(absl::GetFlag(FLAGS_unexplained_contradict));
    absl::StatusOr<std::unique_ptr<verifier::VerificationEngine>> loaded =
        verifier::LoadVerificationEngine(config);
    if (!loaded.ok()) {
      std::cerr << loaded.status().message() << "\n";
      return 1;
    }
    engine = *std::move(loaded);
    std::cout << absl::StrFormat(
        "scorer: trained model, thresholds support %.2f, contradict %.2f\n",
        engine->thresholds().support, engine->thresholds().contradict);
  }
  const Verifier verifier(absl::GetFlag(FLAGS_server),
                          absl::GetFlag(FLAGS_max_evidence), std::move(engine));
  int rc = 0;
  std::vector<FileSummary> summary;
  for (const std::string& path : inputs) {
    rc |= EvalFile(path, verifier, absl::GetFlag(FLAGS_limit), threads,
                   output.get(), &summary);
  }
  PrintSummary(summary);
  return rc;
}

}  // namespace
}  // namespace factcheck::accuracy

int main(int argc, char** argv) {
  return factcheck::accuracy::Main(argc, argv);
}
