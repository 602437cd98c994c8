#include "bench/analysis/sourced_scoring.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace factcheck::analysis_eval {
namespace {

using ::testing::HasSubstr;

// Two sentences: [0,19) and [20,48).
constexpr char kText[] = "Prices rose by 50%. \"We won,\" Modi said in 2020.";

GoldSentence Sentence(uint32_t begin, uint32_t end, v1::AttributionKind kind,
                      std::string speaker) {
  GoldSentence g;
  g.begin = begin;
  g.end = end;
  g.kind = kind;
  g.speaker = std::move(speaker);
  return g;
}

v1::Statement Statement(uint32_t begin, uint32_t end, v1::AttributionKind kind,
                        std::string canonical) {
  v1::Statement st;
  st.mutable_span()->set_begin(begin);
  st.mutable_span()->set_end(end);
  st.mutable_attribution()->set_kind(kind);
  st.mutable_attribution()->mutable_speaker()->set_canonical_name(
      std::move(canonical));
  return st;
}

v1::Quantity* AddQuantity(v1::Statement* st, double value, std::string unit,
                          uint32_t begin, v1::QuantityKind kind) {
  v1::Quantity* q = st->add_quantities();
  q->set_value(value);
  q->set_unit(std::move(unit));
  q->set_kind(kind);
  q->mutable_span()->set_begin(begin);
  q->mutable_span()->set_end(begin + 1);
  return q;
}

TEST(ParseGoldArticleTest, ReadsEveryField) {
  absl::StatusOr<GoldArticle> a = ParseGoldArticle(
      R"({"source_file":"f.jsonl","row_id":"r1","evidence_sha256":"ab",)"
      R"("sentences":[{"begin":0,"end":19,"prefix":"Prices","kind":)"
      R"("NARRATOR","quantities":[{"value":50,"unit":"%"}],"dates":[]},)"
      R"({"begin":20,"end":48,"prefix":"\"We","kind":"DIRECT_QUOTE",)"
      R"("speaker":"Narendra Modi","quantities":[],"dates":[)"
      R"({"normalized":"2020"},{"relative":true,"text":"last year"}]}]})");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->source_file, "f.jsonl");
  EXPECT_EQ(a->row_id, "r1");
  ASSERT_EQ(a->sentences.size(), 2u);
  EXPECT_EQ(a->sentences[0].kind, v1::ATTRIBUTION_KIND_NARRATOR);
  ASSERT_EQ(a->sentences[0].quantities.size(), 1u);
  EXPECT_EQ(a->sentences[0].quantities[0].value, 50);
  EXPECT_EQ(a->sentences[0].quantities[0].unit, "%");
  EXPECT_EQ(a->sentences[1].kind, v1::ATTRIBUTION_KIND_DIRECT_QUOTE);
  EXPECT_EQ(a->sentences[1].speaker, "Narendra Modi");
  ASSERT_EQ(a->sentences[1].dates.size(), 2u);
  EXPECT_EQ(a->sentences[1].dates[0].normalized, "2020");
  EXPECT_TRUE(a->sentences[1].dates[1].relative);
  EXPECT_EQ(a->sentences[1].dates[1].text, "last year");
  EXPECT_TRUE(CheckSpans(*a, kText).ok());
}

TEST(ParseGoldArticleTest, RejectsBadLines) {
  EXPECT_FALSE(ParseGoldArticle("{not json").ok());
  EXPECT_FALSE(ParseGoldArticle(R"({"row_id":"r"})").ok());
  const std::string head =
      R"({"source_file":"f","row_id":"r","evidence_sha256":"x","sentences":[)";
  // Unknown kind.
  EXPECT_FALSE(ParseGoldArticle(head + R"({"begin":0,"end":3,"prefix":"a",)"
                                       R"("kind":"QUOTE","speaker":"x"}]})")
                   .ok());
  // A narrator with a speaker, and a quote without one.
  EXPECT_FALSE(ParseGoldArticle(head + R"({"begin":0,"end":3,"prefix":"a",)"
                                       R"("kind":"NARRATOR","speaker":"x"}]})")
                   .ok());
  EXPECT_FALSE(ParseGoldArticle(head + R"({"begin":0,"end":3,"prefix":"a",)"
                                       R"("kind":"INDIRECT"}]})")
                   .ok());
  // Backwards span.
  absl::StatusOr<GoldArticle> a =
      ParseGoldArticle(head + R"({"begin":5,"end":3,"prefix":"a",)"
                              R"("kind":"NARRATOR"}]})");
  ASSERT_FALSE(a.ok());
  EXPECT_THAT(std::string(a.status().message()), HasSubstr("begin < end"));
}

TEST(CheckSpansTest, RefusesAPrefixThatDoesNotFit) {
  GoldArticle a;
  a.row_id = "r";
  GoldSentence g = Sentence(0, 20, v1::ATTRIBUTION_KIND_NARRATOR, "");
  g.prefix = "Prices rose";
  a.sentences.push_back(g);
  EXPECT_TRUE(CheckSpans(a, kText).ok());
  a.sentences[0].prefix = "Prices fell";
  EXPECT_FALSE(CheckSpans(a, kText).ok());
  a.sentences[0].prefix = "Prices";
  a.sentences[0].end = 400;
  EXPECT_FALSE(CheckSpans(a, kText).ok());
}

