#include "services/verifier/verification_engine.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "absl/base/call_once.h"
#include "absl/hash/hash.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"
#include "services/verifier/claim_analysis.h"
#include "services/verifier/lexical_pair_scorer.h"
#include "services/verifier/pair_analysis.h"
#include "text/lexicon.h"
#include "text/tokenizer.h"

namespace factcheck::verifier {
namespace {

// When max_evidence is not positive (the proto's "0 means 3").
constexpr int kDefaultMaxEvidence = 3;
// Quotes in explanations are cut near this many bytes.
constexpr size_t kQuoteBytes = 90;
// Class order of score arrays.
enum Class { kSupported = 0, kContradicted = 1, kUnsupported = 2 };
// Loops over candidates check the call's control every this many steps: a
// step costs tens of microseconds, a check well under one.
constexpr size_t kStepsPerCheck = 8;

// Every kStepsPerCheck steps of a loop (`done` of `total` `what`), the
// status of `control`; OK in between and when `control` is null (work that
// never stops).
absl::Status CheckEvery(const CallControl* control, size_t done, size_t total,
                        std::string_view what) {
  if (control == nullptr || done % kStepsPerCheck != 0) {
    return absl::OkStatus();
  }
  return control->Check(absl::StrCat(done, " of ", total, " ", AsAbsl(what)));
}

// A piece of evidence scored as a whole: one statement, or a window of two
// adjacent statements of the same article.
struct Unit {
  const v1::Statement* first = nullptr;
  const v1::Statement* second = nullptr;
  std::shared_ptr<const AnalyzedText> analysis;
  const AnalyzedText& text() const { return *analysis; }
};

// One evidence statement as it will appear in the response.
struct Item {
  const v1::Statement* statement = nullptr;
  v1::EvidenceRelation relation = v1::EVIDENCE_RELATION_RELATED;
  float score = 0;
  float coverage = 0;
  std::vector<v1::AlignedSpan> alignments;
  std::vector<v1::Mismatch> mismatches;
};

// The verdict on one part of a claim (the whole claim when not compound).
struct PartOutcome {
  text::ByteSpan span;
  Class verdict = kUnsupported;
  std::array<float, 3> scores = {0, 0, 1};
  std::vector<Item> items;
  // Explanation without the leading verdict word.
  std::string body;
};

// One candidate unit analysed against a (sub)claim; `probabilities` is
// set for the units the scorer classified (the decisive one and the ones
// listed as evidence), empty otherwise.
struct ScoredUnit {
  PairAnalysis pair;
  std::optional<ClassProbabilities> probabilities;
};

v1::Verdict ToVerdict(Class c) {
  switch (c) {
    case kSupported:
      return v1::VERDICT_SUPPORTED;
    case kContradicted:
      return v1::VERDICT_CONTRADICTED;
    case kUnsupported:
      break;
  }
  return v1::VERDICT_UNSUPPORTED;
}

v1::EvidenceRelation ToRelation(Class c) {
  switch (c) {
    case kSupported:
      return v1::EVIDENCE_RELATION_SUPPORTS;
    case kContradicted:
      return v1::EVIDENCE_RELATION_CONTRADICTS;
    case kUnsupported:
      break;
  }
  return v1::EVIDENCE_RELATION_RELATED;
}

const char* VerdictWord(Class c) {
  switch (c) {
    case kSupported:
      return "Supported";
    case kContradicted:
      return "Contradicted";
    case kUnsupported:
      break;
  }
  return "Unsupported";
}

// Where a statement's text starts in its article body (absolute offsets);
// 0 for statements without a span (hand-entered), whose offsets are then
// relative to their own text.
uint32_t BaseOf(const v1::Statement& s) {
  return s.span().end() > s.span().begin() ? s.span().begin() : 0;
}

// The <n> of an id "<article_id>:<n>", when it has one.
std::optional<uint64_t> Sequence(const v1::Statement& s) {
  const std::string& id = s.id();
  const size_t colon = id.rfind(':');
  if (colon == std::string::npos || colon + 1 == id.size()) return std::nullopt;
  uint64_t n = 0;
  const char* begin = id.data() + colon + 1;
  const char* end = id.data() + id.size();
  auto [ptr, ec] = std::from_chars(begin, end, n);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return n;
}

bool Adjacent(const v1::Statement& a, const v1::Statement& b) {
  if (a.article_id() != b.article_id()) return false;
  if (a.span().end() <= a.span().begin() ||
      b.span().end() <= b.span().begin() || b.span().begin() < a.span().end()) {
    return false;
  }
  const auto sa = Sequence(a);
  const auto sb = Sequence(b);
  return !sa || !sb || *sb == *sa + 1;
}

// The speaker of a statement as its article names it ("Xi Jinping");
// empty for the narrator.
std::string SpeakerNameOf(const v1::Statement& s) {
  const v1::Speaker& speaker = s.attribution().speaker();
  return !speaker.canonical_name().empty() ? speaker.canonical_name()
                                           : speaker.name();
}

// The same, lower-case, for comparisons.
std::string SpeakerOf(const v1::Statement& s) {
  return absl::AsciiStrToLower(SpeakerNameOf(s));
}

// Single statements first (they win ties), then windows of adjacent
// statements in text order.
// The cache key of a stored statement's analysis: its id, a hash of its
// text and its speaker (an article re-ingested under the same id may have
// other text, or the same sentence attributed to someone else). Empty for
// statements without an id (inline evidence), which are not cached.
std::string CacheKey(const v1::Statement& s) {
  if (s.id().empty()) return "";
  return absl::StrCat(s.id(), "#", s.span().begin(), "#", s.text().size(), "#",
                      absl::Hash<std::string>{}(s.text()), "#",
                      SpeakerNameOf(s));
}

std::shared_ptr<const AnalyzedText> Cached(
    AnalysisCache* cache, const std::string& key,
    const std::function<AnalyzedText()>& analyze) {
  if (cache != nullptr && !key.empty()) {
    if (std::shared_ptr<const AnalyzedText> hit = cache->Find(key)) return hit;
  }
  auto made = std::make_shared<const AnalyzedText>(analyze());
  if (cache != nullptr && !key.empty()) cache->Insert(key, made);
  return made;
}

// Stops early with `control`'s status (null: never).
absl::StatusOr<std::vector<Unit>> BuildUnits(
    const std::vector<v1::Statement>& candidates,
    const text::WordRelations* relations, AnalysisCache* cache,
    const CallControl* control) {
  std::vector<Unit> units;
  // Each statement is analysed once (and kept in the cache across
  // requests); windows join two analyses.
  std::map<const v1::Statement*, size_t> single;
  for (size_t i = 0; i < candidates.size(); ++i) {
    FACTCHECK_RETURN_IF_ERROR(CheckEvery(control, i, candidates.size(),
                                         "candidate statements analysed"));
    const v1::Statement& s = candidates[i];
    if (s.text().empty()) continue;
    single[&s] = units.size();
    units.push_back({&s, nullptr, Cached(cache, CacheKey(s), [&] {
                       AnalyzedText a =
                           AnalyzeText(s.text(), BaseOf(s), relations);
                       a.speaker = SpeakerOf(s);
                       a.speaker_name = SpeakerNameOf(s);
                       return a;
                     })});
  }
  std::vector<const v1::Statement*> order;
  for (const v1::Statement& s : candidates) {
    if (!s.text().empty()) order.push_back(&s);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const v1::Statement* a, const v1::Statement* b) {
                     if (a->article_id() != b->article_id()) {
                       return a->article_id() < b->article_id();
                     }
                     return a->span().begin() < b->span().begin();
                   });
  for (size_t i = 0; i + 1 < order.size(); ++i) {
    const v1::Statement& a = *order[i];
    const v1::Statement& b = *order[i + 1];
    if (!Adjacent(a, b)) continue;
    const std::string key_a = CacheKey(a);
    const std::string key_b = CacheKey(b);
    const std::string key =
        key_a.empty() || key_b.empty() ? "" : absl::StrCat(key_a, "|", key_b);
    units.push_back({&a, &b, Cached(cache, key, [&] {
                       AnalyzedText w =
                           JoinAnalyzed(units[single.at(&a)].text(),
                                        units[single.at(&b)].text());
                       // A window speaks with its first statement's voice
                       // when both agree.
                       if (SpeakerOf(a) == SpeakerOf(b)) {
                         w.speaker = SpeakerOf(a);
                         w.speaker_name = SpeakerNameOf(a);
                       }
                       return w;
                     })});
  }
  return units;
}

bool Within(const v1::Span& span, uint32_t begin, uint32_t end) {
  return span.begin() >= begin && span.end() <= end;
}

// Splits a unit's analysis into the evidence items of its statements, with
// `c` as the unit's relation and `score` its probability.
void AddItems(const Unit& unit, const PairAnalysis& r, Class c, float score,
              std::vector<Item>& out) {
  if (unit.second == nullptr) {
    out.push_back({unit.first, ToRelation(c), score, r.coverage, r.alignments,
                   r.mismatches});
    return;
  }
  const v1::Statement* statements[2] = {unit.first, unit.second};
  std::vector<Item> parts;
  for (size_t p = 0; p < 2; ++p) {
    const AnalyzedText::Part& part = unit.text().parts[p];
    const uint32_t end = part.base + static_cast<uint32_t>(part.text.size());
    Item item{statements[p], ToRelation(c), score, r.coverage, {}, {}};
    for (const v1::AlignedSpan& a : r.alignments) {
      if (Within(a.evidence_span(), part.base, end))
        item.alignments.push_back(a);
    }
    for (const v1::Mismatch& m : r.mismatches) {
      // An attribution mismatch has no evidence span: it is the unit's.
      if (Within(m.evidence_span(), part.base, end) ||
          (m.kind() == v1::MISMATCH_KIND_ATTRIBUTION && p == 0)) {
        item.mismatches.push_back(m);
      }
    }
    // In a contradicting window only the statement holding the mismatch
    // contradicts; its neighbour merely gives context.
    if (c == kContradicted && item.mismatches.empty() &&
        !r.mismatches.empty()) {
      item.relation = v1::EVIDENCE_RELATION_RELATED;
    }
    if (!item.alignments.empty() || !item.mismatches.empty()) {
      parts.push_back(std::move(item));
    }
  }
  std::stable_sort(parts.begin(), parts.end(),
                   [](const Item& a, const Item& b) {
                     return a.mismatches.size() > b.mismatches.size();
                   });
  for (Item& item : parts) out.push_back(std::move(item));
}

std::string Quote(std::string_view text) {
  if (text.size() <= kQuoteBytes) return std::string(text);
  size_t cut = text.rfind(' ', kQuoteBytes);
  if (cut == std::string_view::npos || cut < kQuoteBytes / 2) {
    cut = kQuoteBytes;
    // Never cut inside a UTF-8 sequence.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
      --cut;
    }
  }
  return std::string(text.substr(0, cut)) + "...";
}

