#ifndef FACTCHECK_CLI_ARGS_H_
#define FACTCHECK_CLI_ARGS_H_

// A small option parser for the CLI's subcommands. Abseil flags are global
// to the process, and each subcommand takes its own options, so the CLI
// parses its arguments itself.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace factcheck::cli {

// One option a command accepts: "--name VALUE", "--name=VALUE", or a bare
// "--name" switch.
struct OptionSpec {
  std::string name;  // Without the leading "--".
  bool takes_value = true;
  bool repeated = false;  // May be given several times.
  std::string help;       // One line, for usage text.
};

// The result of parsing.
class ParsedArgs {
 public:
  // True when the switch or option was given.
  bool Has(const std::string& name) const;
  // The (last) value of `name`, or `fallback` when it was not given.
  std::string Get(const std::string& name,
                  const std::string& fallback = "") const;
  // All values of a repeated option, in order; empty when not given.
  std::vector<std::string> GetAll(const std::string& name) const;
  // Arguments that are not options, in order ("-" is one: stdin).
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  friend class ArgParser;
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

// Parses arguments against a fixed set of options. Thread-compatible.
class ArgParser {
 public:
  explicit ArgParser(std::vector<OptionSpec> options)
      : options_(std::move(options)) {}

  // Parses `args` (without the program or command name). Options may come
  // before, between or after positional arguments; "--" ends options.
  // With `stop_at_positional`, parsing stops at the first positional
  // argument, which with everything after it lands in positional().
  // INVALID_ARGUMENT for an unknown option, a missing value, a value given
  // to a switch, or a non-repeated option given twice.
  absl::StatusOr<ParsedArgs> Parse(absl::Span<const std::string> args,
                                   bool stop_at_positional = false) const;

  // Usage lines for the options, one per option.
  std::string Usage() const;

 private:
  const OptionSpec* Find(const std::string& name) const;

  std::vector<OptionSpec> options_;
};

}  // namespace factcheck::cli

#endif  // FACTCHECK_CLI_ARGS_H_
