#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "text/normalize.h"
#include "text/quantities.h"
#include "text/segmenter.h"
#include "text/tokenizer.h"

namespace factcheck::text {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Surfaces(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(t.text);
  return out;
}

std::vector<std::string> Surfaces(std::string_view text) {
  return Surfaces(Tokenize(text));
}

TEST(TokenizeTest, EmptyText) { EXPECT_TRUE(Tokenize("").empty()); }

TEST(TokenizeTest, WordsNumbersPunctuation) {
  const std::vector<Token> t = Tokenize("Xi met Modi, twice.");
  ASSERT_THAT(Surfaces(t), ElementsAre("Xi", "met", "Modi", ",", "twice", "."));
  EXPECT_EQ(t[0].kind, TokenKind::kWord);
  EXPECT_EQ(t[3].kind, TokenKind::kPunct);
  EXPECT_TRUE(t[0].is_capitalized);
  EXPECT_FALSE(t[1].is_capitalized);
}

TEST(TokenizeTest, SplitsNegationClitics) {
  const std::vector<Token> t = Tokenize("They don't agree; it won't work.");
  ASSERT_THAT(Surfaces(t), ElementsAre("They", "do", "n't", "agree", ";", "it",
                                       "wo", "n't", "work", "."));
  EXPECT_TRUE(t[2].is_negation);
  EXPECT_TRUE(t[7].is_negation);
  EXPECT_FALSE(t[2].is_stop);
  EXPECT_FALSE(t[3].is_negation);
  // Curly apostrophe.
  const std::vector<Token> c = Tokenize("Xi didn\u2019t come.");
  ASSERT_THAT(Surfaces(c), ElementsAre("Xi", "did", "n\u2019t", "come", "."));
  EXPECT_EQ(c[2].norm, "n't");
  EXPECT_TRUE(c[2].is_negation);
}

TEST(TokenizeTest, CannotIsANegationCue) {
  const std::vector<Token> t = Tokenize("India cannot agree.");
  ASSERT_THAT(Surfaces(t), ElementsAre("India", "cannot", "agree", "."));
  EXPECT_TRUE(t[1].is_negation);
  EXPECT_FALSE(t[1].is_stop);
}

TEST(TokenizeTest, SplitsPossessives) {
  const std::string text = "Modi\u2019s trip and China's ties";
  const std::vector<Token> t = Tokenize(text);
  ASSERT_THAT(Surfaces(t), ElementsAre("Modi", "\u2019s", "trip", "and",
                                       "China", "'s", "ties"));
  EXPECT_EQ(t[0].norm, "modi");
  EXPECT_EQ(t[1].norm, "'s");
  EXPECT_TRUE(t[1].is_stop);
  EXPECT_EQ(t[0].span, (ByteSpan{0, 4}));
  EXPECT_EQ(t[1].span, (ByteSpan{4, 8}));
}

TEST(TokenizeTest, PercentMoneyAndSeparators) {
  const std::vector<Token> t =
      Tokenize("steep 50% tariffs, a $99.2 billion deficit, 1,000 troops");
  ASSERT_THAT(Surfaces(t),
              ElementsAre("steep", "50", "%", "tariffs", ",", "a", "$", "99.2",
                          "billion", "deficit", ",", "1,000", "troops"));
  EXPECT_EQ(t[1].kind, TokenKind::kNumber);
  EXPECT_EQ(t[2].kind, TokenKind::kPunct);
  EXPECT_EQ(t[6].kind, TokenKind::kPunct);
  EXPECT_EQ(t[7].kind, TokenKind::kNumber);
  EXPECT_EQ(t[11].kind, TokenKind::kNumber);
  EXPECT_EQ(t[11].stem, "1,000");
}

TEST(TokenizeTest, SplitsScaleSuffixesButKeepsOrdinals) {
  EXPECT_THAT(Surfaces("99.2bn and 5km on the 3rd in the 1990s"),
              ElementsAre("99.2", "bn", "and", "5", "km", "on", "the", "3rd",
                          "in", "the", "1990s"));
}

TEST(TokenizeTest, KeepsHyphenatedWordsAndInitialisms) {
  const std::vector<Token> t =
      Tokenize("a far-reaching, face-to-face U.S. deal at 5 p.m.");
  ASSERT_THAT(Surfaces(t), ElementsAre("a", "far-reaching", ",", "face-to-face",
                                       "U.S.", "deal", "at", "5", "p.m."));
  EXPECT_EQ(t[4].norm, "u.s.");
  // En dashes join names, they do not make one word.
  EXPECT_THAT(Surfaces("Pakistan\u2013China relations"),
              ElementsAre("Pakistan", "\u2013", "China", "relations"));
  EXPECT_THAT(Surfaces("twenty-five"), ElementsAre("twenty-five"));
}

TEST(TokenizeTest, FoldsCurlyQuotes) {
  const std::vector<Token> t =
      Tokenize("\u201Cpartners rather than rivals\u201D");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].text, "\u201C");
  EXPECT_EQ(t[0].norm, "\"");
  EXPECT_EQ(t[0].kind, TokenKind::kPunct);
  EXPECT_EQ(t[5].norm, "\"");
}

