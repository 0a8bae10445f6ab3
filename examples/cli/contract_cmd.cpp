// tierdesk contract check FILE.json: validates a contract and prints its summary.
#include <iostream>

#include <fmt/ostream.h>

#include "commands.hpp"
#include "tierdesk/contract/contract.hpp"

namespace tierdesk::cli {
namespace {

constexpr std::string_view contract_usage = R"(usage:
  tierdesk contract check FILE.json

Reads a contract (docs/billing.md, "Contract JSON"): prefix, calendars, SLA policy, categories,
fee rules, billing rules and customers. Prints a summary when it is valid; otherwise the error,
naming the JSON path and the value at fault.
exit codes: 0 valid, 1 bad command line, 2 the file cannot be read or is not a valid contract

example:
  tierdesk contract check examples/contracts/oneoffice.json
)";

}  // namespace

int run_contract(std::span<const std::string> args, Io io) {
  if (args.empty()) {
    fmt::print(io.err, "{}", contract_usage);
    return exit_usage;
  }
  if (args[0] == "--help" || args[0] == "-h") {
    fmt::print(io.out, "{}", contract_usage);
    return exit_ok;
  }
  if (args[0] != "check") {
    fmt::print(io.err, "tierdesk contract: unknown subcommand \"{}\"\n\n{}", args[0], contract_usage);
    return exit_usage;
  }
  if (args.size() == 2 && (args[1] == "--help" || args[1] == "-h")) {
    fmt::print(io.out, "{}", contract_usage);
    return exit_ok;
  }
  if (args.size() != 2) {
    fmt::print(io.err, "tierdesk contract check: needs exactly one FILE.json\n\n{}", contract_usage);
    return exit_usage;
  }
  auto contract = load_contract_file(args[1]);
  if (!contract) {
    fmt::print(io.err, "tierdesk contract check: {}: {}\n", to_string(contract.error().code()),
               contract.error().message());
    return exit_data;
  }
  fmt::print(io.out, "{}", summary(*contract));
  return exit_ok;
}

}  // namespace tierdesk::cli
