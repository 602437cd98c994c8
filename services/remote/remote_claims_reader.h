#ifndef FACTCHECK_SERVICES_REMOTE_REMOTE_CLAIMS_READER_H_
#define FACTCHECK_SERVICES_REMOTE_REMOTE_CLAIMS_READER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "factcheck/v1/claims_service.grpc.pb.h"
#include "grpcpp/channel.h"
#include "services/verifier/claims_reader.h"

namespace factcheck::remote {

// ClaimsReader over gRPC: the verifier's evidence from a remote
// ClaimsService (split topology). All three calls are idempotent reads, so
// a call that fails with UNAVAILABLE (nothing listens, connection lost, the
// server shutting down) is retried with exponential backoff and jitter, at
// most `max_attempts` times and never past `total_budget`, nor past the
// deadline of the caller's CallControl: the retries stop at the earlier of
// the two. Cancellation (of the control) is seen before each attempt and
// during backoff waits; an attempt in progress runs to its deadline.
//
// Errors: the control's status (CANCELLED, DEADLINE_EXCEEDED, saying how
// many attempts were made) once it says to stop; the service's own answers
// keep their code and message (NOT_FOUND stays NOT_FOUND, INVALID_ARGUMENT,
// ...); UNAVAILABLE after the last attempt, and a call that does not answer
// within its own deadline or that the service cancelled (shutting down),
// come back as UNAVAILABLE with a message naming the claims target;
// UNAUTHENTICATED and
// PERMISSION_DENIED (this verifier's token refused) become
// FAILED_PRECONDITION naming --claims_token_file; other codes (INTERNAL,
// ...) keep their code with the target named.
// Thread-safe.
class RemoteClaimsReader final : public verifier::ClaimsReader {
 public:
  struct Options {
    // Deadline of one attempt. Default: 2 s (factcheckd --claims_deadline).
    absl::Duration call_deadline = absl::Seconds(2);
    // All attempts and backoff waits of one read together: no attempt
    // starts, and none runs, past it. Default: 5 s.
    absl::Duration total_budget = absl::Seconds(5);
    // Most attempts of one read (1: no retry). Default: 6 (with the
    // default backoff, retries span about 1.5 s: a quick restart of the
    // claims service goes unnoticed).
    int max_attempts = 6;
    // Wait before the first retry; doubles up to `max_backoff`. Each wait
    // is drawn uniformly from [w/2, w] so that many verifiers do not retry
    // in step. Default: 50 ms, 1 s.
    absl::Duration initial_backoff = absl::Milliseconds(50);
    absl::Duration max_backoff = absl::Seconds(1);
  };

  // `channel` leads to a ClaimsService (see OpenClaimsChannel); `target`
  // names it in error messages.
  RemoteClaimsReader(std::shared_ptr<grpc::Channel> channel, std::string target,
                     Options options);

  using verifier::ClaimsReader::GetArticle;
  using verifier::ClaimsReader::ListStatements;
  using verifier::ClaimsReader::SearchStatements;

  absl::StatusOr<v1::ListStatementsResponse> ListStatements(
      const v1::ListStatementsRequest& request,
      const CallControl& control) const override;
  absl::StatusOr<v1::SearchStatementsResponse> SearchStatements(
      const v1::SearchStatementsRequest& request,
      const CallControl& control) const override;
  absl::StatusOr<v1::Article> GetArticle(
      const v1::GetArticleRequest& request,
      const CallControl& control) const override;

  const std::string& target() const { return target_; }

 private:
  // Runs `attempt` (grpc::Status(grpc::ClientContext*, Response*)) with the
  // retry policy within `control` and maps its final status.
  template <typename Response, typename Attempt>
  absl::StatusOr<Response> Call(const char* rpc, const CallControl& control,
                                Attempt attempt) const;

  std::unique_ptr<v1::ClaimsService::Stub> stub_;
  std::string target_;
  Options options_;
};

}  // namespace factcheck::remote

#endif  // FACTCHECK_SERVICES_REMOTE_REMOTE_CLAIMS_READER_H_
