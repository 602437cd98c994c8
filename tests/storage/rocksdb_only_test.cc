// RocksDB-specific behaviour: persistence across reopen, the schema-version
// check, the directory lock, create_if_missing, Int64Add merges.

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/options.h"
#include "storage/int64_add_operator.h"
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
using ::factcheck::testing::IsOk;
using ::factcheck::testing::StatusIs;
using ::testing::ElementsAre;

RocksDbStatementStore::Options OptionsFor(const std::string& path) {
  RocksDbStatementStore::Options options;
  options.path = path;
  return options;
}

TEST(RocksDbStatementStoreTest, EverythingSurvivesReopen) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  {
    FC_ASSERT_OK_AND_ASSIGN(auto store,
                            RocksDbStatementStore::Open(OptionsFor(path)));
    FC_ASSERT_OK(store->PutArticle(
        MakeArticle("a1", "Reuters", 1'700'000'000),
        {MakeStatement("Modi met Xi.", {"modi", "meet", "xi"}, {"modi"}),
         MakeStatement("Tariffs.", {"tariff"})}));
    FC_ASSERT_OK(store->PutArticle(MakeArticle("a2"),
                                   {MakeStatement("Xi.", {"xi"}, {"xi"})}));
    FC_ASSERT_OK(store->AppendStatement(
        "a1", MakeStatement("Added.", {"add", "xi"}, {"modi"})));
    FC_ASSERT_OK(store->DeleteArticle("a2"));
  }  // The destructor closes the database.

  FC_ASSERT_OK_AND_ASSIGN(auto store,
                          RocksDbStatementStore::Open(OptionsFor(path)));
  FC_ASSERT_OK_AND_ASSIGN(v1::Article a1, store->GetArticle("a1"));
  EXPECT_EQ(a1.statement_count(), 3u);
  EXPECT_EQ(a1.published_at().seconds(), 1'700'000'000);
  EXPECT_THAT(store->GetArticle("a2"),
              StatusIs(absl::StatusCode::kNotFound, "a2"));
  FC_ASSERT_OK_AND_ASSIGN(auto count, store->StatementCount());
  EXPECT_EQ(count, 3u);
  FC_ASSERT_OK_AND_ASSIGN(auto hits, store->Search({"xi"}, {}, 10));
  // Same tf; the shorter statement ranks first.
  EXPECT_THAT(Ids(hits), ElementsAre("a1:000002", "a1:000000"));
  FC_ASSERT_OK_AND_ASSIGN(auto modi,
                          store->ListStatementsBySpeaker("modi", "", 10));
  EXPECT_THAT(Ids(modi), ElementsAre("a1:000000", "a1:000002"));
  FC_ASSERT_OK_AND_ASSIGN(auto hash, store->FindArticleByHash("sha-a1"));
  EXPECT_EQ(hash, std::optional<std::string>("a1"));
  ArticleQuery recent;
  recent.published_after = absl::FromUnixSeconds(1'600'000'000);
  FC_ASSERT_OK_AND_ASSIGN(auto listed, store->ListArticles("", 10, recent));
  EXPECT_THAT(Ids(listed), ElementsAre("a1"));
  // Appending continues the sequence after a reopen.
  FC_ASSERT_OK_AND_ASSIGN(v1::Statement next,
                          store->AppendStatement("a1", MakeStatement("", {})));
  EXPECT_EQ(next.id(), "a1:000003");
}

TEST(RocksDbStatementStoreTest, SecondOpenOfTheSameDirectoryIsUnavailable) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  FC_ASSERT_OK_AND_ASSIGN(auto first,
                          RocksDbStatementStore::Open(OptionsFor(path)));
  EXPECT_THAT(RocksDbStatementStore::Open(OptionsFor(path)),
              StatusIs(absl::StatusCode::kUnavailable, "locked"));
  first.reset();
  FC_EXPECT_OK(RocksDbStatementStore::Open(OptionsFor(path)));
}

TEST(RocksDbStatementStoreTest, NewerSchemaVersionIsRefused) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  { FC_ASSERT_OK(RocksDbStatementStore::Open(OptionsFor(path))); }

  // Rewrite the version with a raw handle, as a newer binary would.
  {
    std::vector<rocksdb::ColumnFamilyDescriptor> families = {
        {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()}};
    for (int f = 0; f < kNumFamilies; ++f) {
      families.emplace_back(std::string(FamilyName(static_cast<Family>(f))),
                            rocksdb::ColumnFamilyOptions());
    }
    families.emplace_back("added_by_v2", rocksdb::ColumnFamilyOptions());
    rocksdb::DBOptions options;
    options.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(
        rocksdb::DB::Open(options, path, families, &handles, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    const int meta = 1 + static_cast<int>(Family::kMeta);
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), handles[meta],
                        std::string(kMetaSchemaVersion),
                        EncodeInt64(kSchemaVersion + 1))
                    .ok());
    for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
  }

  EXPECT_THAT(
      RocksDbStatementStore::Open(OptionsFor(path)),
      StatusIs(absl::StatusCode::kFailedPrecondition, "schema version 2"));
}

