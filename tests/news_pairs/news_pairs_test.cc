#include "tools/news_pairs/news_pairs.h"

#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "text/lexicon.h"
#include "text/segmenter.h"

namespace factcheck::news_pairs {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

// A made-up article with something for every rule: amounts of one kind and
// unit, years, places and firms, named speakers, auxiliaries, a change
// verb, a sale without a price, an all-capitals line.
constexpr std::string_view kArticle =
    "Northwind Holdings Inc said it has acquired Baxter Mills Corp for 45 "
    "mln dlrs in cash and stock.\n"
    "\n"
    "Baxter Mills had revenues of 12.5 mln dlrs in 1986, up from 9.8 mln "
    "dlrs in 1985, Northwind said.\n"
    "\n"
    "NORTHWIND SHARES RISE SHARPLY ON MERGER NEWS AFTER THE ANNOUNCEMENT.\n"
    "\n"
    "The company will close its old flour plant in Chicago by March 1988 and "
    "move the work to Boston.\n"
    "\n"
    "Profits rose in the first quarter as sales increased at the bakery "
    "unit, chairman John Carver said.\n"
    "\n"
    "Analyst Mary Olsen of Dunmore Securities said the merger is not "
    "expected to hurt the credit rating of the group.\n"
    "\n"
    "Rivera Foods Inc sold its Texas milling unit to Baxter Mills Corp last "
    "year, according to the filing.\n";

const std::map<std::string, std::string>& LabelOfKind() {
  static const auto* kMap = new std::map<std::string, std::string>{
      {"none", "SUPPORTED"},
      {"compress", "SUPPORTED"},
      {"number", "CONTRADICTED"},
      {"date", "CONTRADICTED"},
      {"entity", "CONTRADICTED"},
      {"negation", "CONTRADICTED"},
      {"antonym", "CONTRADICTED"},
      {"speaker", "CONTRADICTED"},
      {"role", "CONTRADICTED"},
      {"extrinsic_entity", "UNSUPPORTED"},
      {"extrinsic_number", "UNSUPPORTED"}};
  return *kMap;
}

ExtrinsicPool TestPool() {
  ExtrinsicPool pool;
  pool.AddPerson("Helen Brandt");
  pool.AddPerson("Oscar Lindqvist");
  pool.AddOrganization("Harbor Valley Bancorp");
  pool.AddOrganization("Kestrel Airways Ltd");
  pool.AddLocation("Lisbon");
  pool.AddLocation("Winnipeg");
  pool.AddMoney("30 mln dlrs");
  pool.AddMoney("2.1 billion dlrs");
  return pool;
}

const text::Lexicon* WordNet() {
  static const text::Lexicon* lexicon = [] {
    auto loaded = text::Lexicon::Load();
    return loaded.ok() ? loaded->release() : nullptr;
  }();
  return lexicon;
}

std::vector<NewsPair> Generate(uint64_t seed, const text::Lexicon* lexicon,
                               size_t sentences = 10) {
  NewsPairOptions opts;
  opts.max_sentences_per_article = sentences;
  std::mt19937_64 rng(seed);
  return GenerateNewsPairs(kArticle, opts, rng, TestPool(), lexicon);
}

// Pairs of many seeds, by corruption kind.
std::map<std::string, std::vector<NewsPair>> ByKind(
    const text::Lexicon* lexicon) {
  std::map<std::string, std::vector<NewsPair>> out;
  for (uint64_t seed = 0; seed < 150; ++seed) {
    for (NewsPair& p : Generate(seed, lexicon)) {
      out[p.corruption].push_back(std::move(p));
    }
  }
  return out;
}

TEST(NewsPairsTest, EveryKindIsProducedOnAHandWrittenArticle) {
  if (WordNet() == nullptr) GTEST_SKIP() << "WordNet not installed";
  const auto by_kind = ByKind(WordNet());
  for (const auto& [kind, label] : LabelOfKind()) {
    EXPECT_TRUE(by_kind.count(kind) > 0) << "no pair of kind " << kind;
  }
}

TEST(NewsPairsTest, LabelsFollowTheDocumentedMapping) {
  for (const auto& [kind, pairs] : ByKind(WordNet())) {
    ASSERT_TRUE(LabelOfKind().count(kind) > 0) << "unknown kind " << kind;
    for (const NewsPair& p : pairs) {
      EXPECT_EQ(p.label, LabelOfKind().at(kind)) << p.claim;
    }
  }
}

TEST(NewsPairsTest, CorruptedClaimsDifferFromTheirSource) {
  for (const auto& [kind, pairs] : ByKind(WordNet())) {
    for (const NewsPair& p : pairs) {
      if (kind == "none") {
        EXPECT_EQ(p.claim, p.source_text);
        EXPECT_TRUE(p.detail.empty());
      } else {
        EXPECT_NE(p.claim, p.source_text) << kind;
        EXPECT_FALSE(p.detail.empty()) << kind << ": " << p.claim;
      }
    }
  }
}

TEST(NewsPairsTest, SourceSentenceIndexesTheBody) {
  const std::vector<text::Sentence> sentences = text::SplitSentences(kArticle);
  for (const NewsPair& p : Generate(7, WordNet())) {
    ASSERT_LT(p.source_sentence, sentences.size());
    const text::ByteSpan span = sentences[p.source_sentence].span;
    EXPECT_EQ(kArticle.substr(span.begin, span.size()), p.source_text);
  }
}

TEST(NewsPairsTest, SkipsHeadingsAndAllCapitals) {
  for (const auto& [kind, pairs] : ByKind(WordNet())) {
    for (const NewsPair& p : pairs) {
      EXPECT_THAT(p.source_text, Not(HasSubstr("NORTHWIND SHARES")));
    }
  }
  // A body of headings, capitals and a table line gives nothing.
  constexpr std::string_view kNoProse =
      "Northwind Results\n\nNORTHWIND HOLDINGS INC SAID NET PROFIT ROSE TO "
      "FOUR MLN DLRS IN THE YEAR.\n\nShr 1.20 dlrs vs 1.05 dlrs 4.3 5.6 7.8 "
      "9.1 2.2 3.3 4.4 5.5 6.6.\n\nReuter\n";
  std::mt19937_64 rng(1);
  EXPECT_TRUE(
      GenerateNewsPairs(kNoProse, {}, rng, TestPool(), WordNet()).empty());
}

TEST(NewsPairsTest, SameSeedSameOutputOtherSeedsDiffer) {
  const std::vector<NewsPair> a = Generate(42, WordNet());
  const std::vector<NewsPair> b = Generate(42, WordNet());
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].claim, b[i].claim);
    EXPECT_EQ(a[i].label, b[i].label);
    EXPECT_EQ(a[i].corruption, b[i].corruption);
    EXPECT_EQ(a[i].source_sentence, b[i].source_sentence);
    EXPECT_EQ(a[i].detail, b[i].detail);
  }
  bool any_differs = false;
  for (uint64_t seed = 0; seed < 10 && !any_differs; ++seed) {
    const std::vector<NewsPair> c = Generate(seed, WordNet());
    any_differs = c.size() != a.size();
    for (size_t i = 0; !any_differs && i < c.size(); ++i) {
      any_differs = c[i].claim != a[i].claim;
    }
  }
  EXPECT_TRUE(any_differs);
}

