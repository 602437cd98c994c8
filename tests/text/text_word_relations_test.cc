#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "text/lexicon.h"
#include "text/word_relations.h"

namespace factcheck::text {
namespace {

// Loading WordNet takes a while: once for the whole suite.
class WordRelationsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(std::string(kDefaultWordNetDir) +
                                 "/data.noun")) {
      return;
    }
    absl::StatusOr<std::unique_ptr<Lexicon>> lex = Lexicon::Load();
    ASSERT_TRUE(lex.ok()) << lex.status();
    lexicon_ = lex->release();
    relations_ = new WordRelations(*lexicon_);
  }
  static void TearDownTestSuite() {
    delete relations_;
    relations_ = nullptr;
    delete lexicon_;
    lexicon_ = nullptr;
  }
  void SetUp() override {
    if (relations_ == nullptr) GTEST_SKIP() << "WordNet is not installed";
  }

  // How `evidence` relates to `claim`.
  static Relation Relate(std::string_view claim, std::string_view evidence) {
    return relations_->Expand(claim).Find(relations_->LemmaId(evidence));
  }

  static std::string Lemma(std::string_view word) {
    return relations_->LemmaText(relations_->LemmaId(word));
  }

  static const Lexicon* lexicon_;
  static const WordRelations* relations_;
};

const Lexicon* WordRelationsTest::lexicon_ = nullptr;
const WordRelations* WordRelationsTest::relations_ = nullptr;

TEST_F(WordRelationsTest, LemmaIdFindsDictionaryForms) {
  EXPECT_EQ(Lemma("increased"), "increase");
  EXPECT_EQ(Lemma("rose"), "rise");
  EXPECT_EQ(Lemma("fell"), "fall");
  EXPECT_EQ(Lemma("tariffs"), "tariff");
  EXPECT_EQ(Lemma("countries"), "country");
  EXPECT_EQ(Lemma("prime ministers"), "prime minister");
  // A common noun is not taken for a rare verb's past tense.
  EXPECT_EQ(Lemma("ground"), "ground");
  EXPECT_EQ(relations_->LemmaId("united states"),
            relations_->LemmaId("United_States"));
  EXPECT_EQ(relations_->LemmaId("increase"), relations_->LemmaId("increases"));
}

TEST_F(WordRelationsTest, UnknownWordHasNoLemma) {
  EXPECT_EQ(relations_->LemmaId("xyzzyq"), WordRelations::kNoLemma);
  EXPECT_EQ(relations_->LemmaId(""), WordRelations::kNoLemma);
  EXPECT_EQ(relations_->LemmaId(std::string(200, 'a')),
            WordRelations::kNoLemma);
  EXPECT_TRUE(relations_->Expand("xyzzyq").empty());
  EXPECT_EQ(relations_->Expand("car").Find(WordRelations::kNoLemma),
            Relation::kNone);
}

TEST_F(WordRelationsTest, Synonyms) {
  EXPECT_EQ(Relate("car", "automobile"), Relation::kSynonym);
  EXPECT_EQ(Relate("automobile", "cars"), Relation::kSynonym);
  EXPECT_EQ(Relate("buy", "purchased"), Relation::kSynonym);
  EXPECT_EQ(Relate("prime minister", "premier"), Relation::kSynonym);
  EXPECT_EQ(Relate("tariffs", "tariff"), Relation::kSynonym);
  EXPECT_EQ(Relate("car", "banana"), Relation::kNone);
}

TEST_F(WordRelationsTest, HypernymsAndHyponymsHaveADirection) {
  EXPECT_EQ(Relate("dog", "animal"), Relation::kHypernym);
  EXPECT_EQ(Relate("animal", "dog"), Relation::kHyponym);
  EXPECT_EQ(Relate("tariff", "tax"), Relation::kHypernym);
  EXPECT_EQ(Relate("tax", "tariffs"), Relation::kHyponym);
  EXPECT_EQ(Relate("china", "country"), Relation::kHypernym);  // instance
  // Too generic to count.
  EXPECT_EQ(Relate("dog", "entity"), Relation::kNone);
  EXPECT_EQ(Relate("car", "object"), Relation::kNone);
}

TEST_F(WordRelationsTest, Derivations) {
  EXPECT_EQ(Relate("decision", "decide"), Relation::kDerivation);
  EXPECT_EQ(Relate("decide", "decision"), Relation::kDerivation);
  EXPECT_EQ(Relate("decided", "decisions"), Relation::kDerivation);
}

