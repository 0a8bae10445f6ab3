// The SLA engine (sla.hpp) applied to stored tickets: what keeps the clock cache current.
//
// A ticket's history is turned into the SLA engine's events — the creation event followed by
// the initial priority, category and tier at the same instant, tier numbers replaced by their
// configured names, bookkeeping kinds (assignment, flags, notifications) left out — and the
// engine's clocks into the store's ClockEntry rows: one per customer metric that has a target
// ("triage", "response", "update", "resolution") and one per OLA row ("ola:2nd level").
// A category the policy does not list counts as no category; a ticket flagged "no-sla" (a
// category whose contract says the SLA does not apply) has no clocks.
//
//   Desk desk(store, {.prefix = "OO", .clocks = sla_clock_function(policy)});
//   desk.open({… .priority = "high", .by = {"anna", Fri 14:30 Copenhagen}});
//   store.clocks(ref)  → {{"resolution", "running", due Mon 09:30, …},
//                         {"response", "running", due Mon 08:30, warnings {Mon 08:15, …}}, …}
#pragma once

#include <span>
#include <vector>

#include "tierdesk/desk/desk.hpp"
#include "tierdesk/sla/sla.hpp"
#include "tierdesk/sla/sla_policy.hpp"
#include "tierdesk/desk/desk_store.hpp"
#include "tierdesk/desk/ticket_event.hpp"

namespace tierdesk {

// The flag that switches the SLA off for a ticket.
inline constexpr std::string_view no_sla_flag = "no-sla";

// The events the SLA engine sees for `history`, in order.
std::vector<TicketEvent> to_sla_events(std::span<const HistoryEvent> history, const TierNames& tiers,
                                       const SlaPolicy& policy);

// The cache rows for computed clocks (metrics and OLA rows without a target are left out).
std::vector<ClockEntry> clock_entries(const TicketClocks& clocks, const SlaPolicy& policy);

// A ClockFunction for Desk: to_sla_events, compute_clocks as of `now`, clock_entries.
// Errc::invalid_event when the engine rejects the history, e.g. a priority the policy does not
// know (the desk puts the ticket in front of the message).
ClockFunction sla_clock_function(SlaPolicy policy, TierNames tiers = {});

}  // namespace tierdesk
