// billing_bench: the time build_statement() takes for one month of OneOffice work, 100,000 work
// entries over 10,000 tickets (support and project, some at night, some with the on-call fee).
// Prints the fastest and the median of 11 runs, e.g.
// "statement: 100000 entries, 10000 tickets, 33369 lines, total 135,797,856.54 DKK: min 72.6 ms,
// median 84.3 ms".
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tierdesk/billing/billing.hpp"
#include "tierdesk/calendar/calendar.hpp"
#include "tierdesk/calendar/holidays.hpp"
#include "tierdesk/billing/statement.hpp"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

tierdesk::Segment<tierdesk::TimeOfDay> local_hours(const char* from, const char* to) {
  return {*tierdesk::TimeOfDay::parse(from), *tierdesk::TimeOfDay::parse(to)};
}

tierdesk::Result<tierdesk::BillingRules> oneoffice_rules() {
  using namespace std::chrono;
  using tierdesk::Role;
  tierdesk::CalendarSpec spec;
  spec.zone = "Europe/Copenhagen";
  for (auto wd : {Monday, Tuesday, Wednesday, Thursday})
    spec.week[wd] = {local_hours("08:00", "16:00")};
  spec.week[Friday] = {local_hours("08:00", "15:00")};
  spec.holidays = *tierdesk::preset("DK");
  auto cal = tierdesk::Calendar::compile(spec);
  if (!cal) return tierdesk::fail(cal.error());
  const auto dkk = *tierdesk::Currency::of("DKK");
  tierdesk::BillingRules r;
  r.currency = dkk;
  r.vat = tierdesk::BasisPoints{2500};
  r.zone = *tierdesk::Zone::locate("Europe/Copenhagen");
  r.rates = {{Role::support, std::nullopt, tierdesk::Money::from_minor(109500, dkk)},
             {Role::project, std::nullopt, tierdesk::Money::from_minor(149500, dkk)},
             {Role::senior, std::nullopt, tierdesk::Money::from_minor(189500, dkk)}};
  r.out_of_hours = tierdesk::OutOfHours{tierdesk::BasisPoints{10000},
                                        tierdesk::OutOfHours::Mode::by_start, *cal};
  r.fees = {{"on_call_non_critical", "non-critical call to the on-call line",
             tierdesk::Money::from_minor(100000, dkk)}};
  r.categories = {{"support",
                   tierdesk::Treatment::billable,
                   {tierdesk::IncludedThreshold::Mode::all_if_over, 15min}},
                  {"project", tierdesk::Treatment::billable, {}}};
  return r;
}

tierdesk::StatementInput month_of_work(std::size_t tickets, std::size_t entries_per_ticket) {
  std::mt19937_64 rng(2026);
  std::uniform_int_distribution<long> minute_of_month(0, 30L * 24 * 60 - 24 * 60);
  std::uniform_int_distribution<long> length(1, 60);
  std::uniform_int_distribution<int> pick(0, 99);
  const auto month_start = tierdesk::Instant{std::chrono::sys_days{2026y / 11 / 1}} - 1h;
  tierdesk::StatementInput in;
  in.customer = "bench";
  in.period = tierdesk::StatementPeriod::month(2026y / 11);
  in.tickets.reserve(tickets);
  for (std::size_t t = 0; t < tickets; ++t) {
    tierdesk::BillableTicket ticket;
    ticket.ref = fmt::format("OO-2026-{:06}", t + 1);
    ticket.category = pick(rng) < 80 ? "support" : "project";
    for (std::size_t e = 0; e < entries_per_ticket; ++e) {
      const int role = pick(rng);
      ticket.work.push_back({ticket.ref, "agent",
                             month_start + std::chrono::minutes{minute_of_month(rng)},
                             std::chrono::minutes{length(rng)}, tierdesk::WorkKind::remote,
                             role < 80   ? tierdesk::Role::support
                             : role < 95 ? tierdesk::Role::project
                                         : tierdesk::Role::senior,
                             ""});
    }
    if (pick(rng) < 5) ticket.fees.push_back({"on_call_non_critical", ticket.work.front().start});
    in.tickets.push_back(std::move(ticket));
  }
  return in;
}

}  // namespace

int main() {
  auto rules = oneoffice_rules();
  if (!rules) {
    fmt::print(stderr, "billing_bench: {}\n", rules.error().message());
    return 1;
  }
  const auto input = month_of_work(10000, 10);
  std::vector<double> ms;
  std::size_t lines = 0;
  std::string total;
  for (int run = 0; run < 11; ++run) {
    const auto start = Clock::now();
    auto statement = tierdesk::build_statement(*rules, input);
    const auto elapsed = Clock::now() - start;
    if (!statement) {
      fmt::print(stderr, "billing_bench: {}\n", statement.error().message());
      return 1;
    }
    benchmark::DoNotOptimize(statement->total);
    lines = statement->lines.size();
    total = fmt::format("{}", statement->total);
    ms.push_back(std::chrono::duration<double, std::milli>(elapsed).count());
  }
  std::sort(ms.begin(), ms.end());
  fmt::print(
      "statement: {} entries, {} tickets, {} lines, total {}: min {:.1f} ms, median {:.1f} ms\n",
      input.tickets.size() * input.tickets.front().work.size(), input.tickets.size(), lines, total,
      ms.front(), ms[ms.size() / 2]);
  return 0;
}
