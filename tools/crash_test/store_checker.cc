#include "tools/crash_test/store_checker.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "factcheck/v1/claims_service.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "services/common/grpc_status.h"

namespace factcheck::crash_test {
namespace {

using Stub = v1::ClaimsService::Stub;

constexpr int kMaxProblems = 20;
constexpr absl::Duration kCallTimeout = absl::Seconds(60);

std::unique_ptr<Stub> NewStub(const std::string& address) {
  grpc::ChannelArguments args;
  // Its own connection per thread, as separate clients would have.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return v1::ClaimsService::NewStub(grpc::CreateCustomChannel(
      address, grpc::InsecureChannelCredentials(), args));
}

void SetDeadline(grpc::ClientContext* context) {
  context->set_deadline(absl::ToChronoTime(absl::Now() + kCallTimeout));
}

// Collects the outcome of checking one article; merged under a lock.
struct ArticleFindings {
  std::string id;
  bool lost = false;
  bool partial = false;
  bool search_miss = false;
  bool error = false;
  std::string problem;
};

void Note(ArticleFindings* f, bool* flag, std::string problem) {
  *flag = true;
  if (f->problem.empty()) f->problem = std::move(problem);
}

// SearchStatements for `text`, scoped to article `id` or archive-wide.
struct SearchResult {
  // Best score of a hit from `id`; nullopt when no hit is from it.
  std::optional<double> own_score;
  // Whether the response was full (max_results hits) and its last score.
  bool full = false;
  double lowest_score = 0;
};

absl::StatusOr<SearchResult> Search(Stub& stub, const std::string& id,
                                    const std::string& text, bool scoped) {
  v1::SearchStatementsRequest request;
  request.set_query(text);
  if (scoped) request.add_article_ids(id);
  request.set_max_results(scoped ? 10 : 100);
  v1::SearchStatementsResponse response;
  grpc::ClientContext context;
  SetDeadline(&context);
  const grpc::Status status =
      stub.SearchStatements(&context, request, &response);
  if (!status.ok()) return common::FromGrpcStatus(status);
  SearchResult result;
  for (const v1::SearchHit& hit : response.hits()) {
    if (hit.statement().article_id() == id && !result.own_score.has_value()) {
      result.own_score = hit.score();
    }
  }
  result.full = response.hits_size() == request.max_results();
  if (!response.hits().empty()) {
    result.lowest_score = response.hits(response.hits_size() - 1).score();
  }
  return result;
}

// Whether the article is found by its search text: scoped, it must be; in
// the archive, it must be among the hits unless a full page of hits scores
// at least as high (copies of the same text, or better matches).
std::optional<std::string> CheckSearch(Stub& stub, const std::string& id,
                                       const std::string& text,
                                       bool archive_wide, bool* error) {
  absl::StatusOr<SearchResult> scoped = Search(stub, id, text, true);
  if (!scoped.ok()) {
    *error = true;
    return absl::StrCat(id, ": SearchStatements: ", scoped.status().message());
  }
  if (!scoped->own_score.has_value()) {
    return absl::StrCat(id, ": SearchStatements scoped to it does not find \"",
                        text, "\"");
  }
  if (!archive_wide) return std::nullopt;
  absl::StatusOr<SearchResult> archive = Search(stub, id, text, false);
  if (!archive.ok()) {
    *error = true;
    return absl::StrCat(id, ": SearchStatements: ", archive.status().message());
  }
  // Scores use archive-wide statistics in both searches, so they compare.
  const double tolerance = 1e-9 * std::max(1.0, *scoped->own_score);
  if (archive->own_score.has_value() ||
      (archive->full &&
       archive->lowest_score >= *scoped->own_score - tolerance)) {
    return std::nullopt;
  }
  return absl::StrCat(id, ": SearchStatements (archive) does not find \"", text,
                      "\" (its score ", *scoped->own_score, ")");
}

