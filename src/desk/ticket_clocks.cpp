// History → SLA events → clocks → clock cache rows.
#include "tierdesk/desk/ticket_clocks.hpp"

#include <fmt/format.h>

namespace tierdesk {
namespace {

static_assert(static_cast<int>(HistoryKind::urgent) == static_cast<int>(EventKind::urgent),
              "HistoryKind starts with the SLA engine's EventKind, value for value");
static_assert(static_cast<int>(HistoryKind::tier) == static_cast<int>(EventKind::tier));
static_assert(static_cast<int>(HistoryKind::agent_public_reply) ==
              static_cast<int>(EventKind::agent_public_reply));
static_assert(static_cast<int>(HistoryKind::queued_for_jourfixe) ==
              static_cast<int>(EventKind::queued_for_jourfixe));

std::string tier_name(std::string_view number, const TierNames& tiers) {
  auto t = tiers.parse(number);
  if (!t) return std::string(number);
  return std::string(*tiers.name(*t));
}

std::string known_category(std::string_view category, const SlaPolicy& policy) {
  return policy.category_index(category) < 0 ? std::string() : std::string(category);
}

// A stopped clock keeps its state and breach in the cache but no instants to act on, so the
// due/warning index only ever holds clocks that still run.
ClockEntry entry(ClockId id, const Clock& c) {
  const bool runs = c.is_open();
  ClockEntry e{std::move(id), c.state, runs ? c.due : std::nullopt,
               c.breached_at, c.state == ClockState::breached && runs, {}};
  if (!runs) return e;
  for (const auto& w : c.warnings)
    if (w) e.warnings.push_back(*w);
  return e;
}

}  // namespace

std::vector<TicketEvent> to_sla_events(std::span<const HistoryEvent> history, const TierNames& tiers,
                                       const SlaPolicy& policy) {
  std::vector<TicketEvent> out;
  out.reserve(history.size() + 3);
  for (const auto& e : history) {
    if (!is_sla_kind(e.kind)) continue;
    const auto kind = static_cast<EventKind>(e.kind);
    if (kind == EventKind::tier) {
      out.push_back({e.at, kind, tier_name(e.value, tiers)});
    } else if (kind == EventKind::category) {
      out.push_back({e.at, kind, known_category(e.value, policy)});
    } else {
      out.push_back({e.at, kind, e.value});
    }
    if (kind != EventKind::created) continue;
    if (auto p = e.get("priority"); !p.empty()) out.push_back({e.at, EventKind::priority, std::string(p)});
    if (auto c = known_category(e.get("category"), policy); !c.empty())
      out.push_back({e.at, EventKind::category, std::move(c)});
    if (auto t = e.get("tier"); !t.empty() && t != "1")
      out.push_back({e.at, EventKind::tier, tier_name(t, tiers)});
  }
  return out;
}

std::vector<ClockEntry> clock_entries(const TicketClocks& clocks, const SlaPolicy& policy) {
  std::vector<ClockEntry> out;
  for (std::size_t m = 0; m < metric_count; ++m) {
    const Clock& c = clocks.clocks[m];
    if (c.state == ClockState::inactive && c.target == std::chrono::seconds{0}) continue;
    out.push_back(entry(ClockId::of(static_cast<Metric>(m)), c));
  }
  for (std::size_t row = 0; row < policy.ola_count() && row < max_ola; ++row) {
    const Clock& c = clocks.ola[row];
    if (c.state == ClockState::inactive) continue;
    auto id = ClockId::ola(policy.spec().ola[row].tier);  // the policy checked the name
    if (id) out.push_back(entry(std::move(*id), c));
  }
  return out;
}

ClockFunction sla_clock_function(SlaPolicy policy, TierNames tiers) {
  return [policy = std::move(policy), tiers = std::move(tiers)](
             const Ticket& state, std::span<const HistoryEvent> history,
             Instant now) -> Result<std::vector<ClockEntry>> {
    if (state.has_flag(no_sla_flag)) return std::vector<ClockEntry>{};
    const auto events = to_sla_events(history, tiers, policy);
    auto clocks = compute_clocks(events, policy, now);
    if (!clocks) return fail(clocks.error());
    return clock_entries(*clocks, policy);
  };
}

}  // namespace tierdesk