TEST(TokenizeTest, SpansAreExactAndOffsetByBase) {
  const std::string text =
      "\u201CWe remain committed,\u201D Modi\u2019s aide said \u2014 50% "
      "of $99.2bn.";
  const std::vector<Token> t = Tokenize(text, 1000);
  ASSERT_FALSE(t.empty());
  uint32_t prev_end = 1000;
  for (const Token& tok : t) {
    ASSERT_GE(tok.span.begin, prev_end);
    ASSERT_LE(tok.span.end, 1000 + text.size());
    EXPECT_EQ(text.substr(tok.span.begin - 1000, tok.span.size()), tok.text);
    prev_end = tok.span.end;
  }
}

// What the matcher reads of a token: every field but the surface, span and
// capitalisation.
struct Reading {
  std::string norm;
  std::string stem;
  TokenKind kind;
  bool is_stop;
  bool is_negation;
  bool operator==(const Reading&) const = default;
};

std::vector<Reading> Readings(std::string_view text) {
  std::vector<Reading> out;
  for (const Token& t : Tokenize(text)) {
    out.push_back({t.norm, t.stem, t.kind, t.is_stop, t.is_negation});
  }
  return out;
}

// Each token's span covers its surface in `text`, once escaped quotes are
// read as quotes; spans are in order.
void ExpectSpansCoverSurfaces(std::string_view text) {
  uint32_t prev_end = 0;
  for (const Token& t : Tokenize(text)) {
    ASSERT_GE(t.span.begin, prev_end) << t.text;
    ASSERT_LE(t.span.end, text.size()) << t.text;
    const std::string_view covered = text.substr(t.span.begin, t.span.size());
    const std::optional<UnescapedText> unescaped = UnescapeQuotes(covered);
    EXPECT_EQ(unescaped ? unescaped->text : std::string(covered), t.text);
    prev_end = t.span.end;
  }
}

TEST(TokenizeTest, EscapedQuotesReadAsQuotes) {
  const std::string text = R"(Xi didn\'t say \"no\" to China\'s plan.)";
  const std::vector<Token> t = Tokenize(text, 100);
  ASSERT_THAT(Surfaces(t), ElementsAre("Xi", "did", "n't", "say", "\"", "no",
                                       "\"", "to", "China", "'s", "plan", "."));
  EXPECT_TRUE(t[2].is_negation);
  EXPECT_EQ(t[2].norm, "n't");
  EXPECT_EQ(text.substr(t[2].span.begin - 100, t[2].span.size()), R"(n\'t)");
  EXPECT_EQ(t[4].kind, TokenKind::kPunct);
  EXPECT_EQ(text.substr(t[4].span.begin - 100, t[4].span.size()), R"(\")");
  EXPECT_TRUE(t[9].is_stop);
  EXPECT_EQ(Readings(text), Readings("Xi didn't say \"no\" to China's plan."));
  ExpectSpansCoverSurfaces(text);
}

