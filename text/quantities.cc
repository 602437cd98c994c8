#include "text/quantities.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "text/name_lists.h"
#include "text/table_lookup.h"

namespace factcheck::text {
namespace {

// ---------------------------------------------------------------------------
// Tables. Matching is on Token::norm (lower-cased, quotes folded), except
// where a table says it is case-sensitive.

struct NumberWord {
  std::string_view word;
  double value;
};

constexpr NumberWord kCardinals[] = {
    {"zero", 0},     {"one", 1},        {"two", 2},       {"three", 3},
    {"four", 4},     {"five", 5},       {"six", 6},       {"seven", 7},
    {"eight", 8},    {"nine", 9},       {"ten", 10},      {"eleven", 11},
    {"twelve", 12},  {"thirteen", 13},  {"fourteen", 14}, {"fifteen", 15},
    {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
    {"twenty", 20},  {"thirty", 30},    {"forty", 40},    {"fifty", 50},
    {"sixty", 60},   {"seventy", 70},   {"eighty", 80},   {"ninety", 90}};

constexpr NumberWord kOrdinalWords[] = {
    {"first", 1},       {"second", 2},        {"third", 3},
    {"fourth", 4},      {"fifth", 5},         {"sixth", 6},
    {"seventh", 7},     {"eighth", 8},        {"ninth", 9},
    {"tenth", 10},      {"eleventh", 11},     {"twelfth", 12},
    {"thirteenth", 13}, {"fourteenth", 14},   {"fifteenth", 15},
    {"sixteenth", 16},  {"seventeenth", 17},  {"eighteenth", 18},
    {"nineteenth", 19}, {"twentieth", 20},    {"thirtieth", 30},
    {"fortieth", 40},   {"fiftieth", 50},     {"sixtieth", 60},
    {"seventieth", 70}, {"eightieth", 80},    {"ninetieth", 90},
    {"hundredth", 100}, {"thousandth", 1000}, {"millionth", 1e6}};

// Multipliers after a number. `needs_currency`: only a scale after a
// currency ("US$5m"); elsewhere the same letters are a unit ("5 m" metres).
// `attached`: only when written without a space ("99.2bn", "$5k").
struct Scale {
  std::string_view word;
  double factor;
  bool needs_currency;
  bool attached;
};

constexpr Scale kScales[] = {{"hundred", 1e2, false, false},
                             {"thousand", 1e3, false, false},
                             {"million", 1e6, false, false},
                             {"billion", 1e9, false, false},
                             {"trillion", 1e12, false, false},
                             {"lakh", 1e5, false, false},
                             {"lakhs", 1e5, false, false},
                             {"crore", 1e7, false, false},
                             {"crores", 1e7, false, false},
                             {"bn", 1e9, false, false},
                             {"mn", 1e6, false, false},
                             {"mln", 1e6, false, false},
                             {"bln", 1e9, false, false},
                             {"tn", 1e12, false, false},
                             {"k", 1e3, false, true},
                             {"m", 1e6, true, false},
                             {"b", 1e9, true, true}};

// Units after a number, possibly several tokens ("per cent"). `factor`
// converts to the family's base unit so "2 decades" equals "20 years".
struct Unit {
  std::string_view words[2];  // second empty for one-token units
  QuantityKind kind;
  std::string_view unit;    // Quantity::unit
  std::string_view family;  // comparable units share a family
  double factor;
};

constexpr double kYearSeconds = 31556952;  // mean Gregorian year

constexpr Unit kUnits[] = {
    {{"%", ""}, QuantityKind::kPercent, "%", "%", 1},
    // Points are differences of percentages, a family of their own.
    {{"percentage", "points"}, QuantityKind::kPercent, "pp", "pp", 1},
    {{"percentage", "point"}, QuantityKind::kPercent, "pp", "pp", 1},
    {{"pp", ""}, QuantityKind::kPercent, "pp", "pp", 1},
    {{"basis", "points"}, QuantityKind::kPercent, "bp", "pp", 0.01},
    {{"basis", "point"}, QuantityKind::kPercent, "bp", "pp", 0.01},
    {{"bps", ""}, QuantityKind::kPercent, "bp", "pp", 0.01},
    {{"percent", ""}, QuantityKind::kPercent, "%", "%", 1},
    {{"pct", ""}, QuantityKind::kPercent, "%", "%", 1},
    {{"per", "cent"}, QuantityKind::kPercent, "%", "%", 1},
    {{"dollars", ""}, QuantityKind::kMoney, "USD", "USD", 1},
    {{"dollar", ""}, QuantityKind::kMoney, "USD", "USD", 1},
    {{"usd", ""}, QuantityKind::kMoney, "USD", "USD", 1},
    {{"euros", ""}, QuantityKind::kMoney, "EUR", "EUR", 1},
    {{"euro", ""}, QuantityKind::kMoney, "EUR", "EUR", 1},
    {{"eur", ""}, QuantityKind::kMoney, "EUR", "EUR", 1},
    {{"pounds", ""}, QuantityKind::kMoney, "GBP", "GBP", 1},
    {{"gbp", ""}, QuantityKind::kMoney, "GBP", "GBP", 1},
    {{"rupees", ""}, QuantityKind::kMoney, "INR", "INR", 1},
    {{"rupee", ""}, QuantityKind::kMoney, "INR", "INR", 1},
    {{"inr", ""}, QuantityKind::kMoney, "INR", "INR", 1},
    {{"yuan", ""}, QuantityKind::kMoney, "CNY", "CNY", 1},
    {{"renminbi", ""}, QuantityKind::kMoney, "CNY", "CNY", 1},
    {{"yen", ""}, QuantityKind::kMoney, "JPY", "JPY", 1},
    {{"seconds", ""}, QuantityKind::kDuration, "second", "time", 1},
    {{"second", ""}, QuantityKind::kDuration, "second", "time", 1},
    {{"minutes", ""}, QuantityKind::kDuration, "minute", "time", 60},
    {{"minute", ""}, QuantityKind::kDuration, "minute", "time", 60},
    {{"hours", ""}, QuantityKind::kDuration, "hour", "time", 3600},
    {{"hour", ""}, QuantityKind::kDuration, "hour", "time", 3600},
    {{"days", ""}, QuantityKind::kDuration, "day", "time", 86400},
    {{"day", ""}, QuantityKind::kDuration, "day", "time", 86400},
    {{"weeks", ""}, QuantityKind::kDuration, "week", "time", 604800},
    {{"week", ""}, QuantityKind::kDuration, "week", "time", 604800},
    {{"months", ""},
     QuantityKind::kDuration,
     "month",
     "time",
     kYearSeconds / 12},
    {{"month", ""},
     QuantityKind::kDuration,
     "month",
     "time",
     kYearSeconds / 12},
    {{"years", ""}, QuantityKind::kDuration, "year", "time", kYearSeconds},
    {{"year", ""}, QuantityKind::kDuration, "year", "time", kYearSeconds},
    {{"decades", ""},
     QuantityKind::kDuration,
     "decade",
     "time",
     10 * kYearSeconds},
    {{"decade", ""},
     QuantityKind::kDuration,
     "decade",
     "time",
     10 * kYearSeconds},
    {{"centuries", ""},
     QuantityKind::kDuration,
     "century",
     "time",
     100 * kYearSeconds},
    {{"century", ""},
     QuantityKind::kDuration,
     "century",
     "time",
     100 * kYearSeconds},
    {{"km", ""}, QuantityKind::kMeasure, "km", "length", 1000},
    {{"kilometres", ""}, QuantityKind::kMeasure, "km", "length", 1000},
    {{"kilometers", ""}, QuantityKind::kMeasure, "km", "length", 1000},
    {{"kilometre", ""}, QuantityKind::kMeasure, "km", "length", 1000},
    {{"kilometer", ""}, QuantityKind::kMeasure, "km", "length", 1000},
    {{"m", ""}, QuantityKind::kMeasure, "m", "length", 1},
    {{"metres", ""}, QuantityKind::kMeasure, "m", "length", 1},
    {{"meters", ""}, QuantityKind::kMeasure, "m", "length", 1},
    {{"cm", ""}, QuantityKind::kMeasure, "cm", "length", 0.01},
    {{"mm", ""}, QuantityKind::kMeasure, "mm", "length", 0.001},
    {{"miles", ""}, QuantityKind::kMeasure, "mile", "length", 1609.344},
    {{"mile", ""}, QuantityKind::kMeasure, "mile", "length", 1609.344},
    {{"kg", ""}, QuantityKind::kMeasure, "kg", "mass", 1},
    {{"kilograms", ""}, QuantityKind::kMeasure, "kg", "mass", 1},
    {{"tonnes", ""}, QuantityKind::kMeasure, "tonne", "mass", 1000},
    {{"tons", ""}, QuantityKind::kMeasure, "tonne", "mass", 1000},
    {{"barrels", ""}, QuantityKind::kMeasure, "barrel", "barrel", 1},
    {{"mw", ""}, QuantityKind::kMeasure, "MW", "power", 1e6},
    {{"gw", ""}, QuantityKind::kMeasure, "GW", "power", 1e9},
    {{"metre", ""}, QuantityKind::kMeasure, "m", "length", 1},
    {{"meter", ""}, QuantityKind::kMeasure, "m", "length", 1},
    {{"ft", ""}, QuantityKind::kMeasure, "ft", "length", 0.3048},
    {{"feet", ""}, QuantityKind::kMeasure, "ft", "length", 0.3048},
    {{"foot", ""}, QuantityKind::kMeasure, "ft", "length", 0.3048},
    {{"inches", ""}, QuantityKind::kMeasure, "inch", "length", 0.0254},
    {{"inch", ""}, QuantityKind::kMeasure, "inch", "length", 0.0254},
    {{"yards", ""}, QuantityKind::kMeasure, "yard", "length", 0.9144},
    {{"yard", ""}, QuantityKind::kMeasure, "yard", "length", 0.9144},
    {{"acres", ""}, QuantityKind::kMeasure, "acre", "area", 4046.8564224},
    {{"acre", ""}, QuantityKind::kMeasure, "acre", "area", 4046.8564224},
    {{"hectares", ""}, QuantityKind::kMeasure, "hectare", "area", 1e4},
    {{"hectare", ""}, QuantityKind::kMeasure, "hectare", "area", 1e4},
    {{"mph", ""}, QuantityKind::kMeasure, "mph", "speed", 0.44704},
    {{"kw", ""}, QuantityKind::kMeasure, "kW", "power", 1e3},
    {{"kilowatts", ""}, QuantityKind::kMeasure, "kW", "power", 1e3},
    {{"kilowatt", ""}, QuantityKind::kMeasure, "kW", "power", 1e3},
    {{"megawatts", ""}, QuantityKind::kMeasure, "MW", "power", 1e6},
    {{"megawatt", ""}, QuantityKind::kMeasure, "MW", "power", 1e6},
    {{"gigawatts", ""}, QuantityKind::kMeasure, "GW", "power", 1e9},
    {{"gigawatt", ""}, QuantityKind::kMeasure, "GW", "power", 1e9},
    {{"oz", ""}, QuantityKind::kMeasure, "oz", "mass", 0.028349523125},
    {{"ounces", ""}, QuantityKind::kMeasure, "oz", "mass", 0.028349523125},
    {{"lb", ""}, QuantityKind::kMeasure, "lb", "mass", 0.45359237},
    {{"lbs", ""}, QuantityKind::kMeasure, "lb", "mass", 0.45359237},
    {{"litres", ""}, QuantityKind::kMeasure, "litre", "volume", 1},
    {{"liters", ""}, QuantityKind::kMeasure, "litre", "volume", 1},
    {{"degrees", ""}, QuantityKind::kMeasure, "degree", "degree", 1},
    // Ages ("a 50-year-old man"): kMeasure in a time unit, family "age";
    // durations are kDuration, so an age never equals a duration.
    {{"year-old", ""}, QuantityKind::kMeasure, "year", "age", 1},
    {{"years-old", ""}, QuantityKind::kMeasure, "year", "age", 1},
    {{"month-old", ""}, QuantityKind::kMeasure, "month", "age", 1.0 / 12},
    {{"week-old", ""}, QuantityKind::kMeasure, "week", "age", 7 / 365.2425},
    {{"day-old", ""}, QuantityKind::kMeasure, "day", "age", 1 / 365.2425},
};

// Fractions read as percentages before "of" ("a third of", "two-thirds of");
// "half" needs no numerator ("half of", "half the").
constexpr NumberWord kFractions[] = {
    {"half", 50},          {"halves", 50},  {"third", 100.0 / 3},
    {"thirds", 100.0 / 3}, {"quarter", 25}, {"quarters", 25},
    {"fifth", 20},         {"fifths", 20},  {"tenth", 10},
    {"tenths", 10}};

// Words that make "half" a noun of its own, not a share: "the second half
// of 2025", "the other half".
constexpr std::string_view kNotShareBeforeHalf[] = {
    "first", "second", "latter", "other", "the", "a", "one", "and"};

// Determiners after which "half" is a share ("half the exports").
constexpr std::string_view kShareDeterminers[] = {
    "of", "the", "its", "their", "his", "her", "our", "all", "these", "those"};

// Approximation cues before a number, longest first where one is a suffix of
// another ("no more than" before "more than").
struct ApproxCue {
  std::string_view words[3];  // trailing entries empty
  Approximation approx;
};

constexpr ApproxCue kApproxCues[] = {
    {{"no", "more", "than"}, Approximation::kAtMost},
    {{"no", "less", "than"}, Approximation::kAtLeast},
    {{"no", "fewer", "than"}, Approximation::kAtLeast},
    {{"in", "excess", "of"}, Approximation::kMoreThan},
    {{"just", "shy", "of"}, Approximation::kNearly},
    {{"just", "under", ""}, Approximation::kNearly},
    {{"just", "over", ""}, Approximation::kMoreThan},
    {{"more", "than", ""}, Approximation::kMoreThan},
    {{"greater", "than", ""}, Approximation::kMoreThan},
    {{"upwards", "of", ""}, Approximation::kMoreThan},
    {{"less", "than", ""}, Approximation::kLessThan},
    {{"fewer", "than", ""}, Approximation::kLessThan},
    {{"at", "least", ""}, Approximation::kAtLeast},
    {{"at", "most", ""}, Approximation::kAtMost},
    {{"up", "to", ""}, Approximation::kAtMost},
    {{"close", "to", ""}, Approximation::kNearly},
    {{"an", "estimated", ""}, Approximation::kAbout},
    {{"about", "", ""}, Approximation::kAbout},
    {{"around", "", ""}, Approximation::kAbout},
    {{"approximately", "", ""}, Approximation::kAbout},
    {{"roughly", "", ""}, Approximation::kAbout},
    {{"some", "", ""}, Approximation::kAbout},
    {{"estimated", "", ""}, Approximation::kAbout},
    {{"nearly", "", ""}, Approximation::kNearly},
    {{"almost", "", ""}, Approximation::kNearly},
    {{"over", "", ""}, Approximation::kMoreThan},
    {{"above", "", ""}, Approximation::kMoreThan},
    {{"under", "", ""}, Approximation::kLessThan},
    {{"below", "", ""}, Approximation::kLessThan},
};

// Words before a 4-digit number that make it a year even when a plural
// follows ("in 2020 clashes", "the 2020 clashes", "mid-2020").
constexpr std::string_view kYearCues[] = {
    "in",    "since",   "until", "till",  "by",   "from", "during", "before",
    "after", "through", "the",   "early", "late", "mid",  "fiscal", "calendar",
    "year",  "its",     "their", "his",   "her",  "our"};

// Words after a 4-digit number that make it a clock time ("2100 GMT").
constexpr std::string_view kClockWords[] = {"gmt", "utc",   "est", "edt", "cst",
                                            "cdt", "pst",   "pdt", "bst", "cet",
                                            "hrs", "local", "ist", "jst"};

// Words before "a"/"an" that make "a week" a duration ("within a week").
constexpr std::string_view kDurationLeads[] = {"for", "within", "in", "after"};

// Clock suffixes: "9pm", "3 am", "7 a.m." are times of day, not amounts.
constexpr std::string_view kClockSuffixes[] = {"am",  "pm",  "a.m.",   "p.m.",
                                               "a.m", "p.m", "o'clock"};

// Words before "one" that make it a pronoun ("another one", "this one",
// "each one", "no one").
constexpr std::string_view kPronounOneLeads[] = {
    "another", "this", "the", "each", "every", "any", "no", "which", "little"};

// Words around "one day" that make it a length of time ("for one day", "one
// day later"); without them it means "some day" ("dreams of one day
// playing").
constexpr std::string_view kOneDayDurationLeads[] = {
    "for", "within", "in", "after", "only", "just", "than", "took", "last"};
constexpr std::string_view kOneDayDurationTails[] = {
    "later", "after", "before", "earlier", "ago", "long", "of", "per", "a"};

// Letters glued to a number that are not a code: "1990s", temperatures
// ("40C"); units and scales ("100m", "5bn") are checked apart.
constexpr std::string_view kNumberSuffixes[] = {"s", "'s", "c", "f"};

bool IsDashNorm(std::string_view norm) {
  return norm == "-" || norm == "\u2013" || norm == "\u2212";
}

template <size_t N>
bool In(const std::string_view (&table)[N], std::string_view w) {
  return std::find(table, table + N, w) != table + N;
}

// Currency markers before a number. `parts` are the surfaces of adjacent
// tokens ("US" "$"); codes are case-sensitive, so "us" is not a currency.
struct CurrencyPrefix {
  std::string_view parts[2];
  std::string_view code;
  bool spaced;  // may be separated from the number by a space ("Rs 500")
};

constexpr CurrencyPrefix kCurrencyPrefixes[] = {
    {{"US", "$"}, "USD", false},    {{"$", ""}, "USD", false},
    {{"\u20AC", ""}, "EUR", false}, {{"\u00A3", ""}, "GBP", false},
    {{"\u20B9", ""}, "INR", true},  {{"\u00A5", ""}, "JPY", false},
    {{"Rs", "."}, "INR", true},     {{"Rs", ""}, "INR", true},
    {{"USD", ""}, "USD", true},     {{"EUR", ""}, "EUR", true},
    {{"GBP", ""}, "GBP", true},     {{"INR", ""}, "INR", true},
    {{"CNY", ""}, "CNY", true},     {{"JPY", ""}, "JPY", true}};

// How currencies are written back out by FormatQuantity.
struct CurrencySymbol {
  std::string_view code;
  std::string_view symbol;
};
constexpr CurrencySymbol kCurrencySymbols[] = {{"USD", "$"},
                                               {"EUR", "\u20AC"},
                                               {"GBP", "\u00A3"},
                                               {"INR", "Rs "},
                                               {"JPY", "\u00A5"}};

using internal::Find;
using internal::kYearMax;
using internal::kYearMin;

// ---------------------------------------------------------------------------

std::optional<double> LookupWord(const NumberWord* begin, const NumberWord* end,
                                 std::string_view w) {
  const NumberWord* it = std::find_if(
      begin, end, [&](const NumberWord& n) { return n.word == w; });
  if (it == end) return std::nullopt;
  return it->value;
}

template <size_t N>
std::optional<double> Lookup(const NumberWord (&table)[N], std::string_view w) {
  return LookupWord(table, table + N, w);
}

// "twenty-five" -> 25; "seven" -> 7. With `ordinal`, the last part is an
// ordinal word ("twenty-first" -> 21).
std::optional<double> ParseSmallNumberWord(std::string_view w, bool ordinal) {
  const size_t dash = w.find('-');
  if (dash == std::string_view::npos) {
    return ordinal ? Lookup(kOrdinalWords, w) : Lookup(kCardinals, w);
  }
  const std::optional<double> tens = Lookup(kCardinals, w.substr(0, dash));
  const std::string_view rest = w.substr(dash + 1);
  const std::optional<double> unit =
      ordinal ? Lookup(kOrdinalWords, rest) : Lookup(kCardinals, rest);
  if (!tens || !unit || *tens < 20 || std::fmod(*tens, 10) != 0 || *unit < 1 ||
      *unit > 9) {
    return std::nullopt;
  }
  return *tens + *unit;
}

std::optional<double> ParseDigits(std::string_view s) {
  if (!IsNumberToken(s)) return std::nullopt;
  std::string plain;
  for (char c : s) {
    if (c != ',') plain.push_back(c);
  }
  if (std::count(plain.begin(), plain.end(), '.') > 1) return std::nullopt;
  return std::strtod(plain.c_str(), nullptr);
}

// "3rd", "21st": digits and the matching English ordinal suffix.
std::optional<double> ParseDigitOrdinal(std::string_view s) {
  if (s.size() < 3) return std::nullopt;
  const std::string_view digits = s.substr(0, s.size() - 2);
  const std::string_view suffix = s.substr(s.size() - 2);
  if (!std::all_of(digits.begin(), digits.end(),
                   [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  const long n = std::strtol(std::string(digits).c_str(), nullptr, 10);
  const long last2 = n % 100;
  const long last = n % 10;
  std::string_view want = "th";
  if (last2 < 11 || last2 > 13) {
    if (last == 1) want = "st";
    if (last == 2) want = "nd";
    if (last == 3) want = "rd";
  }
  if (suffix != want) return std::nullopt;
  return static_cast<double>(n);
}

const Scale* FindScale(std::string_view norm) {
  return Find(kScales, [&](const Scale& s) { return s.word == norm; });
}

bool Adjacent(const Token& a, const Token& b) {
  return a.span.end == b.span.begin;
}

// Longest unit starting at token j; sets *end one past it.
const Unit* MatchUnitAt(const std::vector<Token>& tokens, size_t j,
                        size_t* end) {
  if (j >= tokens.size()) return nullptr;
  const Unit* best = nullptr;
  for (const Unit& u : kUnits) {
    if (tokens[j].norm != u.words[0]) continue;
    if (u.words[1].empty()) {
      if (best == nullptr) {
        best = &u;
        *end = j + 1;
      }
    } else if (j + 1 < tokens.size() && tokens[j + 1].norm == u.words[1]) {
      *end = j + 2;
      return &u;  // a two-word unit beats its first word
    }
  }
  return best;
}

const Unit* SingleWordUnit(std::string_view norm) {
  return Find(kUnits, [&](const Unit& u) {
    return u.words[0] == norm && u.words[1].empty();
  });
}

// The measure heading a hyphenated word ("metre-high", "mile-long"), or
// null; time units are left out ("second-half" is not "seconds").
const Unit* HyphenatedUnitHead(std::string_view norm) {
  const size_t dash = norm.find('-');
  if (dash == 0 || dash == std::string_view::npos || dash + 1 == norm.size()) {
    return nullptr;
  }
  const Unit* u = SingleWordUnit(norm.substr(0, dash));
  return u != nullptr && u->kind == QuantityKind::kMeasure ? u : nullptr;
}

// Approximation cue ending just before token i; *begin is its first token.
const ApproxCue* ApproxCueBefore(const std::vector<Token>& tokens, size_t i,
                                 size_t* begin) {
  for (const ApproxCue& c : kApproxCues) {
    size_t n = 0;
    while (n < 3 && !c.words[n].empty()) ++n;
    if (n > i) continue;
    bool ok = true;
    for (size_t k = 0; k < n && ok; ++k) {
      ok = tokens[i - n + k].norm == c.words[k];
    }
    if (ok) {
      *begin = i - n;
      return &c;
    }
  }
  return nullptr;
}

bool IsCurrencyMarker(std::string_view surface) {
  return Find(kCurrencyPrefixes,
              [&](const CurrencyPrefix& c) {
                return c.parts[0] == surface || c.parts[1] == surface;
              }) != nullptr &&
         surface != ".";
}

// A lower-case plural that counts the number before it ("2000 shares").
bool IsCountedPlural(const Token& t) {
  static constexpr std::string_view kIrregular[] = {
      "people", "men", "women", "children", "police", "staff", "personnel"};
  if (t.kind != TokenKind::kWord || t.is_capitalized || t.is_stop) return false;
  if (In(kIrregular, t.norm)) return true;
  const std::string_view w = t.norm;
  return w.size() > 3 && w.back() == 's' && !w.ends_with("ss") &&
         !w.ends_with("us") && !w.ends_with("is") && !w.ends_with("'s");
}

bool IsPlainDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

// Words (Token::norm) and currency marks (Token::text) that can start a
// quantity, bucketed by length: every other word is skipped at once, which
// keeps the scan cheap (a hash set was a third of the scan's time).
class StarterWords {
 public:
  static const StarterWords& Get() {
    static const StarterWords* words = new StarterWords;
    return *words;
  }

  bool Contains(std::string_view w) const {
    if (w.size() >= kMaxLength) return false;
    for (std::string_view c : by_length_[w.size()]) {
      if (c[0] == w[0] && c == w) return true;
    }
    return false;
  }

 private:
  static constexpr size_t kMaxLength = 16;

  StarterWords() {
    for (std::string_view w : {"a", "an", "minus", "-", "\u2013", "\u2212"}) {
      Add(w);
    }
    for (const NumberWord& n : kCardinals) Add(n.word);
    for (const NumberWord& n : kOrdinalWords) Add(n.word);
    for (const NumberWord& n : kFractions) Add(n.word);
    for (const CurrencyPrefix& c : kCurrencyPrefixes) Add(c.parts[0]);
  }

  void Add(std::string_view w) {
    if (w.size() < kMaxLength) by_length_[w.size()].push_back(w);
  }

  std::vector<std::string_view> by_length_[kMaxLength];
};

bool CanStartQuantity(const Token& t) {
  if (t.kind == TokenKind::kNumber) return true;
  if (t.norm.empty()) return false;
  // "3rd", "twenty-five", "seven-year", "two-thirds".
  if ((t.norm[0] >= '0' && t.norm[0] <= '9') ||
      t.norm.find('-') != std::string::npos) {
    return true;
  }
  // Currency marks are matched on the surface ("US", "Rs", "$").
  const StarterWords& starters = StarterWords::Get();
  return starters.Contains(t.norm) ||
         ((t.kind == TokenKind::kPunct || t.is_capitalized) &&
          starters.Contains(t.text));
}

// A number found at some token, before units.
struct NumberMatch {
  double value = 0;
  size_t end = 0;             // one past the last token used
  bool plain_digits = false;  // a single digit token without separators
  bool ordinal = false;
  // Only a quantity with a scale or unit after it ("half a million", "a
  // week" after a cue); alone it is an article or a noun.
  bool needs_unit = false;
  // Unit written in the same token ("seven-year").
  const Unit* unit = nullptr;
};

// A number with its sign, currency, scale and unit, before cues and ranges.
struct Core {
  Quantity q;
  size_t end = 0;       // one past the last token
  double scale = 1;     // product of the scale words applied
  bool digits = false;  // the number is written in digits
};

class Scanner {
 public:
  Scanner(std::string_view text, const std::vector<Token>& tokens,
          uint32_t base_offset)
      : text_(text), tokens_(tokens), base_(base_offset) {}

  std::vector<Quantity> Run() {
    std::vector<Quantity> out;
    size_t i = 0;
    while (i < tokens_.size()) {
      size_t next = i + 1;
      if (!CanStartQuantity(tokens_[i])) {
        ++i;
        continue;
      }
      if (const size_t skip = NotAnAmountAt(i); skip > i) {
        i = skip;
        continue;
      }
      if (std::optional<Quantity> q = ParseAt(i, &next); q.has_value()) {
        out.push_back(std::move(*q));
      }
      i = std::max(next, i + 1);
    }
    return out;
  }

 private:
  size_t Size() const { return tokens_.size(); }
  const std::string& Norm(size_t i) const { return tokens_[i].norm; }
  bool AdjacentAt(size_t i) const {  // tokens i and i+1 touch
    return i + 1 < Size() && Adjacent(tokens_[i], tokens_[i + 1]);
  }

  bool IsWordAt(size_t i) const {
    return i < Size() && tokens_[i].kind == TokenKind::kWord;
  }

  // First token of the sentence, or right after an opening quote or colon.
  bool StartsClause(size_t i) const {
    if (i == 0) return true;
    const std::string& prev = Norm(i - 1);
    return tokens_[i - 1].kind == TokenKind::kPunct &&
           (prev == "\"" || prev == "'" || prev == ":" || prev == "(");
  }

  // Numbers that are not amounts, by their context; returns the first token
  // after what to skip, or `i` when the number at i may be an amount.
  size_t NotAnAmountAt(size_t i) const {
    if (tokens_[i].kind == TokenKind::kNumber) {
      if (const size_t end = ClockTimeEnd(i); end > i) return end;
      if (IsCodeNumber(i)) return i + 1;
      return i;
    }
    if (!ParseSmallNumberWord(Norm(i), false).has_value()) return i;
    if (Norm(i) == "one" && IsNonNumericOne(i)) return i + 1;
    // "League One", "Formula One": a capitalised number word inside a name.
    if (tokens_[i].is_capitalized && !StartsClause(i) && i > 0 &&
        IsWordAt(i - 1) && tokens_[i - 1].is_capitalized) {
      return i + 1;
    }
    // "Lawrence's three in the ...": a number word as a noun (a basket, a
    // goal) after a possessive and before no noun.
    if (i > 0 && Norm(i - 1) == "'s" &&
        (i + 1 == Size() || tokens_[i + 1].is_stop ||
         tokens_[i + 1].kind == TokenKind::kPunct)) {
      return i + 1;
    }
    return i;
  }

  // "9pm", "3 am", "7 a.m.", "9.30pm", "10:30", "10:30pm": a time of day.
  // Returns the token after it, or i.
  size_t ClockTimeEnd(size_t i) const {
    size_t j = i + 1;
    const bool colon = j + 1 < Size() && Norm(j) == ":" && AdjacentAt(i) &&
                       AdjacentAt(j) &&
                       tokens_[j + 1].kind == TokenKind::kNumber &&
                       tokens_[j + 1].text.size() == 2;
    if (colon) j += 2;
    const bool suffix = j < Size() && In(kClockSuffixes, Norm(j));
    if (!colon && !suffix) return i;
    const std::optional<double> hour = ParseDigits(tokens_[i].text);
    if (!hour || *hour > 24 || (suffix && *hour > 12)) return i;
    return suffix ? j + 1 : j;
  }

  // "5p", "99p": pence, glued to a number under 1000 ("1080p" is a video
  // resolution).
  bool PenceAfter(size_t i) const {
    if (tokens_[i].kind != TokenKind::kNumber || !AdjacentAt(i) ||
        Norm(i + 1) != "p") {
      return false;
    }
    const std::optional<double> v = ParseDigits(tokens_[i].text);
    return v.has_value() && *v < 1000;
  }

  // Digits inside a name or code: "3G", "G7" (one token, never a number),
  // "Valu-4-U", "Covid-19", "F-16". Units, scales and "1990s" are not codes;
  // neither are years ("Mid-2020").
  bool IsCodeNumber(size_t i) const {
    if (AdjacentAt(i) && IsWordAt(i + 1)) {
      size_t unit_end = 0;
      const std::string& next = Norm(i + 1);
      if (FindScale(next) == nullptr && !In(kNumberSuffixes, next) &&
          !In(kClockSuffixes, next) &&
          MatchUnitAt(tokens_, i + 1, &unit_end) == nullptr &&
          HyphenatedUnitHead(next) == nullptr && !PenceAfter(i)) {
        return true;
      }
    }
    if (i >= 2 && IsDashNorm(Norm(i - 1)) && AdjacentAt(i - 1) &&
        AdjacentAt(i - 2) && IsWordAt(i - 2) && tokens_[i - 2].is_capitalized &&
        !IsYearAt(tokens_, i)) {
      return true;
    }
    return false;
  }

  // "one" as a pronoun or partitive, not a count: "one of the ...",
  // "another one", "one another", "one day" meaning some day, and "One
  // resident said" (an unnamed source, "a resident").
  bool IsNonNumericOne(size_t i) const {
    if (i + 1 < Size() && (Norm(i + 1) == "of" || Norm(i + 1) == "another")) {
      return true;
    }
    if (i > 0 && In(kPronounOneLeads, Norm(i - 1))) return true;
    if (i + 1 < Size() && Norm(i + 1) == "day") {
      const bool lead = i > 0 && (In(kOneDayDurationLeads, Norm(i - 1)) ||
                                  In(kDurationLeads, Norm(i - 1)));
      // "been here one day." ends the clause; "one day play" goes on.
      const bool tail = i + 2 >= Size() ||
                        tokens_[i + 2].kind == TokenKind::kPunct ||
                        In(kOneDayDurationTails, Norm(i + 2));
      size_t cue_begin = 0;
      return !lead && !tail &&
             ApproxCueBefore(tokens_, i, &cue_begin) == nullptr;
    }
    // An unnamed source: "One (former) inmate said", a few lower-case words
    // and a speech verb.
    for (size_t j = i + 1; j < Size() && j <= i + 4; ++j) {
      const Token& t = tokens_[j];
      if (t.kind != TokenKind::kWord || t.is_capitalized) break;
      if (j > i + 1 && ReportingVerbStrength(t.norm) == CueStrength::kSpeech) {
        return true;
      }
      if (t.is_stop) break;
    }
    return false;
  }

  // Currency marker starting at token i: code and the first token after it.
  std::optional<std::pair<std::string_view, size_t>> MatchCurrencyPrefix(
      size_t i) const {
    for (const CurrencyPrefix& c : kCurrencyPrefixes) {
      size_t j = i;
      bool ok = true;
      for (std::string_view part : c.parts) {
        if (part.empty()) break;
        if (j >= Size() || tokens_[j].text != part ||
            (j > i && !AdjacentAt(j - 1))) {
          ok = false;
          break;
        }
        ++j;
      }
      if (!ok || j >= Size()) continue;
      if (!c.spaced && !AdjacentAt(j - 1)) continue;
      if (tokens_[j].kind != TokenKind::kNumber &&
          !Lookup(kCardinals, Norm(j))) {
        continue;
      }
      return std::make_pair(c.code, j);
    }
    return std::nullopt;
  }

  // Number words: "two hundred and fifty thousand", "a dozen", "seven".
  std::optional<NumberMatch> MatchNumberWords(size_t i) const {
    double total = 0;
    double current = 0;
    bool any = false;
    size_t j = i;
    if (Norm(j) == "a" && j + 1 < Size() &&
        (Norm(j + 1) == "dozen" || Norm(j + 1) == "hundred" ||
         Norm(j + 1) == "thousand" || Norm(j + 1) == "million" ||
         Norm(j + 1) == "billion" || Norm(j + 1) == "trillion")) {
      current = 1;
      ++j;
    }
    for (; j < Size(); ++j) {
      const std::string& w = Norm(j);
      if (std::optional<double> v = ParseSmallNumberWord(w, false)) {
        // "twenty five" is fine, "five six" is two numbers.
        if (any && std::fmod(current, 100) != 0 &&
            !(std::fmod(current, 10) == 0 && *v < 10)) {
          break;
        }
        current += *v;
        any = true;
      } else if (w == "dozen" && (any || current == 1)) {
        current = std::max(current, 1.0) * 12;
        any = true;
      } else if (w == "hundred" && (any || current == 1)) {
        current = std::max(current, 1.0) * 100;
        any = true;
      } else if (w == "and" && any && j + 1 < Size() &&
                 ParseSmallNumberWord(Norm(j + 1), false)) {
        continue;
      } else if (const Scale* s = FindScale(w);
                 s != nullptr && !s->needs_currency && !s->attached &&
                 s->factor >= 1e3 && (any || current == 1) && w.size() > 2) {
        total += std::max(current, 1.0) * s->factor;
        current = 0;
        any = true;
      } else {
        break;
      }
    }
    if (!any) return std::nullopt;
    NumberMatch m;
    m.value = total + current;
    m.end = j;
    return m;
  }

  // "seven-year", "50-year" written as one word token.
  std::optional<NumberMatch> MatchNumberUnitWord(size_t i) const {
    const std::string& w = Norm(i);
    for (size_t dash = w.find('-'); dash != std::string::npos;
         dash = w.find('-', dash + 1)) {
      const std::string_view head = std::string_view(w).substr(0, dash);
      std::optional<double> v = ParseSmallNumberWord(head, false);
      if (!v && IsPlainDigits(head)) v = std::strtod(w.c_str(), nullptr);
      const Unit* unit = SingleWordUnit(std::string_view(w).substr(dash + 1));
      if (v && unit != nullptr) {
        NumberMatch m{*v, i + 1};
        m.unit = unit;
        return m;
      }
    }
    return std::nullopt;
  }

  std::optional<NumberMatch> MatchNumber(size_t i) const {
    const Token& t = tokens_[i];
    if (t.kind == TokenKind::kNumber) {
      std::optional<double> v = ParseDigits(t.text);
      if (!v) return std::nullopt;
      NumberMatch m;
      m.value = *v;
      m.end = i + 1;
      m.plain_digits = t.text.find_first_of(",.") == std::string::npos;
      return m;
    }
    if (t.kind != TokenKind::kWord) return std::nullopt;
    if (std::optional<double> v = ParseDigitOrdinal(t.norm)) {
      return NumberMatch{*v, i + 1, false, true};
    }
    if (std::optional<double> v = ParseSmallNumberWord(t.norm, true)) {
      return NumberMatch{*v, i + 1, false, true};
    }
    if (t.norm.find('-') != std::string::npos) {
      if (auto m = MatchNumberUnitWord(i)) return m;
    }
    // "half a million", "half an hour".
    if (t.norm == "half" && i + 1 < Size() &&
        (Norm(i + 1) == "a" || Norm(i + 1) == "an")) {
      NumberMatch m{0.5, i + 2};
      m.needs_unit = true;
      return m;
    }
    // "less than a week", "for a year": one unit after a cue.
    size_t cue_begin = 0;
    if ((t.norm == "a" || t.norm == "an") && i > 0 &&
        (ApproxCueBefore(tokens_, i, &cue_begin) != nullptr ||
         In(kDurationLeads, Norm(i - 1)))) {
      size_t unit_end = 0;
      const Unit* u = MatchUnitAt(tokens_, i + 1, &unit_end);
      if (u != nullptr && u->kind == QuantityKind::kDuration) {
        NumberMatch m{1, i + 1};
        m.needs_unit = true;
        return m;
      }
    }
    if (auto m = MatchNumberWords(i)) return m;
    if (t.norm.find('-') != std::string::npos) return MatchCompoundNumber(i);
    return std::nullopt;
  }

  // A count inside a hyphenated compound: "six-storey", "nine-game",
  // "father-of-three". "one-" compounds are idioms ("one-off", "one-sided")
  // and fractions are not counts ("two-thirds", "four-hundredths").
  std::optional<NumberMatch> MatchCompoundNumber(size_t i) const {
    const std::string_view w = Norm(i);
    const size_t first_dash = w.find('-');
    const size_t last_dash = w.rfind('-');
    const std::string_view head = w.substr(0, first_dash);
    const std::string_view tail = w.substr(last_dash + 1);
    std::optional<double> v;
    // "four-hundredths": a fraction, singular or plural.
    const std::string_view singular =
        tail.ends_with('s') ? tail.substr(0, tail.size() - 1) : tail;
    if (first_dash > 0 && head != "one" && !tail.empty() &&
        !Lookup(kFractions, tail) && !Lookup(kOrdinalWords, singular)) {
      v = ParseSmallNumberWord(head, false);
    }
    // "father-of-three", "best-of-five".
    if (!v && last_dash != first_dash) {
      const size_t before = w.rfind('-', last_dash - 1);
      if (w.substr(before + 1, last_dash - before - 1) == "of") {
        v = ParseSmallNumberWord(tail, false);
      }
    }
    if (!v) return std::nullopt;
    return NumberMatch{*v, i + 1};
  }

  // Applies scale words after a number: "99.2 billion", "5m", "5 lakh crore".
  size_t ApplyScales(size_t j, bool has_currency, double* factor) const {
    while (j < Size()) {
      const Scale* s = FindScale(Norm(j));
      if (s == nullptr || (s->needs_currency && !has_currency) ||
          (s->attached && !AdjacentAt(j - 1))) {
        break;
      }
      *factor *= s->factor;
      ++j;
    }
    return j;
  }

  // "half of", "half the", "a third of", "two-thirds of": a share in %.
  std::optional<Core> MatchShare(size_t i) const {
    const std::string& w = Norm(i);
    double share = 0;
    size_t end = 0;
    if (w == "half") {
      if ((i > 0 && In(kNotShareBeforeHalf, Norm(i - 1))) || i + 1 >= Size() ||
          !In(kShareDeterminers, Norm(i + 1))) {
        return std::nullopt;
      }
      share = 50;
      end = i + 1;
    } else {
      std::optional<double> numerator;
      std::optional<double> fraction;
      if (const size_t dash = w.find('-'); dash != std::string::npos) {
        numerator = Lookup(kCardinals, std::string_view(w).substr(0, dash));
        fraction = Lookup(kFractions, std::string_view(w).substr(dash + 1));
        end = i + 1;
      } else if (i + 1 < Size()) {
        numerator = (w == "a" || w == "an") ? std::optional<double>(1)
                                            : Lookup(kCardinals, w);
        fraction = Lookup(kFractions, Norm(i + 1));
        end = i + 2;
      }
      if (!numerator || !fraction || end >= Size() || Norm(end) != "of") {
        return std::nullopt;
      }
      share = *numerator * *fraction;
    }
    Core c;
    c.q.value = share;
    c.q.unit = "%";
    c.q.kind = QuantityKind::kPercent;
    c.end = end;
    return c;
  }

  std::optional<Core> ParseCore(size_t i) const {
    size_t j = i;
    bool negative = false;
    if (Norm(j) == "minus" && j + 1 < Size()) {
      negative = true;
      ++j;
    } else if (IsDashNorm(Norm(j)) && j + 1 < Size() &&
               tokens_[j + 1].kind == TokenKind::kNumber && AdjacentAt(j) &&
               (j == 0 || !AdjacentAt(j - 1))) {
      negative = true;
      ++j;
    }
    std::string_view currency;
    if (auto c = MatchCurrencyPrefix(j); c.has_value()) {
      currency = c->first;
      j = c->second;
    }
    std::optional<Core> core;
    if (currency.empty() && !negative) core = MatchShare(j);
    if (!core) core = ParseAmount(j, currency, negative);
    if (!core) return std::nullopt;
    Quantity& q = core->q;
    if (negative) q.value = -q.value;
    q.first_token = i;
    q.last_token = core->end - 1;
    q.span = {tokens_[i].span.begin, tokens_[core->end - 1].span.end};
    return core;
  }

  // The number at j (after any sign and currency) with scale and unit.
  std::optional<Core> ParseAmount(size_t j, std::string_view currency,
                                  bool negative) const {
    std::optional<NumberMatch> num = MatchNumber(j);
    if (!num) return std::nullopt;
    Core c;
    Quantity& q = c.q;
    c.digits = tokens_[j].kind == TokenKind::kNumber;
    q.value = num->value;
    q.unit = std::string(currency);
    q.kind = currency.empty() ? QuantityKind::kCount : QuantityKind::kMoney;
    size_t end = num->end;
    if (num->ordinal) {
      if (!currency.empty() || negative) return std::nullopt;
      q.kind = QuantityKind::kOrdinal;
      c.end = end;
      return c;
    }
    // "two and a half".
    if (end + 2 < Size() && Norm(end) == "and" && Norm(end + 1) == "a" &&
        Norm(end + 2) == "half") {
      q.value += 0.5;
      end += 3;
    }
    const Unit* unit = num->unit;
    if (unit == nullptr) {
      const size_t scaled = ApplyScales(end, !currency.empty(), &c.scale);
      q.value *= c.scale;
      end = scaled;
      size_t unit_end = end;
      unit = MatchUnitAt(tokens_, end, &unit_end);
      // "50-year-old", "50-year": a unit joined by a hyphen.
      if (unit == nullptr && end + 1 < Size() && IsDashNorm(Norm(end)) &&
          AdjacentAt(end - 1) && AdjacentAt(end)) {
        unit = MatchUnitAt(tokens_, end + 1, &unit_end);
      }
      // "198 metre-high": a unit heading a hyphenated adjective.
      if (unit == nullptr && end < Size()) {
        unit = HyphenatedUnitHead(Norm(end));
        unit_end = end + 1;
      }
      // A currency word after a symbol ("$5 dollars") adds nothing; any
      // other unit after a currency is a different quantity.
      if (unit != nullptr && !currency.empty() &&
          unit->kind != QuantityKind::kMoney) {
        unit = nullptr;
      }
      if (unit != nullptr) end = unit_end;
    }
    if (unit != nullptr) {
      q.kind = unit->kind;
      q.unit = std::string(unit->unit);
    } else if (currency.empty() && c.scale == 1 && PenceAfter(j)) {
      q.kind = QuantityKind::kMoney;
      q.unit = "GBP";
      q.value /= 100;
      ++end;
    } else if (num->needs_unit && c.scale == 1) {
      return std::nullopt;
    } else if (currency.empty() && c.scale == 1 && num->plain_digits &&
               !negative && IsYearAt(tokens_, j)) {
      q.kind = QuantityKind::kYear;
    }
    c.end = end;
    return c;
  }

  // "2019-20", "1986/87", "2019-2021": one year range.
  std::optional<Core> MatchYearRange(size_t i) const {
    if (i + 2 >= Size() || !AdjacentAt(i) || !AdjacentAt(i + 1)) {
      return std::nullopt;
    }
    const Token& a = tokens_[i];
    const Token& b = tokens_[i + 2];
    if (!(IsDashNorm(Norm(i + 1)) || Norm(i + 1) == "/") ||
        a.text.size() != 4 || !IsPlainDigits(a.text) ||
        !IsPlainDigits(b.text) || (b.text.size() != 2 && b.text.size() != 4)) {
      return std::nullopt;
    }
    const double first = std::strtod(a.text.c_str(), nullptr);
    double last = std::strtod(b.text.c_str(), nullptr);
    if (b.text.size() == 2) {
      const double century = first - std::fmod(first, 100);
      last += century;
      if (last <= first) last += 100;  // "1999-00"
    }
    if (first < kYearMin || last > kYearMax || last <= first ||
        last - first > 99) {
      return std::nullopt;
    }
    Core c;
    c.q.value = first;
    c.q.upper = last;
    c.q.kind = QuantityKind::kYear;
    c.q.first_token = i;
    c.q.last_token = i + 2;
    c.q.span = {a.span.begin, b.span.end};
    c.end = i + 3;
    return c;
  }

  // Joins "10-15%", "five to seven years", "between 10 and 15" into `a`.
  void MergeRange(size_t first, Core* a) const {
    const size_t k = a->end;
    if (k + 1 >= Size() || a->q.kind == QuantityKind::kOrdinal ||
        a->q.kind == QuantityKind::kYear || a->q.upper.has_value()) {
      return;
    }
    const bool bare = a->q.unit.empty();
    const bool between = first > 0 && Norm(first - 1) == "between";
    const std::string& sep = Norm(k);
    // "from 10 to 15%" is a change, not a range.
    const bool to_range =
        sep == "to" && bare && !(first > 0 && Norm(first - 1) == "from");
    if (!(IsDashNorm(sep) && a->digits) && !to_range &&
        !(between && sep == "and")) {
      return;
    }
    std::optional<Core> b = ParseCore(k + 1);
    if (!b || b->q.kind == QuantityKind::kOrdinal ||
        b->q.kind == QuantityKind::kYear || b->q.upper.has_value()) {
      return;
    }
    double low = a->q.value;
    // "10-15 million": the scale of the upper bound applies to both.
    if (a->scale == 1) low *= b->scale;
    if (bare && a->q.kind == QuantityKind::kCount) {
      a->q.kind = b->q.kind;
      a->q.unit = b->q.unit;
    } else if (b->q.kind == QuantityKind::kCount && b->q.unit.empty()) {
      // "$10-15 million": the currency of the lower bound applies to both.
    } else if (b->q.kind != a->q.kind || b->q.unit != a->q.unit) {
      return;
    }
    if (b->q.value <= low) return;
    a->q.value = low;
    a->q.upper = b->q.value;
    a->q.last_token = b->q.last_token;
    a->q.span.end = b->q.span.end;
    a->end = b->end;
  }

  // Approximation and record cues before the first token.
  void AttachCues(Quantity* q) const {
    size_t begin = q->first_token;
    if (begin > 0 && Norm(begin - 1) == "record") {
      q->record = true;
      --begin;
      if (begin > 0 && Norm(begin - 1) == "a") --begin;
    }
    size_t cue_begin = 0;
    if (const ApproxCue* cue = ApproxCueBefore(tokens_, begin, &cue_begin)) {
      q->approx = cue->approx;
      begin = cue_begin;
    }
    if (begin < q->first_token) {
      q->qualifier_span = {tokens_[begin].span.begin,
                           tokens_[q->first_token - 1].span.end};
    }
  }

  std::optional<Quantity> ParseAt(size_t i, size_t* next) const {
    std::optional<Core> core = MatchYearRange(i);
    if (!core) {
      core = ParseCore(i);
      if (!core) return std::nullopt;
      MergeRange(i, &*core);
    }
    Quantity& q = core->q;
    AttachCues(&q);
    q.text = std::string(
        text_.substr(q.span.begin - base_, q.span.end - q.span.begin));
    *next = core->end;
    return std::move(q);
  }

  std::string_view text_;
  const std::vector<Token>& tokens_;
  uint32_t base_;
};

const Unit* FindUnitByName(QuantityKind kind, std::string_view unit) {
  return Find(kUnits,
              [&](const Unit& u) { return u.kind == kind && u.unit == unit; });
}

bool IsAge(const Quantity& q) {
  const Unit* u = FindUnitByName(q.kind, q.unit);
  return u != nullptr && u->family == "age";
}

// "99.2", "7", "0.5": up to six decimals, trailing zeros dropped.
std::string PlainNumber(double v) {
  char buf[64];
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof(buf), "%.0f", v);
    return buf;
  }
  std::snprintf(buf, sizeof(buf), "%.6f", v);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// "1,000", "1.5 million", "99.2 billion".
std::string ReadableNumber(double v) {
  struct Named {
    double factor;
    std::string_view name;
  };
  constexpr Named kNamed[] = {
      {1e12, "trillion"}, {1e9, "billion"}, {1e6, "million"}};
  for (const Named& n : kNamed) {
    if (std::fabs(v) >= n.factor) {
      return PlainNumber(v / n.factor) + " " + std::string(n.name);
    }
  }
  const std::string plain = PlainNumber(v);
  // Thousands separators on the integer part.
  const size_t int_begin = plain[0] == '-' ? 1 : 0;
  const size_t int_end = std::min(plain.find('.'), plain.size());
  std::string out = plain.substr(0, int_begin);
  for (size_t k = int_begin; k < int_end; ++k) {
    if (k > int_begin && (int_end - k) % 3 == 0) out.push_back(',');
    out.push_back(plain[k]);
  }
  out.append(plain, int_end);
  return out;
}

std::string OrdinalSuffix(long n) {
  const long last2 = n % 100;
  if (last2 >= 11 && last2 <= 13) return "th";
  switch (n % 10) {
    case 1:
      return "st";
    case 2:
      return "nd";
    case 3:
      return "rd";
    default:
      return "th";
  }
}

// Unit family of a quantity and the factor to its base unit; quantities
// compare equal only within one family.
std::pair<std::string, double> Family(const Quantity& q) {
  switch (q.kind) {
    case QuantityKind::kPercent:
    case QuantityKind::kDuration:
    case QuantityKind::kMeasure:
      if (const Unit* u = FindUnitByName(q.kind, q.unit); u != nullptr) {
        return {std::string(u->family), u->factor};
      }
      return {q.unit, 1};
    default:
      return {q.unit, 1};
  }
}

bool NearlyEqual(double a, double b) {
  const double scale = std::max(std::fabs(a), std::fabs(b));
  return std::fabs(a - b) <= 1e-6 * scale;
}

std::string_view ApproxWords(Approximation a) {
  switch (a) {
    case Approximation::kExact:
      return "";
    case Approximation::kAbout:
      return "about ";
    case Approximation::kNearly:
      return "nearly ";
    case Approximation::kMoreThan:
      return "more than ";
    case Approximation::kAtLeast:
      return "at least ";
    case Approximation::kLessThan:
      return "less than ";
    case Approximation::kAtMost:
      return "at most ";
  }
  return "";
}

// One value of `q` (the lower or upper bound) in its unit.
std::string FormatValue(const Quantity& q, double value) {
  switch (q.kind) {
    case QuantityKind::kPercent:
      if (q.unit == "pp") return PlainNumber(value) + " percentage points";
      if (q.unit == "bp") return PlainNumber(value) + " basis points";
      return PlainNumber(value) + "%";
    case QuantityKind::kMoney: {
      const CurrencySymbol* s = Find(
          kCurrencySymbols, [&](const auto& c) { return c.code == q.unit; });
      if (s != nullptr) return std::string(s->symbol) + ReadableNumber(value);
      return q.unit + " " + ReadableNumber(value);
    }
    case QuantityKind::kDuration:
      return PlainNumber(value) + " " +
             (value == 1            ? q.unit
              : q.unit == "century" ? std::string("centuries")
                                    : q.unit + "s");
    case QuantityKind::kMeasure:
      if (IsAge(q)) return PlainNumber(value) + "-" + q.unit + "-old";
      return PlainNumber(value) + " " + q.unit;
    case QuantityKind::kYear:
      return PlainNumber(value);
    case QuantityKind::kOrdinal:
      return PlainNumber(value) + OrdinalSuffix(std::lround(value));
    case QuantityKind::kCount:
      break;
  }
  return ReadableNumber(value);
}

}  // namespace

std::vector<Quantity> ExtractQuantities(std::string_view text,
                                        const std::vector<Token>& tokens,
                                        uint32_t base_offset) {
  return Scanner(text, tokens, base_offset).Run();
}

bool IsYearAt(const std::vector<Token>& tokens, size_t i) {
  if (i >= tokens.size()) return false;
  const Token& t = tokens[i];
  if (t.kind != TokenKind::kNumber || t.text.size() != 4 ||
      !IsPlainDigits(t.text)) {
    return false;
  }
  const double year = std::strtod(t.text.c_str(), nullptr);
  if (year < kYearMin || year > kYearMax) return false;
  if (i > 0) {
    const Token& prev = tokens[i - 1];
    size_t cue_begin = 0;
    if (IsCurrencyMarker(prev.text) ||
        ApproxCueBefore(tokens, i, &cue_begin) != nullptr) {
      return false;
    }
    // "-2020" is a negative number; "mid-2020" is a year.
    if (IsDashNorm(prev.norm) && Adjacent(prev, t) &&
        (i < 2 || !Adjacent(tokens[i - 2], prev))) {
      return false;
    }
  }
  if (i + 1 < tokens.size()) {
    size_t unit_end = 0;
    if (FindScale(tokens[i + 1].norm) != nullptr ||
        MatchUnitAt(tokens, i + 1, &unit_end) != nullptr) {
      return false;
    }
    if (In(kClockWords, tokens[i + 1].norm)) return false;
    if (IsCountedPlural(tokens[i + 1]) &&
        !(i > 0 && In(kYearCues, tokens[i - 1].norm))) {
      return false;
    }
  }
  return true;
}

std::optional<double> SingleTokenNumber(const Token& token) {
  if (token.kind == TokenKind::kNumber) return ParseDigits(token.text);
  if (token.norm == "a" || token.norm == "an") return 1;
  return ParseSmallNumberWord(token.norm, false);
}

std::string FormatQuantity(const Quantity& q) {
  std::string out(ApproxWords(q.approx));
  out += FormatValue(q, q.value);
  if (q.upper.has_value()) {
    out += q.kind == QuantityKind::kYear ? "-" : " to ";
    out += FormatValue(q, *q.upper);
  }
  return out;
}

bool SameQuantity(const Quantity& a, const Quantity& b) {
  if (a.kind != b.kind || a.upper.has_value() != b.upper.has_value()) {
    return false;
  }
  const auto [family_a, factor_a] = Family(a);
  const auto [family_b, factor_b] = Family(b);
  if (family_a != family_b) return false;
  return NearlyEqual(a.value * factor_a, b.value * factor_b) &&
         (!a.upper || NearlyEqual(*a.upper * factor_a, *b.upper * factor_b));
}

}  // namespace factcheck::text
