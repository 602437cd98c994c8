#include "services/claims/ingest.h"

#include <openssl/evp.h>

#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/string_view.h"
#include "text/normalize.h"
#include "text/quantities.h"
#include "text/segmenter.h"
#include "text/tokenizer.h"

namespace factcheck::claims {
namespace {

v1::QuantityKind ToProtoKind(text::QuantityKind kind) {
  switch (kind) {
    case text::QuantityKind::kCount:
      return v1::QUANTITY_KIND_COUNT;
    case text::QuantityKind::kPercent:
      return v1::QUANTITY_KIND_PERCENT;
    case text::QuantityKind::kMoney:
      return v1::QUANTITY_KIND_MONEY;
    case text::QuantityKind::kDuration:
      return v1::QUANTITY_KIND_DURATION;
    case text::QuantityKind::kMeasure:
      return v1::QUANTITY_KIND_MEASURE;
    case text::QuantityKind::kYear:
      return v1::QUANTITY_KIND_YEAR;
    case text::QuantityKind::kOrdinal:
      return v1::QUANTITY_KIND_ORDINAL;
  }
  return v1::QUANTITY_KIND_UNSPECIFIED;
}

// A first, transparent check-worthiness score: specific, factual sentences
// (numbers, names) matter most; headings and questions least. The sourced-
// statements work refines it.
float CheckWorthiness(const std::vector<text::Token>& tokens,
                      size_t quantity_count, bool is_heading,
                      std::string_view sentence) {
  if (is_heading) return 0.05f;
  if (!sentence.empty() && sentence.back() == '?') return 0.1f;
  int names = 0;
  int content = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const text::Token& t = tokens[i];
    if (t.kind != text::TokenKind::kWord || t.is_stop) continue;
    ++content;
    if (i > 0 && t.is_capitalized) ++names;
  }
  float score = 0.2f;
  if (quantity_count > 0) score += 0.4f;
  score += std::min(0.3f, 0.1f * static_cast<float>(names));
  if (content >= 6) score += 0.1f;
  return std::min(score, 1.0f);
}

// Fills everything that comes from the statement's own text. Spans of
// quantities are absolute (into the body) via `base_offset`.
storage::IndexedStatement AnalyzeText(std::string_view statement_text,
                                      uint32_t base_offset, bool is_heading) {
  storage::IndexedStatement out;
  v1::Statement& st = out.statement;
  st.set_text(std::string(statement_text));
  st.set_is_heading(is_heading);

  std::vector<text::Token> tokens = text::Tokenize(statement_text, base_offset);
  std::vector<text::Quantity> quantities =
      text::ExtractQuantities(statement_text, tokens, base_offset);
  for (const text::Quantity& q : quantities) {
    v1::Quantity* pq = st.add_quantities();
    pq->set_text(q.text);
    pq->set_value(q.value);
    pq->set_unit(q.unit);
    pq->set_kind(ToProtoKind(q.kind));
    pq->mutable_span()->set_begin(q.span.begin);
    pq->mutable_span()->set_end(q.span.end);
  }
  st.set_check_worthiness(
      CheckWorthiness(tokens, quantities.size(), is_heading, statement_text));

  std::map<std::string, uint32_t> tf;
  for (std::string& term : text::IndexTerms(statement_text)) {
    ++tf[std::move(term)];
    ++out.length;
  }
  out.term_frequencies.assign(tf.begin(), tf.end());
  return out;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), size));
}

std::vector<storage::IndexedStatement> AnalyzeBody(std::string_view body) {
  std::vector<storage::IndexedStatement> out;
  for (const text::Sentence& s : text::SplitSentences(body)) {
    std::string_view sentence = body.substr(s.span.begin, s.span.size());
    storage::IndexedStatement st =
        AnalyzeText(sentence, s.span.begin, s.is_heading);
    st.statement.mutable_span()->set_begin(s.span.begin);
    st.statement.mutable_span()->set_end(s.span.end);
    st.statement.set_paragraph(s.paragraph);
    st.statement.mutable_attribution()->set_kind(
        v1::ATTRIBUTION_KIND_NARRATOR);
    out.push_back(std::move(st));
  }
  return out;
}

storage::IndexedStatement AnalyzeStandaloneStatement(
    std::string_view statement_text, const v1::Attribution& attribution) {
  storage::IndexedStatement st =
      AnalyzeText(statement_text, /*base_offset=*/0, /*is_heading=*/false);
  // Quantity spans of a standalone statement index into its own text.
  *st.statement.mutable_attribution() = attribution;
  if (attribution.kind() == v1::ATTRIBUTION_KIND_UNSPECIFIED) {
    st.statement.mutable_attribution()->set_kind(
        v1::ATTRIBUTION_KIND_NARRATOR);
  }
  v1::Speaker* speaker = st.statement.mutable_attribution()->mutable_speaker();
  if (speaker->canonical_name().empty()) {
    speaker->set_canonical_name(speaker->name());
  }
  st.speaker_keys = SpeakerKeys(st.statement.attribution());
  return st;
}

std::string SpeakerQueryKey(std::string_view speaker) {
  std::vector<absl::string_view> words = absl::StrSplit(
      AsAbsl(speaker), absl::ByAnyChar(" \t\n"), absl::SkipEmpty());
  return text::FoldForMatching(absl::StrJoin(words, " "));
}

std::vector<std::string> SpeakerKeys(const v1::Attribution& attribution) {
  std::vector<std::string> keys;
  if (attribution.kind() == v1::ATTRIBUTION_KIND_NARRATOR ||
      attribution.kind() == v1::ATTRIBUTION_KIND_UNSPECIFIED) {
    return keys;
  }
  const v1::Speaker& speaker = attribution.speaker();
  std::string full = SpeakerQueryKey(speaker.canonical_name().empty()
                                         ? speaker.name()
                                         : speaker.canonical_name());
  if (full.empty()) return keys;
  keys.push_back(full);
  for (absl::string_view word : absl::StrSplit(full, ' ')) {
    if (word.size() >= 2 && word != full) keys.emplace_back(word);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace factcheck::claims
