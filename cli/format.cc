#include "cli/format.h"

#include <cstdint>

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

// Cuts `text` to at most `max` bytes at a UTF-8 boundary, adding " ...".
std::string Cut(absl::string_view text, size_t max) {
  if (text.size() <= max) return std::string(text);
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return absl::StrCat(text.substr(0, end), " ...");
}

std::string FormatTimestamp(const google::protobuf::Timestamp& ts) {
  if (ts.seconds() == 0 && ts.nanos() == 0) return "-";
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ",
                          absl::FromUnixSeconds(ts.seconds()),
                          absl::UTCTimeZone());
}

}  // namespace

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

std::string FormatVerifyResponse(const v1::VerifyResponse& response) {
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
      text = absl::StrCat(
          EnumWord(v1::MismatchKind_Name(mismatch.kind()), "MISMATCH_KIND_"),
          ": claim says ", mismatch.claim_value(), ", evidence says ",
          mismatch.evidence_value());
    }
    absl::StrAppend(&out, "  ", text, "\n");
  }
  for (const v1::Evidence& evidence : response.evidence()) {
    const v1::Statement& statement = evidence.statement();
    std::string id = statement.id().empty() ? std::string("(evidence text)")
                                            : ShortStatementId(statement.id());
    absl::StrAppend(&out, "Evidence [",
                    EnumWord(v1::EvidenceRelation_Name(evidence.relation()),
                             "EVIDENCE_RELATION_"),
                    "] ", id, " (", SpeakerLabel(statement), "):\n");
    absl::StrAppend(&out, "  \"", Cut(statement.text(), kMaxQuoteBytes),
                    "\"\n");
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
