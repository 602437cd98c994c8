#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "text/dates.h"
#include "text/quantities.h"
#include "text/tokenizer.h"

namespace factcheck::text {
namespace {

std::vector<Quantity> Extract(std::string_view text, uint32_t base = 0) {
  return ExtractQuantities(text, Tokenize(text, base), base);
}

// The only quantity in `text`; fails the test when there is not exactly one.
Quantity One(std::string_view text) {
  const std::vector<Quantity> q = Extract(text);
  EXPECT_EQ(q.size(), 1u) << text;
  return q.empty() ? Quantity{} : q[0];
}

struct Case {
  std::string text;   // sentence containing one quantity
  std::string quote;  // exact bytes the span must cover
  double value;
  std::string unit;
  QuantityKind kind;
  std::string formatted;
};

class QuantityFormsTest : public ::testing::TestWithParam<Case> {};

TEST_P(QuantityFormsTest, ExtractsValueUnitKindAndSpan) {
  const Case& c = GetParam();
  const Quantity q = One(c.text);
  EXPECT_EQ(q.text, c.quote);
  EXPECT_EQ(c.text.substr(q.span.begin, q.span.size()), c.quote);
  EXPECT_EQ(q.span.begin, c.text.find(c.quote));
  EXPECT_DOUBLE_EQ(q.value, c.value);
  EXPECT_EQ(q.unit, c.unit);
  EXPECT_EQ(q.kind, c.kind);
  EXPECT_EQ(FormatQuantity(q), c.formatted);
}

using K = QuantityKind;

INSTANTIATE_TEST_SUITE_P(
    Forms, QuantityFormsTest,
    ::testing::Values(
        Case{"steep 50% tariffs", "50%", 50, "%", K::kPercent, "50%"},
        Case{"up 50 percent today", "50 percent", 50, "%", K::kPercent, "50%"},
        Case{"up 50 per cent today", "50 per cent", 50, "%", K::kPercent,
             "50%"},
        Case{"fell 2.5% in May", "2.5%", 2.5, "%", K::kPercent, "2.5%"},
        Case{"a record $99.2 billion deficit", "$99.2 billion", 99.2e9, "USD",
             K::kMoney, "$99.2 billion"},
        Case{"a deficit of 99.2bn dollars", "99.2bn dollars", 99.2e9, "USD",
             K::kMoney, "$99.2 billion"},
        Case{"a 99.2bn deficit", "99.2bn", 99.2e9, "", K::kCount,
             "99.2 billion"},
        Case{"raised US$5m last year", "US$5m", 5e6, "USD", K::kMoney,
             "$5 million"},
        Case{"costs \u20AC3 each", "\u20AC3", 3, "EUR", K::kMoney, "\u20AC3"},
        Case{"costs \u00A33 each", "\u00A33", 3, "GBP", K::kMoney, "\u00A33"},
        Case{"a fee of Rs 500 was", "Rs 500", 500, "INR", K::kMoney, "Rs 500"},
        Case{"paid 2 million euros", "2 million euros", 2e6, "EUR", K::kMoney,
             "\u20AC2 million"},
        Case{"sent 1,000 troops", "1,000", 1000, "", K::kCount, "1,000"},
        Case{"sent three envoys", "three", 3, "", K::kCount, "3"},
        Case{"twenty-five states", "twenty-five", 25, "", K::kCount, "25"},
        Case{"two hundred delegates", "two hundred", 200, "", K::kCount, "200"},
        Case{"two hundred and fifty delegates", "two hundred and fifty", 250,
             "", K::kCount, "250"},
        Case{"a dozen leaders", "a dozen", 12, "", K::kCount, "12"},
        Case{"in seven years", "seven years", 7, "year", K::kDuration,
             "7 years"},
        Case{"for 1 year only", "1 year", 1, "year", K::kDuration, "1 year"},
        Case{"clashes in 2020 killed", "2020", 2020, "", K::kYear, "2020"},
        Case{"Modi's first trip", "first", 1, "", K::kOrdinal, "1st"},
        Case{"the 3rd round", "3rd", 3, "", K::kOrdinal, "3rd"},
        Case{"the twenty-first century summit", "twenty-first", 21, "",
             K::kOrdinal, "21st"},
        Case{"a 5 km border", "5 km", 5, "km", K::kMeasure, "5 km"},
        Case{"1.5 million people", "1.5 million", 1.5e6, "", K::kCount,
             "1.5 million"},
        Case{"three million people", "three million", 3e6, "", K::kCount,
             "3 million"},
        Case{"2,500 years ago", "2,500 years", 2500, "year", K::kDuration,
             "2500 years"},
        // Shares read as percentages.
        Case{"half of the exports", "half", 50, "%", K::kPercent, "50%"},
        Case{"half the exports", "half", 50, "%", K::kPercent, "50%"},
        Case{"a third of voters", "a third", 100.0 / 3, "%", K::kPercent,
             "33.333333%"},
        Case{"two-thirds of voters", "two-thirds", 200.0 / 3, "%", K::kPercent,
             "66.666667%"},
        Case{"three quarters of it", "three quarters", 75, "%", K::kPercent,
             "75%"},
        // Halves as numbers.
        Case{"half a million people", "half a million", 5e5, "", K::kCount,
             "500,000"},
        Case{"half an hour later", "half an hour", 0.5, "hour", K::kDuration,
             "0.5 hours"},
        Case{"two and a half years on", "two and a half years", 2.5, "year",
             K::kDuration, "2.5 years"},
        // Points.
        Case{"up 2 percentage points", "2 percentage points", 2, "pp",
             K::kPercent, "2 percentage points"},
        Case{"cut 50 basis points", "50 basis points", 50, "bp", K::kPercent,
             "50 basis points"},
        // Indian scale words.
        Case{"worth Rs 5 crore now", "Rs 5 crore", 5e7, "INR", K::kMoney,
             "Rs 50 million"},
        Case{"worth Rs. 3 lakh now", "Rs. 3 lakh", 3e5, "INR", K::kMoney,
             "Rs 300,000"},
        Case{"worth \u20B95 lakh crore", "\u20B95 lakh crore", 5e12, "INR",
             K::kMoney, "Rs 5 trillion"},
        Case{"5 crore rupees", "5 crore rupees", 5e7, "INR", K::kMoney,
             "Rs 50 million"},
        // Ages and hyphenated durations.
        Case{"a 50-year-old man", "50-year-old", 50, "year", K::kMeasure,
             "50-year-old"},
        Case{"a seven-year-old girl", "seven-year-old", 7, "year", K::kMeasure,
             "7-year-old"},
        Case{"her 18-month-old son", "18-month-old", 18, "month", K::kMeasure,
             "18-month-old"},
        // Measures glued to the number or joined by a hyphen.
        Case{"a 40ft wall", "40ft", 40, "ft", K::kMeasure, "40 ft"},
        Case{"a 12 feet drop", "12 feet", 12, "ft", K::kMeasure, "12 ft"},
        Case{"on a 500-acre farm", "500-acre", 500, "acre", K::kMeasure,
             "500 acre"},
        Case{"a shot from 25 yards", "25 yards", 25, "yard", K::kMeasure,
             "25 yard"},
        Case{"a 60 metre-high mast", "60 metre-high", 60, "m", K::kMeasure,
             "60 m"},
        Case{"a three mile-long tailback", "three mile-long", 3, "mile",
             K::kMeasure, "3 mile"},
        Case{"a 1,500 megawatt plant", "1,500 megawatt", 1500, "MW",
             K::kMeasure, "1500 MW"},
        Case{"gusts of 80mph", "80mph", 80, "mph", K::kMeasure, "80 mph"},
        Case{"wearing 6oz gloves", "6oz", 6, "oz", K::kMeasure, "6 oz"},
        Case{"a bag costs 10p now", "10p", 0.1, "GBP", K::kMoney, "\u00A30.1"},
        // Counts inside hyphenated compounds.
        Case{"a 12-storey block", "12", 12, "", K::kCount, "12"},
        Case{"an eight-storey block", "eight-storey", 8, "", K::kCount, "8"},
        Case{"the mother-of-two said", "mother-of-two", 2, "", K::kCount, "2"},
        Case{"a seven-year wait", "seven-year", 7, "year", K::kDuration,
             "7 years"},
        Case{"a 10-day visit", "10-day", 10, "day", K::kDuration, "10 days"},
        // Negative numbers.
        Case{"growth of -0.5% in May", "-0.5%", -0.5, "%", K::kPercent,
             "-0.5%"},
        Case{"at minus 5 degrees", "minus 5 degrees", -5, "degree", K::kMeasure,
             "-5 degree"}));

// Ranges, approximations and records: one quantity with its qualifiers.
struct QualifiedCase {
  std::string text;
  std::string quote;      // the span
  std::string qualifier;  // the qualifier span's bytes ("" for none)
  double value;
  std::optional<double> upper;
  std::string unit;
  QuantityKind kind;
  Approximation approx;
  bool record;
  std::string formatted;
};

class QualifiedQuantityTest : public ::testing::TestWithParam<QualifiedCase> {};

TEST_P(QualifiedQuantityTest, ExtractsBoundsAndCues) {
  const QualifiedCase& c = GetParam();
  const Quantity q = One(c.text);
  EXPECT_EQ(q.text, c.quote);
  EXPECT_EQ(q.span.begin, c.text.find(c.quote));
  EXPECT_DOUBLE_EQ(q.value, c.value);
  EXPECT_EQ(q.upper.has_value(), c.upper.has_value());
  if (q.upper && c.upper) {
    EXPECT_DOUBLE_EQ(*q.upper, *c.upper);
  }
  EXPECT_EQ(q.unit, c.unit);
  EXPECT_EQ(q.kind, c.kind);
  EXPECT_EQ(q.approx, c.approx);
  EXPECT_EQ(q.record, c.record);
  EXPECT_EQ(c.text.substr(q.qualifier_span.begin, q.qualifier_span.size()),
            c.qualifier);
  if (!c.qualifier.empty()) {
    EXPECT_EQ(q.qualifier_span.begin, c.text.find(c.qualifier));
  }
  EXPECT_EQ(FormatQuantity(q), c.formatted);
}

using A = Approximation;
constexpr std::nullopt_t kNone = std::nullopt;

INSTANTIATE_TEST_SUITE_P(
    Qualified, QualifiedQuantityTest,
    ::testing::Values(
        QualifiedCase{"rose 10-15% in May", "10-15%", "", 10, 15, "%",
                      K::kPercent, A::kExact, false, "10% to 15%"},
        QualifiedCase{"rose 10\u201315% in May", "10\u201315%", "", 10, 15, "%",
                      K::kPercent, A::kExact, false, "10% to 15%"},
        QualifiedCase{"between 10 and 15 percent", "10 and 15 percent", "", 10,
                      15, "%", K::kPercent, A::kExact, false, "10% to 15%"},
        QualifiedCase{"five to seven years", "five to seven years", "", 5, 7,
                      "year", K::kDuration, A::kExact, false,
                      "5 years to 7 years"},
        QualifiedCase{"$10-15 million raised", "$10-15 million", "", 1e7, 1.5e7,
                      "USD", K::kMoney, A::kExact, false,
                      "$10 million to $15 million"},
        QualifiedCase{"the 2019-20 fiscal year", "2019-20", "", 2019, 2020, "",
                      K::kYear, A::kExact, false, "2019-2020"},
        QualifiedCase{"the 1986/87 season", "1986/87", "", 1986, 1987, "",
                      K::kYear, A::kExact, false, "1986-1987"},
        QualifiedCase{"in 1999-00 it", "1999-00", "", 1999, 2000, "", K::kYear,
                      A::kExact, false, "1999-2000"},
        QualifiedCase{"nearly 50% of it", "50%", "nearly", 50, kNone, "%",
                      K::kPercent, A::kNearly, false, "nearly 50%"},
        QualifiedCase{"more than 1,000 troops", "1,000", "more than", 1000,
                      kNone, "", K::kCount, A::kMoreThan, false,
                      "more than 1,000"},
        QualifiedCase{"at least seven people", "seven", "at least", 7, kNone,
                      "", K::kCount, A::kAtLeast, false, "at least 7"},
        QualifiedCase{"no more than 5 km away", "5 km", "no more than", 5,
                      kNone, "km", K::kMeasure, A::kAtMost, false,
                      "at most 5 km"},
        QualifiedCase{"over 20 years", "20 years", "over", 20, kNone, "year",
                      K::kDuration, A::kMoreThan, false, "more than 20 years"},
        QualifiedCase{"almost $3bn", "$3bn", "almost", 3e9, kNone, "USD",
                      K::kMoney, A::kNearly, false, "nearly $3 billion"},
        QualifiedCase{"about 40 percent", "40 percent", "about", 40, kNone, "%",
                      K::kPercent, A::kAbout, false, "about 40%"},
        QualifiedCase{"less than a week after", "a week", "less than", 1, kNone,
                      "week", K::kDuration, A::kLessThan, false,
                      "less than 1 week"},
        QualifiedCase{"a record $99.2 billion", "$99.2 billion", "a record",
                      99.2e9, kNone, "USD", K::kMoney, A::kExact, true,
                      "$99.2 billion"},
        QualifiedCase{"up to 3 million", "3 million", "up to", 3e6, kNone, "",
                      K::kCount, A::kAtMost, false, "at most 3 million"}));

TEST(ExtractQuantitiesTest, HalfAsANounIsNoShare) {
  // Only the ordinal "second"; "half" is not a share.
  EXPECT_EQ(One("in the second half of the year").kind, QuantityKind::kOrdinal);
  EXPECT_TRUE(Extract("the other half").empty());
  // "a week" needs a cue: "twice a week" is a rate, not a duration.
  EXPECT_TRUE(Extract("twice a week").empty());
  EXPECT_TRUE(Extract("half a loaf").empty());
}

TEST(ExtractQuantitiesTest, PointsAreNotPercent) {
  EXPECT_FALSE(SameQuantity(One("2 percentage points"), One("2%")));
  EXPECT_TRUE(
      SameQuantity(One("50 basis points"), One("0.5 percentage points")));
  EXPECT_TRUE(SameQuantity(One("half of them"), One("50%")));
  EXPECT_TRUE(SameQuantity(One("nearly 50%"), One("50%")));
  EXPECT_TRUE(SameQuantity(One("10-15%"), One("between 10 and 15 percent")));
  EXPECT_FALSE(SameQuantity(One("10-15%"), One("10%")));
  EXPECT_FALSE(SameQuantity(One("a 50-year-old"), One("50 years")));
}

TEST(ExtractQuantitiesTest, ChangesAreNotRanges) {
  const std::vector<Quantity> q = Extract("rose from 10 to 15 percent");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].value, 10);
  EXPECT_EQ(q[1].text, "15 percent");
}

