#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"
#include "text/segmenter.h"

namespace factcheck::text {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Texts(std::string_view text) {
  std::vector<std::string> out;
  for (const Sentence& s : SplitSentences(text)) {
    out.emplace_back(text.substr(s.span.begin, s.span.size()));
  }
  return out;
}

TEST(SplitSentencesTest, EmptyAndBlankTextHaveNoSentences) {
  EXPECT_TRUE(SplitSentences("").empty());
  EXPECT_TRUE(SplitSentences(" \n\n\t \n").empty());
}

TEST(SplitSentencesTest, SplitsPlainSentences) {
  EXPECT_THAT(Texts("Dr. Smith arrived. He left."),
              ElementsAre("Dr. Smith arrived.", "He left."));
  EXPECT_THAT(Texts("Is it true? Yes! It is."),
              ElementsAre("Is it true?", "Yes!", "It is."));
}

TEST(SplitSentencesTest, KeepsUsAbbreviationInsideSentence) {
  EXPECT_THAT(Texts("The U.S. imposed tariffs."),
              ElementsAre("The U.S. imposed tariffs."));
  EXPECT_THAT(Texts("U.S. President Donald Trump spoke. He left."),
              ElementsAre("U.S. President Donald Trump spoke.", "He left."));
  EXPECT_THAT(Texts("Talks at the U.N. Security Council stalled."),
              ElementsAre("Talks at the U.N. Security Council stalled."));
}

TEST(SplitSentencesTest, SplitsAfterUsWhenNextSentenceOpensWithStarter) {
  // Documented heuristic: a known sentence opener after "U.S." ends it.
  EXPECT_THAT(Texts("Tariffs were imposed by the U.S. The move angered "
                    "India."),
              ElementsAre("Tariffs were imposed by the U.S.",
                          "The move angered India."));
}

TEST(SplitSentencesTest, KeepsTitlesMonthsAndInitials) {
  EXPECT_THAT(Texts("Mr. Li and Prof. Wang met Gen. Singh on Jan. 5 in "
                    "Delhi. They talked."),
              ElementsAre("Mr. Li and Prof. Wang met Gen. Singh on Jan. 5 in "
                          "Delhi.",
                          "They talked."));
  EXPECT_THAT(
      Texts("The book by J. K. Rowling sold well. Critics agreed."),
      ElementsAre("The book by J. K. Rowling sold well.", "Critics agreed."));
  EXPECT_THAT(Texts("Trade rose, e.g. in steel, and fell in No. 3 port."),
              ElementsAre("Trade rose, e.g. in steel, and fell in No. 3 "
                          "port."));
  EXPECT_THAT(Texts("Acme Inc. Chief Executive Jane Roe resigned at 5 p.m. "
                    "Monday. She gave no reason."),
              ElementsAre("Acme Inc. Chief Executive Jane Roe resigned at 5 "
                          "p.m. Monday.",
                          "She gave no reason."));
}

TEST(SplitSentencesTest, QuotesStayWithTheirSentence) {
  EXPECT_THAT(
      Texts("\u201CWe remain committed,\u201D Modi said. Xi agreed."),
      ElementsAre("\u201CWe remain committed,\u201D Modi said.", "Xi agreed."));
  // A closing quote after the period belongs to the sentence it closes.
  EXPECT_THAT(Texts("He said \u201CWe will win.\u201D Then he left."),
              ElementsAre("He said \u201CWe will win.\u201D", "Then he left."));
  EXPECT_THAT(Texts("\"Why?\" he asked. Nobody answered."),
              ElementsAre("\"Why?\" he asked.", "Nobody answered."));
}

TEST(SplitSentencesTest, EachLineIsAParagraph) {
  const std::string text = "First one. Second one.\n\nThird one.\nFourth.";
  const std::vector<Sentence> s = SplitSentences(text);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].paragraph, 0u);
  EXPECT_EQ(s[1].paragraph, 0u);
  EXPECT_EQ(s[2].paragraph, 1u);
  EXPECT_EQ(s[3].paragraph, 2u);
  for (const Sentence& x : s) EXPECT_FALSE(x.is_heading);
}

TEST(SplitSentencesTest, DetectsHeadings) {
  const std::string text =
      "Border & Economic Breakthroughs\nModi spoke at length.\n"
      "Why it matters:\nA short line that ends with a period.\n"
      "This line has far more than ten words and no final punctuation at "
      "all";
  const std::vector<Sentence> s = SplitSentences(text);
  ASSERT_EQ(s.size(), 5u);
  EXPECT_TRUE(s[0].is_heading);
  EXPECT_FALSE(s[1].is_heading);
  EXPECT_FALSE(s[2].is_heading);
  EXPECT_FALSE(s[3].is_heading);
  EXPECT_FALSE(s[4].is_heading);
}

TEST(SplitSentencesTest, SpansAreTrimmedAndRoundTrip) {
  const std::string text = "  Leading space.   Trailing space.  \r\n\t Tab.";
  const std::vector<Sentence> s = SplitSentences(text);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(text.substr(s[0].span.begin, s[0].span.size()), "Leading space.");
  EXPECT_EQ(text.substr(s[1].span.begin, s[1].span.size()), "Trailing space.");
  EXPECT_EQ(text.substr(s[2].span.begin, s[2].span.size()), "Tab.");
  EXPECT_EQ(s[0].span.begin, 2u);
}