// ("quoted text", speaker) for an explanation. With `focus`, a window cites
// only the statement that holds that evidence span (where the mismatch is).
std::string Cite(const Unit& unit, const v1::Span* focus = nullptr) {
  const v1::Statement* cited = unit.first;
  std::string quoted = unit.first->text();
  if (unit.second != nullptr) {
    const AnalyzedText::Part& second = unit.text().parts[1];
    if (focus != nullptr && focus->begin() >= second.base) {
      cited = unit.second;
      quoted = unit.second->text();
    } else if (focus == nullptr) {
      absl::StrAppend(&quoted, " ", unit.second->text());
    }
  }
  std::string out = absl::StrCat("(\"", Quote(quoted), "\"");
  const v1::Attribution& attr = cited->attribution();
  const std::string& speaker = !attr.speaker().canonical_name().empty()
                                   ? attr.speaker().canonical_name()
                                   : attr.speaker().name();
  if (!speaker.empty()) {
    absl::StrAppend(&out, ", ", speaker);
  } else if (attr.kind() == v1::ATTRIBUTION_KIND_NARRATOR) {
    absl::StrAppend(&out, ", narrator");
  }
  absl::StrAppend(&out, ")");
  return out;
}

const char* SourceWord(const Unit& unit) {
  return unit.first->article_id().empty() ? "the evidence" : "the article";
}

