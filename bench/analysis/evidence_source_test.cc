#include "bench/analysis/evidence_source.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "bench/analysis/sourced_scoring.h"
#include "gtest/gtest.h"
#include "services/claims/ingest.h"

namespace factcheck::analysis_eval {
namespace {

// A shared-data folder with one row whose evidence is `evidence`.
std::string MakeSharedData(const std::string& evidence) {
  // One folder per test: ctest runs tests in parallel processes.
  const std::string dir =
      ::testing::TempDir() + "/analysis_eval_" +
      ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::filesystem::create_directories(dir + "/dev/valid");
  std::ofstream(dir + "/dev/valid/x.jsonl")
      << R"({"id":"other","evidence":"Nothing."})"
      << "\n"
      << R"({"id":"r1","evidence":")" << evidence << "\"}\n";
  return dir;
}

GoldArticle Article(const std::string& sha, std::string prefix) {
  GoldArticle a;
  a.source_file = "x.jsonl";
  a.row_id = "r1";
  a.evidence_sha256 = sha;
  GoldSentence g;
  g.begin = 0;
  g.end = 9;
  g.prefix = std::move(prefix);
  a.sentences.push_back(g);
  return a;
}

TEST(EvidenceSourceTest, ReturnsTheRowWhenHashAndSpansFit) {
  EvidenceSource source(MakeSharedData("He spoke. Then left."));
  absl::StatusOr<std::string> e = source.Evidence(
      Article(claims::Sha256Hex("He spoke. Then left."), "He spoke"));
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(*e, "He spoke. Then left.");
}

TEST(EvidenceSourceTest, RefusesAChangedText) {
  EvidenceSource source(MakeSharedData("He spoke. Then left."));
  absl::StatusOr<std::string> e = source.Evidence(
      Article(claims::Sha256Hex("He spoke. Then went."), "He spoke"));
  EXPECT_EQ(e.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(EvidenceSourceTest, RefusesOffsetsThatNoLongerFit) {
  EvidenceSource source(MakeSharedData("He spoke. Then left."));
  absl::StatusOr<std::string> e = source.Evidence(
      Article(claims::Sha256Hex("He spoke. Then left."), "Then"));
  EXPECT_EQ(e.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(EvidenceSourceTest, RefusesATextNormalisationWouldChange) {
  // A trailing space on a line is trimmed by NormalizeBody.
  EvidenceSource source(MakeSharedData("He spoke. \\nThen left."));
  absl::StatusOr<std::string> e = source.Evidence(
      Article(claims::Sha256Hex("He spoke. \nThen left."), "He spoke"));
  EXPECT_EQ(e.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(EvidenceSourceTest, MissingFileOrRowIsNotFound) {
  EvidenceSource source(MakeSharedData("He spoke."));
  GoldArticle a = Article("x", "He");
  a.row_id = "nope";
  EXPECT_EQ(source.Evidence(a).status().code(), absl::StatusCode::kNotFound);
  a.source_file = "missing.jsonl";
  EXPECT_EQ(source.Evidence(a).status().code(), absl::StatusCode::kNotFound);
}

// The repo's gold file still fits the shared articles it points at.
TEST(GoldFileTest, EveryArticleVerifiesAgainstSharedData) {
  if (!std::filesystem::exists(std::string(FACTCHECK_SHARED_DATA) +
                               "/dev/valid/xsumfaith.valid.jsonl")) {
    GTEST_SKIP() << "../shared/data is absent";
  }
  std::ifstream in(FACTCHECK_GOLD_FILE);
  ASSERT_TRUE(in) << FACTCHECK_GOLD_FILE;
  EvidenceSource source(FACTCHECK_SHARED_DATA);
  std::set<std::string> hashes;
  size_t sentences = 0;
  std::string line;
  while (std::getline(in, line)) {
    absl::StatusOr<GoldArticle> a = ParseGoldArticle(line);
    ASSERT_TRUE(a.ok()) << a.status();
    absl::StatusOr<std::string> e = source.Evidence(*a);
    EXPECT_TRUE(e.ok()) << e.status();
    hashes.insert(a->evidence_sha256);
    sentences += a->sentences.size();
  }
  EXPECT_GE(hashes.size(), 20u);  // distinct articles
  EXPECT_GE(sentences, 200u);
}

}  // namespace
}  // namespace factcheck::analysis_eval
