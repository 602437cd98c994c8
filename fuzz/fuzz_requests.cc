// Serialized v1 requests through the service cores, as the gRPC adapters run
// them: the bytes are parsed as the request message (a parse failure is the
// adapter's INVALID_ARGUMENT; protobuf refuses invalid UTF-8 in strings as
// the transport does), then handed to ClaimsCore (over an in-memory store)
// or VerifierCore (the committed model, loaded once, and a
// LocalEvidenceSource over the same ClaimsCore).
//
// Input: a sequence of records, each a kind byte (which request), a 16-bit
// little-endian length and that many bytes of the serialized message (fewer
// at the end of the input). Every input starts from a store holding one
// seed article (id "seed"). Any status is fine; crashes, sanitizer reports
// and broken invariants are not:
//  - a failed request, and every read-only one, leaves the store unchanged;
//  - an ingest adds exactly its statements, a delete removes exactly its
//    count, AddStatement one statement;
//  - the store's statement count equals the sum over its articles, and each
//    article lists as many statements as its statement_count;
//  - a next_page_token is accepted by the next page's request;
//  - verdict scores are probabilities, evidence stays within max_evidence,
//    and every span in a response lies in the claim or the evidence text on
//    code point boundaries.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "factcheck/v1/claims_service.pb.h"
#include "factcheck/v1/verifier_service.pb.h"
#include "fuzz/fuzz_check.h"
#include "google/protobuf/stubs/logging.h"
#include "services/claims/claims_core.h"
#include "services/verifier/local_evidence_source.h"
#include "services/verifier/model_pair_scorer.h"
#include "services/verifier/verifier_core.h"
#include "storage/in_memory_statement_store.h"
#include "storage/key_codec.h"
#include "text/normalize.h"

