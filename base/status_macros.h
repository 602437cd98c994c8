#ifndef FACTCHECK_BASE_STATUS_MACROS_H_
#define FACTCHECK_BASE_STATUS_MACROS_H_

// Abseil 20220623 has no RETURN_IF_ERROR / ASSIGN_OR_RETURN; these are ours,
// prefixed so that they never clash with a future ABSL_ version.

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define FACTCHECK_RETURN_IF_ERROR(expr)                         \
  do {                                                          \
    if (::absl::Status _fc_status = (expr); !_fc_status.ok()) { \
      return _fc_status;                                        \
    }                                                           \
  } while (0)

#define FACTCHECK_STATUS_CONCAT_INNER(a, b) a##b
#define FACTCHECK_STATUS_CONCAT(a, b) FACTCHECK_STATUS_CONCAT_INNER(a, b)

#define FACTCHECK_ASSIGN_OR_RETURN(lhs, expr) \
  FACTCHECK_ASSIGN_OR_RETURN_IMPL(            \
      FACTCHECK_STATUS_CONCAT(_fc_statusor_, __LINE__), lhs, expr)

#define FACTCHECK_ASSIGN_OR_RETURN_IMPL(statusor, lhs, expr) \
  auto statusor = (expr);                                    \
  if (!statusor.ok()) return std::move(statusor).status();   \
  lhs = *std::move(statusor)

#endif  // FACTCHECK_BASE_STATUS_MACROS_H_
