// ClaimsEvidenceSource over a fake ClaimsReader: paging, errors passed on
// unchanged (the split topology's UNAVAILABLE included), archive filters
// resolved through GetArticle once per article.

#include "services/verifier/claims_evidence_source.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace factcheck::verifier {
namespace {

using ::factcheck::testing::IsOk;
using ::factcheck::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

v1::Statement MakeStatement(const std::string& article, int index) {
  v1::Statement s;
  s.set_article_id(article);
  s.set_id(absl::StrCat(article, ":", index));
  s.set_text(absl::StrCat("statement ", index, " of ", article));
  return s;
}

// Serves articles from maps, pages of `page_size`, and search hits in a
// fixed order; every call is recorded, with the deadline of its control.
// Not thread-safe (tests are serial).
class FakeClaimsReader final : public ClaimsReader {
 public:
  absl::StatusOr<v1::ListStatementsResponse> ListStatements(
      const v1::ListStatementsRequest& request,
      const CallControl& control) const override {
    ++list_calls;
    deadlines.push_back(control.deadline());
    if (!error.ok()) return error;
    auto it = statements.find(request.article_id());
    if (it == statements.end()) {
      return absl::NotFoundError(
          absl::StrCat("no article \"", request.article_id(), "\""));
    }
    int start = 0;
    if (!request.page_token().empty() &&
        !absl::SimpleAtoi(request.page_token(), &start)) {
      return absl::InvalidArgumentError("page_token");
    }
    v1::ListStatementsResponse response;
    const int end = std::min<int>(start + page_size, it->second.size());
    for (int i = start; i < end; ++i) {
      *response.add_statements() = it->second[i];
    }
    if (end < static_cast<int>(it->second.size())) {
      response.set_next_page_token(absl::StrCat(end));
    }
    return response;
  }

  absl::StatusOr<v1::SearchStatementsResponse> SearchStatements(
      const v1::SearchStatementsRequest& request,
      const CallControl& control) const override {
    last_search = request;
    deadlines.push_back(control.deadline());
    if (!error.ok()) return error;
    v1::SearchStatementsResponse response;
    for (const v1::Statement& s : hits) {
      if (response.hits_size() >= request.max_results()) break;
      *response.add_hits()->mutable_statement() = s;
    }
    return response;
  }

  absl::StatusOr<v1::Article> GetArticle(
      const v1::GetArticleRequest& request,
      const CallControl& control) const override {
    get_calls.push_back(request.id());
    deadlines.push_back(control.deadline());
    if (!get_error.ok()) return get_error;
    auto it = articles.find(request.id());
    if (it == articles.end()) {
      return absl::NotFoundError(absl::StrCat("no article ", request.id()));
    }
    return it->second;
  }

