// Tickets: the current state of a service request, derived from its history.
//
// A ticket is never edited in place. Every change is an event appended to its history
// (ticket_event.hpp), and the state below is a pure fold over those events: replaying the
// same history always gives the same ticket. The human reference is per provider prefix and
// year, with a zero-padded sequence allocated by the store without gaps or duplicates.
//
//   TicketRef ref = *TicketRef::parse("OO-2026-000123");
//   ref.prefix == "OO", ref.year == 2026, ref.sequence == 123, ref.str() == "OO-2026-000123"
//
//   check_transition(TicketStatus::resolved, TicketStatus::open)   → ok (a reopen)
//   check_transition(TicketStatus::closed, TicketStatus::open)     → invalid_transition
//
// Statuses and their moves (a closed ticket is final: it takes only work and fees, see
// is_billing_kind; nothing returns to new):
//   new              → open, pending-customer, on-hold, resolved, closed (spam, duplicate)
//   open             → pending-customer, on-hold, resolved
//   pending-customer → open, on-hold, resolved
//   on-hold          → open, pending-customer, resolved
//   resolved         → open (reopen), closed
// Tiers are the support levels 1 … 3; their display names are configuration (TierNames).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tierdesk/base/error.hpp"
#include "tierdesk/base/time.hpp"

namespace tierdesk {

// PREFIX-YEAR-NNNNNN: prefix 1 … 8 upper-case letters or digits, a four-digit year and a
// sequence of at least six digits (wider when it outgrows them).
struct TicketRef {
  std::string prefix;
  int year = 0;
  std::int64_t sequence = 0;

  static Result<TicketRef> parse(std::string_view text);
  std::string str() const;
  friend auto operator<=>(const TicketRef&, const TicketRef&) = default;
};

// Errc::invalid_argument naming the prefix unless it is 1 … 8 of [A-Z0-9].
Result<void> check_prefix(std::string_view prefix);

// The first `[PREFIX-YEAR-NNNNNN]` in an e-mail subject, if any.
std::optional<TicketRef> find_ref_in_subject(std::string_view subject);

enum class Channel : std::uint8_t { phone, email, portal, on_call };
std::string_view to_string(Channel c) noexcept;  // "phone", "email", "portal", "on-call"
Result<Channel> parse_channel(std::string_view text);

enum class TicketStatus : std::uint8_t { new_ticket, open, pending_customer, on_hold, resolved, closed };
// "new", "open", "pending-customer", "on-hold", "resolved", "closed"
std::string_view to_string(TicketStatus s) noexcept;
Result<TicketStatus> parse_status(std::string_view text);
// Errc::invalid_transition "status: cannot go from "closed" to "open"" when not allowed.
Result<void> check_transition(TicketStatus from, TicketStatus to);
// Resolved and closed tickets are not open; every other status is.
constexpr bool is_open(TicketStatus s) noexcept {
  return s != TicketStatus::resolved && s != TicketStatus::closed;
}

inline constexpr int min_tier = 1;
inline constexpr int max_tier = 3;

// Display names of the tiers 1 … 3, e.g. {"1st level", "2nd level", "3rd level"}.
struct TierNames {
  std::array<std::string, max_tier> names{"1st level", "2nd level", "3rd level"};
  // The name of `tier`; Errc::invalid_argument for a tier outside 1 … 3.
  Result<std::string_view> name(int tier) const;
  // The tier a name or a number ("2") stands for.
  Result<int> parse(std::string_view text) const;
  friend bool operator==(const TierNames&, const TierNames&) = default;
};

struct Ticket {
  TicketRef ref;
  std::string customer;
  std::string contract;
  Channel channel = Channel::email;
  std::string category;
  std::string priority;
  TicketStatus status = TicketStatus::new_ticket;
  int tier = min_tier;
  std::string assignee;
  std::string subject;
  std::string external_id;            // e.g. the e-mail Message-ID; empty when none
  std::vector<std::string> flags;     // e.g. "urgent-by-email"; sorted, unique
  bool jourfixe = false;              // waiting in the JourFixe queue
  Instant created_at{};
  Instant updated_at{};
  std::int64_t version = 0;           // number of events in the history

  bool has_flag(std::string_view flag) const;
  friend bool operator==(const Ticket&, const Ticket&) = default;
};

struct HistoryEvent;

// The ticket a history describes. Errc::invalid_event (naming the event's position and kind)
// when it does not start with `created`, goes back in time, or holds an impossible move
// (a status transition the table above forbids, a tier outside 1 … 3, anything after closed
// but work and fees).
Result<Ticket> fold(const TicketRef& ref, std::span<const HistoryEvent> history);

// `ticket` with `event` applied: the step fold() repeats. `position` (from 1) names the event
// in errors.
Result<void> apply(Ticket& ticket, const HistoryEvent& event, std::int64_t position);

}  // namespace tierdesk
