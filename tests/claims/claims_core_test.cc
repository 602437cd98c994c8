#include "services/claims/claims_core.h"

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/claims/ingest.h"
#include "services/claims/page_token.h"
#include "storage/in_memory_statement_store.h"
#include "tests/testing/status_matchers.h"

namespace factcheck::claims {
namespace {

using ::factcheck::testing::IsOk;
using ::factcheck::testing::StatusHasCode;
using ::factcheck::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr char kBody[] =
    "Harbour council approves new ferry line\n"
    "The Westport harbour council approved a ferry line to Eastbay on "
    "Tuesday. The line will cost $12.5 million and carry 400 passengers a "
    "day.\n"
    "Council chair Maria Lopez said the service would start in March.\n";

v1::IngestArticleRequest Ingest(std::string body, std::string id = "") {
  v1::IngestArticleRequest request;
  request.mutable_article()->set_body(std::move(body));
  request.mutable_article()->set_id(std::move(id));
  request.mutable_article()->set_title("Ferry");
  request.mutable_article()->set_publisher("Westport Gazette");
  return request;
}

class ClaimsCoreTest : public ::testing::Test {
 protected:
  ClaimsCoreTest() {
    ClaimsOptions options;
    options.max_article_bytes = 4096;
    options.max_query_bytes = 256;
    options.clock = [] { return absl::FromUnixSeconds(1767225600); };
    core_ = std::make_unique<ClaimsCore>(&store_, options);
  }

  // The number of stored articles: rejected requests must leave it alone.
  int ArticleCount() {
    v1::ListArticlesRequest request;
    request.set_page_size(1000);
    auto response = core_->ListArticles(request);
    EXPECT_THAT(response, IsOk());
    return response.ok() ? response->articles_size() : -1;
  }

