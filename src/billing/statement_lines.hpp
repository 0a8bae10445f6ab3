// Pieces of build_statement(), private to the billing engine.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "tierdesk/billing/statement.hpp"

namespace tierdesk::detail {

// What every ticket of one statement shares.
struct TicketScope {
  const BillingRules& rules;
  Segment<Instant> period;
  const std::vector<EntitlementWindow>& windows;
};

// Appends the ticket's lines in statement order, and its contingent draws to `draws`.
Result<void> append_ticket_lines(const TicketScope& scope, const BillableTicket& ticket,
                                 std::vector<StatementLine>& lines,
                                 std::vector<ContingentDraw>& draws);

// Whole minutes for a quantity, rounded up (time is rounded to whole minutes before pricing,
// so this only rounds the display of included and contingent time).
inline std::int64_t minutes_up(std::chrono::seconds s) { return (s.count() + 59) / 60; }

}  // namespace tierdesk::detail
