// ClaimsService through a real gRPC server and the generated stub: every RPC,
// and every documented error with its exact code. A rejected request must
// leave the store unchanged.

#include <memory>
#include <string>

#include "factcheck/v1/claims_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/support/status.h"
#include "gtest/gtest.h"
#include "services/server/server.h"
#include "tests/grpc/test_server.h"
#include "tests/testing/status_matchers.h"

namespace factcheck {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr size_t kMaxArticleBytes = 4096;

class ClaimsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto options = testing::TestServerOptions(&log_);
    options.claims.max_article_bytes = kMaxArticleBytes;
    FC_ASSERT_OK_AND_ASSIGN(server_, server::FactcheckServer::Start(options));
    stub_ = v1::ClaimsService::NewStub(testing::ChannelTo(server_->port()));
  }

  grpc::Status Ingest(const std::string& body,
                      v1::IngestArticleResponse* response,
                      const std::string& id = "") {
    v1::IngestArticleRequest request;
    request.mutable_article()->set_body(body);
    request.mutable_article()->set_id(id);
    request.mutable_article()->set_title("Modi and Xi");
    return stub_->IngestArticle(testing::Context().get(), request, response);
  }

  // Every article id, for "the store is unchanged" checks.
  std::vector<std::string> ArticleIds() {
    v1::ListArticlesRequest request;
    request.set_page_size(1000);
    v1::ListArticlesResponse response;
    grpc::Status status =
        stub_->ListArticles(testing::Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> ids;
    for (const auto& article : response.articles()) ids.push_back(article.id());
    return ids;
  }

  testing::CapturingLogSink log_;
  std::unique_ptr<server::FactcheckServer> server_;
  std::unique_ptr<v1::ClaimsService::Stub> stub_;
};

TEST_F(ClaimsServiceTest, IngestIsIdempotentOnContent) {
  v1::IngestArticleResponse first;
  ASSERT_TRUE(Ingest(testing::kArticleBody, &first).ok());
  EXPECT_FALSE(first.already_existed());
  EXPECT_FALSE(first.article().id().empty());
  EXPECT_GT(first.statements_size(), 3);
  EXPECT_EQ(first.article().statement_count(),
            static_cast<uint32_t>(first.statements_size()));

  v1::IngestArticleResponse second;
  ASSERT_TRUE(Ingest(testing::kArticleBody, &second).ok());
  EXPECT_TRUE(second.already_existed());
  EXPECT_EQ(second.article().id(), first.article().id());
  EXPECT_THAT(ArticleIds(), SizeIs(1));
}

