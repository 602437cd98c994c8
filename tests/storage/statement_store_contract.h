#ifndef FACTCHECK_TESTS_STORAGE_STATEMENT_STORE_CONTRACT_H_
#define FACTCHECK_TESTS_STORAGE_STATEMENT_STORE_CONTRACT_H_

// The StatementStore contract, as one value-parameterised fixture. Each
// implementation's test file includes this header once and instantiates
// StatementStoreContractTest with a StoreFactory.

#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "factcheck/v1/article.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/bm25.h"
#include "storage/statement_store.h"
#include "tests/storage/store_test_util.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace factcheck::storage {
namespace contract {

using ::factcheck::testing::IsOk;
using ::factcheck::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;

// Makes a fresh, empty store; `dir` is a per-test directory it may use.
struct StoreFactory {
  std::string name;
  std::function<std::unique_ptr<StatementStore>(const std::string& dir)> make;
};

// gtest prints the parameter by name instead of its bytes.
inline void PrintTo(const StoreFactory& factory, std::ostream* os) {
  *os << factory.name;
}

class StatementStoreContractTest
    : public ::testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override {
    store_ = GetParam().make(dir_.Sub("db"));
    ASSERT_NE(store_, nullptr);
  }

  // Puts an article and fails the test when that does not work.
  std::vector<v1::Statement> Put(const v1::Article& article,
                                 std::vector<IndexedStatement> statements) {
    auto put = store_->PutArticle(article, std::move(statements));
    EXPECT_THAT(put, IsOk());
    return put.ok() ? *put : std::vector<v1::Statement>{};
  }

  uint64_t Count() {
    auto n = store_->StatementCount();
    EXPECT_THAT(n, IsOk());
    return n.ok() ? *n : 0;
  }

  std::vector<ScoredStatement> Search(
      const std::vector<std::string>& terms,
      const std::vector<std::string>& scope = {}, int limit = 10) {
    auto hits = store_->Search(terms, scope, limit);
    EXPECT_THAT(hits, IsOk());
    return hits.ok() ? *hits : std::vector<ScoredStatement>{};
  }

  ::factcheck::testing::TempDir dir_;
  std::unique_ptr<StatementStore> store_;
};

