// The append-only history of a ticket: who did what, when.
//
// A HistoryEvent is one entry: its position in the history, the instant, the actor (an agent,
// the customer's address, "system" or an escalation rule), what happened and its payload.
// The kinds the SLA clocks care about are exactly the SLA engine's EventKind (sla.hpp), with
// the same numeric values and names, so the clocks see the history as recorded
// (ticket_clocks.hpp turns a history into the SLA engine's events); the other
// kinds (assignment, flags, notifications, JourFixe carry-over, work logged, fees charged) are
// ticket bookkeeping that the clocks do not see.
//
//   history = {{1, Mon 09:00, "anna@acme.example", created, "", {{"customer","acme"}, …}},
//              {2, Mon 09:20, "bo", agent_public_reply, "", {{"body","We are on it"}}},
//              {3, Mon 10:00, "rule:security", tier, "3", {{"reason","security fault"}}}}
//   is_sla_kind(HistoryKind::agent_public_reply) == true
//   is_sla_kind(HistoryKind::assigned) == false
//
// Values: status → the new status ("on-hold"); priority, category → the new name; tier →
// the tier number ("2"), handed to the SLA engine as its configured name; assigned → the
// assignee; flagged → the flag; work_logged and fee_charged → empty. Everything else
// (reason, body, message id, rule, the work entry, the fee code) goes into the payload, a map
// of strings kept in key order.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "tierdesk/base/error.hpp"
#include "tierdesk/base/time.hpp"

namespace tierdesk {

enum class HistoryKind : std::uint8_t {
  // The SLA engine's EventKind, value for value.
  created,
  status,
  priority,
  category,
  tier,
  agent_public_reply,
  agent_internal_note,
  customer_reply,
  triaged,
  accepted,
  resolved,
  reopened,
  closed,
  queued_for_jourfixe,
  urgent,
  // Ticket bookkeeping, invisible to the clocks.
  assigned,                // value: the new assignee
  flagged,                 // value: the flag, e.g. "urgent-by-email"
  notified,                // a notification record was written; payload: kind, recipient
  jourfixe_carried_over,   // discussed at the JourFixe, stays queued for the next one
  work_logged,             // a work entry was stored; payload: start, seconds, kind, role,
                           // agent, note (the entry itself lives in the store's work table)
  fee_charged,             // a flat fee was charged; payload: code
  entry_reversed,          // a work_logged or fee_charged event was reversed (it no longer
                           // bills); payload: entry (its seq), reason
};

// Whether the SLA clocks see events of this kind (created … urgent).
constexpr bool is_sla_kind(HistoryKind k) noexcept { return k <= HistoryKind::urgent; }
// Whether events of this kind record billable facts (work_logged, fee_charged,
// entry_reversed). They are the only events a closed ticket still takes: providers book time
// and fees after the ticket is done, and correct them, and billing must not lose them. They
// never change the ticket's status.
constexpr bool is_billing_kind(HistoryKind k) noexcept {
  return k == HistoryKind::work_logged || k == HistoryKind::fee_charged ||
         k == HistoryKind::entry_reversed;
}
// "created", …, "urgent" (as sla.hpp spells them), "assigned", "flagged", "notified",
// "jourfixe_carried_over", "work_logged", "fee_charged", "entry_reversed".
std::string_view to_string(HistoryKind k) noexcept;
Result<HistoryKind> parse_history_kind(std::string_view text);

using Payload = std::map<std::string, std::string, std::less<>>;

struct HistoryEvent {
  std::int64_t seq = 0;  // position in the history, from 1; the store checks it is the next
  Instant at{};
  std::string actor;
  HistoryKind kind = HistoryKind::created;
  std::string value;
  Payload payload;

  // payload[key], or "" when absent.
  std::string_view get(std::string_view key) const;
  friend bool operator==(const HistoryEvent&, const HistoryEvent&) = default;
};

}  // namespace tierdesk
