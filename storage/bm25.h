#ifndef FACTCHECK_STORAGE_BM25_H_
#define FACTCHECK_STORAGE_BM25_H_

// Okapi BM25, the one ranking formula of every StatementStore:
//   idf(t)      = ln(1 + (N - df + 0.5) / (df + 0.5))
//   score(d, q) = sum over distinct t in q of
//                 idf(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * |d| /
//                 avgdl))
// with N the number of statements, df the number holding t, |d| the
// statement's length and avgdl the mean length, all corpus-wide (a scoped
// search ranks fewer candidates, with the same statistics).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace factcheck::storage {

inline constexpr double kBm25K1 = 1.2;
inline constexpr double kBm25B = 0.75;

// idf of a term held by `document_frequency` of `corpus_size` statements.
double Bm25Idf(uint64_t corpus_size, uint64_t document_frequency);

// Accumulates per-statement BM25 scores and ranks them. Not thread-safe: one
// instance per Search call.
class Bm25Scorer {
 public:
  // `total_length` is the sum of all statement lengths (for avgdl).
  Bm25Scorer(uint64_t corpus_size, uint64_t total_length);

  // Adds the contribution of one query term (with idf `idf`) occurring
  // `term_frequency` times in statement `statement_id` of length
  // `doc_length`.
  void Add(std::string_view statement_id, double idf, uint32_t term_frequency,
           uint32_t doc_length);

  // At most `limit` (statement id, score) pairs, best first, ties by id
  // ascending. Empty when `limit` <= 0.
  std::vector<std::pair<std::string, double>> Top(int limit) const;

 private:
  double avg_doc_length_;
  std::unordered_map<std::string, double> scores_;
};

}  // namespace factcheck::storage

#endif  // FACTCHECK_STORAGE_BM25_H_
