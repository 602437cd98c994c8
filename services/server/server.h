#ifndef FACTCHECK_SERVICES_SERVER_SERVER_H_
#define FACTCHECK_SERVICES_SERVER_SERVER_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/server.h"
#include "services/admin/admin_core.h"
#include "services/admin/admin_service_impl.h"
#include "services/auth/admission.h"
#include "services/auth/token_authenticator.h"
#include "services/claims/claims_core.h"
#include "services/claims/claims_service_impl.h"
#include "services/common/request_log.h"
#include "services/metrics/metrics_endpoint.h"
#include "services/metrics/server_metrics.h"
#include "services/remote/claims_health_watcher.h"
#include "services/verifier/claims_reader.h"
#include "services/verifier/evidence_source.h"
#include "services/verifier/model_pair_scorer.h"
#include "services/verifier/verification_engine.h"
#include "services/verifier/verifier_core.h"
#include "services/verifier/verifier_service_impl.h"
#include "storage/statement_store.h"

namespace factcheck::server {

// The factcheckd server: opens the store, builds the service cores, and
// serves ClaimsService and/or VerifierService with health checking and
// server reflection on one gRPC server. AdminService (checkpoints for
// backups) is hosted with ClaimsService, which owns the store.
//
// Health: "" and each hosted service ("factcheck.v1.ClaimsService", ...)
// report SERVING once the store is open (and samples are loaded), and
// NOT_SERVING from the start of Shutdown.
//
// Thread-safety: Shutdown, Wait and port may be called from any thread.
class FactcheckServer {
 public:
  // Service names accepted in Options::services.
  static constexpr char kClaimsService[] = "claims";
  static constexpr char kVerifierService[] = "verifier";

  struct Options {
    // Address to listen on; port 0 picks a free port (see port()).
    // Default: "127.0.0.1:50051".
    std::string listen = "127.0.0.1:50051";
    // RocksDB directory; created when missing. Default: "factcheck-data".
    std::string data_dir = "factcheck-data";
    // Services to host: "claims", "verifier". Default: both.
    std::vector<std::string> services = {kClaimsService, kVerifierService};
    // Ingest the sample articles of `samples_dir` at start (idempotent).
    // Default: false.
    bool load_samples = false;
    // Folder of sample articles: each *.txt with an optional *.json sidecar
    // (title, url, publisher, published_at as RFC 3339, authors).
    // Default: the repository's data/samples (FACTCHECK_SAMPLES_DIR).
    std::string samples_dir = FACTCHECK_SAMPLES_DIR;
    // Largest gRPC message received or sent. Default: 8 MiB.
    size_t max_message_bytes = 8 << 20;
    // Limits and clock of the claims core. Default: ClaimsOptions defaults.
    claims::ClaimsOptions claims;
    // Limits of the verifier core. Default: VerifierOptions defaults.
    verifier::VerifierOptions verifier;
    // The verdict model, WordNet folder and threshold overrides the verifier
    // is built from (loaded only when it is hosted). Default: the committed
    // model with its stored thresholds, Debian's WordNet.
    verifier::EngineConfig engine;
    // Keep the store in memory instead of RocksDB at `data_dir` (tests).
    // Default: false.
    bool in_memory_store = false;
    // Where request log lines go; not owned, must outlive the server; null
    // means stderr. Default: null.
    common::LogSink* request_log = nullptr;

    // --- Admission: authentication, TLS, in-flight limits. ---
    // Bearer tokens, one "<token> <read|write>" per line (see
    // auth::TokenTable); re-read by ReloadAuthTokens. Empty: no
    // authentication. Default: empty.
    std::string auth_tokens_file;
    // PEM certificate chain and private key to serve TLS with; both empty:
    // plaintext. Default: empty.
    std::string tls_cert;
    std::string tls_key;
    // PEM CA certificate(s): when set, clients must present a certificate
    // that chains to it (mTLS). Needs tls_cert. Default: empty.
    std::string tls_client_ca;
    // Most unary calls / VerifyStream streams in flight; more are refused
    // with RESOURCE_EXHAUSTED. Default: 64 and 16 (AdmissionOptions).
    auth::AdmissionOptions admission;

    // --- Metrics (services/metrics). ---
    // Numeric HOST:PORT on which to serve Prometheus metrics at /metrics;
    // port 0 picks a free port (see metrics_port()). Empty: no metrics.
    // Default: empty.
    std::string metrics_listen;

    // --- Split topology: a verifier-only server reading its evidence from a
    // remote ClaimsService (services/remote). ---
    // host:port of the ClaimsService; required when "verifier" is hosted
    // without "claims" (then no data directory is opened), refused together
    // with "claims". The verifier reports NOT_SERVING while the claims
    // service does not (health watch). Default: empty.
    std::string claims_target;
    // File whose first line is the bearer token sent to the claims service
    // ("authorization: Bearer <token>"). Empty: no token. Default: empty.
    std::string claims_token_file;
    // PEM root CA: TLS towards the claims service. Empty: plaintext.
    // Default: empty.
    std::string claims_tls_ca;
    // Deadline of one call to the claims service (UNAVAILABLE ones are
    // retried with backoff within 2.5x this). Default: 2 s.
    absl::Duration claims_deadline = absl::Seconds(2);

