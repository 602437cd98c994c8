#include "services/claims/claims_service_impl.h"

#include <cstdint>
#include <vector>

#include "services/common/unary_call.h"

namespace factcheck::claims {

using common::LogFact;
using common::RunUnary;

ClaimsServiceImpl::ClaimsServiceImpl(ClaimsCore* core,
                                     const common::RequestLogger* logger,
                                     auth::Admission* admission)
    : core_(core), logger_(logger), admission_(admission) {}

grpc::ServerUnaryReactor* ClaimsServiceImpl::IngestArticle(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  return RunUnary<v1::IngestArticleRequest, v1::IngestArticleResponse>(
      context, *logger_, admission_, auth::Scope::kWrite, "IngestArticle",
      raw_request, raw_response,
      [this](const auto& request, std::vector<LogFact>* facts)
          -> absl::StatusOr<v1::IngestArticleResponse> {
        facts->push_back(
            {"article_bytes",
             static_cast<int64_t>(request.article().body().size())});
        auto result = core_->IngestArticle(request);
        if (result.ok()) {
          facts->push_back({"article_id", result->article().id()});
          facts->push_back(
              {"statements", static_cast<int64_t>(result->statements_size())});
          facts->push_back({"already_existed",
                            static_cast<int64_t>(result->already_existed())});
        }
        return result;
      });
}

grpc::ServerUnaryReactor* ClaimsServiceImpl::GetArticle(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  return RunUnary<v1::GetArticleRequest, v1::Article>(
      context, *logger_, admission_, auth::Scope::kRead, "GetArticle",
      raw_request, raw_response,
      [this](const auto& request, std::vector<LogFact>*) {
        return core_->GetArticle(request);
      });
}

grpc::ServerUnaryReactor* ClaimsServiceImpl::ListArticles(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  return RunUnary<v1::ListArticlesRequest, v1::ListArticlesResponse>(
      context, *logger_, admission_, auth::Scope::kRead, "ListArticles",
      raw_request, raw_response,
      [this](const auto& request, std::vector<LogFact>* facts)
          -> absl::StatusOr<v1::ListArticlesResponse> {
        auto result = core_->ListArticles(request);
        if (result.ok()) {
          facts->push_back(
              {"articles", static_cast<int64_t>(result->articles_size())});
        }
        return result;
      });
}

grpc::ServerUnaryReactor* ClaimsServiceImpl::DeleteArticle(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  return RunUnary<v1::DeleteArticleRequest, v1::DeleteArticleResponse>(
      context, *logger_, admission_, auth::Scope::kWrite, "DeleteArticle",
      raw_request, raw_response,
      [this](const auto& request, std::vector<LogFact>*) {
        return core_->DeleteArticle(request);
      });
}

grpc::ServerUnaryReactor* ClaimsServiceImpl::GetStatement(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  return RunUnary<v1::GetStatementRequest, v1::Statement>(
      context, *logger_, admission_, auth::Scope::kRead, "GetStatement",
      raw_request, raw_response,
      [this](const auto& request, std::vector<LogFact>*) {
        return core_->GetStatement(request);
      });
}

grpc::ServerUnaryReactor* ClaimsServiceImpl::ListStatements(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  return RunUnary<v1::ListStatementsRequest, v1::ListStatementsResponse>(
      context, *logger_, admission_, auth::Scope::kRead, "ListStatements",
      raw_request, raw_response,
      [this](const auto& request, std::vector<LogFact>* facts)
          -> absl::StatusOr<v1::ListStatementsResponse> {
        auto result = core_->ListStatements(request);
        if (result.ok()) {
          facts->push_back(
              {"statements", static_cast<int64_t>(result->statements_size())});
        }
        return result;
      });
}

grpc::ServerUnaryReactor* ClaimsServiceImpl::SearchStatements(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  return RunUnary<v1::SearchStatementsRequest, v1::SearchStatementsResponse>(
      context, *logger_, admission_, auth::Scope::kRead, "SearchStatements",
      raw_request, raw_response,
      [this](const auto& request, std::vector<LogFact>* facts)
          -> absl::StatusOr<v1::SearchStatementsResponse> {
        facts->push_back(
            {"query_bytes", static_cast<int64_t>(request.query().size())});
        auto result = core_->SearchStatements(request);
        if (result.ok()) {
          facts->push_back({"hits", static_cast<int64_t>(result->hits_size())});
        }
        return result;
      });
}

grpc::ServerUnaryReactor* ClaimsServiceImpl::AddStatement(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* raw_request,
    grpc::ByteBuffer* raw_response) {
  return RunUnary<v1::AddStatementRequest, v1::Statement>(
      context, *logger_, admission_, auth::Scope::kWrite, "AddStatement",
      raw_request, raw_response,
      [this](const auto& request, std::vector<LogFact>*) {
        return core_->AddStatement(request);
      });
}

}  // namespace factcheck::claims