// Claim content words no alignment covers, as written.
std::vector<std::string> Missing(const AnalyzedText& claim,
                                 const PairAnalysis& r) {
  std::vector<std::string> out;
  for (size_t k = 0; k < claim.content.size() && k < r.item_state.size(); ++k) {
    if (r.item_state[k] != 0) continue;
    const size_t i = claim.content[k];
    const int q = claim.quantity_of_token[i];
    out.push_back(q >= 0 ? claim.quantities[q].text : claim.tokens[i].text);
  }
  return out;
}

int Percent(float x) { return static_cast<int>(x * 100.0f + 0.5f); }

// One readable sentence for a typed mismatch.
std::string ExplainMismatch(const v1::Mismatch& m, const Unit& unit) {
  const char* source = SourceWord(unit);
  const std::string cite = Cite(unit, &m.evidence_span());
  switch (m.kind()) {
    case v1::MISMATCH_KIND_NUMBER:
    case v1::MISMATCH_KIND_DATE:
      return absl::StrCat("the claim says ", m.claim_value(), ", but ", source,
                          " says ", m.evidence_value(), " ", cite, ".");
    case v1::MISMATCH_KIND_ATTRIBUTION:
      return absl::StrCat(source, " attributes this statement to ",
                          m.evidence_value(), ", not to ", m.claim_value(), " ",
                          Cite(unit), ".");
    case v1::MISMATCH_KIND_ROLE:
      return absl::StrCat("the claim has \"", m.claim_value(), "\" in roles ",
                          source, " reverses (\"", m.evidence_value(), "\") ",
                          cite, ".");
    case v1::MISMATCH_KIND_ENTITY:
    case v1::MISMATCH_KIND_LOCATION:
      return absl::StrCat("the claim names \"", m.claim_value(), "\" where ",
                          source, " names \"", m.evidence_value(), "\" ", cite,
                          ".");
    case v1::MISMATCH_KIND_MODALITY:
      return absl::StrCat("the claim says \"", m.claim_value(), "\", but ",
                          source, " says \"", m.evidence_value(),
                          "\" (a different tense or certainty) ", cite, ".");
    default:
      break;
  }
  return absl::StrCat("the claim says \"", m.claim_value(), "\", but ", source,
                      " says \"", m.evidence_value(), "\" ", cite, ".");
}

