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
#include "bench/accuracy/metrics.h"
#include "factcheck/v1/verifier_service.grpc.pb.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/grpcpp.h"
#include "services/common/grpc_status.h"
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

namespace factcheck::accuracy {
namespace {

namespace pb = google::protobuf;

struct Row {
  std::string id;
  std::string claim;
  std::string evidence;
  Label gold = Label::kUnsupported;
  bool binary = false;
  bool ambiguous = false;
};

struct Prediction {
  bool ok = false;
  std::string error;
  Label label = Label::kUnsupported;
  float confidence = 0;
  float scores[3] = {0, 0, 0};
};

const pb::Value* Field(const pb::Struct& s, const std::string& name) {
  auto it = s.fields().find(name);
  return it == s.fields().end() ? nullptr : &it->second;
}

std::string StringField(const pb::Struct& s, const std::string& name) {
  const pb::Value* v = Field(s, name);
  return v != nullptr && v->has_string_value() ? v->string_value() : "";
}

bool BoolField(const pb::Struct& s, const std::string& name) {
  const pb::Value* v = Field(s, name);
  return v != nullptr && v->has_bool_value() && v->bool_value();
}

// Parses one JSONL row; an error message on failure.
std::optional<Row> ParseRow(const std::string& line, std::string* error) {
  pb::Struct s;
  const auto status = pb::util::JsonStringToMessage(line, &s);
  if (!status.ok()) {
    *error = std::string(status.message());
    return std::nullopt;
  }
  Row row;
  row.id = StringField(s, "id");
  row.claim = StringField(s, "claim");
  row.evidence = StringField(s, "evidence");
  const std::optional<Label> gold = ParseLabel(StringField(s, "label"));
  if (row.claim.empty() || !gold) {
    *error = "missing claim or unknown label";
    return std::nullopt;
  }
  row.gold = *gold;
  if (const pb::Value* meta = Field(s, "meta");
      meta != nullptr && meta->has_struct_value()) {
    row.binary = BoolField(meta->struct_value(), "binary");
    row.ambiguous = BoolField(meta->struct_value(), "ambiguous");
  }
  return row;
}

Label FromVerdict(v1::Verdict v) {
  switch (v) {
    case v1::VERDICT_SUPPORTED:
      return Label::kSupported;
    case v1::VERDICT_CONTRADICTED:
      return Label::kContradicted;
    default:
      return Label::kUnsupported;
  }
}

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
  Verifier(const std::string& server, int max_evidence)
      : max_evidence_(max_evidence),
        core_(/*source=*/nullptr,
              std::make_unique<verifier::VerificationEngine>(),
              InProcessOptions()) {
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
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < rows.size(); i = next++) {
      out[i] = verifier.Verify(rows[i]);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return out;
}

// One file's line of the closing summary table.
struct FileSummary {
  std::string file;
  bool binary = false;
  Scores scores;
  double claims_per_second = 0;
};

// Prints the summary as a Markdown table (what docs/ACCURACY.md carries).
void PrintSummary(const std::vector<FileSummary>& files) {
  std::cout << "\n| file | scoring | rows | accuracy | balanced accuracy | "
               "macro-F1 | claims/s |\n|---|---|---:|---:|---:|---:|---:|\n";
  for (const FileSummary& f : files) {
    std::cout << absl::StrFormat(
        "| %s | %s | %d | %.3f | %.3f | %.3f | %.0f |\n", f.file,
        f.binary ? "binary" : "3-way", f.scores.rows, f.scores.accuracy,
        f.scores.balanced_accuracy, f.scores.macro_f1, f.claims_per_second);
  }
}

int EvalFile(const std::string& path, const Verifier& verifier, int limit,
             int threads, std::ofstream* output,
             std::vector<FileSummary>* summary) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << path << ": cannot open\n";
    return 1;
  }
  std::vector<Row> rows;
  std::string line;
  int bad = 0;
  while (std::getline(in, line)) {
    if (limit > 0 && static_cast<int>(rows.size()) >= limit) break;
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    std::string error;
    std::optional<Row> row = ParseRow(line, &error);
    if (!row) {
      if (++bad <= 3) std::cerr << path << ": bad row: " << error << "\n";
      continue;
    }
    rows.push_back(std::move(*row));
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
  for (size_t i = 0; i < rows.size(); ++i) {
    const Prediction& p = predictions[i];
    if (!p.ok) {
      if (++errors <= 3) std::cerr << rows[i].id << ": " << p.error << "\n";
      continue;
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
  const size_t slash = path.find_last_of('/');
  summary->push_back(
      {slash == std::string::npos ? path : path.substr(slash + 1), binary,
       scores, seconds > 0 ? static_cast<double>(rows.size()) / seconds : 0.0});
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
  const Verifier verifier(absl::GetFlag(FLAGS_server),
                          absl::GetFlag(FLAGS_max_evidence));
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