TEST(TokenizeTest, EscapedPtbClosingQuoteIsOneMark) {
  const std::string text = R"(a ``disaster\'\'by then)";
  const std::vector<Token> t = Tokenize(text);
  ASSERT_THAT(Surfaces(t),
              ElementsAre("a", "``", "disaster", "''", "by", "then"));
  EXPECT_EQ(t[1].norm, "\"");
  EXPECT_EQ(t[3].norm, "\"");
  EXPECT_EQ(t[3].span, (ByteSpan{12, 16}));
  ExpectSpansCoverSurfaces(text);
}

TEST(TokenizeTest, EscapedBackslashIsNotAnEscape) {
  // "\\" is a backslash; the quote after it is a plain quote.
  const std::string text = R"(C:\\'s)";
  EXPECT_FALSE(UnescapeQuotes(R"(C:\\'s)").has_value());
  ExpectSpansCoverSurfaces(text);
}

TEST(TokenizeTest, PtbTextReadsLikePlainText) {
  const std::string ptb =
      "the study 's author did n't say `` yes '' -LRB- twice -RRB- in the "
      "u.s. today , and they 're sure she wo n't .";
  const std::string plain =
      "The study's author didn't say \u201Cyes\u201D (twice) in the U.S. "
      "today, and they're sure she won't.";
  EXPECT_EQ(Readings(ptb), Readings(plain));
  const std::vector<Token> t = Tokenize(ptb);
  ASSERT_THAT(Surfaces(t),
              ElementsAre("the", "study", "'s", "author", "did", "n't", "say",
                          "``", "yes", "''", "-LRB-", "twice", "-RRB-", "in",
                          "the", "u.s.", "today", ",", "and", "they", "'re",
                          "sure", "she", "wo", "n't", "."));
  EXPECT_EQ(t[2].kind, TokenKind::kWord);
  EXPECT_TRUE(t[2].is_stop);
  EXPECT_TRUE(t[5].is_negation);
  EXPECT_EQ(t[7].kind, TokenKind::kPunct);
  EXPECT_EQ(t[10].norm, "(");
  EXPECT_EQ(t[12].norm, ")");
  EXPECT_TRUE(t[24].is_negation);
  ExpectSpansCoverSurfaces(ptb);
}

TEST(TokenizeTest, PtbBracketsAndSingleBackquote) {
  const std::vector<Token> t =
      Tokenize("-LSB- a -RSB- -LCB- b -RCB- ` c ' LRB");
  ASSERT_THAT(Surfaces(t), ElementsAre("-LSB-", "a", "-RSB-", "-LCB-", "b",
                                       "-RCB-", "`", "c", "'", "LRB"));
  EXPECT_EQ(t[0].norm, "[");
  EXPECT_EQ(t[2].norm, "]");
  EXPECT_EQ(t[3].norm, "{");
  EXPECT_EQ(t[5].norm, "}");
  EXPECT_EQ(t[6].norm, "'");
  EXPECT_EQ(t[6].kind, TokenKind::kPunct);
  // Not a PTB mark: a plain word.
  EXPECT_EQ(t[9].kind, TokenKind::kWord);
  // Hyphens around other words still join or split as before.
  EXPECT_THAT(Surfaces("re-LRB-x"), ElementsAre("re-LRB-x"));
}

TEST(TokenizeTest, DetachedCliticsNeedAWordBeforeThem) {
  EXPECT_THAT(Surfaces("she 'll go , I 'm in , it 'd be"),
              ElementsAre("she", "'ll", "go", ",", "I", "'m", "in", ",", "it",
                          "'d", "be"));
  // A quote opening a word is not a clitic, nor one after punctuation.
  EXPECT_THAT(Surfaces("he said 'sorry' , 's"),
              ElementsAre("he", "said", "'", "sorry", "'", ",", "'", "s"));
}

TEST(TokenizeTest, SplitsSentencesGluedAtTheirStop) {
  const std::string text = "at the Cenotaph.Anzac Day began";
  const std::vector<Token> t = Tokenize(text);
  ASSERT_THAT(Surfaces(t), ElementsAre("at", "the", "Cenotaph", ".", "Anzac",
                                       "Day", "began"));
  EXPECT_EQ(t[3].kind, TokenKind::kPunct);
  EXPECT_TRUE(t[4].is_capitalized);
  ExpectSpansCoverSurfaces(text);
  // Not sentence ends: addresses, decimals, initials, abbreviations.
  EXPECT_THAT(
      Surfaces("www.Example.com bbc.co.uk 3.5 J.K. e.g."),
      ElementsAre("www.Example.com", "bbc.co.uk", "3.5", "J.K.", "e.g."));
}