TEST_P(StatementStoreContractTest, PutThenGetArticleAndStatements) {
  v1::Article article = MakeArticle("a1", "Reuters", 1'700'000'000);
  (*article.mutable_labels())["desk"] = "politics";
  std::vector<v1::Statement> stored =
      Put(article, {MakeStatement("Modi met Xi.", {"modi", "meet", "xi"},
                                  {"narendra modi", "modi"}),
                    MakeStatement("Tariffs rose.", {"tariff", "rise"})});
  EXPECT_THAT(Ids(stored), ElementsAre("a1:000000", "a1:000001"));
  EXPECT_EQ(stored[0].article_id(), "a1");
  EXPECT_EQ(stored[1].text(), "Tariffs rose.");

  FC_ASSERT_OK_AND_ASSIGN(v1::Article got, store_->GetArticle("a1"));
  EXPECT_EQ(got.statement_count(), 2u);
  EXPECT_EQ(got.body(), article.body());
  EXPECT_EQ(got.published_at().seconds(), 1'700'000'000);
  EXPECT_EQ(got.labels().at("desk"), "politics");

  FC_ASSERT_OK_AND_ASSIGN(v1::Statement s, store_->GetStatement("a1:000001"));
  EXPECT_EQ(s.text(), "Tariffs rose.");
  EXPECT_EQ(s.id(), "a1:000001");
  EXPECT_EQ(s.article_id(), "a1");

  FC_ASSERT_OK_AND_ASSIGN(auto listed, store_->ListStatementsByArticle("a1"));
  EXPECT_THAT(Ids(listed), ElementsAre("a1:000000", "a1:000001"));

  FC_ASSERT_OK_AND_ASSIGN(auto found, store_->FindArticleByHash("sha-a1"));
  EXPECT_THAT(found, Optional(std::string("a1")));
  FC_ASSERT_OK_AND_ASSIGN(auto none, store_->FindArticleByHash("sha-zz"));
  EXPECT_EQ(none, std::nullopt);
  EXPECT_EQ(Count(), 2u);
}

TEST_P(StatementStoreContractTest, ArticleWithoutStatements) {
  EXPECT_THAT(Ids(Put(MakeArticle("empty"), {})), IsEmpty());
  FC_ASSERT_OK_AND_ASSIGN(auto listed,
                          store_->ListStatementsByArticle("empty"));
  EXPECT_THAT(Ids(listed), IsEmpty());
  FC_ASSERT_OK_AND_ASSIGN(v1::Article got, store_->GetArticle("empty"));
  EXPECT_EQ(got.statement_count(), 0u);
  EXPECT_EQ(Count(), 0u);
}

TEST_P(StatementStoreContractTest, UnknownIdsAreNotFound) {
  Put(MakeArticle("a1"), {MakeStatement("One.", {"one"})});
  EXPECT_THAT(store_->GetArticle("nope"),
              StatusIs(absl::StatusCode::kNotFound, "nope"));
  EXPECT_THAT(store_->GetArticle("bad id!"),
              StatusIs(absl::StatusCode::kNotFound, ""));
  EXPECT_THAT(store_->ListStatementsByArticle("nope"),
              StatusIs(absl::StatusCode::kNotFound, "nope"));
  EXPECT_THAT(store_->DeleteArticle("nope"),
              StatusIs(absl::StatusCode::kNotFound, "nope"));
  EXPECT_THAT(store_->AppendStatement("nope", MakeStatement("x", {"x"})),
              StatusIs(absl::StatusCode::kNotFound, "nope"));
  for (const char* id : {"", "a1", "a1:", "a1:0", "a1:00000", "a1:0000000",
                         "a1:00000x", "a1:-00001", ":000000", "a1:000001",
                         "zz:000000", "bad id:000000", "a1:000000:000000"}) {
    EXPECT_THAT(store_->GetStatement(id),
                StatusIs(absl::StatusCode::kNotFound, ""))
        << "id " << id;
  }
  FC_EXPECT_OK(store_->GetStatement("a1:000000"));
}

TEST_P(StatementStoreContractTest, InvalidInputIsRejectedAndStoresNothing) {
  v1::Article no_id = MakeArticle("x");
  no_id.clear_id();
  EXPECT_THAT(store_->PutArticle(no_id, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, "id"));
  EXPECT_THAT(store_->PutArticle(MakeArticle("has:colon"), {}),
              StatusIs(absl::StatusCode::kInvalidArgument, "id"));
  EXPECT_THAT(store_->PutArticle(MakeArticle(std::string(129, 'a')), {}),
              StatusIs(absl::StatusCode::kInvalidArgument, "id"));
  v1::Article no_hash = MakeArticle("nohash");
  no_hash.clear_content_sha256();
  EXPECT_THAT(store_->PutArticle(no_hash, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, "content_sha256"));
  EXPECT_THAT(
      store_->PutArticle(MakeArticle("badterm"),
                         {MakeStatement("x", {std::string("a\0b", 3)})}),
      StatusIs(absl::StatusCode::kInvalidArgument, "term"));
  EXPECT_THAT(store_->PutArticle(MakeArticle("badspeaker"),
                                 {MakeStatement("x", {"x"}, {""})}),
              StatusIs(absl::StatusCode::kInvalidArgument, "speaker"));
  FC_ASSERT_OK_AND_ASSIGN(auto all, store_->ListArticles("", 100, {}));
  EXPECT_THAT(Ids(all), IsEmpty());
  EXPECT_EQ(Count(), 0u);
}

TEST_P(StatementStoreContractTest,
       DuplicateIdIsAlreadyExistsAndChangesNothing) {
  Put(MakeArticle("a1"), {MakeStatement("One.", {"one"})});
  v1::Article again = MakeArticle("a1");
  again.set_content_sha256("another-hash");
  again.set_body("Another body.");
  EXPECT_THAT(store_->PutArticle(again, {MakeStatement("Two.", {"two"}),
                                         MakeStatement("Three.", {"three"})}),
              StatusIs(absl::StatusCode::kAlreadyExists, "a1"));
  FC_ASSERT_OK_AND_ASSIGN(v1::Article got, store_->GetArticle("a1"));
  EXPECT_EQ(got.body(), "Body of a1.");
  EXPECT_EQ(got.statement_count(), 1u);
  FC_ASSERT_OK_AND_ASSIGN(auto by_hash,
                          store_->FindArticleByHash("another-hash"));
  EXPECT_EQ(by_hash, std::nullopt);
  EXPECT_THAT(Ids(Search({"two"})), IsEmpty());
  EXPECT_EQ(Count(), 1u);
}

TEST_P(StatementStoreContractTest,
       DuplicateHashIsAlreadyExistsNamingTheExistingId) {
  Put(MakeArticle("a1"), {MakeStatement("One.", {"one"})});
  v1::Article copy = MakeArticle("a2");
  copy.set_content_sha256("sha-a1");
  EXPECT_THAT(store_->PutArticle(copy, {MakeStatement("Two.", {"two"})}),
              StatusIs(absl::StatusCode::kAlreadyExists, "a1"));
  EXPECT_THAT(store_->GetArticle("a2"),
              StatusIs(absl::StatusCode::kNotFound, ""));
  EXPECT_THAT(Ids(Search({"two"})), IsEmpty());
  EXPECT_EQ(Count(), 1u);
}

TEST_P(StatementStoreContractTest, ListArticlesPagesInIdOrder) {
  for (const char* id : {"c", "a", "e", "b", "d"}) Put(MakeArticle(id), {});
  FC_ASSERT_OK_AND_ASSIGN(auto page1, store_->ListArticles("", 2, {}));
  EXPECT_THAT(Ids(page1), ElementsAre("a", "b"));
  EXPECT_EQ(page1[0].body(), "Body of a.");  // Bodies are included.
  FC_ASSERT_OK_AND_ASSIGN(auto page2, store_->ListArticles("b", 2, {}));
  EXPECT_THAT(Ids(page2), ElementsAre("c", "d"));
  FC_ASSERT_OK_AND_ASSIGN(auto page3, store_->ListArticles("d", 2, {}));
  EXPECT_THAT(Ids(page3), ElementsAre("e"));
  FC_ASSERT_OK_AND_ASSIGN(auto page4, store_->ListArticles("e", 2, {}));
  EXPECT_THAT(Ids(page4), IsEmpty());
  // start_after need not be a stored id.
  FC_ASSERT_OK_AND_ASSIGN(auto between, store_->ListArticles("bb", 10, {}));
  EXPECT_THAT(Ids(between), ElementsAre("c", "d", "e"));
  FC_ASSERT_OK_AND_ASSIGN(auto none, store_->ListArticles("", 0, {}));
  EXPECT_THAT(Ids(none), IsEmpty());
}

TEST_P(StatementStoreContractTest, ListArticlesFiltersByPublisherAndTime) {
  const int64_t t0 = 1'700'000'000;
  Put(MakeArticle("a", "Reuters", t0), {});
  Put(MakeArticle("b", "AP", t0 + 10), {});
  Put(MakeArticle("c", "Reuters", t0 + 20), {});
  Put(MakeArticle("d", "Reuters", t0 + 30), {});
  Put(MakeArticle("e", "Reuters"), {});  // No published_at: the epoch.

  ArticleQuery reuters;
  reuters.publisher = "Reuters";
  FC_ASSERT_OK_AND_ASSIGN(auto r, store_->ListArticles("", 10, reuters));
  EXPECT_THAT(Ids(r), ElementsAre("a", "c", "d", "e"));

  ArticleQuery window;  // [t0 + 10, t0 + 30): after inclusive, before not.
  window.published_after = absl::FromUnixSeconds(t0 + 10);
  window.published_before = absl::FromUnixSeconds(t0 + 30);
  FC_ASSERT_OK_AND_ASSIGN(auto w, store_->ListArticles("", 10, window));
  EXPECT_THAT(Ids(w), ElementsAre("b", "c"));

  ArticleQuery both = window;
  both.publisher = "Reuters";
  FC_ASSERT_OK_AND_ASSIGN(auto rb, store_->ListArticles("", 10, both));
  EXPECT_THAT(Ids(rb), ElementsAre("c"));

  ArticleQuery after;
  after.published_after = absl::FromUnixSeconds(t0 + 10);
  FC_ASSERT_OK_AND_ASSIGN(auto p1, store_->ListArticles("", 2, after));
  EXPECT_THAT(Ids(p1), ElementsAre("b", "c"));
  FC_ASSERT_OK_AND_ASSIGN(auto p2, store_->ListArticles("c", 2, after));
  EXPECT_THAT(Ids(p2), ElementsAre("d"));

  ArticleQuery before;
  before.published_before = absl::FromUnixSeconds(t0);
  FC_ASSERT_OK_AND_ASSIGN(auto old, store_->ListArticles("", 10, before));
  EXPECT_THAT(Ids(old), ElementsAre("e"));

  ArticleQuery pre_epoch;
  pre_epoch.published_before = absl::FromUnixSeconds(-1);
  FC_ASSERT_OK_AND_ASSIGN(auto none, store_->ListArticles("", 10, pre_epoch));
  EXPECT_THAT(Ids(none), IsEmpty());
}

TEST_P(StatementStoreContractTest, DeleteRemovesEverythingAndRestoresStats) {
  Put(MakeArticle("keep"),
      {MakeStatement("Modi spoke on tariffs.", {"modi", "speak", "tariff"},
                     {"modi"}),
       MakeStatement("Trade grew.", {"trade", "grow"})});
  const std::vector<ScoredStatement> before = Search({"tariff", "trade"});
  ASSERT_EQ(before.size(), 2u);

  Put(MakeArticle("gone"),
      {MakeStatement("Modi imposed tariffs.", {"modi", "impose", "tariff"},
                     {"modi", "narendra modi"}),
       MakeStatement("Unique words here.", {"unique", "word"}, {"xi"}),
       MakeStatement("Trade tariff trade.", {"trade", "tariff", "trade"})});
  EXPECT_EQ(Count(), 5u);

  FC_ASSERT_OK_AND_ASSIGN(uint32_t deleted, store_->DeleteArticle("gone"));
  EXPECT_EQ(deleted, 3u);
  EXPECT_EQ(Count(), 2u);
  EXPECT_THAT(store_->GetArticle("gone"),
              StatusIs(absl::StatusCode::kNotFound, ""));
  EXPECT_THAT(store_->GetStatement("gone:000000"),
              StatusIs(absl::StatusCode::kNotFound, ""));
  EXPECT_THAT(store_->ListStatementsByArticle("gone"),
              StatusIs(absl::StatusCode::kNotFound, ""));
  FC_ASSERT_OK_AND_ASSIGN(auto by_hash, store_->FindArticleByHash("sha-gone"));
  EXPECT_EQ(by_hash, std::nullopt);
  EXPECT_THAT(Ids(Search({"unique"})), IsEmpty());
  FC_ASSERT_OK_AND_ASSIGN(auto modi,
                          store_->ListStatementsBySpeaker("modi", "", 10));
  EXPECT_THAT(Ids(modi), ElementsAre("keep:000000"));
  FC_ASSERT_OK_AND_ASSIGN(auto xi,
                          store_->ListStatementsBySpeaker("xi", "", 10));
  EXPECT_THAT(Ids(xi), IsEmpty());
  FC_ASSERT_OK_AND_ASSIGN(
      auto narendra, store_->ListStatementsBySpeaker("narendra modi", "", 10));
  EXPECT_THAT(Ids(narendra), IsEmpty());

  // Counters and document frequencies are back where they were.
  const std::vector<ScoredStatement> after = Search({"tariff", "trade"});
  ASSERT_EQ(after.size(), before.size());
  for (size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].statement.id(), before[i].statement.id());
    EXPECT_DOUBLE_EQ(after[i].score, before[i].score);
  }

  // The hash is free again; so is the id.
  v1::Article same_body = MakeArticle("reborn");
  same_body.set_content_sha256("sha-gone");
  FC_EXPECT_OK(store_->PutArticle(same_body, {}));
  v1::Article gone_again = MakeArticle("gone");
  gone_again.set_content_sha256("sha-gone-2");
  FC_EXPECT_OK(store_->PutArticle(gone_again, {}));
  EXPECT_THAT(store_->DeleteArticle("gone"), IsOk());
  EXPECT_THAT(store_->DeleteArticle("gone"),
              StatusIs(absl::StatusCode::kNotFound, ""));
}