TEST_F(WordRelationsTest, Pertainyms) {
  EXPECT_EQ(Relate("urban", "city"), Relation::kPertainym);
  EXPECT_EQ(Relate("city", "urban"), Relation::kPertainym);
  EXPECT_EQ(Relate("economically", "economic"), Relation::kPertainym);
  // WordNet links "economic" to "economy" both as a pertainym and as a
  // derivation; derivation ranks higher.
  EXPECT_EQ(Relate("economic", "economy"), Relation::kDerivation);
  EXPECT_EQ(Relate("economy", "economic"), Relation::kDerivation);
}

TEST_F(WordRelationsTest, Aliases) {
  EXPECT_EQ(Relate("paris", "france"), Relation::kAlias);
  EXPECT_EQ(Relate("france", "paris"), Relation::kAlias);
  EXPECT_EQ(Relate("washington", "united states"), Relation::kAlias);
  EXPECT_EQ(Relate("washington", "america"), Relation::kAlias);
  EXPECT_EQ(Relate("french", "france"), Relation::kAlias);
  EXPECT_EQ(Relate("france", "french"), Relation::kAlias);
  EXPECT_EQ(Relate("chinese", "china"), Relation::kAlias);
  // "US" and "America" share the synset of "United States".
  EXPECT_EQ(Relate("united states", "us"), Relation::kSynonym);
  // A capital is no alias of another country.
  EXPECT_EQ(Relate("paris", "germany"), Relation::kNone);
}

TEST_F(WordRelationsTest, Antonyms) {
  EXPECT_EQ(Relate("increase", "decrease"), Relation::kAntonym);
  EXPECT_EQ(Relate("increased", "decreased"), Relation::kAntonym);
  EXPECT_EQ(Relate("rise", "fall"), Relation::kAntonym);
  EXPECT_EQ(Relate("rose", "fell"), Relation::kAntonym);
  EXPECT_EQ(Relate("good", "bad"), Relation::kAntonym);
  EXPECT_EQ(Relate("win", "lose"), Relation::kAntonym);
  EXPECT_EQ(Relate("improve", "worsen"), Relation::kAntonym);
  // Through the head adjective and the antonym's satellites.
  EXPECT_EQ(Relate("huge", "tiny"), Relation::kAntonym);
  // A kind of the opposite, and the opposite of what a verb is a kind of.
  EXPECT_EQ(Relate("increase", "cut"), Relation::kAntonym);
  EXPECT_EQ(Relate("reduce", "increase"), Relation::kAntonym);
  // Through a derivation: the noun "gain" and the verb "lose".
  EXPECT_EQ(Relate("gains", "losses"), Relation::kAntonym);
}

// LemmaId("lower") is "low"; the verb "lower" is another form.
TEST_F(WordRelationsTest, EveryFormOfAnEvidenceWordCounts) {
  EXPECT_EQ(Lemma("lower"), "low");
  const WordRelations::Lemmas forms = relations_->LemmaIds("lower");
  ASSERT_EQ(forms.size(), 2u);
  EXPECT_EQ(relations_->LemmaText(*forms.begin()), "low");
  EXPECT_EQ(relations_->LemmaText(*(forms.begin() + 1)), "lower");
  EXPECT_EQ(relations_->Expand("raise").Find(forms), Relation::kAntonym);
  EXPECT_TRUE(relations_->LemmaIds("xyzzyq").empty());
}

// A positive relation always beats an antonym, so no pair is both.
TEST_F(WordRelationsTest, NeverBothAntonymAndSynonym) {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"car", "automobile"}, {"increase", "decrease"}, {"rise", "fall"},
      {"good", "bad"},       {"win", "lose"},          {"improve", "worsen"},
      {"rise", "rise"},      {"decrease", "decrease"}};
  for (const auto& [claim, evidence] : pairs) {
    const Relation forward = Relate(claim, evidence);
    const Relation backward = Relate(evidence, claim);
    EXPECT_FALSE(forward == Relation::kAntonym &&
                 backward == Relation::kSynonym)
        << claim << " / " << evidence;
    EXPECT_FALSE(forward == Relation::kSynonym &&
                 backward == Relation::kAntonym)
        << claim << " / " << evidence;
  }
  EXPECT_EQ(Relate("rise", "rise"), Relation::kSynonym);
}

