#ifndef FACTCHECK_SERVICES_VERIFIER_VERIFICATION_ENGINE_H_
#define FACTCHECK_SERVICES_VERIFIER_VERIFICATION_ENGINE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "base/call_control.h"
#include "factcheck/v1/verifier_service.pb.h"
#include "services/verifier/pair_scorer.h"
#include "text/word_relations.h"

namespace factcheck::verifier {

// Decision thresholds over the decisive pair's class probabilities.
struct DecisionThresholds {
  // CONTRADICTED when P(contradicted) reaches this and beats P(supported).
  float contradict = 0.5f;
  // Otherwise SUPPORTED when P(supported) reaches this.
  float support = 0.5f;
  // The evidence must align at least this share of the claim's content to
  // support it, and (counting items with a typed mismatch) to contradict
  // it: below, the model's support or disagreement is about something else
  // and its probability goes to UNSUPPORTED. Guards against training data
  // without an UNSUPPORTED class (FEVER), where a claim that shares little
  // with its evidence is still labelled supported or refuted.
  float min_support_coverage = 0.7f;
  float min_contradiction_coverage = 0.5f;
  // A typed mismatch of a hard kind (number, date, negation, antonym,
  // attribution, role) on a pair that aligns at least this share of the
  // claim (counting the mismatched items) is about the same fact: the
  // evidence cannot then support the claim, and P(supported) goes to
  // CONTRADICTED; when the rest of the claim aligns at least this share
  // without the mismatch, it is the same statement with another value, and
  // P(unsupported) goes there too.
  float explained_contradiction_coverage = 0.8f;
  // Without a typed mismatch, the model alone must be this sure to call a
  // claim contradicted; below, the disagreement is unexplained and its
  // probability goes to UNSUPPORTED.
  float unexplained_contradict = 0.8f;
};

// Moves the probability of SUPPORTED / CONTRADICTED to UNSUPPORTED when the
// pair aligns too little of the claim for either, and of an unexplained
// CONTRADICTED (no typed mismatch, model not sure enough); moves that of
// SUPPORTED to CONTRADICTED when a hard typed mismatch explains the pair:
// see DecisionThresholds.
ClassProbabilities GateByAlignment(ClassProbabilities p,
                                   const PairAnalysis& pair,
                                   const DecisionThresholds& t);

// The verdict rule over one pair's class probabilities: CONTRADICTED when
// P(contradicted) reaches its threshold and is at least P(supported), else
// SUPPORTED when P(supported) reaches its threshold, else UNSUPPORTED.
v1::Verdict DecideVerdict(const ClassProbabilities& p,
                          const DecisionThresholds& t);

// Analyses of stored statements (and windows of two), kept across requests:
// a newsroom checks many claims against the same articles. Bounded; emptied
// when full. Thread-safe.
class AnalysisCache {
 public:
  explicit AnalysisCache(size_t capacity) : capacity_(capacity) {}

  std::shared_ptr<const AnalyzedText> Find(const std::string& key) const;
  void Insert(const std::string& key,
              std::shared_ptr<const AnalyzedText> analysis);

 private:
  const size_t capacity_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::shared_ptr<const AnalyzedText>> entries_
      ABSL_GUARDED_BY(mu_);
};

// Decides a verdict for one claim from candidate evidence statements: analyse
// the claim, align it to every candidate (and windows of two adjacent
// candidates of the same article), run the typed detectors, classify the
// best-aligned unit with the PairScorer, aggregate subclaims, explain. Pure:
// no I/O. Thread-safe (const).
class VerificationEngine {
 public:
  // The model-free baseline (LexicalPairScorer), with WordNet when the
  // default database is installed.
  VerificationEngine();
  // `relations` may be null (no WordNet alignment or antonyms).
  VerificationEngine(std::unique_ptr<PairScorer> scorer,
                     std::shared_ptr<const text::WordRelations> relations,
                     DecisionThresholds thresholds = {});
  explicit VerificationEngine(std::unique_ptr<PairScorer> scorer);

  // `claim`: non-empty valid UTF-8. `candidates`: statements with `text`
  // and `span` (into their article body or the inline evidence text); ids
  // may be empty for inline evidence. Returns a complete response: verdict,
  // confidence, scores, at most `max_evidence` evidence items, mismatches
  // and an explanation. No candidates -> VERDICT_UNSUPPORTED.
  v1::VerifyResponse Verify(std::string_view claim,
                            const std::vector<v1::Statement>& candidates,
                            int max_evidence) const;

  // The same, checking `control` every few candidates while it analyses
  // and aligns them: returns its status (CANCELLED or DEADLINE_EXCEEDED,
  // saying how far the claim got) when it says to stop, and exactly what
  // Verify returns otherwise.
  absl::StatusOr<v1::VerifyResponse> Verify(
      std::string_view claim, const std::vector<v1::Statement>& candidates,
      int max_evidence, const CallControl& control) const;

  // The archive search query for `claim`: the claim, then WordNet aliases
  // and common synonyms of its words ("Paris" adds "france"), while the
  // query stays within `max_bytes`. The claim alone without WordNet.
  std::string ArchiveQuery(std::string_view claim, size_t max_bytes) const;

  // The features of the pair that decides the whole `claim` (not split into
  // subclaims) against `candidates`: what the verdict model is trained on.
  // All zero but the context when there are no candidates.
  FeatureVector DecisiveFeatures(
      std::string_view claim,
      const std::vector<v1::Statement>& candidates) const;

  const DecisionThresholds& thresholds() const { return thresholds_; }

 private:
  // Statements and windows analysed per engine: a few KB each.
  static constexpr size_t kAnalysisCacheEntries = 8192;

  // Verify, checking `control` when it is not null.
  absl::StatusOr<v1::VerifyResponse> VerifyWithin(
      std::string_view claim, const std::vector<v1::Statement>& candidates,
      int max_evidence, const CallControl* control) const;

  std::unique_ptr<PairScorer> scorer_;
  std::shared_ptr<const text::WordRelations> relations_;
  DecisionThresholds thresholds_;
  std::unique_ptr<AnalysisCache> cache_;
};

// Loads WordNet from `dir` and builds its word relations (about a second).
absl::StatusOr<std::shared_ptr<const text::WordRelations>> LoadWordRelations(
    std::string_view dir);

// WordNet relations from Debian's wordnet-base, loaded once per process on
// first use; null when the database is not installed. Thread-safe.
std::shared_ptr<const text::WordRelations> DefaultWordRelations();

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_VERIFICATION_ENGINE_H_
