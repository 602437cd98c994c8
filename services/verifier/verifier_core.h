#ifndef FACTCHECK_SERVICES_VERIFIER_VERIFIER_CORE_H_
#define FACTCHECK_SERVICES_VERIFIER_VERIFIER_CORE_H_

#include <cstddef>
#include <memory>

#include "absl/status/statusor.h"
#include "base/call_control.h"
#include "factcheck/v1/verifier_service.pb.h"
#include "services/verifier/evidence_source.h"
#include "services/verifier/verification_engine.h"

namespace factcheck::verifier {

struct VerifierOptions {
  // Largest accepted claim, in bytes. Default: 4 KiB.
  size_t max_claim_bytes = 4 << 10;
  // Largest accepted inline evidence_text, in bytes. Default: 2 MiB.
  size_t max_evidence_text_bytes = 2 << 20;
  // Most claims in one VerifyBatch. Default: 256.
  int max_batch_size = 256;
  // Most article ids in one scope. Default: 100.
  int max_scope_articles = 100;
  // Most evidence items a response may carry. Default: 20.
  int max_evidence_limit = 20;
  // Archive candidates when the request gives none. Default: 20.
  int default_archive_candidates = 20;
};

// The logic of VerifierService: validates requests, resolves the scope to
// candidate statements through an EvidenceSource, and runs the engine.
// Plain protos in, absl::StatusOr out; no gRPC. Thread-safe.
class VerifierCore {
 public:
  // `source` is not owned and may be null, in which case only inline
  // `evidence_text` scopes are accepted (FAILED_PRECONDITION otherwise).
  VerifierCore(const EvidenceSource* source,
               std::unique_ptr<VerificationEngine> engine,
               VerifierOptions options);

  // `control` carries the call's deadline and cancellation (default: none,
  // the work always runs to its end). It is checked after validation
  // (before any work), between claims, after each claim's archive search,
  // and inside the engine every few candidates; the evidence source gets it
  // for its reads. Once it says to stop, the work stops and its status comes
  // back: CANCELLED or DEADLINE_EXCEEDED, saying how far the work got
  // ("deadline exceeded after 12 of 256 claims verified, then ..."). No
  // other error has those two codes. Verdicts do not depend on `control`.
  absl::StatusOr<v1::VerifyResponse> Verify(
      const v1::VerifyRequest& request,
      const CallControl& control = CallControl()) const;
  // `claims_verified`, when not null, is set to how many claims were
  // verified: all of them on success, those verified before the stop when
  // `control` stopped the work, 0 when the request is rejected.
  absl::StatusOr<v1::VerifyBatchResponse> VerifyBatch(
      const v1::VerifyBatchRequest& request,
      const CallControl& control = CallControl(),
      int* claims_verified = nullptr) const;

  const VerifierOptions& options() const { return options_; }

 private:
  // VerifyBatch, counting the claims verified in `*verified`.
  absl::StatusOr<v1::VerifyBatchResponse> VerifyClaims(
      const v1::VerifyBatchRequest& request, const CallControl& control,
      int* verified) const;

  const EvidenceSource* source_;
  std::unique_ptr<VerificationEngine> engine_;
  VerifierOptions options_;
};

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_VERIFIER_CORE_H_
