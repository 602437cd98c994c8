#include "cli/format.h"

#include <string>

#include "cli/cli.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace factcheck::cli {
namespace {

using ::testing::HasSubstr;

template <typename T>
T Parse(const std::string& text) {
  T message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message))
      << text;
  return message;
}

TEST(FormatTest, VerifyShowsVerdictMismatchEvidenceAndExplanation) {
  auto response = Parse<v1::VerifyResponse>(R"pb(
    verdict: VERDICT_CONTRADICTED
    confidence: 0.874
    mismatches {
      kind: MISMATCH_KIND_NUMBER
      description: "claim says 25%, article says 50%"
    }
    evidence {
      relation: EVIDENCE_RELATION_CONTRADICTS
      statement {
        id: "a1b2c3d4e5f6a7b8:000003"
        text: "The discussions come after Washington imposed steep 50% tariffs."
        attribution { kind: ATTRIBUTION_KIND_NARRATOR }
      }
    }
    evidence {
      relation: EVIDENCE_RELATION_RELATED
      statement {
        id: "a1b2c3d4e5f6a7b8:000007"
        text: "Partners, not rivals."
        attribution {
          kind: ATTRIBUTION_KIND_DIRECT_QUOTE
          speaker { name: "Xi" canonical_name: "Xi Jinping" }
        }
      }
    }
    explanation: "The article gives a different number."
  )pb");
  EXPECT_EQ(FormatVerifyResponse(response),
            "CONTRADICTED (confidence 0.87)\n"
            "  claim says 25%, article says 50%\n"
            "Evidence [contradicts] a1b2c3d4\u2026:000003 (narrator):\n"
            "  \"The discussions come after Washington imposed steep 50% "
            "tariffs.\"\n"
            "Evidence [related] a1b2c3d4\u2026:000007 (Xi Jinping, quote):\n"
            "  \"Partners, not rivals.\"\n"
            "Explanation: The article gives a different number.\n");
}

TEST(FormatTest, VerifyStreamErrorAndLongQuotes) {
  v1::VerifyResponse error;
  error.set_error("INVALID_ARGUMENT: claim is empty");
  EXPECT_EQ(FormatVerifyResponse(error),
            "error: INVALID_ARGUMENT: claim is empty\n");

  v1::VerifyResponse response;
  response.set_verdict(v1::VERDICT_SUPPORTED);
  response.add_evidence()->mutable_statement()->set_text(std::string(300, 'x'));
  const std::string text = FormatVerifyResponse(response);
  EXPECT_THAT(text, HasSubstr("SUPPORTED (confidence 0.00)"));
  EXPECT_THAT(text, HasSubstr("(evidence text) (narrator)"));
  EXPECT_THAT(text, HasSubstr(std::string(240, 'x') + " ...\""));
}

TEST(FormatTest, ShortIdsAndSpeakers) {
  EXPECT_EQ(ShortStatementId("abc:000001"), "abc:000001");
  EXPECT_EQ(ShortStatementId("0123456789abcdef:000001"),
            "01234567\u2026:000001");
  v1::Statement statement;
  EXPECT_EQ(SpeakerLabel(statement), "narrator");
  statement.mutable_attribution()->set_kind(v1::ATTRIBUTION_KIND_INDIRECT);
  statement.mutable_attribution()->mutable_speaker()->set_name("Modi");
  EXPECT_EQ(SpeakerLabel(statement), "Modi, reported");
}

TEST(FormatTest, ListsAndErrors) {
  auto list = Parse<v1::ListArticlesResponse>(R"pb(
    articles {
      id: "a"
      title: "T"
      publisher: "P"
      statement_count: 4
      published_at { seconds: 1756641600 }
    }
    next_page_token: "tok"
  )pb");
  EXPECT_EQ(FormatArticleList(list),
            "a  2025-08-31T12:00:00Z  P  T  [4 statements]\n"
            "next page: --page-token tok\n");
  EXPECT_EQ(FormatArticleList(v1::ListArticlesResponse()), "no articles\n");
  EXPECT_EQ(FormatError(absl::NotFoundError("article x is not stored")),
            "error: NOT_FOUND: article x is not stored");
}

TEST(FormatTest, JsonUsesProtoFieldNames) {
  v1::VerifyResponse response;
  response.set_verdict(v1::VERDICT_UNSUPPORTED);
  response.set_request_id("r1");
  auto json = ToJson(response);
  ASSERT_TRUE(json.ok());
  EXPECT_THAT(*json, HasSubstr("\"verdict\": \"VERDICT_UNSUPPORTED\""));
  EXPECT_THAT(*json, HasSubstr("\"request_id\": \"r1\""));
}

TEST(CliTest, UsageErrorsExitTwoWithoutContactingAServer) {
  std::istringstream in;
  std::ostringstream out, err;
  EXPECT_EQ(RunCli({}, "127.0.0.1:1", in, out, err), kExitUsage);
  EXPECT_EQ(RunCli({"frobnicate"}, "127.0.0.1:1", in, out, err), kExitUsage);
  EXPECT_EQ(RunCli({"verify"}, "127.0.0.1:1", in, out, err), kExitUsage);
  EXPECT_EQ(RunCli({"verify", "--bogus", "x"}, "127.0.0.1:1", in, out, err),
            kExitUsage);
  EXPECT_EQ(RunCli({"verify", "--all", "--article", "a", "x"}, "127.0.0.1:1",
                   in, out, err),
            kExitUsage);
  EXPECT_EQ(RunCli({"ingest", "/no/such/file"}, "127.0.0.1:1", in, out, err),
            kExitUsage);
  EXPECT_EQ(RunCli({"--timeout=-1", "health"}, "127.0.0.1:1", in, out, err),
            kExitUsage);
  EXPECT_THAT(err.str(), HasSubstr("error: unknown option --bogus"));
  EXPECT_EQ(RunCli({"help"}, "127.0.0.1:1", in, out, err), kExitOk);
  EXPECT_THAT(out.str(), HasSubstr("articles list"));
}

TEST(CliTest, UnreachableServerIsAnRpcError) {
  std::istringstream in;
  std::ostringstream out, err;
  // Port 1 on loopback: nothing listens; the RPC fails fast.
  EXPECT_EQ(RunCli({"--timeout=5", "articles", "get", "x"}, "127.0.0.1:1", in,
                   out, err),
            kExitRpcError);
  EXPECT_THAT(err.str(), HasSubstr("error: UNAVAILABLE: "));
}

}  // namespace
}  // namespace factcheck::cli