std::string Explain(Class verdict, const AnalyzedText& claim,
                    const std::vector<Unit>& units,
                    const std::vector<ScoredUnit>& scored, size_t decisive) {
  if (units.empty()) return "there is no evidence to check the claim against.";
  const Unit& unit = units[decisive];
  const PairAnalysis& r = scored[decisive].pair;
  switch (verdict) {
    case kContradicted: {
      if (!r.mismatches.empty()) return ExplainMismatch(r.mismatches[0], unit);
      return absl::StrCat(SourceWord(unit), " disagrees with the claim ",
                          Cite(unit), ".");
    }
    case kSupported:
      return absl::StrCat(SourceWord(unit), " says so ", Cite(unit),
                          ", matching ", Percent(r.coverage),
                          "% of the claim's content.");
    case kUnsupported:
      break;
  }
  if (r.coverage <= 0) {
    return absl::StrCat("nothing in ", SourceWord(unit),
                        " mentions the claim's content.");
  }
  std::string out =
      absl::StrCat("the closest statement ", Cite(unit), " covers ",
                   Percent(r.coverage), "% of the claim's content");
  const std::vector<std::string> missing = Missing(claim, r);
  if (!missing.empty()) {
    absl::StrAppend(&out, "; not found: ", absl::StrJoin(missing, ", "));
  }
  if (!r.mismatches.empty()) {
    absl::StrAppend(&out, "; ", r.mismatches[0].description(),
                    ", not enough to call it contradicted");
  }
  absl::StrAppend(&out, ".");
  return out;
}

