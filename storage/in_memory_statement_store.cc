#include "storage/in_memory_statement_store.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "base/string_view.h"
#include "storage/bm25.h"
#include "storage/key_codec.h"
#include "storage/store_common.h"

namespace factcheck::storage {

void InMemoryStatementStore::IndexLocked(const IndexedStatement& s) {
  for (const auto& [term, frequency] : s.term_frequencies) {
    postings_[term][s.statement.id()] = Posting{frequency, s.length};
  }
  for (const std::string& speaker : s.speaker_keys) {
    by_speaker_[speaker].insert(s.statement.id());
  }
  ++statement_count_;
  total_length_ += s.length;
}

void InMemoryStatementStore::UnindexLocked(const IndexedStatement& s) {
  for (const auto& entry : s.term_frequencies) {
    auto it = postings_.find(entry.first);
    if (it == postings_.end()) continue;
    it->second.erase(s.statement.id());
    if (it->second.empty()) postings_.erase(it);
  }
  for (const std::string& speaker : s.speaker_keys) {
    auto it = by_speaker_.find(speaker);
    if (it == by_speaker_.end()) continue;
    it->second.erase(s.statement.id());
    if (it->second.empty()) by_speaker_.erase(it);
  }
  --statement_count_;
  total_length_ -= s.length;
}

const IndexedStatement* InMemoryStatementStore::FindStatementLocked(
    std::string_view id) const {
  const std::optional<StatementRef> ref = ParseStatementId(id);
  if (!ref.has_value()) return nullptr;
  auto it = articles_.find(ref->article_id);
  if (it == articles_.end() || ref->sequence >= it->second.statements.size()) {
    return nullptr;
  }
  return &it->second.statements[ref->sequence];
}

absl::StatusOr<std::vector<v1::Statement>> InMemoryStatementStore::PutArticle(
    const v1::Article& article, std::vector<IndexedStatement> statements) {
  FACTCHECK_RETURN_IF_ERROR(PrepareArticleForPut(article, statements));
  const std::string& id = article.id();

  absl::MutexLock lock(&mu_);
  if (articles_.contains(id)) {
    return absl::AlreadyExistsError(
        absl::StrCat("article ", AsAbsl(id), " already exists"));
  }
  if (auto it = by_hash_.find(article.content_sha256()); it != by_hash_.end()) {
    return absl::AlreadyExistsError(absl::StrCat(
        "an article with content_sha256 ", article.content_sha256(),
        " already exists: ", it->second));
  }
  StoredArticle& stored = articles_[id];
  stored.article = article;
  stored.article.set_statement_count(static_cast<uint32_t>(statements.size()));
  by_hash_[article.content_sha256()] = id;
  std::vector<v1::Statement> out;
  out.reserve(statements.size());
  for (uint32_t seq = 0; seq < statements.size(); ++seq) {
    IndexedStatement& s = statements[seq];
    s.statement.set_id(FormatStatementId(id, seq));
    s.statement.set_article_id(id);
    IndexLocked(s);
    out.push_back(s.statement);
  }
  stored.statements = std::move(statements);
  return out;
}

absl::StatusOr<v1::Article> InMemoryStatementStore::GetArticle(
    std::string_view id) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = articles_.find(id);
  if (it == articles_.end()) {
    return absl::NotFoundError(absl::StrCat("no article ", AsAbsl(id)));
  }
  return it->second.article;
}

absl::StatusOr<std::optional<std::string>>
InMemoryStatementStore::FindArticleByHash(
    std::string_view content_sha256) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = by_hash_.find(content_sha256);
  if (it == by_hash_.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<std::vector<v1::Article>> InMemoryStatementStore::ListArticles(
    std::string_view start_after, int limit, const ArticleQuery& query) const {
  std::vector<v1::Article> out;
  if (limit <= 0) return out;
  absl::ReaderMutexLock lock(&mu_);
  for (auto it = articles_.upper_bound(start_after);
       it != articles_.end() && out.size() < static_cast<size_t>(limit); ++it) {
    if (MatchesQuery(it->second.article, query)) {
      out.push_back(it->second.article);
    }
  }
  return out;
}

absl::StatusOr<uint32_t> InMemoryStatementStore::DeleteArticle(
    std::string_view id) {
  absl::MutexLock lock(&mu_);
  auto it = articles_.find(id);
  if (it == articles_.end()) {
    return absl::NotFoundError(absl::StrCat("no article ", AsAbsl(id)));
  }
  for (const IndexedStatement& s : it->second.statements) UnindexLocked(s);
  by_hash_.erase(it->second.article.content_sha256());
  const auto deleted = static_cast<uint32_t>(it->second.statements.size());
  articles_.erase(it);
  return deleted;
}

absl::StatusOr<v1::Statement> InMemoryStatementStore::GetStatement(
    std::string_view statement_id) const {
  absl::ReaderMutexLock lock(&mu_);
  const IndexedStatement* s = FindStatementLocked(statement_id);
  if (s == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("no statement ", AsAbsl(statement_id)));
  }
  return s->statement;
}

absl::StatusOr<std::vector<v1::Statement>>
InMemoryStatementStore::ListStatementsByArticle(
    std::string_view article_id) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = articles_.find(article_id);
  if (it == articles_.end()) {
    return absl::NotFoundError(absl::StrCat("no article ", AsAbsl(article_id)));
  }
  std::vector<v1::Statement> out;
  out.reserve(it->second.statements.size());
  for (const IndexedStatement& s : it->second.statements) {
    out.push_back(s.statement);
  }
  return out;
}