TEST(SingleTokenNumberTest, DigitsWordsAndArticles) {
  const std::vector<Token> t = Tokenize("1,000 seven twenty-five a an cat");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(SingleTokenNumber(t[0]), 1000);
  EXPECT_EQ(SingleTokenNumber(t[1]), 7);
  EXPECT_EQ(SingleTokenNumber(t[2]), 25);
  EXPECT_EQ(SingleTokenNumber(t[3]), 1);
  EXPECT_EQ(SingleTokenNumber(t[4]), 1);
  EXPECT_EQ(SingleTokenNumber(t[5]), std::nullopt);
}

TEST(ExtractQuantitiesTest, FindsEveryQuantityInASentence) {
  const std::string text =
      "This is Modi\u2019s first trip to China in seven years, after 50% "
      "tariffs and a record $99.2 billion deficit in 2020.";
  const std::vector<Quantity> q = Extract(text);
  ASSERT_EQ(q.size(), 5u);
  EXPECT_EQ(q[0].kind, QuantityKind::kOrdinal);
  EXPECT_EQ(q[1].text, "seven years");
  EXPECT_EQ(q[2].text, "50%");
  EXPECT_EQ(q[3].text, "$99.2 billion");
  EXPECT_EQ(q[4].kind, QuantityKind::kYear);
  const std::vector<Token> tokens = Tokenize(text);
  for (const Quantity& x : q) {
    ASSERT_LE(x.first_token, x.last_token);
    ASSERT_LT(x.last_token, tokens.size());
    EXPECT_EQ(x.span.begin, tokens[x.first_token].span.begin);
    EXPECT_EQ(x.span.end, tokens[x.last_token].span.end);
  }
}

