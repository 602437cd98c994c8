#ifndef FACTCHECK_TESTS_METRICS_PROMETHEUS_TEXT_H_
#define FACTCHECK_TESTS_METRICS_PROMETHEUS_TEXT_H_

// Reads samples out of the Prometheus text exposition format, for tests.

#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "base/string_view.h"

namespace factcheck::testing {

// The value of the sample whose series is exactly `series` (the metric name
// plus its labels as serialised, e.g.
// `grpc_server_handled_total{grpc_code="OK",grpc_method="Verify",...}`;
// prometheus-cpp writes labels sorted by name), or nullopt when `text` has
// no such sample.
inline std::optional<double> SampleValue(std::string_view text,
                                         std::string_view series) {
  for (absl::string_view line : absl::StrSplit(AsAbsl(text), '\n')) {
    if (!absl::ConsumePrefix(&line, AsAbsl(series)) ||
        !absl::ConsumePrefix(&line, " ")) {
      continue;
    }
    // A timestamp may follow the value.
    double value = 0;
    if (!absl::SimpleAtod(line.substr(0, line.find(' ')), &value)) {
      return std::nullopt;
    }
    return value;
  }
  return std::nullopt;
}

// `name{grpc_code="CODE",grpc_method="METHOD",grpc_service="SERVICE"}`.
inline std::string HandledSeries(std::string_view service,
                                 std::string_view method,
                                 std::string_view code) {
  return absl::StrCat("grpc_server_handled_total{grpc_code=\"", AsAbsl(code),
                      "\",grpc_method=\"", AsAbsl(method), "\",grpc_service=\"",
                      AsAbsl(service), "\"}");
}

}  // namespace factcheck::testing

#endif  // FACTCHECK_TESTS_METRICS_PROMETHEUS_TEXT_H_
