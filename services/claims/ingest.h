#ifndef FACTCHECK_SERVICES_CLAIMS_INGEST_H_
#define FACTCHECK_SERVICES_CLAIMS_INGEST_H_

// The ingest pipeline: from a normalised article body to statements with
// their index entries. Pure functions over the text layer; no I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "factcheck/v1/article.pb.h"
#include "storage/statement_store.h"

namespace factcheck::claims {

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// Splits `body` (already NormalizeBody'd) into sentences and analyses each
// into a statement (text, span, paragraph, heading flag, attribution with
// speakers canonical within the article, mentions, quantities, dates,
// check-worthiness) with its BM25 terms and speaker keys. Relative dates
// ("last year") are resolved against `published_at`; without it they are
// left out. Statement ids are left for the store to assign. Thread-safe.
std::vector<storage::IndexedStatement> AnalyzeBody(
    std::string_view body,
    std::optional<absl::Time> published_at = std::nullopt);

// Normalises `raw` (NormalizeBody) and analyses it as an article body: the
// statements inline evidence is checked against, without ids; their spans
// index into the normalised text (identical for NFC input). Fails as
// NormalizeBody does (invalid UTF-8). Thread-safe.
absl::StatusOr<std::vector<v1::Statement>> AnalyzeRawText(std::string_view raw);

// Analyses a hand-entered statement (not part of any body: its span stays
// empty; mention, quantity and date spans index into `text`). Keeps the
// caller's attribution; unset kind becomes NARRATOR.
storage::IndexedStatement AnalyzeStandaloneStatement(
    std::string_view text, const v1::Attribution& attribution);

// Lower-case keys under which a statement with this attribution is listed by
// speaker: the full canonical name and each of its words ("narendra modi",
// "narendra", "modi"). Empty for the narrator.
std::vector<std::string> SpeakerKeys(const v1::Attribution& attribution);

// The key a ListStatements(speaker=...) query looks up.
std::string SpeakerQueryKey(std::string_view speaker);

}  // namespace factcheck::claims

#endif  // FACTCHECK_SERVICES_CLAIMS_INGEST_H_
