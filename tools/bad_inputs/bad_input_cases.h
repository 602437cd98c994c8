#ifndef FACTCHECK_TOOLS_BAD_INPUTS_BAD_INPUT_CASES_H_
#define FACTCHECK_TOOLS_BAD_INPUTS_BAD_INPUT_CASES_H_

// The table of bad requests factcheck-bad-inputs sends: one entry per RPC
// and kind of bad input, each with the status code the service documents
// for it (claims_service.proto, verifier_service.proto).

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "grpcpp/support/status.h"
#include "tools/bad_inputs/rpc_client.h"

namespace factcheck::bad_inputs {

// What the cases refer to: the server's limits, the tokens, and real ids
// and page tokens from the articles ingested before the run.
struct Fixture {
  // "authorization" values: a write token, a read token, a token the server
  // does not know.
  std::string write_auth;
  std::string read_auth;
  std::string unknown_auth;

  // Stored articles: `article_a` has `speaker`'s statements; `statement_id`
  // is one of `article_a`'s statements.
  std::string article_a;
  std::string article_b;
  std::string statement_id;
  std::string speaker;

  // Real next_page_tokens: ListArticles (page_size 1, no filter and
  // `filter_publisher`), ListStatements of `article_a` and of `speaker`
  // (page_size 1).
  std::string articles_token;
  std::string filtered_articles_token;
  std::string filter_publisher;
  std::string statements_token;
  std::string speaker_token;

  // The server's limits.
  size_t max_message_bytes = 0;
  size_t max_article_bytes = 0;
  size_t max_query_bytes = 0;
  int max_statements_per_article = 0;
  size_t max_claim_bytes = 0;
  size_t max_evidence_text_bytes = 0;
  int max_batch_size = 0;
  int max_scope_articles = 0;
  int max_evidence_limit = 0;
};

struct BadInputCase {
  std::string rpc;
  // What is wrong with the request, for the table.
  std::string input;
  grpc::StatusCode expected;
  std::function<Outcome(RpcClient&)> run;
};

// Every case, grouped by RPC in the order of the services' definitions.
std::vector<BadInputCase> BuildCases(const Fixture& fixture);

}  // namespace factcheck::bad_inputs

#endif  // FACTCHECK_TOOLS_BAD_INPUTS_BAD_INPUT_CASES_H_
