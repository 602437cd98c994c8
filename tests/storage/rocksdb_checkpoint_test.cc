// RocksDbStatementStore::CreateCheckpoint: a checkpoint made while the store
// serves holds exactly the writes before it, opens as a store of its own
// (schema version included), hard-links the table files, and refuses an
// existing directory. The in-memory store has nothing to checkpoint.

#include <sys/stat.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "storage/in_memory_statement_store.h"
#include "storage/key_codec.h"
#include "storage/rocksdb_statement_store.h"
#include "tests/storage/store_test_util.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace factcheck::storage {
namespace {

using ::factcheck::storage::contract::Ids;
using ::factcheck::storage::contract::MakeArticle;
using ::factcheck::storage::contract::MakeStatement;
using ::factcheck::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

RocksDbStatementStore::Options OptionsFor(const std::string& path) {
  RocksDbStatementStore::Options options;
  options.path = path;
  return options;
}

// Opens an existing database only: a checkpoint must not need creating.
absl::StatusOr<std::unique_ptr<RocksDbStatementStore>> OpenExisting(
    const std::string& path) {
  RocksDbStatementStore::Options options = OptionsFor(path);
  options.create_if_missing = false;
  return RocksDbStatementStore::Open(options);
}

// The two articles every test starts with: 3 statements in all.
void PutFirstArticles(StatementStore& store) {
  FC_ASSERT_OK(store.PutArticle(
      MakeArticle("a1"),
      {MakeStatement("Modi met Xi.", {"modi", "meet", "xi"}, {"modi"}),
       MakeStatement("Tariffs rose.", {"tariff", "rise"})}));
  FC_ASSERT_OK(
      store.PutArticle(MakeArticle("a2"), {MakeStatement("Xi.", {"xi"})}));
}

TEST(RocksDbCheckpointTest, HoldsExactlyTheWritesBeforeIt) {
  testing::TempDir dir;
  FC_ASSERT_OK_AND_ASSIGN(
      auto store, RocksDbStatementStore::Open(OptionsFor(dir.Sub("db"))));
  ASSERT_NO_FATAL_FAILURE(PutFirstArticles(*store));

  const std::string path = dir.Sub("cp1");
  FC_ASSERT_OK_AND_ASSIGN(CheckpointInfo info, store->CreateCheckpoint(path));
  EXPECT_EQ(info.path, path);
  EXPECT_EQ(info.article_count, 2u);
  EXPECT_EQ(info.statement_count, 3u);
  EXPECT_GT(info.sequence, 0u);
  EXPECT_GT(info.size_bytes, 0u);

  // The live store goes on: a new article, a statement, a deletion.
  FC_ASSERT_OK(
      store->PutArticle(MakeArticle("a3"), {MakeStatement("Later.", {"xi"})}));
  FC_ASSERT_OK(store->AppendStatement("a1", MakeStatement("Added.", {"xi"})));
  FC_ASSERT_OK(store->DeleteArticle("a2"));

  // Opened while the live store stays open: an independent database.
  FC_ASSERT_OK_AND_ASSIGN(auto restored, OpenExisting(path));
  FC_ASSERT_OK_AND_ASSIGN(auto articles,
                          restored->ListArticles("", 10, ArticleQuery()));
  EXPECT_THAT(Ids(articles), ElementsAre("a1", "a2"));
  FC_ASSERT_OK_AND_ASSIGN(v1::Article a1, restored->GetArticle("a1"));
  EXPECT_EQ(a1.statement_count(), 2u);
  FC_ASSERT_OK_AND_ASSIGN(uint64_t article_count, restored->ArticleCount());
  FC_ASSERT_OK_AND_ASSIGN(uint64_t statement_count, restored->StatementCount());
  EXPECT_EQ(article_count, info.article_count);
  EXPECT_EQ(statement_count, info.statement_count);
  // The indexes came along: search and the speaker index.
  FC_ASSERT_OK_AND_ASSIGN(auto hits, restored->Search({"xi"}, {}, 10));
  EXPECT_THAT(Ids(hits), ElementsAre("a2:000000", "a1:000000"));
  FC_ASSERT_OK_AND_ASSIGN(auto modi,
                          restored->ListStatementsBySpeaker("modi", "", 10));
  EXPECT_THAT(Ids(modi), ElementsAre("a1:000000"));

  // And the live store has what came after.
  FC_ASSERT_OK_AND_ASSIGN(auto live,
                          store->ListArticles("", 10, ArticleQuery()));
  EXPECT_THAT(Ids(live), ElementsAre("a1", "a3"));
}

TEST(RocksDbCheckpointTest, SequenceNumberMovesOnlyWithWrites) {
  testing::TempDir dir;
  FC_ASSERT_OK_AND_ASSIGN(
      auto store, RocksDbStatementStore::Open(OptionsFor(dir.Sub("db"))));
  ASSERT_NO_FATAL_FAILURE(PutFirstArticles(*store));
  FC_ASSERT_OK_AND_ASSIGN(CheckpointInfo first,
                          store->CreateCheckpoint(dir.Sub("cp1")));
  FC_ASSERT_OK_AND_ASSIGN(CheckpointInfo again,
                          store->CreateCheckpoint(dir.Sub("cp2")));
  EXPECT_EQ(again.sequence, first.sequence);
  FC_ASSERT_OK(
      store->PutArticle(MakeArticle("a3"), {MakeStatement("Later.", {"xi"})}));
  FC_ASSERT_OK_AND_ASSIGN(CheckpointInfo later,
                          store->CreateCheckpoint(dir.Sub("cp3")));
  EXPECT_GT(later.sequence, first.sequence);
  EXPECT_EQ(later.article_count, 3u);
  EXPECT_EQ(later.statement_count, 4u);
}

TEST(RocksDbCheckpointTest, KeepsTheSchemaVersion) {
  testing::TempDir dir;
  const std::string path = dir.Sub("cp");
  {
    FC_ASSERT_OK_AND_ASSIGN(
        auto store, RocksDbStatementStore::Open(OptionsFor(dir.Sub("db"))));
    ASSERT_NO_FATAL_FAILURE(PutFirstArticles(*store));
    FC_ASSERT_OK(store->CreateCheckpoint(path));
  }
  // Read-only and raw: Open() would write a missing version itself.
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()},
      {std::string(FamilyName(Family::kMeta)), rocksdb::ColumnFamilyOptions()}};
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), path, families,
                                           &handles, &raw)
                  .ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  std::string version;
  ASSERT_TRUE(db->Get(rocksdb::ReadOptions(), handles[1],
                      std::string(kMetaSchemaVersion), &version)
                  .ok());
  EXPECT_EQ(DecodeInt64(version), kSchemaVersion);
  for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
}

