#include "cli/cli.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cli/args.h"
#include "cli/format.h"
#include "factcheck/v1/admin_service.grpc.pb.h"
#include "factcheck/v1/claims_service.grpc.pb.h"
#include "factcheck/v1/verifier_service.grpc.pb.h"
#include "google/protobuf/util/time_util.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "services/common/client_credentials.h"
#include "services/common/grpc_status.h"
#include "services/common/health_client.h"

namespace factcheck::cli {
namespace {

constexpr double kDefaultTimeoutSeconds = 30;
constexpr int kMaxReceiveBytes = 64 << 20;

// What every command gets: the parsed options and where to write.
struct Env {
  const ParsedArgs& args;
  std::string server;
  bool json = false;
  absl::Duration timeout;
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  std::shared_ptr<grpc::Channel> channel;
  // Bearer token sent with every call (--token or $FACTCHECK_TOKEN); empty:
  // none.
  std::string token;
};

using Handler = std::function<int(Env&)>;

struct Command {
  std::string name;  // "verify", "articles list", ...
  std::string synopsis;
  std::vector<OptionSpec> options;
  Handler run;
};

const std::vector<OptionSpec>& GlobalOptions() {
  static const auto* const options = new std::vector<OptionSpec>{
      {"server", true, false,
       "host:port of factcheckd (default: $FACTCHECK_SERVER or "
       "127.0.0.1:50051)"},
      {"json", false, false, "print responses in protobuf's JSON mapping"},
      {"timeout", true, false, "RPC deadline in seconds (default: 30)"},
      {"token", true, false,
       "bearer token for a server with --auth_tokens_file (default: "
       "$FACTCHECK_TOKEN)"},
      {"tls_ca", true, false,
       "PEM CA of the server's certificate: connect with TLS"},
      {"tls_cert", true, false,
       "PEM client certificate, for servers that require one (mTLS)"},
      {"tls_key", true, false, "PEM private key of --tls_cert"},
      {"help", false, false, "print this help"},
  };
  return *options;
}

int UsageError(Env& env, const std::string& message) {
  env.err << "error: " << message << "\n";
  return kExitUsage;
}

int RpcError(Env& env, const grpc::Status& status) {
  env.err << FormatError(common::FromGrpcStatus(status)) << "\n";
  return kExitRpcError;
}

std::unique_ptr<grpc::ClientContext> NewContext(const Env& env) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + env.timeout));
  common::AddBearerToken(env.token, context.get());
  return context;
}

// Prints `message` as JSON with --json, else `readable`.
int Print(Env& env, const google::protobuf::Message& message,
          const std::string& readable) {
  if (!env.json) {
    env.out << readable;
    return kExitOk;
  }
  absl::StatusOr<std::string> json = ToJson(message);
  if (!json.ok()) {
    env.err << FormatError(json.status()) << "\n";
    return kExitRpcError;
  }
  env.out << *json;
  return kExitOk;
}

// Colours only for the process's own stdout, when it is a terminal.
Highlight EvidenceHighlight(const Env& env) {
  const bool tty = &env.out == &std::cout && isatty(STDOUT_FILENO) == 1;
  return ChooseHighlight(tty, std::getenv("NO_COLOR"), std::getenv("TERM"));
}

// The contents of `path`, or of stdin for "-".
absl::StatusOr<std::string> ReadInput(Env& env, const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(env.in),
                       std::istreambuf_iterator<char>());
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

// An integer option in [min, max]; `fallback` when absent.
absl::StatusOr<int> IntOption(const ParsedArgs& args, const std::string& name,
                              int fallback, int min, int max) {
  if (!args.Has(name)) return fallback;
  int value = 0;
  if (!absl::SimpleAtoi(args.Get(name), &value) || value < min || value > max) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, " must be an integer in ", min, "..", max));
  }
  return value;
}

// Exactly `n` positional arguments, named for the message.
absl::Status ExpectPositional(const ParsedArgs& args, size_t n,
                              const std::string& what) {
  if (args.positional().size() != n) {
    return absl::InvalidArgumentError(absl::StrCat(
        "expected ", what, ", got ", args.positional().size(), " argument(s)"));
  }
  return absl::OkStatus();
}

// --- Commands ---------------------------------------------------------------

