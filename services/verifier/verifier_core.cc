#include "services/verifier/verifier_core.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "services/claims/ingest.h"
#include "services/validation/request_validation.h"

namespace factcheck::verifier {
namespace {

using validation::CheckText;

constexpr size_t kMaxClaimantBytes = 1 << 10;
constexpr int kDefaultMaxEvidence = 3;
constexpr int kMaxArchiveCandidates = 100;
// Expanded archive queries stay within what the claims service accepts
// (ClaimsOptions::max_query_bytes, 8 KiB by default; a remote one is not
// asked).
constexpr size_t kMaxArchiveQueryBytes = 4 << 10;

// The scope fields shared by VerifyRequest and VerifyBatchRequest.
struct ScopeFields {
  const google::protobuf::RepeatedPtrField<std::string>* article_ids;
  const v1::ArchiveScope* archive;  // Null when unset.
  const std::string* evidence_text;
};

// A resolved scope: fixed candidates (article ids, inline text), or an
// archive search run per claim.
struct Scope {
  std::vector<v1::Statement> fixed_candidates;
  bool archive = false;
  v1::ArticleFilter archive_filter;
  int archive_candidates = 0;
};

}  // namespace

VerifierCore::VerifierCore(const EvidenceSource* source,
                           std::unique_ptr<VerificationEngine> engine,
                           VerifierOptions options)
    : source_(source), engine_(std::move(engine)), options_(options) {}

namespace {

absl::Status CheckMaxEvidence(int requested, int limit, int* resolved) {
  return validation::ResolvePageSize("max_evidence", requested,
                                     kDefaultMaxEvidence, limit, resolved);
}

absl::StatusOr<Scope> ResolveScope(const ScopeFields& fields,
                                   const EvidenceSource* source,
                                   const VerifierOptions& options,
                                   const CallControl& control) {
  const bool by_ids = !fields.article_ids->empty();
  const bool by_archive = fields.archive != nullptr;
  const bool by_text = !fields.evidence_text->empty();
  if (by_ids + by_archive + by_text != 1) {
    return absl::InvalidArgumentError(
        "set exactly one scope: article_ids (stored articles), archive (the "
        "whole archive) or evidence_text (text to check against)");
  }
  Scope scope;
  if (by_text) {
    FACTCHECK_RETURN_IF_ERROR(CheckText("evidence_text", *fields.evidence_text,
                                        options.max_evidence_text_bytes, true));
    // Inline text goes through the same analysis as an ingested article.
    FACTCHECK_ASSIGN_OR_RETURN(scope.fixed_candidates,
                               claims::AnalyzeRawText(*fields.evidence_text));
    return scope;
  }
  if (source == nullptr) {
    return absl::FailedPreconditionError(
        "this verifier has no article store; use evidence_text");
  }
  if (by_archive) {
    const int requested = fields.archive->max_candidates();
    if (requested < 0 || requested > kMaxArchiveCandidates) {
      return absl::InvalidArgumentError(
          absl::StrCat("archive.max_candidates is ", requested, "; use 0..",
                       kMaxArchiveCandidates));
    }
    FACTCHECK_RETURN_IF_ERROR(validation::CheckArticleFilter(
        "archive.filter", fields.archive->filter()));
    scope.archive = true;
    scope.archive_filter = fields.archive->filter();
    scope.archive_candidates =
        requested == 0 ? options.default_archive_candidates : requested;
    return scope;
  }
  if (fields.article_ids->size() > options.max_scope_articles) {
    return absl::ResourceExhaustedError(
        absl::StrCat("article_ids has ", fields.article_ids->size(),
                     " ids; the limit is ", options.max_scope_articles));
  }
  std::set<std::string> seen;
  const int articles = fields.article_ids->size();
  for (int i = 0; i < articles; ++i) {
    const std::string& id = fields.article_ids->Get(i);
    FACTCHECK_RETURN_IF_ERROR(validation::CheckArticleId("article_ids", id));
    if (!seen.insert(id).second) continue;
    const CallControl read_control = control.Within(
        absl::StrCat(i, " of ", articles, " scope articles read"));
    FACTCHECK_RETURN_IF_ERROR(read_control.Check(""));
    absl::StatusOr<std::vector<v1::Statement>> statements =
        source->ArticleStatements(id, read_control);
    if (absl::IsNotFound(statements.status())) {
      return absl::NotFoundError(
          absl::StrCat("article_ids: no article with id \"", id, "\""));
    }
    if (!statements.ok()) return statements.status();
    for (v1::Statement& s : *statements) {
      scope.fixed_candidates.push_back(std::move(s));
    }
  }
  return scope;
}

}  // namespace

absl::StatusOr<v1::VerifyResponse> VerifierCore::Verify(
    const v1::VerifyRequest& request, const CallControl& control) const {
  v1::VerifyBatchRequest batch;
  batch.add_claims(request.claim());
  *batch.mutable_article_ids() = request.article_ids();
  if (request.has_archive()) *batch.mutable_archive() = request.archive();
  batch.set_evidence_text(request.evidence_text());
  batch.set_max_evidence(request.max_evidence());
  batch.set_claimant(request.claimant());
  FACTCHECK_ASSIGN_OR_RETURN(v1::VerifyBatchResponse response,
                             VerifyBatch(batch, control));
  v1::VerifyResponse result = std::move(*response.mutable_results(0));
  result.set_request_id(request.request_id());
  return result;
}

absl::StatusOr<v1::VerifyBatchResponse> VerifierCore::VerifyBatch(
    const v1::VerifyBatchRequest& request, const CallControl& control,
    int* claims_verified) const {
  int verified = 0;
  absl::StatusOr<v1::VerifyBatchResponse> result =
      VerifyClaims(request, control, &verified);
  if (claims_verified != nullptr) *claims_verified = verified;
  return result;
}

absl::StatusOr<v1::VerifyBatchResponse> VerifierCore::VerifyClaims(
    const v1::VerifyBatchRequest& request, const CallControl& control,
    int* verified) const {
  if (request.claims().empty()) {
    return absl::InvalidArgumentError("claims is empty; give 1 or more");
  }
  if (request.claims_size() > options_.max_batch_size) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "claims has ", request.claims_size(), " entries; the limit is ",
        options_.max_batch_size, " per batch (max_batch_size)"));
  }
  // Validate every claim before any work, so a bad batch costs nothing.
  for (int i = 0; i < request.claims_size(); ++i) {
    const std::string field =
        request.claims_size() == 1 ? "claim" : absl::StrCat("claims[", i, "]");
    FACTCHECK_RETURN_IF_ERROR(
        CheckText(field, request.claims(i), options_.max_claim_bytes, true));
  }
  FACTCHECK_RETURN_IF_ERROR(
      CheckText("claimant", request.claimant(), kMaxClaimantBytes, false));
  int max_evidence = 0;
  FACTCHECK_RETURN_IF_ERROR(CheckMaxEvidence(
      request.max_evidence(), options_.max_evidence_limit, &max_evidence));

  const ScopeFields fields{&request.article_ids(),
                           request.has_archive() ? &request.archive() : nullptr,
                           &request.evidence_text()};
  const int total = request.claims_size();
  auto claims_done = [total](int done) {
    return absl::StrCat(done, " of ", total, " claims verified");
  };
  // A request whose deadline passed (or that was cancelled) costs nothing.
  FACTCHECK_RETURN_IF_ERROR(control.Check(claims_done(0)));
  FACTCHECK_ASSIGN_OR_RETURN(Scope scope,
                             ResolveScope(fields, source_, options_, control));

  v1::VerifyBatchResponse response;
  for (int i = 0; i < total; ++i) {
    const std::string& claim = request.claims(i);
    FACTCHECK_RETURN_IF_ERROR(control.Check(claims_done(i)));
    const CallControl claim_control = control.Within(claims_done(i));
    const std::vector<v1::Statement>* candidates = &scope.fixed_candidates;
    std::vector<v1::Statement> found;
    if (scope.archive) {
      FACTCHECK_ASSIGN_OR_RETURN(
          found,
          source_->SearchArchive(
              engine_->ArchiveQuery(claim, kMaxArchiveQueryBytes),
              scope.archive_filter, scope.archive_candidates, claim_control));
      FACTCHECK_RETURN_IF_ERROR(claim_control.Check("the archive search"));
      candidates = &found;
    }
    FACTCHECK_ASSIGN_OR_RETURN(
        *response.add_results(),
        engine_->Verify(claim, *candidates, max_evidence, claim_control));
    *verified = i + 1;
  }
  return response;
}

}  // namespace factcheck::verifier
