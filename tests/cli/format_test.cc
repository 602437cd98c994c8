#include "cli/format.h"

#include <string>

#include "absl/strings/str_cat.h"
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

// A span of `needle` in `text`, a statement whose text starts at `base` of
// the article body.
v1::Span SpanOf(const std::string& text, const std::string& needle,
                uint32_t base) {
  const size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  v1::Span span;
  span.set_begin(base + static_cast<uint32_t>(at));
  span.set_end(base + static_cast<uint32_t>(at + needle.size()));
  return span;
}

v1::Statement StatementAt(const std::string& id, const std::string& text,
                          uint32_t base) {
  v1::Statement statement;
  statement.set_id(id);
  statement.set_text(text);
  statement.mutable_span()->set_begin(base);
  statement.mutable_span()->set_end(base + static_cast<uint32_t>(text.size()));
  return statement;
}

v1::Mismatch NumberMismatch(const std::string& statement_id,
                            const v1::Span& evidence_span,
                            const std::string& claim_value,
                            const std::string& evidence_value) {
  v1::Mismatch m;
  m.set_kind(v1::MISMATCH_KIND_NUMBER);
  m.set_statement_id(statement_id);
  *m.mutable_evidence_span() = evidence_span;
  m.set_claim_value(claim_value);
  m.set_evidence_value(evidence_value);
  m.set_description(absl::StrCat("claim says ", claim_value, ", evidence says ",
                                 evidence_value));
  return m;
}

TEST(FormatTest, VerifyMarksTheMismatchedWordsOfTheEvidence) {
  const std::string text =
      "The budget raises spending on buses and trams by 18% and sets aside "
      "$25 million.";
  const uint32_t base = 412;  // The sentence's offset in the article body.
  v1::VerifyResponse response;
  response.set_verdict(v1::VERDICT_CONTRADICTED);
  response.set_confidence(0.98f);
  *response.add_mismatches() = NumberMismatch(
      "riverton-budget:000002", SpanOf(text, "18%", base), "25%", "18%");
  v1::Evidence* evidence = response.add_evidence();
  evidence->set_relation(v1::EVIDENCE_RELATION_CONTRADICTS);
  *evidence->mutable_statement() =
      StatementAt("riverton-budget:000002", text, base);
  // Aligned words are not marked with brackets.
  v1::AlignedSpan* aligned = evidence->add_alignments();
  *aligned->mutable_evidence_span() = SpanOf(text, "buses", base);
  aligned->set_match("exact");
  EXPECT_EQ(FormatVerifyResponse(response),
            "CONTRADICTED (confidence 0.98)\n"
            "  claim says 25%, evidence says 18%\n"
            "Evidence [contradicts] riverton\u2026:000002 (narrator):\n"
            "  \"The budget raises spending on buses and trams by [[18%]] and "
            "sets aside $25 million.\"\n"
            "    number: claim \"25%\" vs evidence \"18%\"\n");
}

TEST(FormatTest, VerifyMarksOverlappingSpansOnceAndSkipsBadOnes) {
  const std::string text = "Washington imposed steep 50% tariffs on India.";
  const uint32_t base = 1000;
  v1::VerifyResponse response;
  response.set_verdict(v1::VERDICT_CONTRADICTED);
  *response.add_mismatches() =
      NumberMismatch("a:000001", SpanOf(text, "50%", base), "25%", "50%");
  v1::Mismatch wide = NumberMismatch(
      "a:000001", SpanOf(text, "steep 50%", base), "mild 25%", "steep 50%");
  wide.set_kind(v1::MISMATCH_KIND_QUANTIFIER);
  *response.add_mismatches() = wide;
  // Touches the previous marks but does not overlap them.
  v1::Mismatch entity =
      NumberMismatch("a:000001", SpanOf(text, " tariffs", base), "", "");
  entity.set_kind(v1::MISMATCH_KIND_ENTITY);
  *response.add_mismatches() = entity;
  // Outside the sentence (before it, past its end, reversed): no mark.
  v1::Span before;
  before.set_begin(base - 5);
  before.set_end(base + 3);
  *response.add_mismatches() = NumberMismatch("a:000001", before, "1", "2");
  v1::Span past;
  past.set_begin(base + 40);
  past.set_end(base + 400);
  *response.add_mismatches() = NumberMismatch("a:000001", past, "3", "4");
  v1::Span reversed;
  reversed.set_begin(base + 9);
  reversed.set_end(base + 2);
  *response.add_mismatches() = NumberMismatch("a:000001", reversed, "5", "6");
  v1::Evidence* evidence = response.add_evidence();
  evidence->set_relation(v1::EVIDENCE_RELATION_CONTRADICTS);
  *evidence->mutable_statement() = StatementAt("a:000001", text, base);
  const std::string out = FormatVerifyResponse(response);
  EXPECT_THAT(out, HasSubstr("  \"Washington imposed [[steep 50%]][[ "
                             "tariffs]] on India.\"\n"
                             "    number: claim \"25%\" vs evidence \"50%\"\n"
                             "    quantifier: claim \"mild 25%\" vs evidence "
                             "\"steep 50%\"\n"
                             "    entity: claim (none) vs evidence (none)\n"
                             "    number: claim \"1\" vs evidence \"2\"\n"
                             "    number: claim \"3\" vs evidence \"4\"\n"
                             "    number: claim \"5\" vs evidence \"6\"\n"));
}