TEST(ExtractQuantitiesTest, HonoursBaseOffset) {
  const std::string text = "up 50% now";
  const std::vector<Quantity> q = Extract(text, 100);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].span, (ByteSpan{103, 106}));
  EXPECT_EQ(q[0].text, "50%");
}

// Numbers that are not amounts. Each sentence has none.
class NotAQuantityTest : public ::testing::TestWithParam<std::string> {};

TEST_P(NotAQuantityTest, FindsNone) {
  EXPECT_TRUE(Extract(GetParam()).empty()) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(
    Contexts, NotAQuantityTest,
    ::testing::Values(
        // "one" as a pronoun, partitive or indefinite.
        "She is one of the best players in the league.",
        "One of them was never found.", "That was another one.",
        "They helped one another.", "Each one was checked.",
        "He hopes to one day play for his country.",
        "One day it may be possible.", "One local resident said it was loud.",
        "one angry shopper told reporters it was unfair.",
        // Names and codes.
        "They were promoted to League One last season.",
        "The 5G network and the 3G pitch.", "the G7 summit and the M25",
        "He owns Shop-4-U on the high street.", "Covid-19 cases rose.",
        // Times of day.
        "It happened at 9pm.", "It happened at 3 am on the road.",
        "The curfew runs from 7pm to 6am.", "at 7 a.m. or at 10:30",
        "It opened at 10:30pm.",
        // A number word as a noun after a possessive.
        "He scored from Smith's three in the final seconds.",
        // Fractions and idioms in compounds.
        "a one-off payment", "two-thirds majority", "four-hundredths ahead"));

TEST(ExtractQuantitiesTest, OneCountsWhenItCounts) {
  for (const char* text :
       {"He was killed with one punch.", "Only one person survived.",
        "It lasted for one day.", "We have been here one day.",
        "One person died in the crash.", "found that one in five"}) {
    const std::vector<Quantity> q = Extract(text);
    ASSERT_FALSE(q.empty()) << text;
    EXPECT_DOUBLE_EQ(q[0].value, 1) << text;
  }
}

TEST(ExtractQuantitiesTest, CodesDoNotHideUnitsOrDecades) {
  EXPECT_EQ(One("a 100m sprint").unit, "m");
  EXPECT_EQ(One("a 5bn deal").value, 5e9);
  EXPECT_EQ(One("it hit 40C today").value, 40);
  EXPECT_EQ(One("mid-2020").kind, K::kYear);
  // "second-half" is no unit: time units do not head compounds.
  EXPECT_EQ(One("four second-half goals").unit, "");
}

TEST(DropDayNumbersTest, DayNumbersGoYearsAndAmountsStay) {
  const std::string text =
      "He died on 14 May, six days after the crash on June 3 in 2020, aged 64.";
  const std::vector<Token> tokens = Tokenize(text, 0);
  std::vector<Quantity> q = ExtractQuantities(text, tokens, 0);
  const std::vector<DateMention> dates =
      ExtractDates(text, tokens, q, 0, std::nullopt);
  DropDayNumbers(dates, &q);
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].text, "six days");
  EXPECT_EQ(q[1].kind, K::kYear);
  EXPECT_EQ(q[2].value, 64);
}