// The unit that decides a claim: the best aligned, counting items with a
// typed mismatch as aligned (a contradiction is about the same fact), then
// plain coverage; singles (listed first) win ties.
size_t DecisiveUnit(const std::vector<ScoredUnit>& scored) {
  size_t best = 0;
  for (size_t i = 1; i < scored.size(); ++i) {
    const PairAnalysis& a = scored[i].pair;
    const PairAnalysis& b = scored[best].pair;
    if (a.coverage_with_mismatches > b.coverage_with_mismatches ||
        (a.coverage_with_mismatches == b.coverage_with_mismatches &&
         a.coverage > b.coverage)) {
      best = i;
    }
  }
  return best;
}

// Aligns `claim` to every unit and adds the claim's context. Stops early
// with `control`'s status (null: never).
absl::StatusOr<std::vector<ScoredUnit>> AnalyzeUnits(
    const AnalyzedText& claim, const std::vector<Unit>& units,
    const CallControl* control) {
  std::vector<PairAnalysis> pairs;
  pairs.reserve(units.size());
  for (size_t i = 0; i < units.size(); ++i) {
    FACTCHECK_RETURN_IF_ERROR(
        CheckEvery(control, i, units.size(), "evidence units aligned"));
    pairs.push_back(AnalyzePair(claim, units[i].text()));
  }
  AddClaimContext(claim, pairs);
  std::vector<ScoredUnit> scored;
  scored.reserve(pairs.size());
  for (PairAnalysis& p : pairs) scored.push_back({std::move(p), std::nullopt});
  return scored;
}

Class Decide(const ClassProbabilities& p, const DecisionThresholds& t) {
  if (p[kContradicted] >= t.contradict && p[kContradicted] >= p[kSupported]) {
    return kContradicted;
  }
  if (p[kSupported] >= t.support) return kSupported;
  return kUnsupported;
}

// Stops early with `control`'s status (null: never).
absl::StatusOr<PartOutcome> VerifyPart(const PairScorer& scorer,
                                       const DecisionThresholds& t,
                                       const AnalyzedText& claim,
                                       const std::vector<Unit>& units,
                                       int max_evidence,
                                       const CallControl* control) {
  PartOutcome out;
  FACTCHECK_ASSIGN_OR_RETURN(std::vector<ScoredUnit> scored,
                             AnalyzeUnits(claim, units, control));
  if (scored.empty()) {
    out.body = Explain(kUnsupported, claim, units, scored, 0);
    return out;
  }
  const size_t decisive = DecisiveUnit(scored);
  auto classify = [&](size_t i) -> const ClassProbabilities& {
    if (!scored[i].probabilities) {
      scored[i].probabilities = GateByAlignment(
          scorer.Classify(claim, units[i].text(), scored[i].pair),
          scored[i].pair, t);
    }
    return *scored[i].probabilities;
  };
  out.scores = classify(decisive);
  out.verdict = Decide(out.scores, t);
  out.body = Explain(out.verdict, claim, units, scored, decisive);

  // Evidence order: the decisive unit, then by aligned content; only units
  // that align something, classified for their own relation.
  std::vector<size_t> order;
  for (size_t i = 0; i < scored.size(); ++i) {
    if (!scored[i].pair.alignments.empty() ||
        !scored[i].pair.mismatches.empty()) {
      order.push_back(i);
    }
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if ((a == decisive) != (b == decisive)) return a == decisive;
    return scored[a].pair.coverage_with_mismatches >
           scored[b].pair.coverage_with_mismatches;
  });
  if (order.size() > static_cast<size_t>(max_evidence)) {
    order.resize(static_cast<size_t>(max_evidence));
  }
  for (size_t i : order) {
    Class c = out.verdict;
    if (i != decisive) {
      c = Decide(classify(i), t);
      // Other units only support; a contradiction must be the decisive one.
      if (c == kContradicted) c = kUnsupported;
    }
    const float score = c == kUnsupported ? scored[i].pair.coverage
                                          : (*scored[i].probabilities)[c];
    AddItems(units[i], scored[i].pair, c, score, out.items);
  }
  return out;
}

void FillScores(const std::array<float, 3>& p, v1::VerdictScores* s) {
  s->set_supported(p[kSupported]);
  s->set_contradicted(p[kContradicted]);
  s->set_unsupported(p[kUnsupported]);
}

