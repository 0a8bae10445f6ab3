// Automatic escalation: rules the engine evaluates against a ticket, its clock cache and now.
//
// A rule names a trigger and what follows: the tier the ticket moves to (when it is below)
// and who is notified. Each rule fires at most once per ticket: the events it produces carry
// its name in payload "rule", and a rule whose name is already in the history stays quiet.
//
//   Triggers
//     clock_fraction    the clock `clock` passed its warning `warning_level` (0: the first
//                       fraction of the policy, e.g. 75 %)
//     clock_breached    the clock `clock` is over its target
//     first_level_time  the ticket has been in tier 1 longer than `limit` while open
//     category          the ticket's category is `category` (roewaplan: security faults go
//                       straight to the 3rd level)
//
//   EscalationRule security{.name = "security-to-3rd", .trigger = EscalationTrigger::category,
//                           .category = "security", .to_tier = 3, .notify = "dev-team"};
//   Plan plan = escalations(ticket, history, clocks, {security}, now, tiers);
//   // plan.events: {tier "3" {reason: "category security", rule: "security-to-3rd"},
//   //               notified {kind: "escalated", recipient: "dev-team", rule: …}}
//   // plan.notifications: {{kind "escalated", recipient "dev-team", text "OO-2026-000007 …"}}
//
// escalate_by_rules() evaluates and stores the result through a Desk in one transaction.
#pragma once

#include <chrono>
#include <span>
#include <string>

#include "tierdesk/desk.hpp"
#include "tierdesk/store.hpp"
#include "tierdesk/ticket.hpp"
#include "tierdesk/ticket_event.hpp"

namespace tierdesk {

enum class EscalationTrigger : std::uint8_t { clock_fraction, clock_breached, first_level_time, category };

struct EscalationRule {
  std::string name;  // unique among the rules; recorded in the events it produces
  EscalationTrigger trigger = EscalationTrigger::clock_breached;
  std::string clock{};                   // clock_fraction, clock_breached: e.g. "resolution"
  int warning_level = 0;                 // clock_fraction
  std::chrono::minutes limit{0};         // first_level_time
  std::string category{};                // category
  int to_tier = 0;                       // 0: notify only
  std::string notify{};                  // recipient of the notification; empty: the tier's name
};

// What the rules call for on an open ticket at `now` (nothing for resolved or closed ones).
// Events have actor "rule:<name>" and instant `now`.
Plan escalations(const Ticket& ticket, std::span<const HistoryEvent> history,
                 std::span<const ClockEntry> clocks, std::span<const EscalationRule> rules,
                 Instant now, const TierNames& tiers);

// Evaluates the rules on the stored ticket and stores what they produce (one transaction).
Result<Ticket> escalate_by_rules(Desk& desk, const TicketRef& ref,
                                 std::span<const EscalationRule> rules, Instant now);

}  // namespace tierdesk
