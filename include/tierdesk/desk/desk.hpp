// Layer desk — tickets and their histories (ticket.hpp, ticket_event.hpp), work entries and
// fees as recorded facts (work.hpp), the store interfaces the desk owns (desk_store.hpp), the
// clock cache (ticket_clocks.hpp), escalation (escalation.hpp) and the desk (this header).
// Depends on base, calendar, sla; knows nothing of billing, contracts or any backend.
// docs/architecture.md "Layers" has the picture and the include rule.
//
// The desk: the operations agents and intake perform on tickets, over any TicketStore.
//
// Each operation reads the ticket, decides which events describe the change (checking the
// rules through the same fold that derives the state), recomputes the clock cache from the
// whole history and hands the store one TicketChange, written in one transaction. When
// another writer appended to the ticket in between, the store reports a conflict and the
// desk decides again on the fresh state (a few times), so concurrent agents never overwrite
// each other and never lose an event.
//
//   Desk desk(store, {.prefix = "OO"});
//   Ticket t = *desk.open({.customer = "acme", .contract = "acme-2026", .channel = Channel::email,
//                          .priority = "normal", .subject = "VPN down",
//                          .by = {"anna@acme.example", now}});      // OO-2026-000001, new
//   desk.reply(t.ref, ReplyKind::agent_public, "We are on it", {"bo", now + 10min});
//                                                                  // public reply; new → open
//   desk.escalate(t.ref, 2, "needs the network team", {"bo", now + 20min});
//   desk.set_status(t.ref, TicketStatus::resolved, {"cy", now + 2h});
//   WorkEntry w;  w.start = now + 1h;  w.duration = 30min;
//   desk.log_work(t.ref, w, {"cy", now + 2h});   // a work_logged event and the entry, together
//   desk.charge_fee(t.ref, "on_call_non_critical", {"cy", now + 2h});
//
// Times are given, never read from a clock: the caller (a host) decides what "now" is.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "tierdesk/base/error.hpp"
#include "tierdesk/desk/desk_store.hpp"
#include "tierdesk/base/zone.hpp"
#include "tierdesk/desk/ticket.hpp"
#include "tierdesk/desk/ticket_event.hpp"
#include "tierdesk/desk/work.hpp"

namespace tierdesk {

// Who acts, and when.
struct Actor {
  std::string name;
  Instant at{};
};

// Computes a ticket's clock cache from its state and whole history as of `now`
// (ticket_clocks.hpp builds one on the SLA engine). Without one the cache stays empty.
using ClockFunction = std::function<Result<std::vector<ClockEntry>>(
    const Ticket& state, std::span<const HistoryEvent> history, Instant now)>;

struct DeskConfig {
  std::string prefix = "TD";  // the provider's reference prefix
  TierNames tiers{};
  ClockFunction clocks{};
  // Whose calendar year numbers new references: a ticket opened at 00:30 on New Year's Day in
  // Copenhagen is OO-2027-…, though it is still the old year in UTC. Hosts pass the contract's
  // zone.
  Zone zone = Zone::utc();
};

// What an operation adds to a ticket: new events (seq and instants are filled in by the desk
// when zero), notification records, and the work entries and fees the events record.
struct Plan {
  std::vector<HistoryEvent> events;
  std::vector<Notification> notifications;
  std::vector<WorkEntry> work{};
  std::vector<TicketFee> fees{};
  std::vector<EntryReversal> reversals{};
};

struct OpenRequest {
  std::string customer;
  std::string contract;
  Channel channel = Channel::email;
  std::string category{};
  std::string priority{};
  int tier = min_tier;
  std::string assignee{};
  std::string subject{};
  std::string external_id{};  // e.g. an e-mail Message-ID; the same id never opens two tickets
  std::string body{};         // the request text, kept in the creation event's payload
  Actor by{};
  Payload details{};          // further creation payload, e.g. {"billing", "included"}
  Plan then{};                // events and notifications stored with the creation
};

// What an operation stored: the ticket after it, the notifications it wrote, and whether it
// created the ticket (false when an external id named an existing one).
struct Committed {
  Ticket ticket;
  std::vector<Notification> notifications{};
  bool created = false;
  std::vector<HistoryEvent> events{};  // the events this commit stored, with their seqs
};

// The events and rows that record a work entry: a work_logged event (payload start, seconds,
// kind, role, agent, note) and the entry. An empty agent is the actor; an unset start (the
// epoch) means the work just ended, i.e. by.at - duration. validate() errors name the ticket.
Result<Plan> work_plan(const TicketRef& ref, WorkEntry entry, const Actor& by);

enum class ReplyKind : std::uint8_t { agent_public, agent_internal, customer };
// "public", "internal", "customer".
std::string_view to_string(ReplyKind k) noexcept;
Result<ReplyKind> parse_reply_kind(std::string_view text);

// JourFixe outcomes for a queued ticket: resolved at the meeting, or carried over to the next.
enum class JourFixeOutcome : std::uint8_t { resolved, carried_over };
// "resolved", "carried_over".
std::string_view to_string(JourFixeOutcome o) noexcept;
Result<JourFixeOutcome> parse_jourfixe_outcome(std::string_view text);

class Desk {
 public:
  Desk(TicketStore& store, DeskConfig config) : store_(store), config_(std::move(config)) {}