// Picks the part that decides a compound claim: a contradicted part (the
// most confident), else an unsupported one (the most confident), else the
// least confident supported part.
size_t DecidingPart(const std::vector<PartOutcome>& parts) {
  for (Class c : {kContradicted, kUnsupported}) {
    int best = -1;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (parts[i].verdict == c &&
          (best < 0 || parts[i].scores[c] > parts[best].scores[c])) {
        best = static_cast<int>(i);
      }
    }
    if (best >= 0) return static_cast<size_t>(best);
  }
  size_t weakest = 0;
  for (size_t i = 1; i < parts.size(); ++i) {
    if (parts[i].scores[kSupported] < parts[weakest].scores[kSupported]) {
      weakest = i;
    }
  }
  return weakest;
}

std::string StatementIdFor(const Item& item) { return item.statement->id(); }

bool SameMismatch(const v1::Mismatch& a, const v1::Mismatch& b) {
  return a.kind() == b.kind() &&
         a.claim_span().begin() == b.claim_span().begin() &&
         a.claim_span().end() == b.claim_span().end() &&
         a.evidence_span().begin() == b.evidence_span().begin() &&
         a.evidence_span().end() == b.evidence_span().end();
}

}  // namespace

absl::StatusOr<std::shared_ptr<const text::WordRelations>> LoadWordRelations(
    std::string_view dir) {
  // The relations keep a reference to the lexicon: one owner holds both.
  struct Holder {
    std::unique_ptr<text::Lexicon> lexicon;
    std::unique_ptr<text::WordRelations> relations;
  };
  absl::StatusOr<std::unique_ptr<text::Lexicon>> lexicon =
      text::Lexicon::Load(dir);
  if (!lexicon.ok()) return lexicon.status();
  auto holder = std::make_shared<Holder>();
  holder->lexicon = *std::move(lexicon);
  holder->relations = std::make_unique<text::WordRelations>(*holder->lexicon);
  const text::WordRelations* relations = holder->relations.get();
  return std::shared_ptr<const text::WordRelations>(std::move(holder),
                                                    relations);
}

std::shared_ptr<const text::WordRelations> DefaultWordRelations() {
  static absl::once_flag once;
  static std::shared_ptr<const text::WordRelations>* relations = nullptr;
  absl::call_once(once, [] {
    absl::StatusOr<std::shared_ptr<const text::WordRelations>> loaded =
        LoadWordRelations(text::kDefaultWordNetDir);
    relations = new std::shared_ptr<const text::WordRelations>(
        loaded.ok() ? *std::move(loaded) : nullptr);
  });
  return *relations;
}

bool IsHardMismatch(v1::MismatchKind kind) {
  switch (kind) {
    case v1::MISMATCH_KIND_NUMBER:
    case v1::MISMATCH_KIND_DATE:
    case v1::MISMATCH_KIND_NEGATION:
    case v1::MISMATCH_KIND_ANTONYM:
    case v1::MISMATCH_KIND_ATTRIBUTION:
    case v1::MISMATCH_KIND_ROLE:
      return true;
    default:
      return false;
  }
}

ClassProbabilities GateByAlignment(ClassProbabilities p,
                                   const PairAnalysis& pair,
                                   const DecisionThresholds& t) {
  const bool explained = std::any_of(
      pair.mismatches.begin(), pair.mismatches.end(),
      [](const v1::Mismatch& m) { return IsHardMismatch(m.kind()); });
  if (explained &&
      pair.coverage_with_mismatches >= t.explained_contradiction_coverage) {
    p[kContradicted] += p[kSupported];
    p[kSupported] = 0;
    // Everything else aligned: the same statement with another value.
    if (pair.coverage >= t.explained_contradiction_coverage) {
      // All the mass, exactly (a sum of floats may fall short of 1).
      p = {0.0f, 1.0f, 0.0f};
    }
  }
  if (pair.coverage < t.min_support_coverage) {
    p[kUnsupported] += p[kSupported];
    p[kSupported] = 0;
  }
  if (pair.coverage_with_mismatches < t.min_contradiction_coverage ||
      (pair.mismatches.empty() &&
       p[kContradicted] < t.unexplained_contradict)) {
    p[kUnsupported] += p[kContradicted];
    p[kContradicted] = 0;
  }
  // Moved mass is a float sum and may exceed 1 by an ulp (1.00000012).
  for (float& value : p) value = std::min(value, 1.0f);
  return p;
}