TEST(SpeakerMatchesTest, FullLastNameTitlesAndCase) {
  EXPECT_TRUE(SpeakerMatches("Narendra Modi", "narendra modi"));
  EXPECT_TRUE(SpeakerMatches("Narendra Modi", "Modi"));
  EXPECT_TRUE(SpeakerMatches("Narendra Modi", "Mr. Modi"));
  EXPECT_TRUE(SpeakerMatches("Michelle O'Neill", "O'Neill"));
  EXPECT_TRUE(SpeakerMatches("spokeswoman", "a council spokeswoman"));
  EXPECT_TRUE(SpeakerMatches("police", "The police"));
  EXPECT_FALSE(SpeakerMatches("Narendra Modi", "Xi Jinping"));
  EXPECT_FALSE(SpeakerMatches("Narendra Modi", "Narendra"));
  EXPECT_FALSE(SpeakerMatches("Narendra Modi", ""));
  EXPECT_FALSE(SpeakerMatches("", ""));
  EXPECT_EQ(NormalizeSpeaker("  Dr.  Ellen   Stofan "), "ellen stofan");
}

TEST(PredictedSpeakerTest, CanonicalThenNameAndNeverForTheNarrator) {
  v1::Attribution a;
  a.set_kind(v1::ATTRIBUTION_KIND_INDIRECT);
  a.mutable_speaker()->set_name("He");
  EXPECT_EQ(PredictedSpeaker(a), "He");
  a.mutable_speaker()->set_canonical_name("Narendra Modi");
  EXPECT_EQ(PredictedSpeaker(a), "Narendra Modi");
  a.set_kind(v1::ATTRIBUTION_KIND_NARRATOR);
  EXPECT_EQ(PredictedSpeaker(a), "");
}

TEST(CountsTest, PrecisionRecallF1AndUndefined) {
  Counts c{.tp = 3, .predicted = 4, .gold = 6};
  EXPECT_DOUBLE_EQ(c.precision(), 0.75);
  EXPECT_DOUBLE_EQ(c.recall(), 0.5);
  EXPECT_DOUBLE_EQ(c.f1(), 0.6);
  EXPECT_EQ(Counts{}.f1(), 0);
}

GoldArticle TwoSentenceGold() {
  GoldArticle a;
  a.row_id = "r";
  GoldSentence narrator = Sentence(0, 19, v1::ATTRIBUTION_KIND_NARRATOR, "");
  narrator.quantities.push_back({50, "%"});
  GoldSentence quote =
      Sentence(20, 48, v1::ATTRIBUTION_KIND_DIRECT_QUOTE, "Narendra Modi");
  quote.dates.push_back({"2020", false, ""});
  a.sentences = {narrator, quote};
  return a;
}

TEST(ScoreArticleTest, PerfectPredictionScoresOne) {
  std::vector<v1::Statement> st = {
      Statement(0, 19, v1::ATTRIBUTION_KIND_NARRATOR, ""),
      Statement(20, 48, v1::ATTRIBUTION_KIND_DIRECT_QUOTE, "Modi")};
  AddQuantity(&st[0], 50, "%", 15, v1::QUANTITY_KIND_PERCENT);
  // A year quantity is a date, not scored as a quantity.
  AddQuantity(&st[1], 2020, "", 43, v1::QUANTITY_KIND_YEAR);
  v1::DateMention* d = st[1].add_dates();
  d->set_normalized("2020");
  d->mutable_span()->set_begin(43);
  d->mutable_span()->set_end(47);
  Tally t;
  ScoreArticle(TwoSentenceGold(), kText, st, &t);
  EXPECT_EQ(t.sentences, 2);
  EXPECT_EQ(t.speaker.tp, 1);
  EXPECT_EQ(t.speaker.predicted, 1);
  EXPECT_EQ(t.speaker.gold, 1);
  EXPECT_EQ(t.speaker_all_correct, 2);
  EXPECT_DOUBLE_EQ(t.quantities.f1(), 1.0);
  EXPECT_DOUBLE_EQ(t.dates.f1(), 1.0);
  EXPECT_EQ(KindCounts(t, v1::ATTRIBUTION_KIND_DIRECT_QUOTE).tp, 1);
  EXPECT_TRUE(t.errors.empty());
}

