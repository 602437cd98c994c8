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