std::shared_ptr<const AnalyzedText> AnalysisCache::Find(
    const std::string& key) const {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second;
}

void AnalysisCache::Insert(const std::string& key,
                           std::shared_ptr<const AnalyzedText> analysis) {
  absl::MutexLock lock(&mu_);
  // Full: start over. Simple, bounded, and the hot article of the moment
  // is back after one request.
  if (entries_.size() >= capacity_) entries_.clear();
  entries_.emplace(key, std::move(analysis));
}

v1::Verdict DecideVerdict(const ClassProbabilities& p,
                          const DecisionThresholds& t) {
  return ToVerdict(Decide(p, t));
}

VerificationEngine::VerificationEngine()
    : VerificationEngine(std::make_unique<LexicalPairScorer>(),
                         DefaultWordRelations()) {}

VerificationEngine::VerificationEngine(std::unique_ptr<PairScorer> scorer)
    : VerificationEngine(std::move(scorer), DefaultWordRelations()) {}

VerificationEngine::VerificationEngine(
    std::unique_ptr<PairScorer> scorer,
    std::shared_ptr<const text::WordRelations> relations,
    DecisionThresholds thresholds)
    : scorer_(std::move(scorer)),
      relations_(std::move(relations)),
      thresholds_(thresholds),
      cache_(std::make_unique<AnalysisCache>(kAnalysisCacheEntries)) {}

std::string VerificationEngine::ArchiveQuery(std::string_view claim,
                                             size_t max_bytes) const {
  // Per word: enough to reach a paraphrase, few enough not to drown it.
  constexpr size_t kPerWord = 2;
  constexpr size_t kMinWordBytes = 3;
  std::string query(claim);
  if (relations_ == nullptr) return query;
  std::set<std::string> added;
  for (const text::Token& t : text::Tokenize(claim)) {
    if (t.kind != text::TokenKind::kWord || t.is_stop ||
        t.norm.size() < kMinWordBytes) {
      continue;
    }
    for (const std::string& w : relations_->SearchExpansion(t.norm, kPerWord)) {
      if (!added.insert(w).second) continue;
      if (query.size() + 1 + w.size() > max_bytes) return query;
      absl::StrAppend(&query, " ", w);
    }
  }
  return query;
}

FeatureVector VerificationEngine::DecisiveFeatures(
    std::string_view claim,
    const std::vector<v1::Statement>& candidates) const {
  // Without a control nothing stops early: the values are always there.
  const std::vector<Unit> units =
      *BuildUnits(candidates, relations_.get(), cache_.get(), nullptr);
  const AnalyzedText analyzed = AnalyzeClaim(claim, 0, relations_.get());
  const std::vector<ScoredUnit> scored =
      *AnalyzeUnits(analyzed, units, nullptr);
  if (scored.empty()) return FeatureVector{};
  return scored[DecisiveUnit(scored)].pair.features;
}

v1::VerifyResponse VerificationEngine::Verify(
    std::string_view claim, const std::vector<v1::Statement>& candidates,
    int max_evidence) const {
  // Without a control nothing stops early: the value is always there.
  return *VerifyWithin(claim, candidates, max_evidence, nullptr);
}

absl::StatusOr<v1::VerifyResponse> VerificationEngine::Verify(
    std::string_view claim, const std::vector<v1::Statement>& candidates,
    int max_evidence, const CallControl& control) const {
  return VerifyWithin(claim, candidates, max_evidence, &control);
}

