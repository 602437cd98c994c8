#include "services/server/server.h"

#include <chrono>
#include <filesystem>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "base/status_macros.h"
#include "factcheck/v1/admin_service.grpc.pb.h"
#include "factcheck/v1/claims_service.grpc.pb.h"
#include "factcheck/v1/verifier_service.grpc.pb.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "services/auth/tls_files.h"
#include "services/common/logging.h"
#include "services/remote/claims_channel.h"
#include "services/remote/remote_claims_reader.h"
#include "services/server/samples.h"
#include "services/verifier/claims_evidence_source.h"
#include "services/verifier/local_evidence_source.h"
#include "services/verifier/model_pair_scorer.h"
#include "services/verifier/verification_engine.h"
#include "storage/in_memory_statement_store.h"
#include "storage/rocksdb_statement_store.h"

namespace factcheck::server {
namespace {

constexpr const char* kKnownServices[] = {FactcheckServer::kClaimsService,
                                          FactcheckServer::kVerifierService};

bool Hosts(const FactcheckServer::Options& options, std::string_view name) {
  for (const std::string& service : options.services) {
    if (service == name) return true;
  }
  return false;
}

// A threshold override is a probability, or negative for "keep the model's";
// above 1 (or NaN) is a typo, not a setting.
absl::Status ValidateThreshold(const char* name, float value) {
  if (value <= 1) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(name, ": ", value,
                   " is not a probability; use a value in [0, 1], or -1 "
                   "for the model's stored threshold"));
}

// --- Admission: authentication, TLS, in-flight limits. ---

absl::Status ValidateAdmissionOptions(const FactcheckServer::Options& options) {
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return absl::InvalidArgumentError(
        "tls_cert and tls_key go together: give both to serve TLS, or "
        "neither");
  }
  if (!options.tls_client_ca.empty() && options.tls_cert.empty()) {
    return absl::InvalidArgumentError(
        "tls_client_ca needs tls_cert and tls_key: client certificates are "
        "only checked over TLS");
  }
  if (options.admission.max_concurrent_rpcs < 1) {
    return absl::InvalidArgumentError(
        "max_concurrent_rpcs: must be at least 1");
  }
  if (options.admission.max_concurrent_streams < 1) {
    return absl::InvalidArgumentError(
        "max_concurrent_streams: must be at least 1");
  }
  if (options.claims.max_statements_per_article < 1) {
    return absl::InvalidArgumentError(
        "max_statements_per_article: must be at least 1");
  }
  if (options.verifier.max_batch_size < 1) {
    return absl::InvalidArgumentError("max_batch_size: must be at least 1");
  }
  return absl::OkStatus();
}

// Plaintext, TLS, or TLS requiring client certificates (mTLS), with every
// PEM file read and checked here so that a bad one is named at start.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const FactcheckServer::Options& options) {
  if (options.tls_cert.empty()) return grpc::InsecureServerCredentials();
  FACTCHECK_ASSIGN_OR_RETURN(auth::PemKeyPair pair,
                             auth::ReadPemKeyPair(options.tls_cert, "tls_cert",
                                                  options.tls_key, "tls_key"));
  grpc::SslServerCredentialsOptions ssl(
      GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  if (!options.tls_client_ca.empty()) {
    FACTCHECK_ASSIGN_OR_RETURN(
        ssl.pem_root_certs,
        auth::ReadPemCertificates(options.tls_client_ca, "tls_client_ca"));
    ssl.client_certificate_request =
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  ssl.pem_key_cert_pairs.push_back(
      {std::move(pair.private_key), std::move(pair.cert_chain)});
  return grpc::SslServerCredentials(ssl);
}

// --- Split topology: a verifier reading a remote ClaimsService. ---

// "verifier" without "claims" needs claims_target; claims_target with
// "claims" would leave the local store unused by the verifier: refused.
absl::Status ValidateSplitOptions(const FactcheckServer::Options& options) {
  const bool claims = Hosts(options, FactcheckServer::kClaimsService);
  if (!claims && Hosts(options, FactcheckServer::kVerifierService) &&
      options.claims_target.empty()) {
    return absl::InvalidArgumentError(
        "services: \"verifier\" without \"claims\" needs claims_target "
        "(--claims_target=HOST:PORT of a ClaimsService), or host both");
  }
  if (claims && !options.claims_target.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("claims_target: \"", options.claims_target,
                     "\" given, but this process hosts \"claims\"; use it with "
                     "--services=verifier only"));
  }
  if (!claims && options.load_samples) {
    return absl::InvalidArgumentError(
        "load_samples: needs \"claims\" hosted; load samples into the claims "
        "process");
  }
  if (options.claims_deadline <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        "claims_deadline: must be positive, e.g. 2s");
  }
  return absl::OkStatus();
}

