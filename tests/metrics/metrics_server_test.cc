// factcheckd's /metrics through a real FactcheckServer: gRPC calls on one
// port, a raw HTTP GET on the metrics port.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "factcheck/v1/claims_service.grpc.pb.h"
#include "factcheck/v1/verifier_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/server/server.h"
#include "tests/grpc/test_server.h"
#include "tests/metrics/prometheus_text.h"
#include "tests/testing/status_matchers.h"

namespace factcheck {
namespace {

using ::factcheck::testing::HandledSeries;
using ::factcheck::testing::SampleValue;
using ::factcheck::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Optional;
using ::testing::StartsWith;

constexpr char kVerifier[] = "factcheck.v1.VerifierService";
constexpr char kClaims[] = "factcheck.v1.ClaimsService";

// GET http://127.0.0.1:`port``path` over a plain socket (HTTP/1.0, so the
// server closes the connection after the response). Returns the whole
// response, status line and headers included; "" when connecting fails.
std::string HttpGet(int port, const std::string& path) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  // A stuck server fails the test instead of hanging it.
  timeval timeout{30, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string response;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address),
                sizeof(address)) == 0) {
    const std::string request = absl::StrCat(
        "GET ", path,
        " HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    size_t sent = 0;
    while (sent < request.size()) {
      const ssize_t n =
          ::send(fd, request.data() + sent, request.size() - sent, 0);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    char buffer[4096];
    ssize_t n;
    while ((n = ::recv(fd, buffer, sizeof(buffer), 0)) > 0) {
      response.append(buffer, static_cast<size_t>(n));
    }
  }
  ::close(fd);
  return response;
}

class MetricsServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto options = testing::TestServerOptions(&log_);
    options.metrics_listen = "127.0.0.1:0";
    FC_ASSERT_OK_AND_ASSIGN(server_, server::FactcheckServer::Start(options));
    ASSERT_GT(server_->metrics_port(), 0);
    ASSERT_NE(server_->metrics_port(), server_->port());
    auto channel = testing::ChannelTo(server_->port());
    claims_ = v1::ClaimsService::NewStub(channel);
    verifier_ = v1::VerifierService::NewStub(channel);
  }

  v1::VerifyRequest Request(const std::string& claim) {
    v1::VerifyRequest request;
    request.set_claim(claim);
    request.add_article_ids("sco");
    return request;
  }

  testing::CapturingLogSink log_;
  std::unique_ptr<server::FactcheckServer> server_;
  std::unique_ptr<v1::ClaimsService::Stub> claims_;
  std::unique_ptr<v1::VerifierService::Stub> verifier_;
};

