#include "bench/accuracy/metrics.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace factcheck::accuracy {
namespace {

constexpr std::array<std::string_view, 3> kNames = {"SUPPORTED", "CONTRADICTED",
                                                    "UNSUPPORTED"};

double Ratio(int64_t num, int64_t den) {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

}  // namespace

std::optional<Label> ParseLabel(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (name == kNames[i]) return static_cast<Label>(i);
  }
  return std::nullopt;
}

std::string_view LabelName(Label label) {
  return kNames[static_cast<size_t>(label)];
}

void Confusion::Add(Label gold, Label predicted) {
  ++counts_[static_cast<size_t>(gold)][static_cast<size_t>(predicted)];
}

int64_t Confusion::count(Label gold, Label predicted) const {
  return counts_[static_cast<size_t>(gold)][static_cast<size_t>(predicted)];
}

int64_t Confusion::total() const {
  int64_t n = 0;
  for (const auto& row : counts_) {
    for (int64_t c : row) n += c;
  }
  return n;
}

Scores ScoresFromMatrix(std::vector<std::string> names,
                        std::vector<std::vector<int64_t>> matrix) {
  Scores s;
  const size_t k = names.size();
  int64_t correct = 0;
  for (size_t g = 0; g < k; ++g) {
    for (size_t p = 0; p < k; ++p) s.rows += matrix[g][p];
    correct += matrix[g][g];
  }
  s.accuracy = Ratio(correct, s.rows);
  int recall_classes = 0;
  int f1_classes = 0;
  for (size_t c = 0; c < k; ++c) {
    ClassScores cs;
    cs.name = std::move(names[c]);
    for (size_t i = 0; i < k; ++i) {
      cs.support += matrix[c][i];
      cs.predicted += matrix[i][c];
    }
    cs.precision = Ratio(matrix[c][c], cs.predicted);
    cs.recall = Ratio(matrix[c][c], cs.support);
    cs.f1 = cs.precision + cs.recall > 0
                ? 2 * cs.precision * cs.recall / (cs.precision + cs.recall)
                : 0.0;
    if (cs.support > 0) {
      s.balanced_accuracy += cs.recall;
      ++recall_classes;
    }
    if (cs.support > 0 || cs.predicted > 0) {
      s.macro_f1 += cs.f1;
      ++f1_classes;
    }
    s.classes.push_back(std::move(cs));
  }
  if (recall_classes > 0) s.balanced_accuracy /= recall_classes;
  if (f1_classes > 0) s.macro_f1 /= f1_classes;
  s.matrix = std::move(matrix);
  return s;
}

Scores ThreeWayScores(const Confusion& confusion) {
  std::vector<std::vector<int64_t>> m(3, std::vector<int64_t>(3, 0));
  for (size_t g = 0; g < 3; ++g) {
    for (size_t p = 0; p < 3; ++p) {
      m[g][p] = confusion.count(static_cast<Label>(g), static_cast<Label>(p));
    }
  }
  return ScoresFromMatrix(
      {std::string(kNames[0]), std::string(kNames[1]), std::string(kNames[2])},
      std::move(m));
}

Scores BinaryScores(const Confusion& confusion) {
  std::vector<std::vector<int64_t>> m(2, std::vector<int64_t>(2, 0));
  for (size_t g = 0; g < 3; ++g) {
    for (size_t p = 0; p < 3; ++p) {
      m[g == 0 ? 0 : 1][p == 0 ? 0 : 1] +=
          confusion.count(static_cast<Label>(g), static_cast<Label>(p));
    }
  }
  return ScoresFromMatrix({"SUPPORTED", "NOT_SUPPORTED"}, std::move(m));
}

std::string FormatScores(const Scores& s) {
  std::string out = absl::StrFormat(
      "  rows %d  accuracy %.4f  balanced accuracy %.4f  macro-F1 %.4f\n",
      s.rows, s.accuracy, s.balanced_accuracy, s.macro_f1);
  absl::StrAppendFormat(&out, "  %-14s %9s %9s %9s %8s %9s\n", "class",
                        "precision", "recall", "F1", "gold", "predicted");
  for (const ClassScores& c : s.classes) {
    absl::StrAppendFormat(&out, "  %-14s %9.4f %9.4f %9.4f %8d %9d\n", c.name,
                          c.precision, c.recall, c.f1, c.support, c.predicted);
  }
  absl::StrAppendFormat(&out, "  confusion (rows gold, columns predicted)\n");
  absl::StrAppendFormat(&out, "  %-14s", "");
  for (const ClassScores& c : s.classes) {
    absl::StrAppendFormat(&out, " %14s", c.name);
  }
  absl::StrAppend(&out, "\n");
  for (size_t g = 0; g < s.matrix.size(); ++g) {
    absl::StrAppendFormat(&out, "  %-14s", s.classes[g].name);
    for (int64_t c : s.matrix[g]) absl::StrAppendFormat(&out, " %14d", c);
    absl::StrAppend(&out, "\n");
  }
  return out;
}

double ExpectedCalibrationError(const std::vector<bool>& correct,
                                const std::vector<float>& confidence,
                                int bins) {
  const size_t n = std::min(correct.size(), confidence.size());
  if (n == 0 || bins <= 0) return 0;
  std::vector<double> hits(bins, 0), conf(bins, 0), count(bins, 0);
  for (size_t i = 0; i < n; ++i) {
    const float c = std::clamp(confidence[i], 0.0f, 1.0f);
    const int b = std::min(bins - 1, static_cast<int>(c * bins));
    hits[b] += correct[i] ? 1 : 0;
    conf[b] += c;
    count[b] += 1;
  }
  double ece = 0;
  for (int b = 0; b < bins; ++b) {
    if (count[b] == 0) continue;
    ece += std::abs(hits[b] / count[b] - conf[b] / count[b]) * count[b] /
           static_cast<double>(n);
  }
  return ece;
}

double Objective(const std::vector<Label>& gold,
                 const std::vector<Label>& predicted, bool binary) {
  Confusion c;
  for (size_t i = 0; i < gold.size() && i < predicted.size(); ++i) {
    c.Add(gold[i], predicted[i]);
  }
  return binary ? BinaryScores(c).balanced_accuracy
                : ThreeWayScores(c).macro_f1;
}

TunedThresholds TuneThresholds(
    const std::vector<std::vector<Label>>& gold,
    const std::vector<std::vector<ClassScoresRow>>& scores,
    const std::vector<bool>& binary, const DecideFn& decide) {
  TunedThresholds best;
  best.objective = -1;
  double best_distance = 0;
  for (int si = 2; si <= 18; ++si) {
    for (int ci = 2; ci <= 18; ++ci) {
      const float support = si * 0.05f;
      const float contradict = ci * 0.05f;
      double total = 0;
      for (size_t f = 0; f < gold.size(); ++f) {
        std::vector<Label> predicted;
        predicted.reserve(scores[f].size());
        for (const ClassScoresRow& row : scores[f]) {
          predicted.push_back(decide(row, support, contradict));
        }
        total += Objective(gold[f], predicted, binary[f]);
      }
      const double mean = gold.empty() ? 0 : total / gold.size();
      const double distance =
          std::abs(support - 0.5) + std::abs(contradict - 0.5);
      if (mean > best.objective + 1e-12 ||
          (std::abs(mean - best.objective) <= 1e-12 &&
           distance < best_distance)) {
        best = {support, contradict, mean};
        best_distance = distance;
      }
    }
  }
  return best;
}

}  // namespace factcheck::accuracy
