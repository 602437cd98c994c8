#include "bench/analysis/sourced_scoring.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/string_view.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace factcheck::analysis_eval {
namespace {

namespace pb = google::protobuf;

const pb::Value* Field(const pb::Struct& s, const std::string& name) {
  auto it = s.fields().find(name);
  return it == s.fields().end() ? nullptr : &it->second;
}

absl::Status Invalid(std::string_view where, std::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("gold: ", AsAbsl(where), ": ", AsAbsl(what)));
}

absl::StatusOr<std::string> StringAt(const pb::Struct& s,
                                     const std::string& name,
                                     std::string_view where) {
  const pb::Value* v = Field(s, name);
  if (v == nullptr || !v->has_string_value()) {
    return Invalid(where, absl::StrCat("\"", name, "\" must be a string"));
  }
  return v->string_value();
}

absl::StatusOr<double> NumberAt(const pb::Struct& s, const std::string& name,
                                std::string_view where) {
  const pb::Value* v = Field(s, name);
  if (v == nullptr || !v->has_number_value()) {
    return Invalid(where, absl::StrCat("\"", name, "\" must be a number"));
  }
  return v->number_value();
}

// The struct elements of list field `name`; an absent field is empty.
absl::StatusOr<std::vector<const pb::Struct*>> StructsAt(
    const pb::Struct& s, const std::string& name, std::string_view where) {
  std::vector<const pb::Struct*> out;
  const pb::Value* v = Field(s, name);
  if (v == nullptr) return out;
  if (!v->has_list_value()) {
    return Invalid(where, absl::StrCat("\"", name, "\" must be a list"));
  }
  for (const pb::Value& e : v->list_value().values()) {
    if (!e.has_struct_value()) {
      return Invalid(where, absl::StrCat("\"", name, "\" holds a non-object"));
    }
    out.push_back(&e.struct_value());
  }
  return out;
}

absl::StatusOr<v1::AttributionKind> ParseKind(const std::string& name,
                                              std::string_view where) {
  for (v1::AttributionKind k :
       {v1::ATTRIBUTION_KIND_NARRATOR, v1::ATTRIBUTION_KIND_DIRECT_QUOTE,
        v1::ATTRIBUTION_KIND_INDIRECT, v1::ATTRIBUTION_KIND_ACCORDING_TO}) {
    // Gold files use the short names ("DIRECT_QUOTE").
    if (name == v1::AttributionKind_Name(k).substr(17)) return k;
  }
  return Invalid(where, absl::StrCat("unknown kind \"", name, "\""));
}

absl::StatusOr<GoldSentence> ParseSentence(const pb::Struct& s,
                                           std::string_view where) {
  GoldSentence out;
  absl::StatusOr<double> begin = NumberAt(s, "begin", where);
  if (!begin.ok()) return begin.status();
  absl::StatusOr<double> end = NumberAt(s, "end", where);
  if (!end.ok()) return end.status();
  if (*begin < 0 || *end <= *begin || *end > 4294967295.0) {
    return Invalid(where, "needs 0 <= begin < end");
  }
  out.begin = static_cast<uint32_t>(*begin);
  out.end = static_cast<uint32_t>(*end);
  absl::StatusOr<std::string> prefix = StringAt(s, "prefix", where);
  if (!prefix.ok()) return prefix.status();
  out.prefix = *std::move(prefix);
  absl::StatusOr<std::string> kind = StringAt(s, "kind", where);
  if (!kind.ok()) return kind.status();
  absl::StatusOr<v1::AttributionKind> k = ParseKind(*kind, where);
  if (!k.ok()) return k.status();
  out.kind = *k;
  if (const pb::Value* v = Field(s, "speaker");
      v != nullptr && v->has_string_value()) {
    out.speaker = v->string_value();
  }
  if ((out.kind == v1::ATTRIBUTION_KIND_NARRATOR) != out.speaker.empty()) {
    return Invalid(where, "a speaker is required except on NARRATOR");
  }
  absl::StatusOr<std::vector<const pb::Struct*>> qs =
      StructsAt(s, "quantities", where);
  if (!qs.ok()) return qs.status();
  for (const pb::Struct* q : *qs) {
    absl::StatusOr<double> value = NumberAt(*q, "value", where);
    if (!value.ok()) return value.status();
    absl::StatusOr<std::string> unit = StringAt(*q, "unit", where);
    if (!unit.ok()) return unit.status();
    out.quantities.push_back({*value, *std::move(unit)});
  }
  absl::StatusOr<std::vector<const pb::Struct*>> ds =
      StructsAt(s, "dates", where);
  if (!ds.ok()) return ds.status();
  for (const pb::Struct* d : *ds) {
    GoldDate date;
    if (const pb::Value* r = Field(*d, "relative");
        r != nullptr && r->has_bool_value() && r->bool_value()) {
      date.relative = true;
      if (const pb::Value* t = Field(*d, "text");
          t != nullptr && t->has_string_value()) {
        date.text = t->string_value();
      }
    } else {
      absl::StatusOr<std::string> n = StringAt(*d, "normalized", where);
      if (!n.ok()) return n.status();
      date.normalized = *std::move(n);
    }
    out.dates.push_back(std::move(date));
  }
  return out;
}

