#ifndef FACTCHECK_TOOLS_CRASH_TEST_SERVER_PROCESS_H_
#define FACTCHECK_TOOLS_CRASH_TEST_SERVER_PROCESS_H_

// factcheckd as a child process: start on a free port, learn the port from
// its "factcheckd listening on HOST:PORT" line, wait until the claims
// service is SERVING, kill, reap.

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace factcheck::crash_test {

class ServerProcess {
 public:
  // `binary` is the factcheckd executable, `flags` its flags (the tool adds
  // --listen=127.0.0.1:0); each start's stderr goes to
  // `log_prefix`-<start>.err.
  ServerProcess(std::string binary, std::vector<std::string> flags,
                std::string log_prefix);
  // SIGKILLs a process that still runs, so that no server outlives the tool.
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Spawns factcheckd and waits (at most `timeout`) for its listening line
  // and for factcheck.v1.ClaimsService to report SERVING. FAILED_PRECONDITION
  // when already running; INTERNAL when the process cannot be spawned or
  // exits early (the message holds its log); DEADLINE_EXCEEDED otherwise.
  absl::Status Start(absl::Duration timeout);

  // Sends `signal` and reaps the process; returns the wait status.
  int Stop(int signal);

  bool running() const { return pid_ > 0; }
  // "127.0.0.1:PORT" of the running process.
  const std::string& address() const { return address_; }
  // The current (or last) start's stderr.
  std::string log() const;
  std::string log_path() const { return log_path_; }

 private:
  const std::string binary_;
  const std::vector<std::string> flags_;
  const std::string log_prefix_;
  std::string log_path_;
  std::string address_;
  pid_t pid_ = -1;
  int starts_ = 0;
};

}  // namespace factcheck::crash_test

#endif  // FACTCHECK_TOOLS_CRASH_TEST_SERVER_PROCESS_H_