remote::ClaimsChannelOptions ClaimsChannelOptionsFor(
    const FactcheckServer::Options& options) {
  remote::ClaimsChannelOptions channel;
  channel.target = options.claims_target;
  channel.token_file = options.claims_token_file;
  channel.tls_ca_file = options.claims_tls_ca;
  channel.max_message_bytes = options.max_message_bytes;
  return channel;
}

// Retries of an UNAVAILABLE read fit in this many per-call deadlines.
constexpr int kClaimsBudgetInDeadlines = 5;

remote::RemoteClaimsReader::Options RemoteReaderOptionsFor(
    const FactcheckServer::Options& options) {
  remote::RemoteClaimsReader::Options reader;
  reader.call_deadline = options.claims_deadline;
  reader.total_budget = options.claims_deadline * kClaimsBudgetInDeadlines / 2;
  return reader;
}

// --- End of split topology. ---

absl::Status ValidateOptions(const FactcheckServer::Options& options) {
  if (options.services.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("services: none given; valid services are ",
                     absl::StrJoin(kKnownServices, ", ")));
  }
  for (const std::string& service : options.services) {
    bool known = false;
    for (const char* name : kKnownServices) known |= (service == name);
    if (!known) {
      return absl::InvalidArgumentError(absl::StrCat(
          "services: unknown service \"", service, "\"; valid services are ",
          absl::StrJoin(kKnownServices, ", ")));
    }
  }
  FACTCHECK_RETURN_IF_ERROR(ValidateSplitOptions(options));
  if (options.listen.empty()) {
    return absl::InvalidArgumentError("listen: empty; use host:port");
  }
  if (!options.in_memory_store && options.data_dir.empty()) {
    return absl::InvalidArgumentError("data_dir: empty; name a folder");
  }
  if (options.max_message_bytes == 0 ||
      options.max_message_bytes > static_cast<size_t>(INT32_MAX)) {
    return absl::InvalidArgumentError(
        "max_message_bytes: must be in 1..2147483647");
  }
  FACTCHECK_RETURN_IF_ERROR(
      ValidateThreshold("support_threshold", options.engine.support_threshold));
  FACTCHECK_RETURN_IF_ERROR(ValidateThreshold(
      "contradict_threshold", options.engine.contradict_threshold));
  FACTCHECK_RETURN_IF_ERROR(ValidateAdmissionOptions(options));
  if (!options.metrics_listen.empty()) {
    FACTCHECK_RETURN_IF_ERROR(
        metrics::CheckMetricsListen(options.metrics_listen));
  }
  return absl::OkStatus();
}

// The methods of each hosted gRPC service, from the generated descriptors:
// metrics label each request with its service's full name.
absl::StatusOr<std::vector<metrics::ServiceMethods>> HostedServiceMethods(
    const FactcheckServer::Options& options) {
  std::vector<std::string> names;
  if (Hosts(options, FactcheckServer::kClaimsService)) {
    names.push_back(v1::ClaimsService::service_full_name());
  }
  if (Hosts(options, FactcheckServer::kVerifierService)) {
    names.push_back(v1::VerifierService::service_full_name());
  }
  // Backups: AdminService comes with the claims service.
  if (Hosts(options, FactcheckServer::kClaimsService)) {
    names.push_back(v1::AdminService::service_full_name());
  }
  std::vector<metrics::ServiceMethods> out;
  for (const std::string& name : names) {
    const google::protobuf::ServiceDescriptor* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            name);
    if (service == nullptr) {
      return absl::InternalError(absl::StrCat("no descriptor for ", name));
    }
    out.push_back(metrics::MethodsOf(*service));
  }
  return out;
}

absl::StatusOr<std::unique_ptr<storage::StatementStore>> OpenStore(
    const FactcheckServer::Options& options) {
  if (options.in_memory_store) {
    return std::make_unique<storage::InMemoryStatementStore>();
  }
  storage::RocksDbStatementStore::Options store_options;
  store_options.path = options.data_dir;
  FACTCHECK_ASSIGN_OR_RETURN(
      std::unique_ptr<storage::RocksDbStatementStore> store,
      storage::RocksDbStatementStore::Open(store_options));
  return std::unique_ptr<storage::StatementStore>(std::move(store));
}

// --- Backups: AdminService's checkpoint folder. ---

// Options::checkpoint_dir, or "<data_dir>-checkpoints" next to the data
// directory (usually its filesystem); empty for an in-memory store.
std::string CheckpointDirFor(const FactcheckServer::Options& options) {
  if (!options.checkpoint_dir.empty()) return options.checkpoint_dir;
  if (options.in_memory_store) return "";
  std::string data_dir = options.data_dir;
  while (data_dir.size() > 1 && data_dir.back() == '/') data_dir.pop_back();
  return data_dir + "-checkpoints";
}

