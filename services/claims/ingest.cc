#include "services/claims/ingest.h"

#include <openssl/evp.h>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/string_view.h"
#include "text/attribution.h"
#include "text/dates.h"
#include "text/entities.h"
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

v1::DateGranularity ToProtoGranularity(text::DateGranularity g) {
  switch (g) {
    case text::DateGranularity::kDay:
      return v1::DATE_GRANULARITY_DAY;
    case text::DateGranularity::kMonth:
      return v1::DATE_GRANULARITY_MONTH;
    case text::DateGranularity::kYear:
    case text::DateGranularity::kDecade:
      return v1::DATE_GRANULARITY_YEAR;
  }
  return v1::DATE_GRANULARITY_UNSPECIFIED;
}

v1::EntityType ToProtoEntityType(text::EntityType type) {
  switch (type) {
    case text::EntityType::kPerson:
      return v1::ENTITY_TYPE_PERSON;
    case text::EntityType::kOrganization:
      return v1::ENTITY_TYPE_ORGANIZATION;
    case text::EntityType::kLocation:
      return v1::ENTITY_TYPE_LOCATION;
    case text::EntityType::kOther:
      return v1::ENTITY_TYPE_OTHER;
  }
  return v1::ENTITY_TYPE_UNSPECIFIED;
}

v1::AttributionKind ToProtoAttributionKind(text::AttributionKind kind) {
  switch (kind) {
    case text::AttributionKind::kNarrator:
      return v1::ATTRIBUTION_KIND_NARRATOR;
    case text::AttributionKind::kDirectQuote:
      return v1::ATTRIBUTION_KIND_DIRECT_QUOTE;
    case text::AttributionKind::kIndirect:
      return v1::ATTRIBUTION_KIND_INDIRECT;
    case text::AttributionKind::kAccordingTo:
      return v1::ATTRIBUTION_KIND_ACCORDING_TO;
  }
  return v1::ATTRIBUTION_KIND_UNSPECIFIED;
}

bool InList(std::string_view word, std::initializer_list<std::string_view> l) {
  return std::find(l.begin(), l.end(), word) != l.end();
}

// A transparent check-worthiness score. Specific, factual sentences matter
// most: numbers, dates, named entities and comparisons raise it; headings,
// questions and opinion or modal words lower it.
float CheckWorthiness(const std::vector<text::Token>& tokens, size_t quantities,
                      size_t dates, size_t mentions, bool is_heading,
                      std::string_view sentence) {
  if (is_heading) return 0.05f;
  if (!sentence.empty() && sentence.back() == '?') return 0.1f;
  int content = 0;
  bool comparison = false;
  bool opinion = false;
  for (const text::Token& t : tokens) {
    if (t.kind != text::TokenKind::kWord) continue;
    if (!t.is_stop) ++content;
    comparison |= InList(
        t.norm, {"more",      "less",     "fewer",     "than",     "higher",
                 "lower",     "largest",  "biggest",   "smallest", "highest",
                 "lowest",    "record",   "most",      "least",    "increase",
                 "increased", "decrease", "decreased", "rose",     "risen",
                 "fell",      "fallen",   "doubled",   "tripled",  "halved",
                 "compared",  "climbed",  "dropped",   "surged",   "nearly",
                 "almost",    "first",    "only"});
    opinion |= InList(
        t.norm, {"should",    "must",  "ought",     "believe",     "think",
                 "feel",      "hope",  "seems",     "perhaps",     "probably",
                 "arguably",  "might", "wonderful", "terrible",    "great",
                 "beautiful", "awful", "brilliant", "disgraceful", "shameful",
                 "amazing"});
  }
  float score = 0.15f;
  if (quantities > 0) score += quantities > 1 ? 0.4f : 0.35f;
  if (dates > 0) score += 0.1f;
  score += std::min(0.2f, 0.07f * static_cast<float>(mentions));
  if (comparison) score += 0.1f;
  if (content >= 6) score += 0.05f;
  if (opinion) score -= 0.15f;
  return std::clamp(score, 0.0f, 1.0f);
}

// Fills everything that comes from the statement's own text: quantities,
// dates, index terms, check-worthiness. Spans are absolute (into the body)
// via `base_offset`, like the tokens'.
storage::IndexedStatement AnalyzeText(std::string_view statement_text,
                                      const std::vector<text::Token>& tokens,
                                      uint32_t base_offset, bool is_heading,
                                      size_t mentions,
                                      std::optional<absl::Time> published_at) {
  storage::IndexedStatement out;
  v1::Statement& st = out.statement;
  st.set_text(std::string(statement_text));
  st.set_is_heading(is_heading);

  std::vector<text::Quantity> quantities =
      text::ExtractQuantities(statement_text, tokens, base_offset);
  const std::vector<text::DateMention> dates = text::ExtractDates(
      statement_text, tokens, quantities, base_offset, published_at);
  // Day numbers of dates ("on 14 May") are the dates', not amounts.
  text::DropDayNumbers(dates, &quantities);
  for (const text::Quantity& q : quantities) {
    // The proto has no upper bound: a range ("10 to 15 years") is stored
    // as its two ends, each with the range's text and span.
    std::vector<double> ends = {q.value};
    if (q.upper.has_value()) ends.push_back(*q.upper);
    for (double value : ends) {
      v1::Quantity* pq = st.add_quantities();
      pq->set_text(q.text);
      pq->set_value(value);
      pq->set_unit(q.unit);
      pq->set_kind(ToProtoKind(q.kind));
      pq->mutable_span()->set_begin(q.span.begin);
      pq->mutable_span()->set_end(q.span.end);
    }
  }
  for (const text::DateMention& d : dates) {
    if (d.normalized.empty()) continue;  // relative, with no reference
    // Like a quantity range, an ISO interval ("2014/2015" for the season
    // "2014-15") is stored as its two ends, each with the interval's span.
    for (absl::string_view end :
         absl::StrSplit(d.normalized, '/', absl::SkipEmpty())) {
      v1::DateMention* pd = st.add_dates();
      pd->set_text(d.text);
      pd->set_normalized(std::string(end));
      pd->set_granularity(ToProtoGranularity(d.granularity));
      pd->mutable_span()->set_begin(d.span.begin);
      pd->mutable_span()->set_end(d.span.end);
    }
  }
  st.set_check_worthiness(CheckWorthiness(tokens, quantities.size(),
                                          st.dates_size(), mentions, is_heading,
                                          statement_text));

  std::map<std::string, uint32_t> tf;
  for (std::string& term : text::IndexTerms(tokens)) {
    ++tf[std::move(term)];
    ++out.length;
  }
  out.term_frequencies.assign(tf.begin(), tf.end());
  return out;
}

