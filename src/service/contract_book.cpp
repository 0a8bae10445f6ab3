// The contract book: checks, lookups, and each contract's desk configuration.
#include "tierdesk/service/contract_book.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

#include <fmt/format.h>

#include "tierdesk/desk/ticket_clocks.hpp"

namespace tierdesk {

// The contracts by id, and desks[i] for contracts[i].
struct ContractBook::State {
  std::vector<Contract> contracts;
  std::vector<DeskConfig> desks;
};

std::string default_priority(const Contract& contract, const Category* category) {
  if (category != nullptr && !category->priority.empty()) return category->priority;
  if (!contract.default_priority.empty()) return contract.default_priority;
  if (contract.sla && !contract.sla->spec().default_priority.empty())
    return contract.sla->spec().default_priority;
  return "normal";
}

ClockFunction contract_clocks(const Contract& contract) {
  if (!contract.sla) return {};
  std::vector<std::string> no_sla;
  for (const auto& c : contract.billing.categories)
    if (!c.sla_applies) no_sla.push_back(c.name);
  auto engine = sla_clock_function(*contract.sla, contract.tiers);
  return [engine = std::move(engine), no_sla = std::move(no_sla)](
             const Ticket& state, std::span<const HistoryEvent> history,
             Instant now) -> Result<std::vector<ClockEntry>> {
    if (std::ranges::find(no_sla, state.category) != no_sla.end())
      return std::vector<ClockEntry>{};
    return engine(state, history, now);
  };
}

Result<ContractBook> ContractBook::make(std::vector<Contract> contracts) {
  std::set<std::string, std::less<>> ids, prefixes, customers;
  for (auto& c : contracts) {
    const std::string name = c.id.empty() ? c.name : c.id;
    if (c.id.empty())
      return fail(Errc::invalid_argument, fmt::format("contract \"{}\": id: missing", name));
    if (c.prefix.empty())
      return fail(Errc::invalid_argument, fmt::format("contract {}: prefix: missing", name));
    if (!ids.insert(c.id).second)
      return fail(Errc::conflict, fmt::format("contract {}: id: used by two contracts", c.id));
    if (!prefixes.insert(c.prefix).second)
      return fail(Errc::conflict,
                  fmt::format("contract {}: prefix: \"{}\" is used by another contract", c.id,
                              c.prefix));
    for (const auto& k : c.customers)
      if (!customers.insert(k.id).second)
        return fail(Errc::conflict,
                    fmt::format("contract {}: customer \"{}\" belongs to another contract too",
                                c.id, k.id));
  }
  auto state = std::make_shared<State>();
  state->contracts = std::move(contracts);
  std::ranges::sort(state->contracts, {}, &Contract::id);
  for (const auto& c : state->contracts)
    state->desks.push_back({.prefix = c.prefix, .tiers = c.tiers, .clocks = contract_clocks(c),
                            .zone = c.billing.zone});
  return ContractBook(std::move(state));
}

Result<ContractBook> ContractBook::load(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return fail(Errc::io_error, fmt::format("{}: no such directory of contracts", dir.string()));
  auto contracts = load_contract_dir(dir);
  if (!contracts) return fail(contracts.error());
  auto book = make(std::move(*contracts));
  if (!book) return fail(book.error().within(dir.string()));
  return book;
}

std::span<const Contract> ContractBook::contracts() const { return state_->contracts; }

Result<const Contract*> ContractBook::contract(std::string_view id) const {
  std::string known;
  for (const auto& c : state_->contracts) {
    if (c.id == id) return &c;
    known += (known.empty() ? "" : ", ") + c.id;
  }
  return fail(Error::invalid(Errc::not_found, "contract", id,
                             known.empty() ? "a contract, but none is loaded" : "one of " + known));
}

Result<CustomerOf> ContractBook::customer(std::string_view id) const {
  for (const auto& c : state_->contracts)
    for (const auto& k : c.customers)
      if (k.id == id) return CustomerOf{&c, &k};
  return fail(Error::invalid(Errc::not_found, "customer", id, "a customer of the contracts"));
}

const DeskConfig* ContractBook::desk_config(const Contract& contract) const {
  for (std::size_t i = 0; i < state_->contracts.size(); ++i)
    if (&state_->contracts[i] == &contract) return &state_->desks[i];
  return nullptr;
}

Result<std::filesystem::path> contracts_dir(std::optional<std::string_view> given) {
  if (given && !given->empty()) return std::filesystem::path(*given);
  if (const char* env = std::getenv("TIERDESK_CONTRACTS"); env != nullptr && *env != '\0')
    return std::filesystem::path(env);
  return fail(Errc::not_found,
              "contracts: none given; name the directory of contract files with --contracts DIR "
              "or the environment variable TIERDESK_CONTRACTS");
}

}  // namespace tierdesk
