#include "services/remote/remote_claims_reader.h"

#include <algorithm>
#include <utility>

#include "absl/random/distributions.h"
#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/client_context.h"
#include "services/common/grpc_status.h"

namespace factcheck::remote {
namespace {

// Codes the ClaimsService answers a request with: the caller's to handle,
// passed on as they are.
bool IsServiceAnswer(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::NOT_FOUND:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::OUT_OF_RANGE:
      return true;
    default:
      return false;
  }
}

// How long a backoff wait sleeps at most between looks at cancellation.
constexpr absl::Duration kCancelPollInterval = absl::Milliseconds(20);

// Sleeps for `wait`, or until `control` is cancelled.
void SleepUnlessCancelled(absl::Duration wait, const CallControl& control) {
  const absl::Time until = absl::Now() + wait;
  for (absl::Time now = absl::Now(); now < until && !control.IsCancelled();
       now = absl::Now()) {
    absl::SleepFor(std::min(until - now, kCancelPollInterval));
  }
}

}  // namespace

RemoteClaimsReader::RemoteClaimsReader(std::shared_ptr<grpc::Channel> channel,
                                       std::string target, Options options)
    : stub_(v1::ClaimsService::NewStub(std::move(channel))),
      target_(std::move(target)),
      options_(options) {}

template <typename Response, typename Attempt>
absl::StatusOr<Response> RemoteClaimsReader::Call(const char* rpc,
                                                  const CallControl& control,
                                                  Attempt attempt) const {
  const absl::Time start = absl::Now();
  // Nobody waits for the read past the caller's deadline.
  const absl::Time end =
      std::min(start + options_.total_budget, control.deadline());
  absl::Duration backoff = options_.initial_backoff;
  grpc::Status status;
  int attempts = 0;
  auto progress = [&] {
    return absl::StrCat(attempts, attempts == 1 ? " attempt" : " attempts",
                        " of ", rpc, " to the claims service at ", target_);
  };
  while (true) {
    if (absl::Status stop = control.Check(progress()); !stop.ok()) {
      return stop;
    }
    ++attempts;
    grpc::ClientContext context;
    // Fail fast (no wait_for_ready): an unreachable server answers
    // UNAVAILABLE at once, and the backoff below paces the retries.
    const absl::Time attempt_end =
        std::min(absl::Now() + options_.call_deadline, end);
    context.set_deadline(absl::ToChronoTime(attempt_end));
    Response response;
    status = attempt(&context, &response);
    if (status.ok()) return response;
    // Cut at the caller's deadline: the caller's stop, not the service's.
    if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED &&
        attempt_end == control.deadline()) {
      return control.Stop(absl::StatusCode::kDeadlineExceeded, progress());
    }
    if (absl::Status stop = control.Check(progress()); !stop.ok()) {
      return stop;
    }
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE ||
        attempts >= options_.max_attempts) {
      break;
    }
    absl::BitGen random;
    const absl::Duration wait =
        backoff * absl::Uniform(absl::IntervalClosed, random, 0.5, 1.0);
    if (absl::Now() + wait >= end) break;
    SleepUnlessCancelled(wait, control);
    backoff = std::min(backoff * 2, options_.max_backoff);
  }

  const grpc::StatusCode code = status.error_code();
  if (IsServiceAnswer(code)) return common::FromGrpcStatus(status);
  const std::string message = status.error_message();
  // CANCELLED here is the service's doing (it cancels calls when it shuts
  // down), not our caller's: to the caller, the service is unavailable.
  if (code == grpc::StatusCode::UNAVAILABLE ||
      code == grpc::StatusCode::CANCELLED) {
    return absl::UnavailableError(
        absl::StrCat("claims service at ", target_, " unavailable (", rpc, ", ",
                     attempts, attempts == 1 ? " attempt" : " attempts", " in ",
                     absl::FormatDuration(absl::Trunc(absl::Now() - start,
                                                      absl::Milliseconds(1))),
                     "): ", message));
  }
  // The verifier's own credentials were refused: a deployment error of this
  // process, not of its caller (whose token the verifier accepted).
  if (code == grpc::StatusCode::UNAUTHENTICATED ||
      code == grpc::StatusCode::PERMISSION_DENIED) {
    return absl::FailedPreconditionError(absl::StrCat(
        "claims service at ", target_, " refused this verifier's ", rpc,
        " (fix --claims_token_file: it needs a read token of the claims "
        "server): ",
        message));
  }
  if (code == grpc::StatusCode::DEADLINE_EXCEEDED) {
    return absl::UnavailableError(absl::StrCat(
        "claims service at ", target_, " did not answer ", rpc,
        " in time (deadline ", absl::FormatDuration(options_.call_deadline),
        " per call, ", absl::FormatDuration(options_.total_budget),
        " per read): ", message));
  }
  return absl::Status(
      static_cast<absl::StatusCode>(code),
      absl::StrCat("claims service at ", target_, " (", rpc, "): ", message));
}

absl::StatusOr<v1::ListStatementsResponse> RemoteClaimsReader::ListStatements(
    const v1::ListStatementsRequest& request,
    const CallControl& control) const {
  return Call<v1::ListStatementsResponse>(
      "ListStatements", control,
      [&](grpc::ClientContext* context, v1::ListStatementsResponse* response) {
        return stub_->ListStatements(context, request, response);
      });
}

absl::StatusOr<v1::SearchStatementsResponse>
RemoteClaimsReader::SearchStatements(const v1::SearchStatementsRequest& request,
                                     const CallControl& control) const {
  return Call<v1::SearchStatementsResponse>(
      "SearchStatements", control,
      [&](grpc::ClientContext* context,
          v1::SearchStatementsResponse* response) {
        return stub_->SearchStatements(context, request, response);
      });
}

absl::StatusOr<v1::Article> RemoteClaimsReader::GetArticle(
    const v1::GetArticleRequest& request, const CallControl& control) const {
  return Call<v1::Article>(
      "GetArticle", control,
      [&](grpc::ClientContext* context, v1::Article* response) {
        return stub_->GetArticle(context, request, response);
      });
}

}  // namespace factcheck::remote
