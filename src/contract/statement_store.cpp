#include "tierdesk/contract/statement_store.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "contract/statement_assembly.hpp"

namespace tierdesk {
namespace {

constexpr std::size_t all_tickets = 100'000'000;

}  // namespace

Result<Statement> statement_from_store(DeskStore& store, const Contract& contract,
                                       std::string_view customer, std::chrono::year_month month,
                                       std::span<const WorkEntry> pending) {
  if (!month.ok()) return fail(Errc::invalid_argument, "month: expected a valid year and month");
  const ContractCustomer* who = nullptr;
  for (const auto& c : contract.customers)
    if (c.id == customer) who = &c;
  if (who == nullptr)
    return fail(Errc::not_found,
                fmt::format("customer: got \"{}\", expected a customer of contract \"{}\"",
                            customer, contract.id.empty() ? contract.name : contract.id));
  const auto first = std::min(detail::first_needed_month(contract, *who, month), month);
  const auto next = month + std::chrono::months{1};
  const Segment<Instant> span{start_of_day(first / 1, contract.billing.zone),
                              start_of_day(next / 1, contract.billing.zone)};
  detail::CustomerRecords records;
  auto tickets = store.tickets({.customer = who->id, .limit = all_tickets});
  if (!tickets) return fail(tickets.error());
  records.tickets = *std::move(tickets);
  auto work = store.work({.customer = who->id, .started = span});
  if (!work) return fail(work.error());
  records.work = *std::move(work);
  records.work.insert(records.work.end(), pending.begin(), pending.end());
  // Every fee of the customer: one charged in another month still keeps a rule from
  // charging its code again.
  auto fees = store.fees({.customer = who->id});
  if (!fees) return fail(fees.error());
  for (auto& f : *fees) records.fees.push_back({f.ref.str(), std::move(f.fee)});
  return detail::customer_statement(contract, *who, month, records);
}

}  // namespace tierdesk
