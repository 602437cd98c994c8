// factcheck-crash-test: kill -9 factcheckd while clients ingest, restart it,
// and check that every acknowledged article survived whole and that no
// article is visible half-ingested. Exits 0 when nothing was lost or
// partial, 1 otherwise, 2 when the test could not run.
//
//   factcheck-crash-test [--cycles=20] [--clients=8] [--articles=DIR]
//       [--min_run_ms=200] [--max_run_ms=3000] [--seed=1] [--data_dir=DIR]
//       [--factcheckd=PATH] [--keep_files]

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "factcheck/v1/claims_service.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "tools/crash_test/article_source.h"
#include "tools/crash_test/ledger.h"
#include "tools/crash_test/server_process.h"
#include "tools/crash_test/store_checker.h"

ABSL_FLAG(std::string, factcheckd, FACTCHECKD_PATH,
          "factcheckd binary to test");
ABSL_FLAG(int32_t, cycles, 20, "ingest / kill -9 / restart / check cycles");
ABSL_FLAG(int32_t, clients, 8,
          "concurrent ingest clients, each its own thread and connection");
ABSL_FLAG(std::string, articles, "",
          "folder of articles (*.jsonl records with \"body\", *.txt); empty: "
          "../shared/data/news when it exists, else data/samples and "
          "data/examples");
ABSL_FLAG(int32_t, min_run_ms, 200, "shortest ingest time before a kill");
ABSL_FLAG(int32_t, max_run_ms, 3000, "longest ingest time before a kill");
ABSL_FLAG(uint64_t, seed, 1, "seed of the article order and kill times");
ABSL_FLAG(std::string, data_dir, "",
          "factcheckd data directory (must be new or empty); empty: a "
          "temporary one");
ABSL_FLAG(bool, keep_files, false,
          "keep the temporary data directory and server logs");

namespace factcheck::crash_test {
namespace {

namespace fs = std::filesystem;

constexpr absl::Duration kStartTimeout = absl::Seconds(120);
constexpr absl::Duration kIngestTimeout = absl::Seconds(60);

struct CycleStats {
  int cycle = 0;
  int64_t run_ms = 0;
  int64_t acked = 0;
  int64_t in_flight_at_kill = 0;
  int64_t unacked = 0;
  int64_t rejected = 0;
  int64_t restart_ms = 0;
  int64_t check_ms = 0;
  CheckReport check;
  bool killed_by_us = true;
};

// Whether a failed call may still have been applied (the server died, or the
// client stopped waiting); the other codes are the server's definite "no".
bool OutcomeUnknown(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::CANCELLED:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::INTERNAL:
      return true;
    default:
      return false;
  }
}

// The ingest side of one cycle: `clients` threads ingest until the server
// is killed.
class IngestClients {
 public:
  IngestClients(const ArticleSource* source, Ledger* ledger,
                std::atomic<uint64_t>* next_sequence)
      : source_(source), ledger_(ledger), next_sequence_(next_sequence) {}

  void Start(const std::string& address, int clients, int cycle) {
    for (int i = 0; i < clients; ++i) {
      threads_.emplace_back([this, address, cycle] { Run(address, cycle); });
    }
  }

  // Call right before SIGKILL: calls started before now count as in flight.
  void MarkKill() { kill_at_ns_ = absl::ToUnixNanos(absl::Now()); }

  void Join() {
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

  int64_t acked() const { return acked_; }
  int64_t in_flight_at_kill() const { return in_flight_at_kill_; }
  int64_t unacked() const { return unacked_; }
  int64_t rejected() const { return rejected_; }
  std::vector<std::string> problems() const {
    absl::MutexLock lock(&mu_);
    return problems_;
  }

 private:
  void Run(const std::string& address, int cycle) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    auto stub = v1::ClaimsService::NewStub(grpc::CreateCustomChannel(
        address, grpc::InsecureChannelCredentials(), args));
    while (kill_at_ns_ == 0) {
      const uint64_t n = (*next_sequence_)++;
      const v1::IngestArticleRequest request = source_->Request(n);
      const std::string& id = request.article().id();
      v1::IngestArticleResponse response;
      grpc::ClientContext context;
      context.set_deadline(absl::ToChronoTime(absl::Now() + kIngestTimeout));
      const int64_t started_ns = absl::ToUnixNanos(absl::Now());
      const grpc::Status status =
          stub->IngestArticle(&context, request, &response);
      const int64_t kill_ns = kill_at_ns_;

      Entry entry;
      entry.sequence = n;
      entry.cycle = cycle;
      if (status.ok() &&
          (response.already_existed() || response.article().id() != id)) {
        // Every body is new, so this is a wrong answer; the id itself must
        // stay absent.
        Problem(absl::StrCat(id, ": acknowledged as ", response.article().id(),
                             " already_existed=", response.already_existed()));
        entry.outcome = Outcome::kRejected;
      } else if (status.ok()) {
        entry.outcome = Outcome::kAcked;
        entry.expected =
            Expect(response.statements(), response.article().content_sha256());
        ++acked_;
      } else if (kill_ns != 0 || OutcomeUnknown(status.error_code())) {
        entry.outcome = Outcome::kUnacked;
        entry.in_flight_at_kill = kill_ns != 0 && started_ns < kill_ns;
        in_flight_at_kill_ += entry.in_flight_at_kill;
        ++unacked_;
      } else {
        entry.outcome = Outcome::kRejected;
        ++rejected_;
        if (rejected_ <= 3) {
          std::cerr << id << " refused: " << status.error_message() << "\n";
        }
      }
      ledger_->Record(id, std::move(entry));
    }
  }

