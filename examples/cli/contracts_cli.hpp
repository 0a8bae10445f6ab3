// Where the CLI finds provider contracts: --contracts DIR, else $TIERDESK_CONTRACTS, else
// ./examples/contracts (the presets, when run from the source tree).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "tierdesk/contract.hpp"

namespace tierdesk::cli {

struct ContractsDir {
  std::string path;
  bool given = false;  // named by --contracts or $TIERDESK_CONTRACTS (not the default)
};

ContractsDir contracts_dir(const boost::program_options::variables_map& vm);

// The contracts of the directory. A default directory that does not exist gives none;
// a named one that does not exist is Errc::io_error.
Result<std::vector<Contract>> load_contracts(const ContractsDir& dir);

}  // namespace tierdesk::cli
