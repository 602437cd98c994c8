#ifndef FACTCHECK_SERVICES_METRICS_METRICS_ENDPOINT_H_
#define FACTCHECK_SERVICES_METRICS_METRICS_ENDPOINT_H_

// Serves ServerMetrics over HTTP at /metrics (prometheus-cpp's Exposer on
// civetweb).

#include <memory>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/metrics/server_metrics.h"

namespace prometheus {
class Exposer;
}  // namespace prometheus

namespace factcheck::metrics {

// OK when `listen` has the form MetricsEndpoint::Start accepts; otherwise
// INVALID_ARGUMENT naming the option ("metrics_listen"). Whether it can be
// bound is only known by Start.
absl::Status CheckMetricsListen(std::string_view listen);

class MetricsEndpoint {
 public:
  // Serves `metrics` at http://`listen`/metrics. `listen` is a numeric
  // "HOST:PORT" ("127.0.0.1:9464", "[::1]:9464"); port 0 picks a free port
  // (see port()). CheckMetricsListen's INVALID_ARGUMENT for a malformed
  // `listen`; UNAVAILABLE when it cannot be bound (in use, or a host name:
  // civetweb does not resolve names). `metrics` is not owned and must
  // outlive the endpoint.
  static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Start(
      std::string_view listen, const ServerMetrics& metrics);

  // Stops serving; waits for scrapes in progress, so that what they read
  // (the store) may be closed right after.
  ~MetricsEndpoint();

  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  // The bound port (the chosen one when `listen` asked for port 0).
  int port() const { return port_; }

 private:
  MetricsEndpoint(std::unique_ptr<prometheus::Exposer> exposer, int port);

  std::unique_ptr<prometheus::Exposer> exposer_;
  int port_;
};

}  // namespace factcheck::metrics

#endif  // FACTCHECK_SERVICES_METRICS_METRICS_ENDPOINT_H_
