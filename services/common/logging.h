#ifndef FACTCHECK_SERVICES_COMMON_LOGGING_H_
#define FACTCHECK_SERVICES_COMMON_LOGGING_H_

// A minimal logging facade for startup and shutdown messages. Abseil
// 20220623 has no absl/log; hiding the logger here means that swapping in
// absl/log (or glog) later touches this file only. Request logging is
// separate (request_log.h).

#include <string_view>

#include "absl/strings/str_cat.h"

namespace factcheck::common {

enum class LogSeverity { kInfo, kWarning, kError };

// Writes one line "I0901 10:00:00.123456 <message>" to stderr with a single
// write(2). Thread-safe; never fails (errors writing are ignored).
void LogMessage(LogSeverity severity, std::string_view message);

template <typename... Args>
void LogInfo(const Args&... args) {
  LogMessage(LogSeverity::kInfo, absl::StrCat(args...));
}
template <typename... Args>
void LogWarning(const Args&... args) {
  LogMessage(LogSeverity::kWarning, absl::StrCat(args...));
}
template <typename... Args>
void LogError(const Args&... args) {
  LogMessage(LogSeverity::kError, absl::StrCat(args...));
}

}  // namespace factcheck::common

#endif  // FACTCHECK_SERVICES_COMMON_LOGGING_H_
