#include "services/verifier/lexical_pair_scorer.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "text/quantities.h"

namespace factcheck::verifier {
namespace {

// Claim content items this many items either side of a quantity are its
// context when looking for the evidence quantity it talks about.
constexpr int kContextItems = 4;
// An evidence quantity is in the context of an aligned word this close.
constexpr long kContextTokens = 6;
// A negation cue scopes over content this many tokens to its right.
constexpr size_t kNegationScope = 4;
// Without context words, a lone same-unit quantity is still compared when
// the rest of the claim is this well covered.
constexpr float kLoneQuantityCoverage = 0.6f;

// Where one claim content item landed in the evidence.
struct ItemAlignment {
  // Evidence token index (first token for a quantity); -1 when unaligned.
  long evidence_token = -1;
  // Evidence quantity index for quantities; -1 otherwise.
  int evidence_quantity = -1;
  const char* match = "";
};

v1::Span ToSpan(text::ByteSpan s) {
  v1::Span out;
  out.set_begin(s.begin);
  out.set_end(s.end);
  return out;
}

text::ByteSpan Cover(text::ByteSpan a, text::ByteSpan b) {
  return {std::min(a.begin, b.begin), std::max(a.end, b.end)};
}

// The candidate closest to the previous alignment keeps phrases together;
// the first candidate wins ties (deterministic).
long Nearest(const std::vector<long>& candidates, long last) {
  long best = -1;
  for (long c : candidates) {
    if (best < 0 ||
        (last >= 0 && std::labs(c - last) < std::labs(best - last))) {
      best = c;
    }
  }
  return best;
}

bool IsWordLike(const text::Token& t) {
  return t.kind != text::TokenKind::kPunct;
}

bool SameFamily(const text::Quantity& a, const text::Quantity& b) {
  return a.kind == b.kind && a.unit == b.unit;
}

class PairAligner {
 public:
  PairAligner(const AnalyzedText& claim, const AnalyzedText& evidence)
      : claim_(claim), evidence_(evidence), items_(claim.content.size()) {}

  void Align() {
    long last = -1;
    for (size_t k = 0; k < claim_.content.size(); ++k) {
      const size_t ci = claim_.content[k];
      const int cq = claim_.quantity_of_token[ci];
      if (cq >= 0) {
        AlignQuantity(k, claim_.quantities[cq], last);
      } else {
        AlignWord(k, claim_.tokens[ci], last);
      }
      if (items_[k].evidence_token >= 0) last = items_[k].evidence_token;
    }
  }

  void DetectNumberMismatches(float coverage) {
    for (size_t k = 0; k < claim_.content.size(); ++k) {
      const int cq = claim_.quantity_of_token[claim_.content[k]];
      if (cq < 0 || items_[k].evidence_token >= 0) continue;
      const text::Quantity& q = claim_.quantities[cq];
      const std::vector<long> targets = ContextTargets(k);
      int best = -1;
      int best_context = 0;
      int family_count = 0;
      int lone = -1;
      for (size_t e = 0; e < evidence_.quantities.size(); ++e) {
        const text::Quantity& eq = evidence_.quantities[e];
        if (!SameFamily(q, eq) || EvidenceQuantityUsed(e)) continue;
        ++family_count;
        lone = static_cast<int>(e);
        int context = 0;
        for (long t : targets) {
          const long lo = static_cast<long>(eq.first_token) - kContextTokens;
          const long hi = static_cast<long>(eq.last_token) + kContextTokens;
          if (t >= lo && t <= hi) ++context;
        }
        if (context > best_context) {
          best_context = context;
          best = static_cast<int>(e);
        }
      }
      if (best < 0 && family_count == 1 && coverage >= kLoneQuantityCoverage) {
        best = lone;
      }
      if (best < 0) continue;
      AddNumberMismatch(q, evidence_.quantities[best]);
      mismatched_weight_ += claim_.weight[claim_.content[k]];
    }
  }

  // A NEGATION mismatch when an aligned word is negated on one side and not
  // on the other ("will rise" vs "will not rise"). Polarity is judged per
  // aligned word, not per text: a window may hold an unrelated negation
  // ("could not afford") next to the one that matters.
  void DetectNegationMismatch() {
    for (size_t k = 0; k < items_.size(); ++k) {
      if (items_[k].evidence_token < 0) continue;
      const size_t claim_token = claim_.content[k];
      const size_t evidence_token =
          static_cast<size_t>(items_[k].evidence_token);
      const std::optional<size_t> claim_cue = NegationOf(claim_, claim_token);
      const std::optional<size_t> evidence_cue =
          NegationOf(evidence_, evidence_token);
      if (claim_cue.has_value() == evidence_cue.has_value()) continue;
      AddNegationMismatch(claim_token, claim_cue, evidence_token, evidence_cue);
      return;
    }
  }

