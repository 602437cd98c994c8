// Claim analysis on arbitrary bytes, the way Verify runs it: the request
// check first (CheckText on the claim: the service never analyses invalid
// UTF-8, blank or oversized claims), then AnalyzeClaim with WordNet (loaded
// once), SplitSubclaims, the archive query, and the inline-evidence path
// (AnalyzeRawText) on the same bytes. Every span must lie in its text on
// code point boundaries, and every index must point into its vector.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "fuzz/fuzz_check.h"
#include "services/claims/ingest.h"
#include "services/validation/request_validation.h"
#include "services/verifier/claim_analysis.h"
#include "services/verifier/verification_engine.h"
#include "text/normalize.h"

namespace factcheck::fuzz {
namespace {

// VerifierOptions::max_claim_bytes and the archive query bound VerifierCore
// uses.
constexpr size_t kMaxClaimBytes = 4 << 10;
constexpr size_t kMaxArchiveQueryBytes = 4 << 10;

struct Shared {
  std::shared_ptr<const text::WordRelations> relations;
  std::unique_ptr<verifier::VerificationEngine> engine;
};

const Shared& GetShared() {
  static const Shared* shared = [] {
    auto* s = new Shared;
    s->relations = verifier::DefaultWordRelations();
    if (s->relations == nullptr) {
      std::fprintf(stderr,
                   "fuzz_claim_analysis: WordNet is not installed "
                   "(/usr/share/wordnet, Debian wordnet-base)\n");
      std::abort();
    }
    // The model-free engine: ArchiveQuery does not use the scorer.
    s->engine = std::make_unique<verifier::VerificationEngine>();
    return s;
  }();
  return *shared;
}

void CheckClaimAnalysis(std::string_view claim,
                        const verifier::AnalyzedText& a) {
  const size_t n = a.tokens.size();
  FUZZ_CHECK(a.parts.size() == 1 && a.parts[0].text == claim);
  for (const text::Token& t : a.tokens) {
    FUZZ_CHECK(IsUtf8Span(claim, t.span.begin, t.span.end));
    FUZZ_CHECK(t.span.begin < t.span.end);
    FUZZ_CHECK(!t.text.empty());
  }
  for (const text::Quantity& q : a.quantities) {
    FUZZ_CHECK(IsUtf8Span(claim, q.span.begin, q.span.end));
    FUZZ_CHECK(q.first_token <= q.last_token && q.last_token < n);
    if (q.qualifier_span.end > 0) {
      FUZZ_CHECK(
          IsUtf8Span(claim, q.qualifier_span.begin, q.qualifier_span.end));
    }
  }
  FUZZ_CHECK(a.quantity_of_token.size() == n);
  for (int q : a.quantity_of_token) {
    FUZZ_CHECK(q >= -1 && q < static_cast<int>(a.quantities.size()));
  }
  FUZZ_CHECK(a.weight.size() == n);
  FUZZ_CHECK(a.lemma.size() == n);
  FUZZ_CHECK(a.is_name.size() == n);
  for (size_t i : a.content) FUZZ_CHECK(i < n);
  for (size_t i : a.negations) FUZZ_CHECK(i < n);
  FUZZ_CHECK(a.expansions.size() == a.content.size());
  FUZZ_CHECK(IsUtf8Span(claim, a.speaker_span.begin, a.speaker_span.end));
  FUZZ_CHECK(text::IsValidUtf8(a.speaker));
  FUZZ_CHECK(text::IsValidUtf8(a.speaker_name));
}

}  // namespace
}  // namespace factcheck::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Loading WordNet takes seconds under ASan: not inside the per-input
  // timeout.
  factcheck::fuzz::GetShared();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace factcheck;  // NOLINT: brevity in a fuzz target.
  const fuzz::Shared& shared = fuzz::GetShared();
  const std::string_view claim(reinterpret_cast<const char*>(data), size);

  // Inline evidence_text is checked like this too (with a larger limit),
  // then normalised: spans index the normalised text.
  if (validation::CheckText("evidence_text", claim, size, true).ok()) {
    const absl::StatusOr<std::string> body = text::NormalizeBody(claim);
    FUZZ_CHECK(body.ok());
    const absl::StatusOr<std::vector<v1::Statement>> evidence =
        claims::AnalyzeRawText(claim);
    FUZZ_CHECK(evidence.ok());
    for (const v1::Statement& st : *evidence) {
      FUZZ_CHECK(fuzz::IsUtf8Span(*body, st.span().begin(), st.span().end()));
      FUZZ_CHECK(st.text() ==
                 std::string_view(*body).substr(
                     st.span().begin(), st.span().end() - st.span().begin()));
    }
  }

  if (!validation::CheckText("claim", claim, fuzz::kMaxClaimBytes, true).ok()) {
    return 0;  // The service refuses it before any analysis.
  }
  const verifier::AnalyzedText analyzed =
      verifier::AnalyzeClaim(claim, 0, shared.relations.get());
  fuzz::CheckClaimAnalysis(claim, analyzed);

  for (const text::ByteSpan& part : verifier::SplitSubclaims(claim)) {
    FUZZ_CHECK(fuzz::IsUtf8Span(claim, part.begin, part.end));
    FUZZ_CHECK(part.begin < part.end);
  }

  // The archive query goes to SearchStatements, which refuses invalid UTF-8
  // and queries above its limit.
  const std::string query =
      shared.engine->ArchiveQuery(claim, fuzz::kMaxArchiveQueryBytes);
  FUZZ_CHECK(query.size() <= fuzz::kMaxArchiveQueryBytes);
  FUZZ_CHECK(text::IsValidUtf8(query));
  return 0;
}
