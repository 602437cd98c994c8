#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "text/lexicon.h"

namespace factcheck::text {
namespace {

using ::factcheck::testing::StatusIs;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;

// Loading WordNet takes a while: once for the whole suite.
class LexiconTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(std::string(kDefaultWordNetDir) +
                                 "/data.noun")) {
      return;
    }
    absl::StatusOr<std::unique_ptr<Lexicon>> lex = Lexicon::Load();
    ASSERT_TRUE(lex.ok()) << lex.status();
    lexicon_ = lex->release();
  }
  static void TearDownTestSuite() {
    delete lexicon_;
    lexicon_ = nullptr;
  }
  void SetUp() override {
    if (lexicon_ == nullptr) GTEST_SKIP() << "WordNet is not installed";
  }

  static const Lexicon* lexicon_;
};

const Lexicon* LexiconTest::lexicon_ = nullptr;

TEST_F(LexiconTest, Contains) {
  EXPECT_TRUE(lexicon_->Contains("tariff", PartOfSpeech::kNoun));
  EXPECT_TRUE(lexicon_->Contains("Prime Minister", PartOfSpeech::kNoun));
  EXPECT_TRUE(lexicon_->Contains("impose", PartOfSpeech::kVerb));
  EXPECT_FALSE(lexicon_->Contains("tariff", PartOfSpeech::kAdverb));
  EXPECT_FALSE(lexicon_->Contains("xyzzyq", PartOfSpeech::kNoun));
}

TEST_F(LexiconTest, Synonyms) {
  EXPECT_THAT(lexicon_->Synonyms("car", PartOfSpeech::kNoun),
              Contains("automobile"));
  EXPECT_THAT(lexicon_->Synonyms("buy", PartOfSpeech::kVerb),
              Contains("purchase"));
  EXPECT_THAT(lexicon_->Synonyms("car", PartOfSpeech::kNoun),
              Not(Contains("car")));
  EXPECT_THAT(lexicon_->Synonyms("prime minister", PartOfSpeech::kNoun),
              Contains("premier"));
  EXPECT_THAT(lexicon_->Synonyms("xyzzyq", PartOfSpeech::kNoun), IsEmpty());
}

TEST_F(LexiconTest, Antonyms) {
  EXPECT_THAT(lexicon_->Antonyms("increase"), Contains("decrease"));
  EXPECT_THAT(lexicon_->Antonyms("good"), Contains("bad"));
  EXPECT_THAT(lexicon_->Antonyms("rise"), Contains("fall"));
  EXPECT_THAT(lexicon_->Antonyms("tariff"), IsEmpty());
  EXPECT_THAT(lexicon_->Antonyms("xyzzyq"), IsEmpty());
}

TEST_F(LexiconTest, Hypernyms) {
  EXPECT_TRUE(lexicon_->IsHypernym("leader", "president"));
  EXPECT_TRUE(lexicon_->IsHypernym("vehicle", "car"));
  EXPECT_TRUE(lexicon_->IsHypernym("tax", "tariff"));
  EXPECT_TRUE(lexicon_->IsHypernym("country", "china"));  // instance
  EXPECT_FALSE(lexicon_->IsHypernym("car", "vehicle"));
  EXPECT_FALSE(lexicon_->IsHypernym("car", "car"));
  EXPECT_FALSE(lexicon_->IsHypernym("xyzzyq", "car"));
  EXPECT_FALSE(lexicon_->IsHypernym("entity", "car", /*max_depth=*/2));
}

TEST_F(LexiconTest, BaseForms) {
  EXPECT_THAT(lexicon_->BaseForms("went", PartOfSpeech::kVerb),
              ElementsAre("go"));
  EXPECT_THAT(lexicon_->BaseForms("tariffs", PartOfSpeech::kNoun),
              ElementsAre("tariff"));
  EXPECT_THAT(lexicon_->BaseForms("imposed", PartOfSpeech::kVerb),
              ElementsAre("impose"));
  EXPECT_THAT(lexicon_->BaseForms("countries", PartOfSpeech::kNoun),
              ElementsAre("country"));
  EXPECT_THAT(lexicon_->BaseForms("children", PartOfSpeech::kNoun),
              ElementsAre("child"));
  EXPECT_THAT(lexicon_->BaseForms("summit", PartOfSpeech::kNoun),
              ElementsAre("summit"));
  EXPECT_THAT(lexicon_->BaseForms("xyzzyqs", PartOfSpeech::kNoun), IsEmpty());
}

