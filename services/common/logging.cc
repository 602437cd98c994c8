#include "services/common/logging.h"

#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/common/request_log.h"

namespace factcheck::common {

void LogMessage(LogSeverity severity, std::string_view message) {
  char letter = 'I';
  switch (severity) {
    case LogSeverity::kInfo:
      letter = 'I';
      break;
    case LogSeverity::kWarning:
      letter = 'W';
      break;
    case LogSeverity::kError:
      letter = 'E';
      break;
  }
  std::string line(1, letter);
  line +=
      absl::FormatTime("%m%d %H:%M:%E6S ", absl::Now(), absl::LocalTimeZone());
  line += message;
  StderrLogSink()->WriteLine(line);
}

}  // namespace factcheck::common
