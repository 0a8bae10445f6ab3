// The ticket overview with status, on request (seed 003: "Auf Anfrage … eine Ticketübersicht
// inkl. Status"): every ticket of one customer, its status and the due times of its clocks.
//
// Read-only over the store. The customer-facing clocks (triage, response, update, resolution)
// are listed from the clock cache; operational (OLA) clocks are internal and left out. The SLA
// state of each ticket is summarize_clocks() (status_mail.hpp) as of the given instant, so the
// overview and the status e-mail always agree.
//
//   CustomerOverview o = *build_overview(store, {.customer = "Müller GmbH", .as_of = now});
//   o.tickets[0].ticket.ref.str() == "SB-2026-000001", o.tickets[0].sla.state == SlaState::breached
//   render_overview_text(o, zone) ==
//     "Tickets of Müller GmbH as of 2026-12-01 09:00 (Europe/Berlin): 7, 5 open\n"
//     "SB-2026-000001  open              normal    1st level  VPN bricht ab\n"
//     "    SLA breached; response met; resolution running, due 2026-11-04 17:00\n" …
#pragma once

#include <string>
#include <vector>

#include "tierdesk/base/error.hpp"
#include "tierdesk/report/status_mail.hpp"
#include "tierdesk/desk/desk_store.hpp"
#include "tierdesk/desk/ticket.hpp"
#include "tierdesk/base/zone.hpp"

namespace tierdesk {

struct OverviewInput {
  std::string customer{};
  Instant as_of{};
  bool open_only = false;
  TierNames tiers{};
};

struct OverviewLine {
  Ticket ticket{};
  std::vector<ClockEntry> clocks{};  // customer-facing clocks: triage, response, update, resolution
  SlaSummary sla{};
};

struct CustomerOverview {
  std::string customer{};
  Instant as_of{};
  std::vector<OverviewLine> tickets{};  // by reference
  std::size_t open = 0;                 // how many of them are open
  TierNames tiers{};
};

// Errc::invalid_argument for an empty customer; the store's errors.
Result<CustomerOverview> build_overview(DeskStore& store, const OverviewInput& input);

// One header line, then two lines per ticket (instants in `zone`).
std::string render_overview_text(const CustomerOverview& overview, const Zone& zone);

// {"customer", "as_of", "open", "tickets": [{"ref", "status", "priority", "tier", "tier_name",
// "category", "subject", "created_at", "sla": {…}, "clocks": [{"clock", "state", "due"}]}]}
std::string to_json(const CustomerOverview& overview);

}  // namespace tierdesk
