#include "services/verifier/pair_analysis.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/string_view.h"
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
// Entity and antonym substitutions are only looked for when the claim is
// otherwise this well covered (the pair talks about the same fact).
constexpr float kSubstitutionCoverage = 0.5f;
// Modal and quantifier cues modify a word this many tokens to their right.
constexpr size_t kCueScope = 3;

// How a claim item was aligned, strongest first. kHypernym is weaker than
// the others: the evidence says something more general than the claim.
enum class Match {
  kNone,
  kExact,
  kStem,
  kNumber,
  kLemma,
  kSynonym,
  kHyponym,
  kAlias,
  kDerivation,
  kPertainym,
  kHypernym,
};

const char* MatchName(Match m) {
  switch (m) {
    case Match::kExact:
      return "exact";
    case Match::kStem:
      return "stem";
    case Match::kNumber:
      return "number";
    case Match::kLemma:
      return "lemma";
    case Match::kSynonym:
      return "synonym";
    case Match::kHyponym:
      return "hyponym";
    case Match::kAlias:
      return "alias";
    case Match::kDerivation:
      return "derivation";
    case Match::kPertainym:
      return "pertainym";
    case Match::kHypernym:
      return "hypernym";
    case Match::kNone:
      break;
  }
  return "";
}

Match FromRelation(text::Relation r) {
  switch (r) {
    case text::Relation::kSynonym:
      return Match::kSynonym;
    case text::Relation::kHyponym:
      return Match::kHyponym;
    case text::Relation::kAlias:
      return Match::kAlias;
    case text::Relation::kDerivation:
      return Match::kDerivation;
    case text::Relation::kPertainym:
      return Match::kPertainym;
    case text::Relation::kHypernym:
      return Match::kHypernym;
    default:
      break;
  }
  return Match::kNone;
}

bool IsStrict(Match m) {
  return m == Match::kExact || m == Match::kStem || m == Match::kNumber;
}

// Where one claim content item landed in the evidence.
struct ItemAlignment {
  // Evidence token index (first token for a quantity); -1 when unaligned.
  long evidence_token = -1;
  // Evidence quantity index for quantities; -1 otherwise.
  int evidence_quantity = -1;
  Match match = Match::kNone;
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

bool IsClauseBreak(const text::Token& t) {
  return t.kind == text::TokenKind::kPunct &&
         (t.norm == "," || t.norm == ";" || t.norm == ":" || t.norm == "." ||
          t.norm == "?" || t.norm == "!");
}

bool SameFamily(const text::Quantity& a, const text::Quantity& b) {
  return a.kind == b.kind && a.unit == b.unit;
}

bool OneOf(std::string_view word, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), word) != set.end();
}

// Weekdays and months: capitalised like names, but dates.
bool IsDateName(std::string_view w) {
  return OneOf(
      w, {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
          "sunday", "january", "february", "march", "april", "june", "july",
          "august", "september", "october", "november", "december"});
}

bool IsModalCue(std::string_view w) {
  return OneOf(w, {"will", "would", "may", "might", "could", "can", "should",
                   "shall", "must", "'ll", "plans", "plan", "expected",
                   "likely", "possibly", "probably", "going"});
}

bool IsPastCue(const text::Token& t) {
  return OneOf(t.norm, {"has", "have", "had", "was", "were", "did", "been"}) ||
         (t.norm.size() > 4 && t.norm.ends_with("ed"));
}

// Quantifier classes: 1 universal, 2 existential/partial, 0 none.
int QuantifierClass(std::string_view w) {
  if (OneOf(w, {"all", "every", "each", "always", "entire", "whole", "both"})) {
    return 1;
  }
  if (OneOf(w, {"some", "several", "few", "many", "most", "sometimes", "partly",
                "part", "often", "usually", "one"})) {
    return 2;
  }
  return 0;
}

// The nearest cue in [t - scope, t) of `a` accepted by `is_cue`, not across
// clause punctuation.
template <typename Pred>
std::optional<size_t> CueBefore(const AnalyzedText& a, size_t t, size_t scope,
                                Pred is_cue) {
  for (size_t back = 1; back <= scope && back <= t; ++back) {
    const text::Token& prev = a.tokens[t - back];
    if (IsClauseBreak(prev)) break;
    if (is_cue(prev)) return t - back;
  }
  return std::nullopt;
}