TEST(SplitSentencesTest, SplitsSentencesGluedAtTheirStop) {
  EXPECT_THAT(Texts("He spoke before the wreath-laying at the Cenotaph.Anzac "
                    "Day commemorates the landing."),
              ElementsAre("He spoke before the wreath-laying at the Cenotaph.",
                          "Anzac Day commemorates the landing."));
  EXPECT_THAT(Texts("Want a better view?Switch to portrait.Thanks!Bye now."),
              ElementsAre("Want a better view?", "Switch to portrait.",
                          "Thanks!", "Bye now."));
  // A closing quote glued to the next sentence stays with its own.
  EXPECT_THAT(Texts("in the future.\"Elizabeth agreed."),
              ElementsAre("in the future.\"", "Elizabeth agreed."));
}

TEST(SplitSentencesTest, KeepsDotsThatDoNotEndASentence) {
  for (const char* text : {
           "The U.S. economy grew and the U.S.Army grew.",
           "No.5 was sold for 3.5 million at bbc.co.uk today.",
           "Rates fell, e.g. in steel, by 2.5 percent.",
           "The book by J.K. Rowling and J.K.Rowling sold.",
           "Mr.Smith and Dr.Jones met at St.Paul today.",
           "See www.Geniewards.ca or mail jane.Doe@example.org now.",
       }) {
    EXPECT_THAT(Texts(text), ElementsAre(text));
  }
  EXPECT_TRUE(IsGluedSentenceBreak("end.Next", 3));
  EXPECT_FALSE(IsGluedSentenceBreak("end.Next", 2));
  EXPECT_FALSE(IsGluedSentenceBreak("end.N", 3));  // no word after
  EXPECT_FALSE(IsGluedSentenceBreak("END.Next", 3));
  EXPECT_FALSE(IsGluedSentenceBreak("end.next", 3));
}

TEST(SplitSentencesTest, SplitsLowerCasedPtbText) {
  EXPECT_THAT(
      Texts("driving down their disposable income . only 13 % of people are "
            "divorced . '' the cost , in the u.s. , rose ! it did n't fall ."),
      ElementsAre("driving down their disposable income .",
                  "only 13 % of people are divorced . ''",
                  "the cost , in the u.s. , rose !", "it did n't fall ."));
  EXPECT_THAT(
      Texts("Tamerlan . -RRB- was named -LRB- born 1986 -RRB- ."),
      ElementsAre("Tamerlan . -RRB-", "was named -LRB- born 1986 -RRB- ."));
  // An ellipsis is not a stop standing alone.
  EXPECT_THAT(Texts("he paused ... and went on ."),
              ElementsAre("he paused ... and went on ."));
  // "`" opens a quote: the sentence still starts lower-case after it.
  EXPECT_THAT(Texts("`` why ? '' he asked ."),
              ElementsAre("`` why ? '' he asked ."));
}

TEST(SplitSentencesTest, EscapedQuotesStayWithTheirSentence) {
  const std::string text =
      R"(He said \"We will win.\" Then he left. \"Why?\" he asked. )"
      R"(It\'s over.)";
  EXPECT_THAT(Texts(text),
              ElementsAre(R"(He said \"We will win.\")", "Then he left.",
                          R"(\"Why?\" he asked.)", R"(It\'s over.)"));
  const std::vector<Sentence> s = SplitSentences(text);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].span, (ByteSpan{0, 24}));
  EXPECT_EQ(s[3].span.end, text.size());
}

TEST(SplitSentencesTest, SampleArticle) {
  const std::string text =
      testing::ReadFileOrEmpty(std::string(FACTCHECK_SHARED_DATA_DIR) +
                               "/samples/sco-summit-modi-xi.txt");
  if (text.empty()) GTEST_SKIP() << "sample article not available";
  const std::vector<Sentence> sentences = SplitSentences(text);

  std::vector<std::string> headings;
  std::vector<std::string> all;
  uint32_t last_paragraph = 0;
  ByteSpan prev;
  for (const Sentence& s : sentences) {
    ASSERT_LE(s.span.end, text.size());
    ASSERT_GT(s.span.size(), 0u);
    ASSERT_GE(s.span.begin, prev.end);  // in order, non-overlapping
    ASSERT_GE(s.paragraph, last_paragraph);
    const std::string t = text.substr(s.span.begin, s.span.size());
    EXPECT_EQ(t.find('\n'), std::string::npos) << t;
    EXPECT_NE(t.front(), ' ');
    EXPECT_NE(t.back(), ' ');
    all.push_back(t);
    if (s.is_heading) headings.push_back(t);
    last_paragraph = s.paragraph;
    prev = s.span;
  }
  EXPECT_THAT(headings, ElementsAre("Border & Economic Breakthroughs",
                                    "Strategic Balancing",
                                    "Pakistan and Regional Diplomacy"));
  EXPECT_EQ(last_paragraph, 12u);  // 13 non-empty lines
  EXPECT_EQ(sentences.size(), 19u);
  EXPECT_THAT(all, ::testing::Contains(
                       "\u201CWe remain committed to advancing our "
                       "relationship on the basis of mutual trust, respect, "
                       "and sensitivities,\u201D Modi said during the talks, "
                       "which were shared on his official X account."));
  EXPECT_THAT(
      all, ::testing::Contains("Analysts suggest Modi and Xi are aligning more "
                               "closely as they face common pressure from the "
                               "West."));
}

}  // namespace
}  // namespace factcheck::text
