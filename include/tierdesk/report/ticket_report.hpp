// The ticket report for a period (seed 003: "in cycles from monthly to yearly").
//
// build_ticket_report() looks at one customer's tickets created in a period of local months —
// a month ("2026-11"), a quarter ("2026-Q4") or a year ("2026") in the contract's zone — and
// counts them by category, priority (as the SLA engine treats it: a category may raise it),
// status, tier and channel. It recomputes every ticket's
// SLA clocks with the SLA engine (ticket_clocks.hpp) as of a given instant, so the met
// percentages and the business-time figures are those of the policy, not of a cache:
//  - SLA met % per priority and metric = clocks met in time / clocks decided (met in time,
//    met late, or over target while still running); a clock still within its target is
//    undecided and not counted;
//  - median and p95 business time to first response and to resolution over the tickets whose
//    clock has stopped, by nearest rank (p-th percentile = the ⌈p·n/100⌉-th smallest value);
//  - included and billed minutes and amounts of the work done in the period (on any of the
//    customer's tickets), from the statements of the period's months (statement_from_store),
//    so the report and the invoices agree.
// An uncategorised ticket counts under the contract's default category; a ticket of a
// category outside the SLA has no clocks.
//
//   roewaplan (Mon–Fri 08–17 Europe/Berlin), customer "stadtwerke", 2026-Q4, 5 tickets; the
//   security fault is critical and was answered after 30 min on Wednesday + 45 min on Thursday:
//   TicketReport r = *build_ticket_report(store, roewaplan, stadtwerke,
//                        *parse_report_period("2026-Q4"), 2027-01-01T00:00Z);
//   r.by_category == {{"functional", 2}, {"change", 1}, {"security", 1}, {"training", 1}}
//   r.sla[0] == SlaMet{"critical", Metric::response, .met = 0, .decided = 1}   → 0 %
//   r.response == {5 tickets, median 30min, p95 90min}             (business time)
//   r.billing: 65 min included, 90 min billed = 150.00 EUR, 120 min waiting for a quote
//   render_ticket_report_text(r) / to_json(r) / render_ticket_chart_svg(r)
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "tierdesk/billing/billing.hpp"
#include "tierdesk/contract/contract.hpp"
#include "tierdesk/base/error.hpp"
#include "tierdesk/billing/money.hpp"
#include "tierdesk/sla/sla.hpp"
#include "tierdesk/sla/sla_policy.hpp"
#include "tierdesk/billing/statement.hpp"
#include "tierdesk/desk/desk_store.hpp"
#include "tierdesk/desk/ticket.hpp"
#include "tierdesk/desk/work.hpp"

namespace tierdesk {

// One or more whole local months: a month, a quarter or a year.
struct ReportPeriod {
  std::chrono::year_month first{};
  int months = 1;
  std::string label{};  // "2026-11", "2026-Q4", "2026"

  std::chrono::year_month last() const { return first + std::chrono::months{months - 1}; }
  friend bool operator==(const ReportPeriod&, const ReportPeriod&) = default;
};

// "2026-11", "2026-Q4" (Q1 … Q4) or "2026"; Errc::invalid_argument naming the text otherwise.
Result<ReportPeriod> parse_report_period(std::string_view text);

struct Count {
  std::string key{};
  std::size_t tickets = 0;
  friend bool operator==(const Count&, const Count&) = default;
};

struct SlaMet {
  std::string priority{};
  Metric metric = Metric::response;
  std::size_t met = 0;      // stopped within the target
  std::size_t decided = 0;  // met + over the target (stopped late or still running)
  // met / decided in basis points, rounded half-up; empty when nothing is decided.
  std::optional<BasisPoints> met_percent() const;
  friend bool operator==(const SlaMet&, const SlaMet&) = default;
};

// Business time over the tickets whose clock stopped; empty figures when there are none.
struct DurationStats {
  std::size_t tickets = 0;
  std::optional<std::chrono::seconds> median{};
  std::optional<std::chrono::seconds> p95{};
  friend bool operator==(const DurationStats&, const DurationStats&) = default;
};

// The nearest-rank p-th percentile (1 … 100) of `values`; empty for no values.
std::optional<std::chrono::seconds> percentile(std::vector<std::chrono::seconds> values, int p);

struct BillingSummary {
  std::int64_t included_minutes = 0;    // included by treatment or threshold
  std::int64_t contingent_minutes = 0;  // drawn from the hour contingent
  std::int64_t billed_minutes = 0;      // charged time lines
  std::int64_t quote_minutes = 0;       // waiting for an explicit offer
  Money billed{};                       // every charge of the tickets, overage included, ex VAT
  friend bool operator==(const BillingSummary&, const BillingSummary&) = default;
};

// Tickets created in one ISO week (Monday first, local dates) and their SLA clocks decided.
struct WeekFigures {
  Date monday{};
  std::size_t tickets = 0;
  std::size_t sla_met = 0;
  std::size_t sla_decided = 0;
  friend bool operator==(const WeekFigures&, const WeekFigures&) = default;
};

struct TicketReport {
  std::string customer{};
  ReportPeriod period{};
  Instant as_of{};
  std::size_t tickets = 0;
  // Each most tickets first, then by key.
  std::vector<Count> by_category{}, by_priority{}, by_status{}, by_tier{}, by_channel{};
  std::vector<SlaMet> sla{};  // by the policy's priority order, then metric
  DurationStats response{};
  DurationStats resolution{};
  BillingSummary billing{};
  std::vector<WeekFigures> weeks{};  // every week that overlaps the period, in order
};

// The report of `customer` (of `contract`) for `period`, clocks as of `as_of`. Errors:
// invalid_argument for a contract without SLA policy; the SLA engine's errors naming the
// ticket; the statements' errors prefixed with the month; the store's errors.
Result<TicketReport> build_ticket_report(DeskStore& store, const Contract& contract,
                                         const ContractCustomer& customer,
                                         const ReportPeriod& period, Instant as_of);

// Aligned text tables, e.g. "  response     critical      1 of 1     100 %".
std::string render_ticket_report_text(const TicketReport& report);
std::string to_json(const TicketReport& report);
// A standalone SVG 1.1 document: a bar per week (tickets created) and the SLA met % per week
// as a line over them, axis labels, the customer and period in the title (XML-escaped).
std::string render_ticket_chart_svg(const TicketReport& report);

}  // namespace tierdesk
