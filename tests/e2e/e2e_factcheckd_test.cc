// End to end: the real factcheckd and the factcheck CLI as processes.
// Ingest, verify (supported / contradicted / unsupported), kill -9, restart
// on the same data directory, find the article again, then SIGTERM -> exit 0.
// Start-up failures (bad options, missing or corrupt verdict model) exit 1
// with one line that names the cause, before the data directory is touched.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "services/common/health_client.h"
#include "services/verifier/model_pair_scorer.h"
#include "tests/e2e/e2e_process.h"
#include "tests/testing/files.h"
#include "tests/testing/sample_texts.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace factcheck {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr absl::Duration kStartTimeout = testing::kProcessStartTimeout;
using testing::ReapProcess;
using testing::SpawnProcess;

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs factcheckd with `flags`, expecting it to exit by itself (a start-up
// failure). A factcheckd that is still running after kStartTimeout is
// killed and fails the test, so that a wrongly started server cannot hang
// the suite. exit_code is -1 when it did not exit normally.
CliResult RunFactcheckdToExit(const testing::TempDir& dir,
                              const std::vector<std::string>& flags) {
  std::vector<std::string> argv = {FACTCHECKD_PATH, "--listen=127.0.0.1:0",
                                   "--data_dir=" + dir.Sub("data")};
  argv.insert(argv.end(), flags.begin(), flags.end());
  const std::string out = dir.Sub("factcheckd.out");
  const std::string err = dir.Sub("factcheckd.err");
  std::remove(err.c_str());
  CliResult result;
  const pid_t pid = SpawnProcess(argv, out, err);
  if (pid < 0) return result;
  const absl::Time deadline = absl::Now() + kStartTimeout;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (absl::Now() > deadline) {
      kill(pid, SIGKILL);
      status = ReapProcess(pid);
      ADD_FAILURE() << "factcheckd did not exit:\n"
                    << testing::ReadFileOrEmpty(err);
      break;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = testing::ReadFileOrEmpty(out);
  result.err = testing::ReadFileOrEmpty(err);
  return result;
}

// A factcheckd process on a free port. Killed (SIGKILL) on destruction if
// it still runs, so that a failing test leaves no process behind.
class Daemon {
 public:
  Daemon(const testing::TempDir& dir, std::string data_dir)
      : dir_(dir), data_dir_(std::move(data_dir)) {}
  ~Daemon() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      ReapProcess(pid_);
    }
  }

  // Starts factcheckd with `extra_flags` and waits until it prints its port
  // and every service reports SERVING.
  void Start(const std::vector<std::string>& extra_flags = {}) {
    ASSERT_LT(pid_, 0) << "already running";
    err_path_ = dir_.Sub(absl::StrCat("factcheckd-", ++starts_, ".err"));
    std::vector<std::string> argv = {FACTCHECKD_PATH, "--listen=127.0.0.1:0",
                                     "--data_dir=" + data_dir_};
    argv.insert(argv.end(), extra_flags.begin(), extra_flags.end());
    pid_ = SpawnProcess(argv, dir_.Sub("factcheckd.out"), err_path_);
    ASSERT_GT(pid_, 0);
    // The port comes on the startup line; poll the log briefly for it.
    static const std::regex kListening(
        R"(factcheckd listening on 127\.0\.0\.1:(\d+) )");
    const absl::Time deadline = absl::Now() + kStartTimeout;
    std::smatch match;
    std::string log;
    while (true) {
      log = testing::ReadFileOrEmpty(err_path_);
      if (std::regex_search(log, match, kListening)) break;
      int status = 0;
      ASSERT_EQ(waitpid(pid_, &status, WNOHANG), 0)
          << "factcheckd exited early:\n"
          << log;
      ASSERT_LT(absl::Now(), deadline) << "no startup line:\n" << log;
      absl::SleepFor(absl::Milliseconds(20));
    }
    port_ = std::stoi(match[1]);
    auto channel =
        grpc::CreateChannel(address(), grpc::InsecureChannelCredentials());
    for (const char* name :
         {"", common::kClaimsHealthName, common::kVerifierHealthName}) {
      FC_ASSERT_OK(common::WaitForServing(channel, name, kStartTimeout));
    }
  }

  // Sends `signal` and leaves the process running (e.g. SIGHUP).
  void Signal(int signal) { kill(pid_, signal); }

  // Sends `signal` and returns the wait status.
  int Stop(int signal) {
    kill(pid_, signal);
    int status = ReapProcess(pid_);
    pid_ = -1;
    return status;
  }

  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }
  std::string log() const { return testing::ReadFileOrEmpty(err_path_); }

 private:
  const testing::TempDir& dir_;
  std::string data_dir_;
  std::string err_path_;
  pid_t pid_ = -1;
  int port_ = 0;
  int starts_ = 0;
};

