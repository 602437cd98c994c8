#ifndef FACTCHECK_TESTS_GRPC_TEST_SERVER_H_
#define FACTCHECK_TESTS_GRPC_TEST_SERVER_H_

// Helpers for the in-process gRPC tests: a FactcheckServer on 127.0.0.1:0
// with a captured request log, channels and a sample article.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "services/common/request_log.h"
#include "services/server/server.h"
#include "tests/testing/sample_texts.h"

namespace factcheck::testing {

// Keeps every request log line, for assertions. Thread-safe.
class CapturingLogSink final : public common::LogSink {
 public:
  void WriteLine(std::string_view line) override {
    absl::MutexLock lock(&mu_);
    lines_.emplace_back(line);
  }
  std::vector<std::string> lines() const {
    absl::MutexLock lock(&mu_);
    return lines_;
  }
  // Waits until a line contains `needle` (stream lines are written when the
  // stream is torn down, which can be just after the client sees the end).
  // Returns that line, or "" after `timeout`.
  std::string WaitForLine(const std::string& needle,
                          absl::Duration timeout = absl::Seconds(30)) const {
    absl::MutexLock lock(&mu_);
    std::string found;
    auto has_line = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      for (const std::string& line : lines_) {
        if (line.find(needle) != std::string::npos) {
          found = line;
          return true;
        }
      }
      return false;
    };
    mu_.AwaitWithTimeout(absl::Condition(&has_line), timeout);
    return found;
  }

 private:
  mutable absl::Mutex mu_;
  std::vector<std::string> lines_ ABSL_GUARDED_BY(mu_);
};

// Options for a hermetic test server: free port, in-memory store, captured
// request log.
inline server::FactcheckServer::Options TestServerOptions(
    CapturingLogSink* sink) {
  server::FactcheckServer::Options options;
  options.listen = "127.0.0.1:0";
  options.in_memory_store = true;
  options.request_log = sink;
  return options;
}

inline std::shared_ptr<grpc::Channel> ChannelTo(int port) {
  return grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                             grpc::InsecureChannelCredentials());
}

// A client context with a deadline, so that no test can hang.
inline std::unique_ptr<grpc::ClientContext> Context(
    absl::Duration timeout = absl::Seconds(30)) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  return context;
}

}  // namespace factcheck::testing

#endif  // FACTCHECK_TESTS_GRPC_TEST_SERVER_H_
