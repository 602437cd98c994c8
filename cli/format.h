#ifndef FACTCHECK_CLI_FORMAT_H_
#define FACTCHECK_CLI_FORMAT_H_

// Readable (and JSON) renderings of the service responses for the
// `factcheck` CLI. Pure functions: no I/O, thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "factcheck/v1/admin_service.pb.h"
#include "factcheck/v1/claims_service.pb.h"
#include "factcheck/v1/verifier_service.pb.h"
#include "google/protobuf/message.h"

namespace factcheck::cli {

// "SUPPORTED" for VERDICT_SUPPORTED, and so on.
std::string VerdictWord(v1::Verdict verdict);

// A statement id for display: a long article id is cut to its first 8
// characters plus "…" ("a1b2c3d4…:000003"); short ids are unchanged.
std::string ShortStatementId(absl::string_view statement_id);

// Who a statement is attributed to, for display: "narrator", or the
// speaker's name with the kind ("Xi Jinping, quote").
std::string SpeakerLabel(const v1::Statement& statement);

// How evidence sentences show the words that disagree with the claim.
enum class Highlight {
  // "[[50%]]" around mismatched words; aligned words are not marked.
  kBrackets,
  // ANSI bold red for mismatched words, underline for aligned words.
  kAnsi,
};

// kAnsi only for a terminal: stdout is a TTY, NO_COLOR is not set (any
// value, even empty, opts out) and TERM is not "dumb". The environment
// values are nullptr when unset.
Highlight ChooseHighlight(bool stdout_is_tty, const char* no_color,
                          const char* term);

// A byte range [begin, end) of a statement's text.
struct TextRange {
  size_t begin = 0;
  size_t end = 0;
};

// `span` (absolute in the article body, or the evidence text) as a range of
// a statement's `text` whose first byte sits at `base` (the statement's
// span.begin; 0 when its span is empty). Widened to whole UTF-8 sequences.
// nullopt when the span is empty or not inside the text.
std::optional<TextRange> SpanInStatement(const v1::Span& span, uint32_t base,
                                         absl::string_view text);

// `text` with `mismatched` ranges marked (overlapping ones as one) and, in
// kAnsi, `aligned` ranges underlined. Ranges past the text are clipped to
// it; marks never split a UTF-8 sequence when the ranges do not.
std::string MarkRanges(absl::string_view text,
                       const std::vector<TextRange>& mismatched,
                       const std::vector<TextRange>& aligned,
                       Highlight highlight);

// The verdict, the mismatches, the evidence (quoted, cut to 240 bytes but
// never before a mismatched word, the words that disagree marked per
// `highlight`, then one line per mismatch of that statement: kind, claim
// value vs evidence value), the subclaims and the explanation, one item per
// line; ends with "\n".
std::string FormatVerifyResponse(const v1::VerifyResponse& response,
                                 Highlight highlight = Highlight::kBrackets);

std::string FormatIngestResponse(const v1::IngestArticleResponse& response);
// Metadata lines, then (when `with_body`) a blank line and the body.
std::string FormatArticle(const v1::Article& article, bool with_body);
// One line per article, then a "next page" hint when there is one.
std::string FormatArticleList(const v1::ListArticlesResponse& response);
std::string FormatStatement(const v1::Statement& statement);
std::string FormatStatementList(const v1::ListStatementsResponse& response);
std::string FormatSearchResponse(const v1::SearchStatementsResponse& response);
// `admin checkpoint`: name, path, sequence number, counts, size (bytes,
// and from 1 KiB on a binary-prefixed figure) and creation time, one per
// line.
std::string FormatCheckpoint(const v1::Checkpoint& checkpoint);

// The message in protobuf's JSON mapping (field names as in the proto),
// pretty-printed, ending with "\n". INTERNAL if conversion fails.
absl::StatusOr<std::string> ToJson(const google::protobuf::Message& message);

// "error: NOT_FOUND: article x is not stored" (no newline).
std::string FormatError(const absl::Status& status);

}  // namespace factcheck::cli

#endif  // FACTCHECK_CLI_FORMAT_H_