class EndToEndTest : public ::testing::Test {
 protected:
  // Runs the CLI against the daemon and returns its exit code and output.
  CliResult Cli(std::vector<std::string> args,
                const std::vector<std::string>& env = {},
                bool with_server_flag = true) {
    std::vector<std::string> argv = {FACTCHECK_CLI_PATH};
    if (with_server_flag) argv.push_back("--server=" + daemon_.address());
    argv.insert(argv.end(), args.begin(), args.end());
    const std::string out = dir_.Sub("cli.out");
    const std::string err = dir_.Sub("cli.err");
    std::remove(err.c_str());
    CliResult result;
    pid_t pid = SpawnProcess(argv, out, err, env);
    if (pid < 0) return result;
    int status = ReapProcess(pid);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = testing::ReadFileOrEmpty(out);
    result.err = testing::ReadFileOrEmpty(err);
    return result;
  }

  // Ingests the test article as "e2e-article".
  void IngestTestArticle() {
    const std::string article_path = dir_.Sub("article.txt");
    std::ofstream(article_path) << testing::kArticleBody;
    CliResult ingest =
        Cli({"ingest", "--id", "e2e-article", "--title", "Modi and Xi meet",
             "--publisher", "E2E News", "--published", "2025-08-31T12:00:00Z",
             article_path});
    ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
    EXPECT_THAT(ingest.out, HasSubstr("ingested: e2e-article"));
  }

  // Verifies `claim` against the test article; expects exit 0 and returns
  // stdout.
  std::string Verify(const std::string& claim) {
    CliResult result = Cli({"verify", "--article", "e2e-article", claim});
    EXPECT_EQ(result.exit_code, 0) << claim << "\n" << result.err;
    return result.out;
  }

  testing::TempDir dir_;
  Daemon daemon_{dir_, dir_.Sub("data")};
};

TEST_F(EndToEndTest, IngestVerifyCrashRestartAndGracefulStop) {
  ASSERT_NO_FATAL_FAILURE(daemon_.Start());
  // Started on the committed model with its stored thresholds.
  EXPECT_THAT(daemon_.log(),
              HasSubstr(" model=" + verifier::DefaultModelPath() +
                        " support_threshold="));

  // The env variable is the CLI's default server.
  CliResult health =
      Cli({"health"}, {"FACTCHECK_SERVER=" + daemon_.address()}, false);
  EXPECT_EQ(health.exit_code, 0) << health.err;
  EXPECT_THAT(health.out, HasSubstr("factcheck.v1.VerifierService: SERVING"));

  ASSERT_NO_FATAL_FAILURE(IngestTestArticle());

  EXPECT_THAT(Verify("Washington imposed 50% tariffs on Indian exports."),
              ::testing::StartsWith("SUPPORTED"));
  const std::string contradicted =
      Verify("Washington imposed 25% tariffs on Indian exports.");
  EXPECT_THAT(contradicted, ::testing::StartsWith("CONTRADICTED"));
  EXPECT_THAT(contradicted, HasSubstr("50%"));
  EXPECT_THAT(Verify("Joe Biden attended the summit."),
              ::testing::StartsWith("UNSUPPORTED"));

  CliResult missing = Cli({"articles", "get", "no-such-article"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("error: NOT_FOUND: "));

  // kill -9: an acknowledged ingest must survive.
  const int killed = daemon_.Stop(SIGKILL);
  EXPECT_TRUE(WIFSIGNALED(killed) && WTERMSIG(killed) == SIGKILL);
  ASSERT_NO_FATAL_FAILURE(daemon_.Start());

  CliResult get = Cli({"articles", "get", "e2e-article"});
  ASSERT_EQ(get.exit_code, 0) << get.err;
  EXPECT_THAT(get.out, HasSubstr("steep 50% tariffs on Indian exports"));
  EXPECT_THAT(get.out, HasSubstr("publisher:  E2E News"));
  CliResult json = Cli({"--json", "articles", "list"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"id\": \"e2e-article\""));
  EXPECT_THAT(Verify("Washington imposed 25% tariffs on Indian exports."),
              ::testing::StartsWith("CONTRADICTED"));

  // SIGTERM: drain, flush, exit 0.
  const int stopped = daemon_.Stop(SIGTERM);
  ASSERT_TRUE(WIFEXITED(stopped)) << daemon_.log();
  EXPECT_EQ(WEXITSTATUS(stopped), 0) << daemon_.log();
  EXPECT_THAT(daemon_.log(), HasSubstr("\"rpc\":\"Verify\""));
}

TEST_F(EndToEndTest, ThresholdFlagsReachTheVerifier) {
  // Thresholds no model probability reaches: the claim that is SUPPORTED
  // on the stored thresholds (the test above) is left UNSUPPORTED. The
  // changed figure stays CONTRADICTED: a typed mismatch on an otherwise
  // aligned statement gives P(contradicted) = 1 whatever the model says.
  ASSERT_NO_FATAL_FAILURE(
      daemon_.Start({"--support_threshold=1", "--contradict_threshold=1"}));
  EXPECT_THAT(daemon_.log(),
              HasSubstr(" support_threshold=1 contradict_threshold=1"));
  ASSERT_NO_FATAL_FAILURE(IngestTestArticle());
  EXPECT_THAT(Verify("Washington imposed 50% tariffs on Indian exports."),
              ::testing::StartsWith("UNSUPPORTED"));
  EXPECT_THAT(Verify("Washington imposed 25% tariffs on Indian exports."),
              ::testing::StartsWith("CONTRADICTED (confidence 1.00)"));
}

TEST(EndToEndStartTest, BadOptionsExitNonZeroWithAMessage) {
  testing::TempDir dir;
  CliResult result = RunFactcheckdToExit(dir, {"--services=verifier"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("INVALID_ARGUMENT"));
}

TEST(EndToEndStartTest, ThresholdOutsideZeroToOneIsRejected) {
  testing::TempDir dir;
  CliResult result = RunFactcheckdToExit(dir, {"--support_threshold=1.5"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("INVALID_ARGUMENT: support_threshold: "
                                    "1.5 is not a probability"));
}

// A model that cannot be loaded: exit 1 with one line that names the file
// and the fix, before the data directory is created or the port opened.
void ExpectModelRejected(const testing::TempDir& dir,
                         const std::string& model_path,
                         const std::string& cause) {
  CliResult result = RunFactcheckdToExit(dir, {"--model=" + model_path});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_THAT(result.err, HasSubstr("factcheckd: cannot start: "));
  EXPECT_THAT(result.err, HasSubstr("cannot load the verdict model"));
  EXPECT_THAT(result.err, HasSubstr(model_path));
  EXPECT_THAT(result.err, HasSubstr(cause));
  EXPECT_THAT(result.err, HasSubstr("set --model to the model file"));
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1)
      << result.err;
  EXPECT_THAT(result.err, Not(HasSubstr("listening")));
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("data")));
}