// Checkpoints are made by the process that owns the store, and never inside
// the data directory (a restore, which replaces that folder, would delete
// them, and a copy of it would carry them along).
absl::Status ValidateBackupOptions(const FactcheckServer::Options& options) {
  if (options.checkpoint_dir.empty()) return absl::OkStatus();
  if (!Hosts(options, FactcheckServer::kClaimsService)) {
    return absl::InvalidArgumentError(
        "checkpoint_dir: needs \"claims\" hosted; give it to the process "
        "that owns the data directory");
  }
  if (options.in_memory_store) return absl::OkStatus();
  // Compared as written (lexically): a guard against typos.
  auto normal = [](const std::string& path) {
    std::string out = std::filesystem::path(path).lexically_normal().string();
    while (out.size() > 1 && out.back() == '/') out.pop_back();
    return out;
  };
  const std::string data = normal(options.data_dir);
  const std::string checkpoints = normal(options.checkpoint_dir);
  if (checkpoints == data || absl::StartsWith(checkpoints, data + "/")) {
    return absl::InvalidArgumentError(absl::StrCat(
        "checkpoint_dir: \"", options.checkpoint_dir,
        "\" is inside data_dir; use a folder next to it on the same "
        "filesystem"));
  }
  return absl::OkStatus();
}

// --- End of backups. ---

}  // namespace

absl::StatusOr<std::unique_ptr<FactcheckServer>> FactcheckServer::Start(
    Options options) {
  FACTCHECK_RETURN_IF_ERROR(ValidateOptions(options));
  FACTCHECK_RETURN_IF_ERROR(ValidateBackupOptions(options));
  std::unique_ptr<FactcheckServer> server(new FactcheckServer());
  FACTCHECK_RETURN_IF_ERROR(server->Build(options));
  return server;
}

