#ifndef FACTCHECK_TESTS_VERIFIER_ENGINE_TEST_UTIL_H_
#define FACTCHECK_TESTS_VERIFIER_ENGINE_TEST_UTIL_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "factcheck/v1/verifier_service.pb.h"
#include "gtest/gtest.h"
#include "services/claims/ingest.h"

namespace factcheck::verifier::testing {

// An article body analysed as ingest does (sentences, attribution,
// quantities), with ids "<article_id>:<n>".
inline std::vector<v1::Statement> ArticleStatements(std::string_view body,
                                                    std::string_view id) {
  std::vector<v1::Statement> out;
  for (storage::IndexedStatement& s : claims::AnalyzeBody(body)) {
    v1::Statement& st = out.emplace_back(std::move(s.statement));
    st.set_article_id(std::string(id));
    st.set_id(absl::StrCat(std::string(id), ":", out.size() - 1));
  }
  return out;
}

inline std::string_view SpanText(std::string_view text, const v1::Span& s) {
  return text.substr(s.begin(), s.end() - s.begin());
}

// Checks the invariants every response must hold: scores sum to 1, the
// confidence is the verdict's score, every span is a valid non-empty byte
// range of its text (claim or body), and evidence statements lie in the body.
inline void ExpectWellFormed(const v1::VerifyResponse& r,
                             std::string_view claim, std::string_view body) {
  const v1::VerdictScores& s = r.scores();
  EXPECT_NEAR(s.supported() + s.contradicted() + s.unsupported(), 1.0, 1e-5);
  const float expected_confidence =
      r.verdict() == v1::VERDICT_SUPPORTED      ? s.supported()
      : r.verdict() == v1::VERDICT_CONTRADICTED ? s.contradicted()
                                                : s.unsupported();
  EXPECT_FLOAT_EQ(r.confidence(), expected_confidence);
  EXPECT_FALSE(r.explanation().empty());
  auto valid = [](const v1::Span& span, std::string_view text) {
    return span.begin() < span.end() && span.end() <= text.size();
  };
  for (const v1::Evidence& e : r.evidence()) {
    EXPECT_TRUE(valid(e.statement().span(), body));
    EXPECT_EQ(SpanText(body, e.statement().span()), e.statement().text());
    EXPECT_GE(e.coverage(), 0.0f);
    EXPECT_LE(e.coverage(), 1.0f);
    for (const v1::AlignedSpan& a : e.alignments()) {
      EXPECT_TRUE(valid(a.claim_span(), claim)) << a.DebugString();
      EXPECT_TRUE(valid(a.evidence_span(), body)) << a.DebugString();
      EXPECT_GE(a.evidence_span().begin(), e.statement().span().begin());
      EXPECT_LE(a.evidence_span().end(), e.statement().span().end());
    }
  }
  for (const v1::Mismatch& m : r.mismatches()) {
    EXPECT_TRUE(valid(m.claim_span(), claim)) << m.DebugString();
    EXPECT_TRUE(valid(m.evidence_span(), body)) << m.DebugString();
    EXPECT_FALSE(m.description().empty());
  }
}

}  // namespace factcheck::verifier::testing

#endif  // FACTCHECK_TESTS_VERIFIER_ENGINE_TEST_UTIL_H_
