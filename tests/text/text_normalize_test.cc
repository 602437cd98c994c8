#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "text/normalize.h"

namespace factcheck::text {
namespace {

using ::factcheck::testing::StatusIs;

TEST(IsValidUtf8Test, AcceptsWellFormed) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("Modi\u2019s \u20AC3 \U0001F600"));
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
}

TEST(IsValidUtf8Test, RejectsIllFormed) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong 3-byte
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // overlong 4-byte
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));      // surrogate U+DFFF
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\x80"));         // stray continuation
  EXPECT_FALSE(IsValidUtf8("abc\xE2\x82"));  // truncated
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(FindInvalidUtf8Test, ReportsFirstBadByte) {
  EXPECT_EQ(FindInvalidUtf8("ok \u00E9 ok"), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("abc\xC0\xAF"), 3u);
  EXPECT_EQ(FindInvalidUtf8("\u00E9\xED\xA0\x80"), 2u);
}

TEST(NormalizeBodyTest, ComposesToNfc) {
  FC_ASSERT_OK_AND_ASSIGN(std::string out, NormalizeBody("Caf"
                                                         "e\u0301"));
  EXPECT_EQ(out, "Caf\u00E9");
}

TEST(NormalizeBodyTest, NormalisesLineBreaks) {
  FC_ASSERT_OK_AND_ASSIGN(std::string out,
                          NormalizeBody("one\r\ntwo\rthree\nfour"));
  EXPECT_EQ(out, "one\ntwo\nthree\nfour");
}

TEST(NormalizeBodyTest, DropsControlsButKeepsTabs) {
  FC_ASSERT_OK_AND_ASSIGN(std::string out, NormalizeBody("a\x01"
                                                         "b\tc\x1F"
                                                         "d\x7F"));
  EXPECT_EQ(out, "ab\tcd");
}

TEST(NormalizeBodyTest, ComposesAcrossRemovedControl) {
  FC_ASSERT_OK_AND_ASSIGN(std::string out, NormalizeBody("e\x02\u0301"));
  EXPECT_EQ(out, "\u00E9");
}

TEST(NormalizeBodyTest, TrimsTrailingSpacesAndBlankLines) {
  FC_ASSERT_OK_AND_ASSIGN(
      std::string out,
      NormalizeBody("\n  \n  Title  \nBody text.\t \n\n\nMore.   \n \n"));
  EXPECT_EQ(out, "  Title\nBody text.\n\n\nMore.");
}

TEST(NormalizeBodyTest, KeepsTypographyAsPublished) {
  const std::string body =
      "\u201CWe remain committed,\u201D Modi said \u2014 "
      "Pakistan\u2013China.";
  FC_ASSERT_OK_AND_ASSIGN(std::string out, NormalizeBody(body));
  EXPECT_EQ(out, body);
}

TEST(NormalizeBodyTest, EmptyAndBlankBodiesBecomeEmpty) {
  FC_ASSERT_OK_AND_ASSIGN(std::string empty, NormalizeBody(""));
  EXPECT_EQ(empty, "");
  FC_ASSERT_OK_AND_ASSIGN(std::string blank, NormalizeBody(" \r\n\t\n"));
  EXPECT_EQ(blank, "");
}

TEST(NormalizeBodyTest, RejectsInvalidUtf8WithOffset) {
  EXPECT_THAT(NormalizeBody("Hello \xC3\x28 world"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "body is not valid UTF-8 (first bad byte at offset 6)"));
  EXPECT_THAT(NormalizeBody("ab\xC0\xAF"),
              StatusIs(absl::StatusCode::kInvalidArgument, "offset 2"));
  EXPECT_THAT(NormalizeBody("x\xED\xA0\x80"),
              StatusIs(absl::StatusCode::kInvalidArgument, "offset 1"));
}

TEST(UnescapeQuotesTest, ReadsEscapedQuotesAndMapsBack) {
  EXPECT_FALSE(UnescapeQuotes("plain 'quotes' and \"more\"").has_value());
  EXPECT_FALSE(UnescapeQuotes(R"(a path C:\dir\\'x)").has_value());
  const std::string text = R"(it\'s \"ok\" \\ x)";
  const std::optional<UnescapedText> u = UnescapeQuotes(text);
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->text, R"(it's "ok" \\ x)");
  ASSERT_EQ(u->original_offset.size(), u->text.size() + 1);
  EXPECT_EQ(u->original_offset[2], 2u);    // ' from \' at 2
  EXPECT_EQ(u->original_offset[3], 4u);    // s
  EXPECT_EQ(u->original_offset[5], 6u);    // " from \" at 6
  EXPECT_EQ(u->original_offset[10], 13u);  // the first backslash of "\\"
  EXPECT_EQ(u->original_offset[11], 14u);
  EXPECT_EQ(u->original_offset.back(), text.size());
  // A trailing lone backslash is kept.
  const std::optional<UnescapedText> tail = UnescapeQuotes(R"(\'x\)");
  ASSERT_TRUE(tail.has_value());
  EXPECT_EQ(tail->text, R"('x\)");
}

TEST(FoldForMatchingTest, FoldsQuotesDashesSpacesAndCase) {
  EXPECT_EQ(FoldForMatching("Modi\u2019s \u201CPartners\u201D"),
            "modi's \"partners\"");
  EXPECT_EQ(FoldForMatching("Pakistan\u2013China \u2014 \u22125"),
            "pakistan-china - -5");
  EXPECT_EQ(FoldForMatching("50\u00A0%\u2009x"), "50 % x");
  EXPECT_EQ(FoldForMatching("\u00C9COLE \u0394\u0395\u039B\u03A4\u0391"),
            "\u00E9cole \u03B4\u03B5\u03BB\u03C4\u03B1");
  EXPECT_EQ(FoldForMatching("ISTANBUL"), "istanbul");  // no Turkish i
  EXPECT_EQ(FoldForMatching(""), "");
}

}  // namespace
}  // namespace factcheck::text
