#include "text/name_lists.h"

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "base/string_view.h"

namespace factcheck::text {
namespace {

using WordSet = absl::flat_hash_set<std::string_view>;

// One country: its name, demonyms, capital and other names, each list
// comma-separated.
struct CountryRow {
  std::string_view name;
  std::string_view demonyms;
  std::string_view capital;
  std::string_view aliases;
};

constexpr CountryRow kCountries[] = {
    {"Afghanistan", "Afghan", "Kabul", ""},
    {"Albania", "Albanian", "Tirana", ""},
    {"Algeria", "Algerian", "Algiers", ""},
    {"Argentina", "Argentine,Argentinian", "Buenos Aires", ""},
    {"Armenia", "Armenian", "Yerevan", ""},
    {"Australia", "Australian,Aussie", "Canberra", ""},
    {"Austria", "Austrian", "Vienna", ""},
    {"Azerbaijan", "Azerbaijani", "Baku", ""},
    {"Bahrain", "Bahraini", "Manama", ""},
    {"Bangladesh", "Bangladeshi", "Dhaka", ""},
    {"Belarus", "Belarusian", "Minsk", ""},
    {"Belgium", "Belgian", "Brussels", ""},
    {"Bhutan", "Bhutanese", "Thimphu", ""},
    {"Bolivia", "Bolivian", "La Paz", ""},
    {"Bosnia", "Bosnian", "Sarajevo", ""},
    {"Brazil", "Brazilian", "Brasilia", ""},
    {"Bulgaria", "Bulgarian", "Sofia", ""},
    {"Cambodia", "Cambodian", "Phnom Penh", ""},
    {"Cameroon", "Cameroonian", "Yaounde", ""},
    {"Canada", "Canadian", "Ottawa", ""},
    {"Chile", "Chilean", "Santiago", ""},
    {"China", "Chinese", "Beijing", "PRC"},
    {"Colombia", "Colombian", "Bogota", ""},
    {"Congo", "Congolese", "Kinshasa", ""},
    {"Croatia", "Croatian", "Zagreb", ""},
    {"Cuba", "Cuban", "Havana", ""},
    {"Cyprus", "Cypriot", "Nicosia", ""},
    {"Czech Republic", "Czech", "Prague", "Czechia"},
    {"Denmark", "Danish", "Copenhagen", ""},
    {"Ecuador", "Ecuadorian", "Quito", ""},
    {"Egypt", "Egyptian", "Cairo", ""},
    {"England", "English", "", ""},
    {"Estonia", "Estonian", "Tallinn", ""},
    {"Ethiopia", "Ethiopian", "Addis Ababa", ""},
    {"Finland", "Finnish", "Helsinki", ""},
    {"France", "French", "Paris", ""},
    {"Georgia", "Georgian", "Tbilisi", ""},
    {"Germany", "German", "Berlin", ""},
    {"Ghana", "Ghanaian", "Accra", ""},
    {"Greece", "Greek", "Athens", ""},
    {"Hungary", "Hungarian", "Budapest", ""},
    {"Iceland", "Icelandic", "Reykjavik", ""},
    {"India", "Indian", "New Delhi", ""},
    {"Indonesia", "Indonesian", "Jakarta", ""},
    {"Iran", "Iranian", "Tehran", ""},
    {"Iraq", "Iraqi", "Baghdad", ""},
    {"Ireland", "Irish", "Dublin", ""},
    {"Israel", "Israeli", "Jerusalem", ""},
    {"Italy", "Italian", "Rome", ""},
    {"Jamaica", "Jamaican", "Kingston", ""},
    {"Japan", "Japanese", "Tokyo", ""},
    {"Jordan", "Jordanian", "Amman", ""},
    {"Kazakhstan", "Kazakh", "Astana", ""},
    {"Kenya", "Kenyan", "Nairobi", ""},
    {"Kuwait", "Kuwaiti", "Kuwait City", ""},
    {"Kyrgyzstan", "Kyrgyz", "Bishkek", ""},
    {"Laos", "Laotian", "Vientiane", ""},
    {"Latvia", "Latvian", "Riga", ""},
    {"Lebanon", "Lebanese", "Beirut", ""},
    {"Libya", "Libyan", "Tripoli", ""},
    {"Lithuania", "Lithuanian", "Vilnius", ""},
    {"Malaysia", "Malaysian", "Kuala Lumpur", ""},
    {"Maldives", "Maldivian", "Male", ""},
    {"Mexico", "Mexican", "Mexico City", ""},
    {"Moldova", "Moldovan", "Chisinau", ""},
    {"Mongolia", "Mongolian", "Ulaanbaatar", ""},
    {"Morocco", "Moroccan", "Rabat", ""},
    {"Myanmar", "Burmese", "Naypyidaw", "Burma"},
    {"Nepal", "Nepali,Nepalese", "Kathmandu", ""},
    {"Netherlands", "Dutch", "Amsterdam", "Holland"},
    {"New Zealand", "New Zealander,Kiwi", "Wellington", ""},
    {"Nigeria", "Nigerian", "Abuja", ""},
    {"North Korea", "North Korean", "Pyongyang", ""},
    {"Northern Ireland", "Northern Irish", "Belfast", ""},
    {"Norway", "Norwegian", "Oslo", ""},
    {"Oman", "Omani", "Muscat", ""},
    {"Pakistan", "Pakistani", "Islamabad", ""},
    {"Palestine", "Palestinian", "Ramallah", ""},
    {"Peru", "Peruvian", "Lima", ""},
    {"Philippines", "Filipino,Philippine", "Manila", ""},
    {"Poland", "Polish", "Warsaw", ""},
    {"Portugal", "Portuguese", "Lisbon", ""},
    {"Qatar", "Qatari", "Doha", ""},
    {"Romania", "Romanian", "Bucharest", ""},
    {"Russia", "Russian", "Moscow", "Russian Federation"},
    {"Rwanda", "Rwandan", "Kigali", ""},
    {"Saudi Arabia", "Saudi", "Riyadh", ""},
    {"Scotland", "Scottish", "Edinburgh", ""},
    {"Serbia", "Serbian", "Belgrade", ""},
    {"Singapore", "Singaporean", "", ""},
    {"Slovakia", "Slovak", "Bratislava", ""},
    {"Slovenia", "Slovenian", "Ljubljana", ""},
    {"Somalia", "Somali", "Mogadishu", ""},
    {"South Africa", "South African", "Pretoria", ""},
    {"South Korea", "South Korean", "Seoul", ""},
    {"Spain", "Spanish", "Madrid", ""},
    {"Sri Lanka", "Sri Lankan", "Colombo", ""},
    {"Sudan", "Sudanese", "Khartoum", ""},
    {"Sweden", "Swedish", "Stockholm", ""},
    {"Switzerland", "Swiss", "Bern", ""},
    {"Syria", "Syrian", "Damascus", ""},
    {"Taiwan", "Taiwanese", "Taipei", ""},
    {"Tajikistan", "Tajik", "Dushanbe", ""},
    {"Tanzania", "Tanzanian", "Dodoma", ""},
    {"Thailand", "Thai", "Bangkok", ""},
    {"Tunisia", "Tunisian", "Tunis", ""},
    {"Turkey", "Turkish", "Ankara", "Turkiye"},
    {"Turkmenistan", "Turkmen", "Ashgabat", ""},
    {"Uganda", "Ugandan", "Kampala", ""},
    {"Ukraine", "Ukrainian", "Kyiv", "Kiev"},
    {"United Arab Emirates", "Emirati", "Abu Dhabi", "UAE"},
    {"United Kingdom", "British,Briton", "London",
     "UK,U.K.,Britain,Great Britain"},
    {"United States", "American", "Washington",
     "US,U.S.,USA,U.S.A.,America,United States of America"},
    {"Uruguay", "Uruguayan", "Montevideo", ""},
    {"Uzbekistan", "Uzbek", "Tashkent", ""},
    {"Venezuela", "Venezuelan", "Caracas", ""},
    {"Vietnam", "Vietnamese", "Hanoi", ""},
    {"Wales", "Welsh", "Cardiff", ""},
    {"Yemen", "Yemeni", "Sanaa", ""},
    {"Zambia", "Zambian", "Lusaka", ""},
    {"Zimbabwe", "Zimbabwean", "Harare", ""},
};

// Cities and regions: "name|country" ("" for regions across countries),
// and regional demonyms "demonym>region".
constexpr std::string_view kOtherPlaces[] = {
    "Africa|",
    "Asia|",
    "Europe|",
    "Eurasia|",
    "Middle East|",
    "Central Asia|",
    "South Asia|",
    "East Asia|",
    "Southeast Asia|",
    "Latin America|",
    "North America|",
    "South America|",
    "Scandinavia|",
    "Balkans|",
    "Caribbean|",
    "Pacific|",
    "Atlantic|",
    "Arctic|",
    "Antarctica|",
    "Himalayas|",
    "Tibet|China",
    "Xinjiang|China",
    "Hong Kong|China",
    "Shanghai|China",
    "Tianjin|China",
    "Macau|China",
    "Kashmir|",
    "Gaza|Palestine",
    "West Bank|Palestine",
    "Crimea|Ukraine",
    "Donbas|Ukraine",
    "Mumbai|India",
    "Delhi|India",
    "Kolkata|India",
    "Chennai|India",
    "Bangalore|India",
    "Bengaluru|India",
    "Hyderabad|India",
    "Karachi|Pakistan",
    "Lahore|Pakistan",
    "New York|United States",
    "Los Angeles|United States",
    "Chicago|United States",
    "San Francisco|United States",
    "Boston|United States",
    "Miami|United States",
    "Houston|United States",
    "Seattle|United States",
    "Las Vegas|United States",
    "Florida|United States",
    "California|United States",
    "Texas|United States",
    "Manchester|United Kingdom",
    "Liverpool|United Kingdom",
    "Birmingham|United Kingdom",
    "Glasgow|United Kingdom",
    "Leeds|United Kingdom",
    "Bristol|United Kingdom",
    "Oxford|United Kingdom",
    "Cambridge|United Kingdom",
    "Sydney|Australia",
    "Melbourne|Australia",
    "Brisbane|Australia",
    "Perth|Australia",
    "Darwin|Australia",
    "Toronto|Canada",
    "Vancouver|Canada",
    "Montreal|Canada",
    "Dubai|United Arab Emirates",
    "Istanbul|Turkey",
    "St Petersburg|Russia",
    "Barcelona|Spain",
    "Munich|Germany",
    "Milan|Italy",
    "Geneva|Switzerland",
    "Zurich|Switzerland",
    "Osaka|Japan",
    "Mecca|Saudi Arabia",
    "Brahmaputra|",
    "Ganges|",
    "European>Europe",
    "Asian>Asia",
    "African>Africa",
    "Central Asian>Central Asia",
    "Latin American>Latin America",
    "Middle Eastern>Middle East",
    "Tibetan>Tibet",
    "Himalayan>Himalayas",
    "Kashmiri>Kashmir",
    "Scandinavian>Scandinavia",
    "Arab>",
};

struct PlaceTable {
  absl::flat_hash_map<std::string, Place> by_name;