class PairAligner {
 public:
  PairAligner(const AnalyzedText& claim, const AnalyzedText& evidence)
      : claim_(claim),
        evidence_(evidence),
        items_(claim.content.size()),
        evidence_used_(evidence.tokens.size(), 0) {}

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
      if (items_[k].evidence_token >= 0) {
        last = items_[k].evidence_token;
        evidence_used_[static_cast<size_t>(last)] = 1;
      }
    }
    mismatched_.assign(items_.size(), 0);
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
          if (Near(t, eq.first_token, eq.last_token)) ++context;
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
      const text::Quantity& eq = evidence_.quantities[best];
      const bool date = q.kind == text::QuantityKind::kYear;
      AddMismatch(date ? v1::MISMATCH_KIND_DATE : v1::MISMATCH_KIND_NUMBER,
                  q.span, eq.span, text::FormatQuantity(q),
                  text::FormatQuantity(eq), /*quote=*/false);
      ++(date ? date_mismatches_ : number_mismatches_);
      mismatched_[k] = 1;
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
      const text::ByteSpan claim_span =
          claim_cue ? NegatedPhrase(claim_, *claim_cue, claim_token)
                    : claim_.tokens[claim_token].span;
      const text::ByteSpan evidence_span =
          evidence_cue ? NegatedPhrase(evidence_, *evidence_cue, evidence_token)
                       : evidence_.tokens[evidence_token].span;
      AddMismatch(v1::MISMATCH_KIND_NEGATION, claim_span, evidence_span,
                  std::string(claim_.Slice(claim_span)),
                  std::string(evidence_.Slice(evidence_span)), true);
      negation_mismatch_ = true;
      return;
    }
  }

  // An ANTONYM mismatch: an unaligned claim word whose WordNet antonym
  // stands in the evidence, next to what the rest of the claim aligned to
  // ("the deficit narrowed" vs "the surplus narrowed").
  void DetectAntonyms(float coverage) {
    if (claim_.expansions.empty() || evidence_.lemma.empty()) return;
    for (size_t k = 0; k < items_.size(); ++k) {
      const size_t ci = claim_.content[k];
      if (items_[k].evidence_token >= 0 || claim_.quantity_of_token[ci] >= 0) {
        continue;
      }
      const std::vector<long> targets = ContextTargets(k);
      if (targets.empty() && coverage < kSubstitutionCoverage) continue;
      for (size_t e = 0; e < evidence_.tokens.size(); ++e) {
        if (evidence_used_[e] ||
            evidence_.lemma[e] == text::WordRelations::kNoLemma)
          continue;
        if (!targets.empty() && !NearAny(targets, e)) continue;
        if (claim_.expansions[k].Find(evidence_.lemma[e]) !=
            text::Relation::kAntonym) {
          continue;
        }
        // "did not rise" vs "fell" agree: an antonym under exactly one
        // negation is no contradiction.
        const bool claim_negated = NegationOf(claim_, ci).has_value();
        const bool evidence_negated = NegationOf(evidence_, e).has_value();
        if (claim_negated != evidence_negated) continue;
        AddMismatch(v1::MISMATCH_KIND_ANTONYM, claim_.tokens[ci].span,
                    evidence_.tokens[e].span, claim_.tokens[ci].text,
                    evidence_.tokens[e].text, true);
        ++antonym_mismatches_;
        mismatched_[k] = 1;
        break;
      }
    }
  }

  // An ENTITY (or LOCATION) mismatch: an unaligned claim name where the
  // evidence, in the same context, has another name the claim never uses
  // ("talks in Geneva" vs "talks in Vienna").
  void DetectEntitySubstitutions(float coverage) {
    if (coverage < kSubstitutionCoverage) return;
    for (size_t k = 0; k < items_.size(); ++k) {
      const size_t ci = claim_.content[k];
      if (items_[k].evidence_token >= 0 || !claim_.is_name[ci] ||
          claim_.quantity_of_token[ci] >= 0 || mismatched_[k]) {
        continue;
      }
      // Later words of a multi-word name are covered by its first.
      if (ci > 0 && claim_.is_name[ci - 1]) continue;
      const std::vector<long> targets = ContextTargets(k);
      if (targets.empty()) continue;
      for (size_t e = 0; e < evidence_.tokens.size(); ++e) {
        if (!evidence_.is_name[e] || evidence_used_[e]) continue;
        if (e > 0 && evidence_.is_name[e - 1]) continue;
        if (!NearAny(targets, e) || ClaimHasWord(evidence_.tokens[e].norm)) {
          continue;
        }
        const text::ByteSpan claim_span = NameSpan(claim_, ci);
        const text::ByteSpan evidence_span = NameSpan(evidence_, e);
        const bool place = IsPlaceCue(claim_, ci) || IsPlaceCue(evidence_, e);
        const bool date = IsDateName(claim_.tokens[ci].norm) &&
                          IsDateName(evidence_.tokens[e].norm);
        if (date != (IsDateName(claim_.tokens[ci].norm) ||
                     IsDateName(evidence_.tokens[e].norm))) {
          continue;  // a weekday is no substitute for a name
        }
        AddMismatch(date    ? v1::MISMATCH_KIND_DATE
                    : place ? v1::MISMATCH_KIND_LOCATION
                            : v1::MISMATCH_KIND_ENTITY,
                    claim_span, evidence_span,
                    std::string(claim_.Slice(claim_span)),
                    std::string(evidence_.Slice(evidence_span)), true);
        ++(date ? date_mismatches_ : entity_mismatches_);
        mismatched_[k] = 1;
        break;
      }
    }
  }

  // An ATTRIBUTION mismatch: the claim puts the words in one speaker's
  // mouth, the evidence in another's ("Modi said ..." vs Xi's statement).
  void DetectAttribution(float coverage) {
    if (claim_.speaker.empty()) return;
    if (evidence_.speaker.empty()) {
      // The evidence may name the speaker in its own text.
      speaker_unmatched_ = !SpeakerNamedIn(claim_.speaker, evidence_);
      return;
    }
    if (SameSpeaker(claim_.speaker, evidence_.speaker)) return;
    speaker_unmatched_ = true;
    if (coverage < kSubstitutionCoverage) return;
    v1::Mismatch m;
    m.set_kind(v1::MISMATCH_KIND_ATTRIBUTION);
    *m.mutable_claim_span() = ToSpan(claim_.speaker_span);
    m.set_claim_value(std::string(claim_.Slice(claim_.speaker_span)));
    if (m.claim_value().empty()) m.set_claim_value(claim_.speaker_name);
    m.set_evidence_value(evidence_.speaker_name.empty()
                             ? evidence_.speaker
                             : evidence_.speaker_name);
    *m.mutable_evidence_span() = ToSpan(SpeakerSpanInEvidence());
    m.set_description(absl::StrCat("the claim attributes this to ",
                                   m.claim_value(), ", the evidence to ",
                                   m.evidence_value()));
    mismatches_.push_back(std::move(m));
    attribution_mismatch_ = true;
  }

  // A ROLE swap: names A ... B around an aligned word in the claim appear
  // as B ... A around it in the evidence, in the same voice ("Apple sued
  // Samsung" vs "Samsung sued Apple").
  void DetectRoleSwap() {
    for (size_t a = 0; a < items_.size(); ++a) {
      if (!IsAlignedName(a)) continue;
      for (size_t b = a + 2; b < items_.size(); ++b) {
        if (!IsAlignedName(b)) continue;
        const long ea = items_[a].evidence_token;
        const long eb = items_[b].evidence_token;
        if (eb >= ea) continue;
        for (size_t v = a + 1; v < b; ++v) {
          const long ev = items_[v].evidence_token;
          if (ev < 0 || !(eb < ev && ev < ea)) continue;
          if (HasBy(claim_, claim_.content[v], claim_.content[b]) !=
              HasBy(evidence_, static_cast<size_t>(ev),
                    static_cast<size_t>(ea))) {
            continue;
          }
          const text::ByteSpan claim_span =
              Cover(claim_.tokens[claim_.content[a]].span,
                    claim_.tokens[claim_.content[b]].span);
          const text::ByteSpan evidence_span =
              Cover(evidence_.tokens[static_cast<size_t>(eb)].span,
                    evidence_.tokens[static_cast<size_t>(ea)].span);
          AddMismatch(v1::MISMATCH_KIND_ROLE, claim_span, evidence_span,
                      std::string(claim_.Slice(claim_span)),
                      std::string(evidence_.Slice(evidence_span)), true);
          role_swap_ = true;
          return;
        }
      }
    }
  }

  // MODALITY/TENSE: an aligned verb under a modal on one side and in a
  // past or perfect form on the other ("will restart" vs "has restarted").
  void DetectModality() {
    for (size_t k = 0; k < items_.size(); ++k) {
      if (!IsAlignedWord(k)) continue;
      const size_t ci = claim_.content[k];
      const size_t ei = static_cast<size_t>(items_[k].evidence_token);
      const std::optional<size_t> cm = ModalOf(claim_, ci);
      const std::optional<size_t> em = ModalOf(evidence_, ei);
      if (cm.has_value() == em.has_value()) continue;
      const AnalyzedText& plain = cm ? evidence_ : claim_;
      const size_t plain_token = cm ? ei : ci;
      if (!IsPastVerb(plain, plain_token)) continue;
      const text::ByteSpan claim_span =
          cm ? Cover(claim_.tokens[*cm].span, claim_.tokens[ci].span)
             : claim_.tokens[ci].span;
      const text::ByteSpan evidence_span =
          em ? Cover(evidence_.tokens[*em].span, evidence_.tokens[ei].span)
             : evidence_.tokens[ei].span;
      AddMismatch(v1::MISMATCH_KIND_MODALITY, claim_span, evidence_span,
                  std::string(claim_.Slice(claim_span)),
                  std::string(evidence_.Slice(evidence_span)), true);
      modality_mismatch_ = true;
      return;
    }
  }

  // The modal governing the verb at `t`: right before it, or before one
  // function word ("will be", "would not").
  static std::optional<size_t> ModalOf(const AnalyzedText& a, size_t t) {
    if (t >= 1 && IsModalCue(a.tokens[t - 1].norm)) return t - 1;
    if (t >= 2 && IsModalCue(a.tokens[t - 2].norm) &&
        (a.tokens[t - 1].is_stop || a.tokens[t - 1].is_negation)) {
      return t - 2;
    }
    return std::nullopt;
  }

  // A verb in a past or perfect form: "-ed", or right after a past or
  // perfect auxiliary ("has restarted", "did restart").
  static bool IsPastVerb(const AnalyzedText& a, size_t t) {
    const text::Token& tok = a.tokens[t];
    if (tok.norm.size() > 4 && tok.norm.ends_with("ed")) return true;
    return t >= 1 && IsPastCue(a.tokens[t - 1]);
  }

  // QUANTIFIER: an aligned word quantified differently ("all schools" vs
  // "some schools").
  void DetectQuantifier() {
    auto quantifier = [](const text::Token& t) {
      return QuantifierClass(t.norm) != 0;
    };
    for (size_t k = 0; k < items_.size(); ++k) {
      if (!IsAlignedWord(k)) continue;
      const size_t ci = claim_.content[k];
      const size_t ei = static_cast<size_t>(items_[k].evidence_token);
      const std::optional<size_t> cq =
          CueBefore(claim_, ci, kCueScope, quantifier);
      const std::optional<size_t> eq =
          CueBefore(evidence_, ei, kCueScope, quantifier);
      if (!cq || !eq) continue;
      if (QuantifierClass(claim_.tokens[*cq].norm) ==
          QuantifierClass(evidence_.tokens[*eq].norm)) {
        continue;
      }
      const text::ByteSpan claim_span =
          Cover(claim_.tokens[*cq].span, claim_.tokens[ci].span);
      const text::ByteSpan evidence_span =
          Cover(evidence_.tokens[*eq].span, evidence_.tokens[ei].span);
      AddMismatch(v1::MISMATCH_KIND_QUANTIFIER, claim_span, evidence_span,
                  std::string(claim_.Slice(claim_span)),
                  std::string(evidence_.Slice(evidence_span)), true);
      quantifier_mismatch_ = true;
      return;
    }
  }

  // Weighted share of the claim's content aligned; a hypernym (the
  // evidence says something more general) counts half.
  float Coverage() const {
    const float total = claim_.TotalWeight();
    if (total <= 0) return 0;
    float aligned = 0;
    for (size_t k = 0; k < items_.size(); ++k) {
      if (items_[k].evidence_token < 0) continue;
      const float w = claim_.weight[claim_.content[k]];
      aligned += items_[k].match == Match::kHypernym ? w * 0.5f : w;
    }
    return aligned / total;
  }

  void FillFeatures(PairAnalysis& out) const {
    FeatureVector& f = out.features;
    const float total = claim_.TotalWeight();
    float strict = 0, mismatched = 0;
    int unaligned = 0, unaligned_names = 0, unaligned_numbers = 0;
    int lexical = 0, hypernym = 0;
    out.item_state.assign(items_.size(), 0);
    for (size_t k = 0; k < items_.size(); ++k) {
      const size_t ci = claim_.content[k];
      const float w = claim_.weight[ci];
      const Match m = items_[k].match;
      if (items_[k].evidence_token >= 0) {
        if (IsStrict(m)) strict += w;
        if (m == Match::kHypernym) {
          ++hypernym;
        } else if (!IsStrict(m) && m != Match::kLemma) {
          ++lexical;
        }
        out.item_state[k] = 1;
      } else if (mismatched_[k]) {
        mismatched += w;
        out.item_state[k] = 2;
      } else {
        ++unaligned;
        if (claim_.quantity_of_token[ci] >= 0) {
          ++unaligned_numbers;
        } else if (claim_.is_name[ci]) {
          ++unaligned_names;
        }
      }
    }
    out.coverage = Coverage();
    if (total > 0) {
      out.coverage_with_mismatches =
          std::min(1.0f, out.coverage + mismatched / total);
      f[kCoverageStrict] = strict / total;
    }
    f[kCoverage] = out.coverage;
    f[kCoverageWithMismatches] = out.coverage_with_mismatches;
    f[kUnalignedItems] = static_cast<float>(unaligned);
    f[kUnalignedNames] = static_cast<float>(unaligned_names);
    f[kUnalignedNumbers] = static_cast<float>(unaligned_numbers);
    f[kNumberMismatches] = static_cast<float>(number_mismatches_);
    f[kDateMismatches] = static_cast<float>(date_mismatches_);
    f[kNegationMismatch] = negation_mismatch_ ? 1.0f : 0.0f;
    f[kAntonymMismatches] = static_cast<float>(antonym_mismatches_);
    f[kEntityMismatches] = static_cast<float>(entity_mismatches_);
    f[kAttributionMismatch] = attribution_mismatch_ ? 1.0f : 0.0f;
    f[kRoleSwap] = role_swap_ ? 1.0f : 0.0f;
    f[kModalityMismatch] = modality_mismatch_ ? 1.0f : 0.0f;
    f[kQuantifierMismatch] = quantifier_mismatch_ ? 1.0f : 0.0f;
    f[kClaimNegations] = static_cast<float>(claim_.negations.size());
    f[kEvidenceNegations] = static_cast<float>(evidence_.negations.size());
    f[kLexicalAligned] = static_cast<float>(lexical);
    f[kHypernymAligned] = static_cast<float>(hypernym);
    FillOrderFeatures(f);
    f[kBigramOverlap] = BigramOverlap();
    f[kSpeakerUnmatched] = speaker_unmatched_ ? 1.0f : 0.0f;
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
      s.set_match(MatchName(a.match));
      out.push_back(std::move(s));
    }
    return out;
  }

  std::vector<v1::Mismatch>& mismatches() { return mismatches_; }

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
        items_[k] = {pick, indices[i], Match::kNumber};
        return;
      }
    }
  }

  void AlignWord(size_t k, const text::Token& word, long last) {
    const size_t ci = claim_.content[k];
    const bool lexicon = !claim_.expansions.empty() && !evidence_.lemma.empty();
    const uint32_t claim_lemma =
        claim_.lemma.empty() ? text::WordRelations::kNoLemma : claim_.lemma[ci];
    Match best = Match::kNone;
    std::vector<long> at;
    for (size_t e = 0; e < evidence_.tokens.size(); ++e) {
      const text::Token& t = evidence_.tokens[e];
      if (!IsWordLike(t)) continue;
      Match m = Match::kNone;
      if (t.norm == word.norm) {
        m = Match::kExact;
      } else if (!word.stem.empty() && t.stem == word.stem) {
        m = Match::kStem;
      } else if (lexicon &&
                 evidence_.lemma[e] != text::WordRelations::kNoLemma &&
                 !t.is_stop) {
        if (evidence_.lemma[e] == claim_lemma) {
          m = Match::kLemma;
        } else {
          m = FromRelation(claim_.expansions[k].Find(evidence_.lemma[e]));
        }
      }
      if (m == Match::kNone) continue;
      if (best == Match::kNone || m < best) {
        best = m;
        at.clear();
      }
      if (m == best) at.push_back(static_cast<long>(e));
    }
    if (best != Match::kNone) items_[k] = {Nearest(at, last), -1, best};
  }

  bool IsAlignedWord(size_t k) const {
    return items_[k].evidence_token >= 0 && items_[k].evidence_quantity < 0;
  }

  // Names, counting a capitalised sentence opener ("Apple sued ...").
  bool IsAlignedName(size_t k) const {
    const size_t ci = claim_.content[k];
    return IsAlignedWord(k) &&
           (claim_.is_name[ci] || claim_.tokens[ci].is_capitalized);
  }

  static bool Near(long t, size_t first, size_t last) {
    return t >= static_cast<long>(first) - kContextTokens &&
           t <= static_cast<long>(last) + kContextTokens;
  }

  // True when evidence token `e` is near one of `targets` in the same
  // statement (a window's other sentence is another context).
  bool NearAny(const std::vector<long>& targets, size_t e) const {
    for (long t : targets) {
      if (Near(t, e, e) &&
          PartOf(evidence_, static_cast<size_t>(t)) == PartOf(evidence_, e)) {
        return true;
      }
    }
    return false;
  }

  static size_t PartOf(const AnalyzedText& a, size_t token) {
    size_t part = 0;
    for (size_t p = 1; p < a.parts.size(); ++p) {
      if (a.tokens[token].span.begin >= a.parts[p].base) part = p;
    }
    return part;
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

  bool ClaimHasWord(std::string_view norm) const {
    for (const text::Token& t : claim_.tokens) {
      if (t.norm == norm) return true;
    }
    return false;
  }

  // A name with the name words that directly follow it ("Narendra Modi").
  static text::ByteSpan NameSpan(const AnalyzedText& a, size_t first) {
    text::ByteSpan span = a.tokens[first].span;
    for (size_t i = first + 1; i < a.tokens.size() && a.is_name[i]; ++i) {
      const text::ByteSpan wider = Cover(span, a.tokens[i].span);
      if (a.Slice(wider).empty()) break;
      span = wider;
    }
    return span;
  }

  static bool IsPlaceCue(const AnalyzedText& a, size_t t) {
    return t > 0 && OneOf(a.tokens[t - 1].norm, {"in", "at", "from", "near",
                                                 "to", "across", "outside"});
  }

  static bool HasBy(const AnalyzedText& a, size_t from, size_t to) {
    for (size_t i = std::min(from, to); i < std::max(from, to); ++i) {
      if (a.tokens[i].norm == "by") return true;
    }
    return false;
  }

  // Speakers are the same when they share a name word ("Xi" and "Xi
  // Jinping").
  static bool SameSpeaker(std::string_view a, std::string_view b) {
    for (absl::string_view wa :
         absl::StrSplit(AsAbsl(a), ' ', absl::SkipEmpty())) {
      for (absl::string_view wb :
           absl::StrSplit(AsAbsl(b), ' ', absl::SkipEmpty())) {
        if (wa == wb) return true;
      }
    }
    return false;
  }

  // Where the evidence names its speaker ("Xi said"), else the whole
  // first statement: what the attribution is about.
  text::ByteSpan SpeakerSpanInEvidence() const {
    for (absl::string_view w :
         absl::StrSplit(AsAbsl(evidence_.speaker), ' ', absl::SkipEmpty())) {
      for (size_t e = 0; e < evidence_.tokens.size(); ++e) {
        if (AsAbsl(evidence_.tokens[e].norm) == w) {
          size_t first = e;
          while (first > 0 && evidence_.is_name[first - 1]) --first;
          return NameSpan(evidence_, first);
        }
      }
    }
    const AnalyzedText::Part& part = evidence_.parts.front();
    return {part.base, part.base + static_cast<uint32_t>(part.text.size())};
  }

  static bool SpeakerNamedIn(std::string_view speaker, const AnalyzedText& a) {
    for (absl::string_view w :
         absl::StrSplit(AsAbsl(speaker), ' ', absl::SkipEmpty())) {
      for (const text::Token& t : a.tokens) {
        if (AsAbsl(t.norm) == w) return true;
      }
    }
    return false;
  }

  // The negation cue whose scope covers token `t`: at most kNegationScope
  // tokens before it, with no clause punctuation in between.
  static std::optional<size_t> NegationOf(const AnalyzedText& a, size_t t) {
    std::optional<size_t> found;
    for (size_t cue : a.negations) {
      if (cue >= t || t - cue > kNegationScope) continue;
      bool bounded = false;
      for (size_t i = cue + 1; i < t; ++i) {
        bounded = bounded || IsClauseBreak(a.tokens[i]);
      }
      if (!bounded) found = cue;
    }
    return found;
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

  void AddMismatch(v1::MismatchKind kind, text::ByteSpan claim_span,
                   text::ByteSpan evidence_span, std::string claim_value,
                   std::string evidence_value, bool quote) {
    v1::Mismatch m;
    m.set_kind(kind);
    *m.mutable_claim_span() = ToSpan(claim_span);
    *m.mutable_evidence_span() = ToSpan(evidence_span);
    const char* q = quote ? "\"" : "";
    m.set_description(absl::StrCat("claim says ", q, claim_value, q,
                                   ", evidence says ", q, evidence_value, q));
    m.set_claim_value(std::move(claim_value));
    m.set_evidence_value(std::move(evidence_value));
    mismatches_.push_back(std::move(m));
  }

  void FillOrderFeatures(FeatureVector& f) const {
    int pairs = 0, in_order = 0;
    long prev = -1, lo = -1, hi = -1;
    for (const ItemAlignment& a : items_) {
      if (a.evidence_token < 0) continue;
      if (prev >= 0) {
        ++pairs;
        if (a.evidence_token > prev) ++in_order;
      }
      prev = a.evidence_token;
      lo = lo < 0 ? a.evidence_token : std::min(lo, a.evidence_token);
      hi = std::max(hi, a.evidence_token);
    }
    f[kOrderPreserved] =
        pairs > 0 ? static_cast<float>(in_order) / static_cast<float>(pairs)
                  : 1.0f;
    f[kAlignedSpread] = items_.empty() || lo < 0
                            ? 0.0f
                            : static_cast<float>(hi - lo + 1) /
                                  static_cast<float>(items_.size());
  }

  // Adjacent word pairs of the claim (punctuation skipped) found adjacent
  // in the evidence, by normalised form.
  float BigramOverlap() const {
    std::vector<const std::string*> claim_words, evidence_words;
    for (const text::Token& t : claim_.tokens) {
      if (IsWordLike(t)) claim_words.push_back(&t.norm);
    }
    for (const text::Token& t : evidence_.tokens) {
      if (IsWordLike(t)) evidence_words.push_back(&t.norm);
    }
    if (claim_words.size() < 2) return 0;
    int found = 0;
    for (size_t i = 0; i + 1 < claim_words.size(); ++i) {
      for (size_t e = 0; e + 1 < evidence_words.size(); ++e) {
        if (*evidence_words[e] == *claim_words[i] &&
            *evidence_words[e + 1] == *claim_words[i + 1]) {
          ++found;
          break;
        }
      }
    }
    return static_cast<float>(found) /
           static_cast<float>(claim_words.size() - 1);
  }

  const AnalyzedText& claim_;
  const AnalyzedText& evidence_;
  std::vector<ItemAlignment> items_;
  // Per evidence token: 1 when some claim item aligned to it.
  std::vector<uint8_t> evidence_used_;
  // Per claim item: 1 when a typed mismatch explains it.
  std::vector<uint8_t> mismatched_;
  std::vector<v1::Mismatch> mismatches_;
  int number_mismatches_ = 0;
  int date_mismatches_ = 0;
  int antonym_mismatches_ = 0;
  int entity_mismatches_ = 0;
  bool negation_mismatch_ = false;
  bool attribution_mismatch_ = false;
  bool role_swap_ = false;
  bool modality_mismatch_ = false;
  bool quantifier_mismatch_ = false;
  bool speaker_unmatched_ = false;
};

float AlignedFraction(const AnalyzedText& claim,
                      const std::vector<uint8_t>& aligned) {
  const float total = claim.TotalWeight();
  if (total <= 0) return 0;
  float w = 0;
  for (size_t k = 0; k < aligned.size(); ++k) {
    if (aligned[k]) w += claim.weight[claim.content[k]];
  }
  return w / total;
}

}  // namespace

