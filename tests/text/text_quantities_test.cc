#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
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
             "2500 years"}));

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

TEST(ExtractQuantitiesTest, NoQuantities) {
  EXPECT_TRUE(Extract("").empty());
  EXPECT_TRUE(Extract("Xi and Modi met a leader.").empty());
  EXPECT_TRUE(Extract("millions of people").empty());
}

TEST(ExtractQuantitiesTest, SeparateNumbersStaySeparate) {
  const std::vector<Quantity> q = Extract("between 5 and 6 ships, five six");
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0].value, 5);
  EXPECT_EQ(q[1].value, 6);
  EXPECT_EQ(q[2].value, 5);
  EXPECT_EQ(q[3].value, 6);
}

TEST(ExtractQuantitiesTest, YearsOnlyInRange) {
  EXPECT_EQ(One("in 1799 alone").kind, QuantityKind::kCount);
  EXPECT_EQ(One("in 2100 alone").kind, QuantityKind::kYear);
  EXPECT_EQ(One("some 2,020 votes").kind, QuantityKind::kCount);
  EXPECT_EQ(One("some 2020 votes").kind, QuantityKind::kYear);
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