TEST(ScoreArticleTest, WrongSpeakerCountsAgainstBothPrecisionAndRecall) {
  std::vector<v1::Statement> st = {
      Statement(0, 19, v1::ATTRIBUTION_KIND_INDIRECT, "analysts"),
      Statement(20, 48, v1::ATTRIBUTION_KIND_INDIRECT, "Xi Jinping")};
  Tally t;
  ScoreArticle(TwoSentenceGold(), kText, st, &t);
  EXPECT_EQ(t.speaker.tp, 0);
  EXPECT_EQ(t.speaker.predicted, 2);
  EXPECT_EQ(t.speaker.gold, 1);
  EXPECT_EQ(t.speaker_all_correct, 0);
  EXPECT_EQ(t.kind_matrix[v1::ATTRIBUTION_KIND_NARRATOR]
                         [v1::ATTRIBUTION_KIND_INDIRECT],
            1);
  EXPECT_EQ(KindCounts(t, v1::ATTRIBUTION_KIND_INDIRECT).predicted, 2);
  EXPECT_EQ(KindCounts(t, v1::ATTRIBUTION_KIND_INDIRECT).tp, 0);
  // The missing quantity and date are false negatives.
  EXPECT_EQ(t.quantities.gold, 1);
  EXPECT_EQ(t.quantities.tp, 0);
  EXPECT_EQ(t.dates.gold, 1);
  EXPECT_EQ(t.dates.tp, 0);
}

TEST(ScoreArticleTest, UnmatchedSentenceHasNoKind) {
  Tally t;
  ScoreArticle(TwoSentenceGold(), kText, {}, &t);
  EXPECT_EQ(t.unmatched_sentences, 2);
  EXPECT_EQ(t.kind_matrix[v1::ATTRIBUTION_KIND_DIRECT_QUOTE]
                         [v1::ATTRIBUTION_KIND_UNSPECIFIED],
            1);
  EXPECT_EQ(t.speaker_all_correct, 1);  // the narrator sentence
}

TEST(ScoreArticleTest, QuantitiesAreAMultisetOnValueAndUnit) {
  GoldArticle a = TwoSentenceGold();
  a.sentences[0].quantities = {{1e9, "USD"}, {7, ""}, {7, ""}};
  v1::Statement st = Statement(0, 48, v1::ATTRIBUTION_KIND_NARRATOR, "");
  // Within 1e-6 relative: a hit. A third 7 has no gold left: a miss.
  AddQuantity(&st, 1e9 * (1 + 1e-8), "usd", 1, v1::QUANTITY_KIND_MONEY);
  AddQuantity(&st, 7, "", 2, v1::QUANTITY_KIND_COUNT);
  AddQuantity(&st, 7, "", 3, v1::QUANTITY_KIND_COUNT);
  AddQuantity(&st, 7, "", 4, v1::QUANTITY_KIND_COUNT);
  // Wrong unit, and off by more than the tolerance.
  AddQuantity(&st, 50, "", 5, v1::QUANTITY_KIND_COUNT);
  AddQuantity(&st, 1.01e9, "USD", 6, v1::QUANTITY_KIND_MONEY);
  // Ordinals are not scored; a quantity in the second sentence counts there.
  AddQuantity(&st, 3, "", 7, v1::QUANTITY_KIND_ORDINAL);
  AddQuantity(&st, 9, "%", 30, v1::QUANTITY_KIND_PERCENT);
  Tally t;
  ScoreArticle(a, kText, {st}, &t);
  EXPECT_EQ(t.quantities.gold, 3);
  EXPECT_EQ(t.quantities.predicted, 7);
  EXPECT_EQ(t.quantities.tp, 3);
}

TEST(ScoreArticleTest, RelativeDatesAreNeitherGoldNorFalsePositives) {
  GoldArticle a = TwoSentenceGold();
  a.sentences[1].dates = {{"2020", false, ""}, {"", true, "last year"}};
  v1::Statement st =
      Statement(20, 48, v1::ATTRIBUTION_KIND_DIRECT_QUOTE, "Modi");
  auto add = [&st](std::string text, std::string normalized) {
    v1::DateMention* d = st.add_dates();
    d->set_text(std::move(text));
    d->set_normalized(std::move(normalized));
  };
  add("2020", "2020");
  add("last year", "2019");  // on the relative date: ignored
  add("2020", "2020");       // a second 2020: no gold left
  add("March", "2020-03");   // nowhere in gold
  Tally t;
  ScoreArticle(a, kText, {st}, &t);
  EXPECT_EQ(t.dates.gold, 1);
  EXPECT_EQ(t.dates.tp, 1);
  EXPECT_EQ(t.dates.predicted, 3);
}

TEST(FormatTallyTest, PrintsEveryField) {
  Tally t;
  ScoreArticle(TwoSentenceGold(), kText, {}, &t);
  const std::string s = FormatTally(t);
  EXPECT_THAT(s, HasSubstr("| speaker (non-narrator) | 1 | 0 | 0 |"));
  EXPECT_THAT(s, HasSubstr("| quantities | 1 | 0 | 0 |"));
  EXPECT_THAT(s, HasSubstr("| dates (absolute) | 1 | 0 | 0 |"));
  EXPECT_THAT(s, HasSubstr("kind DIRECT_QUOTE"));
  EXPECT_THAT(s, HasSubstr("kind accuracy 0.000 (0/2)"));
}

}  // namespace
}  // namespace factcheck::analysis_eval
