// Escalation rules: which fire, and the events and notifications they produce.
#include "tierdesk/escalation.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace tierdesk {
namespace {

bool fired_before(std::span<const HistoryEvent> history, std::string_view rule) {
  return std::ranges::any_of(history, [&](const HistoryEvent& e) { return e.get("rule") == rule; });
}

const ClockEntry* find_clock(std::span<const ClockEntry> clocks, std::string_view name) {
  const auto it = std::ranges::find(clocks, name, &ClockEntry::clock);
  return it == clocks.end() ? nullptr : &*it;
}

// When the ticket last entered tier 1 (its creation, or a de-escalation).
Instant entered_first_level(const Ticket& t, std::span<const HistoryEvent> history) {
  Instant since = t.created_at;
  for (const auto& e : history)
    if (e.kind == HistoryKind::tier && e.value == "1") since = e.at;
  return since;
}

// Why the rule fires now, or "" when it does not.
std::string reason(const EscalationRule& r, const Ticket& t, std::span<const HistoryEvent> history,
                   std::span<const ClockEntry> clocks, Instant now) {
  switch (r.trigger) {
    case EscalationTrigger::clock_fraction: {
      const auto* c = find_clock(clocks, r.clock);
      if (c == nullptr || r.warning_level < 0 ||
          static_cast<std::size_t>(r.warning_level) >= c->warnings.size())
        return {};
      const Instant at = c->warnings[static_cast<std::size_t>(r.warning_level)];
      return at <= now ? fmt::format("{} clock reached warning {} at {}", r.clock, r.warning_level + 1,
                                     format_utc(at))
                       : std::string();
    }
    case EscalationTrigger::clock_breached: {
      const auto* c = find_clock(clocks, r.clock);
      if (c == nullptr) return {};
      if (c->breached_at && *c->breached_at <= now)
        return fmt::format("{} clock breached at {}", r.clock, format_utc(*c->breached_at));
      if (c->due && *c->due <= now && c->state == "running")
        return fmt::format("{} clock breached at {}", r.clock, format_utc(*c->due));
      return {};
    }
    case EscalationTrigger::first_level_time: {
      if (t.tier != 1) return {};
      const auto since = entered_first_level(t, history);
      return now - since > r.limit
                 ? fmt::format("in the 1st level since {}, more than {} minutes", format_utc(since),
                               r.limit.count())
                 : std::string();
    }
    case EscalationTrigger::category:
      return !r.category.empty() && t.category == r.category ? fmt::format("category {}", r.category)
                                                              : std::string();
  }
  return {};
}

}  // namespace

Plan escalations(const Ticket& ticket, std::span<const HistoryEvent> history,
                 std::span<const ClockEntry> clocks, std::span<const EscalationRule> rules,
                 Instant now, const TierNames& tiers) {
  Plan plan;
  if (!is_open(ticket.status)) return plan;
  int tier = ticket.tier;
  for (const auto& r : rules) {
    if (fired_before(history, r.name)) continue;
    const std::string why = reason(r, ticket, history, clocks, now);
    if (why.empty()) continue;
    const std::string actor = "rule:" + r.name;
    const bool moves = r.to_tier > tier && r.to_tier <= max_tier;
    if (moves) {
      plan.events.push_back({0, now, actor, HistoryKind::tier, std::to_string(r.to_tier),
                             {{"reason", why}, {"rule", r.name}, {"from", std::to_string(tier)}}});
      tier = r.to_tier;
    }
    const auto tier_name = tiers.name(tier);
    const std::string recipient = !r.notify.empty() ? r.notify : std::string(tier_name ? *tier_name : "");
    const std::string kind = moves ? "escalated" : "escalation-rule";
    plan.notifications.push_back(
        {0, ticket.ref, now, kind, recipient,
         moves ? fmt::format("{} moved to {}: {}", ticket.ref.str(), tier_name ? *tier_name : "", why)
               : fmt::format("{}: {}", ticket.ref.str(), why)});
    plan.events.push_back({0, now, actor, HistoryKind::notified, "",
                           {{"kind", kind}, {"recipient", recipient}, {"rule", r.name}}});
  }
  return plan;
}

Result<Ticket> escalate_by_rules(Desk& desk, const TicketRef& ref,
                                 std::span<const EscalationRule> rules, Instant now) {
  return desk.change(ref, now, [&](const Ticket& t, std::span<const HistoryEvent> history) -> Result<Plan> {
    auto clocks = desk.clocks_for(t, history, now);
    if (!clocks) return fail(clocks.error());
    return escalations(t, history, *clocks, rules, now, desk.config().tiers);
  });
}

}  // namespace tierdesk
