// The admission library without gRPC: token files, the bearer check and its
// scopes, reload, in-flight limits, and the TLS PEM file checks.

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/auth/admission.h"
#include "services/auth/tls_files.h"
#include "services/auth/token_authenticator.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/test_certs.h"

namespace factcheck::auth {
namespace {

using ::factcheck::testing::IsOk;
using ::factcheck::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Optional;

constexpr char kGoodFile[] =
    "# factcheck tokens\n"
    "\n"
    "reader-0123456789 read\n"
    "   \t  # an indented comment\n"
    "writer-ABCDEF_~+/= write   # the newsroom tool\n"
    "crlf-token\tread\r\n";

TEST(TokenTableTest, ParsesTokensCommentsAndBlankLines) {
  absl::StatusOr<TokenTable> table = TokenTable::Parse(kGoodFile, "t.txt");
  ASSERT_THAT(table, IsOk());
  EXPECT_EQ(table->size(), 3u);
  EXPECT_THAT(table->Lookup("reader-0123456789"), Optional(Scope::kRead));
  EXPECT_THAT(table->Lookup("writer-ABCDEF_~+/="), Optional(Scope::kWrite));
  EXPECT_THAT(table->Lookup("crlf-token"), Optional(Scope::kRead));
  // Only exact tokens: no prefix, extension, case change or comment text.
  EXPECT_EQ(table->Lookup("reader-012345678"), std::nullopt);
  EXPECT_EQ(table->Lookup("reader-0123456789x"), std::nullopt);
  EXPECT_EQ(table->Lookup("READER-0123456789"), std::nullopt);
  EXPECT_EQ(table->Lookup("#"), std::nullopt);
  EXPECT_EQ(table->Lookup(""), std::nullopt);
}

// Each malformed line is refused with its line number and without the
// token (which would end up in logs).
TEST(TokenTableTest, MalformedLineNamesItsNumberButNotTheToken) {
  const std::string kSecret = "s3cret-token-value";
  for (const std::string& bad_line : std::vector<std::string>{
           kSecret, kSecret + " write extra", kSecret + " admin",
           kSecret + " Write", "s3cret\"token-value read",
           "s3cret-token-value\xc3\xa9 read"}) {
    SCOPED_TRACE(bad_line);
    const std::string text =
        "# tokens\nok-token read\n" + bad_line + "\nother write\n";
    absl::StatusOr<TokenTable> table = TokenTable::Parse(text, "tokens.txt");
    EXPECT_THAT(table, StatusIs(absl::StatusCode::kInvalidArgument,
                                "tokens.txt line 3: "));
    EXPECT_THAT(std::string(table.status().message()),
                Not(HasSubstr("s3cret")));
  }
}

TEST(TokenTableTest, DuplicateTokenIsRefusedNamingBothLines) {
  absl::StatusOr<TokenTable> table = TokenTable::Parse(
      "a-token read\n\nsame-token read\nsame-token write\n", "t.txt");
  EXPECT_THAT(table, StatusIs(absl::StatusCode::kInvalidArgument,
                              "t.txt line 4: the token of line 3 is given "
                              "again"));
  EXPECT_THAT(std::string(table.status().message()),
              Not(HasSubstr("same-token")));
}

TEST(TokenTableTest, FileWithoutTokensIsRefused) {
  EXPECT_THAT(TokenTable::Parse("# nothing yet\n\n", "t.txt"),
              StatusIs(absl::StatusCode::kInvalidArgument, "t.txt: no tokens"));
  EXPECT_THAT(TokenTable::Parse("", "t.txt"),
              StatusIs(absl::StatusCode::kInvalidArgument, "no tokens"));
}

TEST(TokenTableTest, MissingFileIsNotFound) {
  EXPECT_THAT(
      TokenTable::ReadFile("/nonexistent/tokens.txt"),
      StatusIs(absl::StatusCode::kNotFound,
               "auth_tokens_file: cannot read /nonexistent/tokens.txt"));
}

TEST(ConstantTimeEqualsTest, ComparesWholeValues) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("token", "token"));
  EXPECT_FALSE(ConstantTimeEquals("token", "Token"));  // First byte.
  EXPECT_FALSE(ConstantTimeEquals("token", "tokeN"));  // Last byte.
  EXPECT_FALSE(ConstantTimeEquals("token", "token2"));
  EXPECT_FALSE(ConstantTimeEquals("token", ""));
  EXPECT_FALSE(ConstantTimeEquals(std::string("a\0b", 3), "a"));
}

TEST(ScopeTest, WriteImpliesReadButNotTheReverse) {
  EXPECT_TRUE(Grants(Scope::kRead, Scope::kRead));
  EXPECT_FALSE(Grants(Scope::kRead, Scope::kWrite));
  EXPECT_TRUE(Grants(Scope::kWrite, Scope::kRead));
  EXPECT_TRUE(Grants(Scope::kWrite, Scope::kWrite));
  EXPECT_EQ(ScopeName(Scope::kRead), "read");
  EXPECT_EQ(ScopeName(Scope::kWrite), "write");
}

class TokenAuthenticatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(path_) << "reader-token read\nwriter-token write\n";
    absl::StatusOr<std::unique_ptr<TokenAuthenticator>> made =
        TokenAuthenticator::FromFile(path_);
    ASSERT_THAT(made, IsOk());
    auth_ = *std::move(made);
  }

  absl::Status Check(std::optional<std::string_view> authorization,
                     Scope required) {
    return auth_->Authorize(authorization, required, "IngestArticle");
  }

  testing::TempDir dir_;
  const std::string path_ = dir_.Sub("tokens.txt");
  std::unique_ptr<TokenAuthenticator> auth_;
};

TEST_F(TokenAuthenticatorTest, ScopesDecide) {
  EXPECT_THAT(Check("Bearer reader-token", Scope::kRead), IsOk());
  EXPECT_THAT(Check("Bearer writer-token", Scope::kRead), IsOk());
  EXPECT_THAT(Check("Bearer writer-token", Scope::kWrite), IsOk());
  absl::Status denied = Check("Bearer reader-token", Scope::kWrite);
  EXPECT_THAT(denied, StatusIs(absl::StatusCode::kPermissionDenied,
                               "IngestArticle needs a token with \"write\" "
                               "scope; this token has \"read\" scope"));
  EXPECT_THAT(std::string(denied.message()), Not(HasSubstr("reader-token")));
  // The scheme is case-insensitive (RFC 7235); spaces around the token are
  // not part of it.
  EXPECT_THAT(Check("bearer writer-token ", Scope::kWrite), IsOk());
}

TEST_F(TokenAuthenticatorTest, MissingOrUnknownCredentialsAreUnauthenticated) {
  EXPECT_THAT(Check(std::nullopt, Scope::kRead),
              StatusIs(absl::StatusCode::kUnauthenticated,
                       "IngestArticle needs a bearer token: send the metadata "
                       "\"authorization: Bearer <token>\""));
  EXPECT_THAT(Check("Basic d3JpdGVyLXRva2Vu", Scope::kRead),
              StatusIs(absl::StatusCode::kUnauthenticated,
                       "must be \"Bearer <token>\""));
  EXPECT_THAT(Check("writer-token", Scope::kRead),
              StatusIs(absl::StatusCode::kUnauthenticated,
                       "must be \"Bearer <token>\""));
  EXPECT_THAT(Check("Bearer    ", Scope::kRead),
              StatusIs(absl::StatusCode::kUnauthenticated, "no token after"));
  absl::Status unknown = Check("Bearer guessed-token", Scope::kRead);
  EXPECT_THAT(unknown, StatusIs(absl::StatusCode::kUnauthenticated,
                                "unknown bearer token; use a token listed in "
                                "the server's token file"));
  EXPECT_THAT(std::string(unknown.message()), Not(HasSubstr("guessed")));
}

TEST_F(TokenAuthenticatorTest, ReloadSwapsTheTable) {
  std::ofstream(path_) << "# rotated\nnew-writer write\nreader-token write\n";
  ASSERT_THAT(auth_->Reload(), IsOk());
  EXPECT_EQ(auth_->token_count(), 2u);
  EXPECT_THAT(Check("Bearer new-writer", Scope::kWrite), IsOk());
  EXPECT_THAT(Check("Bearer writer-token", Scope::kRead),
              StatusIs(absl::StatusCode::kUnauthenticated, "unknown"));
  // A scope change takes effect too.
  EXPECT_THAT(Check("Bearer reader-token", Scope::kWrite), IsOk());
}

TEST_F(TokenAuthenticatorTest, FailedReloadKeepsTheOldTokens) {
  std::ofstream(path_) << "new-writer write\nbroken-line\n";
  EXPECT_THAT(auth_->Reload(),
              StatusIs(absl::StatusCode::kInvalidArgument, "line 2"));
  std::filesystem::remove(path_);
  EXPECT_THAT(auth_->Reload(), StatusIs(absl::StatusCode::kNotFound, path_));
  EXPECT_EQ(auth_->token_count(), 2u);
  EXPECT_THAT(Check("Bearer writer-token", Scope::kWrite), IsOk());
  EXPECT_THAT(Check("Bearer new-writer", Scope::kRead),
              StatusIs(absl::StatusCode::kUnauthenticated, "unknown"));
}

TEST(TokenAuthenticatorNoFileTest, ReloadNeedsAFile) {
  absl::StatusOr<TokenTable> table = TokenTable::Parse("t write\n", "mem");
  ASSERT_THAT(table, IsOk());
  TokenAuthenticator auth(*std::move(table));
  EXPECT_THAT(auth.Reload(),
              StatusIs(absl::StatusCode::kFailedPrecondition, "no token file"));
  EXPECT_THAT(auth.Authorize("Bearer t", Scope::kWrite, "X"), IsOk());
}

