#include "services/metrics/metrics_endpoint.h"

#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/string_view.h"
#include "prometheus/exposer.h"

namespace factcheck::metrics {

absl::Status CheckMetricsListen(std::string_view listen) {
  // civetweb would take a bare port (all interfaces); the server asks for
  // an explicit host, as --listen does.
  const size_t colon = listen.rfind(':');
  if (colon == std::string_view::npos || colon == 0 ||
      colon + 1 == listen.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("metrics_listen: \"", AsAbsl(listen),
                     "\" is not HOST:PORT (e.g. 127.0.0.1:9464)"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::Start(
    std::string_view listen, const ServerMetrics& metrics) {
  if (absl::Status valid = CheckMetricsListen(listen); !valid.ok()) {
    return valid;
  }
  const auto unavailable = [&](std::string_view why) {
    return absl::UnavailableError(
        absl::StrCat("cannot serve metrics on ", AsAbsl(listen), " (",
                     AsAbsl(why), "; the host must be a numeric address)"));
  };
  std::unique_ptr<prometheus::Exposer> exposer;
  try {
    // civetweb reports a bind failure by throwing from the constructor.
    exposer = std::make_unique<prometheus::Exposer>(std::string(listen));
  } catch (const std::exception& e) {
    return unavailable(e.what());
  }
  const std::vector<int> ports = exposer->GetListeningPorts();
  if (ports.empty() || ports.front() <= 0) {
    return unavailable("no port bound");
  }
  for (const std::weak_ptr<prometheus::Collectable>& collectable :
       metrics.collectables()) {
    exposer->RegisterCollectable(collectable);
  }
  return std::unique_ptr<MetricsEndpoint>(
      new MetricsEndpoint(std::move(exposer), ports.front()));
}

MetricsEndpoint::MetricsEndpoint(std::unique_ptr<prometheus::Exposer> exposer,
                                 int port)
    : exposer_(std::move(exposer)), port_(port) {}

MetricsEndpoint::~MetricsEndpoint() = default;

}  // namespace factcheck::metrics