bool SameValue(double a, double b) {
  return std::fabs(a - b) <= 1e-6 * std::max(std::fabs(a), std::fabs(b));
}

// Case-insensitive: does one of `a`, `b` contain the other?
bool TextsOverlap(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return false;
  const std::string la = absl::AsciiStrToLower(AsAbsl(a));
  const std::string lb = absl::AsciiStrToLower(AsAbsl(b));
  return la.find(lb) != std::string::npos || lb.find(la) != std::string::npos;
}

uint32_t Overlap(const GoldSentence& g, const v1::Span& s) {
  const uint32_t b = std::max(g.begin, s.begin());
  const uint32_t e = std::min(g.end, s.end());
  return e > b ? e - b : 0;
}

// Where a quantity or date sits: its own span, else its statement's.
bool StartsIn(const GoldSentence& g, const v1::Span& own,
              const v1::Span& statement) {
  const uint32_t at = own.end() > own.begin() ? own.begin() : statement.begin();
  return at >= g.begin && at < g.end;
}

std::string KindName(v1::AttributionKind k) {
  if (k == v1::ATTRIBUTION_KIND_UNSPECIFIED) return "(none)";
  return v1::AttributionKind_Name(k).substr(17);
}

void ScoreQuantities(const GoldSentence& g,
                     const std::vector<const v1::Quantity*>& predicted,
                     const std::string& where, Tally* tally) {
  std::vector<bool> used(g.quantities.size(), false);
  tally->quantities.gold += static_cast<int64_t>(g.quantities.size());
  for (const v1::Quantity* q : predicted) {
    ++tally->quantities.predicted;
    bool hit = false;
    for (size_t i = 0; i < g.quantities.size() && !hit; ++i) {
      if (!used[i] && SameValue(g.quantities[i].value, q->value()) &&
          absl::EqualsIgnoreCase(g.quantities[i].unit, q->unit())) {
        used[i] = hit = true;
      }
    }
    if (hit) {
      ++tally->quantities.tp;
    } else {
      tally->errors.push_back(absl::StrFormat("%s quantity FP: \"%s\" = %g %s",
                                              where, q->text(), q->value(),
                                              q->unit()));
    }
  }
  for (size_t i = 0; i < used.size(); ++i) {
    if (!used[i]) {
      tally->errors.push_back(absl::StrFormat("%s quantity FN: %g %s", where,
                                              g.quantities[i].value,
                                              g.quantities[i].unit));
    }
  }
}

void ScoreDates(const GoldSentence& g,
                const std::vector<const v1::DateMention*>& predicted,
                const std::string& where, Tally* tally) {
  std::vector<bool> used(g.dates.size(), false);
  for (const GoldDate& d : g.dates) {
    if (!d.relative) ++tally->dates.gold;
  }
  for (const v1::DateMention* d : predicted) {
    bool hit = false;
    bool on_relative = false;
    for (size_t i = 0; i < g.dates.size() && !hit; ++i) {
      const GoldDate& gd = g.dates[i];
      if (gd.relative) {
        on_relative = on_relative || TextsOverlap(gd.text, d->text());
      } else if (!used[i] && gd.normalized == d->normalized()) {
        used[i] = hit = true;
      }
    }
    if (hit) {
      ++tally->dates.predicted;
      ++tally->dates.tp;
    } else if (!on_relative) {
      ++tally->dates.predicted;
      tally->errors.push_back(absl::StrFormat("%s date FP: \"%s\" = %s", where,
                                              d->text(), d->normalized()));
    }
  }
  for (size_t i = 0; i < used.size(); ++i) {
    if (!used[i] && !g.dates[i].relative) {
      tally->errors.push_back(
          absl::StrFormat("%s date FN: %s", where, g.dates[i].normalized));
    }
  }
}

}  // namespace