  // The negation cue whose scope covers token `t`: at most kNegationScope
  // tokens before it, with no clause punctuation in between.
  static std::optional<size_t> NegationOf(const AnalyzedText& a, size_t t) {
    std::optional<size_t> found;
    for (size_t cue : a.negations) {
      if (cue >= t || t - cue > kNegationScope) continue;
      bool bounded = false;
      for (size_t i = cue + 1; i < t; ++i) {
        const text::Token& between = a.tokens[i];
        bounded = bounded || (between.kind == text::TokenKind::kPunct &&
                              (between.norm == "," || between.norm == ";" ||
                               between.norm == ":" || between.norm == "." ||
                               between.norm == "?" || between.norm == "!"));
      }
      if (!bounded) found = cue;
    }
    return found;
  }

  void AddNegationMismatch(size_t claim_token, std::optional<size_t> claim_cue,
                           size_t evidence_token,
                           std::optional<size_t> evidence_cue) {
    v1::Mismatch m;
    m.set_kind(v1::MISMATCH_KIND_NEGATION);
    const text::ByteSpan claim_span =
        claim_cue ? NegatedPhrase(claim_, *claim_cue, claim_token)
                  : claim_.tokens[claim_token].span;
    const text::ByteSpan evidence_span =
        evidence_cue ? NegatedPhrase(evidence_, *evidence_cue, evidence_token)
                     : evidence_.tokens[evidence_token].span;
    *m.mutable_claim_span() = ToSpan(claim_span);
    *m.mutable_evidence_span() = ToSpan(evidence_span);
    m.set_claim_value(std::string(claim_.Slice(claim_span)));
    m.set_evidence_value(std::string(evidence_.Slice(evidence_span)));
    m.set_description(absl::StrCat("claim says \"", m.claim_value(),
                                   "\", evidence says \"", m.evidence_value(),
                                   "\""));
    mismatches_.push_back(std::move(m));
    negation_mismatch_ = true;
  }

  float AlignedWeight() const {
    float w = 0;
    for (size_t k = 0; k < items_.size(); ++k) {
      if (items_[k].evidence_token >= 0) w += claim_.weight[claim_.content[k]];
    }
    return w;
  }

  std::vector<v1::AlignedSpan> Alignments() const {
    std::vector<v1::AlignedSpan> out;
    for (size_t k = 0; k < items_.size(); ++k) {
      const ItemAlignment& a = items_[k];
      if (a.evidence_token < 0) continue;
      const size_t ci = claim_.content[k];
      const int cq = claim_.quantity_of_token[ci];
      v1::AlignedSpan s;
      *s.mutable_claim_span() =
          ToSpan(cq >= 0 ? claim_.quantities[cq].span : claim_.tokens[ci].span);
      *s.mutable_evidence_span() =
          ToSpan(a.evidence_quantity >= 0
                     ? evidence_.quantities[a.evidence_quantity].span
                     : evidence_.tokens[a.evidence_token].span);
      s.set_match(a.match);
      out.push_back(std::move(s));
    }
    return out;
  }

  std::vector<v1::Mismatch>& mismatches() { return mismatches_; }
  float mismatched_weight() const { return mismatched_weight_; }
  bool number_mismatch() const { return number_mismatch_; }
  bool negation_mismatch() const { return negation_mismatch_; }

 private:
  void AlignQuantity(size_t k, const text::Quantity& q, long last) {
    std::vector<long> firsts;
    std::vector<int> indices;
    for (size_t e = 0; e < evidence_.quantities.size(); ++e) {
      if (text::SameQuantity(q, evidence_.quantities[e])) {
        firsts.push_back(
            static_cast<long>(evidence_.quantities[e].first_token));
        indices.push_back(static_cast<int>(e));
      }
    }
    const long pick = Nearest(firsts, last);
    if (pick < 0) return;
    for (size_t i = 0; i < firsts.size(); ++i) {
      if (firsts[i] == pick) {
        items_[k] = {pick, indices[i], "number"};
        return;
      }
    }
  }

  void AlignWord(size_t k, const text::Token& word, long last) {
    std::vector<long> exact;
    std::vector<long> stem;
    for (size_t e = 0; e < evidence_.tokens.size(); ++e) {
      const text::Token& t = evidence_.tokens[e];
      if (!IsWordLike(t)) continue;
      if (t.norm == word.norm) {
        exact.push_back(static_cast<long>(e));
      } else if (!word.stem.empty() && t.stem == word.stem) {
        stem.push_back(static_cast<long>(e));
      }
    }
    if (!exact.empty()) {
      items_[k] = {Nearest(exact, last), -1, "exact"};
    } else if (!stem.empty()) {
      items_[k] = {Nearest(stem, last), -1, "stem"};
    }
  }

