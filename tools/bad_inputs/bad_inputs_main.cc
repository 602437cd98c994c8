// factcheck-bad-inputs: starts a real FactcheckServer (RocksDB in a
// temporary folder, both services, a write and a read token), ingests a
// few articles, then sends a table of bad requests to every RPC over a real
// gRPC channel. For each it checks the status code against the documented
// one and that the store, read back through the public RPCs, did not
// change. Prints a Markdown table and a summary; exits 0 when every case
// got its expected code and changed nothing, 1 otherwise, 2 when the run
// could not start.
//
//   factcheck-bad-inputs [--keep_files]

#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "base/string_view.h"
#include "google/protobuf/stubs/logging.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "services/common/request_log.h"
#include "services/server/server.h"
#include "tools/bad_inputs/bad_input_cases.h"
#include "tools/bad_inputs/rpc_client.h"
#include "tools/bad_inputs/store_snapshot.h"

ABSL_FLAG(bool, keep_files, false,
          "keep the temporary data directory and token file");

namespace factcheck::bad_inputs {
namespace {

namespace fs = std::filesystem;

constexpr char kWriteToken[] = "bad-inputs-writer-7f3a9c";
constexpr char kReadToken[] = "bad-inputs-reader-41d2e8";
constexpr char kUnknownToken[] = "bad-inputs-stranger-000000";
constexpr size_t kMessageColumnChars = 90;

// Articles written for this tool: two publishers, dates, quoted and
// reported speakers, so that paging, filters and speaker listings have
// something to page through.
struct SeedArticle {
  const char* id;  // Empty: the server derives one.
  const char* title;
  const char* publisher;
  int64_t published_at;  // Unix seconds; 0: unset.
  const char* body;
};
constexpr SeedArticle kSeedArticles[] = {
    {"harbor-levy", "Port Amsel approves harbour levy", "Amsel Courier",
     1746176400,
     "Port Amsel approves harbour levy\n\n"
     "The Port Amsel council voted 7 to 2 on Monday to charge cruise ships a "
     "levy of $12 per passenger from next year.\n\n"
     "\"The levy pays for the harbour wall we have put off since 2019,\" "
     "council leader Mira Holt said.\n\n"
     "Shipping minister Jonas Feld said the levy would cut cruise visits by "
     "10 percent.\n\n"
     "The council expects the levy to raise $3 million a year, according to "
     "the finance office.\n"},
    {"dairy-prices", "Milk prices rise in the Lunar Valley", "Valley Farmer",
     1749546000,
     "Milk prices paid to dairy farmers in the Lunar Valley rose 8% in May, "
     "the cooperative said on Tuesday.\n\n"
     "Cooperative chair Aled Morgan said the rise followed a dry spring that "
     "cut output by 5 percent.\n\n"
     "\"Farmers are still paying more for feed than they did two years "
     "ago,\" Aled Morgan said.\n"},
    {"", "Amsel buys electric buses", "Amsel Courier", 0,
     "The Amsel transit authority will add 40 electric buses to its fleet by "
     "2027, budget documents show.\n\n"
     "Transit director Sofia Lenz said the council approved the purchase in "
     "its March budget.\n"},
};
constexpr char kSpeaker[] = "Aled Morgan";

class DiscardingSink final : public common::LogSink {
 public:
  void WriteLine(std::string_view) override {}
};

// Keeps protobuf's "invalid UTF-8" complaints (about the requests this tool
// builds on purpose, on both sides of the channel) out of the output.
void QuietProtobufLog(google::protobuf::LogLevel level, const char* filename,
                      int line, const std::string& message) {
  if (absl::StrContains(message, "UTF-8")) return;
  std::fprintf(stderr, "[protobuf %d %s:%d] %s\n", static_cast<int>(level),
               filename, line, message.c_str());
}

std::string CodeName(grpc::StatusCode code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

// One table cell: at most `max_chars`, '|' escaped, control and non-ASCII
// bytes as \xNN.
std::string Cell(std::string_view text, size_t max_chars) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (out.size() >= max_chars) {
      out += "…";
      break;
    }
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '|') {
      out += "\\|";
    } else if (c < 0x20 || c >= 0x7f) {
      out += absl::StrFormat("\\x%02X", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

absl::Status Check(const grpc::Status& status, std::string_view what) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(AsAbsl(what), ": ", status.error_message()));
}

// Ingests the seed articles and reads the ids and page tokens the cases
// need into `fixture`.
absl::Status Seed(RpcClient& client, Fixture* fixture) {
  std::vector<std::string> ids;
  for (const SeedArticle& seed : kSeedArticles) {
    v1::IngestArticleRequest request;
    v1::Article* article = request.mutable_article();
    article->set_id(seed.id);
    article->set_title(seed.title);
    article->set_publisher(seed.publisher);
    if (seed.published_at != 0) {
      article->mutable_published_at()->set_seconds(seed.published_at);
    }
    article->set_body(seed.body);
    v1::IngestArticleResponse response;
    absl::Status status = Check(
        client.claims().IngestArticle(client.Context(fixture->write_auth).get(),
                                      request, &response),
        "seeding IngestArticle");
    if (!status.ok()) return status;
    ids.push_back(response.article().id());
  }
  fixture->article_a = ids[0];
  fixture->article_b = ids[1];
  fixture->speaker = kSpeaker;
  fixture->filter_publisher = kSeedArticles[0].publisher;

  v1::ListArticlesRequest list;
  list.set_page_size(1);
  v1::ListArticlesResponse articles;
  absl::Status status =
      Check(client.claims().ListArticles(
                client.Context(fixture->read_auth).get(), list, &articles),
            "seeding ListArticles");
  if (!status.ok()) return status;
  fixture->articles_token = articles.next_page_token();
  list.mutable_filter()->set_publisher(fixture->filter_publisher);
  status = Check(client.claims().ListArticles(
                     client.Context(fixture->read_auth).get(), list, &articles),
                 "seeding filtered ListArticles");
  if (!status.ok()) return status;
  fixture->filtered_articles_token = articles.next_page_token();

  v1::ListStatementsRequest statements;
  statements.set_article_id(fixture->article_a);
  statements.set_page_size(1);
  v1::ListStatementsResponse page;
  status =
      Check(client.claims().ListStatements(
                client.Context(fixture->read_auth).get(), statements, &page),
            "seeding ListStatements");
  if (!status.ok()) return status;
  fixture->statements_token = page.next_page_token();
  if (page.statements().empty()) {
    return absl::InternalError("seed article A has no statements");
  }
  fixture->statement_id = page.statements(0).id();
  statements.clear_article_id();
  statements.set_speaker(fixture->speaker);
  status =
      Check(client.claims().ListStatements(
                client.Context(fixture->read_auth).get(), statements, &page),
            "seeding ListStatements by speaker");
  if (!status.ok()) return status;
  fixture->speaker_token = page.next_page_token();

  for (const std::string* token :
       {&fixture->articles_token, &fixture->filtered_articles_token,
        &fixture->statements_token, &fixture->speaker_token}) {
    if (token->empty()) {
      return absl::InternalError(
          "a seed listing has a single page; the page-token cases need two");
    }
  }
  return absl::OkStatus();
}

struct Row {
  const BadInputCase* test_case = nullptr;
  Outcome outcome;
  bool unchanged = false;
  std::string snapshot_error;
};

int Run() {
  google::protobuf::SetLogHandler(&QuietProtobufLog);
  std::error_code error;
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      (fs::path(tmp != nullptr ? tmp : "/tmp") / "factcheck-bad-inputs-XXXXXX")
          .string();
  if (mkdtemp(pattern.data()) == nullptr) {
    std::cerr << "cannot create a temporary folder " << pattern << "\n";
    return 2;
  }
  const fs::path dir = pattern;
  const std::string tokens_file = (dir / "tokens").string();
  {
    std::ofstream tokens(tokens_file);
    tokens << kWriteToken << " write\n" << kReadToken << " read\n";
  }

  DiscardingSink sink;
  server::FactcheckServer::Options options;
  options.listen = "127.0.0.1:0";
  options.data_dir = (dir / "db").string();
  options.auth_tokens_file = tokens_file;
  options.request_log = &sink;
  absl::StatusOr<std::unique_ptr<server::FactcheckServer>> server =
      server::FactcheckServer::Start(options);
  if (!server.ok()) {
    std::cerr << "factcheck-bad-inputs: server did not start: "
              << server.status() << "\n";
    return 2;
  }

  Fixture fixture;
  fixture.write_auth = Bearer(kWriteToken);
  fixture.read_auth = Bearer(kReadToken);
  fixture.unknown_auth = Bearer(kUnknownToken);
  fixture.max_message_bytes = options.max_message_bytes;
  fixture.max_article_bytes = options.claims.max_article_bytes;
  fixture.max_query_bytes = options.claims.max_query_bytes;
  fixture.max_statements_per_article =
      options.claims.max_statements_per_article;
  fixture.max_claim_bytes = options.verifier.max_claim_bytes;
  fixture.max_evidence_text_bytes = options.verifier.max_evidence_text_bytes;
  fixture.max_batch_size = options.verifier.max_batch_size;
  fixture.max_scope_articles = options.verifier.max_scope_articles;
  fixture.max_evidence_limit = options.verifier.max_evidence_limit;

  RpcClient client(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", (*server)->port()),
                          grpc::InsecureChannelCredentials()));
  const absl::Time start = absl::Now();
  absl::Status seeded = Seed(client, &fixture);
  absl::StatusOr<StoreSnapshot> baseline =
      seeded.ok() ? TakeSnapshot(client, fixture.read_auth)
                  : absl::StatusOr<StoreSnapshot>(seeded);
  if (!baseline.ok()) {
    std::cerr << "factcheck-bad-inputs: " << baseline.status() << "\n";
    return 2;
  }

