#include "text/quantities.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

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
                             {"crore", 1e7, false, false},
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
    {{"litres", ""}, QuantityKind::kMeasure, "litre", "volume", 1},
    {{"liters", ""}, QuantityKind::kMeasure, "litre", "volume", 1},
    {{"degrees", ""}, QuantityKind::kMeasure, "degree", "degree", 1},
};

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

constexpr double kYearMin = 1800;
constexpr double kYearMax = 2100;

// ---------------------------------------------------------------------------

template <typename T, size_t N, typename Pred>
const T* Find(const T (&table)[N], Pred pred) {
  const T* it = std::find_if(table, table + N, pred);
  return it == table + N ? nullptr : it;
}

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

// A number found at some token, before units.
struct NumberMatch {
  double value = 0;
  size_t end = 0;             // one past the last token used
  bool plain_digits = false;  // a single digit token without separators
  bool ordinal = false;
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
      if (std::optional<Quantity> q = ParseAt(i, &next); q.has_value()) {
        out.push_back(std::move(*q));
      }
      i = std::max(next, i + 1);
    }
    return out;
  }

 private:
  const std::string& Norm(size_t i) const { return tokens_[i].norm; }

  // Currency marker starting at token i: code and the first token after it.
  std::optional<std::pair<std::string_view, size_t>> MatchCurrencyPrefix(
      size_t i) const {
    for (const CurrencyPrefix& c : kCurrencyPrefixes) {
      size_t j = i;
      bool ok = true;
      for (std::string_view part : c.parts) {
        if (part.empty()) break;
        if (j >= tokens_.size() || tokens_[j].text != part ||
            (j > i && !Adjacent(tokens_[j - 1], tokens_[j]))) {
          ok = false;
          break;
        }
        ++j;
      }
      if (!ok || j >= tokens_.size()) continue;
      if (!c.spaced && !Adjacent(tokens_[j - 1], tokens_[j])) continue;
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
    if (Norm(j) == "a" && j + 1 < tokens_.size() &&
        (Norm(j + 1) == "dozen" || Norm(j + 1) == "hundred" ||
         Norm(j + 1) == "thousand" || Norm(j + 1) == "million" ||
         Norm(j + 1) == "billion" || Norm(j + 1) == "trillion")) {
      current = 1;
      ++j;
    }
    for (; j < tokens_.size(); ++j) {
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
      } else if (w == "and" && any && j + 1 < tokens_.size() &&
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
    return MatchNumberWords(i);
  }

  // Applies scale words after a digit number: "99.2 billion", "5m".
  size_t ApplyScales(size_t j, bool has_currency, double* value) const {
    while (j < tokens_.size()) {
      const Scale* s = FindScale(Norm(j));
      if (s == nullptr || (s->needs_currency && !has_currency) ||
          (s->attached && !Adjacent(tokens_[j - 1], tokens_[j]))) {
        break;
      }
      *value *= s->factor;
      ++j;
    }
    return j;
  }

  const Unit* MatchUnit(size_t j, size_t* end) const {
    for (const Unit& u : kUnits) {
      if (j >= tokens_.size() || Norm(j) != u.words[0]) continue;
      if (u.words[1].empty()) {
        *end = j + 1;
        return &u;
      }
      if (j + 1 < tokens_.size() && Norm(j + 1) == u.words[1]) {
        *end = j + 2;
        return &u;
      }
    }
    return nullptr;
  }

  std::optional<Quantity> ParseAt(size_t i, size_t* next) const {
    std::string_view currency;
    size_t j = i;
    if (auto c = MatchCurrencyPrefix(i); c.has_value()) {
      currency = c->first;
      j = c->second;
    }
    std::optional<NumberMatch> num = MatchNumber(j);
    if (!num) return std::nullopt;
    Quantity q;
    q.value = num->value;
    q.unit = std::string(currency);
    q.kind = currency.empty() ? QuantityKind::kCount : QuantityKind::kMoney;
    size_t end = num->end;
    if (num->ordinal) {
      if (!currency.empty()) return std::nullopt;
      q.kind = QuantityKind::kOrdinal;
    } else {
      const size_t scaled = ApplyScales(end, !currency.empty(), &q.value);
      const bool has_scale = scaled != end;
      end = scaled;
      size_t unit_end = end;
      const Unit* unit = MatchUnit(end, &unit_end);
      // A currency word after a symbol ("$5 dollars") adds nothing; any
      // other unit after a currency is a different quantity.
      if (unit != nullptr &&
          (currency.empty() || unit->kind == QuantityKind::kMoney)) {
        q.kind = unit->kind;
        q.unit = std::string(unit->unit);
        end = unit_end;
      } else if (currency.empty() && !has_scale && num->plain_digits &&
                 num->end == j + 1 && tokens_[j].text.size() == 4 &&
                 q.value >= kYearMin && q.value <= kYearMax) {
        q.kind = QuantityKind::kYear;
      }
    }
    q.first_token = i;
    q.last_token = end - 1;
    q.span = {tokens_[i].span.begin, tokens_[end - 1].span.end};
    q.text = std::string(
        text_.substr(q.span.begin - base_, q.span.end - q.span.begin));
    *next = end;
    return q;
  }

  std::string_view text_;
  const std::vector<Token>& tokens_;
  uint32_t base_;
};

const Unit* FindUnitByName(std::string_view unit) {
  return Find(kUnits, [&](const Unit& u) { return u.unit == unit; });
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
    case QuantityKind::kDuration:
    case QuantityKind::kMeasure:
      if (const Unit* u = FindUnitByName(q.unit); u != nullptr) {
        return {std::string(u->family), u->factor};
      }
      return {q.unit, 1};
    default:
      return {q.unit, 1};
  }
}

}  // namespace

std::vector<Quantity> ExtractQuantities(std::string_view text,
                                        const std::vector<Token>& tokens,
                                        uint32_t base_offset) {
  return Scanner(text, tokens, base_offset).Run();
}

std::string FormatQuantity(const Quantity& q) {
  switch (q.kind) {
    case QuantityKind::kPercent:
      return PlainNumber(q.value) + "%";
    case QuantityKind::kMoney: {
      const CurrencySymbol* s = Find(
          kCurrencySymbols, [&](const auto& c) { return c.code == q.unit; });
      if (s != nullptr) return std::string(s->symbol) + ReadableNumber(q.value);
      return q.unit + " " + ReadableNumber(q.value);
    }
    case QuantityKind::kDuration:
      return PlainNumber(q.value) + " " +
             (q.value == 1          ? q.unit
              : q.unit == "century" ? std::string("centuries")
                                    : q.unit + "s");
    case QuantityKind::kMeasure:
      return PlainNumber(q.value) + " " + q.unit;
    case QuantityKind::kYear:
      return PlainNumber(q.value);
    case QuantityKind::kOrdinal:
      return PlainNumber(q.value) + OrdinalSuffix(std::lround(q.value));
    case QuantityKind::kCount:
      break;
  }
  return ReadableNumber(q.value);
}

bool SameQuantity(const Quantity& a, const Quantity& b) {
  if (a.kind != b.kind) return false;
  const auto [family_a, factor_a] = Family(a);
  const auto [family_b, factor_b] = Family(b);
  if (family_a != family_b) return false;
  const double va = a.value * factor_a;
  const double vb = b.value * factor_b;
  const double scale = std::max(std::fabs(va), std::fabs(vb));
  return std::fabs(va - vb) <= 1e-6 * scale;
}

}  // namespace factcheck::text
