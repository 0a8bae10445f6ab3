// The desk's persistence, as two interfaces by concern: TicketStore keeps tickets, their
// append-only histories, the SLA clock cache with its alarm index and the notifications;
// WorkStore answers the work and fee queries billing reads. DeskStore is both, what a
// ServiceDesk runs on. The desk owns these interfaces; the backends (tierdesk/store/) implement
// them. A store never decides anything about tickets: the desk (desk.hpp) folds the history,
// checks the rules and hands the store a TicketChange — the new events, the state they lead
// to, the recomputed clock cache, notifications and work — which the store writes
// atomically: all of it or nothing, in one transaction.
//
//   Ticket t = *store.create("OO", 2026, {change});     // {OO-2026-000001 …}
//   store.update(next_change);                          // Errc::conflict when another writer
//                                                       // appended since the state was read
//   store.alarms({now, now + 1h}, AlarmFilter::due_only);   // indexed, never a table scan
//   store.next_alarm(now, AlarmFilter::due_and_warnings);   // the watcher's next wake
//   store.work({.customer = "acme", .started = Segment{nov1, dec1}});  // work entries, by start
//
// Concurrency: create allocates references per (prefix, year) inside its transaction, so
// concurrent writers (threads or processes) get unique references without gaps. update is
// optimistic: the change's state.version must be the stored version plus the number of new
// events, else Errc::conflict and nothing is written.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tierdesk/base/error.hpp"
#include "tierdesk/base/time.hpp"
#include "tierdesk/desk/ticket.hpp"
#include "tierdesk/desk/ticket_event.hpp"
#include "tierdesk/desk/work.hpp"
#include "tierdesk/sla/sla.hpp"

namespace tierdesk {


// One SLA clock of a ticket as cached for queries; recomputed on every event.
struct ClockEntry {
  ClockId clock;                      // response, resolution, ola:2nd level, …
  ClockState state = ClockState::inactive;
  std::optional<Instant> due;         // empty unless the clock runs (paused, stopped: empty)
  std::optional<Instant> breached_at;
  bool open_breach = false;           // over its target and still running
  std::vector<Instant> warnings;      // warning instants of a running clock, by level
  friend bool operator==(const ClockEntry&, const ClockEntry&) = default;
};

// A due or warning instant of one clock.
struct ClockAlarm {
  enum class Kind : std::uint8_t { warning, due };
  TicketRef ref;
  ClockId clock;
  Kind kind = Kind::due;
  int level = 0;  // warning level (0 = first fraction); 0 for due
  Instant at{};
  friend bool operator==(const ClockAlarm&, const ClockAlarm&) = default;
};

enum class AlarmFilter : std::uint8_t { due_only, due_and_warnings };

// A message the desk owes someone (escalation, breach warning, flagged intake).
struct Notification {
  std::int64_t id = 0;  // set by the store
  TicketRef ref;
  Instant at{};
  std::string kind;       // e.g. "escalated", "breached", "urgent-by-email"
  std::string recipient;  // an agent, a team or a customer address
  std::string text;
  friend bool operator==(const Notification&, const Notification&) = default;
};

// A correction of one stored work entry or fee of the ticket, by its entry (the seq of the
// event that recorded it).
struct EntryReversal {
  std::int64_t entry = 0;
  Reversal reversal;
  friend bool operator==(const EntryReversal&, const EntryReversal&) = default;
};

// What one operation does to one ticket, written in one transaction.
struct TicketChange {
  Ticket state;                            // the fold of the whole history after the change
  std::vector<HistoryEvent> events;        // the new events, seq continuing the history
  std::vector<ClockEntry> clocks;          // replaces the ticket's whole clock cache
  std::vector<Notification> notifications;
  // Work entries and fees recorded by this change (each with its work_logged / fee_charged
  // event in `events`). An entry's ticket is the change's reference: the store fills it in
  // when empty and refuses another one.
  std::vector<WorkEntry> work{};
  std::vector<TicketFee> fees{};
  // Reversals of the ticket's stored entries (each with its entry_reversed event in `events`).
  // Errc::not_found for an entry the ticket has no work or fee row for; Errc::conflict for
  // one already reversed.
  std::vector<EntryReversal> reversals{};
};

// Ticket queries by attribute; empty fields match everything. Ordered by reference.
struct TicketFilter {
  std::optional<std::string> customer{};
  std::optional<std::string> contract{};
  std::optional<TicketStatus> status{};
  std::optional<int> tier{};
  std::optional<std::string> assignee{};
  bool open_only = false;  // statuses other than resolved and closed
  std::size_t limit = 1000;
};

class TicketStore {
 public:
  virtual ~TicketStore() = default;

