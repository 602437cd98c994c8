#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"
#include "text/attribution.h"

namespace factcheck::text {
namespace {

// The attribution of the sentence of `a` that contains `needle`.
const SentenceAttribution& Of(const ArticleAnalysis& a, std::string_view body,
                              std::string_view needle) {
  for (size_t i = 0; i < a.sentences.size(); ++i) {
    std::string_view s =
        body.substr(a.sentences[i].span.begin, a.sentences[i].span.size());
    if (s.find(needle) != std::string_view::npos) return a.attributions[i];
  }
  ADD_FAILURE() << "no sentence contains: " << needle;
  static const SentenceAttribution kNone;
  return kNone;
}

struct Case {
  std::string name;
  std::string body;
  std::string sentence;  // a substring of the sentence under test
  AttributionKind kind;
  std::string canonical;  // "" for the narrator
  std::string cue;
  std::string speaker_as_written;  // "" to skip
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class AttributionCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(AttributionCaseTest, KindSpeakerCueAndSpan) {
  const Case& c = GetParam();
  const ArticleAnalysis a = AnalyzeArticle(c.body);
  const SentenceAttribution& got = Of(a, c.body, c.sentence);
  EXPECT_EQ(got.kind, c.kind) << c.sentence;
  EXPECT_EQ(got.speaker.canonical, c.canonical) << c.sentence;
  EXPECT_EQ(got.cue, c.cue) << c.sentence;
  if (!c.speaker_as_written.empty()) {
    EXPECT_EQ(got.speaker.name, c.speaker_as_written);
    ASSERT_LE(got.speaker.span.end, c.body.size());
    EXPECT_EQ(c.body.substr(got.speaker.span.begin, got.speaker.span.size()),
              c.speaker_as_written);
  }
}

const AttributionKind kNarrator = AttributionKind::kNarrator;
const AttributionKind kDirect = AttributionKind::kDirectQuote;
const AttributionKind kIndirect = AttributionKind::kIndirect;
const AttributionKind kAccording = AttributionKind::kAccordingTo;

INSTANTIATE_TEST_SUITE_P(
    Constructions, AttributionCaseTest,
    ::testing::Values(
        Case{"QuoteThenSpeaker",
             "Mayor Ann Lee opened the bridge. \u201CWe finished early,\u201D "
             "Lee said.",
             "finished early", kDirect, "Ann Lee", "said", "Lee"},
        Case{"SpeakerColonQuote",
             "Tom Hardy spoke at noon. Hardy said: \u201CThe plan works.\u201D",
             "plan works", kDirect, "Tom Hardy", "said", "Hardy"},
        Case{"InvertedSpeaker",
             "\u201CThe vote is final,\u201D said Senator Mary Jones.",
             "vote is final", kDirect, "Mary Jones", "said", "Mary Jones"},
        Case{"SpeakerInTheMiddle",
             "\u201CThe plan works,\u201D Rosa Diaz said, \u201Cand it costs "
             "less.\u201D",
             "costs less", kDirect, "Rosa Diaz", "said", "Rosa Diaz"},
        Case{"StraightQuotes",
             "Chef Paul Ray cooked. \"It tastes fine,\" Ray added.",
             "tastes fine", kDirect, "Paul Ray", "added", "Ray"},
        Case{"SingleQuotesAfterColon",
             "Judge Helen Park ruled on Monday. She said: 'The law is "
             "clear.'",
             "law is clear", kDirect, "Helen Park", "said", "She"},
        Case{"ReportedThat",
             "Health Minister Ana Silva said that hospitals were full.",
             "hospitals", kIndirect, "Ana Silva", "said", "Ana Silva"},
        Case{"ReportedWithoutThat",
             "Engineer Carl Wu warned the dam could fail.", "dam could",
             kIndirect, "Carl Wu", "warned", "Carl Wu"},
        Case{"ReportedAfterClause",
             "The talks were productive, Ana Silva said.", "productive",
             kIndirect, "Ana Silva", "said", "Ana Silva"},
        Case{"Apposition",
             "Ana Silva, the health minister, confirmed that beds ran out.",
             "beds ran out", kIndirect, "Ana Silva", "confirmed", "Ana Silva"},
        Case{"AccordingTo",
             "Cases fell by half, according to the Ministry of Health.",
             "Cases fell", kAccording, "Ministry of Health", "according to",
             "Ministry of Health"},
        Case{"AccordingToFirst", "According to police, the driver fled.",
             "driver fled", kAccording, "police", "according to", "police"},
        Case{"GenericSource", "Officials warned that roads would close.",
             "roads", kIndirect, "officials", "warned", "Officials"},
        Case{"HedgedSource", "Some analysts suggest prices will rise.",
             "prices", kIndirect, "analysts", "suggest", "analysts"},
        Case{"PronounHe",
             "Mr John Brown toured the site. He added that work would end "
             "soon.",
             "work would end", kIndirect, "John Brown", "added", "He"},
        Case{"PronounSheSkipsAMan",
             "Mrs Ana Silva met Mr John Brown. She said the talks went well.",
             "talks went well", kIndirect, "Ana Silva", "said", "She"},
        Case{"BareRoleIsThePerson",
             "Indian Prime Minister Narendra Modi arrived. The prime "
             "minister said ties were strong.",
             "ties were strong", kIndirect, "Narendra Modi", "said", ""},
        Case{"HonorificAndSurname",
             "Indian Prime Minister Narendra Modi arrived. Mr Modi said "
             "ties were strong.",
             "ties were strong", kIndirect, "Narendra Modi", "said", "Mr Modi"},
        Case{"PronounAfterOrganisationRole",
             "Mayor Elena Ruiz praised the budget. Council member Tom Becker "
             "voted against it. He said the city could not afford it.",
             "could not afford", kIndirect, "Tom Becker", "said", "He"},
        Case{"QualifiedBodyIsItsOwnSource",
             "Riverton Council met on Tuesday. Taxes will not rise, "
             "according to the finance department.",
             "Taxes will not rise", kAccording, "finance department",
             "according to", "finance department"},
        Case{"NarratorFact", "The river rose by two metres on Monday.",
             "river rose", kNarrator, "", "", ""},
        Case{"ScareQuotesStayNarrator",
             "The deal was called a \u201Cwin-win\u201D by the press.",
             "deal was called", kNarrator, "", "", ""},
        Case{"PassiveIsNotSpeech", "Mayor Ann Lee is expected to attend.",
             "expected", kNarrator, "", "", ""},
        Case{"PluralNounIsNotAVerb",
             "The bloc includes Central Asian states and others.",
             "bloc includes", kNarrator, "", "", ""}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(AttributionTest, QuoteOverSeveralSentences) {
  const std::string body =
      "\u201CThe bridge opens soon. It cost less than planned. We are "
      "proud,\u201D said Mayor John Brown.";
  const ArticleAnalysis a = AnalyzeArticle(body);
  ASSERT_EQ(a.sentences.size(), 3u);
  for (const SentenceAttribution& s : a.attributions) {
    EXPECT_EQ(s.kind, kDirect);
    EXPECT_EQ(s.speaker.canonical, "John Brown");
    EXPECT_EQ(s.speaker.role, "Mayor");
  }
}

TEST(AttributionTest, QuoteGoesOnInTheNextParagraph) {
  const std::string body =
      "Mayor John Brown said: \u201CThe bridge opens soon.\n"
      "\u201CIt cost less than planned.\u201D\n"
      "The bridge is 300 metres long.";
  const ArticleAnalysis a = AnalyzeArticle(body);
  ASSERT_EQ(a.quotations.size(), 2u);
  EXPECT_TRUE(a.quotations[1].continues_previous);
  EXPECT_EQ(Of(a, body, "cost less").kind, kDirect);
  EXPECT_EQ(Of(a, body, "cost less").speaker.canonical, "John Brown");
  EXPECT_EQ(Of(a, body, "300 metres").kind, kNarrator);
}

TEST(AttributionTest, QuoteParagraphsRunTogether) {
  // Line breaks lost: a new quote opens after a sentence end while the
  // previous one is still open.
  const std::string body =
      "Student Jo Kent said: 'I worked in a pub. None paid enough. 'The "
      "loan did not cover rent.' The survey ended in May.";
  const ArticleAnalysis a = AnalyzeArticle(body);
  EXPECT_EQ(Of(a, body, "None paid").speaker.canonical, "Jo Kent");
  EXPECT_EQ(Of(a, body, "loan did not").kind, kDirect);
  EXPECT_EQ(Of(a, body, "loan did not").speaker.canonical, "Jo Kent");
  EXPECT_EQ(Of(a, body, "survey ended").kind, kNarrator);
}

TEST(AttributionTest, HeadingsAreTheNarrators) {
  const std::string body =
      "Officials Say Roads Close\nOfficials said roads would close.";
  const ArticleAnalysis a = AnalyzeArticle(body);
  ASSERT_EQ(a.sentences.size(), 2u);
  EXPECT_TRUE(a.sentences[0].is_heading);
  EXPECT_EQ(a.attributions[0].kind, kNarrator);
  EXPECT_EQ(a.attributions[1].kind, kIndirect);
}

TEST(AttributionTest, RelativeClauseBetweenSubjectAndVerb) {
  const std::string body =
      "A man who runs the corner shop, who asked not to be named, said the "
      "street had been shut for weeks.\n"
      "A witness who saw the crash said the van was speeding.\n"
      "The girl who won the race smiled.";
  const ArticleAnalysis a = AnalyzeArticle(body);
  EXPECT_EQ(Of(a, body, "corner shop").kind, kIndirect);
  EXPECT_EQ(Of(a, body, "corner shop").speaker.canonical, "man");
  EXPECT_EQ(Of(a, body, "saw the crash").kind, kIndirect);
  EXPECT_EQ(Of(a, body, "saw the crash").speaker.canonical, "witness");
  EXPECT_EQ(Of(a, body, "won the race").kind, kNarrator);
}

TEST(AttributionTest, PronounAfterASpeakerIsThatSpeaker) {
  // "he" follows the speaker of the sentence before, not the bare title
  // that opens it; "she" follows "a woman" over an earlier titled person.
  const std::string body =
      "Chair of the parks committee and Green councillor Owen Pike, said the "
      "plan was sound.\n"
      "\"We have waited long enough,\" he said.\n"
      "The Housing Secretary promised repairs last year.\n"
      "A woman who lives on the estate said the lifts were broken.\n"
      "\"It is getting worse every week,\" she said.\n"
      "\"Nobody answers the phone.\"";
  const ArticleAnalysis a = AnalyzeArticle(body);
  EXPECT_EQ(Of(a, body, "plan was sound").speaker.canonical, "Owen Pike");
  EXPECT_EQ(Of(a, body, "waited long").speaker.canonical, "Owen Pike");
  EXPECT_EQ(Of(a, body, "lifts were").speaker.canonical, "woman");
  EXPECT_EQ(Of(a, body, "getting worse").speaker.canonical, "woman");
  EXPECT_EQ(Of(a, body, "Nobody answers").kind, kDirect);
  EXPECT_EQ(Of(a, body, "Nobody answers").speaker.canonical, "woman");
}

TEST(AttributionTest, ItAndTheyFollowTheSourceJustBefore) {
  const std::string body =
      "Harbour Safety Board said Kestrel Bay Hospital staff were stretched.\n"
      "It said the wards were often full.\n"
      "Northway Buses said it was reviewing rotas.\n"
      "Inspectors visited the depot in March.\n"
      "Despite the delays they said drivers were well trained.";
  const ArticleAnalysis a = AnalyzeArticle(body);
  EXPECT_EQ(Of(a, body, "wards were").speaker.canonical,
            "Harbour Safety Board");
  EXPECT_EQ(Of(a, body, "well trained").speaker.canonical, "inspectors");
}

TEST(AttributionTest, DescriptionsResolveToTheNamedBody) {
  const std::string body =
      "Rail union Transit said it welcomed the offer.\n"
      "Carrier Group said talks would start soon.\n"
      "The union said it would press for a pay rise.\n"
      "The Woodland Trust bought the land from Carrier Group in 2019.\n"
      "According to the trust, the site holds rare orchids.";
  const ArticleAnalysis a = AnalyzeArticle(body);
  const std::string& union_name =
      Of(a, body, "welcomed the offer").speaker.canonical;
  EXPECT_THAT(union_name, ::testing::EndsWith("Transit"));
  EXPECT_EQ(Of(a, body, "pay rise").speaker.canonical, union_name);
  EXPECT_EQ(Of(a, body, "pay rise").speaker.name, "union");
  EXPECT_EQ(Of(a, body, "rare orchids").kind, kAccording);
  EXPECT_EQ(Of(a, body, "rare orchids").speaker.canonical, "Woodland Trust");
}

TEST(AttributionTest, CueInTheNextParagraphDoesNotOverrideTheCueBefore) {
  const std::string body =
      "Union leader Ann Moss said: \"This is a good day for us.\"\n"
      "The company said it would reply next week.";
  const ArticleAnalysis a = AnalyzeArticle(body);
  EXPECT_EQ(Of(a, body, "good day").kind, kDirect);
  EXPECT_EQ(Of(a, body, "good day").speaker.canonical, "Ann Moss");
}

TEST(AttributionTest, AFigureAfterTheVerbIsNotSpeech) {
  const std::string body =
      "Striker Leon Hart scored 20 points while winger Sam Orr added 12.";
  const ArticleAnalysis a = AnalyzeArticle(body);
  EXPECT_EQ(a.attributions.at(0).kind, kNarrator);
}

TEST(QuotationsTest, ApostrophesAreNotQuoteMarks) {
  EXPECT_TRUE(FindQuotations("Modi\u2019s trip and the students' union "
                             "didn't stop in the '90s.")
                  .empty());
  const std::string body = "He said \"yes\" and 'no' today.";
  const std::vector<Quotation> q = FindQuotations(body);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(body.substr(q[0].content.begin, q[0].content.size()), "yes");
  EXPECT_EQ(body.substr(q[1].content.begin, q[1].content.size()), "no");
  EXPECT_EQ(body.substr(q[0].outer.begin, q[0].outer.size()), "\"yes\"");
}

TEST(QuotationsTest, NestedQuotesStayInside) {
  const std::string body =
      "\u201CThey called it \u2018a deal\u2019 at once,\u201D she said.";
  const std::vector<Quotation> q = FindQuotations(body);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(body.substr(q[0].content.begin, q[0].content.size()),
            "They called it \u2018a deal\u2019 at once,");
}

// The sample article of the shared data, sentence by sentence.
TEST(AttributionSampleTest, ScoSummitArticle) {
  const std::string body =
      testing::ReadFileOrEmpty(std::string(FACTCHECK_SHARED_DATA_DIR) +
                               "/samples/sco-summit-modi-xi.txt");
  if (body.empty()) GTEST_SKIP() << "sample article not available";
  const ArticleAnalysis a = AnalyzeArticle(body);

  const SentenceAttribution& quote = Of(a, body, "We remain committed");
  EXPECT_EQ(quote.kind, kDirect);
  EXPECT_EQ(quote.speaker.canonical, "Narendra Modi");
  EXPECT_EQ(quote.speaker.name, "Modi");
  EXPECT_EQ(quote.speaker.role, "Indian Prime Minister");
  EXPECT_EQ(quote.cue, "said");
  EXPECT_EQ(body.substr(quote.speaker.span.begin, quote.speaker.span.size()),
            "Modi");

  // Reported speech with quoted fragments stays INDIRECT: the quotes are
  // words inside Xi's reported clause, not his sentence.
  const SentenceAttribution& xi = Of(a, body, "partners rather than rivals");
  EXPECT_EQ(xi.kind, kIndirect);
  EXPECT_EQ(xi.speaker.canonical, "Xi Jinping");
  EXPECT_EQ(xi.speaker.role, "Chinese President");

  const SentenceAttribution& he = Of(a, body, "He announced");
  EXPECT_EQ(he.kind, kIndirect);
  EXPECT_EQ(he.speaker.name, "He");
  EXPECT_EQ(he.speaker.canonical, "Narendra Modi");
  EXPECT_EQ(he.cue, "announced");

  const SentenceAttribution& analysts = Of(a, body, "Analysts suggest");
  EXPECT_EQ(analysts.kind, kIndirect);
  EXPECT_EQ(analysts.speaker.name, "Analysts");
  EXPECT_EQ(analysts.speaker.canonical, "analysts");
  EXPECT_EQ(analysts.cue, "suggest");

  const SentenceAttribution& noted = Of(a, body, "Modi noted that");
  EXPECT_EQ(noted.kind, kIndirect);
  EXPECT_EQ(noted.speaker.canonical, "Narendra Modi");
  EXPECT_EQ(noted.cue, "noted");

  for (std::string_view narrator :
       {"have pledged to deepen", "This is Modi", "Washington imposed",
        "China has recently eased", "cautiously normalizing",
        "reopening of pilgrimage", "key challenges remain", "Dalai Lama",
        "Shehbaz Sharif is also", "He is expected", "The SCO"}) {
    EXPECT_EQ(Of(a, body, narrator).kind, kNarrator) << narrator;
  }
  int headings = 0;
  for (size_t i = 0; i < a.sentences.size(); ++i) {
    if (!a.sentences[i].is_heading) continue;
    ++headings;
    EXPECT_EQ(a.attributions[i].kind, kNarrator);
  }
  EXPECT_EQ(headings, 3);
}

}  // namespace
}  // namespace factcheck::text
