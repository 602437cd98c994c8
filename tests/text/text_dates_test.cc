#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"
#include "text/dates.h"
#include "text/quantities.h"
#include "text/segmenter.h"
#include "text/tokenizer.h"

namespace factcheck::text {
namespace {

using G = DateGranularity;

// The sample article's published_at day, a Sunday.
absl::Time Reference() {
  return absl::FromCivil(absl::CivilSecond(2025, 8, 31, 12, 0, 0),
                         absl::UTCTimeZone());
}

std::vector<DateMention> Extract(std::string_view text,
                                 std::optional<absl::Time> reference,
                                 uint32_t base = 0) {
  return ExtractDates(text, Tokenize(text, base), base, reference);
}

// The only date in `text`; fails the test when there is not exactly one.
DateMention One(std::string_view text,
                std::optional<absl::Time> reference = Reference()) {
  const std::vector<DateMention> d = Extract(text, reference);
  EXPECT_EQ(d.size(), 1u) << text;
  return d.empty() ? DateMention{} : d[0];
}

struct Case {
  std::string text;   // sentence containing one date
  std::string quote;  // exact bytes the span must cover
  std::string normalized;
  G granularity;
  bool relative;
};

class DateFormsTest : public ::testing::TestWithParam<Case> {};

TEST_P(DateFormsTest, NormalisesAgainstReference) {
  const Case& c = GetParam();
  const DateMention d = One(c.text);
  EXPECT_EQ(d.text, c.quote);
  EXPECT_EQ(d.span.begin, c.text.find(c.quote));
  EXPECT_EQ(d.span.size(), c.quote.size());
  EXPECT_EQ(d.normalized, c.normalized);
  EXPECT_EQ(d.granularity, c.granularity);
  EXPECT_EQ(d.relative, c.relative);
}

INSTANTIATE_TEST_SUITE_P(
    Absolute, DateFormsTest,
    ::testing::Values(
        Case{"They met on 31 August 2025 in Tianjin.", "31 August 2025",
             "2025-08-31", G::kDay, false},
        Case{"They met on August 31, 2025, in Tianjin.", "August 31, 2025",
             "2025-08-31", G::kDay, false},
        Case{"On the 3rd of March 2024 it rained.", "3rd of March 2024",
             "2024-03-03", G::kDay, false},
        Case{"Due on Sept. 3 2019.", "Sept. 3 2019", "2019-09-03", G::kDay,
             false},
        Case{"It opened in August 2025.", "August 2025", "2025-08", G::kMonth,
             false},
        Case{"clashes in 2020 killed", "2020", "2020", G::kYear, false},
        Case{"suspended since 2020, flights", "2020", "2020", G::kYear, false},
        Case{"the 2020 clashes", "2020", "2020", G::kYear, false},
        Case{"2020 was hard", "2020", "2020", G::kYear, false},
        Case{"by mid-2030 it", "2030", "2030", G::kYear, false},
        Case{"music of the 1990s and", "1990s", "199X", G::kDecade, false},
        Case{"music of the 1980's and", "1980's", "198X", G::kDecade, false},
        Case{"in the 2019-20 fiscal year", "2019-20", "2019/2020", G::kYear,
             false},
        Case{"the 1986/87 crop", "1986/87", "1986/1987", G::kYear, false}));

INSTANTIATE_TEST_SUITE_P(
    Relative, DateFormsTest,
    ::testing::Values(
        Case{"due by Aug. 31 at noon", "Aug. 31", "2025-08-31", G::kDay, true},
        Case{"due by 15 July at noon", "15 July", "2025-07-15", G::kDay, true},
        Case{"It opened in March.", "March", "2025-03", G::kMonth, true},
        Case{"It opened in mid-March.", "mid-March", "2025-03", G::kMonth,
             true},
        Case{"They met on Tuesday.", "Tuesday", "2025-08-26", G::kDay, true},
        Case{"They met on Sunday.", "Sunday", "2025-08-31", G::kDay, true},
        Case{"They met last Sunday.", "last Sunday", "2025-08-24", G::kDay,
             true},
        Case{"They meet next Monday.", "next Monday", "2025-09-01", G::kDay,
             true},
        Case{"an agreement last year", "last year", "2024", G::kYear, true},
        Case{"earlier this year, it", "this year", "2025", G::kYear, true},
        Case{"It opens next month.", "next month", "2025-09", G::kMonth, true},
        Case{"It opened last month.", "last month", "2025-07", G::kMonth, true},
        Case{"It opened last March.", "last March", "2025-03", G::kMonth, true},
        Case{"It opens next March.", "next March", "2026-03", G::kMonth, true},
        Case{"It opened last August.", "last August", "2024-08", G::kMonth,
             true},
        Case{"Xi spoke yesterday.", "yesterday", "2025-08-30", G::kDay, true},
        Case{"Xi speaks today.", "today", "2025-08-31", G::kDay, true},
        Case{"Xi speaks tomorrow.", "tomorrow", "2025-09-01", G::kDay, true},
        Case{"It opened a week ago.", "a week ago", "2025-08-24", G::kDay,
             true},
        Case{"It opened three years ago.", "three years ago", "2022", G::kYear,
             true},
        Case{"It opened two decades ago.", "two decades ago", "2005", G::kYear,
             true},
        Case{"It opened 18 months ago.", "18 months ago", "2024-02", G::kMonth,
             true},
        Case{"It opened 10 days ago.", "10 days ago", "2025-08-21", G::kDay,
             true}));

TEST(ExtractDatesTest, NotDates) {
  for (const char* text :
       {"less than a week after", "in seven years", "sold 2000 shares",
        "May I ask?", "March on, they said.", "over the last year",
        "about 2000 people", "2020 km away", "last week", "a 50-year-old",
        "the 31st man", "rose 5 percent"}) {
    EXPECT_THAT(Extract(text, Reference()), ::testing::IsEmpty()) << text;
  }
}

TEST(ExtractDatesTest, MonthWithoutYearTakesTheNearestYear) {
  const absl::Time march = absl::FromCivil(
      absl::CivilSecond(1987, 3, 2, 0, 0, 0), absl::UTCTimeZone());
  EXPECT_EQ(One("results for the year to December 31", march).normalized,
            "1986-12-31");
  EXPECT_EQ(One("talks resume in December", march).normalized, "1986-12");
  EXPECT_EQ(One("talks resume in August", march).normalized, "1987-08");
  EXPECT_EQ(One("talks resume in September", march).normalized, "1986-09");
  EXPECT_EQ(One("due by March 20", march).normalized, "1987-03-20");
  // Near the turn of the year, the next January.
  const absl::Time december = absl::FromCivil(
      absl::CivilSecond(2024, 12, 20, 0, 0, 0), absl::UTCTimeZone());
  EXPECT_EQ(One("talks resume on January 5", december).normalized,
            "2025-01-05");
}

TEST(ExtractDatesTest, InvalidDayLeavesTheYear) {
  const DateMention d = One("Feb. 30, 2020 never was");
  EXPECT_EQ(d.text, "2020");
  EXPECT_EQ(d.normalized, "2020");
  // Without a year, the reference's year decides: 2025 has no 29 February.
  const DateMention leap = One("due on Feb. 29 at noon");
  EXPECT_EQ(leap.text, "Feb. 29");
  EXPECT_EQ(leap.normalized, "");
  EXPECT_EQ(One("due on Feb. 29 at noon",
                absl::FromCivil(absl::CivilSecond(2024, 3, 1, 0, 0, 0),
                                absl::UTCTimeZone()))
                .normalized,
            "2024-02-29");
}

TEST(ExtractDatesTest, WithoutReferenceRelativeDatesHaveNoValue) {
  const DateMention last_year = One("an agreement last year", std::nullopt);
  EXPECT_EQ(last_year.text, "last year");
  EXPECT_TRUE(last_year.relative);
  EXPECT_EQ(last_year.normalized, "");
  EXPECT_EQ(last_year.year, 0);

  const DateMention march = One("It opened in March.", std::nullopt);
  EXPECT_TRUE(march.relative);
  EXPECT_EQ(march.normalized, "");
  EXPECT_EQ(march.month, 3);
  EXPECT_EQ(march.year, 0);

  const DateMention absolute = One("on 31 August 2025", std::nullopt);
  EXPECT_FALSE(absolute.relative);
  EXPECT_EQ(absolute.normalized, "2025-08-31");
  EXPECT_EQ(absolute.year, 2025);
  EXPECT_EQ(absolute.month, 8);
  EXPECT_EQ(absolute.day, 31);
}

TEST(ExtractDatesTest, SeveralInOrderWithTokensAndBaseOffset) {
  const std::string text =
      "Flights, suspended since 2020, restart on 1 September 2025, "
      "not last year.";
  const std::vector<Token> tokens = Tokenize(text, 500);
  const std::vector<DateMention> d =
      ExtractDates(text, tokens, 500, Reference());
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].normalized, "2020");
  EXPECT_EQ(d[1].normalized, "2025-09-01");
  EXPECT_EQ(d[2].normalized, "2024");
  for (const DateMention& m : d) {
    EXPECT_EQ(text.substr(m.span.begin - 500, m.span.size()), m.text);
    EXPECT_EQ(m.span.begin, tokens[m.first_token].span.begin);
    EXPECT_EQ(m.span.end, tokens[m.last_token].span.end);
  }
}

