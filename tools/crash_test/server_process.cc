#include "tools/crash_test/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/status_macros.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "services/common/health_client.h"

extern char** environ;

namespace factcheck::crash_test {
namespace {

int Reap(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

std::string ReadFileOrEmpty(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

ServerProcess::ServerProcess(std::string binary, std::vector<std::string> flags,
                             std::string log_prefix)
    : binary_(std::move(binary)),
      flags_(std::move(flags)),
      log_prefix_(std::move(log_prefix)) {}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Stop(SIGKILL);
}

absl::Status ServerProcess::Start(absl::Duration timeout) {
  if (pid_ > 0) return absl::FailedPreconditionError("factcheckd already runs");
  log_path_ = absl::StrCat(log_prefix_, "-", ++starts_, ".err");
  std::vector<std::string> argv = {binary_, "--listen=127.0.0.1:0"};
  argv.insert(argv.end(), flags_.begin(), flags_.end());
  std::vector<char*> args;
  for (std::string& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null",
                                   O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null",
                                   O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path_.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int rc =
      posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    pid_ = -1;
    return absl::InternalError(
        absl::StrCat("cannot start ", binary_, ": ", strerror(rc)));
  }

  // The port is only known from the startup line.
  static const std::regex kListening(
      R"(factcheckd listening on (127\.0\.0\.1:\d+) )");
  const absl::Time deadline = absl::Now() + timeout;
  std::smatch match;
  while (true) {
    const std::string log = ReadFileOrEmpty(log_path_);
    if (std::regex_search(log, match, kListening)) break;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) != 0) {
      pid_ = -1;
      return absl::InternalError(
          absl::StrCat("factcheckd exited during start-up:\n", log));
    }
    if (absl::Now() > deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat("no listening line from factcheckd:\n", log));
    }
    absl::SleepFor(absl::Milliseconds(5));
  }
  address_ = match[1];
  const auto channel =
      grpc::CreateChannel(address_, grpc::InsecureChannelCredentials());
  return common::WaitForServing(
      channel, common::kClaimsHealthName,
      std::max(deadline - absl::Now(), absl::ZeroDuration()));
}

int ServerProcess::Stop(int signal) {
  kill(pid_, signal);
  const int status = Reap(pid_);
  pid_ = -1;
  return status;
}

std::string ServerProcess::log() const { return ReadFileOrEmpty(log_path_); }

}  // namespace factcheck::crash_test
