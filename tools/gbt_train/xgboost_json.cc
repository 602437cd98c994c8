#include "tools/gbt_train/xgboost_json.h"

#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "base/string_view.h"

namespace factcheck::gbt_train {
namespace {

// A JSON value. Numbers keep their text so that floats are converted once,
// straight from the decimal (strtod-then-narrow could round twice).
struct Json {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;  // a number's literal or a string's contents
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;

  const Json* Find(std::string_view key) const {
    for (const auto& [name, value] : members) {
      if (name == key) return &value;
    }
    return nullptr;
  }
};

// Recursive-descent reader for the JSON XGBoost writes (RFC 8259; \u
// escapes outside ASCII are kept verbatim, as no field we read uses them).
class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  absl::StatusOr<Json> ReadDocument() {
    FACTCHECK_ASSIGN_OR_RETURN(Json value, ReadValue(0));
    SkipSpace();
    if (pos_ != text_.size()) return Error("content after the JSON value");
    return value;
  }

 private:
  static constexpr int kMaxDepth = 64;

  absl::Status Error(std::string_view what) const {
    return absl::InvalidArgumentError(
        absl::StrCat("XGBoost model JSON, offset ", pos_, ": ", AsAbsl(what)));
  }

  void SkipSpace() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\t' ||
            text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool Consume(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool ConsumeWord(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  absl::StatusOr<Json> ReadValue(int depth) {
    if (depth > kMaxDepth) return Error("nested too deeply");
    SkipSpace();
    if (pos_ >= text_.size()) return Error("unexpected end");
    Json value;
    const char c = text_[pos_];
    if (c == '{') {
      ++pos_;
      value.kind = Json::Kind::kObject;
      if (Consume('}')) return value;
      do {
        SkipSpace();
        FACTCHECK_ASSIGN_OR_RETURN(std::string key, ReadString());
        if (!Consume(':')) return Error("expected ':'");
        FACTCHECK_ASSIGN_OR_RETURN(Json member, ReadValue(depth + 1));
        value.members.emplace_back(std::move(key), std::move(member));
      } while (Consume(','));
      if (!Consume('}')) return Error("expected ',' or '}'");
    } else if (c == '[') {
      ++pos_;
      value.kind = Json::Kind::kArray;
      if (Consume(']')) return value;
      do {
        FACTCHECK_ASSIGN_OR_RETURN(Json item, ReadValue(depth + 1));
        value.items.push_back(std::move(item));
      } while (Consume(','));
      if (!Consume(']')) return Error("expected ',' or ']'");
    } else if (c == '"') {
      value.kind = Json::Kind::kString;
      FACTCHECK_ASSIGN_OR_RETURN(value.text, ReadString());
    } else if (ConsumeWord("true")) {
      value.kind = Json::Kind::kBool;
      value.boolean = true;
    } else if (ConsumeWord("false")) {
      value.kind = Json::Kind::kBool;
    } else if (ConsumeWord("null")) {
      value.kind = Json::Kind::kNull;
    } else {
      const size_t start = pos_;
      while (pos_ < text_.size() &&
             std::string_view("+-0123456789.eE").find(text_[pos_]) !=
                 std::string_view::npos) {
        ++pos_;
      }
      if (pos_ == start) return Error("unexpected character");
      value.kind = Json::Kind::kNumber;
      value.text = std::string(text_.substr(start, pos_ - start));
    }
    return value;
  }

  absl::StatusOr<std::string> ReadString() {
    if (pos_ >= text_.size() || text_[pos_] != '"') {
      return Error("expected a string");
    }
    ++pos_;
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      char c = text_[pos_++];
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= text_.size()) break;
      c = text_[pos_++];
      switch (c) {
        case 'n':
          out.push_back('\n');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'u':
          out.append("\\u");
          break;
        default:
          out.push_back(c);
          break;  // \" \\ \/
      }
    }
    if (pos_ >= text_.size()) return Error("unterminated string");
    ++pos_;
    return out;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

absl::Status Malformed(std::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("unexpected XGBoost model: ", AsAbsl(what)));
}

// Follows a path of object keys.
absl::StatusOr<const Json*> Path(const Json& root,
                                 std::initializer_list<std::string_view> keys) {
  const Json* node = &root;
  std::string walked;
  for (std::string_view key : keys) {
    absl::StrAppend(&walked, "/", AsAbsl(key));
    node = node->kind == Json::Kind::kObject ? node->Find(key) : nullptr;
    if (node == nullptr) return Malformed(absl::StrCat("no ", walked));
  }
  return node;
}

// XGBoost writes some numbers as JSON numbers and model parameters as
// strings ("5E-1"); both convert here.
absl::StatusOr<double> Number(const Json& value, std::string_view what) {
  double number = 0;
  if ((value.kind != Json::Kind::kNumber &&
       value.kind != Json::Kind::kString) ||
      !absl::SimpleAtod(value.text, &number)) {
    return Malformed(absl::StrCat(AsAbsl(what), " is not a number"));
  }
  return number;
}

absl::StatusOr<float> Float(const Json& value, std::string_view what) {
  float number = 0;
  if ((value.kind != Json::Kind::kNumber &&
       value.kind != Json::Kind::kString) ||
      !absl::SimpleAtof(value.text, &number) || !std::isfinite(number)) {
    return Malformed(absl::StrCat(AsAbsl(what), " is not a finite float"));
  }
  return number;
}

absl::StatusOr<int> Int(const Json& value, std::string_view what) {
  FACTCHECK_ASSIGN_OR_RETURN(const double number, Number(value, what));
  if (number != std::floor(number) || std::abs(number) > 2147483647.0) {
    return Malformed(absl::StrCat(AsAbsl(what), " is not an integer"));
  }
  return static_cast<int>(number);
}

// One of a tree's per-node arrays, checked to have one entry per node.
absl::StatusOr<const std::vector<Json>*> NodeArray(const Json& tree,
                                                   std::string_view key,
                                                   size_t num_nodes) {
  const Json* array = tree.Find(key);
  if (array == nullptr || array->kind != Json::Kind::kArray ||
      array->items.size() != num_nodes) {
    return Malformed(absl::StrCat("tree array '", AsAbsl(key),
                                  "' is missing or not one entry per node"));
  }
  return &array->items;
}

absl::StatusOr<verifier::GbtTree> ConvertTree(const Json& tree,
                                              int class_index) {
  FACTCHECK_ASSIGN_OR_RETURN(const Json* num_nodes_json,
                             Path(tree, {"tree_param", "num_nodes"}));
  FACTCHECK_ASSIGN_OR_RETURN(const int num_nodes,
                             Int(*num_nodes_json, "num_nodes"));
  if (num_nodes < 1) return Malformed("a tree without nodes");
  const size_t n = num_nodes;
  FACTCHECK_ASSIGN_OR_RETURN(const auto* lefts,
                             NodeArray(tree, "left_children", n));
  FACTCHECK_ASSIGN_OR_RETURN(const auto* rights,
                             NodeArray(tree, "right_children", n));
  FACTCHECK_ASSIGN_OR_RETURN(const auto* features,
                             NodeArray(tree, "split_indices", n));
  // For a leaf, split_conditions holds the leaf value (already scaled by
  // the learning rate); base_weights would not be.
  FACTCHECK_ASSIGN_OR_RETURN(const auto* conditions,
                             NodeArray(tree, "split_conditions", n));
  FACTCHECK_ASSIGN_OR_RETURN(const auto* default_lefts,
                             NodeArray(tree, "default_left", n));
  if (const Json* categories = tree.Find("categories_nodes");
      categories != nullptr && !categories->items.empty()) {
    return Malformed("categorical splits are not supported");
  }
  if (const Json* leaf_vector = tree.Find("tree_param");
      leaf_vector != nullptr) {
    if (const Json* size = leaf_vector->Find("size_leaf_vector")) {
      FACTCHECK_ASSIGN_OR_RETURN(const int leaf_size,
                                 Int(*size, "size_leaf_vector"));
      if (leaf_size > 1) return Malformed("vector leaves are not supported");
    }
  }

  // Depth-first from the root, children after their parent, so that the
  // numbering is canonical and pruned nodes disappear.
  verifier::GbtTree out;
  out.class_index = class_index;
  std::vector<int> order;
  std::vector<int> new_index(n, -1);
  std::vector<int> pending = {0};
  while (!pending.empty()) {
    const int old = pending.back();
    pending.pop_back();
    if (old < 0 || static_cast<size_t>(old) >= n || new_index[old] != -1) {
      return Malformed(
          absl::StrCat("node index ", old, " out of range or reached twice"));
    }
    new_index[old] = static_cast<int>(order.size());
    order.push_back(old);
    FACTCHECK_ASSIGN_OR_RETURN(const int left,
                               Int((*lefts)[old], "left_children"));
    if (left == -1) continue;
    FACTCHECK_ASSIGN_OR_RETURN(const int right,
                               Int((*rights)[old], "right_children"));
    pending.push_back(right);
    pending.push_back(left);  // popped first: left subtree numbered first
  }
  out.nodes.reserve(order.size());
  for (int old : order) {
    verifier::GbtNode node;
    FACTCHECK_ASSIGN_OR_RETURN(const int left,
                               Int((*lefts)[old], "left_children"));
    FACTCHECK_ASSIGN_OR_RETURN(const float condition,
                               Float((*conditions)[old], "split_conditions"));
    if (left == -1) {
      node.leaf_value = condition;
    } else {
      FACTCHECK_ASSIGN_OR_RETURN(const int right,
                                 Int((*rights)[old], "right_children"));
      FACTCHECK_ASSIGN_OR_RETURN(node.feature,
                                 Int((*features)[old], "split_indices"));
      node.threshold = condition;
      node.left = new_index[left];
      node.right = new_index[right];
      const Json& default_left = (*default_lefts)[old];
      if (default_left.kind == Json::Kind::kBool) {
        node.default_left = default_left.boolean;
      } else {
        FACTCHECK_ASSIGN_OR_RETURN(const int flag,
                                   Int(default_left, "default_left"));
        node.default_left = flag != 0;
      }
    }
    out.nodes.push_back(node);
  }
  return out;
}

}  // namespace

absl::StatusOr<verifier::GbtModelSpec> ConvertXgboostJson(
    std::string_view json) {
  FACTCHECK_ASSIGN_OR_RETURN(const Json root, JsonReader(json).ReadDocument());

  FACTCHECK_ASSIGN_OR_RETURN(const Json* objective,
                             Path(root, {"learner", "objective", "name"}));
  if (objective->text != "multi:softprob") {
    return Malformed(absl::StrCat("objective '", objective->text,
                                  "', expected multi:softprob"));
  }
  FACTCHECK_ASSIGN_OR_RETURN(
      const Json* num_class,
      Path(root, {"learner", "learner_model_param", "num_class"}));
  FACTCHECK_ASSIGN_OR_RETURN(const int classes, Int(*num_class, "num_class"));
  if (classes != verifier::TreeEnsemble::kNumClasses) {
    return Malformed(absl::StrCat(classes, " classes, expected ",
                                  verifier::TreeEnsemble::kNumClasses));
  }
  FACTCHECK_ASSIGN_OR_RETURN(const Json* booster,
                             Path(root, {"learner", "gradient_booster"}));
  FACTCHECK_ASSIGN_OR_RETURN(const Json* booster_name,
                             Path(*booster, {"name"}));
  if (booster_name->text != "gbtree") {
    return Malformed(
        absl::StrCat("booster '", booster_name->text, "', expected gbtree"));
  }

  verifier::GbtModelSpec spec;
  // In 1.7 every class's margin starts at base_score itself (the softmax
  // objective does not transform it).
  FACTCHECK_ASSIGN_OR_RETURN(
      const Json* base_score,
      Path(root, {"learner", "learner_model_param", "base_score"}));
  FACTCHECK_ASSIGN_OR_RETURN(spec.base_margin,
                             Float(*base_score, "base_score"));

  FACTCHECK_ASSIGN_OR_RETURN(const Json* trees,
                             Path(*booster, {"model", "trees"}));
  FACTCHECK_ASSIGN_OR_RETURN(const Json* tree_info,
                             Path(*booster, {"model", "tree_info"}));
  if (trees->kind != Json::Kind::kArray ||
      tree_info->kind != Json::Kind::kArray ||
      trees->items.size() != tree_info->items.size()) {
    return Malformed("trees and tree_info differ in length");
  }
  spec.trees.reserve(trees->items.size());
  for (size_t t = 0; t < trees->items.size(); ++t) {
    FACTCHECK_ASSIGN_OR_RETURN(const int class_index,
                               Int(tree_info->items[t], "tree_info"));
    FACTCHECK_ASSIGN_OR_RETURN(verifier::GbtTree tree,
                               ConvertTree(trees->items[t], class_index));
    spec.trees.push_back(std::move(tree));
  }
  return spec;
}

}  // namespace factcheck::gbt_train
