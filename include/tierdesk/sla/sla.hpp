// Layer sla — SLA policies (sla_policy.hpp), clocks (this header), the JourFixe
// (jourfixe.hpp), the policy and eval-line formats (sla_json.hpp). Depends on base, calendar.
// docs/architecture.md "Layers" has the picture and the include rule.
//
// SLA clocks: a pure function of a ticket's event history, its policy and the calendars.
//
// A clock accumulates business time on its target's calendar while it runs. It starts with
// the ticket (or when the first response is out, for the update clock, or when the ticket
// enters a tier, for an OLA clock), pauses while the ticket is in a pausing status or waits
// for its JourFixe slot, and stops when its metric is met. Elapsed time is the sum of
// Calendar::between over the running segments only, and the due instant is
// Calendar::add(start of the running segment, target - elapsed): a pause never leaks
// round-the-clock time into business time, and a deadline never lands outside business hours.
//
//   OneOffice, High (response 1 h on Mon–Thu 08–16, Fri 08–15 Europe/Copenhagen):
//   events  = {{Fri 2026-03-06 14:30 +01:00, created}, {same instant, priority, "high"}}
//   clocks  = *compute_clocks(events, policy, now = Fri 14:45)
//   clocks[Metric::response].state   == ClockState::running
//   clocks[Metric::response].elapsed == 15min
//   clocks[Metric::response].due     == Mon 2026-03-09 08:30 +01:00
//
// States. `breached` means the business time used exceeds the target, whether the clock has
// stopped since (met late: met_at is set) or still runs (overdue: met_at is empty). The time a
// breach became a fact is breached_at; it equals the due instant unless a change of target put
// the clock over it, in which case it is the instant of that change. Breaches are never undone
// by a later change of target.
//
// Rules, in full in docs/sla.md: a priority or category change gives new targets and keeps
// the business time used (measured on the calendars in force while it accrued); a public agent
// reply meets triage and response and starts a new update cycle; an internal note meets nothing
// on the customer clocks; a customer reply starts a new update cycle only if the policy says so;
// resolving stops every customer clock; reopening continues or restarts resolution per policy
// and starts a new update cycle; closing stops everything, and nothing may follow it.
// Events after `now` are not applied: the clocks are those as of `now`.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tierdesk/base/error.hpp"
#include "tierdesk/sla/sla_policy.hpp"
#include "tierdesk/base/time.hpp"

namespace tierdesk {

enum class EventKind : std::uint8_t {
  created,
  status,    // value: the new status
  priority,  // value: the new priority
  category,  // value: the new category
  tier,      // value: the tier the ticket enters
  agent_public_reply,
  agent_internal_note,
  customer_reply,
  triaged,   // an agent assessed the case (meets triage)
  accepted,  // an agent of the current tier took the ticket (meets its OLA)
  resolved,
  reopened,
  closed,
  queued_for_jourfixe,  // collect until the next JourFixe slot
  urgent,               // handle now: ends or prevents the JourFixe wait
};

// The statuses a status event may name (the desk's TicketStatus names): "new", "open",
// "pending-customer", "on-hold", "resolved", "closed". A policy pauses in some of them.
std::span<const std::string_view> ticket_status_names() noexcept;
// Errc::invalid_argument naming `field` and the value unless it is one of them.
Result<void> check_ticket_status(std::string_view field, std::string_view status);

// "created", "status", …, "agent_public_reply", … (the names the JSON format uses).
std::string_view to_string(EventKind k) noexcept;
Result<EventKind> parse_event_kind(std::string_view text);

struct TicketEvent {
  Instant at{};
  EventKind kind = EventKind::created;
  std::string value;  // for status, priority, category and tier; empty otherwise
  friend bool operator==(const TicketEvent&, const TicketEvent&) = default;
};

enum class ClockState : std::uint8_t {
  inactive,  // no target applies, or the clock has not started (update before a response)
  pending,   // waiting for the JourFixe slot; no time accrues
  running,
  paused,
  met,       // stopped within its target
  breached,  // more business time used than the target (see met_at)
};
std::string_view to_string(ClockState s) noexcept;
Result<ClockState> parse_clock_state(std::string_view text);

struct Clock {
  ClockState state = ClockState::inactive;
  std::uint8_t calendar = 0;  // SlaPolicy::calendar() index of the target
  std::chrono::seconds target{0};
  std::chrono::seconds elapsed{0};    // business time used in the current cycle
  std::chrono::seconds remaining{0};  // target - elapsed; negative once over
  std::optional<Instant> started_at;  // the current cycle's first running instant
  std::optional<Instant> due;         // empty while paused or pending
  std::optional<Instant> met_at;
  std::optional<Instant> breached_at;
  // Per policy warning fraction: when it was or will be reached (empty while paused, or when
  // the clock stopped before).
  std::array<std::optional<Instant>, max_warnings> warnings{};
  std::uint16_t cycles = 0;    // update: cycles started; resolution: 1 + restarts
  std::uint16_t breaches = 0;  // cycles that breached, this one included

