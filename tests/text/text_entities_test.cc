#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "text/entities.h"
#include "text/name_lists.h"

namespace factcheck::text {
namespace {

struct Found {
  std::string text;
  std::string canonical;
  EntityType type;
};

std::vector<Found> MentionsOf(std::string_view body) {
  const std::vector<Sentence> sentences = SplitSentences(body);
  std::vector<std::vector<Token>> tokens;
  for (const Sentence& s : sentences) {
    tokens.push_back(
        Tokenize(body.substr(s.span.begin, s.span.size()), s.span.begin));
  }
  const ArticleEntities e = ArticleEntities::Find(body, sentences, tokens);
  std::vector<Found> out;
  for (const Mention& m : e.mentions()) {
    EXPECT_LE(m.span.end, body.size());
    EXPECT_EQ(body.substr(m.span.begin, m.span.size()), m.text);
    const Entity& entity = e.entities()[m.entity];
    out.push_back({m.text, entity.canonical, entity.type});
  }
  return out;
}

// The mention written `text`; fails when there is none.
Found Get(const std::vector<Found>& found, std::string_view text) {
  for (const Found& f : found) {
    if (f.text == text) return f;
  }
  ADD_FAILURE() << "no mention " << text;
  return {};
}

bool Has(const std::vector<Found>& found, std::string_view text) {
  for (const Found& f : found) {
    if (f.text == text) return true;
  }
  return false;
}

TEST(EntitiesTest, TitlesMakePeopleAndSurnamesMapToFullNames) {
  const auto m = MentionsOf(
      "Indian Prime Minister Narendra Modi met Chinese President Xi "
      "Jinping. Later Modi spoke, and Xi listened.");
  Found modi = Get(m, "Narendra Modi");
  EXPECT_EQ(modi.type, EntityType::kPerson);
  EXPECT_EQ(Get(m, "Modi").canonical, "Narendra Modi");
  // Chinese names put the family name first.
  EXPECT_EQ(Get(m, "Xi").canonical, "Xi Jinping");
  EXPECT_EQ(Get(m, "Xi").type, EntityType::kPerson);
}

TEST(EntitiesTest, DemonymsAndCapitalsAreLocations) {
  const auto m = MentionsOf(
      "The tariffs hit Indian exports and worried officials in New Delhi "
      "and the U.S.");
  Found indian = Get(m, "Indian");
  EXPECT_EQ(indian.canonical, "India");
  EXPECT_EQ(indian.type, EntityType::kLocation);
  EXPECT_EQ(Get(m, "New Delhi").type, EntityType::kLocation);
  EXPECT_EQ(Get(m, "U.S.").canonical, "United States");
}

TEST(EntitiesTest, OrganisationsAndAcronyms) {
  const auto m = MentionsOf(
      "Leaders met at the Shanghai Cooperation Organisation (SCO) summit. "
      "The SCO grew. Officials of the Bank of England and the Ministry of "
      "Defence came.");
  EXPECT_EQ(Get(m, "Shanghai Cooperation Organisation").type,
            EntityType::kOrganization);
  Found sco = Get(m, "SCO");
  EXPECT_EQ(sco.canonical, "Shanghai Cooperation Organisation");
  EXPECT_EQ(Get(m, "Bank of England").type, EntityType::kOrganization);
  EXPECT_EQ(Get(m, "Ministry of Defence").type, EntityType::kOrganization);
}

TEST(EntitiesTest, SentenceStartsDatesAndPronounsAreNotNames) {
  const auto m = MentionsOf(
      "Meanwhile the talks went on. He left on Sunday in August. Analysts "
      "were unsure.");
  EXPECT_FALSE(Has(m, "Meanwhile"));
  EXPECT_FALSE(Has(m, "He"));
  EXPECT_FALSE(Has(m, "Sunday"));
  EXPECT_FALSE(Has(m, "August"));
  EXPECT_FALSE(Has(m, "Analysts"));
}

TEST(EntitiesTest, SpeakersAreTypedPeople) {
  const auto m = MentionsOf("Ander Herrera said the goal was lucky.");
  EXPECT_EQ(Get(m, "Ander Herrera").type, EntityType::kPerson);
}

TEST(EntitiesTest, ResolvePhraseSplitsRoleAndResolvesBareTitles) {
  const std::string body =
      "Pakistan\u2019s Prime Minister Shehbaz Sharif arrived. The prime "
      "minister spoke.";
  const std::vector<Sentence> sentences = SplitSentences(body);
  std::vector<std::vector<Token>> tokens;
  for (const Sentence& s : sentences) {
    tokens.push_back(
        Tokenize(body.substr(s.span.begin, s.span.size()), s.span.begin));
  }
  const ArticleEntities e = ArticleEntities::Find(body, sentences, tokens);
  ASSERT_EQ(sentences.size(), 2u);
  // "Pakistan ’s Prime Minister Shehbaz Sharif" = tokens 0..5.
  std::optional<ResolvedName> full = e.ResolvePhrase(body, tokens[0], 0, 5);
  ASSERT_TRUE(full.has_value());
  EXPECT_EQ(full->canonical, "Shehbaz Sharif");
  EXPECT_EQ(full->role, "Pakistan\u2019s Prime Minister");
  EXPECT_EQ(full->type, EntityType::kPerson);
  // "The prime minister" = tokens 0..2 of the second sentence.
  std::optional<ResolvedName> bare = e.ResolvePhrase(body, tokens[1], 0, 2);
  ASSERT_TRUE(bare.has_value());
  EXPECT_EQ(bare->canonical, "Shehbaz Sharif");
  EXPECT_EQ(bare->name, "The prime minister");
  EXPECT_FALSE(bare->generic);
}

TEST(NameListsTest, GenderOfPersonNouns) {
  EXPECT_EQ(GenderOfWord("woman"), Gender::kFemale);
  EXPECT_EQ(GenderOfWord("grandmother"), Gender::kFemale);
  EXPECT_EQ(GenderOfWord("man"), Gender::kMale);
  EXPECT_EQ(GenderOfWord("boy"), Gender::kMale);
  EXPECT_EQ(GenderOfWord("witness"), Gender::kUnknown);
}

TEST(NameListsTest, Gazetteer) {
  ASSERT_TRUE(LookupPlace("chinese").has_value());
  EXPECT_EQ(LookupPlace("chinese")->canonical, "China");
  EXPECT_TRUE(LookupPlace("chinese")->is_demonym);
  EXPECT_EQ(LookupPlace("new delhi")->country, "India");
  EXPECT_FALSE(LookupPlace("modi").has_value());
  EXPECT_EQ(ReportingVerbStrength("said"), CueStrength::kSpeech);
  EXPECT_EQ(ReportingVerbStrength("fears"), CueStrength::kBelief);
  EXPECT_EQ(ReportingVerbStrength("table"), CueStrength::kNone);
  EXPECT_EQ(GenderOfWord("mrs"), Gender::kFemale);
}

// An organisation word before a lower-case title belongs to the role, not to
// the person's name.
TEST(EntitiesTest, OrganisationTitleBeforeANameIsARole) {
  const auto m = MentionsOf(
      "Council chair Maria Lopez opened the meeting. Lopez spoke first.");
  ASSERT_TRUE(Has(m, "Maria Lopez"));
  const Found lopez = Get(m, "Maria Lopez");
  EXPECT_EQ(lopez.canonical, "Maria Lopez");
  EXPECT_EQ(lopez.type, EntityType::kPerson);
  EXPECT_EQ(Get(m, "Lopez").canonical, "Maria Lopez");
  // Without a title the words stay one organisation.
  EXPECT_FALSE(
      Has(MentionsOf("The Harbour Council met on Monday."), "Maria Lopez"));
}

}  // namespace
}  // namespace factcheck::text
