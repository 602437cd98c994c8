#ifndef FACTCHECK_CLI_CLI_H_
#define FACTCHECK_CLI_CLI_H_

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace factcheck::cli {

// Exit codes of the `factcheck` command.
inline constexpr int kExitOk = 0;        // Any verdict counts as success.
inline constexpr int kExitRpcError = 1;  // The server answered an error.
inline constexpr int kExitUsage = 2;     // Bad command line or input file.

// Runs the CLI on `args` (without the program name): parses the global
// options (--server, --json, --timeout) and the subcommand, calls the
// server, and writes the result to `out` and errors to `err`. `in` is read
// for the "-" file argument. `default_server` is used when --server is not
// given. Returns the exit code. Thread-compatible.
int RunCli(const std::vector<std::string>& args,
           const std::string& default_server, std::istream& in,
           std::ostream& out, std::ostream& err);

}  // namespace factcheck::cli

#endif  // FACTCHECK_CLI_CLI_H_
