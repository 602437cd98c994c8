// ServerMetrics without a server: what recorded requests and the store turn
// into in the text exposition format.

#include "services/metrics/server_metrics.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/request_log.h"
#include "storage/in_memory_statement_store.h"
#include "tests/metrics/prometheus_text.h"
#include "tests/storage/store_test_util.h"
#include "tests/testing/status_matchers.h"

namespace factcheck::metrics {
namespace {

using ::factcheck::testing::HandledSeries;
using ::factcheck::testing::SampleValue;
using ::factcheck::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Optional;

constexpr char kVerifier[] = "factcheck.v1.VerifierService";
constexpr char kClaims[] = "factcheck.v1.ClaimsService";

std::vector<ServiceMethods> Services() {
  return {{kVerifier, {"Verify", "VerifyBatch", "VerifyStream"}},
          {kClaims, {"IngestArticle"}}};
}

common::RequestRecord Record(std::string rpc, absl::StatusCode code,
                             absl::Duration elapsed,
                             std::vector<common::LogFact> facts = {}) {
  common::RequestRecord record;
  record.rpc = std::move(rpc);
  record.code = code;
  record.elapsed = elapsed;
  record.facts = std::move(facts);
  return record;
}

std::string HistogramSeries(const std::string& suffix,
                            const std::string& method,
                            const std::string& extra_label = "") {
  return "grpc_server_handling_seconds_" + suffix + "{grpc_method=\"" + method +
         "\",grpc_service=\"" + kVerifier + "\"" + extra_label + "}";
}

class ServerMetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    FC_ASSERT_OK(
        store_.PutArticle(storage::contract::MakeArticle("a1"),
                          {storage::contract::MakeStatement("One.", {"one"}),
                           storage::contract::MakeStatement("Two.", {"two"})}));
    ServerMetrics::Options options;
    options.services = Services();
    options.store = &store_;
    FC_ASSERT_OK_AND_ASSIGN(metrics_, ServerMetrics::Create(options));
  }

  storage::InMemoryStatementStore store_;
  std::unique_ptr<ServerMetrics> metrics_;
};

TEST_F(ServerMetricsTest, CountsRequestsByServiceMethodAndCode) {
  // Through the logger, as the adapters report (no log sink).
  common::RequestLogger logger(nullptr, metrics_.get());
  logger.Log(Record("Verify", absl::StatusCode::kOk, absl::Milliseconds(3)));
  logger.Log(Record("Verify", absl::StatusCode::kOk, absl::Milliseconds(40)));
  logger.Log(Record("Verify", absl::StatusCode::kInvalidArgument,
                    absl::Microseconds(100)));
  logger.Log(
      Record("IngestArticle", absl::StatusCode::kOk, absl::Milliseconds(1)));
  const std::string text = metrics_->TextFormat();

  EXPECT_THAT(SampleValue(text, HandledSeries(kVerifier, "Verify", "OK")),
              Optional(2.0));
  EXPECT_THAT(
      SampleValue(text, HandledSeries(kVerifier, "Verify", "INVALID_ARGUMENT")),
      Optional(1.0));
  EXPECT_THAT(SampleValue(text, HandledSeries(kClaims, "IngestArticle", "OK")),
              Optional(1.0));
  // No series for what did not happen.
  EXPECT_EQ(SampleValue(text, HandledSeries(kVerifier, "VerifyBatch", "OK")),
            std::nullopt);

  // Histogram: 3 ms and 40 ms and 0.1 ms.
  EXPECT_THAT(SampleValue(text, HistogramSeries("count", "Verify")),
              Optional(3.0));
  EXPECT_THAT(
      SampleValue(text, HistogramSeries("bucket", "Verify", ",le=\"0.0005\"")),
      Optional(1.0));
  EXPECT_THAT(
      SampleValue(text, HistogramSeries("bucket", "Verify", ",le=\"0.005\"")),
      Optional(2.0));
  EXPECT_THAT(
      SampleValue(text, HistogramSeries("bucket", "Verify", ",le=\"0.05\"")),
      Optional(3.0));
  EXPECT_THAT(
      SampleValue(text, HistogramSeries("bucket", "Verify", ",le=\"+Inf\"")),
      Optional(3.0));
  const std::optional<double> sum =
      SampleValue(text, HistogramSeries("sum", "Verify"));
  ASSERT_TRUE(sum.has_value());
  EXPECT_NEAR(*sum, 0.0431, 1e-9);
  // Methods not called yet have an empty histogram, not none.
  EXPECT_THAT(SampleValue(text, HistogramSeries("count", "VerifyStream")),
              Optional(0.0));
}