int Ingest(Env& env) {
  const ParsedArgs& args = env.args;
  if (auto s = ExpectPositional(args, 1, "one FILE (or - for stdin)");
      !s.ok()) {
    return UsageError(env, std::string(s.message()));
  }
  absl::StatusOr<std::string> body = ReadInput(env, args.positional()[0]);
  if (!body.ok()) return UsageError(env, std::string(body.status().message()));
  v1::IngestArticleRequest request;
  v1::Article* article = request.mutable_article();
  article->set_body(*std::move(body));
  article->set_id(args.Get("id"));
  article->set_title(args.Get("title"));
  article->set_url(args.Get("url"));
  article->set_publisher(args.Get("publisher"));
  for (const std::string& author : args.GetAll("author")) {
    article->add_authors(author);
  }
  if (args.Has("published")) {
    absl::Time time;
    std::string error;
    if (!absl::ParseTime(absl::RFC3339_full, args.Get("published"), &time,
                         &error)) {
      return UsageError(env, absl::StrCat("--published is not RFC 3339 (e.g. "
                                          "2025-08-31T12:00:00Z): ",
                                          error));
    }
    *article->mutable_published_at() =
        google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
            absl::ToUnixNanos(time));
  }
  auto stub = v1::ClaimsService::NewStub(env.channel);
  auto context = NewContext(env);
  v1::IngestArticleResponse response;
  grpc::Status status = stub->IngestArticle(context.get(), request, &response);
  if (!status.ok()) return RpcError(env, status);
  return Print(env, response, FormatIngestResponse(response));
}

int Verify(Env& env) {
  const ParsedArgs& args = env.args;
  if (args.positional().empty()) {
    return UsageError(env, "expected the CLAIM to verify");
  }
  v1::VerifyRequest request;
  request.set_claim(absl::StrJoin(args.positional(), " "));
  request.set_claimant(args.Get("claimant"));
  const std::vector<std::string> articles = args.GetAll("article");
  const int scopes = (articles.empty() ? 0 : 1) + (args.Has("all") ? 1 : 0) +
                     (args.Has("evidence-file") ? 1 : 0);
  if (scopes > 1) {
    return UsageError(env,
                      "give only one of --article, --all and --evidence-file");
  }
  for (const std::string& id : articles) request.add_article_ids(id);
  if (args.Has("evidence-file")) {
    absl::StatusOr<std::string> text =
        ReadInput(env, args.Get("evidence-file"));
    if (!text.ok()) {
      return UsageError(env, std::string(text.status().message()));
    }
    request.set_evidence_text(*std::move(text));
  } else if (articles.empty()) {
    // --all, or no scope at all: the whole archive.
    request.mutable_archive();
  }
  absl::StatusOr<int> max_evidence = IntOption(args, "max-evidence", 0, 0, 100);
  if (!max_evidence.ok()) {
    return UsageError(env, std::string(max_evidence.status().message()));
  }
  request.set_max_evidence(*max_evidence);
  auto stub = v1::VerifierService::NewStub(env.channel);
  auto context = NewContext(env);
  v1::VerifyResponse response;
  grpc::Status status = stub->Verify(context.get(), request, &response);
  if (!status.ok()) return RpcError(env, status);
  return Print(env, response,
               FormatVerifyResponse(response, EvidenceHighlight(env)));
}

int ArticlesList(Env& env) {
  const ParsedArgs& args = env.args;
  if (auto s = ExpectPositional(args, 0, "no arguments"); !s.ok()) {
    return UsageError(env, std::string(s.message()));
  }
  absl::StatusOr<int> page_size = IntOption(args, "page-size", 0, 0, 1000);
  if (!page_size.ok()) {
    return UsageError(env, std::string(page_size.status().message()));
  }
  v1::ListArticlesRequest request;
  request.set_page_size(*page_size);
  request.set_page_token(args.Get("page-token"));
  request.mutable_filter()->set_publisher(args.Get("publisher"));
  auto stub = v1::ClaimsService::NewStub(env.channel);
  auto context = NewContext(env);
  v1::ListArticlesResponse response;
  grpc::Status status = stub->ListArticles(context.get(), request, &response);
  if (!status.ok()) return RpcError(env, status);
  return Print(env, response, FormatArticleList(response));
}