TEST_F(LexiconTest, GraphKeepsRelationPointers) {
  // "decision" -> "decide" (derivation, lexical), "French" -> "France"
  // (pertainym, lexical), "Paris" -> "France" (part holonym).
  auto points_to = [&](std::string_view from, PartOfSpeech pos,
                       PointerKind kind, std::string_view to) {
    const uint32_t source = lexicon_->FindLemma(from);
    const uint32_t target = lexicon_->FindLemma(to);
    for (uint32_t synset : lexicon_->Senses(source, pos)) {
      for (const LexiconPointer& p : lexicon_->SynsetPointers(synset)) {
        if (p.kind != kind) continue;
        for (uint32_t word : lexicon_->SynsetWords(p.target_synset)) {
          if (word == target) return true;
        }
      }
    }
    return false;
  };
  EXPECT_TRUE(points_to("decision", PartOfSpeech::kNoun,
                        PointerKind::kDerivation, "decide"));
  EXPECT_TRUE(points_to("french", PartOfSpeech::kAdjective,
                        PointerKind::kPertainym, "france"));
  EXPECT_TRUE(points_to("paris", PartOfSpeech::kNoun, PointerKind::kPartHolonym,
                        "france"));
  EXPECT_TRUE(points_to("france", PartOfSpeech::kNoun,
                        PointerKind::kPartMeronym, "paris"));
  EXPECT_TRUE(points_to("huge", PartOfSpeech::kAdjective,
                        PointerKind::kSimilarTo, "large"));
  EXPECT_TRUE(points_to("large", PartOfSpeech::kAdjective,
                        PointerKind::kAttribute, "size"));
  EXPECT_TRUE(points_to("increase", PartOfSpeech::kVerb, PointerKind::kAntonym,
                        "decrease"));
  EXPECT_FALSE(points_to("decision", PartOfSpeech::kNoun, PointerKind::kAntonym,
                         "decide"));
  EXPECT_EQ(lexicon_->FindLemma("xyzzyq"), Lexicon::kNoId);
  EXPECT_EQ(lexicon_->LemmaText(lexicon_->FindLemma("United_States")),
            "united states");
}

TEST_F(LexiconTest, TagCountsAndExceptions) {
  const uint32_t rise = lexicon_->FindLemma("rise");
  const uint32_t rose = lexicon_->FindLemma("rose");
  EXPECT_GT(lexicon_->TagCount(rise, PartOfSpeech::kVerb),
            lexicon_->TagCount(rose, PartOfSpeech::kNoun));
  EXPECT_EQ(lexicon_->TagCount(rise, PartOfSpeech::kAdverb), 0u);
  EXPECT_THAT(
      lexicon_->Exceptions(PartOfSpeech::kVerb),
      Contains(std::make_pair(std::string("rose"), std::string("rise"))));
}

TEST(LexiconLoadTest, MissingDirectoryIsNotFound) {
  EXPECT_THAT(Lexicon::Load("/nonexistent/wordnet"),
              StatusIs(absl::StatusCode::kNotFound, "/nonexistent/wordnet"));
}

void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A minimal WordNet in WordNet's own file format: "vehicle" > "car"/"auto",
// with antonyms "big"/"small".
void WriteTinyWordNet(const std::filesystem::path& dir) {
  WriteFile(dir / "data.noun",
            "  1 licence header line\n"
            "00000100 06 n 01 vehicle 0 000 | a conveyance\n"
            "00000200 06 n 02 car 0 auto 0 001 @ 00000100 n 0000 | a motor "
            "vehicle\n");
  WriteFile(dir / "index.noun",
            "  1 licence header line\n"
            "auto n 1 1 @ 1 0 00000200\n"
            "car n 1 1 @ 1 0 00000200\n"
            "vehicle n 1 0 1 0 00000100\n");
  WriteFile(dir / "data.adj",
            "00000300 00 a 01 big(a) 0 001 ! 00000400 a 0101 | large\n"
            "00000400 00 a 01 small 0 001 ! 00000300 a 0101 | little\n");
  WriteFile(dir / "index.adj",
            "big a 1 1 ! 1 0 00000300\nsmall a 1 1 ! 1 0 00000400\n");
  WriteFile(dir / "noun.exc", "cars car\n");
  for (const char* name : {"data.verb", "data.adv", "index.verb", "index.adv",
                           "verb.exc", "adj.exc", "adv.exc"}) {
    WriteFile(dir / name, "");
  }
}

