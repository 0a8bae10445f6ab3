#include "contracts_cli.hpp"

#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

namespace tierdesk::cli {

ContractsDir contracts_dir(const boost::program_options::variables_map& vm) {
  if (vm.count("contracts")) return {vm["contracts"].as<std::string>(), true};
  if (const char* env = std::getenv("TIERDESK_CONTRACTS"); env != nullptr && *env != '\0')
    return {env, true};
  return {"examples/contracts", false};
}

Result<std::vector<Contract>> load_contracts(const ContractsDir& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir.path, ec)) {
    if (!dir.given) return std::vector<Contract>{};
    return fail(Errc::io_error, fmt::format("{}: no such directory of contracts", dir.path));
  }
  return load_contract_dir(dir.path);
}

}  // namespace tierdesk::cli
