#ifndef FACTCHECK_TOOLS_BAD_INPUTS_STORE_SNAPSHOT_H_
#define FACTCHECK_TOOLS_BAD_INPUTS_STORE_SNAPSHOT_H_

// Everything a client can see of the store, read through the public RPCs,
// so that "a rejected request changes nothing" can be checked from outside.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "tools/bad_inputs/rpc_client.h"

namespace factcheck::bad_inputs {

struct StoreSnapshot {
  // Every ListArticles page, every article with its body (GetArticle),
  // every article's ListStatements pages, and a few searches with their
  // BM25 scores (which move with the store's length and count statistics),
  // serialized deterministically, one after another.
  std::string canonical;
  int articles = 0;
  int statements = 0;

  // Lower-case hex SHA-256 of `canonical`.
  std::string Digest() const;

  bool operator==(const StoreSnapshot& other) const {
    return canonical == other.canonical;
  }
};

// Reads the snapshot with `authorization` (a read token suffices). The
// error of the first RPC that fails, naming it.
absl::StatusOr<StoreSnapshot> TakeSnapshot(RpcClient& client,
                                           std::string_view authorization);

}  // namespace factcheck::bad_inputs

#endif  // FACTCHECK_TOOLS_BAD_INPUTS_STORE_SNAPSHOT_H_
