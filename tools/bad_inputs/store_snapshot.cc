#include "tools/bad_inputs/store_snapshot.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/string_view.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/message.h"
#include "services/claims/ingest.h"

namespace factcheck::bad_inputs {
namespace {

// Queries whose hits (and scores) join the snapshot: they exercise the
// search index and the corpus statistics BM25 reads.
constexpr const char* kProbeQueries[] = {"budget council transit",
                                         "minister said percent"};
constexpr int kPageSize = 1000;

// Appends a length-prefixed deterministic serialization of `message`.
void Append(const google::protobuf::Message& message, std::string* out) {
  std::string bytes;
  google::protobuf::io::StringOutputStream stream(&bytes);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializeToCodedStream(&coded);
  coded.Trim();
  absl::StrAppend(out, bytes.size(), ":");
  out->append(bytes);
}

absl::Status Failed(std::string_view rpc, const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat("snapshot: ", AsAbsl(rpc),
                                   " failed: ", status.error_message()));
}

}  // namespace

std::string StoreSnapshot::Digest() const {
  return claims::Sha256Hex(canonical);
}

absl::StatusOr<StoreSnapshot> TakeSnapshot(RpcClient& client,
                                           std::string_view authorization) {
  StoreSnapshot snapshot;
  std::vector<std::string> ids;
  v1::ListArticlesRequest list;
  list.set_page_size(kPageSize);
  do {
    v1::ListArticlesResponse page;
    grpc::Status status = client.claims().ListArticles(
        client.Context(authorization).get(), list, &page);
    if (!status.ok()) return Failed("ListArticles", status);
    Append(page, &snapshot.canonical);
    for (const v1::Article& article : page.articles()) {
      ids.push_back(article.id());
    }
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  snapshot.articles = static_cast<int>(ids.size());

  for (const std::string& id : ids) {
    v1::GetArticleRequest get;
    get.set_id(id);
    v1::Article article;
    grpc::Status status = client.claims().GetArticle(
        client.Context(authorization).get(), get, &article);
    if (!status.ok()) return Failed("GetArticle", status);
    Append(article, &snapshot.canonical);

    v1::ListStatementsRequest statements;
    statements.set_article_id(id);
    statements.set_page_size(kPageSize);
    do {
      v1::ListStatementsResponse page;
      status = client.claims().ListStatements(
          client.Context(authorization).get(), statements, &page);
      if (!status.ok()) return Failed("ListStatements", status);
      Append(page, &snapshot.canonical);
      snapshot.statements += page.statements_size();
      statements.set_page_token(page.next_page_token());
    } while (!statements.page_token().empty());
  }

  for (const char* query : kProbeQueries) {
    v1::SearchStatementsRequest search;
    search.set_query(query);
    search.set_max_results(100);
    v1::SearchStatementsResponse hits;
    grpc::Status status = client.claims().SearchStatements(
        client.Context(authorization).get(), search, &hits);
    if (!status.ok()) return Failed("SearchStatements", status);
    Append(hits, &snapshot.canonical);
  }
  absl::StrAppend(&snapshot.canonical, "articles=", snapshot.articles,
                  " statements=", snapshot.statements);
  return snapshot;
}

}  // namespace factcheck::bad_inputs
