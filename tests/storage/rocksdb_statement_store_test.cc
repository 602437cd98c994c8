// The StatementStore contract against RocksDB, on disk (a per-test temp dir)
// and on rocksdb::NewMemEnv.

#include "storage/rocksdb_statement_store.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "rocksdb/env.h"
#include "tests/storage/statement_store_contract.h"

namespace factcheck::storage::contract {
namespace {

std::unique_ptr<StatementStore> OpenOrFail(
    const RocksDbStatementStore::Options& options) {
  auto store = RocksDbStatementStore::Open(options);
  EXPECT_TRUE(store.ok()) << store.status();
  if (!store.ok()) return nullptr;
  return *std::move(store);
}

// One in-memory Env for the whole process: each test uses its own path.
rocksdb::Env* MemEnv() {
  static rocksdb::Env* const env = rocksdb::NewMemEnv(rocksdb::Env::Default());
  return env;
}

INSTANTIATE_TEST_SUITE_P(
    RocksDb, StatementStoreContractTest,
    ::testing::Values(StoreFactory{"Disk",
                                   [](const std::string& dir) {
                                     RocksDbStatementStore::Options options;
                                     options.path = dir;
                                     return OpenOrFail(options);
                                   }},
                      StoreFactory{"MemEnvNoSync",
                                   [](const std::string& dir) {
                                     RocksDbStatementStore::Options options;
                                     options.path = dir;
                                     options.env = MemEnv();
                                     options.sync_writes = false;
                                     return OpenOrFail(options);
                                   }}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace factcheck::storage::contract
