#ifndef FACTCHECK_TEXT_NAME_LISTS_H_
#define FACTCHECK_TEXT_NAME_LISTS_H_

// Compiled-in word classes for names and attribution: titles, honorifics,
// organisation cues, generic sources, reporting verbs, and a gazetteer of
// countries, demonyms, capitals and other well-known places. Every lookup
// takes a lower-case word or phrase (Token::norm; words joined by one
// space) and is thread-safe (tables are built once, on first use).

#include <optional>
#include <string>
#include <string_view>

namespace factcheck::text {

// Gender implied by a title or honorific ("Mr", "spokeswoman").
enum class Gender { kUnknown, kMale, kFemale };

// A place the gazetteer knows.
struct Place {
  // Canonical name: the country for a country, a demonym or an alias
  // ("Indian", "U.S." -> "India", "United States"); the place itself
  // otherwise ("New Delhi").
  std::string canonical;
  // The country the place belongs to ("New Delhi" -> "India"); equal to
  // `canonical` for a country; empty for regions ("Middle East").
  std::string country;
  // The word is a demonym ("Indian", "Chinese").
  bool is_demonym = false;
};

// The place named by `lower_phrase` ("india", "new delhi", "indian"), or
// nullopt when unknown.
std::optional<Place> LookupPlace(std::string_view lower_phrase);

// Office or job titles that name a person's role: "president", "minister",
// "prime" (of "prime minister"), "spokesman", "ceo", ...
bool IsTitleWord(std::string_view lower_word);

// Words that qualify a following title: "foreign", "deputy", "former",
// "vice", "chief", "acting", ...
bool IsTitleModifier(std::string_view lower_word);

// "mr", "mrs", "ms", "dr", "sir", "lord", ... (without the final period).
bool IsHonorific(std::string_view lower_word);

// Gender implied by a title or honorific; kUnknown for other words.
Gender GenderOfWord(std::string_view lower_word);

// Words that make a proper-noun sequence an organisation: "ministry",
// "council", "party", "bank", "university", "inc", ...
bool IsOrganizationCue(std::string_view lower_word);

// Nouns that name a generic or hedged source: "analysts", "officials",
// "experts", "police", "sources", "report", ...
bool IsGenericSource(std::string_view lower_word);

// Determiners and quantifiers that may open a source phrase: "the", "a",
// "some", "many", "two", "his", ...
bool IsDeterminer(std::string_view lower_word);

// Words that, capitalised at the start of a sentence, are not names:
// "meanwhile", "however", "yesterday", "speaking", ...
bool IsSentenceAdverb(std::string_view lower_word);

// Month and weekday names ("august", "sunday"): dates, not entities.
bool IsCalendarWord(std::string_view lower_word);

// How a reporting verb may be used.
enum class CueStrength {
  kNone,
  // Only right next to a quotation ("continued", "went on").
  kQuoteOnly,
  // Speech or writing: "said", "noted", "announced", "warned", ...
  kSpeech,
  // Belief or worry: "believe", "fear", "worries" — a cue only before
  // "that" or a clause with a generic source.
  kBelief,
};

// The cue strength of a lower-case word form ("said", "says", "noted").
CueStrength ReportingVerbStrength(std::string_view lower_word);

// Words between a subject and its reporting verb that do not break the
// link: auxiliaries and adverbs ("has", "also", "later", "reportedly").
bool IsCueAdverb(std::string_view lower_word);

}  // namespace factcheck::text

#endif  // FACTCHECK_TEXT_NAME_LISTS_H_
