// Escalation rules: which fire, and the events and notifications they produce.
#include "tierdesk/desk/escalation.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace tierdesk {
namespace {

bool fired_before(std::span<const HistoryEvent> history, std::string_view rule) {
  return std::ranges::any_of(history, [&](const HistoryEvent& e) { return e.get("rule") == rule; });
}

const ClockEntry* find_clock(std::span<const ClockEntry> clocks, const ClockId& id) {
  const auto it = std::ranges::find(clocks, id, &ClockEntry::clock);
  return it == clocks.end() ? nullptr : &*it;
}

// Why the rule fires now, or "" when it does not.
std::string reason(const EscalationRule& r, const Ticket& t, std::span<const ClockEntry> clocks,
                   Instant now) {
  switch (r.trigger) {
    case EscalationTrigger::warning: {
      const auto* c = find_clock(clocks, r.clock);
      if (c == nullptr || r.warning_level < 0 ||
          static_cast<std::size_t>(r.warning_level) >= c->warnings.size())
        return {};
      const Instant at = c->warnings[static_cast<std::size_t>(r.warning_level)];
      return at <= now ? fmt::format("{} clock reached warning {} at {}", r.clock,
                                     r.warning_level + 1, format_utc(at))
                       : std::string();
    }
    case EscalationTrigger::breach: {
      const auto* c = find_clock(clocks, r.clock);
      if (c == nullptr) return {};
      if (c->breached_at && *c->breached_at <= now)
        return fmt::format("{} clock breached at {}", r.clock, format_utc(*c->breached_at));
      if (c->due && *c->due <= now && c->state == ClockState::running)
        return fmt::format("{} clock breached at {}", r.clock, format_utc(*c->due));
      return {};
    }
    case EscalationTrigger::category:
      return !r.category.empty() && t.category == r.category ? fmt::format("category {}", r.category)
                                                              : std::string();
  }
  return {};
}

constexpr std::array<std::string_view, 3> trigger_names{"warning", "breach", "category"};

}  // namespace

std::string_view to_string(EscalationTrigger t) noexcept {
  return trigger_names[static_cast<std::size_t>(t)];
}

Result<EscalationTrigger> parse_escalation_trigger(std::string_view text) {
  for (std::size_t i = 0; i < trigger_names.size(); ++i)
    if (trigger_names[i] == text) return static_cast<EscalationTrigger>(i);
  return fail(Error::invalid(Errc::invalid_argument, "trigger", text, "warning, breach or category"));
}

Plan escalations(const Ticket& ticket, std::span<const HistoryEvent> history,
                 std::span<const ClockEntry> clocks, std::span<const EscalationRule> rules,
                 Instant now, const TierNames& tiers) {
  Plan plan;
  if (!is_open(ticket.status)) return plan;
  int tier = ticket.tier;
  for (const auto& r : rules) {
    if (fired_before(history, r.name)) continue;
    const std::string why = reason(r, ticket, clocks, now);
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

}  // namespace tierdesk