TEST_F(WordRelationsTest, ExpansionsAreSortedAndBounded) {
  for (const char* word : {"make", "take", "person", "country", "good"}) {
    const WordRelations::Expansion e = relations_->Expand(word);
    EXPECT_LE(e.size(), WordRelations::kMaxExpansion) << word;
    EXPECT_FALSE(e.empty()) << word;
    EXPECT_TRUE(std::is_sorted(
        e.entries().begin(), e.entries().end(),
        [](const auto& a, const auto& b) { return a.lemma < b.lemma; }))
        << word;
    // The word's own lemma survives the cap.
    EXPECT_EQ(e.Find(relations_->LemmaId(word)), Relation::kSynonym) << word;
  }
}

// Prints the speed of the hot paths; asserts nothing about time.
TEST_F(WordRelationsTest, PrintsTimings) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  const WordRelations rebuilt(*lexicon_);
  const auto t1 = Clock::now();
  const std::vector<std::string> words = {
      "the",      "council",       "approved",       "budget",  "million",
      "spending", "raises",        "buses",          "trams",   "repair",
      "bridge",   "closed",        "trucks",         "raising", "property",
      "taxes",    "rise",          "finance",        "mayor",   "resigned",
      "tariffs",  "increased",     "rose",           "economy", "make",
      "take",     "united states", "prime minister", "xyzzyq"};
  size_t sink = 0;
  constexpr int kLemmaRounds = 2000;
  for (int r = 0; r < kLemmaRounds; ++r) {
    for (const std::string& w : words) sink += rebuilt.LemmaId(w);
  }
  const auto t2 = Clock::now();
  constexpr int kExpandRounds = 50;
  size_t entries = 0;
  for (int r = 0; r < kExpandRounds; ++r) {
    for (const std::string& w : words) entries += rebuilt.Expand(w).size();
  }
  const auto t3 = Clock::now();
  using Micros = std::chrono::duration<double, std::micro>;
  std::printf(
      "build %.0f ms; LemmaId %.3f us; Expand %.2f us (%.0f lemmas avg); "
      "%zu\n",
      Micros(t1 - t0).count() / 1000,
      Micros(t2 - t1).count() / (kLemmaRounds * words.size()),
      Micros(t3 - t2).count() / (kExpandRounds * words.size()),
      static_cast<double>(entries) / (kExpandRounds * words.size()), sink % 10);
  EXPECT_GT(entries, 0u);
}

}  // namespace
TEST_F(WordRelationsTest, SearchExpansionPutsAliasesFirstAndSkipsRareSenses) {
  const std::vector<std::string> paris =
      relations_->SearchExpansion("paris", 2);
  ASSERT_FALSE(paris.empty());
  EXPECT_EQ(paris[0], "france");
  const std::vector<std::string> bought =
      relations_->SearchExpansion("bought", 3);
  EXPECT_THAT(bought, ::testing::Contains("purchase"));
  EXPECT_THAT(bought, ::testing::Not(::testing::Contains("buy")));
  EXPECT_LE(relations_->SearchExpansion("make", 2).size(), 2u);
  EXPECT_TRUE(relations_->SearchExpansion("zzzqx", 2).empty());
}

// Regression (fuzz_claim_analysis, ASan heap-use-after-free on the claim
// "The library repairs cost $1.2 million."): SearchExpansion read the alias
// entries of an Expansion temporary destroyed before its loop ran. Every
// alias of the word must come first, each once.
TEST_F(WordRelationsTest, SearchExpansionListsEveryAliasFirst) {
  for (std::string_view word :
       {"library", "repairs", "cost", "million", "paris", "french"}) {
    const uint32_t own = relations_->LemmaId(word);
    const WordRelations::Expansion expansion = relations_->Expand(word);
    std::set<std::string> aliases;
    for (const WordRelations::Expansion::Entry& e : expansion.entries()) {
      if (e.relation == Relation::kAlias && e.lemma != own) {
        aliases.insert(relations_->LemmaText(e.lemma));
      }
    }
    const std::vector<std::string> found =
        relations_->SearchExpansion(word, WordRelations::kMaxExpansion);
    ASSERT_GE(found.size(), aliases.size()) << word;
    const std::set<std::string> first(found.begin(),
                                      found.begin() + aliases.size());
    EXPECT_EQ(first, aliases) << word;
  }
  EXPECT_THAT(relations_->SearchExpansion("paris", 1),
              ::testing::ElementsAre("france"));
}

}  // namespace factcheck::text
