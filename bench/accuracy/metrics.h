#ifndef FACTCHECK_BENCH_ACCURACY_METRICS_H_
#define FACTCHECK_BENCH_ACCURACY_METRICS_H_

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace factcheck::accuracy {

// The three verdict classes, in the order used by every matrix here.
enum class Label { kSupported = 0, kContradicted = 1, kUnsupported = 2 };

// "SUPPORTED" / "CONTRADICTED" / "UNSUPPORTED"; nullopt for anything else.
// The free functions of this header are pure and thread-safe.
std::optional<Label> ParseLabel(std::string_view name);
// The upper-case name of `label`.
std::string_view LabelName(Label label);

// Gold x predicted counts over the three classes. Not thread-safe.
class Confusion {
 public:
  void Add(Label gold, Label predicted);
  int64_t count(Label gold, Label predicted) const;
  int64_t total() const;

 private:
  std::array<std::array<int64_t, 3>, 3> counts_ = {};
};

// Scores of one class.
struct ClassScores {
  std::string name;
  // Gold rows of the class.
  int64_t support = 0;
  // Rows predicted as the class.
  int64_t predicted = 0;
  // 0 when undefined (nothing predicted / no gold rows).
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

// Scores of one file.
struct Scores {
  int64_t rows = 0;
  double accuracy = 0;
  // Mean recall over classes with gold rows (sklearn's definition).
  double balanced_accuracy = 0;
  // Mean F1 over classes that occur in gold or predictions (sklearn's
  // default label set).
  double macro_f1 = 0;
  std::vector<ClassScores> classes;
  // matrix[gold][predicted], in `classes` order.
  std::vector<std::vector<int64_t>> matrix;
};

// Three-way scores. An empty matrix yields rows = 0 and zero scores.
Scores ThreeWayScores(const Confusion& confusion);
// SUPPORTED vs not (CONTRADICTED and UNSUPPORTED merged into NOT_SUPPORTED).
Scores BinaryScores(const Confusion& confusion);
// Scores over an arbitrary square matrix[gold][predicted] with class names.
Scores ScoresFromMatrix(std::vector<std::string> names,
                        std::vector<std::vector<int64_t>> matrix);

// Expected calibration error of the predicted class's confidence over
// `bins` equal-width confidence bins: sum over bins of |accuracy - mean
// confidence| weighted by the bin's share of rows. 0 for no rows.
double ExpectedCalibrationError(const std::vector<bool>& correct,
                                const std::vector<float>& confidence,
                                int bins = 10);

// Class scores in Label order.
using ClassScoresRow = std::array<float, 3>;
// The verdict rule over class scores and two thresholds (the engine's).
using DecideFn = std::function<Label(const ClassScoresRow& scores,
                                     float support, float contradict)>;

struct TunedThresholds {
  float support = 0.5f;
  float contradict = 0.5f;
  // The objective reached: balanced accuracy (binary) or macro-F1 (3-way).
  double objective = 0;
};

// The objective a file is tuned for: balanced accuracy when binary, else
// macro-F1 of the three-way scores.
double Objective(const std::vector<Label>& gold,
                 const std::vector<Label>& predicted, bool binary);

// Grid search (0.05 steps) for the thresholds that maximise the objective
// over several files at once (their mean); ties keep the threshold closest
// to 0.5. `gold[f]`/`scores[f]` are file f's rows.
TunedThresholds TuneThresholds(
    const std::vector<std::vector<Label>>& gold,
    const std::vector<std::vector<ClassScoresRow>>& scores,
    const std::vector<bool>& binary, const DecideFn& decide);

// A multi-line human-readable report: headline scores, per-class
// precision/recall/F1 and the confusion matrix.
std::string FormatScores(const Scores& scores);

}  // namespace factcheck::accuracy

#endif  // FACTCHECK_BENCH_ACCURACY_METRICS_H_