TEST(ExtractDatesTest, ReferenceIsReadAsUtcDay) {
  // 23:30 in UTC-5 on 30 August is 31 August in UTC.
  const absl::Time late =
      absl::FromCivil(absl::CivilSecond(2025, 8, 30, 23, 30, 0),
                      absl::FixedTimeZone(-5 * 3600));
  EXPECT_EQ(One("Xi spoke yesterday.", late).normalized, "2025-08-30");
}

// The sample article, sentence by sentence, published 2025-08-31: its dates
// and the figures the verifier relies on.
TEST(SampleArticleTest, DatesAndFigures) {
  const std::string text =
      testing::ReadFileOrEmpty(std::string(FACTCHECK_SHARED_DATA_DIR) +
                               "/samples/sco-summit-modi-xi.txt");
  if (text.empty()) GTEST_SKIP() << "sample article not available";
  std::vector<DateMention> dates;
  std::vector<Quantity> quantities;
  for (const Sentence& s : SplitSentences(text)) {
    const std::string_view sentence =
        std::string_view(text).substr(s.span.begin, s.span.size());
    const std::vector<Token> tokens = Tokenize(sentence, s.span.begin);
    for (DateMention& d :
         ExtractDates(sentence, tokens, s.span.begin, Reference())) {
      dates.push_back(std::move(d));
    }
    for (Quantity& q : ExtractQuantities(sentence, tokens, s.span.begin)) {
      quantities.push_back(std::move(q));
    }
  }
  std::vector<std::string> date_texts;
  std::vector<std::string> normalized;
  for (const DateMention& d : dates) {
    EXPECT_EQ(text.substr(d.span.begin, d.span.size()), d.text);
    EXPECT_EQ(d.granularity, G::kYear) << d.text;
    date_texts.push_back(d.text);
    normalized.push_back(d.normalized);
  }
  // "clashes in 2020", "suspended since 2020", "last year".
  EXPECT_THAT(date_texts, ::testing::ElementsAre("2020", "2020", "last year"));
  EXPECT_THAT(normalized, ::testing::ElementsAre("2020", "2020", "2024"));
  EXPECT_EQ(text.substr(dates[0].span.begin - 11, 15), "clashes in 2020");
  EXPECT_EQ(text.substr(dates[1].span.begin - 6, 10), "since 2020");

  auto find = [&](std::string_view surface) -> const Quantity* {
    for (const Quantity& q : quantities) {
      if (q.text == surface) return &q;
    }
    return nullptr;
  };
  const Quantity* seven = find("seven years");
  ASSERT_NE(seven, nullptr);
  EXPECT_EQ(seven->kind, QuantityKind::kDuration);
  EXPECT_EQ(seven->value, 7);
  EXPECT_EQ(seven->unit, "year");
  const Quantity* deficit = find("$99.2 billion");
  ASSERT_NE(deficit, nullptr);
  EXPECT_EQ(deficit->kind, QuantityKind::kMoney);
  EXPECT_DOUBLE_EQ(deficit->value, 9.92e10);
  EXPECT_EQ(deficit->unit, "USD");
  EXPECT_TRUE(deficit->record);
  const Quantity* tariffs = find("50%");
  ASSERT_NE(tariffs, nullptr);
  EXPECT_EQ(tariffs->kind, QuantityKind::kPercent);
  EXPECT_EQ(tariffs->value, 50);
  EXPECT_EQ(tariffs->unit, "%");
  // "less than a week" is a duration with its cue, not a date.
  const Quantity* week = find("a week");
  ASSERT_NE(week, nullptr);
  EXPECT_EQ(week->kind, QuantityKind::kDuration);
  EXPECT_EQ(week->approx, Approximation::kLessThan);
}

}  // namespace
}  // namespace factcheck::text