TEST(NewsPairsTest, LabelsAreRoughlyBalanced) {
  std::map<std::string, int> counts;
  for (const auto& [kind, pairs] : ByKind(WordNet())) {
    counts[LabelOfKind().at(kind)] += static_cast<int>(pairs.size());
  }
  const int total =
      counts["SUPPORTED"] + counts["CONTRADICTED"] + counts["UNSUPPORTED"];
  ASSERT_GT(total, 0);
  for (const char* label : {"SUPPORTED", "CONTRADICTED", "UNSUPPORTED"}) {
    EXPECT_GT(counts[label] * 4, total) << label;  // each above 25%
  }
}

TEST(NewsPairsTest, MaxSentencesBoundsTheSourceSentences) {
  std::set<size_t> sources;
  for (const NewsPair& p : Generate(3, WordNet(), /*sentences=*/2)) {
    sources.insert(p.source_sentence);
  }
  EXPECT_LE(sources.size(), 2u);
  EXPECT_FALSE(sources.empty());
}

// What each rule writes, on the sentences built for it.
bool AnyClaim(const std::vector<NewsPair>& pairs, std::string_view needle) {
  for (const NewsPair& p : pairs) {
    if (p.claim.find(needle) != std::string::npos) return true;
  }
  return false;
}

std::string Claims(const std::vector<NewsPair>& pairs) {
  std::string out;
  for (const NewsPair& p : pairs) out += p.claim + "\n";
  return out;
}