TEST_P(StatementStoreContractTest, AppendStatementTakesTheNextSequence) {
  Put(MakeArticle("a1"),
      {MakeStatement("One.", {"one"}), MakeStatement("Two.", {"two"})});
  IndexedStatement extra =
      MakeStatement("Xi said three.", {"xi", "say", "three"}, {"xi"});
  extra.statement.set_id("ignored");
  FC_ASSERT_OK_AND_ASSIGN(v1::Statement added,
                          store_->AppendStatement("a1", extra));
  EXPECT_EQ(added.id(), "a1:000002");
  EXPECT_EQ(added.article_id(), "a1");
  EXPECT_EQ(added.text(), "Xi said three.");
  FC_ASSERT_OK_AND_ASSIGN(
      v1::Statement fourth,
      store_->AppendStatement("a1", MakeStatement("4", {})));
  EXPECT_EQ(fourth.id(), "a1:000003");

  FC_ASSERT_OK_AND_ASSIGN(v1::Article article, store_->GetArticle("a1"));
  EXPECT_EQ(article.statement_count(), 4u);
  FC_ASSERT_OK_AND_ASSIGN(auto listed, store_->ListStatementsByArticle("a1"));
  EXPECT_THAT(Ids(listed),
              ElementsAre("a1:000000", "a1:000001", "a1:000002", "a1:000003"));
  EXPECT_THAT(Ids(Search({"three"})), ElementsAre("a1:000002"));
  FC_ASSERT_OK_AND_ASSIGN(auto xi,
                          store_->ListStatementsBySpeaker("xi", "", 5));
  EXPECT_THAT(Ids(xi), ElementsAre("a1:000002"));
  EXPECT_EQ(Count(), 4u);

  FC_ASSERT_OK_AND_ASSIGN(uint32_t deleted, store_->DeleteArticle("a1"));
  EXPECT_EQ(deleted, 4u);
  EXPECT_EQ(Count(), 0u);
  EXPECT_THAT(Ids(Search({"three"})), IsEmpty());
}

