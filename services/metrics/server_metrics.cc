#include "services/metrics/server_metrics.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/string_view.h"
#include "google/protobuf/descriptor.h"
#include "prometheus/collectable.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/metric_family.h"
#include "prometheus/registry.h"
#include "prometheus/text_serializer.h"

namespace factcheck::metrics {
namespace {

constexpr char kUnknownService[] = "unknown";

// One gauge sample without labels.
prometheus::MetricFamily Gauge(std::string name, std::string help,
                               uint64_t value) {
  prometheus::MetricFamily family;
  family.name = std::move(name);
  family.help = std::move(help);
  family.type = prometheus::MetricType::Gauge;
  prometheus::ClientMetric sample;
  sample.gauge.value = static_cast<double>(value);
  family.metric.push_back(std::move(sample));
  return family;
}

}  // namespace

ServiceMethods MethodsOf(const google::protobuf::ServiceDescriptor& service) {
  ServiceMethods out;
  out.service = service.full_name();
  for (int i = 0; i < service.method_count(); ++i) {
    out.methods.push_back(service.method(i)->name());
  }
  return out;
}

const std::vector<double>& HandlingSecondsBuckets() {
  static const std::vector<double>* const buckets =
      new std::vector<double>{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                              0.1,    0.25,  0.5,    1,     2.5,  5,     10};
  return *buckets;
}

// Reads the store's counts and size on each scrape, so that the gauges are
// never stale and nothing has to update them on writes. A failed read
// leaves its gauge out of that scrape rather than reporting a wrong value.
class ServerMetrics::StoreCollector final : public prometheus::Collectable {
 public:
  explicit StoreCollector(const storage::StatementStore* store)
      : store_(store) {}

  std::vector<prometheus::MetricFamily> Collect() const override {
    std::vector<prometheus::MetricFamily> out;
    if (store_ == nullptr) return out;
    if (absl::StatusOr<uint64_t> n = store_->ArticleCount(); n.ok()) {
      out.push_back(
          Gauge("factcheck_store_articles", "Articles in the store.", *n));
    }
    if (absl::StatusOr<uint64_t> n = store_->StatementCount(); n.ok()) {
      out.push_back(
          Gauge("factcheck_store_statements", "Statements in the store.", *n));
    }
    if (absl::StatusOr<uint64_t> n = store_->ApproximateSizeBytes(); n.ok()) {
      out.push_back(Gauge("factcheck_store_size_bytes",
                          "Approximate size of the store (RocksDB: SST files "
                          "plus write-ahead log on disk).",
                          *n));
    }
    return out;
  }

 private:
  const storage::StatementStore* store_;
};

absl::StatusOr<std::unique_ptr<ServerMetrics>> ServerMetrics::Create(
    Options options) {
  absl::flat_hash_map<std::string, std::string> seen;
  for (const ServiceMethods& service : options.services) {
    for (const std::string& method : service.methods) {
      auto [it, inserted] = seen.emplace(method, service.service);
      if (!inserted) {
        return absl::InvalidArgumentError(absl::StrCat(
            "method ", method, " is in both ", it->second, " and ",
            service.service, "; metrics cannot tell their requests apart"));
      }
    }
  }
  return std::unique_ptr<ServerMetrics>(new ServerMetrics(std::move(options)));
}

ServerMetrics::ServerMetrics(Options options)
    : registry_(std::make_shared<prometheus::Registry>()),
      store_collector_(std::make_shared<StoreCollector>(options.store)),
      handled_(&prometheus::BuildCounter()
                    .Name("grpc_server_handled_total")
                    .Help("RPCs completed on the server, by status code.")
                    .Register(*registry_)),
      handling_seconds_(&prometheus::BuildHistogram()
                             .Name("grpc_server_handling_seconds")
                             .Help("Time from the start of an RPC to its "
                                   "status (a whole stream for streams).")
                             .Register(*registry_)),
      verdicts_(&prometheus::BuildCounter()
                     .Name("factcheck_verdicts_total")
                     .Help("Verdicts returned by Verify, VerifyBatch and "
                           "VerifyStream, by kind.")
                     .Register(*registry_)) {
  for (const ServiceMethods& service : options.services) {
    for (const std::string& method : service.methods) {
      service_of_method_.emplace(method, service.service);
      // Every method has a histogram from the start, so that its rate is 0
      // rather than absent before its first call.
      handling_seconds_->Add(
          {{"grpc_service", service.service}, {"grpc_method", method}},
          HandlingSecondsBuckets());
    }
  }
}

ServerMetrics::~ServerMetrics() = default;

std::string_view ServerMetrics::ServiceOf(std::string_view method) const {
  auto it = service_of_method_.find(AsAbsl(method));
  // Two returns, not ?:, whose std::string result would dangle.
  if (it == service_of_method_.end()) return kUnknownService;
  return it->second;
}

void ServerMetrics::OnRequest(const common::RequestRecord& record) {
  RecordHandled(ServiceOf(record.rpc), record.rpc, record.code, record.elapsed);
  for (const common::LogFact& fact : record.facts) {
    if (fact.key == common::kVerdictFact) {
      if (const auto* verdict = std::get_if<std::string>(&fact.value)) {
        RecordVerdicts(*verdict, 1);
      }
    } else if (absl::StartsWith(fact.key, common::kVerdictCountFactPrefix)) {
      if (const auto* count = std::get_if<int64_t>(&fact.value)) {
        RecordVerdicts(
            std::string_view(fact.key).substr(
                std::string_view(common::kVerdictCountFactPrefix).size()),
            *count);
      }
    }
  }
}

void ServerMetrics::RecordHandled(std::string_view service,
                                  std::string_view method,
                                  absl::StatusCode code,
                                  absl::Duration elapsed) {
  const std::string service_label(service);
  const std::string method_label(method);
  handled_
      ->Add({{"grpc_service", service_label},
             {"grpc_method", method_label},
             {"grpc_code", absl::StatusCodeToString(code)}})
      .Increment();
  handling_seconds_
      ->Add({{"grpc_service", service_label}, {"grpc_method", method_label}},
            HandlingSecondsBuckets())
      .Observe(absl::ToDoubleSeconds(elapsed));
}

void ServerMetrics::RecordVerdicts(std::string_view verdict, int64_t count) {
  // A counter never goes down; a negative count is a caller's bug.
  if (count <= 0) return;
  verdicts_->Add({{"verdict", std::string(verdict)}})
      .Increment(static_cast<double>(count));
}

std::vector<std::weak_ptr<prometheus::Collectable>>
ServerMetrics::collectables() const {
  return {registry_, store_collector_};
}

std::string ServerMetrics::TextFormat() const {
  std::vector<prometheus::MetricFamily> families = registry_->Collect();
  for (prometheus::MetricFamily& family : store_collector_->Collect()) {
    families.push_back(std::move(family));
  }
  return prometheus::TextSerializer().Serialize(families);
}

}  // namespace factcheck::metrics