absl::Status FactcheckServer::Build(const Options& options) {
  // Admission first: a bad token or TLS file fails before anything else is
  // loaded or opened.
  FACTCHECK_ASSIGN_OR_RETURN(
      std::shared_ptr<grpc::ServerCredentials> credentials,
      ServerCredentialsFor(options));
  if (!options.auth_tokens_file.empty()) {
    FACTCHECK_ASSIGN_OR_RETURN(
        authenticator_,
        auth::TokenAuthenticator::FromFile(options.auth_tokens_file));
  }
  admission_ = std::make_unique<auth::Admission>(authenticator_.get(),
                                                 options.admission);

  // The model first: a missing or corrupt one fails before the data
  // directory is opened (and locked) or the port bound.
  std::unique_ptr<verifier::VerificationEngine> engine;
  if (Hosts(options, kVerifierService)) {
    FACTCHECK_ASSIGN_OR_RETURN(
        engine, verifier::LoadVerificationEngine(options.engine));
    model_ = ModelInfo{options.engine.model_path.empty()
                           ? verifier::DefaultModelPath()
                           : options.engine.model_path,
                       engine->thresholds()};
  }

  // Split topology: without "claims", evidence comes from claims_target
  // (token and CA files are read here) and no data directory is opened.
  std::shared_ptr<grpc::Channel> claims_channel;
  if (Hosts(options, kClaimsService)) {
    FACTCHECK_ASSIGN_OR_RETURN(store_, OpenStore(options));
  } else {
    FACTCHECK_ASSIGN_OR_RETURN(
        claims_channel,
        remote::OpenClaimsChannel(ClaimsChannelOptionsFor(options)));
  }
  // Metrics before the logger, which reports every request to them.
  if (!options.metrics_listen.empty()) {
    metrics::ServerMetrics::Options metrics_options;
    FACTCHECK_ASSIGN_OR_RETURN(metrics_options.services,
                               HostedServiceMethods(options));
    metrics_options.store = store_.get();
    FACTCHECK_ASSIGN_OR_RETURN(
        metrics_, metrics::ServerMetrics::Create(std::move(metrics_options)));
    FACTCHECK_ASSIGN_OR_RETURN(
        metrics_endpoint_,
        metrics::MetricsEndpoint::Start(options.metrics_listen, *metrics_));
    metrics_port_ = metrics_endpoint_->port();
  }
  request_logger_ = std::make_unique<common::RequestLogger>(
      options.request_log != nullptr ? options.request_log
                                     : common::StderrLogSink(),
      metrics_.get());

  // The claims core also backs the local evidence source, so it exists
  // whenever there is a store.
  if (store_ != nullptr) {
    claims_core_ =
        std::make_unique<claims::ClaimsCore>(store_.get(), options.claims);
  }
  if (options.load_samples) {
    FACTCHECK_ASSIGN_OR_RETURN(
        int stored, LoadSamples(options.samples_dir, claims_core_.get()));
    common::LogInfo("loaded samples from ", options.samples_dir, ": ", stored,
                    " new article(s)");
  }

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen, credentials, &port_);
  builder.SetMaxReceiveMessageSize(static_cast<int>(options.max_message_bytes));
  builder.SetMaxSendMessageSize(static_cast<int>(options.max_message_bytes));

  if (Hosts(options, kClaimsService)) {
    claims_service_ = std::make_unique<claims::ClaimsServiceImpl>(
        claims_core_.get(), request_logger_.get(), admission_.get());
    builder.RegisterService(claims_service_.get());
    health_names_.push_back(v1::ClaimsService::service_full_name());
  }
  // Backups: AdminService works on the claims service's store.
  if (Hosts(options, kClaimsService)) {
    admin::AdminOptions admin_options;
    admin_options.checkpoint_dir = CheckpointDirFor(options);
    admin_core_ = std::make_unique<admin::AdminCore>(store_.get(),
                                                     std::move(admin_options));
    admin_service_ = std::make_unique<admin::AdminServiceImpl>(
        admin_core_.get(), request_logger_.get(), admission_.get());
    builder.RegisterService(admin_service_.get());
    health_names_.push_back(v1::AdminService::service_full_name());
  }
  if (Hosts(options, kVerifierService)) {
    if (claims_channel != nullptr) {
      claims_reader_ = std::make_unique<remote::RemoteClaimsReader>(
          claims_channel, options.claims_target,
          RemoteReaderOptionsFor(options));
    } else {
      claims_reader_ =
          std::make_unique<verifier::LocalClaimsReader>(claims_core_.get());
    }
    evidence_source_ =
        std::make_unique<verifier::ClaimsEvidenceSource>(claims_reader_.get());
    // The engine is immutable: the core's calls share it across threads.
    verifier_core_ = std::make_unique<verifier::VerifierCore>(
        evidence_source_.get(), std::move(engine), options.verifier);
    verifier_service_ = std::make_unique<verifier::VerifierServiceImpl>(
        verifier_core_.get(), request_logger_.get(), admission_.get());
    builder.RegisterService(verifier_service_.get());
    health_names_.push_back(v1::VerifierService::service_full_name());
  }

  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) {
    if (server_ != nullptr) server_->Shutdown();
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen,
                     " (address in use, or not a valid host:port)"));
  }
  // The store is open: only now report SERVING.
  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  for (const std::string& name : health_names_) {
    health->SetServingStatus(name, true);
  }
  health->SetServingStatus("", true);

  // Split topology: the verifier serves only while the claims service does,
  // so that readiness probes (which ask for the service by name) stop
  // routing here while evidence is out of reach. "" (the process, which
  // liveness probes ask for) stays SERVING: a claims outage must not get
  // verifiers restarted.
  if (claims_channel != nullptr) {
    health->SetServingStatus(v1::VerifierService::service_full_name(), false);
    claims_health_watcher_ = std::make_unique<remote::ClaimsHealthWatcher>(
        claims_channel, options.claims_target,
        remote::ClaimsHealthWatcher::Options(),
        [health](bool serving, const std::string& /*why*/) {
          health->SetServingStatus(v1::VerifierService::service_full_name(),
                                   serving);
        });
  }
  return absl::OkStatus();
}

FactcheckServer::~FactcheckServer() { Shutdown(absl::ZeroDuration()); }

void FactcheckServer::Shutdown(absl::Duration drain) {
  absl::MutexLock lock(&shutdown_mu_);
  if (shut_down_) return;
  shut_down_ = true;
  // Split topology: no health changes from here on.
  if (claims_health_watcher_ != nullptr) claims_health_watcher_->Stop();
  if (server_ != nullptr) {
    // Sets every name (and "") NOT_SERVING, and keeps it so.
    server_->GetHealthCheckService()->Shutdown();
    server_->Shutdown(absl::ToChronoTime(absl::Now() + drain));
  }
  // No call can reach the cores any more: close the store so that RocksDB
  // flushes. The cores keep dangling pointers but are never called again.
  // Scrapes read the store too: stop them first.
  metrics_endpoint_.reset();
  store_.reset();
}

absl::Status FactcheckServer::ReloadAuthTokens() {
  if (authenticator_ == nullptr) {
    return absl::FailedPreconditionError(
        "authentication is off: start with --auth_tokens_file to use tokens");
  }
  return authenticator_->Reload();
}

size_t FactcheckServer::auth_token_count() const {
  return authenticator_ == nullptr ? 0 : authenticator_->token_count();
}

void FactcheckServer::Wait() {
  if (server_ != nullptr) server_->Wait();
}

}  // namespace factcheck::server