TEST_P(StatementStoreContractTest, ListStatementsBySpeakerPagesInIdOrder) {
  // "a.b:..." sorts before "a:..." as a statement id (':' > '.'), although
  // article "a" sorts before "a.b".
  Put(MakeArticle("a"),
      {MakeStatement("s0", {"x"}, {"modi"}), MakeStatement("s1", {"x"}),
       MakeStatement("s2", {"x"}, {"modi", "xi"})});
  Put(MakeArticle("a.b"), {MakeStatement("t0", {"x"}, {"modi"})});
  Put(MakeArticle("b"), {MakeStatement("u0", {"x"}, {"modi", "modi"})});

  FC_ASSERT_OK_AND_ASSIGN(auto all,
                          store_->ListStatementsBySpeaker("modi", "", 10));
  EXPECT_THAT(Ids(all),
              ElementsAre("a.b:000000", "a:000000", "a:000002", "b:000000"));
  FC_ASSERT_OK_AND_ASSIGN(auto p1,
                          store_->ListStatementsBySpeaker("modi", "", 2));
  EXPECT_THAT(Ids(p1), ElementsAre("a.b:000000", "a:000000"));
  FC_ASSERT_OK_AND_ASSIGN(
      auto p2, store_->ListStatementsBySpeaker("modi", "a:000000", 2));
  EXPECT_THAT(Ids(p2), ElementsAre("a:000002", "b:000000"));
  FC_ASSERT_OK_AND_ASSIGN(
      auto p3, store_->ListStatementsBySpeaker("modi", "b:000000", 2));
  EXPECT_THAT(Ids(p3), IsEmpty());
  EXPECT_EQ(all[2].text(), "s2");

  FC_ASSERT_OK_AND_ASSIGN(auto nobody,
                          store_->ListStatementsBySpeaker("nobody", "", 10));
  EXPECT_THAT(Ids(nobody), IsEmpty());
  FC_ASSERT_OK_AND_ASSIGN(auto prefix_only,
                          store_->ListStatementsBySpeaker("mod", "", 10));
  EXPECT_THAT(Ids(prefix_only), IsEmpty());
  FC_ASSERT_OK_AND_ASSIGN(auto zero,
                          store_->ListStatementsBySpeaker("modi", "", 0));
  EXPECT_THAT(Ids(zero), IsEmpty());
}