// GetArticle, every page of ListStatements, the searches.
ArticleFindings CheckArticle(Stub& stub, const std::string& id,
                             const ExpectedStatements& expected,
                             bool archive_wide) {
  ArticleFindings f;
  f.id = id;
  {
    v1::GetArticleRequest request;
    request.set_id(id);
    v1::Article article;
    grpc::ClientContext context;
    SetDeadline(&context);
    const grpc::Status status = stub.GetArticle(&context, request, &article);
    if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
      Note(&f, &f.lost, absl::StrCat(id, ": lost (GetArticle NOT_FOUND)"));
      return f;
    }
    if (!status.ok()) {
      Note(&f, &f.error,
           absl::StrCat(id, ": GetArticle: ", status.error_message()));
      return f;
    }
    if (article.statement_count() != expected.count ||
        article.content_sha256() != expected.content_sha256) {
      Note(&f, &f.partial,
           absl::StrCat(id, ": article says ", article.statement_count(),
                        " statements (want ", expected.count,
                        "), content_sha256 ", article.content_sha256(),
                        " (want ", expected.content_sha256, ")"));
    }
  }

  google::protobuf::RepeatedPtrField<v1::Statement> statements;
  v1::ListStatementsRequest request;
  request.set_article_id(id);
  request.set_page_size(1000);
  do {
    v1::ListStatementsResponse page;
    grpc::ClientContext context;
    SetDeadline(&context);
    const grpc::Status status = stub.ListStatements(&context, request, &page);
    if (!status.ok()) {
      Note(&f, &f.error,
           absl::StrCat(id, ": ListStatements: ", status.error_message()));
      return f;
    }
    statements.MergeFrom(page.statements());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  if (static_cast<uint32_t>(statements.size()) != expected.count ||
      DigestOf(statements) != expected.digest) {
    Note(&f, &f.partial,
         absl::StrCat(id, ": ListStatements gives ", statements.size(),
                      " statements, want ", expected.count,
                      static_cast<uint32_t>(statements.size()) == expected.count
                          ? " (same number, different content)"
                          : ""));
  }

  if (expected.search_text.empty()) return f;
  bool error = false;
  if (std::optional<std::string> miss =
          CheckSearch(stub, id, expected.search_text, archive_wide, &error)) {
    Note(&f, error ? &f.error : &f.search_miss, *std::move(miss));
  }
  return f;
}