TEST(RocksDbCheckpointTest, HardLinksTableFilesOnTheSameFilesystem) {
  testing::TempDir dir;
  FC_ASSERT_OK_AND_ASSIGN(
      auto store, RocksDbStatementStore::Open(OptionsFor(dir.Sub("db"))));
  ASSERT_NO_FATAL_FAILURE(PutFirstArticles(*store));
  const std::string path = dir.Sub("cp");
  FC_ASSERT_OK(store->CreateCheckpoint(path));
  int table_files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(path)) {
    if (entry.path().extension() != ".sst") continue;
    ++table_files;
    // Shared with the live store: the same inode, not a copy.
    EXPECT_GE(std::filesystem::hard_link_count(entry.path()), 2u)
        << entry.path();
    EXPECT_TRUE(std::filesystem::equivalent(
        entry.path(), dir.path() / "db" / entry.path().filename()))
        << entry.path();
  }
  // The flush wrote at least the articles' and the statements' families.
  EXPECT_GE(table_files, 2);
}

TEST(RocksDbCheckpointTest, ExistingDirectoryIsRefusedAndLeftAlone) {
  testing::TempDir dir;
  FC_ASSERT_OK_AND_ASSIGN(
      auto store, RocksDbStatementStore::Open(OptionsFor(dir.Sub("db"))));
  ASSERT_NO_FATAL_FAILURE(PutFirstArticles(*store));
  const std::string path = dir.Sub("taken");
  std::filesystem::create_directory(path);
  EXPECT_THAT(store->CreateCheckpoint(path),
              StatusIs(absl::StatusCode::kAlreadyExists, path));
  EXPECT_TRUE(std::filesystem::is_empty(path));

  // A second checkpoint of one name: the first stays intact.
  FC_ASSERT_OK(store->CreateCheckpoint(dir.Sub("cp")));
  EXPECT_THAT(store->CreateCheckpoint(dir.Sub("cp")),
              StatusIs(absl::StatusCode::kAlreadyExists, "already exists"));
  FC_ASSERT_OK_AND_ASSIGN(auto restored, OpenExisting(dir.Sub("cp")));
  FC_ASSERT_OK_AND_ASSIGN(uint64_t articles, restored->ArticleCount());
  EXPECT_EQ(articles, 2u);
}

TEST(RocksDbCheckpointTest, MissingParentFailsWithoutLeavingAnything) {
  testing::TempDir dir;
  FC_ASSERT_OK_AND_ASSIGN(
      auto store, RocksDbStatementStore::Open(OptionsFor(dir.Sub("db"))));
  const std::string path = dir.Sub("no-such-parent/cp");
  EXPECT_THAT(store->CreateCheckpoint(path),
              StatusIs(absl::StatusCode::kUnavailable, "checkpoint"));
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("no-such-parent")));
  // The store still works.
  ASSERT_NO_FATAL_FAILURE(PutFirstArticles(*store));
}

TEST(InMemoryCheckpointTest, IsRefusedWithFailedPrecondition) {
  testing::TempDir dir;
  InMemoryStatementStore store;
  EXPECT_THAT(store.CreateCheckpoint(dir.Sub("cp")),
              StatusIs(absl::StatusCode::kFailedPrecondition, "in memory"));
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("cp")));
}

}  // namespace
}  // namespace factcheck::storage
