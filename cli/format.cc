#include "cli/format.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "google/protobuf/util/json_util.h"

namespace factcheck::cli {
namespace {

constexpr size_t kMaxQuoteBytes = 240;
constexpr size_t kShortIdPrefix = 8;

// Strips an enum value name's type prefix and lower-cases the rest:
// ("EVIDENCE_RELATION_", "EVIDENCE_RELATION_SUPPORTS") -> "supports".
std::string EnumWord(std::string name, absl::string_view prefix) {
  if (absl::StartsWith(name, prefix)) name.erase(0, prefix.size());
  return absl::AsciiStrToLower(name);
}

bool IsContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The largest UTF-8 boundary of `text` at or before `pos`.
size_t BoundaryAtOrBefore(absl::string_view text, size_t pos) {
  if (pos >= text.size()) return text.size();
  while (pos > 0 && IsContinuationByte(text[pos])) --pos;
  return pos;
}

// The smallest UTF-8 boundary of `text` at or after `pos`.
size_t BoundaryAtOrAfter(absl::string_view text, size_t pos) {
  while (pos < text.size() && IsContinuationByte(text[pos])) ++pos;
  return std::min(pos, text.size());
}

// ANSI SGR sequences for the evidence marks.
constexpr char kAnsiReset[] = "\x1b[0m";
constexpr char kAnsiMismatch[] = "\x1b[1;31m";  // bold red
constexpr char kAnsiAligned[] = "\x1b[4m";      // underline

// Sorted, with overlapping ranges merged (touching ones stay apart) and
// ranges clipped to `size`; empty ones dropped.
std::vector<TextRange> Normalized(std::vector<TextRange> ranges, size_t size) {
  std::vector<TextRange> out;
  std::sort(
      ranges.begin(), ranges.end(),
      [](const TextRange& a, const TextRange& b) { return a.begin < b.begin; });
  for (TextRange r : ranges) {
    r.end = std::min(r.end, size);
    if (r.begin >= r.end) continue;
    if (!out.empty() && r.begin < out.back().end) {
      out.back().end = std::max(out.back().end, r.end);
    } else {
      out.push_back(r);
    }
  }
  return out;
}

// Index of the range of sorted, disjoint `ranges` holding byte `pos`, or -1.
int RangeAt(const std::vector<TextRange>& ranges, size_t pos) {
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (pos >= ranges[i].begin && pos < ranges[i].end) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

// Where a statement's text starts in the article body (0 for hand-entered
// statements and inline evidence text, whose span is empty).
uint32_t StatementBase(const v1::Statement& statement) {
  return statement.span().end() > statement.span().begin()
             ? statement.span().begin()
             : 0;
}

// True when `mismatch` is against `statement`: by id when both have one,
// else when its evidence span lies inside the statement's text.
bool MismatchIsAgainst(const v1::Mismatch& mismatch,
                       const v1::Statement& statement) {
  if (!mismatch.statement_id().empty() && !statement.id().empty()) {
    return mismatch.statement_id() == statement.id();
  }
  return SpanInStatement(mismatch.evidence_span(), StatementBase(statement),
                         statement.text())
      .has_value();
}

std::string MismatchKindWord(v1::MismatchKind kind) {
  return EnumWord(v1::MismatchKind_Name(kind), "MISMATCH_KIND_");
}

std::string QuotedValue(absl::string_view value) {
  return value.empty() ? "(none)" : absl::StrCat("\"", value, "\"");
}

// One evidence item: its header, the quoted sentence with marks, and a line
// per mismatch against it.
void AppendEvidence(const v1::Evidence& evidence,
                    const v1::VerifyResponse& response, Highlight highlight,
                    std::string* out) {
  const v1::Statement& statement = evidence.statement();
  const std::string id = statement.id().empty()
                             ? std::string("(evidence text)")
                             : ShortStatementId(statement.id());
  absl::StrAppend(out, "Evidence [",
                  EnumWord(v1::EvidenceRelation_Name(evidence.relation()),
                           "EVIDENCE_RELATION_"),
                  "] ", id, " (", SpeakerLabel(statement), "):\n");
  const absl::string_view text = statement.text();
  const uint32_t base = StatementBase(statement);
  std::vector<TextRange> mismatched;
  std::vector<const v1::Mismatch*> against;
  for (const v1::Mismatch& mismatch : response.mismatches()) {
    if (!MismatchIsAgainst(mismatch, statement)) continue;
    against.push_back(&mismatch);
    if (std::optional<TextRange> r =
            SpanInStatement(mismatch.evidence_span(), base, text)) {
      mismatched.push_back(*r);
    }
  }
  std::vector<TextRange> aligned;
  for (const v1::AlignedSpan& alignment : evidence.alignments()) {
    if (std::optional<TextRange> r =
            SpanInStatement(alignment.evidence_span(), base, text)) {
      aligned.push_back(*r);
    }
  }
  // Cut long sentences, but never before a mismatched word.
  size_t shown = kMaxQuoteBytes;
  for (const TextRange& r : mismatched) shown = std::max(shown, r.end);
  shown = BoundaryAtOrBefore(text, shown);
  absl::StrAppend(
      out, "  \"",
      MarkRanges(text.substr(0, shown), mismatched, aligned, highlight),
      shown < text.size() ? " ..." : "", "\"\n");
  for (const v1::Mismatch* mismatch : against) {
    absl::StrAppend(out, "    ", MismatchKindWord(mismatch->kind()), ": claim ",
                    QuotedValue(mismatch->claim_value()), " vs evidence ",
                    QuotedValue(mismatch->evidence_value()), "\n");
  }
}

std::string FormatTimestamp(const google::protobuf::Timestamp& ts) {
  if (ts.seconds() == 0 && ts.nanos() == 0) return "-";
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ",
                          absl::FromUnixSeconds(ts.seconds()),
                          absl::UTCTimeZone());
}

}  // namespace

Highlight ChooseHighlight(bool stdout_is_tty, const char* no_color,
                          const char* term) {
  if (!stdout_is_tty || no_color != nullptr) return Highlight::kBrackets;
  if (term != nullptr && std::strcmp(term, "dumb") == 0) {
    return Highlight::kBrackets;
  }
  return Highlight::kAnsi;
}

std::optional<TextRange> SpanInStatement(const v1::Span& span, uint32_t base,
                                         absl::string_view text) {
  if (span.end() <= span.begin() || span.begin() < base ||
      span.end() - base > text.size()) {
    return std::nullopt;
  }
  return TextRange{BoundaryAtOrBefore(text, span.begin() - base),
                   BoundaryAtOrAfter(text, span.end() - base)};
}

std::string MarkRanges(absl::string_view text,
                       const std::vector<TextRange>& mismatched,
                       const std::vector<TextRange>& aligned,
                       Highlight highlight) {
  const std::vector<TextRange> bad = Normalized(mismatched, text.size());
  const std::vector<TextRange> good = highlight == Highlight::kAnsi
                                          ? Normalized(aligned, text.size())
                                          : std::vector<TextRange>();
  if (bad.empty() && good.empty()) return std::string(text);
  // Cut points: every range edge; between two, one style holds.
  std::vector<size_t> cuts = {0, text.size()};
  for (const auto* ranges : {&bad, &good}) {
    for (const TextRange& r : *ranges) {
      cuts.push_back(r.begin);
      cuts.push_back(r.end);
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::string out;
  int open_bad = -1;       // Range of `bad` whose mark is open.
  std::string open_style;  // ANSI style in effect.
  for (size_t i = 0; i + 1 < cuts.size(); ++i) {
    const size_t from = cuts[i];
    const int in_bad = RangeAt(bad, from);
    if (highlight == Highlight::kBrackets) {
      if (open_bad != in_bad) {
        if (open_bad >= 0) out += "]]";
        if (in_bad >= 0) out += "[[";
        open_bad = in_bad;
      }
    } else {
      std::string style;
      if (in_bad >= 0) style += kAnsiMismatch;
      if (RangeAt(good, from) >= 0) style += kAnsiAligned;
      if (style != open_style) {
        if (!open_style.empty()) out += kAnsiReset;
        out += style;
        open_style = std::move(style);
      }
    }
    absl::StrAppend(&out, text.substr(from, cuts[i + 1] - from));
  }
  if (open_bad >= 0) out += "]]";
  if (!open_style.empty()) out += kAnsiReset;
  return out;
}

std::string VerdictWord(v1::Verdict verdict) {
  return absl::AsciiStrToUpper(EnumWord(v1::Verdict_Name(verdict), "VERDICT_"));
}

std::string ShortStatementId(absl::string_view statement_id) {
  size_t colon = statement_id.rfind(':');
  absl::string_view article = colon == absl::string_view::npos
                                  ? statement_id
                                  : statement_id.substr(0, colon);
  absl::string_view rest = colon == absl::string_view::npos
                               ? absl::string_view()
                               : statement_id.substr(colon);
  if (article.size() <= kShortIdPrefix + 2) return std::string(statement_id);
  return absl::StrCat(article.substr(0, kShortIdPrefix), "…", rest);
}

std::string SpeakerLabel(const v1::Statement& statement) {
  const v1::Attribution& attribution = statement.attribution();
  if (attribution.kind() == v1::ATTRIBUTION_KIND_NARRATOR ||
      attribution.kind() == v1::ATTRIBUTION_KIND_UNSPECIFIED) {
    return "narrator";
  }
  const v1::Speaker& speaker = attribution.speaker();
  std::string name = !speaker.canonical_name().empty()
                         ? speaker.canonical_name()
                         : speaker.name();
  if (name.empty()) name = "unnamed source";
  std::string kind;
  switch (attribution.kind()) {
    case v1::ATTRIBUTION_KIND_DIRECT_QUOTE:
      kind = "quote";
      break;
    case v1::ATTRIBUTION_KIND_INDIRECT:
      kind = "reported";
      break;
    case v1::ATTRIBUTION_KIND_ACCORDING_TO:
      kind = "according to";
      break;
    default:
      return name;
  }
  return absl::StrCat(name, ", ", kind);
}

std::string FormatVerifyResponse(const v1::VerifyResponse& response,
                                 Highlight highlight) {
  std::string out;
  if (!response.error().empty()) {
    absl::StrAppend(&out, "error: ", response.error(), "\n");
    return out;
  }
  absl::StrAppendFormat(&out, "%s (confidence %.2f)\n",
                        VerdictWord(response.verdict()), response.confidence());
  for (const v1::Mismatch& mismatch : response.mismatches()) {
    std::string text = mismatch.description();
    if (text.empty()) {
      text = absl::StrCat(MismatchKindWord(mismatch.kind()), ": claim says ",
                          mismatch.claim_value(), ", evidence says ",
                          mismatch.evidence_value());
    }
    absl::StrAppend(&out, "  ", text, "\n");
  }
  for (const v1::Evidence& evidence : response.evidence()) {
    AppendEvidence(evidence, response, highlight, &out);
  }
  if (!response.subclaims().empty()) {
    absl::StrAppend(&out, "Subclaims:\n");
    for (const v1::Subclaim& subclaim : response.subclaims()) {
      absl::StrAppendFormat(&out, "  [%s %.2f] %s\n",
                            VerdictWord(subclaim.verdict()),
                            subclaim.confidence(), subclaim.text());
    }
  }
  if (!response.explanation().empty()) {
    absl::StrAppend(&out, "Explanation: ", response.explanation(), "\n");
  }
  return out;
}

std::string FormatIngestResponse(const v1::IngestArticleResponse& response) {
  return absl::StrCat(
      response.already_existed() ? "already stored: " : "ingested: ",
      response.article().id(), " (", response.statements_size(),
      " statements)\n");
}

std::string FormatArticle(const v1::Article& article, bool with_body) {
  std::string out;
  absl::StrAppend(&out, "id:         ", article.id(), "\n");
  if (!article.title().empty()) {
    absl::StrAppend(&out, "title:      ", article.title(), "\n");
  }
  if (!article.publisher().empty()) {
    absl::StrAppend(&out, "publisher:  ", article.publisher(), "\n");
  }
  if (!article.authors().empty()) {
    absl::StrAppend(
        &out, "authors:    ", absl::StrJoin(article.authors(), ", "), "\n");
  }
  if (!article.url().empty()) {
    absl::StrAppend(&out, "url:        ", article.url(), "\n");
  }
  absl::StrAppend(&out, "published:  ", FormatTimestamp(article.published_at()),
                  "\n");
  absl::StrAppend(&out, "ingested:   ", FormatTimestamp(article.ingested_at()),
                  "\n");
  absl::StrAppend(&out, "statements: ", article.statement_count(), "\n");
  if (with_body) absl::StrAppend(&out, "\n", article.body(), "\n");
  return out;
}

std::string FormatArticleList(const v1::ListArticlesResponse& response) {
  std::string out;
  for (const v1::Article& article : response.articles()) {
    absl::StrAppend(
        &out, article.id(), "  ", FormatTimestamp(article.published_at()), "  ",
        article.publisher().empty() ? "-" : article.publisher(), "  ",
        article.title().empty() ? "(untitled)" : article.title(), "  [",
        article.statement_count(), " statements]\n");
  }
  if (response.articles().empty()) out = "no articles\n";
  if (!response.next_page_token().empty()) {
    absl::StrAppend(&out, "next page: --page-token ",
                    response.next_page_token(), "\n");
  }
  return out;
}

std::string FormatStatement(const v1::Statement& statement) {
  return absl::StrCat(statement.id(), " (", SpeakerLabel(statement),
                      "): ", statement.text(), "\n");
}

std::string FormatStatementList(const v1::ListStatementsResponse& response) {
  std::string out;
  for (const v1::Statement& statement : response.statements()) {
    absl::StrAppend(&out, FormatStatement(statement));
  }
  if (response.statements().empty()) out = "no statements\n";
  if (!response.next_page_token().empty()) {
    absl::StrAppend(&out, "next page: --page-token ",
                    response.next_page_token(), "\n");
  }
  return out;
}

std::string FormatSearchResponse(const v1::SearchStatementsResponse& response) {
  std::string out;
  for (const v1::SearchHit& hit : response.hits()) {
    absl::StrAppendFormat(&out, "%6.2f  %s", hit.score(),
                          FormatStatement(hit.statement()));
  }
  if (response.hits().empty()) out = "no matches\n";
  return out;
}

std::string FormatCheckpoint(const v1::Checkpoint& checkpoint) {
  // Bytes, and from 1 KiB on the largest binary unit that keeps the figure
  // at 1 or more: "1536 bytes (1.5 KiB)".
  std::string size = absl::StrCat(checkpoint.size_bytes(), " bytes");
  double scaled = static_cast<double>(checkpoint.size_bytes());
  const char* unit = nullptr;
  for (const char* next : {"KiB", "MiB", "GiB", "TiB"}) {
    if (scaled < 1024) break;
    scaled /= 1024;
    unit = next;
  }
  if (unit != nullptr) absl::StrAppendFormat(&size, " (%.1f %s)", scaled, unit);
  return absl::StrCat(
      "checkpoint: ", checkpoint.name(), "\n",
      "path:       ", checkpoint.path(), "\n",
      "sequence:   ", checkpoint.sequence_number(), "\n",
      "articles:   ", checkpoint.article_count(), "\n",
      "statements: ", checkpoint.statement_count(), "\n", "size:       ", size,
      "\n", "created:    ", FormatTimestamp(checkpoint.created_at()), "\n");
}

absl::StatusOr<std::string> ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  auto status =
      google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    return absl::InternalError(
        absl::StrCat("cannot print as JSON: ", status.ToString()));
  }
  if (json.empty() || json.back() != '\n') json.push_back('\n');
  return json;
}

std::string FormatError(const absl::Status& status) {
  return absl::StrCat("error: ", absl::StatusCodeToString(status.code()), ": ",
                      status.message());
}

}  // namespace factcheck::cli
