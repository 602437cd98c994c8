// The absl <-> gRPC status bridge and the request log line format.

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/common/request_log.h"

namespace factcheck::common {
namespace {

using ::testing::HasSubstr;

TEST(GrpcStatusTest, EveryCodeRoundTrips) {
  for (int code = 0; code <= 16; ++code) {
    absl::Status status(static_cast<absl::StatusCode>(code), "why");
    grpc::Status wire = ToGrpcStatus(status);
    EXPECT_EQ(static_cast<int>(wire.error_code()), code);
    EXPECT_EQ(wire.error_message(), code == 0 ? "" : "why");
    EXPECT_EQ(FromGrpcStatus(wire), status);
  }
  EXPECT_EQ(ToGrpcStatus(absl::NotFoundError("x")).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(
      FromGrpcStatus(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, "big"))
          .code(),
      absl::StatusCode::kResourceExhausted);
}

TEST(GrpcStatusTest, LongMessagesAreCutAtACharacterBoundary) {
  std::string message(kMaxStatusMessageBytes - 4, 'a');
  message += "\u00e9\u00e9\u00e9\u00e9";  // Two bytes each.
  grpc::Status wire = ToGrpcStatus(absl::InvalidArgumentError(message));
  EXPECT_LE(wire.error_message().size(), kMaxStatusMessageBytes);
  EXPECT_THAT(wire.error_message(), ::testing::EndsWith("a..."));
}

TEST(RequestLogTest, FormatsOneValidJsonObject) {
  RequestRecord record;
  record.start = absl::FromUnixMillis(1756641600123);
  record.rpc = "Verify";
  record.code = absl::StatusCode::kInvalidArgument;
  record.error = "claim: \"bad\"\n\xFF";
  record.elapsed = absl::Microseconds(1500);
  record.peer = "ipv4:127.0.0.1:5000";
  record.facts = {{"claim_bytes", int64_t{42}},
                  {"verdict", std::string("SUPPORTED")},
                  {"score", 0.5}};
  const std::string line = FormatRequestRecord(record);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_THAT(line,
              ::testing::StartsWith(
                  "{\"ts\":\"2025-08-31T12:00:00.123Z\",\"rpc\":"
                  "\"Verify\",\"code\":\"INVALID_ARGUMENT\",\"ms\":1.5,"));
  EXPECT_THAT(line, HasSubstr("\"claim_bytes\":42"));
  EXPECT_THAT(line, HasSubstr("\"verdict\":\"SUPPORTED\""));

  google::protobuf::Struct parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(line, &parsed).ok())
      << line;
  EXPECT_EQ(parsed.fields().at("error").string_value(),
            "claim: \"bad\"\n\u00ff");
  EXPECT_EQ(parsed.fields().at("score").number_value(), 0.5);
  EXPECT_EQ(parsed.fields().at("peer").string_value(), "ipv4:127.0.0.1:5000");
}

TEST(RequestLogTest, OkRecordsCarryNoError) {
  RequestRecord record;
  record.rpc = "GetArticle";
  record.error = "ignored";
  const std::string line = FormatRequestRecord(record);
  EXPECT_THAT(line, HasSubstr("\"code\":\"OK\""));
  EXPECT_THAT(line, ::testing::Not(HasSubstr("error")));
}

class CollectingSink : public LogSink {
 public:
  void WriteLine(std::string_view line) override { lines.emplace_back(line); }
  std::vector<std::string> lines;
};

TEST(RequestLogTest, LoggerWritesOneLinePerRecordAndNullSinkIsSilent) {
  CollectingSink sink;
  RequestLogger logger(&sink);
  RequestRecord record;
  record.rpc = "Verify";
  logger.Log(record);
  logger.Log(record);
  EXPECT_EQ(sink.lines.size(), 2u);
  RequestLogger silent(nullptr);
  silent.Log(record);  // Must not crash.
}

TEST(RequestLogTest, FdSinkWritesWholeLines) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  FdLogSink sink(fds[1]);
  sink.WriteLine("{\"a\":1}");
  close(fds[1]);
  char buffer[64] = {};
  ssize_t n = read(fds[0], buffer, sizeof(buffer) - 1);
  close(fds[0]);
  EXPECT_EQ(std::string(buffer, n > 0 ? n : 0), "{\"a\":1}\n");
}

}  // namespace
}  // namespace factcheck::common