TEST_P(StatementStoreContractTest, SearchScoresAreBm25) {
  // N = 3, lengths 2 + 4 + 2, avgdl = 8/3.
  Put(MakeArticle("a"), {MakeStatement("", {"tariff", "india"}),
                         MakeStatement("", {"tariff", "tariff", "us", "rise"}),
                         MakeStatement("", {"summit", "china"})});
  const double avgdl = 8.0 / 3.0;
  const auto weight = [&](double df, double tf, double len) {
    const double idf = std::log(1.0 + (3.0 - df + 0.5) / (df + 0.5));
    return idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * len / avgdl));
  };
  const std::vector<ScoredStatement> hits = Search({"tariff", "india"});
  ASSERT_THAT(Ids(hits), ElementsAre("a:000000", "a:000001"));
  EXPECT_NEAR(hits[0].score, weight(2, 1, 2) + weight(1, 1, 2), 1e-9);
  EXPECT_NEAR(hits[1].score, weight(2, 2, 4), 1e-9);
  EXPECT_NEAR(Bm25Idf(3, 1), std::log(1.0 + 2.5 / 1.5), 1e-12);
  // A query term repeated counts once.
  const std::vector<ScoredStatement> repeated =
      Search({"india", "tariff", "india"});
  ASSERT_EQ(repeated.size(), 2u);
  EXPECT_NEAR(repeated[0].score, hits[0].score, 1e-9);
}

