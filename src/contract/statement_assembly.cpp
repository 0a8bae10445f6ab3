#include "contract/statement_assembly.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "tierdesk/contract/statement_store.hpp"

namespace tierdesk::detail {
namespace {

// [local midnight of the month's first day, of the next month's) in `zone`.
Segment<Instant> month_span(std::chrono::year_month month, const Zone& zone) {
  const auto next = month + std::chrono::months{1};
  return {start_of_day(month / 1, zone), start_of_day(next / 1, zone)};
}

bool derived_fee_applies(const FeeRule& rule, const Ticket& t) {
  if (t.channel != rule.channel) return false;
  return std::find(rule.unless_priorities.begin(), rule.unless_priorities.end(), t.priority) ==
         rule.unless_priorities.end();
}

}  // namespace

std::chrono::year_month first_needed_month(const Contract& contract,
                                           const ContractCustomer& customer,
                                           std::chrono::year_month month) {
  if (!contract.billing.contingent) return month;
  return customer.carried_in_month.value_or(customer.start.year() / customer.start.month());
}

Result<StatementInput> statement_input(const Contract& contract, const ContractCustomer& customer,
                                       std::chrono::year_month month,
                                       const CustomerRecords& records,
                                       std::span<const CarriedLot> carried) {
  const auto span = month_span(month, contract.billing.zone);
  StatementInput in;
  in.customer = customer.id;
  in.period = StatementPeriod::month(month);
  in.orders = customer.orders;
  in.subscription = subscription_of(contract, customer);
  if (contract.billing.contingent)
    in.contingent = ContingentAccount{customer.start,
                                      std::chrono::seconds{0},
                                      customer.contingent_schedule,
                                      {carried.begin(), carried.end()}};

  std::map<std::string, BillableTicket, std::less<>> by_ref;
  std::map<std::string, const Ticket*, std::less<>> tickets;
  for (const auto& t : records.tickets)
    if (t.customer == customer.id) tickets.emplace(t.ref.str(), &t);
  const auto billable = [&](const std::string& ref) -> Result<BillableTicket*> {
    auto it = by_ref.find(ref);
    if (it != by_ref.end()) return &it->second;
    const Ticket& t = *tickets.at(ref);
    BillableTicket bt;
    bt.ref = ref;
    bt.category = t.category;
    if (bt.category.empty()) bt.category = contract.default_category;
    if (bt.category.empty())
      return fail(Errc::missing_field,
                  fmt::format("{}: category: the ticket has none and the contract no "
                              "default_category",
                              ref));
    bt.displaced_appointments = t.has_flag(displaced_appointments_flag);
    return &by_ref.emplace(ref, std::move(bt)).first->second;
  };
  for (const auto& w : records.work) {
    if (!tickets.contains(w.ticket) || !span.contains(w.start)) continue;
    auto bt = billable(w.ticket);
    if (!bt) return fail(bt.error());
    (*bt)->work.push_back(w);
  }
  std::map<std::string, std::vector<std::string>, std::less<>> charged;  // ref → fee codes
  for (const auto& f : records.fees) {
    if (!tickets.contains(f.ticket)) continue;
    if (!f.fee.reversed) charged[f.ticket].push_back(f.fee.code);
    if (!span.contains(f.fee.at)) continue;
    auto bt = billable(f.ticket);
    if (!bt) return fail(bt.error());
    (*bt)->fees.push_back(f.fee);
  }
  for (const auto& [ref, t] : tickets) {
    if (!span.contains(t->created_at)) continue;
    for (const auto& rule : contract.fee_rules) {
      if (!derived_fee_applies(rule, *t)) continue;
      const auto& codes = charged[ref];
      if (std::find(codes.begin(), codes.end(), rule.fee) != codes.end()) continue;
      auto bt = billable(ref);
      if (!bt) return fail(bt.error());
      (*bt)->fees.push_back({rule.fee, t->created_at});
    }
  }
  for (auto& [ref, bt] : by_ref) in.tickets.push_back(std::move(bt));
  return in;
}

Result<Statement> customer_statement(const Contract& contract, const ContractCustomer& customer,
                                     std::chrono::year_month month,
                                     const CustomerRecords& records) {
  if (!month.ok()) return fail(Errc::invalid_argument, "month: expected a valid year and month");
  auto ym = first_needed_month(contract, customer, month);
  if (month < ym)
    return fail(Error::invalid(
        Errc::invalid_argument, "month",
        fmt::format("{:04}-{:02}", static_cast<int>(month.year()),
                    static_cast<unsigned>(month.month())),
        fmt::format("a month from {:04}-{:02} on, when the customer's hour contingent starts",
                    static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()))));
  std::vector<CarriedLot> carried;
  if (customer.carried_in > std::chrono::minutes{0})
    carried.push_back({ym - std::chrono::months{1}, customer.carried_in});
  for (;; ym += std::chrono::months{1}) {
    auto input = statement_input(contract, customer, ym, records, carried);
    if (!input) return fail(input.error());
    auto statement = build_statement(contract.billing, *input);
    if (!statement) return fail(statement.error());
    if (ym == month) return statement;
    if (statement->contingent) carried = statement->contingent->carry_out_lots;
  }
}

}  // namespace tierdesk::detail
