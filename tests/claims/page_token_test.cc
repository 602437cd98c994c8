#include "services/claims/page_token.h"

#include <string>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace factcheck::claims {
namespace {

using ::factcheck::testing::StatusHasCode;

TEST(PageTokenTest, RoundTripsTheIssuedToken) {
  const std::string token = EncodePageToken("articles", "fp", "m");
  absl::StatusOr<std::string> position =
      DecodePageToken(token, "articles", "fp");
  ASSERT_TRUE(position.ok()) << position.status();
  EXPECT_EQ(*position, "m");
}

// Found by fuzz_page_token: base64 with non-zero trailing bits ("...bW"
// instead of the issued "...bQ") decoded to the same position, so a string
// the service never issued passed as a token.
TEST(PageTokenTest, RefusesNonCanonicalBase64) {
  const std::string token =
      "cHQyAGNjYjMyNDRlMGRkNmUwNjQAYXJ0aWNsZXMAY2JmMjljZTQ4NDIyMjMyNQBtbQ";
  ASSERT_EQ(token, EncodePageToken("articles", "cbf29ce484222325", "mm"));
  EXPECT_TRUE(DecodePageToken(token, "articles", "cbf29ce484222325").ok());
  EXPECT_THAT(
      DecodePageToken(
          "cHQyAGNjYjMyNDRlMGRkNmUwNjQAYXJ0aWNsZXMAY2JmMjljZTQ4NDIyMjMyNQBtbR",
          "articles", "cbf29ce484222325")
          .status(),
      StatusHasCode(absl::StatusCode::kInvalidArgument));
  // Padding is not part of an issued token either.
  EXPECT_THAT(
      DecodePageToken(token + "==", "articles", "cbf29ce484222325").status(),
      StatusHasCode(absl::StatusCode::kInvalidArgument));
}

// Found by factcheck-bad-inputs: a token with one byte of its position
// changed still decoded, and the listing went on from somewhere else.
TEST(PageTokenTest, RefusesAlteredToken) {
  const std::string token = EncodePageToken("articles", "fp", "harbor-levy");
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token, &raw));
  raw.back() = 'x';  // "harbor-levx": a well-formed, different position.
  EXPECT_THAT(DecodePageToken(absl::WebSafeBase64Escape(raw), "articles", "fp")
                  .status(),
              StatusHasCode(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace factcheck::claims
