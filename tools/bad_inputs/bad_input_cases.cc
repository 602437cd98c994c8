#include "tools/bad_inputs/bad_input_cases.h"

#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "factcheck/v1/claims_service.pb.h"
#include "factcheck/v1/verifier_service.pb.h"

namespace factcheck::bad_inputs {
namespace {

using grpc::StatusCode;
using v1::ClaimsService;
using v1::VerifierService;

constexpr StatusCode kInvalid = StatusCode::INVALID_ARGUMENT;
constexpr StatusCode kExhausted = StatusCode::RESOURCE_EXHAUSTED;
constexpr StatusCode kNotFound = StatusCode::NOT_FOUND;
constexpr StatusCode kUnauthenticated = StatusCode::UNAUTHENTICATED;
constexpr StatusCode kDenied = StatusCode::PERMISSION_DENIED;

// Byte strings the cases reuse.
const std::string kInvalidUtf8("Caf\xC3 au lait costs \xFF\xFE 3 euros.");
const std::string kNulOnly("\0\0\0", 3);
const std::string kNulInId("harbor\0levy", 11);
// NO-BREAK SPACE, EM SPACE, IDEOGRAPHIC SPACE, ZERO WIDTH SPACE, LINE
// SEPARATOR: blank, though not ASCII whitespace.
constexpr char kUnicodeBlank[] =
    "\xC2\xA0\xE2\x80\x83\xE3\x80\x80\xE2\x80\x8B\xE2\x80\xA8";
constexpr char kAsciiBlank[] = " \t\r\n \v\f ";
constexpr char kGoodClaim[] = "The council charges cruise ships a levy.";

// A Timestamp one second past 9999-12-31T23:59:59Z and one before
// 0001-01-01T00:00:00Z: outside google.protobuf.Timestamp's range.
constexpr int64_t kAfterYear9999 = 253402300800;
constexpr int64_t kBeforeYear1 = -62135596801;

// Flips one character of a web-safe base64 token to another base64
// character, so that it still decodes.
std::string FlipChar(std::string token, size_t index) {
  token[index] = token[index] == 'A' ? 'B' : 'A';
  return token;
}

// `token` with one more character: truncation and extension are the other
// ways a copied token goes wrong.
std::string Truncated(const std::string& token) {
  return token.substr(0, token.size() - 1);
}

std::string Sentences(int count) {
  std::string body;
  for (int i = 0; i < count; ++i) {
    absl::StrAppend(&body, "Clause ", i, " of the levy applies to ferries. ");
  }
  return body;
}

class CaseTable {
 public:
  explicit CaseTable(const Fixture& fixture) : f_(fixture) {}

  // Adds a unary case calling `method` of the stub it belongs to.
  template <typename Stub, typename Request, typename Response>
  void Add(std::string rpc, std::string input, StatusCode expected,
           grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                        Response*),
           std::string authorization, Request request) {
    cases_.push_back(
        {std::move(rpc), std::move(input), expected,
         [method, authorization = std::move(authorization),
          request = std::move(request)](RpcClient& client) {
           if constexpr (std::is_same_v<Stub, ClaimsService::Stub>) {
             return client.Unary(client.claims(), method, authorization,
                                 request);
           } else {
             return client.Unary(client.verifier(), method, authorization,
                                 request);
           }
         }});
  }

  // Adds a VerifyStream case: one stream carrying `requests`.
  void AddStream(std::string input, StatusCode expected,
                 std::string authorization,
                 std::vector<v1::VerifyRequest> requests) {
    cases_.push_back({"VerifyStream", std::move(input), expected,
                      [authorization = std::move(authorization),
                       requests = std::move(requests)](RpcClient& client) {
                        return client.VerifyStream(authorization, requests);
                      }});
  }

  // Adds a case sending raw bytes as the request of `rpc` on `service`.
  void AddRaw(std::string service, std::string rpc, std::string input,
              StatusCode expected, std::string authorization,
              std::string bytes) {
    std::string method = absl::StrCat("/factcheck.v1.", service, "/", rpc);
    cases_.push_back(
        {std::move(rpc), std::move(input), expected,
         [method = std::move(method), authorization = std::move(authorization),
          bytes = std::move(bytes)](RpcClient& client) {
           return client.RawUnary(authorization, method, bytes);
         }});
  }

  void IngestCases();
  void GetArticleCases();
  void ListArticlesCases();
  void DeleteArticleCases();
  void GetStatementCases();
  void ListStatementsCases();
  void SearchStatementsCases();
  void AddStatementCases();
  void VerifyCases();
  void VerifyBatchCases();
  void VerifyStreamCases();