  // Evidence token indices of the aligned items around content item `k`.
  std::vector<long> ContextTargets(size_t k) const {
    std::vector<long> out;
    const long lo = static_cast<long>(k) - kContextItems;
    const long hi = static_cast<long>(k) + kContextItems;
    for (long j = std::max(0L, lo);
         j <= hi && j < static_cast<long>(items_.size()); ++j) {
      if (j != static_cast<long>(k) && items_[j].evidence_token >= 0) {
        out.push_back(items_[j].evidence_token);
      }
    }
    return out;
  }

  bool EvidenceQuantityUsed(size_t e) const {
    for (const ItemAlignment& a : items_) {
      if (a.evidence_quantity == static_cast<int>(e)) return true;
    }
    return false;
  }

  void AddNumberMismatch(const text::Quantity& q, const text::Quantity& eq) {
    v1::Mismatch m;
    m.set_kind(q.kind == text::QuantityKind::kYear ? v1::MISMATCH_KIND_DATE
                                                   : v1::MISMATCH_KIND_NUMBER);
    *m.mutable_claim_span() = ToSpan(q.span);
    *m.mutable_evidence_span() = ToSpan(eq.span);
    m.set_claim_value(text::FormatQuantity(q));
    m.set_evidence_value(text::FormatQuantity(eq));
    m.set_description(absl::StrCat("claim says ", m.claim_value(),
                                   ", evidence says ", m.evidence_value()));
    mismatches_.push_back(std::move(m));
    number_mismatch_ = true;
  }

  // The cue and the word it negates, with a directly preceding auxiliary
  // ("did not impose").
  static text::ByteSpan NegatedPhrase(const AnalyzedText& a, size_t cue,
                                      size_t target) {
    size_t first = cue;
    if (cue > 0 && a.tokens[cue - 1].is_stop &&
        a.tokens[cue - 1].kind == text::TokenKind::kWord) {
      first = cue - 1;
    }
    text::ByteSpan span = Cover(a.tokens[first].span, a.tokens[target].span);
    // A window's parts are not contiguous: fall back to the cue alone.
    if (a.Slice(span).empty()) span = a.tokens[cue].span;
    return span;
  }

  const AnalyzedText& claim_;
  const AnalyzedText& evidence_;
  std::vector<ItemAlignment> items_;
  std::vector<v1::Mismatch> mismatches_;
  float mismatched_weight_ = 0;
  bool number_mismatch_ = false;
  bool negation_mismatch_ = false;
};

}  // namespace

PairResult LexicalPairScorer::Score(const AnalyzedText& claim,
                                    const AnalyzedText& evidence) const {
  return ScoreWithFeatures(claim, evidence, nullptr);
}

PairResult LexicalPairScorer::ScoreWithFeatures(
    const AnalyzedText& claim, const AnalyzedText& evidence,
    LexicalFeatures* features) const {
  PairAligner aligner(claim, evidence);
  aligner.Align();
  const float total = claim.TotalWeight();
  LexicalFeatures f;
  if (total > 0) {
    f.coverage = aligner.AlignedWeight() / total;
    aligner.DetectNumberMismatches(f.coverage);
    aligner.DetectNegationMismatch();
    f.coverage_with_mismatches =
        std::min(1.0f, f.coverage + aligner.mismatched_weight() / total);
    f.number_mismatch = aligner.number_mismatch() ? 1.0f : 0.0f;
    f.negation_mismatch = aligner.negation_mismatch() ? 1.0f : 0.0f;
  }

  const std::array<float, LexicalWeights::kFeatures> x = {
      f.coverage, f.coverage_with_mismatches * f.number_mismatch,
      f.coverage_with_mismatches * f.negation_mismatch,
      f.number_mismatch + f.negation_mismatch};
  std::array<float, 3> logits;
  for (int c = 0; c < 3; ++c) {
    logits[c] = weights_.bias[c];
    for (int j = 0; j < LexicalWeights::kFeatures; ++j) {
      logits[c] += weights_.w[c][j] * x[j];
    }
  }
  const float max_logit = *std::max_element(logits.begin(), logits.end());
  std::array<float, 3> p;
  float sum = 0;
  for (int c = 0; c < 3; ++c) {
    p[c] = std::exp(logits[c] - max_logit);
    sum += p[c];
  }

  PairResult r;
  r.supported = p[0] / sum;
  r.contradicted = p[1] / sum;
  r.unsupported = std::max(0.0f, 1.0f - r.supported - r.contradicted);
  r.coverage = f.coverage;
  r.alignments = aligner.Alignments();
  r.mismatches = std::move(aligner.mismatches());
  if (features != nullptr) *features = f;
  return r;
}

}  // namespace factcheck::verifier