TEST_P(StatementStoreContractTest, SearchRanksRareTermsFirstAndHonoursScope) {
  // "tariff" is everywhere; "xi" is rare.
  Put(MakeArticle("a"),
      {MakeStatement("", {"tariff", "us"}), MakeStatement("", {"tariff", "xi"}),
       MakeStatement("", {"tariff", "india"})});
  Put(MakeArticle("b"), {MakeStatement("", {"tariff", "china"}),
                         MakeStatement("", {"tariff", "summit"})});
  const std::vector<ScoredStatement> hits = Search({"tariff", "xi"});
  ASSERT_EQ(hits.size(), 5u);
  EXPECT_EQ(hits[0].statement.id(), "a:000001");
  EXPECT_GT(hits[0].score, hits[1].score);
  // The rest tie (same tf, same length): ordered by id.
  EXPECT_THAT(Ids(hits), ElementsAre("a:000001", "a:000000", "a:000002",
                                     "b:000000", "b:000001"));
  EXPECT_DOUBLE_EQ(hits[1].score, hits[4].score);

  EXPECT_THAT(Ids(Search({"tariff", "xi"}, {}, 2)),
              ElementsAre("a:000001", "a:000000"));
  EXPECT_THAT(Ids(Search({"tariff", "xi"}, {"b"})),
              ElementsAre("b:000000", "b:000001"));
  EXPECT_THAT(Ids(Search({"xi"}, {"b"})), IsEmpty());
  EXPECT_THAT(Ids(Search({"xi"}, {"a", "b", "a"})), ElementsAre("a:000001"));
  EXPECT_THAT(Ids(Search({"tariff"}, {"nope"})), IsEmpty());
  EXPECT_THAT(Ids(Search({"tariff"}, {"bad id!"})), IsEmpty());
  EXPECT_THAT(Ids(Search({"unknown"})), IsEmpty());
  EXPECT_THAT(Ids(Search({})), IsEmpty());
  EXPECT_THAT(Ids(Search({"tariff"}, {}, 0)), IsEmpty());
  // Terms match exactly, not by prefix.
  EXPECT_THAT(Ids(Search({"tarif"})), IsEmpty());
}

TEST_P(StatementStoreContractTest, ScopeDoesNotMatchArticleIdPrefixes) {
  Put(MakeArticle("a"), {MakeStatement("", {"word"})});
  Put(MakeArticle("ab"), {MakeStatement("", {"word"})});
  Put(MakeArticle("a.b"), {MakeStatement("", {"word"})});
  EXPECT_THAT(Ids(Search({"word"}, {"a"})), ElementsAre("a:000000"));
}

TEST_P(StatementStoreContractTest, SearchOnEmptyStore) {
  EXPECT_THAT(Ids(Search({"anything"})), IsEmpty());
  EXPECT_EQ(Count(), 0u);
}