TEST(FormatTest, VerifyMarksEachStatementOfAWindow) {
  // Two adjacent sentences of one article, both evidence for the claim.
  const std::string first = "The council approved the budget on Tuesday.";
  const std::string second = "It raises transit spending by 18%.";
  const uint32_t first_base = 200;
  const uint32_t second_base = first_base + first.size() + 1;
  v1::VerifyResponse response;
  response.set_verdict(v1::VERDICT_CONTRADICTED);
  *response.add_mismatches() = NumberMismatch(
      "budget:000004", SpanOf(second, "18%", second_base), "25%", "18%");
  // No statement id: it goes with the statement whose text holds its span.
  v1::Mismatch date = NumberMismatch("", SpanOf(first, "Tuesday", first_base),
                                     "Monday", "Tuesday");
  date.set_kind(v1::MISMATCH_KIND_DATE);
  *response.add_mismatches() = date;
  v1::Evidence* a = response.add_evidence();
  a->set_relation(v1::EVIDENCE_RELATION_CONTRADICTS);
  *a->mutable_statement() = StatementAt("budget:000004", second, second_base);
  v1::Evidence* b = response.add_evidence();
  b->set_relation(v1::EVIDENCE_RELATION_RELATED);
  *b->mutable_statement() = StatementAt("budget:000003", first, first_base);
  // An alignment of the other statement is not inside this one: ignored.
  *b->add_alignments()->mutable_evidence_span() =
      SpanOf(second, "transit", second_base);
  EXPECT_THAT(
      FormatVerifyResponse(response),
      HasSubstr("Evidence [contradicts] budget:000004 (narrator):\n"
                "  \"It raises transit spending by [[18%]].\"\n"
                "    number: claim \"25%\" vs evidence \"18%\"\n"
                "Evidence [related] budget:000003 (narrator):\n"
                "  \"The council approved the budget on "
                "[[Tuesday]].\"\n"
                "    date: claim \"Monday\" vs evidence \"Tuesday\"\n"));
  EXPECT_EQ(
      FormatVerifyResponse(response, Highlight::kAnsi).find("\x1b[4mtransit"),
      std::string::npos);
}

TEST(FormatTest, VerifyEvidenceTextSpansAreRelativeToTheStatement) {
  // Inline evidence text: no id, an empty span; spans index the text.
  const std::string text = "Sales rose 7% in 2024.";
  v1::VerifyResponse response;
  response.set_verdict(v1::VERDICT_CONTRADICTED);
  *response.add_mismatches() =
      NumberMismatch("", SpanOf(text, "7%", 0), "9%", "7%");
  v1::Evidence* evidence = response.add_evidence();
  evidence->mutable_statement()->set_text(text);
  EXPECT_THAT(FormatVerifyResponse(response),
              HasSubstr("(evidence text) (narrator):\n"
                        "  \"Sales rose [[7%]] in 2024.\"\n"
                        "    number: claim \"9%\" vs evidence \"7%\"\n"));
}