TEST_F(MetricsServerTest, ServesRequestCountsVerdictsAndStoreGauges) {
  v1::IngestArticleRequest ingest;
  ingest.mutable_article()->set_id("sco");
  ingest.mutable_article()->set_body(testing::kArticleBody);
  v1::IngestArticleResponse ingested;
  grpc::Status status =
      claims_->IngestArticle(testing::Context().get(), ingest, &ingested);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_GT(ingested.statements_size(), 0);

  // One Verify OK, one INVALID_ARGUMENT (empty claim).
  v1::VerifyResponse verified;
  status = verifier_->Verify(
      testing::Context().get(),
      Request("Washington imposed 50% tariffs on Indian exports."), &verified);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::VerifyResponse rejected;
  status = verifier_->Verify(testing::Context().get(), Request(""), &rejected);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  // A batch of two and a stream of two (one of them rejected in-stream).
  v1::VerifyBatchRequest batch;
  batch.add_claims("Washington imposed 50% tariffs on Indian exports.");
  batch.add_claims("Joe Biden attended the summit.");
  batch.add_article_ids("sco");
  v1::VerifyBatchResponse batched;
  status = verifier_->VerifyBatch(testing::Context().get(), batch, &batched);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(batched.results_size(), 2);

  auto context = testing::Context();
  auto stream = verifier_->VerifyStream(context.get());
  ASSERT_TRUE(stream->Write(Request("Joe Biden attended the summit.")));
  ASSERT_TRUE(stream->Write(Request("")));
  ASSERT_TRUE(stream->WritesDone());
  std::vector<v1::VerifyResponse> streamed;
  v1::VerifyResponse response;
  while (stream->Read(&response)) streamed.push_back(response);
  ASSERT_TRUE(stream->Finish().ok());
  ASSERT_EQ(streamed.size(), 2u);
  // The stream is recorded when it is torn down, before its log line.
  ASSERT_THAT(log_.WaitForLine("\"rpc\":\"VerifyStream\""),
              HasSubstr("\"requests\":2"));

  const std::string http = HttpGet(server_->metrics_port(), "/metrics");
  ASSERT_THAT(http, StartsWith("HTTP/1.1 200"));
  const std::string text = http.substr(http.find("\r\n\r\n") + 4);

  EXPECT_THAT(SampleValue(text, HandledSeries(kClaims, "IngestArticle", "OK")),
              Optional(1.0));
  EXPECT_THAT(SampleValue(text, HandledSeries(kVerifier, "Verify", "OK")),
              Optional(1.0));
  EXPECT_THAT(
      SampleValue(text, HandledSeries(kVerifier, "Verify", "INVALID_ARGUMENT")),
      Optional(1.0));
  EXPECT_THAT(SampleValue(text, HandledSeries(kVerifier, "VerifyBatch", "OK")),
              Optional(1.0));
  EXPECT_THAT(SampleValue(text, HandledSeries(kVerifier, "VerifyStream", "OK")),
              Optional(1.0));
  EXPECT_THAT(SampleValue(text,
                          "grpc_server_handling_seconds_count{grpc_method="
                          "\"Verify\",grpc_service=\"factcheck.v1."
                          "VerifierService\"}"),
              Optional(2.0));

  // Every verdict returned is counted once: 1 + 2 + 1 (the rejected stream
  // request has none).
  std::map<std::string, double> expected_verdicts;
  auto count = [&](const v1::VerifyResponse& r) {
    if (r.verdict() == v1::VERDICT_UNSPECIFIED) return;
    std::string name = v1::Verdict_Name(r.verdict());
    ++expected_verdicts[name.substr(std::string("VERDICT_").size())];
  };
  count(verified);
  for (const v1::VerifyResponse& r : batched.results()) count(r);
  for (const v1::VerifyResponse& r : streamed) count(r);
  double total = 0;
  for (const auto& [verdict, n] : expected_verdicts) {
    EXPECT_THAT(
        SampleValue(text, absl::StrCat("factcheck_verdicts_total{verdict=\"",
                                       verdict, "\"}")),
        Optional(n))
        << verdict;
    total += n;
  }
  EXPECT_EQ(total, 4);

  EXPECT_THAT(SampleValue(text, "factcheck_store_articles"), Optional(1.0));
  EXPECT_THAT(SampleValue(text, "factcheck_store_statements"),
              Optional(static_cast<double>(ingested.statements_size())));
  const std::optional<double> size =
      SampleValue(text, "factcheck_store_size_bytes");
  ASSERT_TRUE(size.has_value());
  EXPECT_GT(*size, static_cast<double>(sizeof(testing::kArticleBody)));
}

TEST(MetricsServerOptionsTest, OffByDefault) {
  testing::CapturingLogSink log;
  FC_ASSERT_OK_AND_ASSIGN(auto server, server::FactcheckServer::Start(
                                           testing::TestServerOptions(&log)));
  EXPECT_EQ(server->metrics_port(), 0);
}

TEST(MetricsServerOptionsTest, BadOrBusyMetricsAddressFailsTheStart) {
  testing::CapturingLogSink log;
  auto options = testing::TestServerOptions(&log);
  for (const char* malformed : {"no-port", ":9464", "127.0.0.1:"}) {
    options.metrics_listen = malformed;
    EXPECT_THAT(server::FactcheckServer::Start(options),
                StatusIs(absl::StatusCode::kInvalidArgument, "metrics_listen"))
        << malformed;
  }

  options.metrics_listen = "127.0.0.1:0";
  FC_ASSERT_OK_AND_ASSIGN(auto first, server::FactcheckServer::Start(options));
  options.metrics_listen = absl::StrCat("127.0.0.1:", first->metrics_port());
  EXPECT_THAT(server::FactcheckServer::Start(options),
              StatusIs(absl::StatusCode::kUnavailable, "metrics"));
}

}  // namespace
}  // namespace factcheck
