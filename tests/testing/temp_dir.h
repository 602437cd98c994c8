#ifndef FACTCHECK_TESTS_TESTING_TEMP_DIR_H_
#define FACTCHECK_TESTS_TESTING_TEMP_DIR_H_

#include <cstdlib>
#include <filesystem>
#include <string>

#include "gtest/gtest.h"

namespace factcheck::testing {

// A unique directory under $TEST_TMPDIR (or the system temp dir), removed on
// destruction unless the environment sets FACTCHECK_KEEP_TEST_DIRS=1.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TEST_TMPDIR");
    std::filesystem::path root = base != nullptr
                                     ? std::filesystem::path(base)
                                     : std::filesystem::temp_directory_path();
    std::string pattern = (root / "factcheck-test-XXXXXX").string();
    char* made = mkdtemp(pattern.data());
    if (made == nullptr) {
      ADD_FAILURE() << "mkdtemp failed for " << pattern;
    }
    path_ = pattern;
  }
  ~TempDir() {
    const char* keep = std::getenv("FACTCHECK_KEEP_TEST_DIRS");
    if (keep == nullptr || std::string(keep) != "1") {
      std::error_code ignored;
      std::filesystem::remove_all(path_, ignored);
    }
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string Sub(const std::string& name) const {
    return (path_ / name).string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace factcheck::testing

#endif  // FACTCHECK_TESTS_TESTING_TEMP_DIR_H_