int ArticlesGet(Env& env) {
  if (auto s = ExpectPositional(env.args, 1, "one article ID"); !s.ok()) {
    return UsageError(env, std::string(s.message()));
  }
  v1::GetArticleRequest request;
  request.set_id(env.args.positional()[0]);
  auto stub = v1::ClaimsService::NewStub(env.channel);
  auto context = NewContext(env);
  v1::Article response;
  grpc::Status status = stub->GetArticle(context.get(), request, &response);
  if (!status.ok()) return RpcError(env, status);
  return Print(env, response,
               FormatArticle(response, /*with_body=*/!env.args.Has("no-body")));
}

int ArticlesDelete(Env& env) {
  if (auto s = ExpectPositional(env.args, 1, "one article ID"); !s.ok()) {
    return UsageError(env, std::string(s.message()));
  }
  v1::DeleteArticleRequest request;
  request.set_id(env.args.positional()[0]);
  auto stub = v1::ClaimsService::NewStub(env.channel);
  auto context = NewContext(env);
  v1::DeleteArticleResponse response;
  grpc::Status status = stub->DeleteArticle(context.get(), request, &response);
  if (!status.ok()) return RpcError(env, status);
  return Print(env, response,
               absl::StrCat("deleted ", request.id(), " (",
                            response.deleted_statements(), " statements)\n"));
}

int StatementsList(Env& env) {
  const ParsedArgs& args = env.args;
  if (auto s = ExpectPositional(args, 0, "no arguments"); !s.ok()) {
    return UsageError(env, std::string(s.message()));
  }
  if (args.Has("article") == args.Has("speaker")) {
    return UsageError(env, "give exactly one of --article and --speaker");
  }
  absl::StatusOr<int> page_size = IntOption(args, "page-size", 0, 0, 1000);
  if (!page_size.ok()) {
    return UsageError(env, std::string(page_size.status().message()));
  }
  v1::ListStatementsRequest request;
  request.set_article_id(args.Get("article"));
  request.set_speaker(args.Get("speaker"));
  request.set_page_size(*page_size);
  request.set_page_token(args.Get("page-token"));
  auto stub = v1::ClaimsService::NewStub(env.channel);
  auto context = NewContext(env);
  v1::ListStatementsResponse response;
  grpc::Status status = stub->ListStatements(context.get(), request, &response);
  if (!status.ok()) return RpcError(env, status);
  return Print(env, response, FormatStatementList(response));
}

int StatementsGet(Env& env) {
  if (auto s = ExpectPositional(env.args, 1, "one statement ID"); !s.ok()) {
    return UsageError(env, std::string(s.message()));
  }
  v1::GetStatementRequest request;
  request.set_id(env.args.positional()[0]);
  auto stub = v1::ClaimsService::NewStub(env.channel);
  auto context = NewContext(env);
  v1::Statement response;
  grpc::Status status = stub->GetStatement(context.get(), request, &response);
  if (!status.ok()) return RpcError(env, status);
  return Print(env, response, FormatStatement(response));
}

int Search(Env& env) {
  const ParsedArgs& args = env.args;
  if (args.positional().empty()) return UsageError(env, "expected a QUERY");
  absl::StatusOr<int> max_results = IntOption(args, "max-results", 0, 0, 100);
  if (!max_results.ok()) {
    return UsageError(env, std::string(max_results.status().message()));
  }
  v1::SearchStatementsRequest request;
  request.set_query(absl::StrJoin(args.positional(), " "));
  for (const std::string& id : args.GetAll("article")) {
    request.add_article_ids(id);
  }
  request.set_max_results(*max_results);
  request.set_speaker(args.Get("speaker"));
  auto stub = v1::ClaimsService::NewStub(env.channel);
  auto context = NewContext(env);
  v1::SearchStatementsResponse response;
  grpc::Status status =
      stub->SearchStatements(context.get(), request, &response);
  if (!status.ok()) return RpcError(env, status);
  return Print(env, response, FormatSearchResponse(response));
}

