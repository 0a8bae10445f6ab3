// From stored facts to a statement, without a store: what statement_store.cpp does once it has
// read the customer's tickets, work entries and fees. Private to the library; tests use it to
// check the rules on hand-made records.
#pragma once

#include <chrono>
#include <span>
#include <string>
#include <vector>

#include "tierdesk/contract/contract.hpp"
#include "tierdesk/billing/statement.hpp"
#include "tierdesk/desk/ticket.hpp"

namespace tierdesk::detail {

// A flat fee charged on a ticket.
struct ChargedFee {
  std::string ticket;
  TicketFee fee;
};

// The customer's records: all its tickets, and the work and fees on them from the month the
// contingent carry-over starts (customer.carried_in_month, else the start month) up to the
// statement's month. Records of other customers' tickets are ignored.
struct CustomerRecords {
  std::vector<Ticket> tickets;
  std::vector<WorkEntry> work;
  std::vector<ChargedFee> fees;
};

// The first month whose statement `month` depends on: the start of the contingent carry-over
// chain when the contract has a contingent, else `month` itself.
std::chrono::year_month first_needed_month(const Contract& contract,
                                           const ContractCustomer& customer,
                                           std::chrono::year_month month);

// The statement input for one month: the customer's tickets with work or fees in the month
// (uncategorised ones under the contract's default category), fees derived by the contract's
// fee rules, the flag "displaced-appointments" as the emergency surcharge, all catalogue
// orders, the subscription, and the contingent account: the customer's start and schedule and
// the lots `carried` into the month.
Result<StatementInput> statement_input(const Contract& contract, const ContractCustomer& customer,
                                       std::chrono::year_month month,
                                       const CustomerRecords& records,
                                       std::span<const CarriedLot> carried);

// The month's statement, the contingent carried through the months before it from
// first_needed_month(): the customer's carried_in enters as a lot carried out of the month
// before that, and each month's carry_out_lots are the next month's carried lots (so expiry
// follows each lot from the month it was carried out of).
Result<Statement> customer_statement(const Contract& contract, const ContractCustomer& customer,
                                     std::chrono::year_month month,
                                     const CustomerRecords& records);

}  // namespace tierdesk::detail
