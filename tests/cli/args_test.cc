#include "cli/args.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace factcheck::cli {
namespace {

using ::testing::ElementsAre;
using testing::StatusIs;

ArgParser Parser() {
  return ArgParser({{"article", true, true, "an article"},
                    {"all", false, false, "everything"},
                    {"max-evidence", true, false, "a number"}});
}

absl::StatusOr<ParsedArgs> Parse(std::vector<std::string> args,
                                 bool stop = false) {
  return Parser().Parse(args, stop);
}

TEST(ArgParserTest, ValuesSwitchesAndPositionalsInAnyOrder) {
  FC_ASSERT_OK_AND_ASSIGN(
      ParsedArgs args,
      Parse({"--article", "a1", "Modi", "--all", "--article=a2", "met",
             "--max-evidence=5", "Xi"}));
  EXPECT_THAT(args.GetAll("article"), ElementsAre("a1", "a2"));
  EXPECT_TRUE(args.Has("all"));
  EXPECT_EQ(args.Get("max-evidence"), "5");
  EXPECT_THAT(args.positional(), ElementsAre("Modi", "met", "Xi"));
  EXPECT_FALSE(args.Has("missing"));
  EXPECT_EQ(args.Get("missing", "fallback"), "fallback");
  EXPECT_TRUE(args.GetAll("missing").empty());
}

TEST(ArgParserTest, DashIsStdinAndDoubleDashEndsOptions) {
  FC_ASSERT_OK_AND_ASSIGN(ParsedArgs args, Parse({"-", "--", "--all", "-5%"}));
  EXPECT_THAT(args.positional(), ElementsAre("-", "--all", "-5%"));
  EXPECT_FALSE(args.Has("all"));
}

TEST(ArgParserTest, StopAtPositionalLeavesTheRest) {
  FC_ASSERT_OK_AND_ASSIGN(ParsedArgs args,
                          Parse({"--all", "verify", "--unknown", "x"}, true));
  EXPECT_TRUE(args.Has("all"));
  EXPECT_THAT(args.positional(), ElementsAre("verify", "--unknown", "x"));
}

TEST(ArgParserTest, Errors) {
  EXPECT_THAT(Parse({"--nope"}), StatusIs(absl::StatusCode::kInvalidArgument,
                                          "unknown option --nope"));
  EXPECT_THAT(Parse({"--article"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "needs a value"));
  EXPECT_THAT(Parse({"--all=yes"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "takes no value"));
  EXPECT_THAT(Parse({"--max-evidence=1", "--max-evidence=2"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "more than once"));
}

TEST(ArgParserTest, UsageListsEveryOption) {
  const std::string usage = Parser().Usage();
  EXPECT_THAT(usage, ::testing::HasSubstr("--article VALUE (repeatable)"));
  EXPECT_THAT(usage, ::testing::HasSubstr("--all"));
  EXPECT_THAT(usage, ::testing::HasSubstr("a number"));
}

}  // namespace
}  // namespace factcheck::cli
