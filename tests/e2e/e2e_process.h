#ifndef FACTCHECK_TESTS_E2E_E2E_PROCESS_H_
#define FACTCHECK_TESTS_E2E_E2E_PROCESS_H_

// factcheckd as a child process for the end-to-end tests: spawn with output
// to files, read the port from the "listening on" line, wait for health,
// signal, reap.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "services/common/health_client.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

extern char** environ;

namespace factcheck::testing {

inline constexpr absl::Duration kProcessStartTimeout = absl::Seconds(60);

// Starts `argv` with stdin from /dev/null, stdout written to `out_path` and
// stderr appended to `err_path`, in this process's environment without the
// CLI's FACTCHECK_SERVER and FACTCHECK_TOKEN (so that a developer's shell
// cannot steer a test) plus `extra_env` ("NAME=value"). Returns the pid, or
// -1 (with a test failure).
inline pid_t SpawnProcess(const std::vector<std::string>& argv,
                          const std::string& out_path,
                          const std::string& err_path,
                          const std::vector<std::string>& extra_env = {}) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null",
                                   O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  std::vector<char*> args;
  for (const std::string& arg : argv) {
    args.push_back(const_cast<char*>(arg.c_str()));
  }
  args.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view entry(*e);
    if (entry.rfind("FACTCHECK_SERVER=", 0) != 0 &&
        entry.rfind("FACTCHECK_TOKEN=", 0) != 0) {
      env_strings.emplace_back(entry);
    }
  }
  env_strings.insert(env_strings.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> env;
  for (std::string& entry : env_strings) env.push_back(entry.data());
  env.push_back(nullptr);
  pid_t pid = -1;
  const int rc =
      posix_spawn(&pid, args[0], &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    ADD_FAILURE() << "posix_spawn " << argv[0] << ": " << strerror(rc);
    return -1;
  }
  return pid;
}

// waitpid for `pid`; returns the raw wait status.
inline int ReapProcess(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

// One factcheckd process (started again after a stop if asked). Killed
// (SIGKILL) on destruction if it still runs, so that a failing test leaves
// no process behind.
class FactcheckdProcess {
 public:
  FactcheckdProcess(const TempDir& dir, std::string name)
      : dir_(dir), name_(std::move(name)) {}
  ~FactcheckdProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      ReapProcess(pid_);
    }
  }
  FactcheckdProcess(const FactcheckdProcess&) = delete;
  FactcheckdProcess& operator=(const FactcheckdProcess&) = delete;

  // Starts `factcheckd` with `flags` (which name --listen=127.0.0.1:PORT),
  // waits for its "listening on" line and until each of `health_names`
  // reports SERVING.
  void Start(const std::string& factcheckd,
             const std::vector<std::string>& flags,
             const std::vector<std::string>& health_names) {
    ASSERT_LT(pid_, 0) << name_ << " already running";
    err_path_ = dir_.Sub(absl::StrCat(name_, "-", ++starts_, ".err"));
    std::vector<std::string> argv = {factcheckd};
    argv.insert(argv.end(), flags.begin(), flags.end());
    pid_ = SpawnProcess(argv, dir_.Sub(name_ + ".out"), err_path_);
    ASSERT_GT(pid_, 0);
    static const std::regex kListening(
        R"(factcheckd listening on 127\.0\.0\.1:(\d+) )");
    const absl::Time deadline = absl::Now() + kProcessStartTimeout;
    std::smatch match;
    std::string log;
    while (true) {
      log = ReadFileOrEmpty(err_path_);
      if (std::regex_search(log, match, kListening)) break;
      int status = 0;
      ASSERT_EQ(waitpid(pid_, &status, WNOHANG), 0)
          << name_ << " exited early:\n"
          << log;
      ASSERT_LT(absl::Now(), deadline) << name_ << ": no startup line:\n"
                                       << log;
      absl::SleepFor(absl::Milliseconds(20));
    }
    port_ = std::stoi(match[1]);
    auto channel =
        grpc::CreateChannel(address(), grpc::InsecureChannelCredentials());
    for (const std::string& name : health_names) {
      FC_ASSERT_OK(common::WaitForServing(channel, name, kProcessStartTimeout));
    }
  }

  // Sends `signal`, reaps, and returns the wait status.
  int Stop(int signal) {
    kill(pid_, signal);
    const int status = ReapProcess(pid_);
    pid_ = -1;
    return status;
  }

  // Whether the process still runs (has not exited or crashed); reaps it
  // when it has.
  bool Running() {
    int status = 0;
    if (pid_ > 0 && waitpid(pid_, &status, WNOHANG) != 0) pid_ = -1;
    return pid_ > 0;
  }

  int port() const { return port_; }
  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }
  std::string log() const { return ReadFileOrEmpty(err_path_); }

 private:
  const TempDir& dir_;
  const std::string name_;
  std::string err_path_;
  pid_t pid_ = -1;
  int port_ = 0;
  int starts_ = 0;
};

}  // namespace factcheck::testing

#endif  // FACTCHECK_TESTS_E2E_E2E_PROCESS_H_
