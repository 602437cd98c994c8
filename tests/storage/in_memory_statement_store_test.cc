#include "storage/in_memory_statement_store.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "tests/storage/statement_store_contract.h"

namespace factcheck::storage::contract {
namespace {

INSTANTIATE_TEST_SUITE_P(
    InMemory, StatementStoreContractTest,
    ::testing::Values(StoreFactory{
        "InMemory",
        [](const std::string& /*dir*/) -> std::unique_ptr<StatementStore> {
          return std::make_unique<InMemoryStatementStore>();
        }}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace factcheck::storage::contract
