// AdminCore::CreateCheckpoint on a real RocksDB store in a temp folder:
// names (valid, invalid, default), the folder it writes into, and the
// errors for taken names, a missing folder and an in-memory store.

#include "services/admin/admin_core.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/in_memory_statement_store.h"
#include "storage/rocksdb_statement_store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace factcheck::admin {
namespace {

using ::factcheck::testing::IsOk;
using ::factcheck::testing::StatusIs;
using ::testing::HasSubstr;

TEST(CheckpointNameTest, AcceptsFolderNames) {
  for (const std::string& name :
       {std::string("b1"), std::string("nightly-2026-11-29"),
        std::string("20261129T153000Z"), std::string("a.b_c-d"),
        std::string("x..y"), std::string("tmp"), std::string("a.tmpx"),
        std::string(64, 'a')}) {
    EXPECT_THAT(CheckCheckpointName("name", name), IsOk()) << name;
  }
}

TEST(CheckpointNameTest, RefusesNamesThatAreNotOneSafeFolder) {
  const std::string too_long(65, 'a');
  for (const std::string& name :
       {std::string(), too_long, std::string("."), std::string(".."),
        std::string(".hidden"), std::string("../escape"), std::string("a/b"),
        std::string("/abs"), std::string("with space"), std::string("tab\t"),
        std::string("nul\0x", 5), std::string("b1.tmp"),
        std::string("caf\xc3\xa9")}) {
    EXPECT_THAT(CheckCheckpointName("name", name),
                StatusIs(absl::StatusCode::kInvalidArgument, "name"))
        << name;
  }
  EXPECT_THAT(CheckCheckpointName("name", "b1.tmp"),
              StatusIs(absl::StatusCode::kInvalidArgument, ".tmp"));
  EXPECT_THAT(CheckCheckpointName("name", ".x"),
              StatusIs(absl::StatusCode::kInvalidArgument, "start with '.'"));
}

TEST(CheckpointNameTest, DefaultIsUtcToTheSecond) {
  const absl::Time time = absl::FromCivil(
      absl::CivilSecond(2026, 11, 29, 15, 30, 0), absl::UTCTimeZone());
  EXPECT_EQ(DefaultCheckpointName(time + absl::Milliseconds(999)),
            "20261129T153000Z");
  EXPECT_THAT(CheckCheckpointName("name", DefaultCheckpointName(time)), IsOk());
}

class AdminCoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::RocksDbStatementStore::Options options;
    options.path = dir_.Sub("data");
    FC_ASSERT_OK_AND_ASSIGN(store_,
                            storage::RocksDbStatementStore::Open(options));
  }

  AdminOptions Options() {
    AdminOptions options;
    // Nested and missing: the first checkpoint creates it.
    options.checkpoint_dir = dir_.Sub("backups/checkpoints");
    options.clock = [this] { return now_; };
    return options;
  }

  static v1::CreateCheckpointRequest Named(const std::string& name) {
    v1::CreateCheckpointRequest request;
    request.set_name(name);
    return request;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::RocksDbStatementStore> store_;
  absl::Time now_ = absl::FromUnixSeconds(1'795'966'200);  // 2026-11-29
};

TEST_F(AdminCoreTest, WritesIntoTheCheckpointFolder) {
  AdminCore core(store_.get(), Options());
  FC_ASSERT_OK_AND_ASSIGN(v1::Checkpoint checkpoint,
                          core.CreateCheckpoint(Named("b1")));
  const std::filesystem::path expected =
      std::filesystem::absolute(dir_.Sub("backups/checkpoints/b1"));
  EXPECT_EQ(checkpoint.name(), "b1");
  EXPECT_EQ(checkpoint.path(), expected.string());
  EXPECT_TRUE(std::filesystem::exists(expected / "CURRENT"));
  EXPECT_EQ(checkpoint.article_count(), 0u);
  EXPECT_GT(checkpoint.size_bytes(), 0u);
  EXPECT_EQ(checkpoint.created_at().seconds(), absl::ToUnixSeconds(now_));
}

TEST_F(AdminCoreTest, DefaultNameIsTheClockInUtc) {
  AdminCore core(store_.get(), Options());
  FC_ASSERT_OK_AND_ASSIGN(v1::Checkpoint checkpoint,
                          core.CreateCheckpoint(v1::CreateCheckpointRequest()));
  EXPECT_EQ(checkpoint.name(), DefaultCheckpointName(now_));
  EXPECT_TRUE(std::filesystem::exists(
      dir_.Sub("backups/checkpoints/" + DefaultCheckpointName(now_))));
  // Same second, same name: refused rather than overwritten.
  EXPECT_THAT(core.CreateCheckpoint(v1::CreateCheckpointRequest()),
              StatusIs(absl::StatusCode::kAlreadyExists, "choose another"));
}

TEST_F(AdminCoreTest, TakenNameIsAlreadyExists) {
  AdminCore core(store_.get(), Options());
  FC_ASSERT_OK(core.CreateCheckpoint(Named("b1")));
  EXPECT_THAT(core.CreateCheckpoint(Named("b1")),
              StatusIs(absl::StatusCode::kAlreadyExists, "\"b1\""));
}

TEST_F(AdminCoreTest, BadNameTouchesNothing) {
  AdminCore core(store_.get(), Options());
  EXPECT_THAT(core.CreateCheckpoint(Named("../data")),
              StatusIs(absl::StatusCode::kInvalidArgument, "name"));
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("backups")));
}

TEST_F(AdminCoreTest, NoFolderIsFailedPrecondition) {
  AdminOptions options = Options();
  options.checkpoint_dir.clear();
  AdminCore core(store_.get(), options);
  EXPECT_THAT(core.CreateCheckpoint(Named("b1")),
              StatusIs(absl::StatusCode::kFailedPrecondition, "in memory"));
}

TEST_F(AdminCoreTest, FolderThatCannotBeCreatedIsUnavailable) {
  // A file where the folder should be.
  std::filesystem::create_directories(dir_.Sub("backups"));
  { std::ofstream(dir_.Sub("backups/checkpoints")) << "not a folder"; }
  AdminCore core(store_.get(), Options());
  EXPECT_THAT(core.CreateCheckpoint(Named("b1")),
              StatusIs(absl::StatusCode::kUnavailable, "checkpoint folder"));
}

TEST(AdminCoreInMemoryTest, InMemoryStoreIsFailedPrecondition) {
  testing::TempDir dir;
  storage::InMemoryStatementStore store;
  AdminOptions options;
  options.checkpoint_dir = dir.Sub("checkpoints");
  AdminCore core(&store, options);
  v1::CreateCheckpointRequest request;
  request.set_name("b1");
  EXPECT_THAT(core.CreateCheckpoint(request),
              StatusIs(absl::StatusCode::kFailedPrecondition, "in memory"));
}

}  // namespace
}  // namespace factcheck::admin