    // --- Backups: AdminService, hosted with "claims" (services/admin). ---
    // Folder CreateCheckpoint writes checkpoints into, one sub-folder per
    // name; created by the first checkpoint. Keep it on the data
    // directory's filesystem, so that checkpoints hard-link instead of
    // copying. Empty: "<data_dir>-checkpoints", next to the data directory
    // (none for an in-memory store). Default: empty.
    std::string checkpoint_dir;
  };

  // What the hosted verifier decides with.
  struct ModelInfo {
    // The model file loaded (Options::engine.model_path, or the default).
    std::string path;
    // The thresholds in force: the model's stored ones unless overridden.
    verifier::DecisionThresholds thresholds;
  };

  // Validates `options`, loads the verdict model (when the verifier is
  // hosted), opens the store, loads samples if asked, and starts serving.
  // The model is loaded first, so that a bad one neither touches the data
  // directory nor opens the port. Errors: INVALID_ARGUMENT for bad options
  // (the message lists the valid values), LoadVerificationEngine's error
  // (naming the file and the fix) for a missing or corrupt model or a
  // missing WordNet, the store's error when it cannot be opened (e.g.
  // UNAVAILABLE when another process holds the directory), UNAVAILABLE when
  // `listen` (or `metrics_listen`) cannot be bound, a sample's error when
  // loading fails.
  static absl::StatusOr<std::unique_ptr<FactcheckServer>> Start(
      Options options);

  // Shuts down (with a zero drain) if Shutdown was not called.
  ~FactcheckServer();

  FactcheckServer(const FactcheckServer&) = delete;
  FactcheckServer& operator=(const FactcheckServer&) = delete;

  // Reports NOT_SERVING, stops accepting calls, lets in-flight calls finish
  // for up to `drain` (then cancels them), and closes the store so that
  // RocksDB flushes. Idempotent: later calls return at once.
  void Shutdown(absl::Duration drain);

  // Blocks until the server has shut down.
  void Wait();

  // The bound port (the chosen one when `listen` asked for port 0).
  int port() const { return port_; }

  // The verdict model in use; nullopt when the verifier is not hosted.
  const std::optional<ModelInfo>& model() const { return model_; }

  // The bound metrics port (the chosen one for port 0); 0 when
  // Options::metrics_listen is empty.
  int metrics_port() const { return metrics_port_; }

  // Re-reads Options::auth_tokens_file (factcheckd does on SIGHUP). On
  // error the tokens in force stay and the error is returned (naming the
  // line, never a token); FAILED_PRECONDITION when authentication is off.
  absl::Status ReloadAuthTokens();

  // Number of tokens in force; 0 when authentication is off.
  size_t auth_token_count() const;

 private:
  FactcheckServer() = default;

  absl::Status Build(const Options& options);

  // Declaration order is destruction order in reverse: the server goes
  // first, then what it calls, then the store.
  std::unique_ptr<storage::StatementStore> store_;
  std::unique_ptr<claims::ClaimsCore> claims_core_;
  // Backups: on store_, hosted with the claims service.
  std::unique_ptr<admin::AdminCore> admin_core_;
  // Split topology: the reader the evidence source uses (on claims_core_ or
  // remote) and, when remote, the watcher of the claims service's health
  // (stopped by Shutdown, before the server goes).
  std::unique_ptr<verifier::ClaimsReader> claims_reader_;
  std::unique_ptr<remote::ClaimsHealthWatcher> claims_health_watcher_;
  std::unique_ptr<verifier::EvidenceSource> evidence_source_;
  std::unique_ptr<verifier::VerifierCore> verifier_core_;
  std::unique_ptr<common::RequestLogger> request_logger_;
  std::unique_ptr<auth::TokenAuthenticator> authenticator_;
  std::unique_ptr<auth::Admission> admission_;
  std::unique_ptr<claims::ClaimsServiceImpl> claims_service_;
  std::unique_ptr<verifier::VerifierServiceImpl> verifier_service_;
  std::unique_ptr<admin::AdminServiceImpl> admin_service_;
  std::unique_ptr<grpc::Server> server_;
  std::vector<std::string> health_names_;
  int port_ = 0;
  std::optional<ModelInfo> model_;

  // Metrics. The logger reports to metrics_ but is never called after
  // Shutdown; Shutdown stops the endpoint before it closes the store that
  // scrapes read.
  std::unique_ptr<metrics::ServerMetrics> metrics_;
  std::unique_ptr<metrics::MetricsEndpoint> metrics_endpoint_;
  int metrics_port_ = 0;

  absl::Mutex shutdown_mu_;
  bool shut_down_ ABSL_GUARDED_BY(shutdown_mu_) = false;
};

}  // namespace factcheck::server

#endif  // FACTCHECK_SERVICES_SERVER_SERVER_H_
