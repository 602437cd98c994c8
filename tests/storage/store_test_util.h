#ifndef FACTCHECK_TESTS_STORAGE_STORE_TEST_UTIL_H_
#define FACTCHECK_TESTS_STORAGE_STORE_TEST_UTIL_H_

// Builders for StatementStore tests.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "factcheck/v1/article.pb.h"
#include "storage/statement_store.h"

namespace factcheck::storage::contract {

inline v1::Article MakeArticle(
    const std::string& id, const std::string& publisher = "Reuters",
    std::optional<int64_t> published_seconds = std::nullopt) {
  v1::Article a;
  a.set_id(id);
  a.set_title(absl::StrCat("Title of ", id));
  a.set_publisher(publisher);
  a.set_body(absl::StrCat("Body of ", id, "."));
  a.set_content_sha256(absl::StrCat("sha-", id));
  if (published_seconds.has_value()) {
    a.mutable_published_at()->set_seconds(*published_seconds);
  }
  return a;
}

// A statement whose index terms are `terms` (each occurrence counts once)
// and whose length is the number of terms.
inline IndexedStatement MakeStatement(
    const std::string& text, const std::vector<std::string>& terms,
    const std::vector<std::string>& speakers = {}) {
  IndexedStatement s;
  s.statement.set_text(text);
  std::map<std::string, uint32_t> tf;
  for (const std::string& t : terms) ++tf[t];
  s.term_frequencies.assign(tf.begin(), tf.end());
  s.length = static_cast<uint32_t>(terms.size());
  s.speaker_keys = speakers;
  return s;
}

inline std::vector<std::string> Ids(const std::vector<v1::Statement>& v) {
  std::vector<std::string> out;
  for (const auto& s : v) out.push_back(s.id());
  return out;
}
inline std::vector<std::string> Ids(const std::vector<v1::Article>& v) {
  std::vector<std::string> out;
  for (const auto& a : v) out.push_back(a.id());
  return out;
}
inline std::vector<std::string> Ids(const std::vector<ScoredStatement>& v) {
  std::vector<std::string> out;
  for (const auto& s : v) out.push_back(s.statement.id());
  return out;
}

}  // namespace factcheck::storage::contract

#endif  // FACTCHECK_TESTS_STORAGE_STORE_TEST_UTIL_H_