const std::array<std::string_view, kFeatureCount>& FeatureNames() {
  static constexpr std::array<std::string_view, kFeatureCount> kNames = {
      "coverage",
      "coverage_strict",
      "coverage_with_mismatches",
      "unaligned_items",
      "unaligned_names",
      "unaligned_numbers",
      "number_mismatches",
      "date_mismatches",
      "negation_mismatch",
      "antonym_mismatches",
      "entity_mismatches",
      "attribution_mismatch",
      "role_swap",
      "modality_mismatch",
      "quantifier_mismatch",
      "claim_negations",
      "evidence_negations",
      "lexical_aligned",
      "hypernym_aligned",
      "order_preserved",
      "aligned_spread",
      "bigram_overlap",
      "speaker_unmatched",
      "document_coverage",
      "document_unaligned_names",
      "document_unaligned_numbers",
      "top_two_coverage",
      "claim_lowercase",
  };
  return kNames;
}

PairAnalysis AnalyzePair(const AnalyzedText& claim,
                         const AnalyzedText& evidence) {
  PairAligner aligner(claim, evidence);
  aligner.Align();
  if (claim.TotalWeight() > 0) {
    const float coverage = aligner.Coverage();
    aligner.DetectNumberMismatches(coverage);
    aligner.DetectNegationMismatch();
    aligner.DetectAntonyms(coverage);
    aligner.DetectEntitySubstitutions(coverage);
    aligner.DetectAttribution(coverage);
    aligner.DetectRoleSwap();
    aligner.DetectModality();
    aligner.DetectQuantifier();
  }
  PairAnalysis out;
  aligner.FillFeatures(out);
  out.alignments = aligner.Alignments();
  out.mismatches = std::move(aligner.mismatches());
  return out;
}

