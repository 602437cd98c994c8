// Unit tests of the storage helpers: key codec, status bridge, BM25,
// shared input normalisation.

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/status.h"
#include "storage/bm25.h"
#include "storage/key_codec.h"
#include "storage/rocksdb_status.h"
#include "storage/store_common.h"
#include "tests/testing/status_matchers.h"

namespace factcheck::storage {
namespace {

using ::factcheck::testing::IsOk;
using ::factcheck::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Pair;

TEST(KeyCodecTest, ArticleIds) {
  EXPECT_TRUE(IsValidArticleId("abc-DEF_1.2"));
  EXPECT_TRUE(IsValidArticleId(std::string(128, 'x')));
  EXPECT_FALSE(IsValidArticleId(std::string(129, 'x')));
  EXPECT_FALSE(IsValidArticleId(""));
  EXPECT_FALSE(IsValidArticleId("a:b"));
  EXPECT_FALSE(IsValidArticleId("a b"));
  EXPECT_FALSE(IsValidArticleId(std::string("a\0b", 3)));
}

TEST(KeyCodecTest, StatementIdsRoundTrip) {
  EXPECT_EQ(FormatStatementId("art", 7), "art:000007");
  EXPECT_EQ(FormatStatementId("art", 999'999), "art:999999");
  const std::optional<StatementRef> ref = ParseStatementId("a.b-c:000123");
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(ref->article_id, "a.b-c");
  EXPECT_EQ(ref->sequence, 123u);
  for (const char* bad :
       {"", "art", "art:", "art:12345", "art:1234567", ":000001", "a:b:000001",
        "art:00001a", "art:+00001", "a b:000001"}) {
    EXPECT_EQ(ParseStatementId(bad), std::nullopt) << bad;
  }
}

TEST(KeyCodecTest, StatementKeysSortBySequenceWithinAnArticle) {
  const std::string k1 = StatementKey("a", 1);
  const std::string k256 = StatementKey("a", 256);
  EXPECT_LT(k1, k256);
  EXPECT_TRUE(k256.starts_with(StatementKeyPrefix("a")));
  EXPECT_FALSE(StatementKey("ab", 0).starts_with(StatementKeyPrefix("a")));
  const std::optional<StatementRef> ref = ParseStatementKey(k256);
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(ref->article_id, "a");
  EXPECT_EQ(ref->sequence, 256u);
  EXPECT_EQ(ParseStatementKey("a"), std::nullopt);
}

TEST(KeyCodecTest, PostingsAndSpeakerKeys) {
  const std::string key = PostingKey("tariff", "art", 3);
  EXPECT_TRUE(key.starts_with(PostingTermPrefix("tariff")));
  EXPECT_TRUE(key.starts_with(PostingArticlePrefix("tariff", "art")));
  EXPECT_FALSE(
      PostingKey("tariffs", "art", 3).starts_with(PostingTermPrefix("tariff")));
  const std::optional<StatementRef> ref = ParsePostingKey(key);
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(ref->article_id, "art");
  EXPECT_EQ(ref->sequence, 3u);

  const std::optional<PostingValue> posting =
      DecodePosting(EncodePosting({7, 4'000'000'000u}));
  ASSERT_TRUE(posting.has_value());
  EXPECT_EQ(posting->term_frequency, 7u);
  EXPECT_EQ(posting->doc_length, 4'000'000'000u);
  EXPECT_EQ(DecodePosting("1234567"), std::nullopt);

  const std::string speaker = SpeakerIndexKey("narendra modi", "a:000001");
  EXPECT_TRUE(speaker.starts_with(SpeakerIndexPrefix("narendra modi")));
  EXPECT_FALSE(speaker.starts_with(SpeakerIndexPrefix("narendra")));
  EXPECT_EQ(SpeakerIndexStatementId(speaker), "a:000001");
}

TEST(KeyCodecTest, TimeKeysSortByTimeIncludingBeforeTheEpoch) {
  const std::vector<int64_t> times = {std::numeric_limits<int64_t>::min(),
                                      -1'000'000,
                                      -1,
                                      0,
                                      1,
                                      1'700'000'000'000'000,
                                      std::numeric_limits<int64_t>::max()};
  for (size_t i = 1; i < times.size(); ++i) {
    EXPECT_LT(TimeKey(times[i - 1], "zzz"), TimeKey(times[i], "a"));
    EXPECT_LT(TimeKey(times[i - 1], "zzz"), TimeKeyBound(times[i]));
    EXPECT_LE(TimeKeyBound(times[i]), TimeKey(times[i], "a"));
  }
  EXPECT_EQ(TimeKeyArticleId(TimeKey(5, "art")), "art");
}

TEST(KeyCodecTest, Int64AndPrefixSuccessor) {
  for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{42},
                    std::numeric_limits<int64_t>::min()}) {
    EXPECT_EQ(DecodeInt64(EncodeInt64(v)), v);
  }
  EXPECT_EQ(DecodeInt64("short"), std::nullopt);
  EXPECT_EQ(PrefixSuccessor(std::string("ab\0", 3)), "ab\x01");
  EXPECT_EQ(PrefixSuccessor("a\xff"), "b");
  EXPECT_EQ(FamilyName(Family::kBySpeaker), "by_speaker");
}

TEST(KeyCodecTest, StoredStatementRoundTripsAndCorruptionIsDataLoss) {
  IndexedStatement s;
  s.statement.set_id("a:000001");
  s.statement.set_text("Modi met Xi.");
  s.term_frequencies = {{"meet", 1}, {"modi", 2}};
  s.length = 3;
  s.speaker_keys = {"modi"};
  FC_ASSERT_OK_AND_ASSIGN(IndexedStatement back,
                          DecodeStoredStatement(EncodeStoredStatement(s), "k"));
  EXPECT_EQ(back.statement.text(), "Modi met Xi.");
  EXPECT_THAT(back.term_frequencies,
              ElementsAre(Pair("meet", 1u), Pair("modi", 2u)));
  EXPECT_EQ(back.length, 3u);
  EXPECT_THAT(back.speaker_keys, ElementsAre("modi"));
  EXPECT_THAT(DecodeStoredStatement("\xff\xff\xff", "k"),
              StatusIs(absl::StatusCode::kDataLoss, "statement"));
  EXPECT_THAT(DecodeArticle("\xff\xff\xff", "k"),
              StatusIs(absl::StatusCode::kDataLoss, "article"));
}

TEST(RocksDbStatusTest, MapsEveryCode) {
  struct Case {
    rocksdb::Status in;
    absl::StatusCode out;
  };
  const std::vector<Case> cases = {
      {rocksdb::Status::OK(), absl::StatusCode::kOk},
      {rocksdb::Status::NotFound("x"), absl::StatusCode::kNotFound},
      {rocksdb::Status::Corruption("x"), absl::StatusCode::kDataLoss},
      {rocksdb::Status::NoSpace("x"), absl::StatusCode::kResourceExhausted},
      {rocksdb::Status::IOError("x"), absl::StatusCode::kUnavailable},
      {rocksdb::Status::Busy("x"), absl::StatusCode::kUnavailable},
      {rocksdb::Status::TryAgain("x"), absl::StatusCode::kUnavailable},
      {rocksdb::Status::Aborted("x"), absl::StatusCode::kAborted},
      {rocksdb::Status::TimedOut("x"), absl::StatusCode::kDeadlineExceeded},
      {rocksdb::Status::NotSupported("x"), absl::StatusCode::kUnimplemented},
      {rocksdb::Status::InvalidArgument("x"), absl::StatusCode::kInternal},
      {rocksdb::Status::ShutdownInProgress("x"),
       absl::StatusCode::kUnavailable},
      {rocksdb::Status::Incomplete("x"), absl::StatusCode::kInternal},
      {rocksdb::Status::MergeInProgress("x"), absl::StatusCode::kInternal},
  };
  for (const Case& c : cases) {
    const absl::Status s = FromRocksDbStatus(c.in, "ctx");
    EXPECT_EQ(s.code(), c.out) << c.in.ToString();
    if (!s.ok()) {
      EXPECT_TRUE(absl::StartsWith(s.message(), "ctx: ")) << s;
    }
  }
  EXPECT_TRUE(IsRocksDbNotFound(rocksdb::Status::NotFound()));
  EXPECT_FALSE(IsRocksDbNotFound(rocksdb::Status::OK()));
}

TEST(RocksDbStatusTest, LockErrorSaysTheDirectoryIsLocked) {
  EXPECT_THAT(
      FromRocksDbStatus(
          rocksdb::Status::IOError("While lock file: /d/LOCK",
                                   "Resource temporarily unavailable"),
          "opening"),
      StatusIs(absl::StatusCode::kUnavailable, "locked by another process"));
  EXPECT_THAT(FromRocksDbStatus(rocksdb::Status::IOError("disk gone"), "op"),
              StatusIs(absl::StatusCode::kUnavailable, "op: IO error"));
}

TEST(Bm25Test, IdfAndRanking) {
  EXPECT_NEAR(Bm25Idf(10, 1), std::log(1 + 9.5 / 1.5), 1e-12);
  EXPECT_GT(Bm25Idf(10, 1), Bm25Idf(10, 5));
  EXPECT_GT(Bm25Idf(10, 10), 0.0);  // The +1 keeps idf positive.

  Bm25Scorer scorer(/*corpus_size=*/4, /*total_length=*/8);  // avgdl 2.
  scorer.Add("b", 1.0, 1, 2);
  scorer.Add("a", 1.0, 1, 2);
  scorer.Add("c", 1.0, 1, 4);  // Longer: lower.
  scorer.Add("d", 1.0, 2, 2);  // More occurrences: higher.
  const auto top = scorer.Top(10);
  ASSERT_EQ(top.size(), 4u);
  EXPECT_EQ(top[0].first, "d");
  EXPECT_EQ(top[1].first, "a");  // Tie with "b": by id.
  EXPECT_EQ(top[2].first, "b");
  EXPECT_EQ(top[3].first, "c");
  // tf = 1 at average length scores idf * (k1 + 1) / (1 + k1).
  EXPECT_NEAR(top[1].second, 1.0, 1e-12);
  EXPECT_EQ(scorer.Top(2).size(), 2u);
  EXPECT_TRUE(scorer.Top(0).empty());
}

TEST(StoreCommonTest, NormalizesStatementsAndQueries) {
  IndexedStatement s;
  s.term_frequencies = {{"b", 1}, {"a", 2}, {"b", 3}, {"z", 0}};
  s.speaker_keys = {"xi", "modi", "xi"};
  FC_ASSERT_OK(NormalizeIndexedStatement(s));
  EXPECT_THAT(s.term_frequencies, ElementsAre(Pair("a", 2u), Pair("b", 4u)));
  EXPECT_THAT(s.speaker_keys, ElementsAre("modi", "xi"));
  IndexedStatement bad;
  bad.term_frequencies = {{"", 1}};
  EXPECT_THAT(NormalizeIndexedStatement(bad),
              StatusIs(absl::StatusCode::kInvalidArgument, "term"));
  EXPECT_THAT(NormalizeQueryTerms({"b", "a", "", "b", std::string("x\0", 2)}),
              ElementsAre("a", "b"));
}

TEST(StoreCommonTest, PublishedAtAndQueries) {
  v1::Article a;
  EXPECT_EQ(PublishedAtMicros(a), 0);
  a.mutable_published_at()->set_seconds(10);
  a.mutable_published_at()->set_nanos(5'000);
  EXPECT_EQ(PublishedAtMicros(a), 10'000'005);
  ArticleQuery q;
  EXPECT_TRUE(MatchesQuery(a, q));
  q.published_after = absl::FromUnixMicros(10'000'005);
  EXPECT_TRUE(MatchesQuery(a, q));
  q.published_before = absl::FromUnixMicros(10'000'005);
  EXPECT_FALSE(MatchesQuery(a, q));
  v1::Article big;
  big.set_id("x");
  big.set_content_sha256("h");
  EXPECT_THAT(ValidateArticleForPut(big, kMaxStatementsPerArticle + 1),
              StatusIs(absl::StatusCode::kResourceExhausted, "at most"));
  EXPECT_THAT(ValidateArticleForPut(big, kMaxStatementsPerArticle), IsOk());
}

}  // namespace
}  // namespace factcheck::storage