int Health(Env& env) {
  if (auto s = ExpectPositional(env.args, 0, "no arguments"); !s.ok()) {
    return UsageError(env, std::string(s.message()));
  }
  int exit_code = kExitOk;
  for (const char* name :
       {"", common::kClaimsHealthName, common::kVerifierHealthName}) {
    auto answer = common::CheckHealth(env.channel, name, env.timeout);
    std::string label = *name == '\0' ? "(server)" : name;
    if (answer.ok()) {
      env.out << label << ": "
              << grpc::health::v1::HealthCheckResponse::ServingStatus_Name(
                     *answer)
              << "\n";
      if (*name == '\0' &&
          *answer != grpc::health::v1::HealthCheckResponse::SERVING) {
        exit_code = kExitRpcError;
      }
    } else if (answer.status().code() == absl::StatusCode::kNotFound) {
      env.out << label << ": not hosted\n";
    } else {
      env.err << FormatError(answer.status()) << "\n";
      return kExitRpcError;
    }
  }
  return exit_code;
}

// `admin checkpoint`: a checkpoint of the live store, made by the server
// into its --checkpoint_dir (the name is a folder name there, never a path).
int AdminCheckpoint(Env& env) {
  if (auto s = ExpectPositional(env.args, 0, "no arguments"); !s.ok()) {
    return UsageError(env, std::string(s.message()));
  }
  v1::CreateCheckpointRequest request;
  request.set_name(env.args.Get("name"));
  auto stub = v1::AdminService::NewStub(env.channel);
  auto context = NewContext(env);
  v1::Checkpoint response;
  grpc::Status status =
      stub->CreateCheckpoint(context.get(), request, &response);
  if (!status.ok()) return RpcError(env, status);
  return Print(env, response, FormatCheckpoint(response));
}

const std::vector<Command>& Commands() {
  static const auto* const commands = new std::vector<Command>{
      {"ingest",
       "ingest [--title T] [--url U] [--publisher P] [--published RFC3339] "
       "[--author A]... [--id ID] FILE|-",
       {{"title", true, false, "headline"},
        {"url", true, false, "canonical URL"},
        {"publisher", true, false, "publication"},
        {"published", true, false, "publication time, RFC 3339"},
        {"author", true, true, "byline (repeatable)"},
        {"id", true, false, "article id (default: derived from content)"}},
       Ingest},
      {"verify",
       "verify [--article ID]... | [--all] | [--evidence-file F] "
       "[--max-evidence N] [--claimant WHO] CLAIM   (default scope: --all)",
       {{"article", true, true, "verify against this article (repeatable)"},
        {"all", false, false, "verify against the whole archive"},
        {"evidence-file", true, false, "verify against this text (- = stdin)"},
        {"max-evidence", true, false, "evidence items to show (default 3)"},
        {"claimant", true, false, "who made the claim"}},
       Verify},
      {"articles list",
       "articles list [--page-size N] [--page-token T] [--publisher P]",
       {{"page-size", true, false, "articles per page (default 50)"},
        {"page-token", true, false, "from a previous page"},
        {"publisher", true, false, "only this publisher"}},
       ArticlesList},
      {"articles get",
       "articles get [--no-body] ID",
       {{"no-body", false, false, "omit the article text"}},
       ArticlesGet},
      {"articles delete", "articles delete ID", {}, ArticlesDelete},
      {"statements list",
       "statements list (--article ID | --speaker NAME) [--page-size N] "
       "[--page-token T]",
       {{"article", true, false, "statements of this article"},
        {"speaker", true, false, "statements of this speaker"},
        {"page-size", true, false, "statements per page (default 100)"},
        {"page-token", true, false, "from a previous page"}},
       StatementsList},
      {"statements get", "statements get ID", {}, StatementsGet},
      {"search",
       "search [--article ID]... [--speaker NAME] [--max-results N] QUERY",
       {{"article", true, true, "only in this article (repeatable)"},
        {"speaker", true, false, "only statements of this speaker"},
        {"max-results", true, false, "hits to show (default 10)"}},
       Search},
      {"health", "health", {}, Health},
      {"admin checkpoint",
       "admin checkpoint [--name NAME]   (needs a write token)",
       {{"name", true, false,
         "checkpoint name: 1-64 of [A-Za-z0-9._-] (default: the UTC time, "
         "e.g. 20261129T153000Z)"}},
       AdminCheckpoint},
  };
  return *commands;
}