TEST(NewsPairsTest, RulesRewriteAsDocumented) {
  const auto by_kind = ByKind(WordNet());
  auto kind = [&](const std::string& k) -> const std::vector<NewsPair>& {
    static const std::vector<NewsPair> kNone;
    auto it = by_kind.find(k);
    return it == by_kind.end() ? kNone : it->second;
  };
  // Another amount of the article ("mln dlrs" for "mln dlrs"), or scaled.
  EXPECT_TRUE(AnyClaim(kind("number"), "revenues of 9.8 mln dlrs") ||
              AnyClaim(kind("number"), "revenues of 45 mln dlrs") ||
              AnyClaim(kind("number"), "revenues of 25.0 mln dlrs"));
  for (const NewsPair& p : kind("number")) {
    EXPECT_THAT(p.detail, HasSubstr("->"));
  }
  // Years of the article swap or shift; places swap within the article.
  EXPECT_TRUE(AnyClaim(kind("date"), "in 1985, up from 9.8") ||
              AnyClaim(kind("date"), "by March 1987") ||
              AnyClaim(kind("date"), "by March 1989") ||
              AnyClaim(kind("date"), "by March 1986"));
  // A name replaced by another name of the same article.
  EXPECT_FALSE(kind("entity").empty());
  for (const NewsPair& p : kind("entity")) {
    const size_t arrow = p.detail.find("' -> '");
    ASSERT_NE(arrow, std::string::npos) << p.detail;
    const std::string before = p.detail.substr(1, arrow - 1);
    const size_t end = p.detail.find('\'', arrow + 6);
    ASSERT_NE(end, std::string::npos) << p.detail;
    const std::string after = p.detail.substr(arrow + 6, end - arrow - 6);
    EXPECT_NE(before, after);
    EXPECT_THAT(std::string(kArticle), HasSubstr(after)) << Claims({p});
  }
  // Negation added after an auxiliary, or removed.
  EXPECT_TRUE(AnyClaim(kind("negation"), "will not close") ||
              AnyClaim(kind("negation"), "merger is expected"));
  // Speakers are other named speakers of the article.
  for (const NewsPair& p : kind("speaker")) {
    EXPECT_THAT(p.detail, Not(HasSubstr("'Helen Brandt'")));
  }
  EXPECT_TRUE(AnyClaim(kind("role"),
                       "Baxter Mills Corp sold its Texas milling unit to "
                       "Rivera Foods Inc"));
  // Extrinsic names come from the pool and never from the article.
  bool pool_name = false;
  for (const NewsPair& p : kind("extrinsic_entity")) {
    for (const char* name :
         {"Helen Brandt", "Oscar Lindqvist", "Harbor Valley Bancorp",
          "Kestrel Airways Ltd", "Lisbon", "Winnipeg"}) {
      pool_name |= p.claim.find(name) != std::string::npos;
    }
  }
  EXPECT_TRUE(pool_name);
  EXPECT_TRUE(AnyClaim(kind("extrinsic_number"), "valued at 30 mln dlrs") ||
              AnyClaim(kind("extrinsic_number"), "valued at 2.1 billion") ||
              AnyClaim(kind("extrinsic_number"), "Profits rose "));
  // Compression drops an attribution and keeps the rest.
  EXPECT_TRUE(
      AnyClaim(kind("compress"), "in 1986, up from 9.8 mln dlrs in 1985.") ||
      AnyClaim(kind("compress"), "The merger is not expected"));
}

TEST(NewsPairsTest, AntonymsKeepTheInflection) {
  if (WordNet() == nullptr) GTEST_SKIP() << "WordNet not installed";
  const auto by_kind = ByKind(WordNet());
  ASSERT_TRUE(by_kind.count("antonym") > 0);
  std::set<std::string> details;
  for (const NewsPair& p : by_kind.at("antonym")) details.insert(p.detail);
  // "rose" -> "fell" (irregular past), "increased" -> "decreased".
  EXPECT_TRUE(details.count("'rose' -> 'fell'") > 0 ||
              details.count("'increased' -> 'decreased'") > 0)
      << ::testing::PrintToString(details);
}

TEST(NewsPairsTest, WithoutLexiconThereAreNoAntonyms) {
  const auto by_kind = ByKind(nullptr);
  EXPECT_EQ(by_kind.count("antonym"), 0u);
  EXPECT_GT(by_kind.count("negation"), 0u);
}

TEST(ExtrinsicPoolTest, CollectsTypedNamesAndAmountsOnce) {
  ExtrinsicPool pool;
  pool.AddArticle(kArticle);
  pool.AddArticle(kArticle);
  EXPECT_THAT(pool.money(), Contains("45 mln dlrs"));
  std::set<std::string> unique(pool.money().begin(), pool.money().end());
  EXPECT_EQ(unique.size(), pool.money().size());
  EXPECT_THAT(pool.locations(), Contains("Chicago"));
}

}  // namespace
}  // namespace factcheck::news_pairs