  storage::InMemoryStatementStore store_;
  std::unique_ptr<ClaimsCore> core_;
};

TEST_F(ClaimsCoreTest, IngestSplitsStatementsWithSpansAndNumbers) {
  auto response = core_->IngestArticle(Ingest(kBody));
  ASSERT_THAT(response, IsOk());
  const v1::Article& article = response->article();
  EXPECT_FALSE(article.id().empty());
  EXPECT_EQ(article.content_sha256(), Sha256Hex(article.body()));
  EXPECT_EQ(article.language(), "en");
  EXPECT_EQ(article.ingested_at().seconds(), 1767225600);
  ASSERT_THAT(response->statements(), SizeIs(4));
  EXPECT_EQ(article.statement_count(), 4u);
  EXPECT_TRUE(response->statements(0).is_heading());
  for (const v1::Statement& s : response->statements()) {
    EXPECT_EQ(s.article_id(), article.id());
    EXPECT_EQ(article.body().substr(s.span().begin(),
                                    s.span().end() - s.span().begin()),
              s.text());
  }
  const v1::Statement& money = response->statements(2);
  EXPECT_THAT(money.text(), HasSubstr("$12.5 million"));
  bool found = false;
  for (const v1::Quantity& q : money.quantities()) {
    if (q.kind() == v1::QUANTITY_KIND_MONEY) {
      EXPECT_DOUBLE_EQ(q.value(), 12.5e6);
      found = true;
    }
  }
  EXPECT_TRUE(found) << money.DebugString();
  EXPECT_GT(money.check_worthiness(),
            response->statements(0).check_worthiness());
}

TEST_F(ClaimsCoreTest, IngestIsIdempotentOnContent) {
  auto first = core_->IngestArticle(Ingest(kBody));
  ASSERT_THAT(first, IsOk());
  EXPECT_FALSE(first->already_existed());
  // CRLF line endings normalise to the same body, hence the same article.
  std::string crlf = kBody;
  for (size_t pos = 0; (pos = crlf.find('\n', pos)) != std::string::npos;
       pos += 2) {
    crlf.replace(pos, 1, "\r\n");
  }
  auto second = core_->IngestArticle(Ingest(crlf));
  ASSERT_THAT(second, IsOk());
  EXPECT_TRUE(second->already_existed());
  EXPECT_EQ(second->article().id(), first->article().id());
  EXPECT_EQ(second->statements_size(), first->statements_size());
  EXPECT_EQ(ArticleCount(), 1);
}

TEST_F(ClaimsCoreTest, IngestRejectsBadInputAndChangesNothing) {
  ASSERT_THAT(core_->IngestArticle(Ingest(kBody, "kept")), IsOk());
  EXPECT_THAT(core_->IngestArticle(v1::IngestArticleRequest()),
              StatusIs(absl::StatusCode::kInvalidArgument, "article"));
  EXPECT_THAT(core_->IngestArticle(Ingest("   \n ")),
              StatusIs(absl::StatusCode::kInvalidArgument, "article.body"));
  EXPECT_THAT(core_->IngestArticle(Ingest("bad \xC3\x28 bytes")),
              StatusIs(absl::StatusCode::kInvalidArgument, "UTF-8"));
  EXPECT_THAT(core_->IngestArticle(Ingest(std::string(5000, 'a'))),
              StatusIs(absl::StatusCode::kResourceExhausted, "4096"));
  EXPECT_THAT(core_->IngestArticle(Ingest("Fine text.", "bad/id")),
              StatusIs(absl::StatusCode::kInvalidArgument, "article.id"));
  EXPECT_THAT(core_->IngestArticle(Ingest("Other text here.", "kept")),
              StatusHasCode(absl::StatusCode::kAlreadyExists));
  v1::IngestArticleRequest german = Ingest("Ein Satz.");
  german.mutable_article()->set_language("de");
  EXPECT_THAT(core_->IngestArticle(german),
              StatusIs(absl::StatusCode::kInvalidArgument, "language"));
  EXPECT_EQ(ArticleCount(), 1);
}

TEST_F(ClaimsCoreTest, GetAndDeleteArticle) {
  auto ingested = core_->IngestArticle(Ingest(kBody, "ferry-1"));
  ASSERT_THAT(ingested, IsOk());
  v1::GetArticleRequest get;
  get.set_id("ferry-1");
  auto article = core_->GetArticle(get);
  ASSERT_THAT(article, IsOk());
  EXPECT_EQ(article->body(), ingested->article().body());

  v1::DeleteArticleRequest del;
  del.set_id("ferry-1");
  auto deleted = core_->DeleteArticle(del);
  ASSERT_THAT(deleted, IsOk());
  EXPECT_EQ(deleted->deleted_statements(), 4u);
  EXPECT_THAT(core_->GetArticle(get),
              StatusHasCode(absl::StatusCode::kNotFound));
  EXPECT_THAT(core_->DeleteArticle(del),
              StatusHasCode(absl::StatusCode::kNotFound));
  v1::GetStatementRequest statement;
  statement.set_id(ingested->statements(1).id());
  EXPECT_THAT(core_->GetStatement(statement),
              StatusHasCode(absl::StatusCode::kNotFound));
  get.set_id("");
  EXPECT_THAT(core_->GetArticle(get),
              StatusHasCode(absl::StatusCode::kInvalidArgument));
}

TEST_F(ClaimsCoreTest, ListArticlesPagesWithOpaqueTokens) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_THAT(core_->IngestArticle(
                    Ingest("Story number " + std::to_string(i) + " is here.",
                           "art-" + std::to_string(i))),
                IsOk());
  }
  v1::ListArticlesRequest request;
  request.set_page_size(2);
  std::vector<std::string> ids;
  int pages = 0;
  do {
    auto page = core_->ListArticles(request);
    ASSERT_THAT(page, IsOk());
    for (const v1::Article& a : page->articles()) {
      ids.push_back(a.id());
      EXPECT_TRUE(a.body().empty());
    }
    request.set_page_token(page->next_page_token());
    ++pages;
  } while (!request.page_token().empty());
  EXPECT_EQ(pages, 3);
  EXPECT_THAT(ids, ElementsAre("art-0", "art-1", "art-2", "art-3", "art-4"));

