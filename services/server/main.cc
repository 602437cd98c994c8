// factcheckd: serves ClaimsService and VerifierService.
//
// Prints one machine-readable line on stderr once it serves:
//   factcheckd listening on HOST:PORT data_dir=DIR services=claims,verifier
//   model=FILE support_threshold=P contradict_threshold=P
//   metrics=HOST:PORT
// (the model fields only when the verifier is hosted, metrics only with
// --metrics_listen). A start-up failure (bad flag, missing or corrupt
// model, locked data directory) prints one line naming the cause and
// exits 1.
// SIGTERM or SIGINT drains in-flight calls, closes the store, and exits 0.
// SIGHUP re-reads --auth_tokens_file (a failed reload keeps the old tokens).
//
// Backups: with "claims" hosted, AdminService.CreateCheckpoint (`factcheck
// admin checkpoint`) writes a checkpoint of the live store into
// --checkpoint_dir (default <data_dir>-checkpoints); `factcheckd
// --data_dir=<checkpoint>` serves it.
//
// Split topology: --services=verifier --claims_target=HOST:PORT serves the
// verifier alone, reading its evidence from the ClaimsService at HOST:PORT
// (another factcheckd with --services=claims); it opens no data directory
// (the line says data_dir=(none) claims_target=HOST:PORT).
//   --claims_token_file=FILE  first line: bearer token sent to claims
//   --claims_tls_ca=FILE      PEM root CA: TLS towards claims
//   --claims_deadline=2s      deadline of one call; UNAVAILABLE calls are
//                             retried with backoff within 2.5 deadlines
// Its VerifierService health is NOT_SERVING while the claims service does
// not report SERVING, and SERVING again once it does; "" (the process, for
// liveness probes) stays SERVING.

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

// --- Admission: authentication, TLS, limits. ---
ABSL_FLAG(std::string, auth_tokens_file, "",
          "bearer tokens, one \"<token> <read|write>\" per line, re-read on "
          "SIGHUP; empty: no authentication");
ABSL_FLAG(std::string, tls_cert, "",
          "PEM certificate chain to serve TLS with (needs --tls_key); empty: "
          "plaintext");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM CA: require client certificates signed by it (mTLS); needs "
          "--tls_cert");
ABSL_FLAG(int32_t, max_statements_per_article,
          factcheck::claims::ClaimsOptions().max_statements_per_article,
          "most sentences an ingested article may have");
ABSL_FLAG(int32_t, max_batch_size,
          factcheck::verifier::VerifierOptions().max_batch_size,
          "most claims in one VerifyBatch");
ABSL_FLAG(uint64_t, max_message_bytes,
          FactcheckServer::Options().max_message_bytes,
          "largest gRPC message received or sent, in bytes");
ABSL_FLAG(int32_t, max_concurrent_rpcs,
          factcheck::auth::AdmissionOptions().max_concurrent_rpcs,
          "most unary calls in flight; more are refused with "
          "RESOURCE_EXHAUSTED");
ABSL_FLAG(int32_t, max_concurrent_streams,
          factcheck::auth::AdmissionOptions().max_concurrent_streams,
          "most VerifyStream streams open; more are refused with "
          "RESOURCE_EXHAUSTED");

// --- Metrics. ---
ABSL_FLAG(std::string, metrics_listen, "",
          "numeric host:port to serve Prometheus metrics on at /metrics "
          "(port 0 picks a free port); empty: no metrics");

// --- Split topology: the verifier's evidence from a remote ClaimsService. ---
ABSL_FLAG(std::string, claims_target, "",
          "host:port of the ClaimsService a --services=verifier process reads "
          "its evidence from; empty: claims in this process");
ABSL_FLAG(std::string, claims_token_file, "",
          "file whose first line is the bearer token sent to "
          "--claims_target; empty: no token");
ABSL_FLAG(std::string, claims_tls_ca, "",
          "PEM root CA to reach --claims_target over TLS; empty: plaintext");
ABSL_FLAG(absl::Duration, claims_deadline,
          FactcheckServer::Options().claims_deadline,
          "deadline of one call to --claims_target (UNAVAILABLE calls are "
          "retried with backoff within 2.5 times this)");

// --- Backups: AdminService.CreateCheckpoint. ---
ABSL_FLAG(std::string, checkpoint_dir, "",
          "folder AdminService checkpoints are written into (one sub-folder "
          "per name), on the data directory's filesystem; empty: "
          "<data_dir>-checkpoints");