namespace factcheck::fuzz {
namespace {

enum Kind : uint8_t {
  kIngestArticle,
  kGetArticle,
  kListArticles,
  kDeleteArticle,
  kGetStatement,
  kListStatements,
  kSearchStatements,
  kAddStatement,
  kVerify,
  kVerifyBatch,
  kKindCount,
};

// Enough requests for ingest-then-query sequences; bounds the time per input.
constexpr int kMaxRequestsPerInput = 8;

constexpr std::string_view kSeedId = "seed";
constexpr std::string_view kSeedBody =
    "Harbour town votes to expand ferry service\n"
    "The Port Ellery council voted 7 to 2 on Monday to add three ferry "
    "crossings a day from June 2025.\n"
    "\"We have waited a decade for this,\" said councillor Maya Osei.\n"
    "The expansion will cost $4.5 million, according to the harbour "
    "authority.\n"
    "Ferry operator Bluewater said ridership rose 12% last year.";

struct Service {
  storage::InMemoryStatementStore store;
  std::unique_ptr<claims::ClaimsCore> claims;
  std::unique_ptr<verifier::LocalEvidenceSource> source;
  std::unique_ptr<verifier::VerifierCore> verifier;
  uint32_t seed_statements = 0;
};

Service& GetService() {
  static Service* service = [] {
    auto* s = new Service;
    claims::ClaimsOptions options;
    options.clock = [] { return absl::FromUnixSeconds(1735689600); };
    s->claims = std::make_unique<claims::ClaimsCore>(&s->store, options);
    s->source =
        std::make_unique<verifier::LocalEvidenceSource>(s->claims.get());
    absl::StatusOr<std::unique_ptr<verifier::VerificationEngine>> engine =
        verifier::LoadVerificationEngine({});
    if (!engine.ok()) {
      std::fprintf(stderr, "fuzz_requests: %s\n",
                   std::string(engine.status().message()).c_str());
      std::abort();
    }
    s->verifier = std::make_unique<verifier::VerifierCore>(
        s->source.get(), *std::move(engine), verifier::VerifierOptions());
    return s;
  }();
  return *service;
}

// Article id -> statement_count, and the store's statement count.
struct Snapshot {
  std::map<std::string, uint32_t> articles;
  uint64_t statements = 0;
  bool operator==(const Snapshot&) const = default;
};

// Takes a snapshot and checks the store against itself.
Snapshot TakeSnapshot(const storage::StatementStore& store) {
  Snapshot snapshot;
  absl::StatusOr<std::vector<v1::Article>> articles =
      store.ListArticles("", 1 << 20, {});
  FUZZ_CHECK(articles.ok());
  uint64_t sum = 0;
  for (const v1::Article& a : *articles) {
    snapshot.articles[a.id()] = a.statement_count();
    sum += a.statement_count();
    absl::StatusOr<std::vector<v1::Statement>> listed =
        store.ListStatementsByArticle(a.id());
    FUZZ_CHECK(listed.ok() && listed->size() == a.statement_count());
    for (const v1::Statement& s : *listed) {
      FUZZ_CHECK(s.article_id() == a.id());
      const auto ref = storage::ParseStatementId(s.id());
      FUZZ_CHECK(ref.has_value() && ref->article_id == a.id());
    }
  }
  absl::StatusOr<uint64_t> count = store.StatementCount();
  FUZZ_CHECK(count.ok() && *count == sum);
  snapshot.statements = sum;
  return snapshot;
}

// Back to the seed article alone (cheap when the last input left it so).
void Reset(Service& s) {
  absl::StatusOr<std::vector<v1::Article>> articles =
      s.store.ListArticles("", 1 << 20, {});
  FUZZ_CHECK(articles.ok());
  bool seed_intact = false;
  for (const v1::Article& a : *articles) {
    if (a.id() == kSeedId && s.seed_statements > 0 &&
        a.statement_count() == s.seed_statements) {
      seed_intact = true;
      continue;
    }
    FUZZ_CHECK(s.store.DeleteArticle(a.id()).ok());
  }
  if (seed_intact) return;
  v1::IngestArticleRequest request;
  request.mutable_article()->set_id(std::string(kSeedId));
  request.mutable_article()->set_body(std::string(kSeedBody));
  request.mutable_article()->set_publisher("Ellery Gazette");
  request.mutable_article()->mutable_published_at()->set_seconds(1735689600);
  absl::StatusOr<v1::IngestArticleResponse> response =
      s.claims->IngestArticle(request);
  FUZZ_CHECK(response.ok() && !response->already_existed());
  s.seed_statements = response->article().statement_count();
}

bool InSpan(std::string_view text, const v1::Span& span) {
  return IsUtf8Span(text, span.begin(), span.end());
}

// The text the evidence statement's spans index.
std::string EvidenceBody(const Service& s, const v1::Statement& statement,
                         const std::string& normalized_evidence_text) {
  if (statement.article_id().empty()) return normalized_evidence_text;
  absl::StatusOr<v1::Article> article =
      s.store.GetArticle(statement.article_id());
  FUZZ_CHECK(article.ok());
  return article->body();
}

void CheckVerifyResponse(const Service& s, std::string_view claim,
                         const std::string& evidence_text, int max_evidence,
                         const v1::VerifyResponse& r) {
  // A failed check below is easier to read with the response at hand.
  if (std::getenv("FUZZ_PRINT_RESPONSES") != nullptr) {
    std::fprintf(stderr, "response: %s\n", r.ShortDebugString().c_str());
  }
  const int limit = max_evidence == 0 ? 3 : max_evidence;
  FUZZ_CHECK(r.evidence_size() <= limit);
  FUZZ_CHECK(std::isfinite(r.confidence()) && r.confidence() >= 0 &&
             r.confidence() <= 1);
  const float scores[] = {r.scores().supported(), r.scores().contradicted(),
                          r.scores().unsupported()};
  float sum = 0;
  for (float p : scores) {
    FUZZ_CHECK(std::isfinite(p) && p >= 0 && p <= 1);
    sum += p;
  }
  FUZZ_CHECK(std::fabs(sum - 1) < 1e-3);
  std::string normalized;
  if (!evidence_text.empty()) {
    absl::StatusOr<std::string> body = text::NormalizeBody(evidence_text);
    FUZZ_CHECK(body.ok());
    normalized = *std::move(body);
  }
  std::map<std::string, std::string> bodies;  // Statement id -> body.
  for (const v1::Evidence& e : r.evidence()) {
    const std::string body = EvidenceBody(s, e.statement(), normalized);
    FUZZ_CHECK(InSpan(body, e.statement().span()));
    FUZZ_CHECK(std::isfinite(e.score()) && std::isfinite(e.coverage()));
    for (const v1::AlignedSpan& a : e.alignments()) {
      FUZZ_CHECK(InSpan(claim, a.claim_span()));
      FUZZ_CHECK(InSpan(body, a.evidence_span()));
    }
    bodies[e.statement().id()] = body;
  }
  for (const v1::Mismatch& m : r.mismatches()) {
    FUZZ_CHECK(InSpan(claim, m.claim_span()));
    auto it = bodies.find(m.statement_id());
    if (it != bodies.end()) FUZZ_CHECK(InSpan(it->second, m.evidence_span()));
  }
  for (const v1::Subclaim& sub : r.subclaims()) {
    FUZZ_CHECK(InSpan(claim, sub.span()));
  }
}

template <typename Message>
bool Parse(std::string_view bytes, Message* message) {
  return message->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

// Runs one request; returns whether it may have changed the store and checks
// what it returned.
void RunOne(Service& s, uint8_t kind, std::string_view bytes) {
  const Snapshot before = TakeSnapshot(s.store);
  bool changed = false;  // Set by successful mutations, checked below.
  switch (kind) {
    case kIngestArticle: {
      v1::IngestArticleRequest request;
      if (!Parse(bytes, &request)) return;
      absl::StatusOr<v1::IngestArticleResponse> r =
          s.claims->IngestArticle(request);
      if (!r.ok() || r->already_existed()) break;
      const Snapshot after = TakeSnapshot(s.store);
      FUZZ_CHECK(before.articles.count(r->article().id()) == 0);
      FUZZ_CHECK(after.articles.size() == before.articles.size() + 1);
      FUZZ_CHECK(after.articles.at(r->article().id()) ==
                 static_cast<uint32_t>(r->statements_size()));
      FUZZ_CHECK(after.statements == before.statements + r->statements_size());
      for (const v1::Statement& st : r->statements()) {
        FUZZ_CHECK(InSpan(r->article().body(), st.span()));
      }
      changed = true;
      break;
    }
    case kGetArticle: {
      v1::GetArticleRequest request;
      if (!Parse(bytes, &request)) return;
      (void)s.claims->GetArticle(request);
      break;
    }
    case kListArticles: {
      v1::ListArticlesRequest request;
      if (!Parse(bytes, &request)) return;
      absl::StatusOr<v1::ListArticlesResponse> r =
          s.claims->ListArticles(request);
      if (r.ok() && !r->next_page_token().empty()) {
        request.set_page_token(r->next_page_token());
        FUZZ_CHECK(s.claims->ListArticles(request).ok());
      }
      break;
    }
    case kDeleteArticle: {
      v1::DeleteArticleRequest request;
      if (!Parse(bytes, &request)) return;
      absl::StatusOr<v1::DeleteArticleResponse> r =
          s.claims->DeleteArticle(request);
      if (!r.ok()) break;
      const Snapshot after = TakeSnapshot(s.store);
      FUZZ_CHECK(before.articles.count(request.id()) == 1);
      FUZZ_CHECK(after.articles.count(request.id()) == 0);
      FUZZ_CHECK(r->deleted_statements() == before.articles.at(request.id()));
      FUZZ_CHECK(after.statements ==
                 before.statements - r->deleted_statements());
      changed = true;
      break;
    }
    case kGetStatement: {
      v1::GetStatementRequest request;
      if (!Parse(bytes, &request)) return;
      absl::StatusOr<v1::Statement> r = s.claims->GetStatement(request);
      if (r.ok()) FUZZ_CHECK(r->id() == request.id());
      break;
    }
    case kListStatements: {
      v1::ListStatementsRequest request;
      if (!Parse(bytes, &request)) return;
      absl::StatusOr<v1::ListStatementsResponse> r =
          s.claims->ListStatements(request);
      if (r.ok() && !r->next_page_token().empty()) {
        request.set_page_token(r->next_page_token());
        FUZZ_CHECK(s.claims->ListStatements(request).ok());
      }
      break;
    }
    case kSearchStatements: {
      v1::SearchStatementsRequest request;
      if (!Parse(bytes, &request)) return;
      absl::StatusOr<v1::SearchStatementsResponse> r =
          s.claims->SearchStatements(request);
      if (r.ok()) {
        const int limit =
            request.max_results() == 0 ? 10 : request.max_results();
        FUZZ_CHECK(r->hits_size() <= limit);
      }
      break;
    }
    case kAddStatement: {
      v1::AddStatementRequest request;
      if (!Parse(bytes, &request)) return;
      absl::StatusOr<v1::Statement> r = s.claims->AddStatement(request);
      if (!r.ok()) break;
      const Snapshot after = TakeSnapshot(s.store);
      FUZZ_CHECK(r->article_id() == request.article_id());
      FUZZ_CHECK(after.articles.at(request.article_id()) ==
                 before.articles.at(request.article_id()) + 1);
      FUZZ_CHECK(after.statements == before.statements + 1);
      changed = true;
      break;
    }
    case kVerify: {
      v1::VerifyRequest request;
      if (!Parse(bytes, &request)) return;
      absl::StatusOr<v1::VerifyResponse> r = s.verifier->Verify(request);
      if (r.ok()) {
        CheckVerifyResponse(s, request.claim(), request.evidence_text(),
                            request.max_evidence(), *r);
        FUZZ_CHECK(r->request_id() == request.request_id());
      }
      break;
    }
    case kVerifyBatch: {
      v1::VerifyBatchRequest request;
      if (!Parse(bytes, &request)) return;
      absl::StatusOr<v1::VerifyBatchResponse> r =
          s.verifier->VerifyBatch(request);
      if (r.ok()) {
        FUZZ_CHECK(r->results_size() == request.claims_size());
        for (int i = 0; i < r->results_size(); ++i) {
          CheckVerifyResponse(s, request.claims(i), request.evidence_text(),
                              request.max_evidence(), r->results(i));
        }
      }
      break;
    }
  }
  if (!changed) FUZZ_CHECK(TakeSnapshot(s.store) == before);
}

}  // namespace
}  // namespace factcheck::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Protobuf logs every string with invalid UTF-8 it refuses to parse.
  google::protobuf::SetLogHandler(nullptr);
  factcheck::fuzz::GetService();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using factcheck::fuzz::Service;
  Service& service = factcheck::fuzz::GetService();
  factcheck::fuzz::Reset(service);
  int requests = 0;
  while (size >= 3 && requests < factcheck::fuzz::kMaxRequestsPerInput) {
    const uint8_t kind = data[0] % factcheck::fuzz::kKindCount;
    const size_t length =
        std::min<size_t>(data[1] | (size_t{data[2]} << 8), size - 3);
    factcheck::fuzz::RunOne(
        service, kind,
        std::string_view(reinterpret_cast<const char*>(data + 3), length));
    data += 3 + length;
    size -= 3 + length;
    ++requests;
  }
  return 0;
}
