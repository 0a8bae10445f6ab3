// Histories and changes shared by the ticket, store and desk tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tierdesk/store/store.hpp"
#include "tierdesk/desk/ticket.hpp"
#include "tierdesk/desk/ticket_event.hpp"

namespace tierdesk::testing {

inline Instant utc(std::string_view iso) { return parse_iso8601(iso).value(); }

// A clock by its name: "response", "ola:2nd level".
inline ClockId clock_id(std::string_view text) { return ClockId::parse(text).value(); }

inline HistoryEvent created_event(Instant at, std::string customer = "acme",
                                  std::string external_id = {}) {
  HistoryEvent e{1, at, "anna@acme.example", HistoryKind::created, "", {}};
  e.payload = {{"customer", std::move(customer)}, {"contract", "acme-2026"},
               {"channel", "email"},              {"category", "functional"},
               {"priority", "normal"},            {"subject", "Printer offline"},
               {"assignee", "bo"}};
  if (!external_id.empty()) e.payload["external_id"] = std::move(external_id);
  return e;
}

// A new ticket with only its creation event (the store assigns the reference).
inline TicketChange new_ticket(Instant at, std::string customer = "acme",
                               std::string external_id = {}) {
  TicketChange c;
  c.events = {created_event(at, std::move(customer), std::move(external_id))};
  c.state = fold(TicketRef{"OO", 2026, 1}, c.events).value();
  return c;
}

// `state` with `events` appended (seq numbered from state.version + 1).
inline TicketChange next_change(const Ticket& state, std::vector<HistoryEvent> events) {
  TicketChange c;
  c.state = state;
  for (auto& e : events) {
    e.seq = c.state.version + 1;
    apply(c.state, e, e.seq).value();
  }
  c.events = std::move(events);
  return c;
}

}  // namespace tierdesk::testing