TEST(ExtractQuantitiesTest, NoQuantities) {
  EXPECT_TRUE(Extract("").empty());
  EXPECT_TRUE(Extract("Xi and Modi met a leader.").empty());
  EXPECT_TRUE(Extract("millions of people").empty());
}

TEST(ExtractQuantitiesTest, SeparateNumbersStaySeparate) {
  const std::vector<Quantity> q = Extract("5 and 6 ships, five six, 3-2 win");
  ASSERT_EQ(q.size(), 6u);
  EXPECT_EQ(q[0].value, 5);
  EXPECT_EQ(q[1].value, 6);
  EXPECT_EQ(q[2].value, 5);
  EXPECT_EQ(q[3].value, 6);
  // A falling "range" is a score, not a range (and not minus two).
  EXPECT_EQ(q[4].value, 3);
  EXPECT_EQ(q[5].value, 2);
  for (const Quantity& x : q) EXPECT_FALSE(x.upper.has_value());
}

TEST(ExtractQuantitiesTest, YearsOnlyInRange) {
  EXPECT_EQ(One("in 1799 alone").kind, QuantityKind::kCount);
  EXPECT_EQ(One("in 2100 alone").kind, QuantityKind::kYear);
  EXPECT_EQ(One("some 2,020 votes").kind, QuantityKind::kCount);
  // A counted plural after it makes it a count, unless a date cue precedes.
  EXPECT_EQ(One("sold 2020 votes").kind, QuantityKind::kCount);
  EXPECT_EQ(One("the 2020 clashes").kind, QuantityKind::kYear);
  EXPECT_EQ(One("in 2020 clashes began").kind, QuantityKind::kYear);
  EXPECT_EQ(One("its 1987 earnings").kind, QuantityKind::kYear);
  EXPECT_EQ(One("the 2020 election").kind, QuantityKind::kYear);
  EXPECT_EQ(One("2020 was hard").kind, QuantityKind::kYear);
  // After an approximation cue or a currency it is an amount.
  EXPECT_EQ(One("about 2000").kind, QuantityKind::kCount);
  EXPECT_EQ(One("cost $2000").kind, QuantityKind::kMoney);
  // A clock time.
  EXPECT_EQ(One("at 2100 GMT").kind, QuantityKind::kCount);
  EXPECT_EQ(One("2020 km").kind, QuantityKind::kMeasure);
}

