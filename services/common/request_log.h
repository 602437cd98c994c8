#ifndef FACTCHECK_SERVICES_COMMON_REQUEST_LOG_H_
#define FACTCHECK_SERVICES_COMMON_REQUEST_LOG_H_

// One JSON line per request, e.g.
//   {"ts":"2025-09-01T10:00:00.123Z","rpc":"Verify","code":"OK","ms":1.8,
//    "peer":"ipv4:127.0.0.1:50412","claim_bytes":42,"verdict":"SUPPORTED"}
// The sink is an interface so that tests can capture the lines.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace factcheck::common {

// A small fact about a request ("claim_bytes": 42, "verdict": "SUPPORTED").
struct LogFact {
  std::string key;
  std::variant<int64_t, double, std::string> value;
};

// What is logged about one finished request.
struct RequestRecord {
  // When the request started.
  absl::Time start;
  // RPC method name ("Verify").
  std::string rpc;
  absl::StatusCode code = absl::StatusCode::kOk;
  // Status message for failures (cut to 200 bytes in the line).
  std::string error;
  absl::Duration elapsed;
  // The client's address as gRPC reports it.
  std::string peer;
  std::vector<LogFact> facts;
};

// Receives finished log lines (without the trailing newline).
// Implementations are thread-safe.
class LogSink {
 public:
  virtual ~LogSink() = default;
  virtual void WriteLine(std::string_view line) = 0;
};

// Writes each line plus "\n" to a file descriptor with a single write(2), so
// that lines from concurrent requests never interleave. Thread-safe.
class FdLogSink final : public LogSink {
 public:
  // `fd` is not owned.
  explicit FdLogSink(int fd) : fd_(fd) {}
  void WriteLine(std::string_view line) override;

 private:
  int fd_;
};

// The process-wide stderr sink. Never null; never destroyed.
LogSink* StderrLogSink();

// Returns `record` as one JSON object on one line. Keys in `facts` come after
// the fixed ones; non-ASCII and control bytes in strings are escaped so that
// the line is always valid JSON. Thread-safe.
std::string FormatRequestRecord(const RequestRecord& record);

// Fact keys that more than the log line reads (services/metrics counts
// verdicts from them):
//  - kVerdictFact: the one verdict of a Verify call, e.g. "SUPPORTED";
//  - kVerdictCountFactPrefix + verdict: how many verdicts of that kind a
//    VerifyBatch or VerifyStream call returned, e.g. "verdicts.SUPPORTED": 2.
inline constexpr char kVerdictFact[] = "verdict";
inline constexpr char kVerdictCountFactPrefix[] = "verdicts.";

// Sees every finished request (metrics). Implementations are thread-safe.
class RequestObserver {
 public:
  virtual ~RequestObserver() = default;
  // Called once per logged request, on the thread that finished it.
  virtual void OnRequest(const RequestRecord& record) = 0;
};

// Formats records and hands them to a sink, and to an observer. Thread-safe.
class RequestLogger {
 public:
  // `sink` is not owned and must outlive the logger; null disables logging.
  // `observer` is not owned and must outlive the logger; null: none.
  explicit RequestLogger(LogSink* sink, RequestObserver* observer = nullptr)
      : sink_(sink), observer_(observer) {}

  void Log(const RequestRecord& record) const;

 private:
  LogSink* sink_;
  RequestObserver* observer_;
};

}  // namespace factcheck::common

#endif  // FACTCHECK_SERVICES_COMMON_REQUEST_LOG_H_