TEST_P(StatementStoreContractTest, ArticleCountAndSizeFollowWrites) {
  FC_ASSERT_OK_AND_ASSIGN(uint64_t empty_articles, store_->ArticleCount());
  EXPECT_EQ(empty_articles, 0u);
  FC_ASSERT_OK_AND_ASSIGN(uint64_t empty_bytes, store_->ApproximateSizeBytes());

  Put(MakeArticle("a"), {MakeStatement("Modi met Xi in Tianjin.",
                                       {"modi", "meet", "xi", "tianjin"})});
  Put(MakeArticle("b"), {});
  FC_ASSERT_OK_AND_ASSIGN(uint64_t two_articles, store_->ArticleCount());
  EXPECT_EQ(two_articles, 2u);
  FC_ASSERT_OK_AND_ASSIGN(uint64_t two_bytes, store_->ApproximateSizeBytes());
  EXPECT_GT(two_bytes, empty_bytes);

  // Refused writes and appends do not change the article count.
  EXPECT_THAT(store_->PutArticle(MakeArticle("a"), {}),
              StatusIs(absl::StatusCode::kAlreadyExists, "a"));
  FC_EXPECT_OK(store_->AppendStatement("b", MakeStatement("", {"word"})));
  FC_ASSERT_OK_AND_ASSIGN(uint64_t still_two, store_->ArticleCount());
  EXPECT_EQ(still_two, 2u);

  FC_ASSERT_OK(store_->DeleteArticle("a"));
  EXPECT_THAT(store_->DeleteArticle("a"),
              StatusIs(absl::StatusCode::kNotFound, "a"));
  FC_ASSERT_OK_AND_ASSIGN(uint64_t one_article, store_->ArticleCount());
  EXPECT_EQ(one_article, 1u);
}

TEST_P(StatementStoreContractTest, ConcurrentWritersKeepCountersConsistent) {
  constexpr int kThreads = 4;
  constexpr int kArticlesPerThread = 8;
  std::vector<std::thread> threads;
  std::vector<int> same_hash_wins(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kArticlesPerThread; ++i) {
        const std::string id = absl::StrCat("t", t, "-", i);
        EXPECT_THAT(
            store_->PutArticle(MakeArticle(id),
                               {MakeStatement("", {"shared", id}, {"all"}),
                                MakeStatement("", {"shared"})}),
            IsOk());
        if (i % 2 == 0) {
          EXPECT_THAT(store_->AppendStatement(id, MakeStatement("", {"extra"})),
                      IsOk());
        }
      }
      // Every thread races for the same content hash: exactly one wins.
      v1::Article racer = MakeArticle(absl::StrCat("race", t));
      racer.set_content_sha256("contested");
      if (store_->PutArticle(racer, {MakeStatement("", {"race"})}).ok()) {
        ++same_hash_wins[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();

  int wins = 0;
  for (int w : same_hash_wins) wins += w;
  EXPECT_EQ(wins, 1);
  const uint64_t expected = kThreads * kArticlesPerThread * 2 +
                            kThreads * (kArticlesPerThread / 2) + 1;
  EXPECT_EQ(Count(), expected);
  FC_ASSERT_OK_AND_ASSIGN(auto articles, store_->ListArticles("", 1000, {}));
  EXPECT_EQ(articles.size(), kThreads * kArticlesPerThread + 1u);
  FC_ASSERT_OK_AND_ASSIGN(uint64_t article_count, store_->ArticleCount());
  EXPECT_EQ(article_count, kThreads * kArticlesPerThread + 1u);
  FC_ASSERT_OK_AND_ASSIGN(auto all,
                          store_->ListStatementsBySpeaker("all", "", 1000));
  EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kArticlesPerThread));
  EXPECT_EQ(Search({"shared"}, {}, 1000).size(),
            static_cast<size_t>(kThreads * kArticlesPerThread * 2));
  FC_ASSERT_OK_AND_ASSIGN(v1::Article t0, store_->GetArticle("t0-0"));
  EXPECT_EQ(t0.statement_count(), 3u);
}

}  // namespace contract
}  // namespace factcheck::storage

#endif  // FACTCHECK_TESTS_STORAGE_STATEMENT_STORE_CONTRACT_H_
