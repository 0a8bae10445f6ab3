// Automatic escalation: rules a contract declares, evaluated against a ticket, its clock cache
// and now.
//
// A rule names a trigger and what follows: the tier the ticket moves to (when it is below)
// and who is notified. Each rule fires at most once per ticket: the events it produces carry
// its name in payload "rule", and a rule whose name is already in the history stays quiet.
//
//   Triggers
//     warning    the clock `clock` reached its warning `warning_level` (0: the policy's first
//                fraction, e.g. 75 %)
//     breach     the clock `clock` is over its target
//     category   the ticket's category is `category` (roewaplan: security faults go straight
//                to the 3rd level)
//   "Longer than N business minutes in the 1st level" is the breach of an OLA clock: give the
//   SLA policy an OLA row for that tier (sla_policy.hpp) and a breach rule on "ola:<tier>", so
//   the rule fires at the exact instant, in business time, like every other clock.
//
//   EscalationRule security{.name = "security-to-3rd", .trigger = EscalationTrigger::category,
//                           .category = "security", .to_tier = 3, .notify = "dev-team"};
//   Plan plan = escalations(ticket, history, clocks, {security}, now, tiers);
//   // plan.events: {tier "3" {reason: "category security", rule: "security-to-3rd"},
//   //               notified {kind: "escalated", recipient: "dev-team", rule: …}}
//   // plan.notifications: {{kind "escalated", recipient "dev-team", text "OO-2026-000007 …"}}
//
// The contract's desk (service_desk.hpp) applies its rules after every change and when the
// SLA watch reaches a warning or breach (sla_watch.hpp).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "tierdesk/desk/desk.hpp"
#include "tierdesk/sla/sla_policy.hpp"
#include "tierdesk/desk/desk_store.hpp"
#include "tierdesk/desk/ticket.hpp"
#include "tierdesk/desk/ticket_event.hpp"

namespace tierdesk {

enum class EscalationTrigger : std::uint8_t { warning, breach, category };
// "warning", "breach", "category".
std::string_view to_string(EscalationTrigger t) noexcept;
Result<EscalationTrigger> parse_escalation_trigger(std::string_view text);

struct EscalationRule {
  std::string name;  // unique among the rules; recorded in the events it produces
  EscalationTrigger trigger = EscalationTrigger::breach;
  ClockId clock{};          // warning, breach
  int warning_level = 0;    // warning
  std::string category{};   // category
  int to_tier = 0;          // 0: notify only
  std::string notify{};     // recipient of the notification; empty: the tier's name
  friend bool operator==(const EscalationRule&, const EscalationRule&) = default;
};

// What the rules call for on an open ticket at `now` (nothing for resolved or closed ones).
// Events have actor "rule:<name>" and instant `now`.
Plan escalations(const Ticket& ticket, std::span<const HistoryEvent> history,
                 std::span<const ClockEntry> clocks, std::span<const EscalationRule> rules,
                 Instant now, const TierNames& tiers);

}  // namespace tierdesk