TEST(ExtractQuantitiesTest, MetresWithoutCurrencyMillionsWithIt) {
  const Quantity metres = One("a 5m wall");
  EXPECT_EQ(metres.kind, QuantityKind::kMeasure);
  EXPECT_EQ(metres.unit, "m");
  EXPECT_EQ(metres.value, 5);
  const Quantity money = One("a $5m wall");
  EXPECT_EQ(money.kind, QuantityKind::kMoney);
  EXPECT_EQ(money.value, 5e6);
}

Quantity Q(double value, std::string unit, QuantityKind kind) {
  Quantity q;
  q.value = value;
  q.unit = std::move(unit);
  q.kind = kind;
  return q;
}

TEST(SameQuantityTest, SameFamilyAndValue) {
  EXPECT_TRUE(SameQuantity(One("50%"), One("fifty per cent")));
  EXPECT_TRUE(SameQuantity(One("$99.2 billion"), One("US$99,200 million")));
  EXPECT_TRUE(SameQuantity(One("seven years"), One("7 years")));
  EXPECT_TRUE(SameQuantity(One("two decades"), One("20 years")));
  EXPECT_TRUE(SameQuantity(One("5 km"), One("5,000 metres")));
  EXPECT_TRUE(SameQuantity(One("1,000 troops"), One("a thousand troops")));
  EXPECT_TRUE(SameQuantity(Q(1.0, "", QuantityKind::kCount),
                           Q(1.0 + 1e-9, "", QuantityKind::kCount)));
  EXPECT_TRUE(SameQuantity(Q(0, "%", QuantityKind::kPercent),
                           Q(0, "%", QuantityKind::kPercent)));
}