  TicketStore& store() const { return store_; }
  const DeskConfig& config() const { return config_; }
  // Called with what each operation stored, right after it is stored (a ServiceDesk hands
  // the notifications to its notifier).
  void on_commit(std::function<void(const Committed&)> f) { on_commit_ = std::move(f); }

  // Opens a ticket with reference PREFIX-<year of by.at in config().zone>-NNNNNN. With an
  // external id that a ticket already has, returns that ticket unchanged (idempotent intake).
  Result<Ticket> open(const OpenRequest& request);
  // open() telling whether it created the ticket, with the notifications it stored.
  Result<Committed> create(const OpenRequest& request);
  // Moves the status; resolving, reopening and closing get their own event kinds.
  // Errc::invalid_transition for a move the table in ticket.hpp forbids.
  Result<Ticket> set_status(const TicketRef& ref, TicketStatus to, const Actor& by);
  Result<Ticket> set_priority(const TicketRef& ref, const std::string& priority, const Actor& by);
  Result<Ticket> set_category(const TicketRef& ref, const std::string& category, const Actor& by);
  // Moves the ticket to `tier` (up or down) with a reason. Errc::invalid_argument for a tier
  // outside 1 … 3 or the current one, or an empty reason.
  Result<Ticket> escalate(const TicketRef& ref, int tier, const std::string& reason, const Actor& by);
  Result<Ticket> assign(const TicketRef& ref, const std::string& assignee, const Actor& by);
  // A reply or note. A public agent reply to a new ticket also opens it; a customer reply to a
  // ticket pending the customer puts it back to open, to a resolved one reopens it.
  Result<Ticket> reply(const TicketRef& ref, ReplyKind kind, const std::string& body, const Actor& by);
  // Records the JourFixe outcome (a resolved event, or jourfixe_carried_over) with the
  // meeting's note. Errc::invalid_transition when the ticket is not in the JourFixe queue.
  Result<Ticket> record_jourfixe(const TicketRef& ref, JourFixeOutcome outcome,
                                 const std::string& note, const Actor& by);
  // Adds `flag` (a flagged event with `reason`); nothing when the ticket has it already.
  Result<Ticket> flag(const TicketRef& ref, std::string_view flag, const std::string& reason,
                      const Actor& by);

  // Records a work entry on the ticket: a work_logged event (payload start, seconds, kind,
  // role, agent, note) and the entry in the store's work table, in one transaction. The
  // entry's ticket is `ref` (Errc::invalid_argument naming "ticket" when it names another);
  // an empty agent is the actor; an unset start (the epoch) means the work just ended, i.e.
  // by.at - duration. validate() is checked before anything is read or written. Resolved and
  // closed tickets take work too: providers book time after the ticket is done.
  Result<Ticket> log_work(const TicketRef& ref, WorkEntry entry, const Actor& by);
  // Charges the flat fee `code` (a code of the contract's BillingRules::fees; the statement
  // checks it) on the ticket at by.at: a fee_charged event and the fee row, in one
  // transaction. Closed tickets take fees too. Errc::invalid_argument for an empty code.
  Result<Ticket> charge_fee(const TicketRef& ref, std::string code, const Actor& by);

  // The general path every operation takes: `decide` sees the current state and history and
  // returns what to add; the desk applies, recomputes clocks and stores, deciding again on
  // Errc::conflict (up to 5 times). Returns the new state.
  using Decide = std::function<Result<Plan>(const Ticket& state, std::span<const HistoryEvent> history)>;
  Result<Ticket> change(const TicketRef& ref, Instant now, const Decide& decide);
  // change() with the notifications the stored plan carried.
  Result<Committed> commit(const TicketRef& ref, Instant now, const Decide& decide);

  // The clock cache for a state and history (empty without a ClockFunction).
  Result<std::vector<ClockEntry>> clocks_for(const Ticket& state,
                                             std::span<const HistoryEvent> history, Instant now) const;

 private:
  // Whether a change of these events keeps the stored clock cache as it is: bookkeeping
  // events the clocks never see (work, fees, notices, assignment, JourFixe carry-over) leave
  // it untouched, so recording a notice can never change a clock.
  static bool keeps_clocks(std::span<const HistoryEvent> events);

  TicketStore& store_;
  DeskConfig config_;
  std::function<void(const Committed&)> on_commit_;
};

}  // namespace tierdesk
