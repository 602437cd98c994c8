#include "services/server/server.h"

#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "base/status_macros.h"
#include "factcheck/v1/claims_service.grpc.pb.h"
#include "factcheck/v1/verifier_service.grpc.pb.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "services/common/logging.h"
#include "services/server/samples.h"
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
  if (Hosts(options, FactcheckServer::kVerifierService) &&
      !Hosts(options, FactcheckServer::kClaimsService)) {
    return absl::InvalidArgumentError(
        "services: \"verifier\" needs \"claims\" in the same process for now; "
        "a remote evidence source (--claims_target) comes in a later version");
  }
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
  return absl::OkStatus();
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

}  // namespace

absl::StatusOr<std::unique_ptr<FactcheckServer>> FactcheckServer::Start(
    Options options) {
  FACTCHECK_RETURN_IF_ERROR(ValidateOptions(options));
  std::unique_ptr<FactcheckServer> server(new FactcheckServer());
  FACTCHECK_RETURN_IF_ERROR(server->Build(options));
  return server;
}

absl::Status FactcheckServer::Build(const Options& options) {
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

  FACTCHECK_ASSIGN_OR_RETURN(store_, OpenStore(options));
  request_logger_ = std::make_unique<common::RequestLogger>(
      options.request_log != nullptr ? options.request_log
                                     : common::StderrLogSink());

  // The claims core also backs the local evidence source, so it exists
  // whenever either service is hosted (validation guarantees "claims").
  claims_core_ =
      std::make_unique<claims::ClaimsCore>(store_.get(), options.claims);
  if (options.load_samples) {
    FACTCHECK_ASSIGN_OR_RETURN(
        int stored, LoadSamples(options.samples_dir, claims_core_.get()));
    common::LogInfo("loaded samples from ", options.samples_dir, ": ", stored,
                    " new article(s)");
  }

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen, grpc::InsecureServerCredentials(),
                           &port_);
  builder.SetMaxReceiveMessageSize(static_cast<int>(options.max_message_bytes));
  builder.SetMaxSendMessageSize(static_cast<int>(options.max_message_bytes));

  if (Hosts(options, kClaimsService)) {
    claims_service_ = std::make_unique<claims::ClaimsServiceImpl>(
        claims_core_.get(), request_logger_.get());
    builder.RegisterService(claims_service_.get());
    health_names_.push_back(v1::ClaimsService::service_full_name());
  }
  if (Hosts(options, kVerifierService)) {
    evidence_source_ =
        std::make_unique<verifier::LocalEvidenceSource>(claims_core_.get());
    // The engine is immutable: the core's calls share it across threads.
    verifier_core_ = std::make_unique<verifier::VerifierCore>(
        evidence_source_.get(), std::move(engine), options.verifier);
    verifier_service_ = std::make_unique<verifier::VerifierServiceImpl>(
        verifier_core_.get(), request_logger_.get());
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
  return absl::OkStatus();
}

FactcheckServer::~FactcheckServer() { Shutdown(absl::ZeroDuration()); }

void FactcheckServer::Shutdown(absl::Duration drain) {
  absl::MutexLock lock(&shutdown_mu_);
  if (shut_down_) return;
  shut_down_ = true;
  if (server_ != nullptr) {
    // Sets every name (and "") NOT_SERVING, and keeps it so.
    server_->GetHealthCheckService()->Shutdown();
    server_->Shutdown(absl::ToChronoTime(absl::Now() + drain));
  }
  // No call can reach the cores any more: close the store so that RocksDB
  // flushes. The cores keep dangling pointers but are never called again.
  store_.reset();
}

void FactcheckServer::Wait() {
  if (server_ != nullptr) server_->Wait();
}

}  // namespace factcheck::server