absl::StatusOr<std::vector<v1::Statement>>
InMemoryStatementStore::ListStatementsBySpeaker(std::string_view speaker_key,
                                                std::string_view start_after,
                                                int limit) const {
  std::vector<v1::Statement> out;
  if (limit <= 0) return out;
  absl::ReaderMutexLock lock(&mu_);
  auto it = by_speaker_.find(speaker_key);
  if (it == by_speaker_.end()) return out;
  for (auto id = it->second.upper_bound(start_after);
       id != it->second.end() && out.size() < static_cast<size_t>(limit);
       ++id) {
    const IndexedStatement* s = FindStatementLocked(*id);
    if (s == nullptr) {
      return absl::InternalError(
          absl::StrCat("speaker index points at missing statement ", *id));
    }
    out.push_back(s->statement);
  }
  return out;
}

absl::StatusOr<v1::Statement> InMemoryStatementStore::AppendStatement(
    std::string_view article_id, IndexedStatement statement) {
  FACTCHECK_RETURN_IF_ERROR(NormalizeIndexedStatement(statement));
  absl::MutexLock lock(&mu_);
  auto it = articles_.find(article_id);
  if (it == articles_.end()) {
    return absl::NotFoundError(absl::StrCat("no article ", AsAbsl(article_id)));
  }
  StoredArticle& stored = it->second;
  const auto seq = static_cast<uint32_t>(stored.statements.size());
  if (seq >= kMaxStatementsPerArticle) {
    return absl::ResourceExhaustedError(
        absl::StrCat("article ", AsAbsl(article_id), " already has ",
                     kMaxStatementsPerArticle, " statements"));
  }
  statement.statement.set_id(FormatStatementId(article_id, seq));
  statement.statement.set_article_id(std::string(article_id));
  IndexLocked(statement);
  stored.article.set_statement_count(seq + 1);
  stored.statements.push_back(std::move(statement));
  return stored.statements.back().statement;
}

absl::StatusOr<std::vector<ScoredStatement>> InMemoryStatementStore::Search(
    const std::vector<std::string>& query_terms,
    const std::vector<std::string>& article_scope, int limit) const {
  std::vector<ScoredStatement> out;
  const std::vector<std::string> terms = NormalizeQueryTerms(query_terms);
  if (limit <= 0 || terms.empty()) return out;
  // Statement ids of article A are exactly the keys starting with "A:".
  std::vector<std::string> scope_prefixes;
  for (const std::string& id : NormalizeArticleScope(article_scope)) {
    scope_prefixes.push_back(absl::StrCat(AsAbsl(id), ":"));
  }
  if (!article_scope.empty() && scope_prefixes.empty()) return out;

  absl::ReaderMutexLock lock(&mu_);
  if (statement_count_ == 0) return out;
  Bm25Scorer scorer(statement_count_, total_length_);
  for (const std::string& term : terms) {
    auto it = postings_.find(term);
    if (it == postings_.end()) continue;
    const auto& postings = it->second;
    const double idf = Bm25Idf(statement_count_, postings.size());
    const auto add_range = [&](auto begin, auto end) {
      for (auto p = begin; p != end; ++p) {
        scorer.Add(p->first, idf, p->second.term_frequency,
                   p->second.doc_length);
      }
    };
    if (scope_prefixes.empty()) {
      add_range(postings.begin(), postings.end());
    } else {
      for (const std::string& prefix : scope_prefixes) {
        add_range(postings.lower_bound(prefix),
                  postings.lower_bound(PrefixSuccessor(prefix)));
      }
    }
  }
  for (auto& [id, score] : scorer.Top(limit)) {
    const IndexedStatement* s = FindStatementLocked(id);
    if (s == nullptr) {
      return absl::InternalError(
          absl::StrCat("postings point at missing statement ", AsAbsl(id)));
    }
    out.push_back(ScoredStatement{s->statement, score});
  }
  return out;
}

absl::StatusOr<uint64_t> InMemoryStatementStore::StatementCount() const {
  absl::ReaderMutexLock lock(&mu_);
  return statement_count_;
}

absl::StatusOr<uint64_t> InMemoryStatementStore::ArticleCount() const {
  absl::ReaderMutexLock lock(&mu_);
  return articles_.size();
}

absl::StatusOr<uint64_t> InMemoryStatementStore::ApproximateSizeBytes() const {
  absl::ReaderMutexLock lock(&mu_);
  uint64_t bytes = 0;
  for (const auto& [id, stored] : articles_) {
    bytes += stored.article.ByteSizeLong();
    for (const IndexedStatement& s : stored.statements) {
      bytes += s.statement.ByteSizeLong();
      // A term with its frequency, as a posting holds it.
      for (const auto& entry : s.term_frequencies) {
        bytes += entry.first.size() + sizeof(entry.second);
      }
      for (const std::string& key : s.speaker_keys) bytes += key.size();
    }
  }
  return bytes;
}

absl::StatusOr<CheckpointInfo> InMemoryStatementStore::CreateCheckpoint(
    const std::string& dir) {
  return absl::FailedPreconditionError(absl::StrCat(
      "cannot write a checkpoint to ", dir,
      ": the store is in memory, nothing on disk to copy; checkpoints need "
      "a RocksDB store (factcheckd --data_dir)"));
}

}  // namespace factcheck::storage
