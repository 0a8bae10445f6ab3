#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "report/period.hpp"
#include "tierdesk/contract/statement_store.hpp"
#include "tierdesk/report/status_mail.hpp"

namespace tierdesk {
namespace {

constexpr std::size_t all_tickets = 1'000'000;

bool is_customer_clock(const ClockEntry& c) { return !c.clock.is_ola(); }

// The clock among `clocks` that matches `pred` and is due first (the first match when none has
// a due instant), or nullptr.
template <class Pred>
const ClockEntry* earliest(const std::vector<ClockEntry>& clocks, Pred pred) {
  const ClockEntry* best = nullptr;
  for (const auto& c : clocks) {
    if (!is_customer_clock(c) || !pred(c)) continue;
    if (best == nullptr || (c.due && (!best->due || *c.due < *best->due))) best = &c;
  }
  return best;
}

SlaSummary summary_of(SlaState state, const ClockEntry* c) {
  if (c == nullptr) return {state, std::nullopt, std::nullopt};
  return {state, c->clock, c->due};
}

std::vector<TopicCount> top_topics_of(const std::vector<Ticket>& tickets,
                                      Segment<Instant> month, std::size_t limit) {
  std::map<std::string, std::size_t, std::less<>> counts;
  for (const auto& t : tickets)
    if (month.contains(t.created_at)) ++counts[t.category.empty() ? "uncategorised" : t.category];
  std::vector<TopicCount> topics;
  for (const auto& [category, n] : counts) topics.push_back({category, n});
  std::stable_sort(topics.begin(), topics.end(),
                   [](const TopicCount& a, const TopicCount& b) { return a.tickets > b.tickets; });
  if (topics.size() > limit) topics.resize(limit);
  return topics;
}

}  // namespace

std::string_view to_string(SlaState s) noexcept {
  switch (s) {
    case SlaState::none: return "no SLA";
    case SlaState::on_time: return "on time";
    case SlaState::paused: return "paused";
    case SlaState::pending: return "waiting for JourFixe";
    case SlaState::breached: return "breached";
    case SlaState::met: return "met";
  }
  return "?";
}

SlaSummary summarize_clocks(const std::vector<ClockEntry>& clocks, Instant now) {
  const auto is = [](ClockState state) {
    return [state](const ClockEntry& c) { return c.state == state; };
  };
  if (const auto* c = earliest(clocks, [now](const ClockEntry& e) {
        return e.open_breach || (e.state == ClockState::running && e.due && *e.due <= now);
      }))
    return summary_of(SlaState::breached, c);
  if (const auto* c = earliest(clocks, is(ClockState::running))) return summary_of(SlaState::on_time, c);
  if (const auto* c = earliest(clocks, is(ClockState::pending))) return summary_of(SlaState::pending, c);
  if (const auto* c = earliest(clocks, is(ClockState::paused))) return summary_of(SlaState::paused, c);
  if (const auto* c = earliest(clocks, is(ClockState::breached))) return summary_of(SlaState::breached, c);
  if (earliest(clocks, is(ClockState::met)) != nullptr) return {SlaState::met, {}, std::nullopt};
  return {};
}

Result<StatusReport> build_status_report(DeskStore& store, const Contract& contract,
                                         const ContractCustomer& customer,
                                         std::chrono::year_month month_of, Instant as_of,
                                         std::size_t top_topics) {
  if (!month_of.ok()) return fail(Errc::invalid_argument, "month: expected a valid year and month");
  const auto month = report::month_span(month_of, contract.billing.zone);
  auto tickets = store.tickets({.customer = customer.id, .limit = all_tickets});
  if (!tickets) return fail(tickets.error());
  for (auto& t : *tickets)
    if (t.category.empty()) t.category = contract.default_category;

  StatusReport r{.customer = customer.id,
                 .customer_name = customer.name.empty() ? customer.id : customer.name,
                 .month = month_of,
                 .as_of = as_of,
                 .tiers = contract.tiers};
  for (const auto& t : *tickets) {
    if (!is_open(t.status)) continue;
    auto clocks = store.clocks(t.ref);
    if (!clocks) return fail(clocks.error());
    r.open.push_back(
        {t.ref, t.subject, t.status, t.tier, t.priority, summarize_clocks(*clocks, as_of)});
  }
  std::sort(r.open.begin(), r.open.end(),
            [](const OpenRequestLine& a, const OpenRequestLine& b) { return a.ref < b.ref; });
  r.topics = top_topics_of(*tickets, month, top_topics);
  auto statement = statement_from_store(store, contract, customer.id, month_of);
  if (!statement) return fail(statement.error().within("status report"));
  r.worked = statement->worked;
  r.contingent = statement->contingent;
  return r;
}

}  // namespace tierdesk
