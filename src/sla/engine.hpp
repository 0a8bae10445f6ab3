// The clock engine writing into a caller's TicketClocks, for batches that reuse their output.
#pragma once

#include <span>

#include "sla/clock_tracker.hpp"
#include "tierdesk/sla/sla.hpp"

namespace tierdesk::detail {

// compute_clocks into `out` (every field of `out` is overwritten on success), reaching the
// calendars by `path` (clock_tracker.hpp; the answers are the same either way).
Result<void> compute_clocks_into(std::span<const TicketEvent> events, const SlaPolicy& policy,
                                 Instant now, TicketClocks& out,
                                 CalendarPath path = CalendarPath::indexed);

}  // namespace tierdesk::detail
