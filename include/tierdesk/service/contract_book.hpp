// The contract book: the provider contracts a desk runs on, loaded once and shared by every
// host (CLI, HTTP server, Python) and every thread.
//
// It checks that the contracts fit together — each has an id and a reference prefix, no two
// share either, and a customer id belongs to one contract only — and derives, per contract,
// what the desk needs to run its tickets: the reference prefix, the tier names, the zone
// whose calendar year numbers references, and the SLA clock function of its policy (a
// category whose contract says the SLA does not apply has no clocks). Nothing falls back to a
// default: an unknown contract or customer is Errc::not_found naming it and the known ones.
//
//   auto book = ContractBook::load(*contracts_dir(std::nullopt));   // $TIERDESK_CONTRACTS
//   book->contract("oneoffice")  → the OneOffice contract
//   book->contract("oneofice")   → not_found "contract: got "oneofice", expected one of
//                                  1und1-cloudpbx, meinofficeplus, oneoffice, roewaplan,
//                                  solutionbar"
//   book->customer("nordlys")->contract->id == "oneoffice"
//
// Where the contracts come from is one documented rule that does not depend on the working
// directory: the directory a host is given (--contracts DIR, a constructor argument), else
// $TIERDESK_CONTRACTS, else an error that says so.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "tierdesk/contract/contract.hpp"
#include "tierdesk/desk/desk.hpp"

namespace tierdesk {

class ContractBook {
 public:
  // Errc::invalid_argument naming the contract for a missing id or prefix; Errc::conflict for
  // a contract id, prefix or customer id used twice.
  static Result<ContractBook> make(std::vector<Contract> contracts);
  // Every *.json file of `dir` (load_contract_dir), then make().
  static Result<ContractBook> load(const std::filesystem::path& dir);

  std::span<const Contract> contracts() const;
  // Errc::not_found naming `id` and the known ids.
  Result<const Contract*> contract(std::string_view id) const;
  // The contract and customer entry of customer `id`; Errc::not_found naming it.
  Result<CustomerOf> customer(std::string_view id) const;
  // How the desk runs tickets of `contract`; nullptr for a contract not of this book.
  const DeskConfig* desk_config(const Contract& contract) const;

 private:
  struct State;
  explicit ContractBook(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  std::shared_ptr<const State> state_;
};

// The directory of contracts: `given` when set, else $TIERDESK_CONTRACTS; Errc::not_found
// saying how to give one otherwise.
Result<std::filesystem::path> contracts_dir(std::optional<std::string_view> given);

// The priority a new ticket gets when the request names none: the category's, else the
// contract's default, else its SLA policy's default, else "normal".
std::string default_priority(const Contract& contract, const Category* category);

// The SLA clock function of the contract's policy (empty without one): to_sla_events,
// compute_clocks, clock_entries; no clocks for a ticket whose category has "sla": false or
// that is flagged "no-sla".
ClockFunction contract_clocks(const Contract& contract);

}  // namespace tierdesk
