#include "storage/bm25.h"

#include <algorithm>
#include <cmath>

namespace factcheck::storage {

double Bm25Idf(uint64_t corpus_size, uint64_t document_frequency) {
  const double n = static_cast<double>(corpus_size);
  const double df = static_cast<double>(document_frequency);
  return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
}

Bm25Scorer::Bm25Scorer(uint64_t corpus_size, uint64_t total_length)
    : avg_doc_length_(corpus_size == 0 || total_length == 0
                          ? 1.0  // No lengths: every document is "average".
                          : static_cast<double>(total_length) /
                                static_cast<double>(corpus_size)) {}

void Bm25Scorer::Add(std::string_view statement_id, double idf,
                     uint32_t term_frequency, uint32_t doc_length) {
  const double tf = term_frequency;
  const double norm =
      1.0 - kBm25B + kBm25B * static_cast<double>(doc_length) / avg_doc_length_;
  scores_[std::string(statement_id)] +=
      idf * tf * (kBm25K1 + 1.0) / (tf + kBm25K1 * norm);
}

std::vector<std::pair<std::string, double>> Bm25Scorer::Top(int limit) const {
  std::vector<std::pair<std::string, double>> ranked(scores_.begin(),
                                                     scores_.end());
  const auto better = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  const size_t keep =
      limit <= 0 ? 0 : std::min(ranked.size(), static_cast<size_t>(limit));
  std::partial_sort(ranked.begin(), ranked.begin() + keep, ranked.end(),
                    better);
  ranked.resize(keep);
  return ranked;
}

}  // namespace factcheck::storage