TEST(RocksDbStatementStoreTest, ArticleCountIsRebuiltWhenMissing) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  {
    FC_ASSERT_OK_AND_ASSIGN(auto store,
                            RocksDbStatementStore::Open(OptionsFor(path)));
    FC_ASSERT_OK(store->PutArticle(MakeArticle("a1"), {}));
    FC_ASSERT_OK(store->PutArticle(MakeArticle("a2"), {}));
    FC_ASSERT_OK(store->PutArticle(MakeArticle("a3"), {}));
    FC_ASSERT_OK(store->DeleteArticle("a2"));
  }
  // A database written before the counter existed has no such key.
  {
    std::vector<rocksdb::ColumnFamilyDescriptor> families = {
        {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()}};
    for (int f = 0; f < kNumFamilies; ++f) {
      rocksdb::ColumnFamilyOptions options;
      // The meta family holds merge operands: reading it needs the operator.
      options.merge_operator = std::make_shared<Int64AddOperator>();
      families.emplace_back(std::string(FamilyName(static_cast<Family>(f))),
                            options);
    }
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(
        rocksdb::DB::Open(rocksdb::DBOptions(), path, families, &handles, &raw)
            .ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    const int meta = 1 + static_cast<int>(Family::kMeta);
    ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), handles[meta],
                           std::string(kMetaArticleCount))
                    .ok());
    for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
  }

  FC_ASSERT_OK_AND_ASSIGN(auto store,
                          RocksDbStatementStore::Open(OptionsFor(path)));
  FC_ASSERT_OK_AND_ASSIGN(uint64_t rebuilt, store->ArticleCount());
  EXPECT_EQ(rebuilt, 2u);
  // The rebuilt counter is kept up to date from there on.
  FC_ASSERT_OK(store->PutArticle(MakeArticle("a4"), {}));
  FC_ASSERT_OK_AND_ASSIGN(uint64_t after_put, store->ArticleCount());
  EXPECT_EQ(after_put, 3u);
}

TEST(RocksDbStatementStoreTest, SizeCountsTheWriteAheadLogAndSstFiles) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  uint64_t before_close = 0;
  {
    FC_ASSERT_OK_AND_ASSIGN(auto store,
                            RocksDbStatementStore::Open(OptionsFor(path)));
    FC_ASSERT_OK_AND_ASSIGN(const uint64_t empty,
                            store->ApproximateSizeBytes());
    // Random letters: block compression cannot shrink them much.
    std::mt19937 random(7);
    std::string body(200'000, ' ');
    for (char& c : body) c = static_cast<char>('a' + random() % 26);
    v1::Article big = MakeArticle("big");
    big.set_body(body);
    FC_ASSERT_OK(store->PutArticle(big, {}));
    FC_ASSERT_OK_AND_ASSIGN(before_close, store->ApproximateSizeBytes());
    // The body is in the write-ahead log (not yet in an SST file).
    EXPECT_GE(before_close, empty + 200'000);
  }
  // Reopening replays the log into an SST file (or keeps it): the body is
  // still counted.
  FC_ASSERT_OK_AND_ASSIGN(auto store,
                          RocksDbStatementStore::Open(OptionsFor(path)));
  FC_ASSERT_OK_AND_ASSIGN(const uint64_t reopened,
                          store->ApproximateSizeBytes());
  EXPECT_GE(reopened, 200'000u);
}

TEST(RocksDbStatementStoreTest, MissingDatabaseWithoutCreateIsNotFound) {
  testing::TempDir dir;
  RocksDbStatementStore::Options options = OptionsFor(dir.Sub("absent"));
  options.create_if_missing = false;
  EXPECT_THAT(RocksDbStatementStore::Open(options),
              StatusIs(absl::StatusCode::kNotFound, "create_if_missing"));
  EXPECT_THAT(RocksDbStatementStore::Open(OptionsFor("")),
              StatusIs(absl::StatusCode::kInvalidArgument, "path"));
}

TEST(RocksDbStatementStoreTest, MemEnvKeepsDataAcrossReopen) {
  std::unique_ptr<rocksdb::Env> env(
      rocksdb::NewMemEnv(rocksdb::Env::Default()));
  RocksDbStatementStore::Options options = OptionsFor("/mem/db");
  options.env = env.get();
  {
    FC_ASSERT_OK_AND_ASSIGN(auto store, RocksDbStatementStore::Open(options));
    FC_ASSERT_OK(
        store->PutArticle(MakeArticle("m"), {MakeStatement("", {"word"})}));
  }
  FC_ASSERT_OK_AND_ASSIGN(auto store, RocksDbStatementStore::Open(options));
  FC_ASSERT_OK_AND_ASSIGN(auto hits, store->Search({"word"}, {}, 10));
  EXPECT_THAT(Ids(hits), ElementsAre("m:000000"));
}

TEST(Int64AddOperatorTest, AddsAndRejectsMalformedValues) {
  Int64AddOperator op;
  std::string out;
  const std::string five = EncodeInt64(5);
  const std::string minus_seven = EncodeInt64(-7);
  rocksdb::Slice base(five);
  ASSERT_TRUE(op.Merge("k", &base, minus_seven, &out, nullptr));
  EXPECT_EQ(DecodeInt64(out), -2);
  out.clear();
  ASSERT_TRUE(op.Merge("k", nullptr, minus_seven, &out, nullptr));
  EXPECT_EQ(DecodeInt64(out), -7);
  out.clear();
  EXPECT_FALSE(op.Merge("k", nullptr, "short", &out, nullptr));
  rocksdb::Slice bad("bad");
  EXPECT_FALSE(op.Merge("k", &bad, five, &out, nullptr));
}

}  // namespace
}  // namespace factcheck::storage