  const std::vector<BadInputCase> cases = BuildCases(fixture);
  std::vector<Row> rows;
  StoreSnapshot before = *baseline;
  int unexpected = 0;
  int changed = 0;
  for (const BadInputCase& test_case : cases) {
    Row row;
    row.test_case = &test_case;
    row.outcome = test_case.run(client);
    absl::StatusOr<StoreSnapshot> after =
        TakeSnapshot(client, fixture.read_auth);
    if (after.ok()) {
      row.unchanged = *after == before;
      before = *std::move(after);
    } else {
      row.snapshot_error = after.status().ToString();
    }
    if (row.outcome.code != test_case.expected) ++unexpected;
    if (!row.unchanged) ++changed;
    rows.push_back(std::move(row));
  }
  const bool unchanged_overall = before == *baseline;

  // Control: an accepted write must change the snapshot, or "unchanged"
  // above would prove nothing.
  v1::AddStatementRequest add;
  add.set_article_id(fixture.article_a);
  add.set_text("The levy will be reviewed after two years.");
  v1::Statement added;
  const grpc::Status control_status = client.claims().AddStatement(
      client.Context(fixture.write_auth).get(), add, &added);
  absl::StatusOr<StoreSnapshot> control =
      TakeSnapshot(client, fixture.read_auth);
  const bool control_ok =
      control_status.ok() && control.ok() && !(*control == before);
  const absl::Duration elapsed = absl::Now() - start;