TEST(AdmissionTest, RefusesCallsOverTheLimitUntilASlotIsFreed) {
  Admission admission(nullptr,
                      {.max_concurrent_rpcs = 2, .max_concurrent_streams = 1});
  auto admit = [&](CallKind kind) {
    return admission.Admit(kind, std::nullopt, Scope::kWrite, "Verify");
  };
  absl::StatusOr<Admission::Slot> first = admit(CallKind::kUnary);
  absl::StatusOr<Admission::Slot> second = admit(CallKind::kUnary);
  ASSERT_THAT(first, IsOk());
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(admission.in_flight(CallKind::kUnary), 2);
  EXPECT_THAT(admit(CallKind::kUnary),
              StatusIs(absl::StatusCode::kResourceExhausted,
                       "Verify: the server is at its limit of 2 concurrent "
                       "calls (--max_concurrent_rpcs)"));
  // Streams count separately.
  absl::StatusOr<Admission::Slot> stream = admit(CallKind::kStream);
  ASSERT_THAT(stream, IsOk());
  EXPECT_THAT(admit(CallKind::kStream),
              StatusIs(absl::StatusCode::kResourceExhausted,
                       "limit of 1 concurrent streams "
                       "(--max_concurrent_streams)"));
  EXPECT_EQ(admission.in_flight(CallKind::kUnary), 2);
  EXPECT_EQ(admission.in_flight(CallKind::kStream), 1);

  // A moved slot is freed once, by its last owner.
  {
    Admission::Slot moved = *std::move(first);
    EXPECT_EQ(admission.in_flight(CallKind::kUnary), 2);
  }
  EXPECT_EQ(admission.in_flight(CallKind::kUnary), 1);
  EXPECT_THAT(admit(CallKind::kUnary), IsOk());  // Freed again at once.
  *second = Admission::Slot();
  EXPECT_EQ(admission.in_flight(CallKind::kUnary), 0);
}

TEST(AdmissionTest, ChecksTheTokenBeforeTakingASlot) {
  absl::StatusOr<TokenTable> table =
      TokenTable::Parse("r read\nw write\n", "mem");
  ASSERT_THAT(table, IsOk());
  TokenAuthenticator auth(*std::move(table));
  Admission admission(&auth, {.max_concurrent_rpcs = 1});
  EXPECT_TRUE(admission.authenticates());
  EXPECT_THAT(admission.Admit(CallKind::kUnary, std::nullopt, Scope::kRead,
                              "GetArticle"),
              StatusIs(absl::StatusCode::kUnauthenticated, "GetArticle"));
  EXPECT_THAT(admission.Admit(CallKind::kUnary, "Bearer r", Scope::kWrite,
                              "DeleteArticle"),
              StatusIs(absl::StatusCode::kPermissionDenied, "DeleteArticle"));
  EXPECT_EQ(admission.in_flight(CallKind::kUnary), 0);
  absl::StatusOr<Admission::Slot> slot = admission.Admit(
      CallKind::kUnary, "Bearer w", Scope::kWrite, "DeleteArticle");
  EXPECT_THAT(slot, IsOk());
  EXPECT_EQ(admission.in_flight(CallKind::kUnary), 1);
}

TEST(TlsFilesTest, UnreadableOrNonPemFilesAreNamed) {
  testing::TempDir dir;
  EXPECT_THAT(ReadPemCertificates("/nonexistent/cert.pem", "--tls_cert"),
              StatusIs(absl::StatusCode::kNotFound,
                       "--tls_cert: cannot read /nonexistent/cert.pem"));
  const std::string garbage = dir.Sub("garbage.pem");
  std::ofstream(garbage) << "not a certificate\n";
  EXPECT_THAT(
      ReadPemCertificates(garbage, "--tls_client_ca"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "--tls_client_ca: " + garbage + " holds no PEM certificate"));
}

TEST(TlsFilesTest, KeyMustBelongToTheCertificate) {
  testing::TempDir dir;
  std::optional<testing::TestCerts> certs = testing::MakeTestCerts(dir);
  if (!certs.has_value()) GTEST_SKIP() << "no openssl command";
  absl::StatusOr<PemKeyPair> pair =
      ReadPemKeyPair(certs->server_cert, "c", certs->server_key, "k");
  ASSERT_THAT(pair, IsOk());
  EXPECT_THAT(pair->cert_chain, HasSubstr("-----BEGIN CERTIFICATE-----"));
  EXPECT_THAT(pair->private_key, HasSubstr("PRIVATE KEY-----"));

  EXPECT_THAT(ReadPemKeyPair(certs->server_cert, "--tls_cert",
                             certs->client_key, "--tls_key"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "--tls_key: " + certs->client_key +
                           " is not the key of the certificate in " +
                           certs->server_cert));
  // A certificate where the key should be.
  EXPECT_THAT(ReadPemKeyPair(certs->server_cert, "--tls_cert",
                             certs->server_cert, "--tls_key"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "holds no unencrypted PEM private key"));
  EXPECT_THAT(ReadPemKeyPair(certs->server_cert, "--tls_cert",
                             dir.Sub("missing.key"), "--tls_key"),
              StatusIs(absl::StatusCode::kNotFound, "--tls_key: cannot read"));
}

}  // namespace
}  // namespace factcheck::auth
