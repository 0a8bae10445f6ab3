// Runs the tierdesk CLI host (TIERDESK_CLI_PATH) as a user would and captures what it prints,
// for the tests that check transcripts, exit codes and messages.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "support/temp_dir.hpp"

namespace tierdesk::testing {

struct CliRun {
  int exit = -1;
  std::string out;
};

enum class CliOutput { stdout_and_stderr, stdout_only };

// Where and how the CLI runs: the working directory (empty: the test's own) and the value of
// $TIERDESK_CONTRACTS (empty: unset, so that only --contracts names the contracts).
struct CliPlace {
  std::string dir{};
  std::string contracts_env{};
};

// `tierdesk ARGS`; the exit code (-1 when killed by a signal) and the output.
inline CliRun run_cli(const std::string& args, CliOutput output = CliOutput::stdout_and_stderr,
                      const CliPlace& place = {}) {
  std::string command = place.dir.empty() ? "" : "cd '" + place.dir + "' && ";
  command += place.contracts_env.empty() ? "env -u TIERDESK_CONTRACTS "
                                         : "env TIERDESK_CONTRACTS='" + place.contracts_env + "' ";
  command += std::string(TIERDESK_CLI_PATH) + " " + args +
             (output == CliOutput::stdout_only ? " 2>/dev/null" : " 2>&1");
  CliRun r;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) r.out.append(buffer, n);
  const int status = ::pclose(pipe);
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// The preset contracts of the source tree, as an absolute path.
inline std::string preset_contracts() {
  return std::string(TIERDESK_SOURCE_DIR) + "/examples/contracts";
}

}  // namespace tierdesk::testing
