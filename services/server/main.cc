// factcheckd: serves ClaimsService and VerifierService.
//
// Prints one machine-readable line on stderr once it serves:
//   factcheckd listening on HOST:PORT data_dir=DIR services=claims,verifier
//   model=FILE support_threshold=P contradict_threshold=P
// (the model fields only when the verifier is hosted). A start-up failure
// (bad flag, missing or corrupt model, locked data directory) prints one
// line naming the cause and exits 1.
// SIGTERM or SIGINT drains in-flight calls, closes the store, and exits 0.

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "services/common/logging.h"
#include "services/common/request_log.h"
#include "services/server/server.h"

using factcheck::server::FactcheckServer;

ABSL_FLAG(std::string, listen, FactcheckServer::Options().listen,
          "host:port to listen on; port 0 picks a free port");
ABSL_FLAG(std::string, data_dir, FactcheckServer::Options().data_dir,
          "RocksDB data directory (created when missing)");
ABSL_FLAG(std::vector<std::string>, services,
          FactcheckServer::Options().services,
          "comma-separated services to host: claims, verifier");
ABSL_FLAG(bool, load_samples, false,
          "ingest the sample articles of --samples_dir at start");
ABSL_FLAG(std::string, samples_dir, FactcheckServer::Options().samples_dir,
          "folder of sample articles (*.txt with optional *.json sidecars)");
ABSL_FLAG(uint64_t, max_article_bytes,
          factcheck::claims::ClaimsOptions().max_article_bytes,
          "largest accepted article body, in bytes");
ABSL_FLAG(uint64_t, max_claim_bytes,
          factcheck::verifier::VerifierOptions().max_claim_bytes,
          "largest accepted claim, in bytes");
ABSL_FLAG(std::string, model, "",
          "verdict model file; empty: the committed data/model/"
          "verdict_model.txt");
ABSL_FLAG(std::string, wordnet_dir, "",
          "WordNet database folder; empty: Debian's /usr/share/wordnet");
ABSL_FLAG(double, support_threshold,
          FactcheckServer::Options().engine.support_threshold,
          "SUPPORTED when P(supported) reaches this, in [0, 1]; -1: the "
          "model's stored threshold");
ABSL_FLAG(double, contradict_threshold,
          FactcheckServer::Options().engine.contradict_threshold,
          "CONTRADICTED when P(contradicted) reaches this (and beats "
          "P(supported)), in [0, 1]; -1: the model's stored threshold");
ABSL_FLAG(absl::Duration, drain, absl::Seconds(10),
          "on SIGTERM, how long in-flight calls may take before cancellation");

namespace {

std::string HostOf(const std::string& listen) {
  size_t colon = listen.rfind(':');
  return colon == std::string::npos ? listen : listen.substr(0, colon);
}

// " model=FILE support_threshold=P contradict_threshold=P", or "" when the
// verifier is not hosted.
std::string ModelFields(const FactcheckServer& server) {
  if (!server.model().has_value()) return "";
  const FactcheckServer::ModelInfo& model = *server.model();
  return absl::StrCat(" model=", model.path,
                      " support_threshold=", model.thresholds.support,
                      " contradict_threshold=", model.thresholds.contradict);
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "factcheckd [--listen=host:port] [--data_dir=DIR] "
      "[--services=claims,verifier] [--load_samples] [--model=FILE] "
      "[--support_threshold=P] [--contradict_threshold=P]");
  absl::ParseCommandLine(argc, argv);

  // Block the shutdown signals in every thread (gRPC's threads inherit the
  // mask); one thread takes them with sigwait, outside any signal handler.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  FactcheckServer::Options options;
  options.listen = absl::GetFlag(FLAGS_listen);
  options.data_dir = absl::GetFlag(FLAGS_data_dir);
  options.services = absl::GetFlag(FLAGS_services);
  options.load_samples = absl::GetFlag(FLAGS_load_samples);
  options.samples_dir = absl::GetFlag(FLAGS_samples_dir);
  options.claims.max_article_bytes = absl::GetFlag(FLAGS_max_article_bytes);
  options.verifier.max_claim_bytes = absl::GetFlag(FLAGS_max_claim_bytes);
  options.engine.model_path = absl::GetFlag(FLAGS_model);
  options.engine.wordnet_dir = absl::GetFlag(FLAGS_wordnet_dir);
  options.engine.support_threshold =
      static_cast<float>(absl::GetFlag(FLAGS_support_threshold));
  options.engine.contradict_threshold =
      static_cast<float>(absl::GetFlag(FLAGS_contradict_threshold));
  const absl::Duration drain = absl::GetFlag(FLAGS_drain);

  absl::StatusOr<std::unique_ptr<FactcheckServer>> server =
      FactcheckServer::Start(options);
  if (!server.ok()) {
    factcheck::common::LogError("factcheckd: cannot start: ",
                                server.status().ToString());
    return 1;
  }
  factcheck::common::StderrLogSink()->WriteLine(absl::StrCat(
      "factcheckd listening on ", HostOf(options.listen), ":",
      (*server)->port(),
      " data_dir=", options.in_memory_store ? "(memory)" : options.data_dir,
      " services=", absl::StrJoin(options.services, ","),
      ModelFields(**server)));

  std::atomic<bool> signalled{false};
  std::thread signal_thread([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    if (signalled.exchange(true)) return;  // Woken by main at exit.
    factcheck::common::LogInfo("factcheckd: signal ", signal,
                               ", draining for up to ",
                               absl::FormatDuration(drain));
    (*server)->Shutdown(drain);
  });

  (*server)->Wait();
  if (!signalled.exchange(true)) {
    pthread_kill(signal_thread.native_handle(), SIGTERM);  // Wake sigwait.
  }
  signal_thread.join();
  (*server)->Shutdown(absl::ZeroDuration());  // Closes the store if needed.
  server->reset();
  factcheck::common::LogInfo("factcheckd: stopped");
  return 0;
}