  request.set_page_token("not a token");
  EXPECT_THAT(core_->ListArticles(request),
              StatusIs(absl::StatusCode::kInvalidArgument, "page_token"));
  // A token for another listing is refused too.
  request.set_page_token(EncodePageToken("statements-by-article", "x", "y"));
  EXPECT_THAT(core_->ListArticles(request),
              StatusIs(absl::StatusCode::kInvalidArgument, "page_token"));
  request.clear_page_token();
  request.set_page_size(-1);
  EXPECT_THAT(core_->ListArticles(request),
              StatusIs(absl::StatusCode::kInvalidArgument, "page_size"));
}

TEST_F(ClaimsCoreTest, ListArticlesFiltersByPublisher) {
  ASSERT_THAT(core_->IngestArticle(Ingest(kBody, "a")), IsOk());
  v1::IngestArticleRequest other = Ingest("Another paper's story.", "b");
  other.mutable_article()->set_publisher("Eastbay Times");
  ASSERT_THAT(core_->IngestArticle(other), IsOk());
  v1::ListArticlesRequest request;
  request.mutable_filter()->set_publisher("Eastbay Times");
  auto page = core_->ListArticles(request);
  ASSERT_THAT(page, IsOk());
  ASSERT_THAT(page->articles(), SizeIs(1));
  EXPECT_EQ(page->articles(0).id(), "b");
}

TEST_F(ClaimsCoreTest, ListStatementsByArticleAndSpeaker) {
  ASSERT_THAT(core_->IngestArticle(Ingest(kBody, "ferry")), IsOk());
  v1::ListStatementsRequest request;
  request.set_article_id("ferry");
  request.set_page_size(3);
  auto first = core_->ListStatements(request);
  ASSERT_THAT(first, IsOk());
  EXPECT_THAT(first->statements(), SizeIs(3));
  ASSERT_FALSE(first->next_page_token().empty());
  request.set_page_token(first->next_page_token());
  auto second = core_->ListStatements(request);
  ASSERT_THAT(second, IsOk());
  EXPECT_THAT(second->statements(), SizeIs(1));
  EXPECT_TRUE(second->next_page_token().empty());

  // A statement added by hand with a speaker is found by any of the
  // speaker's names, case-insensitively.
  v1::AddStatementRequest add;
  add.set_article_id("ferry");
  add.set_text("The ferry will be electric.");
  add.mutable_attribution()->set_kind(v1::ATTRIBUTION_KIND_INDIRECT);
  add.mutable_attribution()->mutable_speaker()->set_name("Maria Lopez");
  auto added = core_->AddStatement(add);
  ASSERT_THAT(added, IsOk());
  EXPECT_EQ(added->article_id(), "ferry");
  v1::ListStatementsRequest by_speaker;
  by_speaker.set_speaker("lopez");
  auto spoken = core_->ListStatements(by_speaker);
  ASSERT_THAT(spoken, IsOk());
  // Ingest attributed the article's own "Maria Lopez said ..." sentence;
  // the hand-added statement follows it in id order.
  ASSERT_EQ(spoken->statements_size(), 2);
  EXPECT_THAT(spoken->statements(0).text(), HasSubstr("would start in March"));
  EXPECT_EQ(spoken->statements(0).attribution().speaker().canonical_name(),
            "Maria Lopez");
  EXPECT_EQ(spoken->statements(1).id(), added->id());

  v1::ListStatementsRequest neither;
  EXPECT_THAT(core_->ListStatements(neither),
              StatusIs(absl::StatusCode::kInvalidArgument, "exactly one"));
  v1::ListStatementsRequest unknown;
  unknown.set_article_id("nope");
  EXPECT_THAT(core_->ListStatements(unknown),
              StatusHasCode(absl::StatusCode::kNotFound));
}

