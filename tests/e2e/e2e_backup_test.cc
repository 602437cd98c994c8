// End to end, backup and restore with the real binaries: a factcheckd with
// --checkpoint_dir, an article ingested with the CLI, `factcheck admin
// checkpoint --name b1` while it serves (a write token needed), another
// article after the checkpoint; then SIGTERM, and a second factcheckd on
// --data_dir=<checkpoint_dir>/b1 (the restore) serves the first article,
// not the later one, and verifies claims against it.

#include <signal.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/health_client.h"
#include "tests/e2e/e2e_process.h"
#include "tests/testing/files.h"
#include "tests/testing/sample_texts.h"
#include "tests/testing/temp_dir.h"

namespace factcheck {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kAdminHealthName[] = "factcheck.v1.AdminService";
constexpr char kWriterToken[] = "e2e-backup-writer";
constexpr char kReaderToken[] = "e2e-backup-reader";

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class BackupRestoreTest : public ::testing::Test {
 protected:
  // Runs the CLI against `daemon` with `token` and returns its exit code
  // and output.
  CliResult Cli(const testing::FactcheckdProcess& daemon,
                const std::vector<std::string>& args,
                const std::string& token = kWriterToken) {
    std::vector<std::string> argv = {
        FACTCHECK_CLI_PATH, "--server=" + daemon.address(), "--token=" + token};
    argv.insert(argv.end(), args.begin(), args.end());
    const std::string out = dir_.Sub("cli.out");
    const std::string err = dir_.Sub("cli.err");
    std::remove(out.c_str());
    std::remove(err.c_str());
    CliResult result;
    const pid_t pid = testing::SpawnProcess(argv, out, err);
    if (pid < 0) return result;
    const int status = testing::ReapProcess(pid);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = testing::ReadFileOrEmpty(out);
    result.err = testing::ReadFileOrEmpty(err);
    return result;
  }

  void Ingest(const testing::FactcheckdProcess& daemon, const std::string& id,
              const std::string& body) {
    const std::string path = dir_.Sub(id + ".txt");
    std::ofstream(path) << body;
    CliResult ingest = Cli(daemon, {"ingest", "--id", id, path});
    ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
    EXPECT_THAT(ingest.out, HasSubstr("ingested: " + id));
  }

  testing::TempDir dir_;
  const std::string tokens_ = dir_.Sub("tokens.txt");
  const std::string checkpoints_ = dir_.Sub("checkpoints");
};

TEST_F(BackupRestoreTest, CheckpointOfALiveServerRestoresWithDataDir) {
  std::ofstream(tokens_) << kWriterToken << " write\n"
                         << kReaderToken << " read\n";
  testing::FactcheckdProcess live(dir_, "live");
  ASSERT_NO_FATAL_FAILURE(
      live.Start(FACTCHECKD_PATH,
                 {"--listen=127.0.0.1:0", "--data_dir=" + dir_.Sub("data"),
                  "--checkpoint_dir=" + checkpoints_, "--services=claims",
                  "--auth_tokens_file=" + tokens_},
                 {"", common::kClaimsHealthName, kAdminHealthName}));
  ASSERT_NO_FATAL_FAILURE(Ingest(live, "e2e-article", testing::kArticleBody));

  // A reader may not make backups.
  CliResult refused =
      Cli(live, {"admin", "checkpoint", "--name", "b1"}, kReaderToken);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("PERMISSION_DENIED"));

  CliResult backup = Cli(live, {"admin", "checkpoint", "--name", "b1"});
  ASSERT_EQ(backup.exit_code, 0) << backup.err << live.log();
  const std::string b1 =
      (std::filesystem::absolute(checkpoints_) / "b1").string();
  EXPECT_THAT(backup.out, HasSubstr("checkpoint: b1\n"));
  EXPECT_THAT(backup.out, HasSubstr("path:       " + b1 + "\n"));
  EXPECT_THAT(backup.out, HasSubstr("articles:   1\n"));
  EXPECT_THAT(live.log(), HasSubstr("\"rpc\":\"CreateCheckpoint\""));

  // The server kept serving: a write after the checkpoint.
  ASSERT_NO_FATAL_FAILURE(
      Ingest(live, "after-backup", "The council met on Tuesday."));
  const int stopped = live.Stop(SIGTERM);
  ASSERT_TRUE(WIFEXITED(stopped) && WEXITSTATUS(stopped) == 0) << live.log();

  // Restore: a factcheckd (both services) on the checkpoint folder.
  testing::FactcheckdProcess restored(dir_, "restored");
  ASSERT_NO_FATAL_FAILURE(restored.Start(
      FACTCHECKD_PATH,
      {"--listen=127.0.0.1:0", "--data_dir=" + b1,
       "--checkpoint_dir=" + dir_.Sub("restored-checkpoints"),
       "--auth_tokens_file=" + tokens_},
      {"", common::kClaimsHealthName, common::kVerifierHealthName}));
  CliResult get =
      Cli(restored, {"articles", "get", "--no-body", "e2e-article"});
  ASSERT_EQ(get.exit_code, 0) << get.err;
  EXPECT_THAT(get.out, HasSubstr("id:         e2e-article"));
  CliResult later = Cli(restored, {"articles", "get", "after-backup"});
  EXPECT_EQ(later.exit_code, 1);
  EXPECT_THAT(later.err, HasSubstr("NOT_FOUND"));
  CliResult verify =
      Cli(restored, {"verify", "--article", "e2e-article",
                     "Washington imposed 25% tariffs on Indian exports."});
  ASSERT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_THAT(verify.out, StartsWith("CONTRADICTED"));
  // The restored store takes writes like any other.
  ASSERT_NO_FATAL_FAILURE(
      Ingest(restored, "after-restore", "The mayor spoke on Friday."));
  const int restored_stop = restored.Stop(SIGTERM);
  EXPECT_TRUE(WIFEXITED(restored_stop) && WEXITSTATUS(restored_stop) == 0)
      << restored.log();
}

}  // namespace
}  // namespace factcheck
