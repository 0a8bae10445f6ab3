// Statements from the store: a customer's month as the desk recorded it, priced by its contract.
//
// statement_from_store() reads the customer's tickets, the work logged and the fees charged on
// them, applies the contract (contract.hpp) and returns the Statement (statement.hpp):
//  - every ticket of the customer with work or fees in the month, billed under its category
//    (an uncategorised ticket under the contract's default_category);
//  - fees charged by the desk (Desk::charge_fee) and fees the contract's fee rules derive from
//    the ticket itself: OneOffice's 1,000 DKK for a non-critical call to the on-call line is
//    charged on every ticket opened through the on-call channel whose priority is not
//    "critical", at its creation instant. It is derived at statement time, not charged at
//    intake, because whether a call was critical is the agent's judgement, which may change
//    during triage: the statement uses the priority as it stands. A fee of the same code that
//    the desk charged explicitly is never charged twice;
//  - a ticket flagged "displaced-appointments" carries the emergency surcharge;
//  - all catalogue orders of the customer (entitlement windows may reach back), the
//    subscription under the contract's plan from the customer's start date;
//  - the hour contingent: the customer's carried_in hours enter the month carried_in_month
//    (default: the start month); every later month's carry-over is recomputed from the stored
//    work, so a statement is reproducible from the history alone.
//
//   OneOffice, customer "nordlys", November 2026:
//     OO-2026-000001 phone, 30 min Mon 16 Nov 10:00 → 547.50 DKK
//     OO-2026-000002 on-call, priority normal         → fee 1,000.00 DKK
//   statement_from_store(store, oneoffice, "nordlys", 2026y/November)
//     → subtotal 1,547.50 DKK, VAT 386.88 DKK, total 1,934.38 DKK
#pragma once

#include <chrono>
#include <span>
#include <string_view>

#include "tierdesk/contract/contract.hpp"
#include "tierdesk/base/error.hpp"
#include "tierdesk/billing/statement.hpp"
#include "tierdesk/desk/desk_store.hpp"

namespace tierdesk {

// The flag that marks an emergency which displaced booked appointments (seed 002).
inline constexpr std::string_view displaced_appointments_flag = "displaced-appointments";

// The statement of customer `customer` of `contract` for `month` (local dates in the billing
// zone). Errc::not_found when the contract has no such customer; Errc::invalid_argument for a
// month before the customer's contingent starts; build_statement's errors (a ticket without a
// category and no default_category, an unknown fee code, …); the store's errors as they are.
// `pending`: work about to be stored, billed as if it were (the desk asks whether an entry
// uses the contingent up before it stores it).
Result<Statement> statement_from_store(DeskStore& store, const Contract& contract,
                                       std::string_view customer, std::chrono::year_month month,
                                       std::span<const WorkEntry> pending = {});

}  // namespace tierdesk