TEST_F(ClaimsServiceTest, GetListAndDeleteArticle) {
  v1::IngestArticleResponse ingested;
  ASSERT_TRUE(Ingest(testing::kArticleBody, &ingested, "sco-1").ok());
  EXPECT_EQ(ingested.article().id(), "sco-1");

  v1::GetArticleRequest get;
  get.set_id("sco-1");
  v1::Article article;
  ASSERT_TRUE(stub_->GetArticle(testing::Context().get(), get, &article).ok());
  EXPECT_EQ(article.body(), testing::kArticleBody);
  EXPECT_EQ(article.title(), "Modi and Xi");

  EXPECT_THAT(ArticleIds(), ::testing::ElementsAre("sco-1"));

  v1::DeleteArticleRequest del;
  del.set_id("sco-1");
  v1::DeleteArticleResponse deleted;
  ASSERT_TRUE(
      stub_->DeleteArticle(testing::Context().get(), del, &deleted).ok());
  EXPECT_EQ(deleted.deleted_statements(),
            static_cast<uint32_t>(ingested.statements_size()));
  EXPECT_THAT(ArticleIds(), ::testing::IsEmpty());

  grpc::Status again =
      stub_->DeleteArticle(testing::Context().get(), del, &deleted);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::NOT_FOUND);
  grpc::Status gone =
      stub_->GetArticle(testing::Context().get(), get, &article);
  EXPECT_EQ(gone.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(ClaimsServiceTest, ListArticlesPages) {
  v1::IngestArticleResponse ignored;
  ASSERT_TRUE(Ingest("First article. It has 2 sentences.", &ignored, "a").ok());
  ASSERT_TRUE(Ingest("Second article. It has 3 words.", &ignored, "b").ok());

  v1::ListArticlesRequest request;
  request.set_page_size(1);
  v1::ListArticlesResponse page1;
  ASSERT_TRUE(
      stub_->ListArticles(testing::Context().get(), request, &page1).ok());
  ASSERT_THAT(page1.articles(), SizeIs(1));
  EXPECT_EQ(page1.articles(0).id(), "a");
  ASSERT_FALSE(page1.next_page_token().empty());

  request.set_page_token(page1.next_page_token());
  v1::ListArticlesResponse page2;
  ASSERT_TRUE(
      stub_->ListArticles(testing::Context().get(), request, &page2).ok());
  ASSERT_THAT(page2.articles(), SizeIs(1));
  EXPECT_EQ(page2.articles(0).id(), "b");
}

TEST_F(ClaimsServiceTest, StatementsGetListSearchAdd) {
  v1::IngestArticleResponse ingested;
  ASSERT_TRUE(Ingest(testing::kArticleBody, &ingested, "sco").ok());
  ASSERT_GT(ingested.statements_size(), 0);

  v1::GetStatementRequest get;
  get.set_id(ingested.statements(0).id());
  v1::Statement statement;
  ASSERT_TRUE(
      stub_->GetStatement(testing::Context().get(), get, &statement).ok());
  EXPECT_EQ(statement.text(), ingested.statements(0).text());

  v1::ListStatementsRequest list;
  list.set_article_id("sco");
  v1::ListStatementsResponse listed;
  ASSERT_TRUE(
      stub_->ListStatements(testing::Context().get(), list, &listed).ok());
  EXPECT_EQ(listed.statements_size(), ingested.statements_size());

  // The quote is attributed to Xi; listing by the short name finds it.
  const v1::Statement* quoted = nullptr;
  for (const v1::Statement& s : ingested.statements()) {
    if (s.attribution().kind() == v1::ATTRIBUTION_KIND_DIRECT_QUOTE) {
      quoted = &s;
    }
  }
  ASSERT_NE(quoted, nullptr) << "no direct quote found in the article";
  v1::ListStatementsRequest by_speaker;
  by_speaker.set_speaker("Xi");
  v1::ListStatementsResponse xi;
  ASSERT_TRUE(
      stub_->ListStatements(testing::Context().get(), by_speaker, &xi).ok());
  ASSERT_GE(xi.statements_size(), 1)
      << "speaker of the quote: " << quoted->attribution().DebugString();
  EXPECT_EQ(xi.statements(0).id(), quoted->id());

  v1::SearchStatementsRequest search;
  search.set_query("tariffs on Indian exports");
  v1::SearchStatementsResponse hits;
  ASSERT_TRUE(
      stub_->SearchStatements(testing::Context().get(), search, &hits).ok());
  ASSERT_GE(hits.hits_size(), 1);
  EXPECT_THAT(hits.hits(0).statement().text(), HasSubstr("tariffs"));

  v1::AddStatementRequest add;
  add.set_article_id("sco");
  add.set_text("The summit ended on Monday.");
  v1::Statement added;
  ASSERT_TRUE(stub_->AddStatement(testing::Context().get(), add, &added).ok());
  EXPECT_EQ(added.article_id(), "sco");
  ASSERT_TRUE(
      stub_->ListStatements(testing::Context().get(), list, &listed).ok());
  EXPECT_EQ(listed.statements_size(), ingested.statements_size() + 1);
}

TEST_F(ClaimsServiceTest, NotFoundForUnknownIds) {
  v1::GetArticleRequest get;
  get.set_id("no-such-article");
  v1::Article article;
  EXPECT_EQ(
      stub_->GetArticle(testing::Context().get(), get, &article).error_code(),
      grpc::StatusCode::NOT_FOUND);

  v1::GetStatementRequest get_statement;
  get_statement.set_id("no-such-article:000001");
  v1::Statement statement;
  EXPECT_EQ(
      stub_->GetStatement(testing::Context().get(), get_statement, &statement)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);

  v1::AddStatementRequest add;
  add.set_article_id("no-such-article");
  add.set_text("Something happened.");
  EXPECT_EQ(stub_->AddStatement(testing::Context().get(), add, &statement)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ClaimsServiceTest, RejectedRequestsChangeNothing) {
  v1::IngestArticleResponse ingested;
  ASSERT_TRUE(Ingest(testing::kArticleBody, &ingested, "kept").ok());
  const std::vector<std::string> before = ArticleIds();
  v1::IngestArticleResponse response;

  grpc::Status empty = Ingest("", &response);
  EXPECT_EQ(empty.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << empty.error_message();
  EXPECT_EQ(ArticleIds(), before);

  grpc::Status oversized =
      Ingest(std::string(kMaxArticleBytes + 1, 'a'), &response);
  EXPECT_EQ(oversized.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
      << oversized.error_message();
  EXPECT_EQ(ArticleIds(), before);

  // bytes fields would take this, but `body` is a proto3 string: the
  // server must refuse invalid UTF-8 before storing anything. The stub
  // serialises it (protobuf only logs a warning on the client).
  grpc::Status bad_utf8 =
      Ingest("Caf\xC3 au lait. It costs 3 euros.", &response);
  EXPECT_EQ(bad_utf8.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << bad_utf8.error_message();
  EXPECT_EQ(ArticleIds(), before);

  v1::ListArticlesRequest bad_token;
  bad_token.set_page_token("not-a-token!");
  v1::ListArticlesResponse listed;
  EXPECT_EQ(stub_->ListArticles(testing::Context().get(), bad_token, &listed)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  v1::ListStatementsRequest both;
  both.set_article_id("kept");
  both.set_speaker("Xi");
  v1::ListStatementsResponse statements;
  EXPECT_EQ(stub_->ListStatements(testing::Context().get(), both, &statements)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  v1::SearchStatementsRequest empty_query;
  v1::SearchStatementsResponse hits;
  EXPECT_EQ(
      stub_->SearchStatements(testing::Context().get(), empty_query, &hits)
          .error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);

  v1::AddStatementRequest empty_text;
  empty_text.set_article_id("kept");
  v1::Statement statement;
  EXPECT_EQ(
      stub_->AddStatement(testing::Context().get(), empty_text, &statement)
          .error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);

  EXPECT_EQ(ArticleIds(), before);
  v1::GetArticleRequest get;
  get.set_id("kept");
  v1::Article article;
  ASSERT_TRUE(stub_->GetArticle(testing::Context().get(), get, &article).ok());
  EXPECT_EQ(article.statement_count(),
            static_cast<uint32_t>(ingested.statements_size()));
}

TEST_F(ClaimsServiceTest, LogsOneLinePerRequest) {
  v1::IngestArticleResponse response;
  ASSERT_TRUE(Ingest(testing::kArticleBody, &response, "logged").ok());
  v1::GetArticleRequest get;
  get.set_id("missing");
  v1::Article article;
  EXPECT_FALSE(stub_->GetArticle(testing::Context().get(), get, &article).ok());

  const std::vector<std::string> lines = log_.lines();
  ASSERT_THAT(lines, SizeIs(2));
  EXPECT_THAT(lines[0], HasSubstr("\"rpc\":\"IngestArticle\""));
  EXPECT_THAT(lines[0], HasSubstr("\"code\":\"OK\""));
  EXPECT_THAT(lines[0], HasSubstr("\"article_id\":\"logged\""));
  EXPECT_THAT(lines[1], HasSubstr("\"rpc\":\"GetArticle\""));
  EXPECT_THAT(lines[1], HasSubstr("\"code\":\"NOT_FOUND\""));
  EXPECT_THAT(lines[1], HasSubstr("\"peer\":\"ipv4:127.0.0.1:"));
}

}  // namespace
}  // namespace factcheck