  std::vector<BadInputCase> Take() { return std::move(cases_); }

 private:
  void Ingest(std::string input, StatusCode expected, v1::Article article,
              const std::string& authorization) {
    v1::IngestArticleRequest request;
    *request.mutable_article() = std::move(article);
    Add("IngestArticle", std::move(input), expected,
        &ClaimsService::Stub::IngestArticle, authorization, request);
  }
  void Ingest(std::string input, StatusCode expected, v1::Article article) {
    Ingest(std::move(input), expected, std::move(article), f_.write_auth);
  }
  // A valid body no other case uses: were a bad request with it accepted,
  // it would be stored, not found as already existing.
  std::string GoodBody() {
    return absl::StrCat("The Amsel ferry service will add night crossing ",
                        ++bodies_, " from June, the operator said.\n");
  }
  static v1::Article WithBody(std::string body) {
    v1::Article article;
    article.set_body(std::move(body));
    return article;
  }

  void ListArticles(std::string input, StatusCode expected,
                    v1::ListArticlesRequest request) {
    Add("ListArticles", std::move(input), expected,
        &ClaimsService::Stub::ListArticles, f_.read_auth, std::move(request));
  }
  void ListStatements(std::string input, StatusCode expected,
                      v1::ListStatementsRequest request) {
    Add("ListStatements", std::move(input), expected,
        &ClaimsService::Stub::ListStatements, f_.read_auth, std::move(request));
  }
  void Search(std::string input, StatusCode expected,
              v1::SearchStatementsRequest request) {
    Add("SearchStatements", std::move(input), expected,
        &ClaimsService::Stub::SearchStatements, f_.read_auth,
        std::move(request));
  }
  void AddStatement(std::string input, StatusCode expected,
                    v1::AddStatementRequest request,
                    const std::string& authorization) {
    Add("AddStatement", std::move(input), expected,
        &ClaimsService::Stub::AddStatement, authorization, std::move(request));
  }
  void AddStatement(std::string input, StatusCode expected,
                    v1::AddStatementRequest request) {
    AddStatement(std::move(input), expected, std::move(request), f_.write_auth);
  }
  void Verify(std::string input, StatusCode expected, v1::VerifyRequest request,
              const std::string& authorization) {
    Add("Verify", std::move(input), expected, &VerifierService::Stub::Verify,
        authorization, std::move(request));
  }
  void Verify(std::string input, StatusCode expected,
              v1::VerifyRequest request) {
    Verify(std::move(input), expected, std::move(request), f_.read_auth);
  }
  void Batch(std::string input, StatusCode expected,
             v1::VerifyBatchRequest request, const std::string& authorization) {
    Add("VerifyBatch", std::move(input), expected,
        &VerifierService::Stub::VerifyBatch, authorization, std::move(request));
  }
  void Batch(std::string input, StatusCode expected,
             v1::VerifyBatchRequest request) {
    Batch(std::move(input), expected, std::move(request), f_.read_auth);
  }

  // A claim against article A: the valid request the Verify cases break.
  v1::VerifyRequest GoodVerify() const {
    v1::VerifyRequest request;
    request.set_claim(kGoodClaim);
    request.add_article_ids(f_.article_a);
    return request;
  }
  v1::VerifyBatchRequest GoodBatch() const {
    v1::VerifyBatchRequest request;
    request.add_claims(kGoodClaim);
    request.add_claims("Milk prices rose 8% in May.");
    request.add_article_ids(f_.article_a);
    return request;
  }
  v1::ListStatementsRequest ByArticle(const std::string& id) const {
    v1::ListStatementsRequest request;
    request.set_article_id(id);
    return request;
  }
  v1::AddStatementRequest GoodAdd() const {
    v1::AddStatementRequest request;
    request.set_article_id(f_.article_a);
    request.set_text("The levy will be reviewed after two years.");
    return request;
  }

