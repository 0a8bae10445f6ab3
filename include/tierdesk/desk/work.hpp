// Work entries and fees: who worked how long on which ticket, when, how and in which role,
// and which flat fees were charged on it.
//
// A WorkEntry is the raw fact a statement is computed from. It records the instant the work
// started (UTC) and its length; the billing rules (billing.hpp) decide what it costs: the
// kind and role pick the hourly rate, the start instant decides the out-of-hours surcharge.
//
//   WorkEntry e{.ticket = "OO-2026-000123", .agent = "mck",
//               .start = *parse_iso8601("2026-11-16T19:00:00+01:00"),
//               .duration = 30min, .kind = WorkKind::remote, .role = Role::support,
//               .note = "BIOS update forced"};
//   validate(e)            → ok
//   to_string(e.kind)      == "remote";   *parse_work_kind("on_site") == WorkKind::on_site
//   TicketFee{.code = "on_call_non_critical", .at = …}   a flat fee of the contract's rules
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tierdesk/base/error.hpp"
#include "tierdesk/base/time.hpp"

namespace tierdesk {

enum class WorkKind { remote, on_site, travel, phone };
enum class Role { support, project, senior };

// A correction: the entry no longer bills. The tables stay append-only; the reversal is a
// fact of its own, shown on the statement of the entry's month.
struct Reversal {
  Instant at{};
  std::string actor;
  std::string reason;
  friend bool operator==(const Reversal&, const Reversal&) = default;
};

struct WorkEntry {
  std::string ticket{};  // the ticket reference, e.g. "OO-2026-000123"
  std::string agent{};
  Instant start{};
  std::chrono::seconds duration{0};
  WorkKind kind = WorkKind::remote;
  Role role = Role::support;
  std::string note{};
  std::int64_t entry = 0;             // its work_logged event's seq once stored (0 before)
  std::optional<Reversal> reversed{};  // set when a later correction reversed it

  Instant end() const { return start + duration; }
  friend bool operator==(const WorkEntry&, const WorkEntry&) = default;
};

// A flat fee (BillingRules::fees, by its code) charged on a ticket at an instant.
struct TicketFee {
  std::string code;
  Instant at{};
  std::int64_t entry = 0;             // its fee_charged event's seq once stored (0 before)
  std::optional<Reversal> reversed{};
  friend bool operator==(const TicketFee&, const TicketFee&) = default;
};

// "remote", "on_site", "travel", "phone" / "support", "project", "senior".
std::string_view to_string(WorkKind kind);
std::string_view to_string(Role role);
// The inverse; Errc::invalid_argument naming the text and the accepted names.
Result<WorkKind> parse_work_kind(std::string_view text);
Result<Role> parse_role(std::string_view text);

// A work entry needs a ticket reference and a positive duration of at most 24 hours;
// errors name the field and value.
Result<void> validate(const WorkEntry& entry);

// The longest work entry.
inline constexpr std::chrono::seconds max_work{24 * 3600};
// A count of minutes from outside (a command line, a request) as a work duration:
// Errc::invalid_argument naming "minutes" outside 1 … 1440, before any arithmetic on it.
Result<std::chrono::seconds> work_minutes(std::int64_t minutes);

// The order statements use: by start, then ticket, agent, duration, note.
bool work_order(const WorkEntry& a, const WorkEntry& b);

}  // namespace tierdesk