std::string UsageText() {
  std::string out =
      "usage: factcheck [--server HOST:PORT] [--json] [--timeout SECONDS] "
      "[--token T] [--tls_ca FILE [--tls_cert FILE --tls_key FILE]] "
      "COMMAND ...\n\ncommands:\n";
  for (const Command& command : Commands()) {
    absl::StrAppend(&out, "  ", command.synopsis, "\n");
  }
  absl::StrAppend(&out, "\nglobal options:\n",
                  ArgParser(GlobalOptions()).Usage(),
                  "\nexit status: 0 on success (any verdict), 1 when the "
                  "server returns an error, 2 for usage errors\n");
  return out;
}

}  // namespace

int RunCli(const std::vector<std::string>& args,
           const std::string& default_server, std::istream& in,
           std::ostream& out, std::ostream& err) {
  absl::StatusOr<ParsedArgs> globals =
      ArgParser(GlobalOptions()).Parse(args, /*stop_at_positional=*/true);
  if (!globals.ok()) {
    err << "error: " << globals.status().message() << "\n" << UsageText();
    return kExitUsage;
  }
  const std::vector<std::string>& rest = globals->positional();
  if (globals->Has("help") || rest.empty() || rest[0] == "help") {
    (rest.empty() && !globals->Has("help") ? err : out) << UsageText();
    return rest.empty() && !globals->Has("help") ? kExitUsage : kExitOk;
  }

  // Find the command: one word, or two for "articles ..."/"statements ...".
  const Command* command = nullptr;
  size_t words = 0;
  for (const Command& candidate : Commands()) {
    const bool two_words = candidate.name.find(' ') != std::string::npos;
    const std::string name = two_words && rest.size() >= 2
                                 ? absl::StrCat(rest[0], " ", rest[1])
                                 : rest[0];
    if (candidate.name == name) {
      command = &candidate;
      words = two_words ? 2 : 1;
      break;
    }
  }
  if (command == nullptr) {
    err << "error: unknown command \"" << absl::StrJoin(rest, " ").substr(0, 40)
        << "\"\n"
        << UsageText();
    return kExitUsage;
  }

  // The command's own options, plus the global ones (allowed anywhere).
  std::vector<OptionSpec> specs = command->options;
  specs.insert(specs.end(), GlobalOptions().begin(), GlobalOptions().end());
  ArgParser parser(specs);
  absl::StatusOr<ParsedArgs> parsed =
      parser.Parse(absl::MakeConstSpan(rest).subspan(words));
  if (!parsed.ok()) {
    err << "error: " << parsed.status().message() << "\nusage: factcheck "
        << command->synopsis << "\n"
        << parser.Usage();
    return kExitUsage;
  }
  auto global = [&](const std::string& name, const std::string& fallback) {
    return parsed->Has(name) ? parsed->Get(name) : globals->Get(name, fallback);
  };
  if (parsed->Has("help")) {
    out << "usage: factcheck " << command->synopsis << "\n" << parser.Usage();
    return kExitOk;
  }

  Env env{*parsed,
          global("server", default_server),
          parsed->Has("json") || globals->Has("json"),
          absl::Seconds(kDefaultTimeoutSeconds),
          in,
          out,
          err,
          nullptr,
          ""};
  if (globals->Has("timeout") || parsed->Has("timeout")) {
    double seconds = 0;
    if (!absl::SimpleAtod(global("timeout", ""), &seconds) || seconds <= 0) {
      return UsageError(env, "--timeout must be a positive number of seconds");
    }
    env.timeout = absl::Seconds(seconds);
  }
  const char* env_token = std::getenv("FACTCHECK_TOKEN");
  env.token = global("token", env_token != nullptr ? env_token : "");
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      common::MakeChannelCredentials({.root_ca_file = global("tls_ca", ""),
                                      .cert_file = global("tls_cert", ""),
                                      .key_file = global("tls_key", "")});
  if (!credentials.ok()) {
    return UsageError(env, std::string(credentials.status().message()));
  }
  grpc::ChannelArguments channel_args;
  channel_args.SetMaxReceiveMessageSize(kMaxReceiveBytes);
  env.channel =
      grpc::CreateCustomChannel(env.server, *credentials, channel_args);
  return command->run(env);
}

}  // namespace factcheck::cli
