// factcheck: command-line client of factcheckd. See `factcheck help`.

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"

int main(int argc, char** argv) {
  const char* env = std::getenv("FACTCHECK_SERVER");
  std::string default_server =
      env != nullptr && *env != '\0' ? env : "127.0.0.1:50051";
  std::vector<std::string> args(argv + 1, argv + argc);
  return factcheck::cli::RunCli(args, default_server, std::cin, std::cout,
                                std::cerr);
}
