#ifndef FACTCHECK_SERVICES_METRICS_SERVER_METRICS_H_
#define FACTCHECK_SERVICES_METRICS_SERVER_METRICS_H_

// Prometheus metrics of factcheckd, fed from the request log records:
//
//   grpc_server_handled_total{grpc_service,grpc_method,grpc_code}  counter
//   grpc_server_handling_seconds{grpc_service,grpc_method}         histogram
//   factcheck_verdicts_total{verdict}                              counter
//   factcheck_store_articles, factcheck_store_statements,
//   factcheck_store_size_bytes                                     gauges
//
// The store gauges are read from the store at scrape time. No gRPC here:
// the HTTP endpoint is metrics_endpoint.h.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/common/request_log.h"
#include "storage/statement_store.h"

namespace google::protobuf {
class ServiceDescriptor;
}  // namespace google::protobuf

namespace prometheus {
class Collectable;
class Counter;
template <typename T>
class Family;
class Histogram;
class Registry;
}  // namespace prometheus

namespace factcheck::metrics {

// A service's full name and the names of its methods.
struct ServiceMethods {
  // "factcheck.v1.VerifierService".
  std::string service;
  // "Verify", "VerifyBatch", ...
  std::vector<std::string> methods;
};

// The methods of a protobuf service (e.g. from the generated descriptors).
ServiceMethods MethodsOf(const google::protobuf::ServiceDescriptor& service);

// Upper bounds of the grpc_server_handling_seconds buckets: 0.5 ms to 10 s.
const std::vector<double>& HandlingSecondsBuckets();

// The metrics of one server. Thread-safe: requests are recorded
// concurrently with each other and with scrapes.
class ServerMetrics final : public common::RequestObserver {
 public:
  struct Options {
    // The services whose requests are recorded: a record's method name
    // (RequestRecord::rpc) is looked up here for its grpc_service label.
    // Method names must be unique across these services.
    std::vector<ServiceMethods> services;
    // Store whose counts and size are reported at scrape time; not owned,
    // must outlive every scrape (see MetricsEndpoint). Null: no store
    // gauges.
    const storage::StatementStore* store = nullptr;
  };

  // INVALID_ARGUMENT when a method name appears in two services.
  static absl::StatusOr<std::unique_ptr<ServerMetrics>> Create(Options options);

  ~ServerMetrics() override;
  ServerMetrics(const ServerMetrics&) = delete;
  ServerMetrics& operator=(const ServerMetrics&) = delete;

  // Counts one finished request: its code and duration under its service
  // and method (grpc_service="unknown" for a method of no known service),
  // and the verdicts in its facts (common::kVerdictFact,
  // common::kVerdictCountFactPrefix).
  void OnRequest(const common::RequestRecord& record) override;

  // What OnRequest records, one piece at a time.
  void RecordHandled(std::string_view service, std::string_view method,
                     absl::StatusCode code, absl::Duration elapsed);
  void RecordVerdicts(std::string_view verdict, int64_t count);

  // What a scrape collects: the recorded metrics, then the store gauges.
  // The collectables live as long as this object.
  std::vector<std::weak_ptr<prometheus::Collectable>> collectables() const;

  // All metrics in the Prometheus text exposition format (what /metrics
  // serves).
  std::string TextFormat() const;

 private:
  class StoreCollector;

  explicit ServerMetrics(Options options);

  std::string_view ServiceOf(std::string_view method) const;

  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<StoreCollector> store_collector_;
  prometheus::Family<prometheus::Counter>* handled_;
  prometheus::Family<prometheus::Histogram>* handling_seconds_;
  prometheus::Family<prometheus::Counter>* verdicts_;
  // Method name -> service full name; fixed after construction.
  absl::flat_hash_map<std::string, std::string> service_of_method_;
};

}  // namespace factcheck::metrics

#endif  // FACTCHECK_SERVICES_METRICS_SERVER_METRICS_H_
