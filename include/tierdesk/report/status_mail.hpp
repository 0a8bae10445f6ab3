// Layer report — MIME mail (mime.hpp), status e-mails (this header), ticket reports
// (ticket_report.hpp) and overviews (overview.hpp), read-only over a DeskStore. Depends on
// base … contract.
// docs/architecture.md "Layers" has the picture and the include rule.
//
// The status e-mail (seed 002): what a project lead sends a customer after a JourFixe or at
// month end.
//
// build_status_report() computes the report, read-only, from the store and the contract:
// the customer's open requests (reference, subject, status, tier, priority and the SLA state
// of their clocks as of a given instant), the top topics (the categories with the most
// tickets opened in the month; an uncategorised ticket counts under the contract's default
// category), the hours worked in the month and — when the contract has an hour contingent —
// the contingent used, remaining and whether it is exhausted. The hours and the contingent are
// those of the month's statement (statement_from_store), so the e-mail and the invoice never
// differ.
// Rendering is separate: render_status_text() is the plain text, render_status_mail() the same
// text as a complete RFC 5322 message (mime.hpp), to_json() the report for machines.
//
//   Solutionbar, customer "Müller GmbH", November 2026, 10 h contingent, 10 h 30 min drawn:
//   StatusReport r = *build_status_report(store, solutionbar, mueller, 2026y/11,
//                                         2026-12-01T08:00Z);
//   r.open[0].sla == {SlaState::breached, "resolution", due 2026-11-04T16:00Z}
//   r.topics[0] == TopicCount{"network", 3}
//   r.contingent->used == 10h30min, r.contingent->remaining == 0s, r.contingent_exhausted()
//   render_status_text(r, Europe/Berlin) contains
//     "*** CONTINGENT EXHAUSTED ***\n"
//     "The hour contingent for 2026-11 was used up on 2026-11-20 13:00\n"
//     "(ticket SB-2026-000004). Further work is billed as overage at month end.\n"
//   status_subject(r) == "Status Müller GmbH, 2026-11 - contingent exhausted", which the
//   message carries as "=?utf-8?Q?Status_M=C3=BCller_GmbH=2C_2026-11_-_contingent_exhausted?="
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "tierdesk/billing/billing.hpp"
#include "tierdesk/billing/contingent.hpp"
#include "tierdesk/contract/contract.hpp"
#include "tierdesk/base/error.hpp"
#include "tierdesk/report/mime.hpp"
#include "tierdesk/billing/statement.hpp"
#include "tierdesk/desk/desk_store.hpp"
#include "tierdesk/desk/ticket.hpp"
#include "tierdesk/desk/work.hpp"
#include "tierdesk/base/zone.hpp"

namespace tierdesk {

enum class SlaState : std::uint8_t {
  none,      // no SLA clock applies
  on_time,   // a clock runs and is within its target
  paused,    // every clock that still counts is paused
  pending,   // waiting for the JourFixe slot
  breached,  // a clock that still counts is over its target
  met,       // every clock has stopped within its target
};
// "no SLA", "on time", "paused", "waiting for JourFixe", "breached", "met".
std::string_view to_string(SlaState s) noexcept;

// The SLA state of one ticket from its clock cache, as of `now`: breached when a clock is
// over its target or its due instant is not after `now`; else the earliest due running clock.
struct SlaSummary {
  SlaState state = SlaState::none;
  std::optional<ClockId> clock{};  // the clock the state is about; empty for none and met
  std::optional<Instant> due{};  // the due instant of that clock, when it runs
  friend bool operator==(const SlaSummary&, const SlaSummary&) = default;
};
SlaSummary summarize_clocks(const std::vector<ClockEntry>& clocks, Instant now);

struct OpenRequestLine {
  TicketRef ref{};
  std::string subject{};
  TicketStatus status = TicketStatus::open;
  int tier = min_tier;
  std::string priority{};
  SlaSummary sla{};
};

struct TopicCount {
  std::string category{};  // "uncategorised" for tickets without one
  std::size_t tickets = 0;
  friend bool operator==(const TopicCount&, const TopicCount&) = default;
};

struct StatusReport {
  std::string customer{};
  std::string customer_name{};  // as the contract names the customer (else its id)
  std::chrono::year_month month{};
  Instant as_of{};
  std::vector<OpenRequestLine> open{};  // by reference
  std::vector<TopicCount> topics{};     // most tickets first, then by name
  std::chrono::seconds worked{0};       // all work on the customer's tickets in the month
  std::optional<ContingentMonth> contingent{};
  TierNames tiers{};

  bool contingent_exhausted() const { return contingent && contingent->exhausted.has_value(); }
};

// The report of `customer` (of `contract`) for `month`, open requests as of `as_of`.
// Errors: Errc::invalid_argument for a month without year; the statement's errors prefixed
// with "status report"; the store's errors as they are.
Result<StatusReport> build_status_report(DeskStore& store, const Contract& contract,
                                         const ContractCustomer& customer,
                                         std::chrono::year_month month, Instant as_of,
                                         std::size_t top_topics = 5);

// Plain text, lines of at most 76 characters unless a subject is longer; instants in `zone`.
std::string render_status_text(const StatusReport& report, const Zone& zone);

// "Status Müller GmbH, 2026-11" (+ " - contingent exhausted" when it is).
std::string status_subject(const StatusReport& report);

struct MailEnvelope {
  std::string from{};
  std::string to{};
  Instant date{};
  std::string message_id{};  // "<…@…>"
};

// The text as a ready-to-send message (render_mail). Errors as render_mail.
Result<std::string> render_status_mail(const StatusReport& report, const MailEnvelope& envelope,
                                       const Zone& zone);

// {"customer": …, "month": "2026-11", "as_of": …, "open_requests": [{"ref", "subject",
// "status", "tier", "tier_name", "priority", "sla": {"state", "clock", "due"}}],
// "top_topics": [{"category", "tickets"}], "worked_minutes": …, "contingent": {…} or null}
std::string to_json(const StatusReport& report);

}  // namespace tierdesk