TEST(EndToEndStartTest, MissingModelExitsNamingThePath) {
  testing::TempDir dir;
  ExpectModelRejected(dir, "/nonexistent/verdict_model.txt",
                      "NOT_FOUND: cannot load the verdict model: no model "
                      "file at /nonexistent/verdict_model.txt");
}

TEST(EndToEndStartTest, GarbageModelFileIsRejected) {
  testing::TempDir dir;
  const std::string path = dir.Sub("garbage.txt");
  std::ofstream(path) << "GIF89a\x01\x02 not a model\n";
  ExpectModelRejected(dir, path, "INVALID_ARGUMENT");
}

TEST(EndToEndStartTest, ModelWithWrongChecksumIsRejected) {
  // The committed model with one leaf value changed: the header and every
  // record still parse, only the checksum tells.
  std::string text = testing::ReadFileOrEmpty(verifier::DefaultModelPath());
  ASSERT_THAT(text, ::testing::StartsWith("factcheck-gbt 1\n"));
  const size_t leaf = text.rfind("-1 0 -1 -1 0 ");
  ASSERT_NE(leaf, std::string::npos);
  const size_t digit = text.find_first_of("123456789", leaf + 13);
  ASSERT_NE(digit, std::string::npos);
  text[digit] = text[digit] == '9' ? '8' : text[digit] + 1;
  testing::TempDir dir;
  const std::string path = dir.Sub("tampered_model.txt");
  std::ofstream(path) << text;
  ExpectModelRejected(dir, path, "checksum mismatch");
}

TEST(EndToEndStartTest, TruncatedModelIsRejected) {
  const std::string text =
      testing::ReadFileOrEmpty(verifier::DefaultModelPath());
  ASSERT_FALSE(text.empty());
  testing::TempDir dir;
  const std::string path = dir.Sub("truncated_model.txt");
  std::ofstream(path) << text.substr(0, text.size() / 2);
  ExpectModelRejected(dir, path, "truncated model");
}

// --- Admission: bearer tokens, SIGHUP reload, start-up errors. ---

