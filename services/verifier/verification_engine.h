#ifndef FACTCHECK_SERVICES_VERIFIER_VERIFICATION_ENGINE_H_
#define FACTCHECK_SERVICES_VERIFIER_VERIFICATION_ENGINE_H_

#include <memory>
#include <string_view>
#include <vector>

#include "factcheck/v1/verifier_service.pb.h"
#include "services/verifier/pair_scorer.h"

namespace factcheck::verifier {

// Decides a verdict for one claim from candidate evidence statements: analyse
// the claim, align and score it against every candidate (and windows of two
// adjacent candidates of the same article), aggregate, explain. Pure: no I/O.
// Thread-safe (const).
class VerificationEngine {
 public:
  // Uses the default lexical scorer.
  VerificationEngine();
  explicit VerificationEngine(std::unique_ptr<PairScorer> scorer);

  // `claim`: non-empty valid UTF-8. `candidates`: statements with `text`
  // and `span` (into their article body or the inline evidence text); ids
  // may be empty for inline evidence. Returns a complete response: verdict,
  // confidence, scores, at most `max_evidence` evidence items, mismatches
  // and an explanation. No candidates -> VERDICT_UNSUPPORTED.
  v1::VerifyResponse Verify(std::string_view claim,
                            const std::vector<v1::Statement>& candidates,
                            int max_evidence) const;

 private:
  std::unique_ptr<PairScorer> scorer_;
};

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_VERIFICATION_ENGINE_H_