  void Problem(std::string line) {
    absl::MutexLock lock(&mu_);
    problems_.push_back(std::move(line));
  }

  const ArticleSource* source_;
  Ledger* ledger_;
  std::atomic<uint64_t>* next_sequence_;
  std::atomic<int64_t> kill_at_ns_{0};
  std::atomic<int64_t> acked_{0};
  std::atomic<int64_t> in_flight_at_kill_{0};
  std::atomic<int64_t> unacked_{0};
  std::atomic<int64_t> rejected_{0};
  std::vector<std::thread> threads_;
  mutable absl::Mutex mu_;
  std::vector<std::string> problems_ ABSL_GUARDED_BY(mu_);
};

int64_t Ms(absl::Duration d) { return absl::ToInt64Milliseconds(d); }

// The corpus folders: --articles, or the defaults.
std::vector<std::string> ArticleDirs() {
  const std::string flag = absl::GetFlag(FLAGS_articles);
  if (!flag.empty()) return {flag};
  std::error_code ec;
  if (fs::is_directory(FACTCHECK_NEWS_DIR, ec)) return {FACTCHECK_NEWS_DIR};
  return {FACTCHECK_SAMPLES_DIR, FACTCHECK_EXAMPLES_DIR};
}

void PrintSummary(const std::vector<CycleStats>& cycles, int64_t total_acked,
                  int64_t must_be_present) {
  int64_t in_flight = 0, unacked_present = 0;
  int64_t search_misses = 0, unexpected = 0;
  // An article missing after several restarts is one lost article.
  std::set<std::string> lost, partial;
  std::vector<int64_t> restarts;
  for (const CycleStats& c : cycles) {
    in_flight += c.in_flight_at_kill;
    unacked_present += c.check.unacked_present;
    lost.insert(c.check.lost_ids.begin(), c.check.lost_ids.end());
    partial.insert(c.check.partial_ids.begin(), c.check.partial_ids.end());
    search_misses += c.check.search_misses;
    unexpected += c.check.unexpected + !c.killed_by_us;
    restarts.push_back(c.restart_ms);
  }
  std::sort(restarts.begin(), restarts.end());
  const auto row = [](const std::string& name, const std::string& value) {
    std::cout << absl::StrFormat("| %-44s | %24s |\n", name, value);
  };
  std::cout << "\n";
  row("what", "value");
  std::cout << "|" << std::string(46, '-') << "|" << std::string(25, '-')
            << ":|\n";
  row("kill -9 / restart cycles", absl::StrCat(cycles.size()));
  row("acknowledged ingests", absl::StrCat(total_acked));
  row("ingests in flight at a kill", absl::StrCat(in_flight));
  row("unacknowledged but present (whole)", absl::StrCat(unacked_present));
  row("articles checked after the last restart", absl::StrCat(must_be_present));
  row("lost acknowledged articles (must be 0)", absl::StrCat(lost.size()));
  row("partial articles (must be 0)", absl::StrCat(partial.size()));
  row("search misses, all checks (must be 0)", absl::StrCat(search_misses));
  row("unexpected / errors, all checks (must be 0)", absl::StrCat(unexpected));
  if (!restarts.empty()) {
    row("restart to SERVING, ms (min / median / max)",
        absl::StrCat(restarts.front(), " / ", restarts[restarts.size() / 2],
                     " / ", restarts.back()));
  }
}

int Main() {
  const int cycles = absl::GetFlag(FLAGS_cycles);
  const int clients = absl::GetFlag(FLAGS_clients);
  const int min_run_ms = absl::GetFlag(FLAGS_min_run_ms);
  const int max_run_ms = absl::GetFlag(FLAGS_max_run_ms);
  if (cycles < 1 || clients < 1 || min_run_ms < 0 || max_run_ms < min_run_ms) {
    std::cerr << "need --cycles >= 1, --clients >= 1, 0 <= --min_run_ms <= "
                 "--max_run_ms\n";
    return 2;
  }
  const uint64_t seed = absl::GetFlag(FLAGS_seed);
  const std::vector<std::string> dirs = ArticleDirs();
  absl::StatusOr<ArticleSource> source =
      ArticleSource::FromDirectories(dirs, seed);
  if (!source.ok()) {
    std::cerr << source.status() << "\n";
    return 2;
  }

  // Work folder for the server logs (and the data, unless --data_dir).
  const char* tmp = getenv("TMPDIR");
  std::string work_dir = absl::StrCat(
      tmp != nullptr && *tmp != '\0' ? tmp : "/tmp", "/factcheck-crash-XXXXXX");
  if (mkdtemp(work_dir.data()) == nullptr) {
    std::cerr << "cannot create " << work_dir << "\n";
    return 2;
  }
  std::string data_dir = absl::GetFlag(FLAGS_data_dir);
  std::error_code ec;
  if (data_dir.empty()) {
    data_dir = work_dir + "/data";
  } else if (fs::exists(data_dir, ec) && !fs::is_empty(data_dir, ec)) {
    // Ids and bodies of an earlier run would collide with this one's.
    std::cerr << "--data_dir " << data_dir << " is not empty\n";
    return 2;
  }

  std::cout << "factcheck-crash-test: " << absl::GetFlag(FLAGS_factcheckd)
            << ", " << source->size() << " articles (" << source->skipped()
            << " repeated bodies left out) from " << absl::StrJoin(dirs, ", ")
            << ", data " << data_dir << ", " << cycles << " cycles, " << clients
            << " clients, kill after " << min_run_ms << ".." << max_run_ms
            << " ms, seed " << seed << std::endl;

  ServerProcess server(absl::GetFlag(FLAGS_factcheckd),
                       {"--data_dir=" + data_dir}, work_dir + "/factcheckd");
  if (absl::Status started = server.Start(kStartTimeout); !started.ok()) {
    std::cerr << "factcheckd did not start: " << started << "\n";
    return 2;
  }

  Ledger ledger;
  StoreChecker checker(&*source, &ledger, clients);
  std::atomic<uint64_t> next_sequence{0};
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<int> run_ms(min_run_ms, max_run_ms);
  std::vector<CycleStats> stats;
  int64_t failures = 0;

  for (int cycle = 1; cycle <= cycles; ++cycle) {
    CycleStats c;
    c.cycle = cycle;
    c.run_ms = run_ms(random);
    IngestClients ingest(&*source, &ledger, &next_sequence);
    ingest.Start(server.address(), clients, cycle);
    absl::SleepFor(absl::Milliseconds(c.run_ms));
    ingest.MarkKill();
    const int status = server.Stop(SIGKILL);
    c.killed_by_us = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    ingest.Join();
    c.acked = ingest.acked();
    c.in_flight_at_kill = ingest.in_flight_at_kill();
    c.unacked = ingest.unacked();
    c.rejected = ingest.rejected();
    if (!c.killed_by_us) {
      std::cerr << "cycle " << cycle
                << ": factcheckd had died before the kill:\n"
                << server.log() << "\n";
    }

    const absl::Time restart = absl::Now();
    if (absl::Status started = server.Start(kStartTimeout); !started.ok()) {
      std::cerr << "cycle " << cycle
                << ": factcheckd did not restart: " << started << "\n";
      return 1;
    }
    c.restart_ms = Ms(absl::Now() - restart);
    const absl::Time check_start = absl::Now();
    c.check = checker.Check(server.address(), cycle);
    c.check_ms = Ms(absl::Now() - check_start);
    for (std::string& p : ingest.problems()) {
      c.check.problems.push_back(std::move(p));
      ++c.check.unexpected;
    }

    std::cout << absl::StrFormat(
                     "cycle %3d/%d: ran %4d ms, acked %4d (%d in all), in "
                     "flight at kill %2d, refused %d, unacked present %d, "
                     "lost %d, partial %d, search misses %d, unexpected %d, "
                     "restart %d ms, checked %d articles in %d ms",
                     cycle, cycles, c.run_ms, c.acked,
                     ledger.Count(Outcome::kAcked), c.in_flight_at_kill,
                     c.rejected, c.check.unacked_present, c.check.lost,
                     c.check.partial, c.check.search_misses, c.check.unexpected,
                     c.restart_ms, c.check.checked, c.check_ms)
              << std::endl;
    for (const std::string& p : c.check.problems) {
      std::cout << "  " << p << "\n";
    }
    failures += c.check.failures() + !c.killed_by_us;
    stats.push_back(std::move(c));
  }

  // After all the crashes, a clean shutdown must still work.
  const int term = server.Stop(SIGTERM);
  if (!WIFEXITED(term) || WEXITSTATUS(term) != 0) {
    std::cerr << "factcheckd did not exit 0 on SIGTERM:\n"
              << server.log() << "\n";
    ++failures;
  }

  PrintSummary(stats, ledger.Count(Outcome::kAcked),
               static_cast<int64_t>(ledger.MustBePresent().size()));
  if (failures == 0 && !absl::GetFlag(FLAGS_keep_files)) {
    fs::remove_all(work_dir, ec);
  } else {
    std::cout << "server logs"
              << (data_dir.rfind(work_dir, 0) == 0 ? " and data" : "")
              << " kept in " << work_dir << "\n";
  }
  std::cout << (failures == 0 ? "PASS" : "FAIL") << std::endl;
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace factcheck::crash_test

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return factcheck::crash_test::Main();
}
