#include "services/verifier/verifier_service_impl.h"

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/grpc_status.h"
#include "services/common/unary_call.h"

namespace factcheck::verifier {
namespace {

using common::LogFact;
using common::RunUnary;

std::string VerdictName(v1::Verdict verdict) {
  // "VERDICT_SUPPORTED" -> "SUPPORTED".
  std::string name = v1::Verdict_Name(verdict);
  constexpr std::string_view kPrefix = "VERDICT_";
  if (name.rfind(kPrefix, 0) == 0) name.erase(0, kPrefix.size());
  return name;
}

// Verdict name -> how many responses had it, for the log line and metrics
// (common::kVerdictCountFactPrefix).
using VerdictCounts = std::map<std::string, int64_t>;

void AddVerdictCountFacts(const VerdictCounts& counts,
                          std::vector<LogFact>* facts) {
  for (const auto& [verdict, count] : counts) {
    facts->push_back(
        {absl::StrCat(common::kVerdictCountFactPrefix, verdict), count});
  }
}

// One VerifyStream call: reads a request, verifies it, writes its response,
// then reads the next, so responses come out in request order. A rejected
// request yields a response with `error` and the stream goes on. Finishes OK
// when the client half-closes; CANCELLED when the call is cancelled, and
// CANCELLED or DEADLINE_EXCEEDED when that stops a verification in progress
// (the message says how many requests were answered). Deletes itself in
// OnDone.
class VerifyStreamReactor final
    : public grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  VerifyStreamReactor(grpc::CallbackServerContext* context,
                      const VerifierCore* core,
                      const common::RequestLogger* logger,
                      auth::Admission* admission)
      : context_(context), core_(core), logger_(logger) {
    record_.start = absl::Now();
    record_.rpc = "VerifyStream";
    record_.peer = context->peer();
    absl::Status active = common::CheckCallActive(*context);
    if (!active.ok()) {
      FinishWith(active);
      return;
    }
    // Admitted once for the whole stream; the slot is held until it ends.
    absl::StatusOr<auth::Admission::Slot> admitted =
        common::AdmitCall(admission, *context, auth::CallKind::kStream,
                          auth::Scope::kRead, record_.rpc);
    if (!admitted.ok()) {
      FinishWith(admitted.status());
      return;
    }
    slot_ = *std::move(admitted);
    StartRead(&raw_request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok || context_->IsCancelled()) {
      // A failed read is the client's half-close (OK), unless the call was
      // cancelled, broke or ran out of time, which reads the same.
      FinishWith(common::CallControlOf(*context_).Check(
          absl::StrCat(requests_, " stream requests answered")));
      return;
    }
    ++requests_;
    v1::VerifyRequest request;
    absl::Status parsed = common::ParseRequest(raw_request_, &request);
    absl::StatusOr<v1::VerifyResponse> result =
        parsed.ok() ? VerifyNext(request)
                    : absl::StatusOr<v1::VerifyResponse>(parsed);
    // The call's deadline passed or it was cancelled: nobody reads on.
    if (IsStopStatus(result.status())) {
      FinishWith(result.status());
      return;
    }
    v1::VerifyResponse response;
    if (result.ok()) {
      response = *std::move(result);
      ++verdict_counts_[VerdictName(response.verdict())];
    } else {
      ++errors_;
      response.set_error(StreamErrorText(result.status()));
    }
    response.set_request_id(request.request_id());
    raw_response_.Clear();
    common::SerializeResponse(response, &raw_response_);
    StartWrite(&raw_response_);
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      FinishWith(absl::CancelledError("the response could not be sent"));
      return;
    }
    StartRead(&raw_request_);
  }

  void OnDone() override {
    record_.elapsed = absl::Now() - record_.start;
    record_.facts.push_back({"requests", requests_});
    record_.facts.push_back({"errors", errors_});
    AddVerdictCountFacts(verdict_counts_, &record_.facts);
    logger_->Log(record_);
    delete this;
  }

 private:
  // Verifies the stream's next request within the call's deadline and
  // cancellation; a stop's message says how many requests were answered.
  absl::StatusOr<v1::VerifyResponse> VerifyNext(
      const v1::VerifyRequest& request) const {
    const CallControl control = common::CallControlOf(*context_).Within(
        absl::StrCat(requests_ - 1, " stream requests answered"));
    return core_->Verify(request, control);
  }

  // Called exactly once: every path above ends the read/write chain here.
  void FinishWith(const absl::Status& status) {
    record_.code = status.code();
    record_.error = std::string(status.message());
    // Free the slot first: once the client sees the end, it is free.
    slot_ = auth::Admission::Slot();
    Finish(common::ToGrpcStatus(status));
  }

  grpc::CallbackServerContext* context_;
  const VerifierCore* core_;
  const common::RequestLogger* logger_;
  // Reactions never overlap here (one operation in flight at a time), so
  // these need no lock.
  grpc::ByteBuffer raw_request_;
  grpc::ByteBuffer raw_response_;
  common::RequestRecord record_;
  int64_t requests_ = 0;
  int64_t errors_ = 0;
  VerdictCounts verdict_counts_;
  auth::Admission::Slot slot_;
};

}  // namespace

std::string StreamErrorText(const absl::Status& status) {
  return absl::StrCat(absl::StatusCodeToString(status.code()), ": ",
                      status.message());
}

VerifierServiceImpl::VerifierServiceImpl(const VerifierCore* core,
                                         const common::RequestLogger* logger,
                                         auth::Admission* admission)
    : core_(core), logger_(logger), admission_(admission) {}

grpc::ServerUnaryReactor* VerifierServiceImpl::Verify(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  return RunUnary<v1::VerifyRequest, v1::VerifyResponse>(
      context, *logger_, admission_, auth::Scope::kRead, "Verify", raw_request,
      raw_response,
      [this, context](
          const v1::VerifyRequest& request,
          std::vector<LogFact>* facts) -> absl::StatusOr<v1::VerifyResponse> {
        facts->push_back(
            {"claim_bytes", static_cast<int64_t>(request.claim().size())});
        auto result = core_->Verify(request, common::CallControlOf(*context));
        if (result.ok()) {
          facts->push_back(
              {common::kVerdictFact, VerdictName(result->verdict())});
          facts->push_back(
              {"evidence", static_cast<int64_t>(result->evidence_size())});
        }
        return result;
      });
}

grpc::ServerUnaryReactor* VerifierServiceImpl::VerifyBatch(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  return RunUnary<v1::VerifyBatchRequest, v1::VerifyBatchResponse>(
      context, *logger_, admission_, auth::Scope::kRead, "VerifyBatch",
      raw_request, raw_response,
      [this, context](const v1::VerifyBatchRequest& request,
                      std::vector<LogFact>* facts) {
        facts->push_back(
            {"claims", static_cast<int64_t>(request.claims_size())});
        int claims_done = 0;
        auto result = core_->VerifyBatch(
            request, common::CallControlOf(*context), &claims_done);
        // Stopped by the deadline or a cancellation: how far it got.
        if (IsStopStatus(result.status())) {
          facts->push_back({"claims_done", static_cast<int64_t>(claims_done)});
        }
        if (result.ok()) {
          VerdictCounts counts;
          for (const v1::VerifyResponse& response : result->results()) {
            ++counts[VerdictName(response.verdict())];
          }
          AddVerdictCountFacts(counts, facts);
        }
        return result;
      });
}

grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>*
VerifierServiceImpl::VerifyStream(grpc::CallbackServerContext* context) {
  return new VerifyStreamReactor(context, core_, logger_, admission_);
}

}  // namespace factcheck::verifier
