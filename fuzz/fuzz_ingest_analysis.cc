// Article ingest analysis on arbitrary bytes, the way IngestArticle runs it:
// the request check (CheckText), NormalizeBody, then AnalyzeBody. Invalid
// UTF-8 must be refused by both the check and NormalizeBody (the service
// never analyses it); for valid text every statement must be a slice of the
// normalised body and every span must lie in it on code point boundaries.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "fuzz/fuzz_check.h"
#include "services/claims/ingest.h"
#include "services/validation/request_validation.h"
#include "storage/key_codec.h"
#include "text/normalize.h"

namespace factcheck::fuzz {
namespace {

// ClaimsOptions::max_article_bytes.
constexpr size_t kMaxArticleBytes = 2 << 20;

void CheckSpan(std::string_view body, const v1::Span& span) {
  FUZZ_CHECK(IsUtf8Span(body, span.begin(), span.end()));
}

void CheckStatement(std::string_view body,
                    const storage::IndexedStatement& indexed) {
  const v1::Statement& st = indexed.statement;
  CheckSpan(body, st.span());
  FUZZ_CHECK(st.span().begin() < st.span().end());  // Never empty.
  FUZZ_CHECK(st.text() == body.substr(st.span().begin(),
                                      st.span().end() - st.span().begin()));
  // Mentions, quantities and dates come from the sentence's own tokens.
  auto inside = [&](const v1::Span& span) {
    CheckSpan(body, span);
    FUZZ_CHECK(span.begin() >= st.span().begin() &&
               span.end() <= st.span().end());
  };
  for (const v1::Mention& m : st.mentions()) inside(m.span());
  for (const v1::Quantity& q : st.quantities()) inside(q.span());
  for (const v1::DateMention& d : st.dates()) inside(d.span());
  if (st.attribution().kind() != v1::ATTRIBUTION_KIND_NARRATOR) {
    CheckSpan(body, st.attribution().speaker_span());
  }
  FUZZ_CHECK(st.check_worthiness() >= 0 && st.check_worthiness() <= 1);
  // The store refuses empty or NUL-containing index keys, which would fail
  // the whole ingest.
  for (const auto& [term, tf] : indexed.term_frequencies) {
    FUZZ_CHECK(storage::IsValidIndexKey(term));
    FUZZ_CHECK(tf > 0);
  }
  for (const std::string& key : indexed.speaker_keys) {
    FUZZ_CHECK(storage::IsValidIndexKey(key));
  }
}

}  // namespace
}  // namespace factcheck::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace factcheck;  // NOLINT: brevity in a fuzz target.
  const std::string_view raw(reinterpret_cast<const char*>(data), size);

  const absl::Status checked =
      validation::CheckText("article.body", raw, fuzz::kMaxArticleBytes, true);
  const absl::StatusOr<std::string> body = text::NormalizeBody(raw);
  if (!text::IsValidUtf8(raw)) {
    // What the service does: refuse before any analysis.
    FUZZ_CHECK(text::FindInvalidUtf8(raw).has_value());
    FUZZ_CHECK(absl::IsInvalidArgument(checked));
    FUZZ_CHECK(absl::IsInvalidArgument(body.status()));
    return 0;
  }
  FUZZ_CHECK(!text::FindInvalidUtf8(raw).has_value());
  FUZZ_CHECK(body.ok());
  FUZZ_CHECK(text::IsValidUtf8(*body));
  if (!checked.ok()) return 0;  // Blank: refused as empty.

  // Relative dates resolve against publication time when there is one.
  const absl::Time published = absl::FromUnixSeconds(1714521600);  // 2024-05-01
  const std::vector<storage::IndexedStatement> statements = claims::AnalyzeBody(
      *body,
      size % 2 == 0 ? std::optional<absl::Time>(published) : std::nullopt);
  uint32_t previous_end = 0;
  uint32_t previous_paragraph = 0;
  for (const storage::IndexedStatement& st : statements) {
    fuzz::CheckStatement(*body, st);
    // In text order, not overlapping, paragraphs never going back.
    FUZZ_CHECK(st.statement.span().begin() >= previous_end);
    FUZZ_CHECK(st.statement.paragraph() >= previous_paragraph);
    previous_end = st.statement.span().end();
    previous_paragraph = st.statement.paragraph();
  }
  return 0;
}