TEST(SameQuantityTest, DifferentFamilyOrValue) {
  EXPECT_FALSE(SameQuantity(One("50%"), One("40%")));
  EXPECT_FALSE(SameQuantity(One("50%"), One("50 people")));
  EXPECT_FALSE(SameQuantity(One("\u20AC3"), One("\u00A33")));
  EXPECT_FALSE(SameQuantity(One("seven years"), One("seven")));
  EXPECT_FALSE(SameQuantity(One("in 2020"), One("2,020 votes")));
  EXPECT_FALSE(SameQuantity(One("5 km"), One("5 kg")));
  EXPECT_FALSE(SameQuantity(One("first"), One("one")));
  EXPECT_FALSE(SameQuantity(Q(1.0, "", QuantityKind::kCount),
                            Q(1.00001, "", QuantityKind::kCount)));
}

TEST(FormatQuantityTest, Readable) {
  EXPECT_EQ(FormatQuantity(Q(1234567, "", QuantityKind::kCount)),
            "1.234567 million");
  EXPECT_EQ(FormatQuantity(Q(12345, "", QuantityKind::kCount)), "12,345");
  EXPECT_EQ(FormatQuantity(Q(0.5, "%", QuantityKind::kPercent)), "0.5%");
  EXPECT_EQ(FormatQuantity(Q(3e12, "USD", QuantityKind::kMoney)),
            "$3 trillion");
  EXPECT_EQ(FormatQuantity(Q(7, "CNY", QuantityKind::kMoney)), "CNY 7");
  EXPECT_EQ(FormatQuantity(Q(2, "century", QuantityKind::kDuration)),
            "2 centuries");
  EXPECT_EQ(FormatQuantity(Q(11, "", QuantityKind::kOrdinal)), "11th");
  EXPECT_EQ(FormatQuantity(Q(22, "", QuantityKind::kOrdinal)), "22nd");
}

}  // namespace
}  // namespace factcheck::text