absl::StatusOr<GoldArticle> ParseGoldArticle(std::string_view json_line) {
  pb::Struct s;
  const auto status = pb::util::JsonStringToMessage(std::string(json_line), &s);
  if (!status.ok()) {
    return Invalid("line", std::string(status.message()));
  }
  GoldArticle out;
  absl::StatusOr<std::string> v = StringAt(s, "source_file", "article");
  if (!v.ok()) return v.status();
  out.source_file = *std::move(v);
  v = StringAt(s, "row_id", "article");
  if (!v.ok()) return v.status();
  out.row_id = *std::move(v);
  v = StringAt(s, "evidence_sha256", out.row_id);
  if (!v.ok()) return v.status();
  out.evidence_sha256 = *std::move(v);
  absl::StatusOr<std::vector<const pb::Struct*>> sentences =
      StructsAt(s, "sentences", out.row_id);
  if (!sentences.ok()) return sentences.status();
  for (size_t i = 0; i < sentences->size(); ++i) {
    absl::StatusOr<GoldSentence> sentence = ParseSentence(
        *(*sentences)[i], absl::StrCat(out.row_id, " sentence ", i));
    if (!sentence.ok()) return sentence.status();
    out.sentences.push_back(*std::move(sentence));
  }
  return out;
}

absl::Status CheckSpans(const GoldArticle& article, std::string_view evidence) {
  for (const GoldSentence& g : article.sentences) {
    if (g.end > evidence.size() ||
        evidence.substr(g.begin, g.end - g.begin).substr(0, g.prefix.size()) !=
            g.prefix) {
      return absl::FailedPreconditionError(absl::StrFormat(
          "gold: %s: sentence [%u,%u) does not start with \"%s\" in the "
          "evidence text",
          article.row_id, g.begin, g.end, g.prefix));
    }
  }
  return absl::OkStatus();
}

std::string NormalizeSpeaker(std::string_view name) {
  std::string cleaned;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool inner = i > 0 && i + 1 < name.size() &&
                       absl::ascii_isalpha(name[i - 1]) &&
                       absl::ascii_isalpha(name[i + 1]);
    if ((c == '\'' || c == '-') && inner) {
      cleaned.push_back(c);
    } else if (absl::ascii_ispunct(c)) {
      cleaned.push_back(' ');
    } else {
      cleaned.push_back(absl::ascii_tolower(c));
    }
  }
  std::vector<std::string> words =
      absl::StrSplit(cleaned, ' ', absl::SkipWhitespace());
  static constexpr std::string_view kDrop[] = {
      "the", "a", "an", "mr", "mrs", "ms", "miss", "dr", "prof", "sir"};
  while (!words.empty() && std::find(std::begin(kDrop), std::end(kDrop),
                                     words.front()) != std::end(kDrop)) {
    words.erase(words.begin());
  }
  return absl::StrJoin(words, " ");
}

bool SpeakerMatches(std::string_view gold, std::string_view predicted) {
  const std::string g = NormalizeSpeaker(gold);
  const std::string p = NormalizeSpeaker(predicted);
  if (g.empty() || p.empty()) return false;
  if (g == p) return true;
  return g.substr(g.rfind(' ') + 1) == p.substr(p.rfind(' ') + 1);
}

std::string PredictedSpeaker(const v1::Attribution& attribution) {
  if (attribution.kind() == v1::ATTRIBUTION_KIND_NARRATOR ||
      attribution.kind() == v1::ATTRIBUTION_KIND_UNSPECIFIED) {
    return "";
  }
  return attribution.speaker().canonical_name().empty()
             ? attribution.speaker().name()
             : attribution.speaker().canonical_name();
}

double Counts::precision() const {
  return predicted == 0 ? 0 : static_cast<double>(tp) / predicted;
}
double Counts::recall() const {
  return gold == 0 ? 0 : static_cast<double>(tp) / gold;
}
double Counts::f1() const {
  const double p = precision();
  const double r = recall();
  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}

Counts KindCounts(const Tally& tally, v1::AttributionKind kind) {
  Counts c;
  const int k = static_cast<int>(kind);
  for (int i = 0; i < 5; ++i) {
    c.gold += tally.kind_matrix[k][i];
    c.predicted += tally.kind_matrix[i][k];
  }
  c.tp = tally.kind_matrix[k][k];
  return c;
}

