#include "services/claims/ingest.h"

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"
#include "text/normalize.h"

namespace factcheck::claims {
namespace {

using ::testing::Contains;

const v1::Statement& With(const std::vector<storage::IndexedStatement>& all,
                          std::string_view needle) {
  for (const storage::IndexedStatement& s : all) {
    if (s.statement.text().find(needle) != std::string::npos) {
      return s.statement;
    }
  }
  ADD_FAILURE() << "no statement contains " << needle;
  static const v1::Statement kNone;
  return kNone;
}

const std::vector<std::string>& KeysOf(
    const std::vector<storage::IndexedStatement>& all,
    std::string_view needle) {
  for (const storage::IndexedStatement& s : all) {
    if (s.statement.text().find(needle) != std::string::npos) {
      return s.speaker_keys;
    }
  }
  static const std::vector<std::string> kNone;
  return kNone;
}

// Every span of a statement lies inside the body and inside the statement.
void ExpectSpansValid(std::string_view body, const v1::Statement& s) {
  const v1::Span& span = s.span();
  ASSERT_LE(span.begin(), span.end());
  ASSERT_LE(span.end(), body.size());
  EXPECT_EQ(body.substr(span.begin(), span.end() - span.begin()), s.text());
  auto inside = [&](const v1::Span& x, const std::string& text) {
    EXPECT_GE(x.begin(), span.begin());
    EXPECT_LE(x.end(), span.end());
    if (!text.empty() && x.end() <= body.size() && x.begin() <= x.end()) {
      EXPECT_EQ(body.substr(x.begin(), x.end() - x.begin()), text);
    }
  };
  for (const v1::Mention& m : s.mentions()) inside(m.span(), m.text());
  for (const v1::Quantity& q : s.quantities()) inside(q.span(), "");
  for (const v1::DateMention& d : s.dates()) inside(d.span(), d.text());
  const v1::Attribution& a = s.attribution();
  if (a.kind() == v1::ATTRIBUTION_KIND_NARRATOR) {
    EXPECT_FALSE(a.has_speaker());
    EXPECT_TRUE(a.cue().empty());
  } else {
    EXPECT_FALSE(a.speaker().canonical_name().empty()) << s.text();
    EXPECT_FALSE(a.cue().empty());
    const v1::Span& sp = a.speaker_span();
    EXPECT_LE(sp.begin(), sp.end());
    ASSERT_LE(sp.end(), body.size());
    if (sp.end() > sp.begin()) {
      EXPECT_EQ(body.substr(sp.begin(), sp.end() - sp.begin()),
                a.speaker().name());
    }
  }
  EXPECT_GE(s.check_worthiness(), 0.0f);
  EXPECT_LE(s.check_worthiness(), 1.0f);
}

TEST(IngestTest, SampleArticleStatements) {
  const std::string raw =
      testing::ReadFileOrEmpty(std::string(FACTCHECK_SHARED_DATA_DIR) +
                               "/samples/sco-summit-modi-xi.txt");
  if (raw.empty()) GTEST_SKIP() << "sample article not available";
  absl::StatusOr<std::string> body = text::NormalizeBody(raw);
  ASSERT_TRUE(body.ok());
  const auto all = AnalyzeBody(
      *body, absl::FromCivil(absl::CivilDay(2025, 9, 1), absl::UTCTimeZone()));
  for (const auto& s : all) ExpectSpansValid(*body, s.statement);

  const v1::Statement& quote = With(all, "We remain committed");
  EXPECT_EQ(quote.attribution().kind(), v1::ATTRIBUTION_KIND_DIRECT_QUOTE);
  EXPECT_EQ(quote.attribution().speaker().name(), "Modi");
  EXPECT_EQ(quote.attribution().speaker().canonical_name(), "Narendra Modi");
  EXPECT_EQ(quote.attribution().speaker().role(), "Indian Prime Minister");
  EXPECT_EQ(quote.attribution().cue(), "said");
  EXPECT_THAT(KeysOf(all, "We remain committed"), Contains("modi"));
  EXPECT_THAT(KeysOf(all, "We remain committed"), Contains("narendra modi"));

  const v1::Statement& xi = With(all, "partners rather than rivals");
  EXPECT_EQ(xi.attribution().kind(), v1::ATTRIBUTION_KIND_INDIRECT);
  EXPECT_EQ(xi.attribution().speaker().canonical_name(), "Xi Jinping");
  EXPECT_THAT(KeysOf(all, "partners rather than rivals"), Contains("xi"));

  EXPECT_EQ(With(all, "He announced").attribution().speaker().canonical_name(),
            "Narendra Modi");
  EXPECT_EQ(
      With(all, "Analysts suggest").attribution().speaker().canonical_name(),
      "analysts");
  EXPECT_EQ(With(all, "Washington imposed").attribution().kind(),
            v1::ATTRIBUTION_KIND_NARRATOR);

  const v1::Statement& heading = With(all, "Strategic Balancing");
  EXPECT_TRUE(heading.is_heading());
  EXPECT_EQ(heading.attribution().kind(), v1::ATTRIBUTION_KIND_NARRATOR);
  // Headings and opinions score below specific facts.
  const v1::Statement& fact = With(all, "$99.2 billion");
  EXPECT_LT(heading.check_worthiness(), fact.check_worthiness());
  EXPECT_GE(fact.check_worthiness(), 0.7f);

  // Mentions: typed, canonical within the article.
  const v1::Statement& first = With(all, "have pledged");
  std::set<std::string> canon;
  for (const v1::Mention& m : first.mentions()) {
    canon.insert(m.canonical());
    if (m.text() == "Indian") {
      EXPECT_EQ(m.canonical(), "India");
      EXPECT_EQ(m.type(), v1::ENTITY_TYPE_LOCATION);
    }
    if (m.text() == "Narendra Modi") {
      EXPECT_EQ(m.type(), v1::ENTITY_TYPE_PERSON);
    }
    if (m.text() == "SCO") {
      EXPECT_EQ(m.canonical(), "Shanghai Cooperation Organisation");
      EXPECT_EQ(m.type(), v1::ENTITY_TYPE_ORGANIZATION);
    }
  }
  EXPECT_TRUE(canon.count("Xi Jinping"));
  EXPECT_TRUE(canon.count("Narendra Modi"));
}

TEST(IngestTest, StandaloneKeepsTheCallersAttribution) {
  v1::Attribution attribution;
  attribution.set_kind(v1::ATTRIBUTION_KIND_INDIRECT);
  attribution.mutable_speaker()->set_name("Maria Lopez");
  attribution.set_cue("said");
  // The text's own "Xi said" does not override the caller.
  const storage::IndexedStatement st = AnalyzeStandaloneStatement(
      "Xi said trade with India rose 5% in 2024.", attribution);
  EXPECT_EQ(st.statement.attribution().speaker().canonical_name(),
            "Maria Lopez");
  EXPECT_THAT(st.speaker_keys, Contains("lopez"));
  EXPECT_FALSE(st.statement.has_span());
  bool india = false;
  for (const v1::Mention& m : st.statement.mentions()) {
    india |= m.canonical() == "India";
  }
  EXPECT_TRUE(india);
}

// Ranges are stored as their two ends, with the range's span: amounts
// ("10 to 15 years") and years ("the 2014-15 season") alike.
TEST(IngestTest, RangesAreStoredAsBothEnds) {
  const std::string body =
      "He left at the end of the 2014-15 season after 10 to 15 years.";
  const auto all = AnalyzeBody(body);
  ASSERT_EQ(all.size(), 1u);
  const v1::Statement& st = all[0].statement;
  ASSERT_EQ(st.dates_size(), 2);
  EXPECT_EQ(st.dates(0).normalized(), "2014");
  EXPECT_EQ(st.dates(1).normalized(), "2015");
  EXPECT_EQ(st.dates(0).granularity(), v1::DATE_GRANULARITY_YEAR);
  for (const v1::DateMention& d : st.dates()) {
    EXPECT_EQ(body.substr(d.span().begin(), d.span().end() - d.span().begin()),
              "2014-15");
  }
  std::vector<double> years;
  for (const v1::Quantity& q : st.quantities()) {
    if (q.kind() == v1::QUANTITY_KIND_DURATION) years.push_back(q.value());
  }
  EXPECT_EQ(years, (std::vector<double>{10, 15}));
}

TEST(IngestTest, NarratorHasNoSpeakerKeys) {
  const auto all = AnalyzeBody("The river rose by two metres.");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].statement.attribution().kind(),
            v1::ATTRIBUTION_KIND_NARRATOR);
  EXPECT_TRUE(all[0].speaker_keys.empty());
}

