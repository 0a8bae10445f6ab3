#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "report/period.hpp"
#include "tierdesk/status_mail.hpp"

namespace tierdesk {
namespace {

constexpr std::size_t all_tickets = 1'000'000;

bool is_customer_clock(const ClockEntry& c) { return !c.clock.starts_with("ola:"); }

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
  return {state, c != nullptr ? c->clock : std::string(), c != nullptr ? c->due : std::nullopt};
}

std::vector<TopicCount> top_topics(const std::vector<Ticket>& tickets, Segment<Instant> month,
                                   std::size_t limit) {
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
  const auto is = [](std::string_view state) {
    return [state](const ClockEntry& c) { return c.state == state; };
  };
  if (const auto* c = earliest(clocks, [now](const ClockEntry& e) {
        return e.open_breach || (e.state == "running" && e.due && *e.due <= now);
      }))
    return summary_of(SlaState::breached, c);
  if (const auto* c = earliest(clocks, is("running"))) return summary_of(SlaState::on_time, c);
  if (const auto* c = earliest(clocks, is("pending"))) return summary_of(SlaState::pending, c);
  if (const auto* c = earliest(clocks, is("paused"))) return summary_of(SlaState::paused, c);
  if (const auto* c = earliest(clocks, is("breached"))) return summary_of(SlaState::breached, c);
  if (earliest(clocks, is("met")) != nullptr) return {SlaState::met, {}, std::nullopt};
  return {};
}

Result<StatusReport> build_status_report(Store& store, const BillingRules& rules,
                                         const StatusReportInput& input) {
  if (input.customer.empty()) return fail(Errc::invalid_argument, "customer: is empty");
  if (!input.month.ok())
    return fail(Errc::invalid_argument, "month: expected a valid year and month");
  const auto month = report::month_span(input.month, rules.zone);
  auto tickets = store.tickets({.customer = input.customer, .limit = all_tickets});
  if (!tickets) return fail(tickets.error());

  StatusReport r{
      .customer = input.customer, .month = input.month, .as_of = input.as_of, .tiers = input.tiers};
  std::set<std::string, std::less<>> refs;
  for (const auto& t : *tickets) {
    refs.insert(t.ref.str());
    if (!is_open(t.status)) continue;
    auto clocks = store.clocks(t.ref);
    if (!clocks) return fail(clocks.error());
    r.open.push_back(
        {t.ref, t.subject, t.status, t.tier, t.priority, summarize_clocks(*clocks, input.as_of)});
  }
  std::sort(r.open.begin(), r.open.end(),
            [](const OpenRequestLine& a, const OpenRequestLine& b) { return a.ref < b.ref; });
  r.topics = top_topics(*tickets, month, input.top_topics);

  std::map<std::string, std::vector<WorkEntry>, std::less<>> work_by_ticket;
  for (const auto& w : input.work) {
    if (!refs.contains(w.ticket) || !month.contains(w.start)) continue;
    r.worked += w.duration;
    work_by_ticket[w.ticket].push_back(w);
  }
  if (!rules.contingent) return r;

  StatementInput si;
  si.customer = input.customer;
  si.period = StatementPeriod::month(input.month);
  si.contingent = input.contingent;
  for (const auto& t : *tickets) {
    auto it = work_by_ticket.find(t.ref.str());
    if (it == work_by_ticket.end()) continue;
    BillableTicket bt;
    bt.ref = it->first;
    bt.category = t.category;
    bt.work = std::move(it->second);
    si.tickets.push_back(std::move(bt));
  }
  auto statement = build_statement(rules, si);
  if (!statement) return fail(statement.error().within("status report"));
  r.contingent = statement->contingent;
  return r;
}

}  // namespace tierdesk