TEST_F(ServerMetricsTest, BucketsRunFromHalfAMillisecondToTenSeconds) {
  const std::vector<double>& buckets = HandlingSecondsBuckets();
  ASSERT_FALSE(buckets.empty());
  EXPECT_DOUBLE_EQ(buckets.front(), 0.0005);
  EXPECT_DOUBLE_EQ(buckets.back(), 10);
  EXPECT_TRUE(std::is_sorted(buckets.begin(), buckets.end()));
}

TEST_F(ServerMetricsTest, CountsEachVerdictOnce) {
  common::RequestLogger logger(nullptr, metrics_.get());
  logger.Log(Record("Verify", absl::StatusCode::kOk, absl::Milliseconds(1),
                    {{"claim_bytes", int64_t{40}},
                     {common::kVerdictFact, std::string("SUPPORTED")}}));
  logger.Log(Record("VerifyBatch", absl::StatusCode::kOk, absl::Milliseconds(1),
                    {{"claims", int64_t{4}},
                     {"verdicts.SUPPORTED", int64_t{2}},
                     {"verdicts.CONTRADICTED", int64_t{1}},
                     {"verdicts.UNSUPPORTED", int64_t{1}}}));
  logger.Log(Record("VerifyStream", absl::StatusCode::kOk,
                    absl::Milliseconds(1),
                    {{"requests", int64_t{2}},
                     {"errors", int64_t{1}},
                     {"verdicts.CONTRADICTED", int64_t{1}}}));
  const std::string text = metrics_->TextFormat();
  EXPECT_THAT(
      SampleValue(text, "factcheck_verdicts_total{verdict=\"SUPPORTED\"}"),
      Optional(3.0));
  EXPECT_THAT(
      SampleValue(text, "factcheck_verdicts_total{verdict=\"CONTRADICTED\"}"),
      Optional(2.0));
  EXPECT_THAT(
      SampleValue(text, "factcheck_verdicts_total{verdict=\"UNSUPPORTED\"}"),
      Optional(1.0));
  // Other facts are not verdicts.
  EXPECT_THAT(text, Not(HasSubstr("claim_bytes")));
  EXPECT_THAT(text, Not(HasSubstr("verdict=\"claims\"")));
}

TEST_F(ServerMetricsTest, StoreGaugesAreReadAtScrapeTime) {
  std::string text = metrics_->TextFormat();
  EXPECT_THAT(SampleValue(text, "factcheck_store_articles"), Optional(1.0));
  EXPECT_THAT(SampleValue(text, "factcheck_store_statements"), Optional(2.0));
  const std::optional<double> size_before =
      SampleValue(text, "factcheck_store_size_bytes");
  ASSERT_TRUE(size_before.has_value());
  EXPECT_GT(*size_before, 0);

  FC_ASSERT_OK(store_.PutArticle(
      storage::contract::MakeArticle("a2"),
      {storage::contract::MakeStatement("Three.", {"three"})}));
  text = metrics_->TextFormat();
  EXPECT_THAT(SampleValue(text, "factcheck_store_articles"), Optional(2.0));
  EXPECT_THAT(SampleValue(text, "factcheck_store_statements"), Optional(3.0));
  const std::optional<double> size_after =
      SampleValue(text, "factcheck_store_size_bytes");
  ASSERT_TRUE(size_after.has_value());
  EXPECT_GT(*size_after, *size_before);
}

TEST(ServerMetricsWithoutStoreTest, HasNoStoreGaugesAndLabelsUnknownMethods) {
  ServerMetrics::Options options;
  options.services = Services();
  FC_ASSERT_OK_AND_ASSIGN(auto metrics, ServerMetrics::Create(options));
  metrics->OnRequest(
      Record("Mystery", absl::StatusCode::kNotFound, absl::Milliseconds(1)));
  const std::string text = metrics->TextFormat();
  EXPECT_THAT(text, Not(HasSubstr("factcheck_store_")));
  EXPECT_THAT(
      SampleValue(text, HandledSeries("unknown", "Mystery", "NOT_FOUND")),
      Optional(1.0));
}

TEST(ServerMetricsCreateTest, RefusesAMethodInTwoServices) {
  ServerMetrics::Options options;
  options.services = {{"a.One", {"Get", "Put"}}, {"b.Two", {"Get"}}};
  EXPECT_THAT(ServerMetrics::Create(options),
              StatusIs(absl::StatusCode::kInvalidArgument, "Get"));
}

}  // namespace
}  // namespace factcheck::metrics