  // Stores new tickets in one transaction: each gets the next reference of (prefix, year),
  // its events seq 1 …, its clock cache and notifications. Returns the stored states.
  // Errc::conflict naming the external id when a ticket with one of the external ids exists
  // (nothing is written); Errc::invalid_argument for a bad prefix or an empty history.
  virtual Result<std::vector<Ticket>> create(std::string_view prefix, int year,
                                             std::span<const TicketChange> tickets) = 0;
  // Appends change.events to change.state.ref's history, stores the new state, replaces its
  // clock cache and adds the notifications, in one transaction. Errc::not_found for an
  // unknown ticket; Errc::conflict when the stored version is not
  // change.state.version - change.events.size() (someone else wrote first).
  virtual Result<void> update(const TicketChange& change) = 0;

  virtual Result<Ticket> ticket(const TicketRef& ref) = 0;
  virtual Result<std::optional<TicketRef>> find_external(std::string_view external_id) = 0;
  virtual Result<std::vector<HistoryEvent>> history(const TicketRef& ref) = 0;
  virtual Result<std::vector<Ticket>> tickets(const TicketFilter& filter) = 0;
  virtual Result<std::vector<ClockEntry>> clocks(const TicketRef& ref) = 0;
  virtual Result<std::vector<Notification>> notifications(const TicketRef& ref) = 0;

  // ticket(ref) and clocks(ref) of one state of the ticket: what showing a ticket reads. This
  // calls both; a backend that keeps them together reads them at once.
  struct TicketWithClocks {
    Ticket ticket;
    std::vector<ClockEntry> clocks;
  };
  virtual Result<TicketWithClocks> ticket_with_clocks(const TicketRef& ref) {
    auto t = ticket(ref);
    if (!t) return fail(t.error());
    auto c = clocks(ref);
    if (!c) return fail(c.error());
    return TicketWithClocks{std::move(*t), std::move(*c)};
  }

  // Due (and, if asked, warning) instants in [window.begin, window.end), by instant, then
  // warnings before dues, then reference. Only running clocks of open tickets have them.
  virtual Result<std::vector<ClockAlarm>> alarms(Segment<Instant> window, AlarmFilter filter,
                                                 std::size_t limit) = 0;
  // The earliest due (and, if asked, warning) instant at or after `from`; nullopt when none
  // is. One index seek per kind, however many alarms share that instant (what a watcher
  // re-arms on; alarms() with limit 1 reads every alarm of the instant to order them).
  virtual Result<std::optional<Instant>> next_alarm(Instant from, AlarmFilter filter) = 0;
  // Open tickets with a clock over its target, by reference.
  virtual Result<std::vector<Ticket>> breached_open(std::size_t limit) = 0;
  // Tickets of `contract` waiting in the JourFixe queue, by reference.
  virtual Result<std::vector<Ticket>> jourfixe_batch(std::string_view contract) = 0;
};

// Work and fee queries; empty fields match everything. `started` is half-open: an entry
// counts when begin <= start < end (a fee when begin <= at < end).
struct WorkFilter {
  std::optional<std::string> customer{};
  std::optional<std::string> contract{};
  std::optional<TicketRef> ref{};
  std::optional<Segment<Instant>> started{};
};

// A fee with the ticket it was charged on.
struct StoredFee {
  TicketRef ref;
  TicketFee fee;
  friend bool operator==(const StoredFee&, const StoredFee&) = default;
};

class WorkStore {
 public:
  virtual ~WorkStore() = default;

  // Work entries matching the filter, in work_order (work.hpp); entries equal in every field
  // keep the order they were stored in. Each carries its entry and, when a correction reversed
  // it, the reversal. Errc::not_found when filter.ref names no ticket.
  virtual Result<std::vector<WorkEntry>> work(const WorkFilter& filter) = 0;
  // Fees matching the filter, by instant, then reference, then code.
  virtual Result<std::vector<StoredFee>> fees(const WorkFilter& filter) = 0;
};

// Both: what a ServiceDesk, its reports and statements run on.
class DeskStore : public TicketStore, public WorkStore {};

}  // namespace tierdesk