  const Fixture& f_;
  std::vector<BadInputCase> cases_;
  int bodies_ = 0;
};

void CaseTable::IngestCases() {
  Add("IngestArticle", "no article", kInvalid,
      &ClaimsService::Stub::IngestArticle, f_.write_auth,
      v1::IngestArticleRequest());
  Ingest("article without a body (title only)", kInvalid, [] {
    v1::Article article;
    article.set_title("A headline without its article");
    return article;
  }());
  Ingest("article.body empty", kInvalid, WithBody(""));
  Ingest("article.body ASCII whitespace only", kInvalid, WithBody(kAsciiBlank));
  Ingest("article.body Unicode spaces only (NBSP, EM, IDEOGRAPHIC, ZWSP)",
         kInvalid, WithBody(kUnicodeBlank));
  Ingest("article.body NUL bytes only", kInvalid, WithBody(kNulOnly));
  Ingest("article.body invalid UTF-8", kInvalid, WithBody(kInvalidUtf8));
  Ingest(absl::StrCat("article.body ", f_.max_article_bytes + 1,
                      " bytes (max_article_bytes + 1)"),
         kExhausted, WithBody(std::string(f_.max_article_bytes + 1, 'a')));
  Ingest(absl::StrCat("request over max message size (",
                      f_.max_message_bytes + 1, "-byte body)"),
         kExhausted, WithBody(std::string(f_.max_message_bytes + 1, 'a')));
  Ingest(absl::StrCat("article.body of ", f_.max_statements_per_article + 1,
                      " sentences (max_statements_per_article + 1)"),
         kExhausted, WithBody(Sentences(f_.max_statements_per_article + 1)));

  v1::Article article = WithBody(GoodBody());
  article.set_title(kInvalidUtf8);
  Ingest("article.title invalid UTF-8", kInvalid, article);
  article = WithBody(GoodBody());
  article.set_title(std::string(4097, 't'));
  Ingest("article.title 4097 bytes (limit 4096)", kExhausted, article);
  article = WithBody(GoodBody());
  article.set_publisher(kInvalidUtf8);
  Ingest("article.publisher invalid UTF-8", kInvalid, article);
  article = WithBody(GoodBody());
  article.set_id("bad id!");
  Ingest("article.id \"bad id!\" (space, '!')", kInvalid, article);
  article.set_id(std::string(129, 'x'));
  Ingest("article.id 129 bytes (limit 128)", kInvalid, article);
  article.set_id(kNulInId);
  Ingest("article.id with a NUL byte", kInvalid, article);
  article.set_id(f_.article_b);
  Ingest("article.id of another stored article, different body",
         StatusCode::ALREADY_EXISTS, article);
  article = WithBody(GoodBody());
  article.set_language("fr");
  Ingest("article.language \"fr\"", kInvalid, article);
  article = WithBody(GoodBody());
  article.mutable_published_at()->set_seconds(1700000000);
  article.mutable_published_at()->set_nanos(-1);
  Ingest("article.published_at.nanos = -1", kInvalid, article);
  article.mutable_published_at()->set_nanos(1000000000);
  Ingest("article.published_at.nanos = 1e9", kInvalid, article);
  article.mutable_published_at()->set_nanos(0);
  article.mutable_published_at()->set_seconds(kAfterYear9999);
  Ingest("article.published_at after 9999-12-31", kInvalid, article);
  article.mutable_published_at()->set_seconds(kBeforeYear1);
  Ingest("article.published_at before 0001-01-01", kInvalid, article);
  article.mutable_published_at()->set_seconds(
      std::numeric_limits<int64_t>::max());
  Ingest("article.published_at.seconds = INT64_MAX", kInvalid, article);
  article = WithBody(GoodBody());
  for (int i = 0; i < 65; ++i) article.add_authors(absl::StrCat("A", i));
  Ingest("65 authors (limit 64)", kExhausted, article);
  article = WithBody(GoodBody());
  article.add_authors("");
  Ingest("an empty author", kInvalid, article);
  article = WithBody(GoodBody());
  (*article.mutable_labels())[kInvalidUtf8] = "politics";
  Ingest("a labels key with invalid UTF-8", kInvalid, article);
  article = WithBody(GoodBody());
  (*article.mutable_labels())[""] = "politics";
  Ingest("an empty labels key", kInvalid, article);
  article = WithBody(GoodBody());
  for (int i = 0; i < 65; ++i) {
    article.mutable_labels()->insert({absl::StrCat("k", i), std::string("v")});
  }
  Ingest("65 labels (limit 64)", kExhausted, article);

  Ingest("no token", kUnauthenticated, WithBody(GoodBody()), "");
  Ingest("unknown token", kUnauthenticated, WithBody(GoodBody()),
         f_.unknown_auth);
  Ingest("\"Basic\" authorization scheme", kUnauthenticated,
         WithBody(GoodBody()), "Basic d3JpdGVyOnNlY3JldA==");
  Ingest("read-only token", kDenied, WithBody(GoodBody()), f_.read_auth);
  AddRaw("ClaimsService", "IngestArticle",
         "bytes that are not a protobuf message", kInvalid, f_.write_auth,
         std::string("\x0a\xff\xff\xff\xff\x0f garbage", 12));
  // Field 1 (article) holding field 7 (body) with invalid UTF-8, encoded by
  // hand: the server must name the nested field.
  AddRaw("ClaimsService", "IngestArticle",
         "hand-encoded article.body with bytes 0xC3 0x28", kInvalid,
         f_.write_auth, std::string("\x0a\x04\x3a\x02\xc3\x28", 6));
}

void CaseTable::GetArticleCases() {
  auto get = [&](std::string input, StatusCode expected, std::string id,
                 const std::string& authorization) {
    v1::GetArticleRequest request;
    request.set_id(std::move(id));
    Add("GetArticle", std::move(input), expected,
        &ClaimsService::Stub::GetArticle, authorization, request);
  };
  get("id empty", kInvalid, "", f_.read_auth);
  get("id \"../etc/passwd\"", kInvalid, "../etc/passwd", f_.read_auth);
  get("id 129 bytes", kInvalid, std::string(129, 'x'), f_.read_auth);
  get("id invalid UTF-8", kInvalid, kInvalidUtf8, f_.read_auth);
  get("id with a NUL byte", kInvalid, kNulInId, f_.read_auth);
  get("unknown id", kNotFound, "no-such-article", f_.read_auth);
  get("no token", kUnauthenticated, f_.article_a, "");
}

void CaseTable::ListArticlesCases() {
  auto sized = [](int size) {
    v1::ListArticlesRequest request;
    request.set_page_size(size);
    return request;
  };
  ListArticles("page_size = -1", kInvalid, sized(-1));
  ListArticles("page_size = 1001 (limit 1000)", kInvalid, sized(1001));
  ListArticles("page_size = INT32_MIN", kInvalid,
               sized(std::numeric_limits<int32_t>::min()));
  ListArticles("page_size = INT32_MAX", kInvalid,
               sized(std::numeric_limits<int32_t>::max()));

  auto token = [](std::string page_token) {
    v1::ListArticlesRequest request;
    request.set_page_size(1);
    request.set_page_token(std::move(page_token));
    return request;
  };
  ListArticles("page_token \"not-a-token!\"", kInvalid, token("not-a-token!"));
  ListArticles("page_token invalid UTF-8", kInvalid, token(kInvalidUtf8));
  ListArticles("page_token with a NUL byte", kInvalid,
               token(std::string("cHQx\0YXJ0", 9)));
  const std::string& real = f_.articles_token;
  ListArticles("real page_token, middle character flipped", kInvalid,
               token(FlipChar(real, real.size() / 2)));
  ListArticles("real page_token, last character flipped", kInvalid,
               token(FlipChar(real, real.size() - 1)));
  ListArticles("real page_token, last character cut", kInvalid,
               token(Truncated(real)));
  ListArticles("real page_token + \"=\" padding", kInvalid, token(real + "="));
  ListArticles("page_token of a ListStatements listing", kInvalid,
               token(f_.statements_token));
  ListArticles("page_token of a publisher-filtered listing, no filter",
               kInvalid, token(f_.filtered_articles_token));
  v1::ListArticlesRequest request = token(real);
  request.mutable_filter()->set_publisher(f_.filter_publisher);
  ListArticles("unfiltered page_token with a publisher filter", kInvalid,
               request);

  request = v1::ListArticlesRequest();
  request.mutable_filter()->set_publisher(kInvalidUtf8);
  ListArticles("filter.publisher invalid UTF-8", kInvalid, request);
  request.mutable_filter()->set_publisher(std::string(4097, 'p'));
  ListArticles("filter.publisher 4097 bytes", kExhausted, request);
  request = v1::ListArticlesRequest();
  request.mutable_filter()->mutable_published_after()->set_seconds(1760000000);
  request.mutable_filter()->mutable_published_before()->set_seconds(1700000000);
  ListArticles("filter.published_after later than published_before", kInvalid,
               request);
  request = v1::ListArticlesRequest();
  request.mutable_filter()->mutable_published_after()->set_nanos(-5);
  ListArticles("filter.published_after.nanos = -5", kInvalid, request);
  request = v1::ListArticlesRequest();
  request.mutable_filter()->mutable_published_before()->set_seconds(
      kAfterYear9999);
  ListArticles("filter.published_before after 9999-12-31", kInvalid, request);
  Add("ListArticles", "no token", kUnauthenticated,
      &ClaimsService::Stub::ListArticles, "", v1::ListArticlesRequest());
}

void CaseTable::DeleteArticleCases() {
  auto remove = [&](std::string input, StatusCode expected, std::string id,
                    const std::string& authorization) {
    v1::DeleteArticleRequest request;
    request.set_id(std::move(id));
    Add("DeleteArticle", std::move(input), expected,
        &ClaimsService::Stub::DeleteArticle, authorization, request);
  };
  remove("id empty", kInvalid, "", f_.write_auth);
  remove("id whitespace only", kInvalid, "   ", f_.write_auth);
  remove("id \"a/b\"", kInvalid, "a/b", f_.write_auth);
  remove("id invalid UTF-8", kInvalid, kInvalidUtf8, f_.write_auth);
  remove("id with a NUL byte", kInvalid, kNulInId, f_.write_auth);
  remove("id 129 bytes", kInvalid, std::string(129, 'x'), f_.write_auth);
  remove("unknown id", kNotFound, "no-such-article", f_.write_auth);
  remove("statement id instead of article id", kInvalid, f_.statement_id,
         f_.write_auth);
  remove("no token", kUnauthenticated, f_.article_a, "");
  remove("unknown token", kUnauthenticated, f_.article_a, f_.unknown_auth);
  remove("read-only token", kDenied, f_.article_a, f_.read_auth);
}

void CaseTable::GetStatementCases() {
  auto get = [&](std::string input, StatusCode expected, std::string id) {
    v1::GetStatementRequest request;
    request.set_id(std::move(id));
    Add("GetStatement", std::move(input), expected,
        &ClaimsService::Stub::GetStatement, f_.read_auth, request);
  };
  get("id empty", kInvalid, "");
  get("id invalid UTF-8", kInvalid, kInvalidUtf8);
  get("id 200 bytes", kInvalid, std::string(200, 'x'));
  get("id without \":<seq>\"", kInvalid, f_.article_a);
  get("id with a non-numeric sequence", kInvalid,
      absl::StrCat(f_.article_a, ":abc"));
  get("sequence past the article's statements", kNotFound,
      absl::StrCat(f_.article_a, ":999999"));
  get("unknown article", kNotFound, "no-such-article:000000");
  get("id with a NUL byte", kInvalid, absl::StrCat(f_.statement_id, kNulOnly));
  Add("GetStatement", "no token", kUnauthenticated,
      &ClaimsService::Stub::GetStatement, "", v1::GetStatementRequest());
}

void CaseTable::ListStatementsCases() {
  ListStatements("neither article_id nor speaker", kInvalid,
                 v1::ListStatementsRequest());
  v1::ListStatementsRequest request = ByArticle(f_.article_a);
  request.set_speaker(f_.speaker);
  ListStatements("both article_id and speaker", kInvalid, request);
  request = ByArticle(f_.article_a);
  request.set_page_size(-1);
  ListStatements("page_size = -1", kInvalid, request);
  request.set_page_size(1001);
  ListStatements("page_size = 1001", kInvalid, request);
  ListStatements("article_id \"a b\"", kInvalid, ByArticle("a b"));
  ListStatements("article_id invalid UTF-8", kInvalid, ByArticle(kInvalidUtf8));
  ListStatements("unknown article_id", kNotFound, ByArticle("no-such-article"));
  request = v1::ListStatementsRequest();
  request.set_speaker(kAsciiBlank);
  ListStatements("speaker whitespace only", kInvalid, request);
  request.set_speaker(kUnicodeBlank);
  ListStatements("speaker Unicode spaces only", kInvalid, request);
  request.set_speaker(kNulOnly);
  ListStatements("speaker NUL bytes only", kInvalid, request);
  request.set_speaker(kInvalidUtf8);
  ListStatements("speaker invalid UTF-8", kInvalid, request);
  request.set_speaker(std::string(4097, 's'));
  ListStatements("speaker 4097 bytes", kExhausted, request);

  auto paged = [&](const std::string& id, std::string page_token) {
    v1::ListStatementsRequest r = ByArticle(id);
    r.set_page_size(1);
    r.set_page_token(std::move(page_token));
    return r;
  };
  const std::string& real = f_.statements_token;
  ListStatements("real page_token, middle character flipped", kInvalid,
                 paged(f_.article_a, FlipChar(real, real.size() / 2)));
  ListStatements("real page_token, last character flipped", kInvalid,
                 paged(f_.article_a, FlipChar(real, real.size() - 1)));
  ListStatements("article A's page_token for article B", kInvalid,
                 paged(f_.article_b, real));
  ListStatements("page_token of ListArticles", kInvalid,
                 paged(f_.article_a, f_.articles_token));
  ListStatements("speaker listing's page_token for an article", kInvalid,
                 paged(f_.article_a, f_.speaker_token));
  request = v1::ListStatementsRequest();
  request.set_speaker("Somebody Else");
  request.set_page_token(f_.speaker_token);
  ListStatements("page_token of another speaker", kInvalid, request);
  Add("ListStatements", "no token", kUnauthenticated,
      &ClaimsService::Stub::ListStatements, "", ByArticle(f_.article_a));
}

void CaseTable::SearchStatementsCases() {
  auto query = [](std::string text) {
    v1::SearchStatementsRequest request;
    request.set_query(std::move(text));
    return request;
  };
  Search("query empty", kInvalid, query(""));
  Search("query ASCII whitespace only", kInvalid, query(kAsciiBlank));
  Search("query Unicode spaces only", kInvalid, query(kUnicodeBlank));
  Search("query NUL bytes only", kInvalid, query(kNulOnly));
  Search("query invalid UTF-8", kInvalid, query(kInvalidUtf8));
  Search(absl::StrCat("query ", f_.max_query_bytes + 1, " bytes"), kExhausted,
         query(std::string(f_.max_query_bytes + 1, 'q')));
  v1::SearchStatementsRequest request = query("levy");
  request.set_max_results(-1);
  Search("max_results = -1", kInvalid, request);
  request.set_max_results(101);
  Search("max_results = 101 (limit 100)", kInvalid, request);
  request = query("levy");
  request.add_article_ids("no-such-article");
  Search("article_ids has an unknown id", kNotFound, request);
  request = query("levy");
  request.add_article_ids("bad id!");
  Search("article_ids has a malformed id", kInvalid, request);
  request = query("levy");
  request.set_speaker(kAsciiBlank);
  Search("speaker whitespace only", kInvalid, request);
  request = query("the of and");
  request.set_speaker(kAsciiBlank);
  Search("stop-word query, speaker whitespace only", kInvalid, request);
  request = query("levy");
  request.set_speaker(kInvalidUtf8);
  Search("speaker invalid UTF-8", kInvalid, request);
  Add("SearchStatements", "no token", kUnauthenticated,
      &ClaimsService::Stub::SearchStatements, "", query("levy"));
}

void CaseTable::AddStatementCases() {
  v1::AddStatementRequest request = GoodAdd();
  request.clear_article_id();
  AddStatement("article_id empty", kInvalid, request);
  request.set_article_id("bad id!");
  AddStatement("article_id malformed", kInvalid, request);
  request.set_article_id("no-such-article");
  AddStatement("unknown article_id", kNotFound, request);
  request = GoodAdd();
  request.clear_text();
  AddStatement("text empty", kInvalid, request);
  request.set_text(kAsciiBlank);
  AddStatement("text ASCII whitespace only", kInvalid, request);
  request.set_text(kUnicodeBlank);
  AddStatement("text Unicode spaces only", kInvalid, request);
  request.set_text(kNulOnly);
  AddStatement("text NUL bytes only", kInvalid, request);
  request.set_text(kInvalidUtf8);
  AddStatement("text invalid UTF-8", kInvalid, request);
  request.set_text(std::string(f_.max_query_bytes + 1, 'w'));
  AddStatement(absl::StrCat("text ", f_.max_query_bytes + 1, " bytes"),
               kExhausted, request);
  request = GoodAdd();
  request.mutable_attribution()->set_kind(v1::ATTRIBUTION_KIND_DIRECT_QUOTE);
  AddStatement("kind DIRECT_QUOTE without a speaker", kInvalid, request);
  request.mutable_attribution()->set_kind(static_cast<v1::AttributionKind>(99));
  request.mutable_attribution()->mutable_speaker()->set_name("Mira Holt");
  AddStatement("attribution.kind = 99 (not in the enum)", kInvalid, request);
  request = GoodAdd();
  request.mutable_attribution()->mutable_speaker()->set_name(kInvalidUtf8);
  AddStatement("attribution.speaker.name invalid UTF-8", kInvalid, request);
  request.mutable_attribution()->mutable_speaker()->set_name(
      std::string(4097, 'n'));
  AddStatement("attribution.speaker.name 4097 bytes", kExhausted, request);
  AddStatement("no token", kUnauthenticated, GoodAdd(), "");
  AddStatement("unknown token", kUnauthenticated, GoodAdd(), f_.unknown_auth);
  AddStatement("read-only token", kDenied, GoodAdd(), f_.read_auth);
}

void CaseTable::VerifyCases() {
  v1::VerifyRequest request = GoodVerify();
  request.clear_claim();
  Verify("claim empty", kInvalid, request);
  request.set_claim(kAsciiBlank);
  Verify("claim ASCII whitespace only", kInvalid, request);
  request.set_claim(kUnicodeBlank);
  Verify("claim Unicode spaces only", kInvalid, request);
  request.set_claim(kNulOnly);
  Verify("claim NUL bytes only", kInvalid, request);
  request.set_claim(kInvalidUtf8);
  Verify("claim invalid UTF-8", kInvalid, request);
  request.set_claim(std::string(f_.max_claim_bytes + 1, 'c'));
  Verify(absl::StrCat("claim ", f_.max_claim_bytes + 1,
                      " bytes (max_claim_bytes + 1)"),
         kExhausted, request);
  request = GoodVerify();
  request.set_claimant(kInvalidUtf8);
  Verify("claimant invalid UTF-8", kInvalid, request);
  request.set_claimant(std::string(1025, 'c'));
  Verify("claimant 1025 bytes (limit 1024)", kExhausted, request);
  request = GoodVerify();
  request.set_request_id(kInvalidUtf8);
  Verify("request_id invalid UTF-8", kInvalid, request);

  request = GoodVerify();
  request.clear_article_ids();
  Verify("no scope", kInvalid, request);
  request = GoodVerify();
  request.set_evidence_text("The levy is $12.");
  Verify("two scopes (article_ids + evidence_text)", kInvalid, request);
  request = GoodVerify();
  request.mutable_archive();
  Verify("two scopes (article_ids + archive)", kInvalid, request);
  request = GoodVerify();
  request.add_article_ids("no-such-article");
  Verify("unknown scope article", kNotFound, request);
  request = GoodVerify();
  request.add_article_ids("bad id!");
  Verify("malformed scope article id", kInvalid, request);
  request = GoodVerify();
  request.add_article_ids("");
  Verify("empty scope article id", kInvalid, request);
  request = GoodVerify();
  for (int i = 0; i < f_.max_scope_articles; ++i) {
    request.add_article_ids(absl::StrCat("a", i));
  }
  Verify(absl::StrCat(f_.max_scope_articles + 1,
                      " article_ids (max_scope_articles + 1)"),
         kExhausted, request);

  request = GoodVerify();
  request.clear_article_ids();
  request.set_evidence_text(kAsciiBlank);
  Verify("evidence_text whitespace only", kInvalid, request);
  request.set_evidence_text(kNulOnly);
  Verify("evidence_text NUL bytes only", kInvalid, request);
  request.set_evidence_text(kInvalidUtf8);
  Verify("evidence_text invalid UTF-8", kInvalid, request);
  request.set_evidence_text(std::string(f_.max_evidence_text_bytes + 1, 'e'));
  Verify(
      absl::StrCat("evidence_text ", f_.max_evidence_text_bytes + 1, " bytes"),
      kExhausted, request);

  request = GoodVerify();
  request.set_max_evidence(-1);
  Verify("max_evidence = -1", kInvalid, request);
  request.set_max_evidence(f_.max_evidence_limit + 1);
  Verify(absl::StrCat("max_evidence = ", f_.max_evidence_limit + 1, " (limit ",
                      f_.max_evidence_limit, ")"),
         kInvalid, request);

  auto archive = [&]() {
    v1::VerifyRequest r = GoodVerify();
    r.clear_article_ids();
    r.mutable_archive();
    return r;
  };
  request = archive();
  request.mutable_archive()->set_max_candidates(-1);
  Verify("archive.max_candidates = -1", kInvalid, request);
  request.mutable_archive()->set_max_candidates(101);
  Verify("archive.max_candidates = 101 (limit 100)", kInvalid, request);
  request = archive();
  request.mutable_archive()->mutable_filter()->set_publisher(kInvalidUtf8);
  Verify("archive.filter.publisher invalid UTF-8", kInvalid, request);
  request = archive();
  request.mutable_archive()->mutable_filter()->set_publisher(
      std::string(4097, 'p'));
  Verify("archive.filter.publisher 4097 bytes", kExhausted, request);
  request = archive();
  request.mutable_archive()
      ->mutable_filter()
      ->mutable_published_after()
      ->set_seconds(1760000000);
  request.mutable_archive()
      ->mutable_filter()
      ->mutable_published_before()
      ->set_seconds(1700000000);
  Verify("archive.filter after later than before", kInvalid, request);
  request = archive();
  request.mutable_archive()
      ->mutable_filter()
      ->mutable_published_before()
      ->set_nanos(1000000000);
  Verify("archive.filter.published_before.nanos = 1e9", kInvalid, request);

  Verify("no token", kUnauthenticated, GoodVerify(), "");
  Verify("unknown token", kUnauthenticated, GoodVerify(), f_.unknown_auth);
  AddRaw("VerifierService", "Verify", "bytes that are not a protobuf message",
         kInvalid, f_.read_auth, std::string("\x12\x7f\x01", 3));
}

void CaseTable::VerifyBatchCases() {
  v1::VerifyBatchRequest request = GoodBatch();
  request.clear_claims();
  Batch("no claims", kInvalid, request);
  request = GoodBatch();
  request.clear_claims();
  for (int i = 0; i <= f_.max_batch_size; ++i) {
    request.add_claims(absl::StrCat("The levy is ", i, " dollars."));
  }
  Batch(absl::StrCat(f_.max_batch_size + 1, " claims (max_batch_size + 1)"),
        kExhausted, request);
  request = GoodBatch();
  request.add_claims(kAsciiBlank);
  Batch("third claim whitespace only", kInvalid, request);
  request = GoodBatch();
  request.add_claims(kUnicodeBlank);
  Batch("third claim Unicode spaces only", kInvalid, request);
  request = GoodBatch();
  request.add_claims(kNulOnly);
  Batch("third claim NUL bytes only", kInvalid, request);
  request = GoodBatch();
  request.add_claims(kInvalidUtf8);
  Batch("third claim invalid UTF-8", kInvalid, request);
  request = GoodBatch();
  request.add_claims(std::string(f_.max_claim_bytes + 1, 'c'));
  Batch("third claim max_claim_bytes + 1", kExhausted, request);
  request = GoodBatch();
  request.clear_article_ids();
  Batch("no scope", kInvalid, request);
  request = GoodBatch();
  request.add_article_ids("no-such-article");
  Batch("unknown scope article", kNotFound, request);
  request = GoodBatch();
  request.set_max_evidence(f_.max_evidence_limit + 1);
  Batch("max_evidence over the limit", kInvalid, request);
  request = GoodBatch();
  request.set_claimant(std::string(1025, 'c'));
  Batch("claimant 1025 bytes", kExhausted, request);
  Batch("no token", kUnauthenticated, GoodBatch(), "");
}

void CaseTable::VerifyStreamCases() {
  v1::VerifyRequest request = GoodVerify();
  request.clear_claim();
  AddStream("claim empty", kInvalid, f_.read_auth, {request});
  request.set_claim(kNulOnly);
  AddStream("claim NUL bytes only", kInvalid, f_.read_auth, {request});
  request.set_claim(kInvalidUtf8);
  AddStream("claim invalid UTF-8", kInvalid, f_.read_auth, {request});
  request.set_claim(std::string(f_.max_claim_bytes + 1, 'c'));
  AddStream("claim max_claim_bytes + 1", kExhausted, f_.read_auth, {request});
  request = GoodVerify();
  request.clear_article_ids();
  AddStream("no scope", kInvalid, f_.read_auth, {request});
  request = GoodVerify();
  request.add_article_ids("no-such-article");
  AddStream("unknown scope article", kNotFound, f_.read_auth, {request});
  request = GoodVerify();
  request.set_max_evidence(-3);
  AddStream("max_evidence = -3", kInvalid, f_.read_auth, {request});
  request = GoodVerify();
  request.set_evidence_text(std::string(f_.max_message_bytes + 1, 'e'));
  request.clear_article_ids();
  AddStream("request over max message size (fails the stream)", kExhausted,
            f_.read_auth, {request});
  AddStream("no token (fails the stream)", kUnauthenticated, "",
            {GoodVerify()});
  AddStream("unknown token (fails the stream)", kUnauthenticated,
            f_.unknown_auth, {GoodVerify()});
  // A bad request does not end the stream: the good one after it is
  // answered (VerifyStream reports the first response's error).
  request = GoodVerify();
  request.clear_article_ids();
  cases_.push_back(
      {"VerifyStream", "no scope, then a valid request on the same stream",
       kInvalid,
       [authorization = f_.read_auth,
        requests = std::vector<v1::VerifyRequest>{request, GoodVerify()}](
           RpcClient& client) {
         std::vector<v1::VerifyResponse> responses;
         Outcome outcome =
             client.VerifyStream(authorization, requests, &responses);
         if (outcome.code != StatusCode::OK &&
             (responses.size() != 2 || !responses[1].error().empty())) {
           outcome.message += " [the valid request after it got no verdict]";
           outcome.code = StatusCode::UNKNOWN;
         }
         return outcome;
       }});
}

}  // namespace

std::vector<BadInputCase> BuildCases(const Fixture& fixture) {
  CaseTable table(fixture);
  table.IngestCases();
  table.GetArticleCases();
  table.ListArticlesCases();
  table.DeleteArticleCases();
  table.GetStatementCases();
  table.ListStatementsCases();
  table.SearchStatementsCases();
  table.AddStatementCases();
  table.VerifyCases();
  table.VerifyBatchCases();
  table.VerifyStreamCases();
  return table.Take();
}

}  // namespace factcheck::bad_inputs
