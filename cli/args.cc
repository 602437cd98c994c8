#include "cli/args.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace factcheck::cli {

bool ParsedArgs::Has(const std::string& name) const {
  return values_.count(name) > 0;
}

std::string ParsedArgs::Get(const std::string& name,
                            const std::string& fallback) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return fallback;
  return it->second.back();
}

std::vector<std::string> ParsedArgs::GetAll(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return {};
  return it->second;
}

const OptionSpec* ArgParser::Find(const std::string& name) const {
  for (const OptionSpec& option : options_) {
    if (option.name == name) return &option;
  }
  return nullptr;
}

absl::StatusOr<ParsedArgs> ArgParser::Parse(absl::Span<const std::string> args,
                                            bool stop_at_positional) const {
  ParsedArgs parsed;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      parsed.positional_.insert(parsed.positional_.end(), args.begin() + i + 1,
                                args.end());
      break;
    }
    // "-" (stdin) and anything not starting with "--" is positional; so is a
    // negative number like "-5" (a claim can start with one).
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      if (stop_at_positional) {
        parsed.positional_.insert(parsed.positional_.end(), args.begin() + i,
                                  args.end());
        break;
      }
      parsed.positional_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::string value;
    bool has_inline_value = false;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
      has_inline_value = true;
    }
    const OptionSpec* spec = Find(name);
    if (spec == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown option --", name));
    }
    if (!spec->takes_value) {
      if (has_inline_value) {
        return absl::InvalidArgumentError(
            absl::StrCat("option --", name, " takes no value"));
      }
    } else if (!has_inline_value) {
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat("option --", name, " needs a value"));
      }
      value = args[++i];
    }
    std::vector<std::string>& values = parsed.values_[name];
    if (!values.empty() && !spec->repeated) {
      return absl::InvalidArgumentError(
          absl::StrCat("option --", name, " given more than once"));
    }
    values.push_back(std::move(value));
  }
  return parsed;
}

std::string ArgParser::Usage() const {
  std::string out;
  for (const OptionSpec& option : options_) {
    std::string left =
        absl::StrCat("--", option.name, option.takes_value ? " VALUE" : "",
                     option.repeated ? " (repeatable)" : "");
    absl::StrAppendFormat(&out, "  %-32s %s\n", left, option.help);
  }
  return out;
}

}  // namespace factcheck::cli
