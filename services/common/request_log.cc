#include "services/common/request_log.h"

#include <unistd.h>

#include <cerrno>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace factcheck::common {
namespace {

constexpr size_t kMaxErrorBytes = 200;

// Appends `s` as a JSON string. Bytes outside printable ASCII are written as
// \u00XX: the line stays valid JSON even for non-UTF-8 input.
void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      default:
        if (c < 0x20 || c >= 0x7F) {
          absl::StrAppendFormat(out, "\\u%04x", c);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

void AppendKey(std::string* out, std::string_view key) {
  out->push_back(',');
  AppendJsonString(out, key);
  out->push_back(':');
}

void AppendNumber(std::string* out, double value) {
  // JSON has no NaN or infinity.
  if (!std::isfinite(value)) {
    out->append("null");
    return;
  }
  absl::StrAppendFormat(out, "%.6g", value);
}

}  // namespace

void FdLogSink::WriteLine(std::string_view line) {
  std::string buffer;
  buffer.reserve(line.size() + 1);
  buffer.append(line);
  buffer.push_back('\n');
  // One write(2) per line: concurrent lines do not interleave. A short write
  // (pipe full) continues with the rest rather than losing it.
  const char* data = buffer.data();
  size_t left = buffer.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // Logging must never fail a request.
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
}

LogSink* StderrLogSink() {
  static LogSink* const sink = new FdLogSink(STDERR_FILENO);
  return sink;
}

std::string FormatRequestRecord(const RequestRecord& record) {
  std::string out = "{\"ts\":";
  AppendJsonString(&out, absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", record.start,
                                          absl::UTCTimeZone()));
  AppendKey(&out, "rpc");
  AppendJsonString(&out, record.rpc);
  AppendKey(&out, "code");
  AppendJsonString(&out, absl::StatusCodeToString(record.code));
  AppendKey(&out, "ms");
  AppendNumber(&out, absl::ToDoubleMilliseconds(record.elapsed));
  AppendKey(&out, "peer");
  AppendJsonString(&out, record.peer);
  if (record.code != absl::StatusCode::kOk && !record.error.empty()) {
    AppendKey(&out, "error");
    AppendJsonString(&out,
                     std::string_view(record.error).substr(0, kMaxErrorBytes));
  }
  for (const LogFact& fact : record.facts) {
    AppendKey(&out, fact.key);
    if (const auto* i = std::get_if<int64_t>(&fact.value)) {
      absl::StrAppend(&out, *i);
    } else if (const auto* d = std::get_if<double>(&fact.value)) {
      AppendNumber(&out, *d);
    } else {
      AppendJsonString(&out, std::get<std::string>(fact.value));
    }
  }
  out.push_back('}');
  return out;
}

void RequestLogger::Log(const RequestRecord& record) const {
  if (observer_ != nullptr) observer_->OnRequest(record);
  if (sink_ == nullptr) return;
  sink_->WriteLine(FormatRequestRecord(record));
}

}  // namespace factcheck::common
