#ifndef FACTCHECK_CLI_FORMAT_H_
#define FACTCHECK_CLI_FORMAT_H_

// Readable (and JSON) renderings of the service responses for the
// `factcheck` CLI. Pure functions: no I/O, thread-safe.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
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

// The verdict, the mismatches, the evidence (quoted, cut to 240 bytes), the
// subclaims and the explanation, one item per line; ends with "\n".
std::string FormatVerifyResponse(const v1::VerifyResponse& response);

std::string FormatIngestResponse(const v1::IngestArticleResponse& response);
// Metadata lines, then (when `with_body`) a blank line and the body.
std::string FormatArticle(const v1::Article& article, bool with_body);
// One line per article, then a "next page" hint when there is one.
std::string FormatArticleList(const v1::ListArticlesResponse& response);
std::string FormatStatement(const v1::Statement& statement);
std::string FormatStatementList(const v1::ListStatementsResponse& response);
std::string FormatSearchResponse(const v1::SearchStatementsResponse& response);

// The message in protobuf's JSON mapping (field names as in the proto),
// pretty-printed, ending with "\n". INTERNAL if conversion fails.
absl::StatusOr<std::string> ToJson(const google::protobuf::Message& message);

// "error: NOT_FOUND: article x is not stored" (no newline).
std::string FormatError(const absl::Status& status);

}  // namespace factcheck::cli

#endif  // FACTCHECK_CLI_FORMAT_H_