namespace {

// DIR, "(memory)", or "(none) claims_target=HOST:PORT" for a verifier that
// reads a remote ClaimsService.
std::string DataDirField(const FactcheckServer::Options& options) {
  if (!options.claims_target.empty()) {
    return "(none) claims_target=" + options.claims_target;
  }
  return options.in_memory_store ? "(memory)" : options.data_dir;
}

std::string HostOf(const std::string& listen) {
  size_t colon = listen.rfind(':');
  return colon == std::string::npos ? listen : listen.substr(0, colon);
}

// SIGHUP: re-reads the token file; one log line either way.
void ReloadAuthTokens(FactcheckServer& server) {
  absl::Status reloaded = server.ReloadAuthTokens();
  if (reloaded.ok()) {
    factcheck::common::LogInfo("factcheckd: SIGHUP: reloaded ",
                               server.auth_token_count(), " auth token(s)");
  } else {
    factcheck::common::LogError(
        "factcheckd: SIGHUP: tokens not reloaded, the previous ones stay in "
        "force: ",
        reloaded.ToString());
  }
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

// " metrics=HOST:PORT", or "" when metrics are off.
std::string MetricsField(const FactcheckServer::Options& options,
                         const FactcheckServer& server) {
  if (options.metrics_listen.empty()) return "";
  return absl::StrCat(" metrics=", HostOf(options.metrics_listen), ":",
                      server.metrics_port());
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
  sigaddset(&signals, SIGHUP);  // Token reload, not shutdown.
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
  options.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  const absl::Duration drain = absl::GetFlag(FLAGS_drain);
  // Admission: authentication, TLS, limits.
  options.auth_tokens_file = absl::GetFlag(FLAGS_auth_tokens_file);
  options.tls_cert = absl::GetFlag(FLAGS_tls_cert);
  options.tls_key = absl::GetFlag(FLAGS_tls_key);
  options.tls_client_ca = absl::GetFlag(FLAGS_tls_client_ca);
  options.claims.max_statements_per_article =
      absl::GetFlag(FLAGS_max_statements_per_article);
  options.verifier.max_batch_size = absl::GetFlag(FLAGS_max_batch_size);
  options.max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  options.admission.max_concurrent_rpcs =
      absl::GetFlag(FLAGS_max_concurrent_rpcs);
  options.admission.max_concurrent_streams =
      absl::GetFlag(FLAGS_max_concurrent_streams);
  // Split topology.
  options.claims_target = absl::GetFlag(FLAGS_claims_target);
  options.claims_token_file = absl::GetFlag(FLAGS_claims_token_file);
  options.claims_tls_ca = absl::GetFlag(FLAGS_claims_tls_ca);
  options.claims_deadline = absl::GetFlag(FLAGS_claims_deadline);
  // Backups.
  options.checkpoint_dir = absl::GetFlag(FLAGS_checkpoint_dir);

  absl::StatusOr<std::unique_ptr<FactcheckServer>> server =
      FactcheckServer::Start(options);
  if (!server.ok()) {
    factcheck::common::LogError("factcheckd: cannot start: ",
                                server.status().ToString());
    return 1;
  }
  factcheck::common::StderrLogSink()->WriteLine(
      absl::StrCat("factcheckd listening on ", HostOf(options.listen), ":",
                   (*server)->port(), " data_dir=", DataDirField(options),
                   " services=", absl::StrJoin(options.services, ","),
                   ModelFields(**server), MetricsField(options, **server)));
  factcheck::common::LogInfo(
      "factcheckd: auth=",
      options.auth_tokens_file.empty()
          ? "off"
          : absl::StrCat((*server)->auth_token_count(), " token(s)"),
      " tls=",
      options.tls_cert.empty()
          ? "off"
          : (options.tls_client_ca.empty() ? "on" : "mtls"),
      " max_concurrent_rpcs=", options.admission.max_concurrent_rpcs,
      " max_concurrent_streams=", options.admission.max_concurrent_streams);

  std::atomic<bool> signalled{false};
  std::thread signal_thread([&] {
    int signal = 0;
    while (sigwait(&signals, &signal) == 0 && signal == SIGHUP) {
      ReloadAuthTokens(**server);
    }
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