void AddMentions(const text::ArticleEntities& entities, size_t sentence,
                 v1::Statement* st) {
  auto [first, last] = entities.SentenceMentions(sentence);
  for (size_t m = first; m < last; ++m) {
    const text::Mention& mention = entities.mentions()[m];
    const text::Entity& entity = entities.entities()[mention.entity];
    v1::Mention* pm = st->add_mentions();
    pm->set_text(mention.text);
    pm->set_canonical(entity.canonical);
    pm->set_type(ToProtoEntityType(entity.type));
    pm->mutable_span()->set_begin(mention.span.begin);
    pm->mutable_span()->set_end(mention.span.end);
  }
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), size));
}

std::vector<storage::IndexedStatement> AnalyzeBody(
    std::string_view body, std::optional<absl::Time> published_at) {
  const text::ArticleAnalysis analysis = text::AnalyzeArticle(body);
  std::vector<storage::IndexedStatement> out;
  out.reserve(analysis.sentences.size());
  for (size_t i = 0; i < analysis.sentences.size(); ++i) {
    const text::Sentence& s = analysis.sentences[i];
    std::string_view sentence = body.substr(s.span.begin, s.span.size());
    auto [first_mention, last_mention] = analysis.entities.SentenceMentions(i);
    storage::IndexedStatement st =
        AnalyzeText(sentence, analysis.tokens[i], s.span.begin, s.is_heading,
                    last_mention - first_mention, published_at);
    st.statement.mutable_span()->set_begin(s.span.begin);
    st.statement.mutable_span()->set_end(s.span.end);
    st.statement.set_paragraph(s.paragraph);
    AddMentions(analysis.entities, i, &st.statement);

    const text::SentenceAttribution& a = analysis.attributions[i];
    v1::Attribution* attribution = st.statement.mutable_attribution();
    attribution->set_kind(ToProtoAttributionKind(a.kind));
    if (a.kind != text::AttributionKind::kNarrator) {
      attribution->set_cue(a.cue);
      v1::Speaker* speaker = attribution->mutable_speaker();
      speaker->set_name(a.speaker.name);
      speaker->set_canonical_name(
          a.speaker.canonical.empty() ? a.speaker.name : a.speaker.canonical);
      speaker->set_role(a.speaker.role);
      attribution->mutable_speaker_span()->set_begin(a.speaker.span.begin);
      attribution->mutable_speaker_span()->set_end(a.speaker.span.end);
    }
    st.speaker_keys = SpeakerKeys(*attribution);
    out.push_back(std::move(st));
  }
  return out;
}

absl::StatusOr<std::vector<v1::Statement>> AnalyzeRawText(
    std::string_view raw) {
  absl::StatusOr<std::string> body = text::NormalizeBody(raw);
  if (!body.ok()) return body.status();
  std::vector<v1::Statement> out;
  for (storage::IndexedStatement& s : AnalyzeBody(*body)) {
    out.push_back(std::move(s.statement));
  }
  return out;
}

storage::IndexedStatement AnalyzeStandaloneStatement(
    std::string_view statement_text, const v1::Attribution& attribution) {
  // One sentence, whatever its punctuation: the caller chose its bounds.
  const std::vector<text::Sentence> sentences = {
      {{0, static_cast<uint32_t>(statement_text.size())}, 0, false}};
  const std::vector<std::vector<text::Token>> tokens = {
      text::Tokenize(statement_text)};
  const text::ArticleEntities entities =
      text::ArticleEntities::Find(statement_text, sentences, tokens);
  auto [first_mention, last_mention] = entities.SentenceMentions(0);
  storage::IndexedStatement st =
      AnalyzeText(statement_text, tokens[0], /*base_offset=*/0,
                  /*is_heading=*/false, last_mention - first_mention,
                  /*published_at=*/std::nullopt);
  AddMentions(entities, 0, &st.statement);
  *st.statement.mutable_attribution() = attribution;
  if (attribution.kind() == v1::ATTRIBUTION_KIND_UNSPECIFIED) {
    st.statement.mutable_attribution()->set_kind(v1::ATTRIBUTION_KIND_NARRATOR);
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
