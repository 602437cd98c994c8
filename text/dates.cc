#include "text/dates.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/time/civil_time.h"
#include "text/quantities.h"
#include "text/table_lookup.h"

namespace factcheck::text {
namespace {

// ---------------------------------------------------------------------------
// Tables. Matching is on Token::norm (lower-cased).

struct NamedNumber {
  std::string_view word;
  int value;
  bool abbreviation;  // may take a trailing "." ("Aug.")
};

constexpr NamedNumber kMonths[] = {
    {"january", 1, false},  {"february", 2, false},  {"march", 3, false},
    {"april", 4, false},    {"may", 5, false},       {"june", 6, false},
    {"july", 7, false},     {"august", 8, false},    {"september", 9, false},
    {"october", 10, false}, {"november", 11, false}, {"december", 12, false},
    {"jan", 1, true},       {"feb", 2, true},        {"mar", 3, true},
    {"apr", 4, true},       {"jun", 6, true},        {"jul", 7, true},
    {"aug", 8, true},       {"sep", 9, true},        {"sept", 9, true},
    {"oct", 10, true},      {"nov", 11, true},       {"dec", 12, true}};

// absl::Weekday order: Monday is 0.
constexpr std::string_view kWeekdays[] = {"monday",   "tuesday", "wednesday",
                                          "thursday", "friday",  "saturday",
                                          "sunday"};

// Words before a bare month name that make it a date ("in March"); "May"
// and "March" are also a verb and a name.
constexpr std::string_view kMonthCues[] = {
    "in",    "since", "until", "till", "by", "from",    "during",  "before",
    "after", "early", "late",  "mid",  "of", "through", "between", "and"};

enum class Shift { kLast, kThis, kNext };

struct ShiftWord {
  std::string_view word;
  Shift shift;
};

constexpr ShiftWord kShiftWords[] = {
    {"last", Shift::kLast}, {"this", Shift::kThis}, {"next", Shift::kNext}};

// Days from the reference day.
struct DayWord {
  std::string_view word;
  int offset;
};

constexpr DayWord kDayWords[] = {
    {"yesterday", -1}, {"today", 0}, {"tomorrow", 1}};

// Units of "N <unit> ago", in months or days.
struct AgoUnit {
  std::string_view unit;  // Quantity::unit
  int months;             // months per unit; 0 for day-based units
  int days;               // days per unit
};

constexpr AgoUnit kAgoUnits[] = {{"day", 0, 1},      {"week", 0, 7},
                                 {"month", 1, 0},    {"year", 12, 0},
                                 {"decade", 120, 0}, {"century", 1200, 0}};

// Plural and singular nouns of those units, for "a week ago".
struct UnitWord {
  std::string_view word;
  std::string_view unit;
};

constexpr UnitWord kUnitWords[] = {
    {"day", "day"},        {"days", "day"},        {"week", "week"},
    {"weeks", "week"},     {"month", "month"},     {"months", "month"},
    {"year", "year"},      {"years", "year"},      {"decade", "decade"},
    {"decades", "decade"}, {"century", "century"}, {"centuries", "century"}};

using internal::Find;
using internal::kYearMax;
using internal::kYearMin;

// ---------------------------------------------------------------------------

template <size_t N>
bool In(const std::string_view (&table)[N], std::string_view w) {
  return std::find(table, table + N, w) != table + N;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

int ToInt(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

bool IsDash(std::string_view norm) { return norm == "-" || norm == "\u2013"; }

// Days in `month` of `year`; a year of 0 (unknown) allows February 29.
int DaysInMonth(int year, int month) {
  const absl::CivilDay last =
      absl::CivilDay(absl::CivilMonth(year == 0 ? 2000 : year, month) + 1) - 1;
  return last.day();
}

// A date found in the tokens, before resolution.
struct Found {
  size_t first = 0;
  size_t end = 0;  // one past the last token
  DateGranularity granularity = DateGranularity::kDay;
  // Known calendar fields; year 0 takes the reference's year.
  int year = 0;
  int month = 0;
  int day = 0;
  int year_end = 0;  // a year range's last year
  // Resolution against the reference day, for relative mentions.
  enum class Rule {
    kAbsolute,      // fields as written (year 0: the reference's year)
    kDayOffset,     // reference + offset days
    kMonthOffset,   // reference month + offset months
    kYearOffset,    // reference year + offset years
    kWeekday,       // a weekday (field `day`: absl weekday) with `shift`
    kMonthOfShift,  // month `month` of last/this/next year of it
  } rule = Rule::kAbsolute;
  int offset = 0;
  Shift shift = Shift::kThis;
};

class DateScanner {
 public:
  DateScanner(std::string_view text, const std::vector<Token>& tokens,
              const std::vector<Quantity>& quantities, uint32_t base_offset,
              std::optional<absl::Time> reference)
      : text_(text),
        tokens_(tokens),
        base_(base_offset),
        quantities_(quantities),
        quantity_at_(tokens.size(), -1) {
    if (reference.has_value()) {
      ref_ = absl::ToCivilDay(*reference, absl::UTCTimeZone());
    }
    for (size_t q = 0; q < quantities_.size(); ++q) {
      if (quantities_[q].first_token < quantity_at_.size()) {
        quantity_at_[quantities_[q].first_token] = static_cast<int>(q);
      }
    }
  }

  std::vector<DateMention> Run() {
    std::vector<DateMention> out;
    size_t i = 0;
    while (i < Size()) {
      std::optional<Found> f = MatchAt(i);
      if (!f.has_value()) {
        ++i;
        continue;
      }
      out.push_back(Resolve(*f));
      i = f->end;
    }
    return out;
  }

 private:
  size_t Size() const { return tokens_.size(); }
  const std::string& Norm(size_t i) const { return tokens_[i].norm; }
  bool NormIs(size_t i, std::string_view w) const {
    return i < Size() && tokens_[i].norm == w;
  }
  bool AdjacentAt(size_t i) const {
    return i + 1 < Size() && tokens_[i].span.end == tokens_[i + 1].span.begin;
  }

  // Whether a date can start at token i; most words are skipped here.
  bool CanStart(size_t i) const {
    const Token& t = tokens_[i];
    if (t.kind == TokenKind::kNumber || t.is_capitalized ||
        quantity_at_[i] >= 0 || NormIs(i + 2, "ago") ||
        t.norm.find('-') != std::string::npos ||
        (!t.norm.empty() && t.norm[0] >= '0' && t.norm[0] <= '9')) {
      return true;
    }
    return Find(kDayWords,
                [&](const DayWord& d) { return d.word == t.norm; }) !=
               nullptr ||
           Find(kShiftWords, [&](const ShiftWord& w) {
             return w.word == t.norm;
           }) != nullptr;
  }

  std::optional<Found> MatchAt(size_t i) const {
    if (!CanStart(i)) return std::nullopt;
    if (auto f = MatchDayWord(i)) return f;
    if (auto f = MatchShifted(i)) return f;
    if (auto f = MatchDayFirst(i)) return f;
    if (auto f = MatchMonthFirst(i)) return f;
    if (auto f = MatchWeekday(i, i, Shift::kThis)) return f;
    if (auto f = MatchDecade(i)) return f;
    if (auto f = MatchAgo(i)) return f;
    return MatchYear(i);
  }

  // A capitalised month name at i ("August", "Aug.", "mid-March"): its
  // number; *end is one past it (and past an abbreviation's period).
  // *prefixed is set for "mid-March", "early-May", which need no cue.
  std::optional<int> MonthAt(size_t i, size_t* end,
                             bool* prefixed = nullptr) const {
    if (i >= Size()) return std::nullopt;
    std::string_view word = Norm(i);
    bool has_prefix = false;
    for (std::string_view p : {"mid-", "early-", "late-"}) {
      const std::string_view surface = tokens_[i].text;
      if (word.starts_with(p) && surface.size() > p.size() &&
          surface[p.size()] >= 'A' && surface[p.size()] <= 'Z') {
        word.remove_prefix(p.size());
        has_prefix = true;
      }
    }
    if (!has_prefix && !tokens_[i].is_capitalized) return std::nullopt;
    const NamedNumber* m =
        Find(kMonths, [&](const NamedNumber& n) { return n.word == word; });
    if (m == nullptr || (has_prefix && m->abbreviation)) return std::nullopt;
    *end = i + 1;
    if (m->abbreviation && NormIs(i + 1, ".") && AdjacentAt(i)) *end = i + 2;
    if (prefixed != nullptr) *prefixed = has_prefix;
    return m->value;
  }

  // A day of the month at i: "31", "31st".
  std::optional<int> DayAt(size_t i) const {
    if (i >= Size()) return std::nullopt;
    std::string_view s = Norm(i);
    if (tokens_[i].kind == TokenKind::kWord && s.size() >= 3) {
      const std::string_view suffix = s.substr(s.size() - 2);
      if (suffix == "st" || suffix == "nd" || suffix == "rd" ||
          suffix == "th") {
        s.remove_suffix(2);
      }
    }
    if (!AllDigits(s) || s.size() > 2) return std::nullopt;
    const int d = ToInt(s);
    if (d < 1 || d > 31) return std::nullopt;
    return d;
  }

  // A 4-digit year at i (after a month or day: no further cue needed).
  std::optional<int> YearAt(size_t i) const {
    if (i >= Size() || tokens_[i].kind != TokenKind::kNumber ||
        tokens_[i].text.size() != 4 || !AllDigits(tokens_[i].text)) {
      return std::nullopt;
    }
    const int y = ToInt(tokens_[i].text);
    if (y < kYearMin || y > kYearMax) return std::nullopt;
    return y;
  }

  // An optional ", 2025" or " 2025" after a day and month.
  size_t OptionalYear(size_t j, Found* f) const {
    const size_t k = NormIs(j, ",") ? j + 1 : j;
    if (std::optional<int> y = YearAt(k)) {
      f->year = *y;
      return k + 1;
    }
    return j;
  }

  static bool ValidDay(const Found& f) {
    return f.day <= DaysInMonth(f.year, f.month);
  }

  // "yesterday", "today", "tomorrow".
  std::optional<Found> MatchDayWord(size_t i) const {
    const DayWord* w =
        Find(kDayWords, [&](const DayWord& d) { return d.word == Norm(i); });
    if (w == nullptr) return std::nullopt;
    Found f{i, i + 1, DateGranularity::kDay};
    f.rule = Found::Rule::kDayOffset;
    f.offset = w->offset;
    return f;
  }

  // "last year", "next month", "this year", "last March", "next Tuesday".
  std::optional<Found> MatchShifted(size_t i) const {
    const ShiftWord* s = Find(
        kShiftWords, [&](const ShiftWord& w) { return w.word == Norm(i); });
    // "over the last year" is a duration, not last year.
    if (s == nullptr || i + 1 >= Size() || (i > 0 && Norm(i - 1) == "the")) {
      return std::nullopt;
    }
    const int sign = s->shift == Shift::kLast   ? -1
                     : s->shift == Shift::kNext ? 1
                                                : 0;
    Found f{i, i + 2};
    if (Norm(i + 1) == "year") {
      f.granularity = DateGranularity::kYear;
      f.rule = Found::Rule::kYearOffset;
      f.offset = sign;
      return f;
    }
    if (Norm(i + 1) == "month") {
      f.granularity = DateGranularity::kMonth;
      f.rule = Found::Rule::kMonthOffset;
      f.offset = sign;
      return f;
    }
    size_t end = 0;
    if (std::optional<int> month = MonthAt(i + 1, &end)) {
      f.end = end;
      f.granularity = DateGranularity::kMonth;
      f.month = *month;
      f.rule = Found::Rule::kMonthOfShift;
      f.shift = s->shift;
      return f;
    }
    return MatchWeekday(i + 1, i, s->shift);
  }

  // A capitalised weekday at i; the mention starts at `first`.
  std::optional<Found> MatchWeekday(size_t i, size_t first, Shift shift) const {
    if (i >= Size() || !tokens_[i].is_capitalized) return std::nullopt;
    const std::string_view* w =
        std::find(std::begin(kWeekdays), std::end(kWeekdays), Norm(i));
    if (w == std::end(kWeekdays)) return std::nullopt;
    Found f{first, i + 1, DateGranularity::kDay};
    f.rule = Found::Rule::kWeekday;
    f.day = static_cast<int>(w - std::begin(kWeekdays));
    f.shift = shift;
    return f;
  }

  // "31 August 2025", "31st of Aug.", "31 August".
  std::optional<Found> MatchDayFirst(size_t i) const {
    std::optional<int> day = DayAt(i);
    if (!day) return std::nullopt;
    size_t j = NormIs(i + 1, "of") ? i + 2 : i + 1;
    size_t end = 0;
    std::optional<int> month = MonthAt(j, &end);
    if (!month) return std::nullopt;
    Found f{i, end, DateGranularity::kDay};
    f.day = *day;
    f.month = *month;
    f.end = OptionalYear(end, &f);
    if (!ValidDay(f)) return std::nullopt;
    return f;
  }

  // "August 31, 2025", "Aug. 31", "August 2025", "in March".
  std::optional<Found> MatchMonthFirst(size_t i) const {
    size_t end = 0;
    bool prefixed = false;
    std::optional<int> month = MonthAt(i, &end, &prefixed);
    if (!month) return std::nullopt;
    Found f{i, end, DateGranularity::kMonth};
    f.month = *month;
    if (prefixed) return f;
    if (std::optional<int> day = DayAt(end)) {
      f.granularity = DateGranularity::kDay;
      f.day = *day;
      f.end = OptionalYear(end + 1, &f);
      if (ValidDay(f)) return f;
      return std::nullopt;
    }
    if (std::optional<int> y = YearAt(NormIs(end, ",") ? end + 1 : end)) {
      f.year = *y;
      f.end = NormIs(end, ",") ? end + 2 : end + 1;
      return f;
    }
    // A bare month name needs a cue: "in March", "mid-March".
    size_t cue = i;
    if (cue > 0 && IsDash(Norm(cue - 1)) && AdjacentAt(cue - 1)) --cue;
    if (cue == 0 || !In(kMonthCues, Norm(cue - 1))) return std::nullopt;
    return f;
  }

  // "the 1990s", "the 1980's": a decade.
  std::optional<Found> MatchDecade(size_t i) const {
    std::string_view digits = tokens_[i].text;
    size_t end = i + 1;
    if (tokens_[i].kind == TokenKind::kWord && digits.size() == 5 &&
        digits.back() == 's') {
      digits.remove_suffix(1);
    } else if (tokens_[i].kind == TokenKind::kNumber && NormIs(i + 1, "'") &&
               NormIs(i + 2, "s") && AdjacentAt(i) && AdjacentAt(i + 1)) {
      end = i + 3;
    } else {
      return std::nullopt;
    }
    if (digits.size() != 4 || !AllDigits(digits)) return std::nullopt;
    const int y = ToInt(digits);
    if (y % 10 != 0 || y < kYearMin || y >= kYearMax) return std::nullopt;
    Found f{i, end, DateGranularity::kDecade};
    f.year = y;
    return f;
  }

  // "three years ago", "a week ago", "two decades ago".
  std::optional<Found> MatchAgo(size_t i) const {
    double count = 0;
    std::string_view unit;
    size_t end = 0;
    if (const int q = quantity_at_[i]; q >= 0) {
      const Quantity& quantity = quantities_[q];
      if (quantity.kind != QuantityKind::kDuration || quantity.upper) {
        return std::nullopt;
      }
      count = quantity.value;
      unit = quantity.unit;
      end = quantity.last_token + 1;
    } else if (std::optional<double> n = SingleTokenNumber(tokens_[i]);
               n && i + 1 < Size()) {
      const UnitWord* u = Find(
          kUnitWords, [&](const UnitWord& w) { return w.word == Norm(i + 1); });
      if (u == nullptr) return std::nullopt;
      count = *n;
      unit = u->unit;
      end = i + 2;
    } else {
      return std::nullopt;
    }
    if (!NormIs(end, "ago")) return std::nullopt;
    const AgoUnit* u =
        Find(kAgoUnits, [&](const AgoUnit& a) { return a.unit == unit; });
    if (u == nullptr) return std::nullopt;
    // Whole months or days only ("half a century" is 600 months).
    const double amount = count * (u->months > 0 ? u->months : u->days);
    if (amount != std::floor(amount) || amount > 1e6) return std::nullopt;
    Found f{i, end + 1};
    if (u->months > 0) {
      const bool whole_years = std::fmod(amount, 12) == 0;
      f.granularity =
          whole_years ? DateGranularity::kYear : DateGranularity::kMonth;
      f.rule =
          whole_years ? Found::Rule::kYearOffset : Found::Rule::kMonthOffset;
      f.offset = -static_cast<int>(whole_years ? amount / 12 : amount);
    } else {
      f.granularity = DateGranularity::kDay;
      f.rule = Found::Rule::kDayOffset;
      f.offset = -static_cast<int>(amount);
    }
    return f;
  }

  // A year quantity: "2020", "2019-20".
  std::optional<Found> MatchYear(size_t i) const {
    const int q = quantity_at_[i];
    if (q < 0 || quantities_[q].kind != QuantityKind::kYear) {
      return std::nullopt;
    }
    const Quantity& quantity = quantities_[q];
    Found f{i, quantity.last_token + 1, DateGranularity::kYear};
    f.year = static_cast<int>(quantity.value);
    if (quantity.upper) f.year_end = static_cast<int>(*quantity.upper);
    return f;
  }

  // Resolves `f` against the reference day into a mention.
  DateMention Resolve(const Found& f) const {
    DateMention m;
    m.first_token = f.first;
    m.last_token = f.end - 1;
    m.span = {tokens_[f.first].span.begin, tokens_[f.end - 1].span.end};
    m.text = std::string(
        text_.substr(m.span.begin - base_, m.span.end - m.span.begin));
    m.granularity = f.granularity;
    m.year = f.year;
    m.month = f.month;
    m.day = f.rule == Found::Rule::kWeekday ? 0 : f.day;
    m.relative = f.rule != Found::Rule::kAbsolute || f.year == 0;
    if (m.relative && !ref_.has_value()) return m;
    switch (f.rule) {
      case Found::Rule::kAbsolute:
        if (f.year == 0) m.year = NearestYear(f);
        // "Feb. 29" in a year without one.
        if (m.day > DaysInMonth(m.year, m.month)) return m;
        break;
      case Found::Rule::kDayOffset:
        SetDay(*ref_ + f.offset, &m);
        break;
      case Found::Rule::kMonthOffset: {
        const absl::CivilMonth month = absl::CivilMonth(*ref_) + f.offset;
        m.year = static_cast<int>(month.year());
        m.month = month.month();
        break;
      }
      case Found::Rule::kYearOffset:
        m.year = static_cast<int>(ref_->year()) + f.offset;
        break;
      case Found::Rule::kWeekday: {
        const int today = static_cast<int>(absl::GetWeekday(*ref_));
        int delta = 0;
        if (f.shift == Shift::kNext) {
          delta = (f.day - today + 7) % 7;
          if (delta == 0) delta = 7;
        } else {
          delta = -((today - f.day + 7) % 7);
          if (delta == 0 && f.shift == Shift::kLast) delta = -7;
        }
        SetDay(*ref_ + delta, &m);
        break;
      }
      case Found::Rule::kMonthOfShift: {
        m.year = static_cast<int>(ref_->year());
        if (f.shift == Shift::kLast && f.month >= ref_->month()) --m.year;
        if (f.shift == Shift::kNext && f.month <= ref_->month()) ++m.year;
        break;
      }
    }
    m.normalized = Format(m, f.year_end);
    return m;
  }

  // The year that puts a month or day written without one nearest to the
  // reference ("December" in a March article is last December); a tie goes
  // to the past.
  int NearestYear(const Found& f) const {
    const int year = static_cast<int>(ref_->year());
    int best = year;
    int64_t best_distance = -1;
    for (int y : {year - 1, year, year + 1}) {
      int64_t distance = 0;
      if (f.granularity == DateGranularity::kDay) {
        const int day = std::min(f.day, DaysInMonth(y, f.month));
        distance = absl::CivilDay(y, f.month, day) - *ref_;
      } else {
        distance = absl::CivilMonth(y, f.month) - absl::CivilMonth(*ref_);
      }
      distance = distance < 0 ? -distance : distance;
      if (best_distance < 0 || distance < best_distance) {
        best = y;
        best_distance = distance;
      }
    }
    return best;
  }

  static void SetDay(absl::CivilDay day, DateMention* m) {
    m->year = static_cast<int>(day.year());
    m->month = day.month();
    m->day = day.day();
  }

  static std::string Format(const DateMention& m, int year_end) {
    char buf[32];
    switch (m.granularity) {
      case DateGranularity::kDay:
        std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", m.year, m.month,
                      m.day);
        break;
      case DateGranularity::kMonth:
        std::snprintf(buf, sizeof(buf), "%04d-%02d", m.year, m.month);
        break;
      case DateGranularity::kYear:
        if (year_end != 0) {
          std::snprintf(buf, sizeof(buf), "%04d/%04d", m.year, year_end);
        } else {
          std::snprintf(buf, sizeof(buf), "%04d", m.year);
        }
        break;
      case DateGranularity::kDecade:
        std::snprintf(buf, sizeof(buf), "%03dX", m.year / 10);
        break;
    }
    return buf;
  }

  std::string_view text_;
  const std::vector<Token>& tokens_;
  uint32_t base_;
  const std::vector<Quantity>& quantities_;
  std::optional<absl::CivilDay> ref_;
  // Per token: index into quantities_ of the quantity starting there, or -1.
  std::vector<int> quantity_at_;
};

}  // namespace

std::vector<DateMention> ExtractDates(std::string_view text,
                                      const std::vector<Token>& tokens,
                                      const std::vector<Quantity>& quantities,
                                      uint32_t base_offset,
                                      std::optional<absl::Time> reference) {
  return DateScanner(text, tokens, quantities, base_offset, reference).Run();
}

std::vector<DateMention> ExtractDates(std::string_view text,
                                      const std::vector<Token>& tokens,
                                      uint32_t base_offset,
                                      std::optional<absl::Time> reference) {
  return ExtractDates(text, tokens,
                      ExtractQuantities(text, tokens, base_offset), base_offset,
                      reference);
}

void DropDayNumbers(const std::vector<DateMention>& dates,
                    std::vector<Quantity>* quantities) {
  std::erase_if(*quantities, [&](const Quantity& q) {
    return q.kind == QuantityKind::kCount &&
           std::any_of(dates.begin(), dates.end(), [&](const DateMention& d) {
             return d.span.begin <= q.span.begin && q.span.end <= d.span.end;
           });
  });
}

}  // namespace factcheck::text
