#ifndef FACTCHECK_BASE_FILE_H_
#define FACTCHECK_BASE_FILE_H_

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/string_view.h"

namespace factcheck {

// The whole content of the file at `path`. NOT_FOUND when it cannot be
// opened, with the message "<what>: cannot read <path>" (`what` names the
// file for the reader, e.g. the flag that gave it; may be empty).
inline absl::StatusOr<std::string> ReadFileToString(const std::string& path,
                                                    std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat(
        AsAbsl(what), what.empty() ? "" : ": ", "cannot read ", path));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace factcheck

#endif  // FACTCHECK_BASE_FILE_H_