TEST(FormatTest, VerifyMarksNeverCutAUtf8Sequence) {
  // "€" is three bytes; a span ending inside it is widened to all of it.
  const std::string text = "Le prix a augment\u00E9 de 5 \u20AC hier.";
  const size_t euro = text.find("\u20AC");
  v1::Span span;
  span.set_begin(static_cast<uint32_t>(euro - 2));  // "5 "
  span.set_end(static_cast<uint32_t>(euro + 1));    // inside "€"
  v1::VerifyResponse response;
  *response.add_mismatches() = NumberMismatch("", span, "6 \u20AC", "5 \u20AC");
  response.add_evidence()->mutable_statement()->set_text(text);
  EXPECT_THAT(FormatVerifyResponse(response),
              HasSubstr("\"Le prix a augment\u00E9 de [[5 \u20AC]] hier.\""));
  // The long-sentence cut keeps the mismatch and whole characters.
  const std::string long_text = std::string(250, 'x') + " \u00E9t\u00E9 " +
                                std::string(30, 'y') + " 42 " +
                                std::string(50, 'z');
  v1::VerifyResponse long_response;
  *long_response.add_mismatches() =
      NumberMismatch("", SpanOf(long_text, "42", 0), "41", "42");
  long_response.add_evidence()->mutable_statement()->set_text(long_text);
  const std::string out = FormatVerifyResponse(long_response);
  EXPECT_THAT(out, HasSubstr(std::string(30, 'y') + " [[42]] ...\"\n"));
  EXPECT_EQ(out.find('z'), std::string::npos);
}

TEST(FormatTest, MarkRangesInAnsiUnderlinesAlignedWords) {
  const std::string text = "steep 50% tariffs";
  EXPECT_EQ(
      MarkRanges(text, {{6, 9}}, {{0, 5}, {6, 9}, {10, 17}}, Highlight::kAnsi),
      "\x1b[4msteep\x1b[0m \x1b[1;31m\x1b[4m50%\x1b[0m "
      "\x1b[4mtariffs\x1b[0m");
  EXPECT_EQ(MarkRanges(text, {{6, 9}}, {{0, 5}}, Highlight::kBrackets),
            "steep [[50%]] tariffs");
  // Overlapping mismatches become one mark; ranges are clipped to the text.
  EXPECT_EQ(
      MarkRanges(text, {{6, 12}, {0, 8}, {15, 99}}, {}, Highlight::kBrackets),
      "[[steep 50% ta]]rif[[fs]]");
  EXPECT_EQ(MarkRanges(text, {{20, 30}, {5, 5}}, {}, Highlight::kBrackets),
            text);
}

TEST(FormatTest, ColourOnlyForATerminalThatWantsIt) {
  EXPECT_EQ(ChooseHighlight(true, nullptr, "xterm-256color"), Highlight::kAnsi);
  EXPECT_EQ(ChooseHighlight(true, nullptr, nullptr), Highlight::kAnsi);
  EXPECT_EQ(ChooseHighlight(false, nullptr, "xterm"), Highlight::kBrackets);
  EXPECT_EQ(ChooseHighlight(true, "1", "xterm"), Highlight::kBrackets);
  EXPECT_EQ(ChooseHighlight(true, "", "xterm"), Highlight::kBrackets);
  EXPECT_EQ(ChooseHighlight(true, nullptr, "dumb"), Highlight::kBrackets);
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

// --- Backups: `admin checkpoint`. ---

TEST(FormatCheckpointTest, OneFieldPerLine) {
  v1::Checkpoint checkpoint;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(name: "b1"
           path: "/var/lib/factcheck/checkpoints/b1"
           sequence_number: 42
           article_count: 3
           statement_count: 57
           size_bytes: 1572864
           created_at { seconds: 1795966200 })pb",
      &checkpoint));
  EXPECT_EQ(FormatCheckpoint(checkpoint),
            "checkpoint: b1\n"
            "path:       /var/lib/factcheck/checkpoints/b1\n"
            "sequence:   42\n"
            "articles:   3\n"
            "statements: 57\n"
            "size:       1572864 bytes (1.5 MiB)\n"
            "created:    2026-11-29T15:30:00Z\n");
}

TEST(FormatCheckpointTest, SizeUnits) {
  v1::Checkpoint checkpoint;
  checkpoint.set_size_bytes(1023);
  EXPECT_THAT(FormatCheckpoint(checkpoint),
              HasSubstr("size:       1023 bytes\n"));
  checkpoint.set_size_bytes(1024);
  EXPECT_THAT(FormatCheckpoint(checkpoint),
              HasSubstr("size:       1024 bytes (1.0 KiB)\n"));
  checkpoint.set_size_bytes(uint64_t{5} << 40);
  EXPECT_THAT(FormatCheckpoint(checkpoint), HasSubstr("(5.0 TiB)\n"));
}

}  // namespace
}  // namespace factcheck::cli