// Real articles: only invariants (no crash, spans valid, speakers named).
TEST(IngestTest, RealArticlesKeepInvariants) {
  std::ifstream in(std::string(FACTCHECK_SHARED_DATA_DIR) +
                   "/dev/valid/frank.valid.jsonl");
  if (!in) GTEST_SKIP() << "FRANK data not available";
  std::string line;
  std::set<std::string> seen;
  int articles = 0;
  int attributed = 0;
  while (articles < 40 && std::getline(in, line)) {
    // The `evidence` field, decoded just enough for these texts.
    const std::string key = "\"evidence\": \"";
    size_t at = line.find(key);
    if (at == std::string::npos) continue;
    std::string evidence;
    for (size_t i = at + key.size(); i < line.size() && line[i] != '"'; ++i) {
      if (line[i] != '\\' || i + 1 >= line.size()) {
        evidence += line[i];
        continue;
      }
      char e = line[++i];
      if (e == 'n') {
        evidence += '\n';
      } else if (e == 'u') {
        i += 4;  // non-ASCII escapes are not needed for the invariants
        evidence += ' ';
      } else {
        evidence += e;
      }
    }
    if (!seen.insert(evidence).second) continue;
    absl::StatusOr<std::string> body = text::NormalizeBody(evidence);
    if (!body.ok()) continue;
    ++articles;
    for (const storage::IndexedStatement& s : AnalyzeBody(*body)) {
      ExpectSpansValid(*body, s.statement);
      if (s.statement.attribution().kind() != v1::ATTRIBUTION_KIND_NARRATOR) {
        ++attributed;
        EXPECT_FALSE(s.speaker_keys.empty());
      }
    }
  }
  EXPECT_GT(articles, 10);
  EXPECT_GT(attributed, articles);  // news quotes people
}

}  // namespace
}  // namespace factcheck::claims