void AddClaimContext(const AnalyzedText& claim,
                     std::vector<PairAnalysis>& pairs) {
  const size_t items = claim.content.size();
  std::vector<uint8_t> anywhere(items, 0);
  for (const PairAnalysis& p : pairs) {
    for (size_t k = 0; k < items && k < p.item_state.size(); ++k) {
      if (p.item_state[k] != 0) anywhere[k] = 1;
    }
  }
  int names = 0, numbers = 0;
  for (size_t k = 0; k < items; ++k) {
    if (anywhere[k]) continue;
    const size_t ci = claim.content[k];
    if (claim.quantity_of_token[ci] >= 0) {
      ++numbers;
    } else if (claim.is_name[ci]) {
      ++names;
    }
  }
  // The best two units by coverage, together.
  size_t first = 0, second = 0;
  for (size_t i = 1; i < pairs.size(); ++i) {
    if (pairs[i].coverage > pairs[first].coverage) first = i;
  }
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (i == first) continue;
    if (second == first || pairs[i].coverage > pairs[second].coverage) {
      second = i;
    }
  }
  std::vector<uint8_t> top_two(items, 0);
  for (size_t i : {first, second}) {
    if (i >= pairs.size()) continue;
    for (size_t k = 0; k < items && k < pairs[i].item_state.size(); ++k) {
      if (pairs[i].item_state[k] == 1) top_two[k] = 1;
    }
  }
  const float document = AlignedFraction(claim, anywhere);
  const float two = AlignedFraction(claim, top_two);
  for (PairAnalysis& p : pairs) {
    p.features[kDocumentCoverage] = document;
    p.features[kDocumentUnalignedNames] = static_cast<float>(names);
    p.features[kDocumentUnalignedNumbers] = static_cast<float>(numbers);
    p.features[kTopTwoCoverage] = std::max(two, p.coverage);
    p.features[kClaimLowercase] = claim.lowercase ? 1.0f : 0.0f;
  }
}

}  // namespace factcheck::verifier