  std::cout << "| RPC | input | status | message | store unchanged |\n"
            << "|---|---|---|---|---|\n";
  for (const Row& row : rows) {
    const bool as_expected = row.outcome.code == row.test_case->expected;
    std::string status = CodeName(row.outcome.code);
    if (!as_expected) {
      status = absl::StrCat("**", status, "** (expected ",
                            CodeName(row.test_case->expected), ")");
    }
    std::string unchanged = row.unchanged ? "yes" : "**NO**";
    if (!row.snapshot_error.empty()) {
      unchanged = absl::StrCat("**unknown**: ", Cell(row.snapshot_error, 60));
    }
    std::cout << "| " << row.test_case->rpc << " | "
              << Cell(row.test_case->input, 200) << " | " << status << " | "
              << Cell(row.outcome.message, kMessageColumnChars) << " | "
              << unchanged << " |\n";
  }
  std::cout << "\n"
            << absl::StrFormat(
                   "%d cases: %d as expected, %d unexpected; store %s "
                   "(%d articles, %d statements, digest %s); control write "
                   "%s the digest; %.1f s\n",
                   rows.size(), rows.size() - unexpected, unexpected,
                   changed == 0 && unchanged_overall
                       ? "unchanged after every case"
                       : absl::StrCat("CHANGED by ", changed, " case(s)"),
                   baseline->articles, baseline->statements,
                   baseline->Digest().substr(0, 16),
                   control_ok ? "changed" : "DID NOT change",
                   absl::ToDoubleSeconds(elapsed));

  (*server)->Shutdown(absl::ZeroDuration());
  server->reset();
  if (absl::GetFlag(FLAGS_keep_files)) {
    std::cerr << "kept " << dir << "\n";
  } else {
    fs::remove_all(dir, error);
  }
  return unexpected == 0 && changed == 0 && unchanged_overall && control_ok ? 0
                                                                            : 1;
}

}  // namespace
}  // namespace factcheck::bad_inputs

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return factcheck::bad_inputs::Run();
}
