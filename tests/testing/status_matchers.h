#ifndef FACTCHECK_TESTS_TESTING_STATUS_MATCHERS_H_
#define FACTCHECK_TESTS_TESTING_STATUS_MATCHERS_H_

// Abseil 20220623 ships no status matchers; these print the status on
// failure, so a failing test says why.

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace factcheck::testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

MATCHER(IsOk, "is OK") {
  const absl::Status& s = GetStatus(arg);
  *result_listener << "status: " << s;
  return s.ok();
}

MATCHER_P2(StatusIs, code, message_substring,
           "has code " + absl::StatusCodeToString(code)) {
  const absl::Status& s = GetStatus(arg);
  *result_listener << "status: " << s;
  return s.code() == code &&
         absl::StrContains(s.message(), std::string(message_substring));
}

MATCHER_P(StatusHasCode, code, "has code " + absl::StatusCodeToString(code)) {
  const absl::Status& s = GetStatus(arg);
  *result_listener << "status: " << s;
  return s.code() == code;
}

}  // namespace factcheck::testing

#define FC_ASSERT_OK(expr) ASSERT_THAT((expr), ::factcheck::testing::IsOk())
#define FC_EXPECT_OK(expr) EXPECT_THAT((expr), ::factcheck::testing::IsOk())

// Assigns the value of a StatusOr expression or fails the test.
#define FC_ASSERT_OK_AND_ASSIGN(lhs, expr)                                     \
  auto FC_SM_CONCAT(_fc_sor_, __LINE__) = (expr);                              \
  ASSERT_THAT(FC_SM_CONCAT(_fc_sor_, __LINE__), ::factcheck::testing::IsOk()); \
  lhs = *std::move(FC_SM_CONCAT(_fc_sor_, __LINE__))
#define FC_SM_CONCAT_INNER(a, b) a##b
#define FC_SM_CONCAT(a, b) FC_SM_CONCAT_INNER(a, b)

#endif  // FACTCHECK_TESTS_TESTING_STATUS_MATCHERS_H_
