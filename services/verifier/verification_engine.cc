#include "services/verifier/verification_engine.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/verifier/claim_analysis.h"
#include "services/verifier/lexical_pair_scorer.h"

namespace factcheck::verifier {
namespace {

// When max_evidence is not positive (the proto's "0 means 3").
constexpr int kDefaultMaxEvidence = 3;
// Quotes in explanations are cut near this many bytes.
constexpr size_t kQuoteBytes = 90;
// Class order of score arrays.
enum Class { kSupported = 0, kContradicted = 1, kUnsupported = 2 };

// A piece of evidence scored as a whole: one statement, or a window of two
// adjacent statements of the same article.
struct Unit {
  const v1::Statement* first = nullptr;
  const v1::Statement* second = nullptr;
  AnalyzedText text;
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

std::array<float, 3> Probabilities(const PairResult& r) {
  return {r.supported, r.contradicted, r.unsupported};
}

Class Argmax(const std::array<float, 3>& p) {
  // Ties go to the more cautious class (unsupported, then contradicted).
  Class best = kUnsupported;
  for (Class c : {kContradicted, kSupported}) {
    if (p[c] > p[best]) best = c;
  }
  return best;
}

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

// Single statements first (they win ties), then windows of adjacent
// statements in text order.
std::vector<Unit> BuildUnits(const std::vector<v1::Statement>& candidates) {
  std::vector<Unit> units;
  for (const v1::Statement& s : candidates) {
    if (s.text().empty()) continue;
    units.push_back({&s, nullptr, AnalyzeText(s.text(), BaseOf(s))});
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
    units.push_back(
        {&a, &b, AnalyzeParts({{BaseOf(a), a.text()}, {BaseOf(b), b.text()}})});
  }
  return units;
}

bool Within(const v1::Span& span, uint32_t begin, uint32_t end) {
  return span.begin() >= begin && span.end() <= end;
}

// Splits a unit's result into the evidence items of its statements.
void AddItems(const Unit& unit, const PairResult& r, std::vector<Item>& out) {
  const Class c = Argmax(Probabilities(r));
  const float score = Probabilities(r)[c];
  if (unit.second == nullptr) {
    out.push_back({unit.first, ToRelation(c), score, r.coverage, r.alignments,
                   r.mismatches});
    return;
  }
  const v1::Statement* statements[2] = {unit.first, unit.second};
  std::vector<Item> parts;
  for (size_t p = 0; p < 2; ++p) {
    const AnalyzedText::Part& part = unit.text.parts[p];
    const uint32_t end = part.base + static_cast<uint32_t>(part.text.size());
    Item item{statements[p], ToRelation(c), score, r.coverage, {}, {}};
    for (const v1::AlignedSpan& a : r.alignments) {
      if (Within(a.evidence_span(), part.base, end))
        item.alignments.push_back(a);
    }
    for (const v1::Mismatch& m : r.mismatches) {
      if (Within(m.evidence_span(), part.base, end))
        item.mismatches.push_back(m);
    }
    // In a contradicting window only the statement holding the mismatch
    // contradicts; its neighbour merely gives context.
    if (c == kContradicted && item.mismatches.empty()) {
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
    const AnalyzedText::Part& second = unit.text.parts[1];
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
                                 const PairResult& r) {
  std::vector<std::string> out;
  for (size_t i : claim.content) {
    const text::ByteSpan span = claim.tokens[i].span;
    bool covered = false;
    for (const v1::AlignedSpan& a : r.alignments) {
      if (a.claim_span().begin() <= span.begin &&
          a.claim_span().end() >= span.end) {
        covered = true;
        break;
      }
    }
    if (!covered) {
      const int q = claim.quantity_of_token[i];
      out.push_back(q >= 0 ? claim.quantities[q].text : claim.tokens[i].text);
    }
  }
  return out;
}

int Percent(float x) { return static_cast<int>(x * 100.0f + 0.5f); }

std::string Explain(Class verdict, const AnalyzedText& claim,
                    const std::vector<Unit>& units,
                    const std::vector<PairResult>& results, size_t decisive,
                    size_t closest) {
  if (units.empty()) return "there is no evidence to check the claim against.";
  const Unit& unit = units[decisive];
  const PairResult& r = results[decisive];
  switch (verdict) {
    case kContradicted: {
      if (!r.mismatches.empty()) {
        const v1::Mismatch& m = r.mismatches.front();
        const bool number = m.kind() == v1::MISMATCH_KIND_NUMBER ||
                            m.kind() == v1::MISMATCH_KIND_DATE;
        const char* q = number ? "" : "\"";
        return absl::StrCat("the claim says ", q, m.claim_value(), q, ", but ",
                            SourceWord(unit), " says ", q, m.evidence_value(),
                            q, " ", Cite(unit, &m.evidence_span()), ".");
      }
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
  const PairResult& near = results[closest];
  if (near.coverage <= 0) {
    return absl::StrCat("nothing in ", SourceWord(unit),
                        " mentions the claim's content.");
  }
  std::string out = absl::StrCat("the closest statement ", Cite(units[closest]),
                                 " covers only ", Percent(near.coverage),
                                 "% of the claim's content");
  const std::vector<std::string> missing = Missing(claim, near);
  if (!missing.empty()) {
    absl::StrAppend(&out, "; not found: ", absl::StrJoin(missing, ", "));
  }
  absl::StrAppend(&out, ".");
  return out;
}

PartOutcome VerifyPart(const PairScorer& scorer, const AnalyzedText& claim,
                       const std::vector<Unit>& units) {
  PartOutcome out;
  std::vector<PairResult> results;
  results.reserve(units.size());
  for (const Unit& u : units) results.push_back(scorer.Score(claim, u.text));

  size_t best_s = 0, best_c = 0, closest = 0;
  for (size_t i = 1; i < results.size(); ++i) {
    if (results[i].supported > results[best_s].supported) best_s = i;
    if (results[i].contradicted > results[best_c].contradicted) best_c = i;
    if (results[i].coverage > results[closest].coverage) closest = i;
  }
  size_t decisive = best_s;
  if (!results.empty()) {
    const PairResult& s = results[best_s];
    const PairResult& c = results[best_c];
    // A statement that restates the claim at least as fully outweighs a
    // mismatch found elsewhere (which is then likely about another fact).
    const bool support_holds = s.supported >= 0.5f && s.coverage >= c.coverage;
    if (c.contradicted > s.supported && !support_holds) decisive = best_c;
    out.scores = Probabilities(results[decisive]);
  }
  out.verdict = Argmax(out.scores);
  out.body = Explain(out.verdict, claim, units, results, decisive, closest);

  // Evidence order: the decisive unit, then by the verdict's class score
  // (coverage for unsupported), singles before windows on ties.
  std::vector<size_t> order;
  for (size_t i = 0; i < results.size(); ++i) {
    if (!results[i].alignments.empty() || !results[i].mismatches.empty()) {
      order.push_back(i);
    }
  }
  auto key = [&](size_t i) {
    return out.verdict == kUnsupported ? results[i].coverage
                                       : Probabilities(results[i])[out.verdict];
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if ((a == decisive) != (b == decisive)) return a == decisive;
    if (key(a) != key(b)) return key(a) > key(b);
    return results[a].coverage > results[b].coverage;
  });
  for (size_t i : order) AddItems(units[i], results[i], out.items);
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

VerificationEngine::VerificationEngine()
    : VerificationEngine(std::make_unique<LexicalPairScorer>()) {}

VerificationEngine::VerificationEngine(std::unique_ptr<PairScorer> scorer)
    : scorer_(std::move(scorer)) {}

v1::VerifyResponse VerificationEngine::Verify(
    std::string_view claim, const std::vector<v1::Statement>& candidates,
    int max_evidence) const {
  if (max_evidence <= 0) max_evidence = kDefaultMaxEvidence;
  const std::vector<Unit> units = BuildUnits(candidates);

  std::vector<text::ByteSpan> spans = SplitSubclaims(claim);
  const bool compound = spans.size() >= 2;
  if (!compound) spans = {{0, static_cast<uint32_t>(claim.size())}};

  std::vector<PartOutcome> parts;
  parts.reserve(spans.size());
  for (const text::ByteSpan& span : spans) {
    const AnalyzedText analyzed =
        AnalyzeText(claim.substr(span.begin, span.size()), span.begin);
    parts.push_back(VerifyPart(*scorer_, analyzed, units));
    parts.back().span = span;
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