  bool is_open() const noexcept {
    return state == ClockState::running || state == ClockState::paused ||
           state == ClockState::pending || (state == ClockState::breached && !met_at);
  }
  friend bool operator==(const Clock&, const Clock&) = default;
};

struct TicketClocks {
  std::array<Clock, metric_count> clocks{};  // indexed by Metric
  std::array<Clock, max_ola> ola{};          // indexed by the policy's OLA rows
  int priority = -1;                         // effective priority index as of now
  int category = -1;
  std::optional<Instant> jourfixe_slot;  // the slot the ticket waits for, if any

  const Clock& operator[](Metric m) const { return clocks[static_cast<std::size_t>(m)]; }
  Clock& operator[](Metric m) { return clocks[static_cast<std::size_t>(m)]; }
  // The earliest due instant among the clocks that run now (customer and OLA).
  std::optional<Instant> next_due() const;
  friend bool operator==(const TicketClocks&, const TicketClocks&) = default;
};

// The clocks of one ticket as of `now`. Errc::invalid_event (naming the event's index, instant
// and value) when the history does not start with `created`, goes back in time, names a
// priority or category the policy lacks, reopens a ticket that is not resolved, or continues
// after `closed`.
Result<TicketClocks> compute_clocks(std::span<const TicketEvent> events, const SlaPolicy& policy,
                                    Instant now);

struct BatchError {
  std::size_t ticket = 0;
  Error error;
};

// Recomputes many tickets: out[i] gets the clocks of tickets[i]; a ticket whose history is
// invalid gets default (inactive) clocks and an entry in `errors`. Errc::invalid_argument when
// out.size() != tickets.size(). Allocates nothing unless a ticket fails.
Result<void> compute_clocks_batch(std::span<const std::span<const TicketEvent>> tickets,
                                  const SlaPolicy& policy, Instant now, std::span<TicketClocks> out,
                                  std::vector<BatchError>& errors);
// The same on up to `threads` threads, each recomputing a contiguous share of at least 1,024
// of the tickets (a batch of fewer than parallel_batch_from tickets, or threads <= 1, runs on
// the calling thread). out and errors are exactly those of the one-thread call, errors by
// ticket index. The policy and its calendars are read-only and shared (calendar.hpp). When the
// system gives no further thread, the calling thread computes that share itself.
inline constexpr std::size_t parallel_batch_from = 4096;
Result<void> compute_clocks_batch(std::span<const std::span<const TicketEvent>> tickets,
                                  const SlaPolicy& policy, Instant now, std::span<TicketClocks> out,
                                  std::vector<BatchError>& errors, unsigned threads);

// An instant at which a host should act: a warning threshold or a breach.
struct Alarm {
  enum class Kind : std::uint8_t { warning, breach };
  std::size_t ticket = 0;  // index into the clocks given
  Kind kind = Kind::warning;
  bool ola = false;        // false: a customer clock (metric); true: an OLA row
  std::uint8_t clock = 0;  // Metric or OLA row
  std::uint8_t level = 0;  // warning index into the policy's fractions
  Instant at{};
  friend bool operator==(const Alarm&, const Alarm&) = default;
};

// Appends to `out` every warning and breach instant of `tickets` that lies in `window`
// ([begin, end)), sorted by instant, then ticket. Clocks that stopped in time or are paused
// contribute only the instants already reached.
void alarms_in(std::span<const TicketClocks> tickets, Segment<Instant> window,
               std::vector<Alarm>& out);

}  // namespace tierdesk