  void Add(std::string_view name, Place place) {
    by_name.emplace(absl::AsciiStrToLower(AsAbsl(name)), std::move(place));
  }
};

const PlaceTable& Places() {
  static const PlaceTable* const table = [] {
    auto* t = new PlaceTable;
    for (const CountryRow& row : kCountries) {
      const std::string country(row.name);
      t->Add(row.name, {country, country, false});
      for (absl::string_view alias :
           absl::StrSplit(AsAbsl(row.aliases), ',', absl::SkipEmpty())) {
        t->Add(AsStd(alias), {country, country, false});
      }
      for (absl::string_view demonym :
           absl::StrSplit(AsAbsl(row.demonyms), ',', absl::SkipEmpty())) {
        t->Add(AsStd(demonym), {country, country, true});
      }
      if (!row.capital.empty()) {
        t->Add(row.capital, {std::string(row.capital), country, false});
      }
    }
    for (std::string_view row : kOtherPlaces) {
      size_t bar = row.find('|');
      if (bar != std::string_view::npos) {
        std::string_view name = row.substr(0, bar);
        t->Add(name,
               {std::string(name), std::string(row.substr(bar + 1)), false});
        continue;
      }
      size_t arrow = row.find('>');
      std::string_view region = row.substr(arrow + 1);
      t->Add(row.substr(0, arrow),
             {std::string(region.empty() ? row.substr(0, arrow) : region), "",
              true});
    }
    return t;
  }();
  return *table;
}

bool In(const WordSet& set, std::string_view word) {
  return set.contains(word);
}

const WordSet& TitleWords() {
  static const WordSet* const set = new WordSet{"president",
                                                "prime",
                                                "minister",
                                                "premier",
                                                "chancellor",
                                                "secretary",
                                                "senator",
                                                "sen",
                                                "governor",
                                                "gov",
                                                "mayor",
                                                "ceo",
                                                "chairman",
                                                "chairwoman",
                                                "chairperson",
                                                "chair",
                                                "member",
                                                "councilor",
                                                "councilman",
                                                "councilwoman",
                                                "spokesman",
                                                "spokeswoman",
                                                "spokesperson",
                                                "director",
                                                "commissioner",
                                                "ambassador",
                                                "envoy",
                                                "general",
                                                "gen",
                                                "colonel",
                                                "col",
                                                "captain",
                                                "capt",
                                                "sergeant",
                                                "sgt",
                                                "lieutenant",
                                                "inspector",
                                                "detective",
                                                "superintendent",
                                                "constable",
                                                "judge",
                                                "justice",
                                                "king",
                                                "queen",
                                                "prince",
                                                "princess",
                                                "pope",
                                                "archbishop",
                                                "bishop",
                                                "cardinal",
                                                "professor",
                                                "manager",
                                                "coach",
                                                "boss",
                                                "leader",
                                                "founder",
                                                "congressman",
                                                "congresswoman",
                                                "representative",
                                                "rep",
                                                "mp",
                                                "mep",
                                                "sheikh",
                                                "emir",
                                                "sultan",
                                                "ayatollah",
                                                "dalai",
                                                "lama",
                                                "executive",
                                                "officer",
                                                "attorney",
                                                "counsel",
                                                "head",
                                                "dean",
                                                "chief",
                                                "admiral",
                                                "marshal",
                                                "minister-president",
                                                "foreign-minister",
                                                "president-elect",
                                                "vice-president",
                                                "speaker",
                                                "commander",
                                                "lawmaker",
                                                "chef",
                                                "striker",
                                                "midfielder",
                                                "defender",
                                                "goalkeeper",
                                                "star",
                                                "actress",
                                                "actor",
                                                "singer",
                                                "author",
                                                "editor",
                                                "correspondent",
                                                "reporter",
                                                "presenter",
                                                "economist",
                                                "analyst",
                                                "scientist",
                                                "researcher",
                                                "doctor",
                                                "dr",
                                                "spokespeople",
                                                "solicitor",
                                                "barrister",
                                                "lawyer",
                                                "prosecutor",
                                                "engineer",
                                                "student",
                                                "teacher",
                                                "nurse",
                                                "pilot",
                                                "farmer",
                                                "activist",
                                                "campaigner",
                                                "historian",
                                                "architect",
                                                "surgeon",
                                                "physician",
                                                "psychologist",
                                                "entrepreneur",
                                                "businessman",
                                                "businesswoman",
                                                "owner",
                                                "trooper",
                                                "pc",
                                                "pensioner"};
  return *set;
}

const WordSet& TitleModifiers() {
  static const WordSet* const set = new WordSet{
      "foreign",   "deputy",      "former",    "vice",     "acting",
      "interim",   "senior",      "chief",     "home",     "defence",
      "defense",   "finance",     "health",    "interior", "trade",
      "external",  "first",       "lord",      "crown",    "supreme",
      "assistant", "associate",   "executive", "general",  "attorney",
      "shadow",    "junior",      "late",      "then",     "outgoing",
      "incoming",  "new",         "top",       "managing", "education",
      "energy",    "environment", "labour",    "labor",    "justice",
      "culture",   "transport"};
  return *set;
}

const WordSet& Honorifics() {
  static const WordSet* const set =
      new WordSet{"mr",   "mrs",  "ms",   "miss", "mx",  "dr", "sir",
                  "dame", "lord", "lady", "prof", "rev", "fr", "mister"};
  return *set;
}

const WordSet& OrganizationCues() {
  static const WordSet* const set = new WordSet{"organisation",
                                                "organization",
                                                "ministry",
                                                "council",
                                                "inc",
                                                "corp",
                                                "corporation",
                                                "party",
                                                "bank",
                                                "university",
                                                "company",
                                                "co",
                                                "ltd",
                                                "plc",
                                                "llc",
                                                "group",
                                                "association",
                                                "agency",
                                                "department",
                                                "commission",
                                                "committee",
                                                "court",
                                                "institute",
                                                "foundation",
                                                "federation",
                                                "union",
                                                "league",
                                                "club",
                                                "fc",
                                                "police",
                                                "army",
                                                "navy",
                                                "force",
                                                "forces",
                                                "office",
                                                "parliament",
                                                "congress",
                                                "senate",
                                                "assembly",
                                                "government",
                                                "authority",
                                                "board",
                                                "service",
                                                "times",
                                                "post",
                                                "news",
                                                "network",
                                                "fund",
                                                "trust",
                                                "college",
                                                "school",
                                                "hospital",
                                                "church",
                                                "society",
                                                "alliance",
                                                "front",
                                                "movement",
                                                "airlines",
                                                "airways",
                                                "bureau",
                                                "administration",
                                                "reuters",
                                                "bbc",
                                                "cnn",
                                                "nato",
                                                "un",
                                                "eu",
                                                "imf",
                                                "sco",
                                                "brics",
                                                "asean",
                                                "fbi",
                                                "cia",
                                                "nhs",
                                                "met",
                                                "telegraph",
                                                "guardian",
                                                "journal",
                                                "press",
                                                "media",
                                                "tribunal",
                                                "cabinet",
                                                "embassy",
                                                "consulate",
                                                "centre",
                                                "center",
                                                "laboratory",
                                                "labs",
                                                "systems",
                                                "technologies",
                                                "holdings",
                                                "industries",
                                                "motors",
                                                "ministries",
                                                "opec",
                                                "who",
                                                "wto",
                                                "unicef",
                                                "unesco",
                                                "interpol"};
  return *set;
}

const WordSet& GenericSources() {
  static const WordSet* const set = new WordSet{"analysts",
                                                "analyst",
                                                "officials",
                                                "official",
                                                "experts",
                                                "expert",
                                                "critics",
                                                "critic",
                                                "observers",
                                                "sources",
                                                "source",
                                                "economists",
                                                "researchers",
                                                "scientists",
                                                "police",
                                                "witnesses",
                                                "witness",
                                                "residents",
                                                "diplomats",
                                                "diplomat",
                                                "authorities",
                                                "investigators",
                                                "prosecutors",
                                                "lawmakers",
                                                "legislators",
                                                "activists",
                                                "campaigners",
                                                "protesters",
                                                "doctors",
                                                "lawyers",
                                                "officers",
                                                "aides",
                                                "aide",
                                                "advisers",
                                                "advisors",
                                                "insiders",
                                                "insider",
                                                "commentators",
                                                "historians",
                                                "locals",
                                                "neighbours",
                                                "neighbors",
                                                "friends",
                                                "relatives",
                                                "family",
                                                "parents",
                                                "studies",
                                                "study",
                                                "reports",
                                                "report",
                                                "survey",
                                                "poll",
                                                "polls",
                                                "statement",
                                                "spokesman",
                                                "spokeswoman",
                                                "spokesperson",
                                                "spokespeople",
                                                "representatives",
                                                "organisers",
                                                "organizers",
                                                "fans",
                                                "people",
                                                "users",
                                                "leaders",
                                                "ministers",
                                                "sources",
                                                "staff",
                                                "employees",
                                                "workers",
                                                "teachers",
                                                "students",
                                                "members",
                                                "supporters",
                                                "opponents",
                                                "ministry",
                                                "government",
                                                "company",
                                                "firm",
                                                "club",
                                                "court",
                                                "agency",
                                                "department",
                                                "military",
                                                "army",
                                                "paper",
                                                "website",
                                                "newspaper",
                                                "documents",
                                                "document",
                                                "letter",
                                                "filing",
                                                "data",
                                                "figures",
                                                "research",
                                                "researcher",
                                                "scientist",
                                                "doctor",
                                                "lawyer",
                                                "officer",
                                                "spokesmen",
                                                "spokeswomen",
                                                "team",
                                                "committee",
                                                "woman",
                                                "man",
                                                "mother",
                                                "father",
                                                "inmate",
                                                "prisoner",
                                                "passenger",
                                                "victim",
                                                "patient",
                                                "customer",
                                                "resident",
                                                "neighbour",
                                                "neighbor",
                                                "fan",
                                                "player",
                                                "councillor",
                                                "councillors",
                                                "inspectors",
                                                "union",
                                                "charity",
                                                "council",
                                                "board",
                                                "organisation",
                                                "organization",
                                                "group",
                                                "jury",
                                                "inquest",
                                                "trial",
                                                "hearing",
                                                "tribunal",
                                                "bank",
                                                "prosecution",
                                                "daughter",
                                                "son",
                                                "wife",
                                                "husband",
                                                "girl",
                                                "boy",
                                                "landlord"};
  return *set;
}

const WordSet& Determiners() {
  static const WordSet* const set = new WordSet{
      "the",   "a",    "an",    "some",  "many",    "several", "most",
      "other", "two",  "three", "four",  "both",    "all",     "few",
      "his",   "her",  "their", "its",   "our",     "these",   "those",
      "one",   "this", "that",  "more",  "top",     "senior",  "local",
      "no",    "any",  "each",  "every", "another", "various", "numerous"};
  return *set;
}

const WordSet& SentenceAdverbs() {
  static const WordSet* const set = new WordSet{
      "meanwhile",    "however",     "yesterday", "today",      "tomorrow",
      "earlier",      "later",       "now",       "then",       "also",
      "but",          "and",         "still",     "separately", "instead",
      "last",         "speaking",    "asked",     "according",  "despite",
      "after",        "before",      "while",     "although",   "though",
      "since",        "because",     "if",        "when",       "once",
      "overall",      "indeed",      "besides",   "moreover",   "furthermore",
      "nevertheless", "nonetheless", "recently",  "currently",  "previously",
      "finally",      "first",       "second",    "third",      "next",
      "scroll",       "pictured",    "video",     "watch",      "read",
      "click",        "under",       "over",      "among",      "following",
      "during",       "unlike",      "like",      "with",       "without",
      "as",           "so",          "yet",       "or",         "nor",
      "here",         "there",       "why",       "how",        "what",
      "where",        "who",         "which",     "whether",    "including",
      "many",         "some",        "most",      "every",      "each",
      "several",      "both",        "neither",   "either",     "other"};
  return *set;
}

const WordSet& CalendarWords() {
  static const WordSet* const set = new WordSet{
      "january", "february",  "march",     "april",    "may",      "june",
      "july",    "august",    "september", "october",  "november", "december",
      "jan",     "feb",       "mar",       "apr",      "jun",      "jul",
      "aug",     "sep",       "sept",      "oct",      "nov",      "dec",
      "monday",  "tuesday",   "wednesday", "thursday", "friday",   "saturday",
      "sunday",  "christmas", "easter"};
  return *set;
}

const absl::flat_hash_map<std::string_view, CueStrength>& ReportingVerbs() {
  static const auto* const map = [] {
    auto* m = new absl::flat_hash_map<std::string_view, CueStrength>;
    for (std::string_view w :
         {"said",       "says",         "say",          "told",
          "tells",      "tell",         "added",        "adds",
          "noted",      "notes",        "announced",    "announces",
          "confirmed",  "confirms",     "warned",       "warns",
          "warn",       "stated",       "states",       "argued",
          "argues",     "argue",        "claimed",      "claims",
          "claim",      "insisted",     "insists",      "insist",
          "explained",  "explains",     "suggested",    "suggests",
          "suggest",    "asked",        "asks",         "wrote",
          "writes",     "tweeted",      "tweets",       "replied",
          "replies",    "responded",    "admitted",     "admits",
          "admit",      "acknowledged", "acknowledges", "denied",
          "denies",     "deny",         "stressed",     "stresses",
          "emphasised", "emphasized",   "emphasises",   "emphasizes",
          "urged",      "urges",        "revealed",     "reveals",
          "declared",   "declares",     "asserted",     "asserts",
          "maintained", "maintains",    "predicted",    "predicts",
          "predict",    "estimated",    "estimates",    "estimate",
          "reported",   "reports",      "report",       "recalled",
          "recalls",    "alleged",      "alleges",      "allege",
          "observed",   "remarked",     "commented",    "cautioned",
          "cautions",   "conceded",     "concedes",     "reiterated",
          "posted",     "disclosed",    "indicated",    "indicates",
          "indicate",   "contended",    "contends",     "boasted",
          "complained", "complains",

          "revealed",   "recounted",    "testified",    "mentioned",
          "underlined", "highlighted",  "pointed",      "say",
          "speculated", "speculate",    "conclude",     "concluded",
          "concludes",  "announce",     "confirm",      "note",
          "stress",     "urge",         "reveal",       "declare",
          "insist",     "explain",      "heard"}) {
      (*m)[w] = CueStrength::kSpeech;
    }
    for (std::string_view w :
         {"continued", "continues", "went", "goes", "joked", "jokes", "laughed",
          "shouted", "screamed", "exclaimed", "whispered", "added", "began",
          "concluded", "quipped", "sighed"}) {
      if (!m->contains(w)) (*m)[w] = CueStrength::kQuoteOnly;
    }
    for (std::string_view w :
         {"believe", "believes", "believed", "think",  "thinks",  "thought",
          "fear",    "fears",    "feared",   "worry",  "worries", "worried",
          "hope",    "hopes",    "hoped",    "expect", "expects", "expected",
          "feel",    "feels",    "felt",     "doubt",  "doubts",  "doubted"}) {
      (*m)[w] = CueStrength::kBelief;
    }
    return m;
  }();
  return *map;
}

const WordSet& CueAdverbs() {
  static const WordSet* const set =
      new WordSet{"has",          "have",        "had",           "also",
                  "later",        "previously",  "then",          "recently",
                  "again",        "repeatedly",  "earlier",       "further",
                  "publicly",     "privately",   "reportedly",    "once",
                  "separately",   "similarly",   "would",         "will",
                  "may",          "might",       "could",         "did",
                  "does",         "do",          "simply",        "quickly",
                  "just",         "only",        "often",         "always",
                  "never",        "allegedly",   "openly",        "firmly",
                  "angrily",      "bluntly",     "flatly",        "frankly",
                  "candidly",     "clearly",     "strongly",      "already",
                  "still",        "now",         "last",          "even",
                  "subsequently", "initially",   "originally",    "apparently",
                  "jointly",      "explicitly",  "categorically", "tearfully",
                  "proudly",      "confidently", "cautiously"};
  return *set;
}

}  // namespace

std::optional<Place> LookupPlace(std::string_view lower_phrase) {
  const auto& by_name = Places().by_name;
  auto it = by_name.find(AsAbsl(lower_phrase));
  if (it == by_name.end()) return std::nullopt;
  return it->second;
}

bool IsTitleWord(std::string_view w) { return In(TitleWords(), w); }
bool IsTitleModifier(std::string_view w) { return In(TitleModifiers(), w); }
bool IsHonorific(std::string_view w) { return In(Honorifics(), w); }
bool IsOrganizationCue(std::string_view w) { return In(OrganizationCues(), w); }
bool IsGenericSource(std::string_view w) { return In(GenericSources(), w); }
bool IsDeterminer(std::string_view w) { return In(Determiners(), w); }
bool IsSentenceAdverb(std::string_view w) { return In(SentenceAdverbs(), w); }
bool IsCalendarWord(std::string_view w) { return In(CalendarWords(), w); }
bool IsCueAdverb(std::string_view w) { return In(CueAdverbs(), w); }

Gender GenderOfWord(std::string_view w) {
  static const WordSet* const male = new WordSet{
      "mr",   "sir",    "lord",        "mister",  "spokesman", "chairman",
      "king", "prince", "congressman", "father",  "fr",        "actor",
      "he",   "him",    "his",         "husband", "son",       "brother",
      "man",  "boy",    "grandfather", "uncle",   "nephew",    "businessman"};
  static const WordSet* const female = new WordSet{
      "mrs",         "ms",         "miss",         "dame",     "lady",
      "spokeswoman", "chairwoman", "queen",        "princess", "congresswoman",
      "actress",     "she",        "her",          "wife",     "daughter",
      "sister",      "mother",     "woman",        "girl",     "grandmother",
      "aunt",        "niece",      "businesswoman"};
  if (male->contains(w)) return Gender::kMale;
  if (female->contains(w)) return Gender::kFemale;
  return Gender::kUnknown;
}

CueStrength ReportingVerbStrength(std::string_view w) {
  const auto& verbs = ReportingVerbs();
  auto it = verbs.find(w);
  return it == verbs.end() ? CueStrength::kNone : it->second;
}

}  // namespace factcheck::text