TEST(LexiconLoadTest, LoadsWordNetFormat) {
  testing::TempDir dir;
  WriteTinyWordNet(dir.path());
  FC_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Lexicon> lex,
                          Lexicon::Load(dir.path().string()));
  EXPECT_THAT(lex->Synonyms("Car", PartOfSpeech::kNoun), ElementsAre("auto"));
  EXPECT_TRUE(lex->IsHypernym("vehicle", "auto"));
  EXPECT_FALSE(lex->IsHypernym("auto", "vehicle"));
  EXPECT_THAT(lex->Antonyms("big"), ElementsAre("small"));
  EXPECT_THAT(lex->Antonyms("small"), ElementsAre("big"));
  EXPECT_THAT(lex->BaseForms("cars", PartOfSpeech::kNoun), ElementsAre("car"));
  EXPECT_THAT(lex->BaseForms("vehicles", PartOfSpeech::kNoun),
              ElementsAre("vehicle"));
}

TEST(LexiconLoadTest, ExposesTheGraphAndOptionalTagCounts) {
  testing::TempDir dir;
  WriteTinyWordNet(dir.path());
  WriteFile(dir.path() / "cntlist.rev",
            "car%1:06:00:: 1 7\nbig%3:00:00:: 1 2\nnowhere%1:06:00:: 1 9\n");
  FC_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Lexicon> lex,
                          Lexicon::Load(dir.path().string()));
  EXPECT_EQ(lex->lemma_count(), 5u);
  EXPECT_EQ(lex->synset_count(), 4u);
  const uint32_t car = lex->FindLemma("CAR");
  ASSERT_NE(car, Lexicon::kNoId);
  EXPECT_EQ(lex->LemmaText(car), "car");
  EXPECT_EQ(lex->TagCount(car, PartOfSpeech::kNoun), 7u);
  EXPECT_EQ(lex->TagCount(lex->FindLemma("big"), PartOfSpeech::kAdjective), 2u);
  ASSERT_EQ(lex->Senses(car, PartOfSpeech::kNoun).size(), 1u);
  EXPECT_TRUE(lex->Senses(car, PartOfSpeech::kVerb).empty());
  const uint32_t synset = lex->Senses(car, PartOfSpeech::kNoun)[0];
  EXPECT_EQ(lex->SynsetPos(synset), PartOfSpeech::kNoun);
  EXPECT_EQ(lex->SynsetWords(synset).size(), 2u);
  ASSERT_EQ(lex->SynsetPointers(synset).size(), 1u);
  const LexiconPointer hypernym = lex->SynsetPointers(synset)[0];
  EXPECT_EQ(hypernym.kind, PointerKind::kHypernym);
  EXPECT_EQ(lex->SynsetWords(hypernym.target_synset)[0],
            lex->FindLemma("vehicle"));
  const uint32_t big =
      lex->Senses(lex->FindLemma("big"), PartOfSpeech::kAdjective)[0];
  ASSERT_EQ(lex->SynsetPointers(big).size(), 1u);
  EXPECT_EQ(lex->SynsetPointers(big)[0].kind, PointerKind::kAntonym);
  EXPECT_EQ(lex->SynsetPointers(big)[0].source_word, 1);
  EXPECT_EQ(lex->SynsetPointers(big)[0].target_word, 1);
  EXPECT_THAT(
      lex->Exceptions(PartOfSpeech::kNoun),
      ElementsAre(std::make_pair(std::string("cars"), std::string("car"))));
}

TEST(LexiconLoadTest, MissingFileIsNotFound) {
  testing::TempDir dir;
  WriteTinyWordNet(dir.path());
  std::filesystem::remove(dir.path() / "index.verb");
  EXPECT_THAT(Lexicon::Load(dir.path().string()),
              StatusIs(absl::StatusCode::kNotFound, "index.verb"));
}

TEST(LexiconLoadTest, MalformedFileIsDataLoss) {
  testing::TempDir dir;
  WriteTinyWordNet(dir.path());
  WriteFile(dir.path() / "data.noun", "00000100 06 n zz vehicle\n");
  EXPECT_THAT(Lexicon::Load(dir.path().string()),
              StatusIs(absl::StatusCode::kDataLoss, "data.noun at line 1"));
  WriteTinyWordNet(dir.path());
  WriteFile(dir.path() / "index.noun", "car n 1 1 @ 1 0 00000999\n");
  EXPECT_THAT(Lexicon::Load(dir.path().string()),
              StatusIs(absl::StatusCode::kDataLoss, "index.noun"));
}

}  // namespace
}  // namespace factcheck::text
