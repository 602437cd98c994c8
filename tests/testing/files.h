#ifndef FACTCHECK_TESTS_TESTING_FILES_H_
#define FACTCHECK_TESTS_TESTING_FILES_H_

#include <fstream>
#include <sstream>
#include <string>

namespace factcheck::testing {

// The whole file as bytes; empty when it cannot be read (tests that need
// ../shared data use this to skip cleanly where it is absent).
inline std::string ReadFileOrEmpty(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace factcheck::testing

#endif  // FACTCHECK_TESTS_TESTING_FILES_H_
