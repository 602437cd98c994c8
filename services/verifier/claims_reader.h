#ifndef FACTCHECK_SERVICES_VERIFIER_CLAIMS_READER_H_
#define FACTCHECK_SERVICES_VERIFIER_CLAIMS_READER_H_

#include "absl/status/statusor.h"
#include "base/call_control.h"
#include "factcheck/v1/article.pb.h"
#include "factcheck/v1/claims_service.pb.h"

namespace factcheck::verifier {

// The three ClaimsService reads the verifier's evidence comes from, with the
// v1 request and response protos: implemented on the ClaimsCore of the same
// process (LocalClaimsReader) or over gRPC (remote::RemoteClaimsReader).
// Errors are those of claims_service.proto (NOT_FOUND for an unknown id,
// ...); a remote implementation adds UNAVAILABLE when the service cannot be
// reached. Implementations are thread-safe.
//
// `control` carries the deadline and cancellation of the call the read
// serves: a remote reader neither waits nor retries past them and then
// returns the control's status (CANCELLED or DEADLINE_EXCEEDED); the local
// one (no waiting) ignores it. The overloads without it never stop early.
class ClaimsReader {
 public:
  virtual ~ClaimsReader() = default;

  virtual absl::StatusOr<v1::ListStatementsResponse> ListStatements(
      const v1::ListStatementsRequest& request,
      const CallControl& control) const = 0;
  virtual absl::StatusOr<v1::SearchStatementsResponse> SearchStatements(
      const v1::SearchStatementsRequest& request,
      const CallControl& control) const = 0;
  virtual absl::StatusOr<v1::Article> GetArticle(
      const v1::GetArticleRequest& request,
      const CallControl& control) const = 0;

  absl::StatusOr<v1::ListStatementsResponse> ListStatements(
      const v1::ListStatementsRequest& request) const {
    return ListStatements(request, CallControl());
  }
  absl::StatusOr<v1::SearchStatementsResponse> SearchStatements(
      const v1::SearchStatementsRequest& request) const {
    return SearchStatements(request, CallControl());
  }
  absl::StatusOr<v1::Article> GetArticle(
      const v1::GetArticleRequest& request) const {
    return GetArticle(request, CallControl());
  }
};

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_CLAIMS_READER_H_