TEST(TokenizeTest, PtbPercentStillFormsAPercentage) {
  const std::string text = "only 13 % of people";
  const std::vector<Token> tokens = Tokenize(text);
  const std::vector<Quantity> q = ExtractQuantities(text, tokens, 0);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].kind, QuantityKind::kPercent);
  EXPECT_EQ(q[0].unit, "%");
  EXPECT_EQ(q[0].value, 13);
  EXPECT_EQ(q[0].span, (ByteSpan{5, 9}));
}

TEST(StemTest, SnowballEnglish) {
  EXPECT_EQ(Stem("imposed"), "impos");
  EXPECT_EQ(Stem("tariffs"), "tariff");
  EXPECT_EQ(Stem("relations"), "relat");
  EXPECT_EQ(Stem(""), "");
  const std::vector<Token> t = Tokenize("Tariffs imposed");
  EXPECT_EQ(t[0].stem, "tariff");
  EXPECT_EQ(t[1].stem, "impos");
}

TEST(StopWordTest, FunctionWordsButNeverNegations) {
  for (const char* w : {"the", "a", "of", "is", "was", "have", "did", "would",
                        "that", "which", "there", "they", "and", "'s"}) {
    EXPECT_TRUE(IsStopWord(w)) << w;
  }
  for (const char* w :
       {"not", "no", "never", "n't", "cannot", "none", "nor", "neither",
        "without", "nobody", "nothing", "nowhere", "hardly", "barely"}) {
    EXPECT_FALSE(IsStopWord(w)) << w;
    EXPECT_TRUE(IsNegationCue(w)) << w;
  }
  for (const char* w : {"tariff", "modi", "all", "some", "more", "said"}) {
    EXPECT_FALSE(IsStopWord(w)) << w;
    EXPECT_FALSE(IsNegationCue(w)) << w;
  }
}

TEST(NumberTest, RecognisesAndCanonicalises) {
  EXPECT_TRUE(IsNumberToken("1,000"));
  EXPECT_TRUE(IsNumberToken("99.2"));
  EXPECT_FALSE(IsNumberToken("99."));
  EXPECT_FALSE(IsNumberToken("3rd"));
  EXPECT_FALSE(IsNumberToken(""));
  EXPECT_EQ(CanonicalNumber("1,000"), "1000");
  EXPECT_EQ(CanonicalNumber("50.0"), "50");
  EXPECT_EQ(CanonicalNumber("99.20"), "99.2");
  EXPECT_EQ(CanonicalNumber("0.5"), "0.5");
  EXPECT_EQ(CanonicalNumber("007"), "7");
  EXPECT_EQ(CanonicalNumber("0"), "0");
  EXPECT_EQ(CanonicalNumber("abc"), "abc");
}

TEST(IndexTermsTest, StemsOfContentWordsAndNumbers) {
  EXPECT_THAT(IndexTerms("The U.S. imposed 50.0% tariffs on 1,000 goods, "
                         "and India didn't retaliate."),
              ElementsAre("u.s.", "impos", "50", "tariff", "1000", "good",
                          "india", "n't", "retali"));
}

// Each thread uses its own ICU iterators and stemmer; results must not
// depend on which thread ran (run under TSan to check for races).
TEST(ThreadSafetyTest, ConcurrentCallsAgreeWithSerialOnes) {
  const std::string text =
      "Dr. Smith didn\u2019t arrive. The U.S. imposed 50% tariffs on "
      "$99.2bn of goods.\nIndia\u2019s response was far-reaching.";
  const std::vector<std::string> expected = IndexTerms(text);
  const size_t expected_sentences = SplitSentences(text).size();
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      for (int i = 0; i < 200; ++i) {
        if (IndexTerms(text) != expected) ++mismatches[k];
        if (SplitSentences(text).size() != expected_sentences) ++mismatches[k];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace factcheck::text