// Every article of ListArticles, id -> statement_count.
absl::StatusOr<std::map<std::string, uint32_t>> ListAll(Stub& stub) {
  std::map<std::string, uint32_t> listed;
  v1::ListArticlesRequest request;
  request.set_page_size(1000);
  do {
    v1::ListArticlesResponse page;
    grpc::ClientContext context;
    SetDeadline(&context);
    const grpc::Status status = stub.ListArticles(&context, request, &page);
    if (!status.ok()) return common::FromGrpcStatus(status);
    for (const v1::Article& article : page.articles()) {
      listed[article.id()] = article.statement_count();
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return listed;
}

}  // namespace

StoreChecker::StoreChecker(const ArticleSource* source, Ledger* ledger,
                           int threads)
    : source_(source),
      ledger_(ledger),
      threads_(std::max(threads, 1)),
      reference_core_(&reference_store_, claims::ClaimsOptions()) {}

absl::StatusOr<ExpectedStatements> StoreChecker::Reanalyse(uint64_t sequence) {
  {
    absl::MutexLock lock(&reanalysed_mu_);
    auto it = reanalysed_.find(sequence);
    if (it != reanalysed_.end()) return it->second;
  }
  absl::StatusOr<v1::IngestArticleResponse> response =
      reference_core_.IngestArticle(source_->Request(sequence));
  if (!response.ok()) return response.status();
  ExpectedStatements expected =
      Expect(response->statements(), response->article().content_sha256());
  absl::MutexLock lock(&reanalysed_mu_);
  reanalysed_[sequence] = expected;
  return expected;
}

CheckReport StoreChecker::Check(const std::string& address, int cycle) {
  CheckReport report;
  absl::Mutex report_mu;
  auto add = [&](const ArticleFindings& f) {
    absl::MutexLock lock(&report_mu);
    report.lost += f.lost;
    report.partial += f.partial;
    report.search_misses += f.search_miss;
    report.unexpected += f.error;
    if (f.lost) report.lost_ids.push_back(f.id);
    if (f.partial) report.partial_ids.push_back(f.id);
    if (!f.problem.empty() && report.problems.size() < kMaxProblems) {
      report.problems.push_back(f.problem);
    }
  };
  auto problem = [&](std::string line) {
    ArticleFindings f;
    Note(&f, &f.error, std::move(line));
    add(f);
  };

  std::unique_ptr<Stub> stub = NewStub(address);
  absl::StatusOr<std::map<std::string, uint32_t>> listed = ListAll(*stub);
  if (!listed.ok()) {
    problem(absl::StrCat("ListArticles: ", listed.status().ToString()));
    return report;
  }
  report.listed = static_cast<int64_t>(listed->size());

  // Work: every must-be-present article, then every other listed one.
  struct Item {
    std::string id;
    bool must_be_present;
  };
  std::vector<Item> items;
  const std::vector<std::string> must = ledger_->MustBePresent();
  const std::set<std::string> must_set(must.begin(), must.end());
  for (const std::string& id : must) items.push_back({id, true});
  for (const auto& [id, count] : *listed) {
    if (!must_set.contains(id)) items.push_back({id, false});
  }
  report.checked = static_cast<int64_t>(must.size());

  std::atomic<size_t> next{0};
  int64_t newly_present = 0;
  auto work = [&] {
    std::unique_ptr<Stub> worker_stub = NewStub(address);
    for (size_t i = next++; i < items.size(); i = next++) {
      const Item& item = items[i];
      const std::optional<Entry> entry = ledger_->Find(item.id);
      if (item.must_be_present) {
        const bool new_this_cycle = entry->first_checked_cycle == 0;
        ArticleFindings f = CheckArticle(*worker_stub, item.id,
                                         *entry->expected, new_this_cycle);
        auto it = listed->find(item.id);
        if (!f.lost && it == listed->end()) {
          Note(&f, &f.lost,
               absl::StrCat(item.id, ": missing from ListArticles"));
        } else if (!f.lost && it->second != entry->expected->count) {
          Note(&f, &f.partial,
               absl::StrCat(item.id, ": ListArticles says ", it->second,
                            " statements, want ", entry->expected->count));
        }
        add(f);
        ledger_->MarkChecked(item.id, cycle);
        continue;
      }
      // Listed, but not known to be present: only an ingest cut by a kill
      // may be, and then only whole.
      if (!entry.has_value() || entry->outcome != Outcome::kUnacked) {
        problem(absl::StrCat(item.id, ": present but ",
                             entry.has_value() ? "its ingest was refused"
                                               : "never ingested by this run"));
        continue;
      }
      absl::StatusOr<ExpectedStatements> expected = Reanalyse(entry->sequence);
      if (!expected.ok()) {
        problem(absl::StrCat(
            item.id, ": re-analysis failed: ", expected.status().ToString()));
        continue;
      }
      ArticleFindings f =
          CheckArticle(*worker_stub, item.id, *expected, /*archive_wide=*/true);
      if (!f.lost && listed->at(item.id) != expected->count) {
        Note(&f, &f.partial,
             absl::StrCat(item.id, ": ListArticles says ", listed->at(item.id),
                          " statements, want ", expected->count));
      }
      if (f.lost) {
        // Listed but not readable: an index without its record.
        f.lost = false;
        Note(&f, &f.partial, f.problem);
      }
      add(f);
      if (!f.lost && !f.partial && !f.search_miss && !f.error) {
        ledger_->MarkPresent(item.id, *std::move(expected), cycle);
        absl::MutexLock lock(&report_mu);
        ++newly_present;
      }
    }
  };
  std::vector<std::thread> workers;
  for (int t = 0; t < threads_; ++t) workers.emplace_back(work);
  for (std::thread& t : workers) t.join();
  report.unacked_present = newly_present;
  return report;
}

}  // namespace factcheck::crash_test
