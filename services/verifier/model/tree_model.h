#ifndef FACTCHECK_SERVICES_VERIFIER_MODEL_TREE_MODEL_H_
#define FACTCHECK_SERVICES_VERIFIER_MODEL_TREE_MODEL_H_

// Runtime evaluator of the verdict model: a 3-class gradient-boosted tree
// ensemble, read from our own versioned text format (no XGBoost at run time;
// tools/gbt_train/ writes the files from XGBoost boosters).
//
// Format, one record a line, tokens separated by spaces:
//
//   factcheck-gbt 1
//   meta <key> <value...>        any number; the value is the rest of the line
//   classes 3
//   features <n> <name_1> ... <name_n>
//   base_margin <float>          initial margin of every class
//   trees <T>
//   tree <class_index> <node_count>     then node_count node lines:
//   <feature or -1> <threshold> <left> <right> <default_left 0|1> <leaf>
//   ...
//   checksum <16 hex digits: FNV-1a 64 of every byte before this line>
//
// Node 0 of a tree is its root; children are indices within the tree. A
// split sends x to `left` when x < threshold (XGBoost's rule) and a missing
// value (NaN) to `left` when default_left is 1, else to `right`. Leaves
// (feature -1, children -1) add `leaf` to their class's margin; the
// probabilities are the softmax of the margins. Floats are written with %.9g,
// which round-trips every float exactly.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace factcheck::verifier {

// One node of a tree as the file stores it.
struct GbtNode {
  int feature = -1;        // index into the feature names; -1 for a leaf
  float threshold = 0.0f;  // splits: go left when x < threshold
  int left = -1;           // child indices within the tree; -1 for a leaf
  int right = -1;
  bool default_left = false;  // splits: where a missing (NaN) value goes
  float leaf_value = 0.0f;    // leaves: added to the tree's class margin
};

struct GbtTree {
  int class_index = 0;
  std::vector<GbtNode> nodes;  // nodes[0] is the root
};

// The whole model in file order, for writers (the trainer) and tests.
struct GbtModelSpec {
  std::vector<std::pair<std::string, std::string>> metadata;
  std::vector<std::string> feature_names;
  float base_margin = 0.0f;
  std::vector<GbtTree> trees;
};

// An immutable, validated model; the Predict methods are const and safe to
// call from many threads at once.
class TreeEnsemble {
 public:
  static constexpr int kNumClasses = 3;
  static constexpr int kFormatVersion = 1;

  // Parses a model file's text. INVALID_ARGUMENT for a text that is not a
  // version-1 model or whose content is inconsistent (bad number, child or
  // feature or class index out of range, a node reached twice or never);
  // DATA_LOSS when the checksum line is missing (truncated file), the
  // checksum does not match, or the records end early. Messages name the
  // line ("line 12: ...").
  static absl::StatusOr<TreeEnsemble> Parse(std::string_view text);

  // Reads and parses a model file: NOT_FOUND when it does not exist, else
  // Parse's errors prefixed with the path.
  static absl::StatusOr<TreeEnsemble> LoadFile(const std::string& path);

  // Validates a model built in memory (same rules as Parse; messages name
  // the tree and node instead of the line).
  static absl::StatusOr<TreeEnsemble> FromSpec(GbtModelSpec spec);

  // The same model with `metadata` lines before its own (for what is known
  // only after training, such as decision thresholds). INVALID_ARGUMENT for
  // a key it has already, or a malformed entry.
  absl::StatusOr<TreeEnsemble> WithMetadataFirst(
      std::vector<std::pair<std::string, std::string>> metadata) const;

  // The model in the text format above, checksum included, each tree
  // numbered breadth-first with the left child before the right (Parse
  // accepts any numbering). Parse(ToText()) gives back an equal model.
  std::string ToText() const;

  const std::vector<std::string>& feature_names() const {
    return feature_names_;
  }
  int num_classes() const { return kNumClasses; }
  size_t num_trees() const { return tree_roots_.size(); }
  float base_margin() const { return base_margin_; }

  // Free key/value lines in file order, and lookup by key (nullptr when the
  // model has no such key). Keys are unique.
  const std::vector<std::pair<std::string, std::string>>& metadata() const {
    return metadata_;
  }
  const std::string* FindMetadata(std::string_view key) const;

  // Class probabilities (softmax of the margins) for one row of
  // `n == feature_names().size()` features; NaN marks a missing value.
  // Any other n is a caller bug: the result is then all NaN, so it cannot
  // pass for a prediction.
  std::array<float, kNumClasses> PredictProba(const float* features,
                                              size_t n) const;

  // The raw per-class margins (base margin plus the leaves), same contract.
  std::array<float, kNumClasses> PredictMargins(const float* features,
                                                size_t n) const;

 private:
  // Every step of a walk is one comparison and an add, without branches:
  //   next = first + !(input[node.input] < node.threshold)
  // where input holds the row's features and then their negations. The two
  // children sit at `first` and `first + 1`. The negated copy makes a NaN
  // (which fails every comparison, so goes to first + 1) reach the default
  // child: where NaN goes left, the node compares -x < -prev(t) (x >= t)
  // with the right child first. A leaf compares against -inf (always
  // false) and has first = itself - 1, so it stays put and trees can be
  // walked in lockstep for a fixed number of steps.
  struct FlatNode {
    float threshold;
    int32_t first;   // absolute index
    uint32_t input;  // feature, or num_features + feature for its negation
  };

  TreeEnsemble() = default;
  static TreeEnsemble Build(const GbtModelSpec& spec);
  // Walks kLanes trees from `first` on for `steps` steps, in lockstep (the
  // walks are independent, so their memory loads overlap), and adds the
  // leaves to `margins` in tree order.
  template <size_t kLanes>
  void AddTrees(size_t first, int steps, const float* input,
                std::array<float, kNumClasses>& margins) const;

  std::vector<std::pair<std::string, std::string>> metadata_;
  std::vector<std::string> feature_names_;
  float base_margin_ = 0.0f;
  std::vector<FlatNode> nodes_;
  // By node index: a leaf's value, or a split's threshold as the file has it.
  std::vector<float> values_;
  std::vector<int32_t> tree_roots_;
  std::vector<int32_t> tree_classes_;
  std::vector<int32_t> tree_depths_;  // splits on the longest root-leaf path
};

// FNV-1a 64-bit hash, the model file's checksum.
uint64_t Fnv1a64(std::string_view bytes);

}  // namespace factcheck::verifier

#endif  // FACTCHECK_SERVICES_VERIFIER_MODEL_TREE_MODEL_H_