void ScoreArticle(const GoldArticle& article, std::string_view evidence,
                  const std::vector<v1::Statement>& statements, Tally* tally) {
  ++tally->articles;
  for (const GoldSentence& g : article.sentences) {
    ++tally->sentences;
    const std::string where = absl::StrFormat(
        "%s [%u,%u) \"%s\":", article.row_id, g.begin, g.end,
        g.end <= evidence.size()
            ? AsAbsl(evidence.substr(g.begin,
                                     std::min<uint32_t>(g.end - g.begin, 50)))
            : absl::string_view(g.prefix));
    // Kind and speaker: the statement overlapping the sentence most.
    const v1::Statement* best = nullptr;
    uint32_t best_overlap = 0;
    for (const v1::Statement& st : statements) {
      const uint32_t o = Overlap(g, st.span());
      if (o > best_overlap) {
        best_overlap = o;
        best = &st;
      }
    }
    v1::AttributionKind kind = v1::ATTRIBUTION_KIND_UNSPECIFIED;
    std::string speaker;
    if (best == nullptr) {
      ++tally->unmatched_sentences;
    } else {
      kind = best->attribution().kind();
      speaker = PredictedSpeaker(best->attribution());
    }
    if (kind < 0 || kind > 4) kind = v1::ATTRIBUTION_KIND_UNSPECIFIED;
    ++tally->kind_matrix[g.kind][kind];
    if (kind != g.kind) {
      tally->errors.push_back(absl::StrFormat(
          "%s kind %s, predicted %s", where, KindName(g.kind), KindName(kind)));
    }
    const bool right = SpeakerMatches(g.speaker, speaker);
    if (!g.speaker.empty()) ++tally->speaker.gold;
    if (!speaker.empty()) ++tally->speaker.predicted;
    if (right) ++tally->speaker.tp;
    if (right || (g.speaker.empty() && speaker.empty())) {
      ++tally->speaker_all_correct;
    } else {
      tally->errors.push_back(absl::StrFormat(
          "%s speaker \"%s\", predicted \"%s\"", where, g.speaker, speaker));
    }
    // Quantities and dates: wherever they sit inside the sentence.
    std::vector<const v1::Quantity*> quantities;
    std::vector<const v1::DateMention*> dates;
    for (const v1::Statement& st : statements) {
      for (const v1::Quantity& q : st.quantities()) {
        if (q.kind() == v1::QUANTITY_KIND_YEAR ||
            q.kind() == v1::QUANTITY_KIND_ORDINAL) {
          continue;
        }
        if (StartsIn(g, q.span(), st.span())) quantities.push_back(&q);
      }
      for (const v1::DateMention& d : st.dates()) {
        if (StartsIn(g, d.span(), st.span())) dates.push_back(&d);
      }
    }
    ScoreQuantities(g, quantities, where, tally);
    ScoreDates(g, dates, where, tally);
  }
}

std::string FormatTally(const Tally& tally) {
  std::string out = absl::StrFormat(
      "%d articles, %d gold sentences (%d overlapped by no statement)\n\n",
      tally.articles, tally.sentences, tally.unmatched_sentences);
  absl::StrAppend(&out,
                  "| field | gold | predicted | correct | precision | recall "
                  "| F1 |\n|---|---:|---:|---:|---:|---:|---:|\n");
  auto row = [&out](std::string_view name, const Counts& c) {
    absl::StrAppendFormat(&out, "| %s | %d | %d | %d | %.3f | %.3f | %.3f |\n",
                          AsAbsl(name), c.gold, c.predicted, c.tp,
                          c.precision(), c.recall(), c.f1());
  };
  row("speaker (non-narrator)", tally.speaker);
  row("quantities", tally.quantities);
  row("dates (absolute)", tally.dates);
  int64_t kind_right = 0;
  for (v1::AttributionKind k :
       {v1::ATTRIBUTION_KIND_NARRATOR, v1::ATTRIBUTION_KIND_DIRECT_QUOTE,
        v1::ATTRIBUTION_KIND_INDIRECT, v1::ATTRIBUTION_KIND_ACCORDING_TO}) {
    const Counts c = KindCounts(tally, k);
    kind_right += c.tp;
    row(absl::StrCat("kind ", KindName(k)), c);
  }
  const double n = tally.sentences == 0 ? 1 : tally.sentences;
  absl::StrAppendFormat(
      &out,
      "\nkind accuracy %.3f (%d/%d); speaker accuracy over all sentences "
      "(narrator = no speaker on both sides) %.3f (%d/%d)\n",
      kind_right / n, kind_right, tally.sentences,
      tally.speaker_all_correct / n, tally.speaker_all_correct,
      tally.sentences);
  return out;
}

}  // namespace factcheck::analysis_eval
