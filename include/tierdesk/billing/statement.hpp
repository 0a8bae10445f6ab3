// Statements: what a customer owes for a period, line by line.
//
// build_statement() applies a contract's BillingRules (billing.hpp) to the customer's tickets,
// work entries, fees, catalogue orders, hour contingent and subscription for one period of
// local dates, and yields lines (text, quantity, unit, unit price, amount, ticket references),
// the subtotal, VAT at the contract's rate and the total. It is a pure function: the same
// input gives the same statement, whatever order tickets and entries come in.
//
// Rounding happens at exactly two points: each line's amount is rounded half-up to the minor
// unit once (from the exact rate × time × surcharge), and VAT is rounded half-up once on the
// subtotal. Amounts are shown ex VAT.
//
// Lines come in this order: tickets by reference, and per ticket its time lines (by role, kind,
// then normal before out-of-hours), included time, quote-required time, fixed price, on-site
// days, flat fees, emergency surcharge; then the contingent summary and its overage; then
// catalogue orders by date and item; then subscription fees by due date.
//
// OneOffice, November 2026 (rules as in billing.hpp):
//   OO-1 30 min Mon 10:00 → "OO-1 support: support, remote", 30 min × 1,095.00 DKK/h = 547.50
//   OO-2 11 min           → "OO-2 support: included", 11 min, 0.00
//   OO-3 30 min Mon 19:00 → "… outside normal hours +100 %", 30 min × 2,190.00 DKK/h = 1,095.00
//   subtotal 1,642.50 DKK, VAT 25 % 410.63 DKK (410.625 ↑), total 2,053.13 DKK
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tierdesk/billing/billing.hpp"
#include "tierdesk/billing/catalogue.hpp"
#include "tierdesk/billing/contingent.hpp"
#include "tierdesk/base/error.hpp"
#include "tierdesk/billing/money.hpp"
#include "tierdesk/billing/subscription.hpp"
#include "tierdesk/base/time.hpp"
#include "tierdesk/desk/work.hpp"

namespace tierdesk {

struct BillableTicket {
  std::string ref;
  std::string category;
  std::vector<WorkEntry> work;          // entries outside the period are ignored
  std::vector<TicketFee> fees;          // fees outside the period are ignored
  bool displaced_appointments = false;  // an emergency that cancelled booked appointments
};

// Local dates, both inclusive, in the contract's zone.
struct StatementPeriod {
  Date first{};
  Date last{};
  static StatementPeriod month(std::chrono::year_month month);
  friend bool operator==(const StatementPeriod&, const StatementPeriod&) = default;
};

struct StatementInput {
  std::string customer;
  StatementPeriod period;
  std::vector<BillableTicket> tickets;
  std::vector<CatalogueOrder> orders;  // all of the customer's orders: windows may reach back
  std::optional<ContingentAccount> contingent;  // contingent.hpp: start, schedule, carried lots
  std::optional<Subscription> subscription;
};

enum class LineKind {
  time,
  included,
  needs_quote,
  fixed_price,
  on_site_day,
  fee,
  emergency,
  contingent,
  overage,
  catalogue,
  subscription,
  reversed,  // a work entry or fee a correction reversed: shown, never charged
};

// minute: quantity in minutes, unit price per hour (as providers quote it); the others:
// quantity in that unit, unit price per unit.
enum class LineUnit { minute, piece, day, session, term };

struct StatementLine {
  LineKind kind = LineKind::time;
  std::string text;
  std::int64_t quantity = 0;
  LineUnit unit = LineUnit::piece;
  Money unit_price;
  Money amount;
  std::vector<std::string> tickets;
  friend bool operator==(const StatementLine&, const StatementLine&) = default;
};

struct Statement {
  std::string customer;
  StatementPeriod period;
  std::vector<StatementLine> lines;
  Money subtotal;
  BasisPoints vat_rate;
  Money vat;
  Money total;
  std::optional<ContingentMonth> contingent;  // when the contract has a contingent
  std::chrono::seconds worked{0};  // the time of the work in the period (reversed entries not)
};

// The statement; errors name the ticket and field: an unknown category or fee code, a work
// entry that fails validate(), a missing hourly rate, a contingent without an account or for a
// period that is not one calendar month, run_month's errors (an invalid schedule or carried
// lot), overflow.
Result<Statement> build_statement(const BillingRules& rules, const StatementInput& input);

std::string_view to_string(LineKind kind);
std::string_view to_string(LineUnit unit);

// A plain-text rendering, one line per statement line and the totals, e.g.
// "OO-1 support: support, remote   30 min × 1,095.00 DKK/h   547.50 DKK".
std::string render_text(const Statement& statement);

// The statement as JSON for hosts: amounts as plain strings ("1095.00"), the currency once,
// e.g. {"customer": "acme", "period": {"first": "2026-11-01", "last": "2026-11-30"},
// "currency": "DKK", "lines": [{"kind": "time", "text": …, "quantity": 30, "unit": "min",
// "unit_price": "1095.00", "amount": "547.50", "tickets": ["OO-1"]}], "subtotal": "547.50",
// "vat_rate": "25 %", "vat": "136.88", "total": "684.38"}, plus "contingent" when present
// (with "carry_months", "carried_in_lots", "expired_minutes" and "carry_out_lots" when
// carried time expires).
std::string to_json(const Statement& statement);

}  // namespace tierdesk