  std::map<std::string, std::vector<v1::Statement>> statements;
  std::map<std::string, v1::Article> articles;
  std::vector<v1::Statement> hits;
  int page_size = 2;
  absl::Status error;      // Of ListStatements and SearchStatements.
  absl::Status get_error;  // Of GetArticle.
  mutable int list_calls = 0;
  mutable std::vector<std::string> get_calls;
  mutable v1::SearchStatementsRequest last_search;
  mutable std::vector<absl::Time> deadlines;
};

std::vector<std::string> Ids(const std::vector<v1::Statement>& statements) {
  std::vector<std::string> ids;
  for (const v1::Statement& s : statements) ids.push_back(s.id());
  return ids;
}

TEST(ClaimsEvidenceSourceTest, ArticleStatementsPagesThroughEveryPage) {
  FakeClaimsReader reader;
  for (int i = 0; i < 5; ++i) {
    reader.statements["a"].push_back(MakeStatement("a", i));
  }
  ClaimsEvidenceSource source(&reader);
  auto statements = source.ArticleStatements("a");
  ASSERT_THAT(statements, IsOk());
  EXPECT_THAT(Ids(*statements), ElementsAre("a:0", "a:1", "a:2", "a:3", "a:4"));
  EXPECT_EQ(reader.list_calls, 3);  // Pages of 2, 2 and 1.
}

TEST(ClaimsEvidenceSourceTest, ReaderErrorsComeBackUnchanged) {
  FakeClaimsReader reader;
  ClaimsEvidenceSource source(&reader);
  EXPECT_THAT(source.ArticleStatements("missing"),
              StatusIs(absl::StatusCode::kNotFound, "no article \"missing\""));
  reader.error = absl::UnavailableError("claims service at h:1 unavailable");
  EXPECT_THAT(source.ArticleStatements("missing"),
              StatusIs(absl::StatusCode::kUnavailable, "h:1"));
  EXPECT_THAT(source.SearchArchive("query", v1::ArticleFilter(), 3),
              StatusIs(absl::StatusCode::kUnavailable, "h:1"));
}

TEST(ClaimsEvidenceSourceTest, UnfilteredSearchAsksForTheCandidatesOnly) {
  FakeClaimsReader reader;
  reader.hits = {MakeStatement("a", 0), MakeStatement("b", 0),
                 MakeStatement("a", 1)};
  ClaimsEvidenceSource source(&reader);
  auto found = source.SearchArchive("tariffs", v1::ArticleFilter(), 2);
  ASSERT_THAT(found, IsOk());
  EXPECT_THAT(Ids(*found), ElementsAre("a:0", "b:0"));
  EXPECT_EQ(reader.last_search.query(), "tariffs");
  EXPECT_EQ(reader.last_search.max_results(), 2);
  EXPECT_THAT(reader.get_calls, IsEmpty());
}

TEST(ClaimsEvidenceSourceTest, FilteredSearchKeepsPassingArticlesOnly) {
  FakeClaimsReader reader;
  reader.articles["a"].set_publisher("Ledger");
  reader.articles["a"].mutable_published_at()->set_seconds(2000);
  reader.articles["b"].set_publisher("Other");
  reader.articles["c"].set_publisher("Ledger");
  reader.articles["c"].mutable_published_at()->set_seconds(500);
  // "gone" was deleted after it was indexed: skipped, not an error.
  reader.hits = {MakeStatement("b", 0),    MakeStatement("a", 0),
                 MakeStatement("gone", 0), MakeStatement("c", 0),
                 MakeStatement("a", 1),    MakeStatement("a", 2)};
  ClaimsEvidenceSource source(&reader);
  v1::ArticleFilter filter;
  filter.set_publisher("Ledger");
  filter.mutable_published_after()->set_seconds(1000);
  auto found = source.SearchArchive("budget", filter, 2);
  ASSERT_THAT(found, IsOk());
  EXPECT_THAT(Ids(*found), ElementsAre("a:0", "a:1"));
  // Over-fetched for the filter, and each article looked up once.
  EXPECT_EQ(reader.last_search.max_results(), 8);
  EXPECT_THAT(reader.get_calls, ElementsAre("b", "a", "gone", "c"));
}

TEST(ClaimsEvidenceSourceTest, FilterLookupErrorsOtherThanNotFoundFail) {
  FakeClaimsReader reader;
  reader.hits = {MakeStatement("a", 0)};
  ClaimsEvidenceSource source(&reader);
  v1::ArticleFilter filter;
  filter.set_publisher("Ledger");
  reader.get_error = absl::UnavailableError("claims service at h:1 down");
  EXPECT_THAT(source.SearchArchive("budget", filter, 2),
              StatusIs(absl::StatusCode::kUnavailable, "h:1 down"));
}

// The caller's deadline reaches every read (a remote reader bounds its
// retries by it); the overloads without a control pass none.
TEST(ClaimsEvidenceSourceTest, EveryReadGetsTheCallersControl) {
  FakeClaimsReader reader;
  reader.statements["a"] = {MakeStatement("a", 0), MakeStatement("a", 1),
                            MakeStatement("a", 2)};
  reader.articles["a"].set_publisher("Ledger");
  reader.hits = {MakeStatement("a", 0)};
  ClaimsEvidenceSource source(&reader);
  const absl::Time deadline = absl::FromUnixSeconds(4102444800);  // 2100.
  const CallControl control(deadline, nullptr);
  ASSERT_THAT(source.ArticleStatements("a", control), IsOk());
  v1::ArticleFilter filter;
  filter.set_publisher("Ledger");
  ASSERT_THAT(source.SearchArchive("budget", filter, 2, control), IsOk());
  // Two pages, one search, one article lookup.
  EXPECT_THAT(reader.deadlines,
              ElementsAre(deadline, deadline, deadline, deadline));
  reader.deadlines.clear();
  ASSERT_THAT(source.ArticleStatements("a"), IsOk());
  EXPECT_THAT(reader.deadlines,
              ElementsAre(absl::InfiniteFuture(), absl::InfiniteFuture()));
}

}  // namespace
}  // namespace factcheck::verifier