// Polls the daemon's log until it contains `needle` (a line written after
// a signal); false after kStartTimeout.
bool WaitForLog(const Daemon& daemon, const std::string& needle) {
  const absl::Time deadline = absl::Now() + kStartTimeout;
  while (daemon.log().find(needle) == std::string::npos) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return true;
}

TEST_F(EndToEndTest, TokensAreCheckedAndReloadedOnSighup) {
  const std::string tokens = dir_.Sub("tokens.txt");
  std::ofstream(tokens) << "# e2e\ne2e-writer-token write\n";
  ASSERT_NO_FATAL_FAILURE(daemon_.Start({"--auth_tokens_file=" + tokens}));
  EXPECT_THAT(daemon_.log(), HasSubstr("auth=1 token(s)"));

  CliResult anonymous = Cli({"articles", "list"});
  EXPECT_EQ(anonymous.exit_code, 1);
  EXPECT_THAT(anonymous.err, HasSubstr("UNAUTHENTICATED"));
  EXPECT_EQ(Cli({"health"}).exit_code, 0);  // Probes need no token.
  CliResult with_flag = Cli({"--token=e2e-writer-token", "articles", "list"});
  EXPECT_EQ(with_flag.exit_code, 0) << with_flag.err;
  CliResult with_env =
      Cli({"articles", "list"}, {"FACTCHECK_TOKEN=e2e-writer-token"});
  EXPECT_EQ(with_env.exit_code, 0) << with_env.err;

  // Rotate: the old token stops working, the new one is read-only.
  std::ofstream(tokens) << "e2e-reader-token read\n";
  daemon_.Signal(SIGHUP);
  ASSERT_TRUE(WaitForLog(daemon_, "SIGHUP: reloaded 1 auth token(s)"))
      << daemon_.log();
  CliResult old_token = Cli({"--token=e2e-writer-token", "articles", "list"});
  EXPECT_THAT(old_token.err, HasSubstr("UNAUTHENTICATED"));
  EXPECT_EQ(Cli({"--token=e2e-reader-token", "articles", "list"}).exit_code, 0);
  CliResult write =
      Cli({"--token=e2e-reader-token", "articles", "delete", "some-article"});
  EXPECT_EQ(write.exit_code, 1);
  EXPECT_THAT(write.err, HasSubstr("PERMISSION_DENIED"));

  // A broken file is refused with one line; the tokens in force stay.
  std::ofstream(tokens) << "e2e-secret-token\n";
  daemon_.Signal(SIGHUP);
  ASSERT_TRUE(WaitForLog(daemon_, "tokens not reloaded")) << daemon_.log();
  EXPECT_THAT(daemon_.log(), HasSubstr("tokens.txt line 1: "));
  EXPECT_THAT(daemon_.log(), Not(HasSubstr("e2e-secret-token")));
  EXPECT_EQ(Cli({"--token=e2e-reader-token", "articles", "list"}).exit_code, 0);

  const int stopped = daemon_.Stop(SIGTERM);
  ASSERT_TRUE(WIFEXITED(stopped)) << daemon_.log();
  EXPECT_EQ(WEXITSTATUS(stopped), 0) << daemon_.log();
}

TEST(EndToEndStartTest, BadTokenOrTlsFileExitsWithOneLine) {
  testing::TempDir dir;
  const std::string tokens = dir.Sub("tokens.txt");
  std::ofstream(tokens) << "ok-token read\nsecret-token-value rw\n";
  CliResult bad_tokens =
      RunFactcheckdToExit(dir, {"--auth_tokens_file=" + tokens});
  EXPECT_EQ(bad_tokens.exit_code, 1);
  EXPECT_THAT(bad_tokens.err, HasSubstr("factcheckd: cannot start: "));
  EXPECT_THAT(bad_tokens.err, HasSubstr("tokens.txt line 2: "));
  EXPECT_THAT(bad_tokens.err, Not(HasSubstr("secret-token-value")));
  EXPECT_EQ(std::count(bad_tokens.err.begin(), bad_tokens.err.end(), '\n'), 1)
      << bad_tokens.err;
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("data")));

  CliResult bad_tls = RunFactcheckdToExit(
      dir, {"--tls_cert=/nonexistent/cert.pem", "--tls_key=/nonexistent/k"});
  EXPECT_EQ(bad_tls.exit_code, 1);
  EXPECT_THAT(bad_tls.err,
              HasSubstr("tls_cert: cannot read /nonexistent/cert.pem"));
  EXPECT_EQ(std::count(bad_tls.err.begin(), bad_tls.err.end(), '\n'), 1)
      << bad_tls.err;
}

}  // namespace
}  // namespace factcheck