absl::StatusOr<v1::VerifyResponse> VerificationEngine::VerifyWithin(
    std::string_view claim, const std::vector<v1::Statement>& candidates,
    int max_evidence, const CallControl* control) const {
  if (max_evidence <= 0) max_evidence = kDefaultMaxEvidence;
  FACTCHECK_ASSIGN_OR_RETURN(
      const std::vector<Unit> units,
      BuildUnits(candidates, relations_.get(), cache_.get(), control));

  std::vector<text::ByteSpan> spans = SplitSubclaims(claim);
  const bool compound = spans.size() >= 2;
  if (!compound) spans = {{0, static_cast<uint32_t>(claim.size())}};

  std::vector<PartOutcome> parts;
  parts.reserve(spans.size());
  for (const text::ByteSpan& span : spans) {
    const AnalyzedText analyzed = AnalyzeClaim(
        claim.substr(span.begin, span.size()), span.begin, relations_.get());
    // A compound claim's messages say which part work stopped in.
    std::optional<CallControl> part_control;
    if (control != nullptr && compound) {
      part_control = control->Within(absl::StrCat(
          parts.size(), " of ", spans.size(), " claim parts verified"));
    }
    FACTCHECK_ASSIGN_OR_RETURN(
        PartOutcome part,
        VerifyPart(*scorer_, thresholds_, analyzed, units, max_evidence,
                   part_control ? &*part_control : control));
    part.span = span;
    parts.push_back(std::move(part));
  }
  const size_t deciding = compound ? DecidingPart(parts) : 0;
  const PartOutcome& decider = parts[deciding];

  v1::VerifyResponse response;
  response.set_verdict(ToVerdict(decider.verdict));
  response.set_confidence(decider.scores[decider.verdict]);
  FillScores(decider.scores, response.mutable_scores());

  // Evidence: the deciding part's first, then the other parts', each
  // statement once.
  std::vector<const Item*> items;
  std::vector<const v1::Statement*> seen;
  auto take = [&](const PartOutcome& p) {
    for (const Item& item : p.items) {
      if (static_cast<int>(items.size()) >= max_evidence) return;
      if (std::find(seen.begin(), seen.end(), item.statement) != seen.end()) {
        continue;
      }
      seen.push_back(item.statement);
      items.push_back(&item);
    }
  };
  take(decider);
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i != deciding) take(parts[i]);
  }
  for (const Item* item : items) {
    v1::Evidence* e = response.add_evidence();
    *e->mutable_statement() = *item->statement;
    e->set_relation(item->relation);
    e->set_score(item->score);
    e->set_coverage(item->coverage);
    for (const v1::AlignedSpan& a : item->alignments) *e->add_alignments() = a;
  }
  // Mismatches of every contradicting evidence item of a contradicted part.
  for (const PartOutcome& p : parts) {
    if (p.verdict != kContradicted) continue;
    for (const Item& item : p.items) {
      if (item.relation != v1::EVIDENCE_RELATION_CONTRADICTS) continue;
      for (const v1::Mismatch& m : item.mismatches) {
        // Windows repeat the mismatches of their statements.
        if (std::any_of(
                response.mismatches().begin(), response.mismatches().end(),
                [&](const v1::Mismatch& o) { return SameMismatch(o, m); })) {
          continue;
        }
        v1::Mismatch* out = response.add_mismatches();
        *out = m;
        out->set_statement_id(StatementIdFor(item));
      }
    }
  }

  std::string explanation = absl::StrCat(VerdictWord(decider.verdict), ": ");
  if (compound) {
    std::vector<std::string> summary;
    for (size_t i = 0; i < parts.size(); ++i) {
      const PartOutcome& p = parts[i];
      v1::Subclaim* sub = response.add_subclaims();
      sub->set_text(std::string(claim.substr(p.span.begin, p.span.size())));
      sub->mutable_span()->set_begin(p.span.begin);
      sub->mutable_span()->set_end(p.span.end);
      sub->set_verdict(ToVerdict(p.verdict));
      sub->set_confidence(p.scores[p.verdict]);
      summary.push_back(absl::StrCat(
          "part ", i + 1, " ", absl::AsciiStrToLower(VerdictWord(p.verdict))));
    }
    absl::StrAppend(
        &explanation, "compound claim of ", parts.size(), " parts (",
        absl::StrJoin(summary, ", "), "); for \"",
        Quote(claim.substr(decider.span.begin, decider.span.size())), "\", ");
  }
  absl::StrAppend(&explanation, decider.body);
  response.set_explanation(std::move(explanation));
  return response;
}

}  // namespace factcheck::verifier