TEST_F(ClaimsCoreTest, AddStatementValidates) {
  ASSERT_THAT(core_->IngestArticle(Ingest(kBody, "ferry")), IsOk());
  v1::AddStatementRequest add;
  add.set_article_id("missing");
  add.set_text("Something.");
  EXPECT_THAT(core_->AddStatement(add),
              StatusHasCode(absl::StatusCode::kNotFound));
  add.set_article_id("ferry");
  add.set_text("");
  EXPECT_THAT(core_->AddStatement(add),
              StatusIs(absl::StatusCode::kInvalidArgument, "text"));
  add.set_text("Quoted without a speaker.");
  add.mutable_attribution()->set_kind(v1::ATTRIBUTION_KIND_DIRECT_QUOTE);
  EXPECT_THAT(core_->AddStatement(add),
              StatusIs(absl::StatusCode::kInvalidArgument, "speaker"));
}

TEST_F(ClaimsCoreTest, SearchRanksAndScopes) {
  ASSERT_THAT(core_->IngestArticle(Ingest(kBody, "ferry")), IsOk());
  ASSERT_THAT(
      core_->IngestArticle(Ingest(
          "The council also discussed parking fees on Tuesday.", "parking")),
      IsOk());
  v1::SearchStatementsRequest request;
  request.set_query("ferry passengers");
  auto response = core_->SearchStatements(request);
  ASSERT_THAT(response, IsOk());
  ASSERT_FALSE(response->hits().empty());
  EXPECT_THAT(response->hits(0).statement().text(), HasSubstr("passengers"));

  request.set_query("council Tuesday");
  request.add_article_ids("parking");
  response = core_->SearchStatements(request);
  ASSERT_THAT(response, IsOk());
  for (const v1::SearchHit& hit : response->hits()) {
    EXPECT_EQ(hit.statement().article_id(), "parking");
  }
  request.add_article_ids("unknown");
  EXPECT_THAT(core_->SearchStatements(request),
              StatusHasCode(absl::StatusCode::kNotFound));
  request.clear_article_ids();
  request.set_query("");
  EXPECT_THAT(core_->SearchStatements(request),
              StatusIs(absl::StatusCode::kInvalidArgument, "query"));
  request.set_query(std::string(300, 'q'));
  EXPECT_THAT(core_->SearchStatements(request),
              StatusHasCode(absl::StatusCode::kResourceExhausted));
}

TEST_F(ClaimsCoreTest, SearchFiltersBySpeaker) {
  ASSERT_THAT(core_->IngestArticle(Ingest(
                  "Mayor Ann Lee said the ferry would start in March. The "
                  "ferry will carry 400 passengers, engineer Tom Reed said. "
                  "The ferry costs $12 million.",
                  "ferry")),
              IsOk());
  v1::SearchStatementsRequest request;
  request.set_query("ferry");
  auto all = core_->SearchStatements(request);
  ASSERT_THAT(all, IsOk());
  EXPECT_EQ(all->hits_size(), 3);

  request.set_speaker("Reed");
  auto reed = core_->SearchStatements(request);
  ASSERT_THAT(reed, IsOk());
  ASSERT_EQ(reed->hits_size(), 1);
  EXPECT_THAT(reed->hits(0).statement().text(), HasSubstr("400 passengers"));

  request.set_speaker("Nobody Known");
  auto none = core_->SearchStatements(request);
  ASSERT_THAT(none, IsOk());
  EXPECT_EQ(none->hits_size(), 0);

  request.set_speaker("Ann Lee");
  request.add_article_ids("ferry");
  auto lee = core_->SearchStatements(request);
  ASSERT_THAT(lee, IsOk());
  ASSERT_EQ(lee->hits_size(), 1);
  EXPECT_THAT(lee->hits(0).statement().text(), HasSubstr("March"));
}

}  // namespace
}  // namespace factcheck::claims
