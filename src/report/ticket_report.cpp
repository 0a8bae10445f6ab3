#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "report/period.hpp"
#include "tierdesk/contract/statement_store.hpp"
#include "tierdesk/desk/ticket_clocks.hpp"
#include "tierdesk/report/ticket_report.hpp"

namespace tierdesk {
namespace {

using std::chrono::seconds;

constexpr std::size_t all_tickets = 1'000'000;
constexpr std::array<Metric, metric_count> metrics{Metric::triage, Metric::response, Metric::update,
                                                   Metric::resolution};

using Counter = std::map<std::string, std::size_t, std::less<>>;

std::vector<Count> ranked(const Counter& counter) {
  std::vector<Count> out;
  for (const auto& [key, n] : counter) out.push_back({key, n});
  std::stable_sort(out.begin(), out.end(),
                   [](const Count& a, const Count& b) { return a.tickets > b.tickets; });
  return out;
}

std::string or_none(const std::string& s) { return s.empty() ? "-" : s; }

// The Monday on or before local date `d`.
std::chrono::local_days monday_of(std::chrono::local_days d) {
  using namespace std::chrono;
  return d - (weekday{d} - Monday);
}

struct Tally {
  Counter category, priority, status, tier, channel;
  std::map<std::pair<int, Metric>, SlaMet> sla;
  std::vector<seconds> response, resolution;
};

// The priority the SLA engine treated the ticket as (a category may raise it), else its own.
std::string priority_name(const TicketClocks& clocks, const SlaPolicy& policy,
                          const std::string& own) {
  if (clocks.priority < 0) return or_none(own);
  return policy.spec().priorities[static_cast<std::size_t>(clocks.priority)];
}

// Adds one ticket's clocks to the SLA figures, the durations and its week.
void add_clocks(const TicketClocks& clocks, const std::string& priority, Tally& tally,
                WeekFigures& week) {
  for (const auto m : metrics) {
    const Clock& c = clocks[m];
    const bool met = c.state == ClockState::met;
    if (!met && c.state != ClockState::breached) continue;
    auto& row = tally.sla[{clocks.priority, m}];
    if (row.decided == 0) {
      row.priority = priority;
      row.metric = m;
    }
    ++row.decided;
    ++week.sla_decided;
    if (met) {
      ++row.met;
      ++week.sla_met;
    }
  }
  if (clocks[Metric::response].met_at) tally.response.push_back(clocks[Metric::response].elapsed);
  if (clocks[Metric::resolution].met_at)
    tally.resolution.push_back(clocks[Metric::resolution].elapsed);
}

DurationStats stats(const std::vector<seconds>& values) {
  return {values.size(), percentile(values, 50), percentile(values, 95)};
}

// Included, contingent and billed time and the charges, from the statement of each month.
Result<BillingSummary> billing_summary(DeskStore& store, const Contract& contract,
                                       const ContractCustomer& customer,
                                       const ReportPeriod& period) {
  BillingSummary out{.billed = Money::zero(contract.billing.currency)};
  for (int i = 0; i < period.months; ++i) {
    const auto month = period.first + std::chrono::months{i};
    if (month < customer.start.year() / customer.start.month()) continue;  // not a customer yet
    auto s = statement_from_store(store, contract, customer.id, month);
    if (!s) return fail(s.error().within(report::month_text(month)));
    for (const auto& line : s->lines) {
      if (line.unit != LineUnit::minute) continue;
      if (line.kind == LineKind::included) out.included_minutes += line.quantity;
      if (line.kind == LineKind::time) out.billed_minutes += line.quantity;
      if (line.kind == LineKind::needs_quote) out.quote_minutes += line.quantity;
    }
    if (s->contingent) out.contingent_minutes += (s->contingent->used.count() + 59) / 60;
    auto sum = add(out.billed, s->subtotal);
    if (!sum) return fail(sum.error());
    out.billed = *sum;
  }
  return out;
}

}  // namespace

Result<TicketReport> build_ticket_report(DeskStore& store, const Contract& contract,
                                         const ContractCustomer& customer,
                                         const ReportPeriod& period, Instant as_of) {
  if (!contract.sla)
    return fail(Errc::invalid_argument,
                fmt::format("contract {}: no SLA policy to report on", contract.id));
  if (!period.first.ok() || period.months < 1)
    return fail(Errc::invalid_argument, "period: expected one or more whole months");
  const SlaPolicy& policy = *contract.sla;
  const auto& zone = contract.billing.zone;
  const Segment<Instant> span{report::month_span(period.first, zone).begin,
                              report::month_span(period.last(), zone).end};
  auto all = store.tickets({.customer = customer.id, .limit = all_tickets});
  if (!all) return fail(all.error());

  TicketReport r{.customer = customer.id, .period = period, .as_of = as_of};
  using namespace std::chrono;
  const auto first_monday = monday_of(local_days{period.first / 1});
  const auto last_day = local_days{period.last() / last};
  for (auto d = first_monday; d <= last_day; d += days{7}) r.weeks.push_back({Date{d}});

  Tally tally;
  for (auto& t : *all) {
    if (!span.contains(t.created_at)) continue;
    if (t.category.empty()) t.category = contract.default_category;
    ++r.tickets;
    ++tally.category[t.category.empty() ? "uncategorised" : t.category];
    ++tally.status[std::string(to_string(t.status))];
    const auto tier = contract.tiers.name(t.tier);
    ++tally.tier[tier ? std::string(*tier) : std::to_string(t.tier)];
    ++tally.channel[std::string(to_string(t.channel))];
    const auto created = floor<days>(zone.to_local(t.created_at));
    auto& week = r.weeks[static_cast<std::size_t>((created - first_monday).count() / 7)];
    ++week.tickets;
    const auto* category = find_category(contract.billing, t.category).value_or(nullptr);
    if (t.has_flag(no_sla_flag) || (category != nullptr && !category->sla_applies)) {
      ++tally.priority[or_none(t.priority)];
      continue;
    }
    auto history = store.history(t.ref);
    if (!history) return fail(history.error());
    const auto events = to_sla_events(*history, contract.tiers, policy);
    auto clocks = compute_clocks(events, policy, as_of);
    if (!clocks) return fail(clocks.error().within(t.ref.str()));
    const auto priority = priority_name(*clocks, policy, t.priority);
    ++tally.priority[priority];
    add_clocks(*clocks, priority, tally, week);
  }
  r.by_category = ranked(tally.category);
  r.by_priority = ranked(tally.priority);
  r.by_status = ranked(tally.status);
  r.by_tier = ranked(tally.tier);
  r.by_channel = ranked(tally.channel);
  for (const auto& [key, row] : tally.sla) r.sla.push_back(row);
  r.response = stats(tally.response);
  r.resolution = stats(tally.resolution);
  auto billing = billing_summary(store, contract, customer, period);
  if (!billing) return fail(billing.error());
  r.billing = *billing;
  return r;
}

}  // namespace tierdesk
