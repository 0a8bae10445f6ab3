// Contracts from the provider seeds, built in code for the billing tests.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "tierdesk/billing/billing.hpp"
#include "tierdesk/calendar/calendar.hpp"
#include "tierdesk/calendar/holidays.hpp"
#include "tierdesk/billing/money.hpp"
#include "tierdesk/billing/statement.hpp"
#include "tierdesk/desk/work.hpp"

namespace billing_test {

using namespace std::chrono_literals;
using tierdesk::Instant;
using tierdesk::Money;

inline Instant at(std::string_view iso) {
  auto t = tierdesk::parse_iso8601(iso);
  REQUIRE(t);
  return *t;
}

inline Money money(std::string_view text) {
  auto m = Money::parse(text);
  REQUIRE(m);
  return *m;
}

inline tierdesk::Date civil_date(std::string_view text) {
  auto d = tierdesk::parse_date(text);
  REQUIRE(d);
  return *d;
}

inline tierdesk::Segment<tierdesk::TimeOfDay> local_hours(std::string_view from,
                                                          std::string_view to) {
  return {*tierdesk::TimeOfDay::parse(from), *tierdesk::TimeOfDay::parse(to)};
}

// OneOffice's normal hours: Mon–Thu 08–16, Fri 08–15, Europe/Copenhagen, Danish holidays.
inline tierdesk::Calendar oneoffice_calendar() {
  using namespace std::chrono;
  tierdesk::CalendarSpec spec;
  spec.name = "oneoffice-normal-hours";
  spec.zone = "Europe/Copenhagen";
  for (auto wd : {Monday, Tuesday, Wednesday, Thursday})
    spec.week[wd] = {local_hours("08:00", "16:00")};
  spec.week[Friday] = {local_hours("08:00", "15:00")};
  spec.holidays = *tierdesk::preset("DK");
  auto cal = tierdesk::Calendar::compile(spec);
  REQUIRE(cal);
  return *cal;
}

// OneOffice (seed 004): tasks up to 15 minutes included, above that the whole time billed at
// 1,095 DKK/h; project 1,495, senior 1,895; +100 % for work started outside normal hours;
// 1,000 DKK for a non-critical call to the on-call line; prices ex VAT 25 %.
inline tierdesk::BillingRules oneoffice_rules() {
  using tierdesk::IncludedThreshold;
  using tierdesk::Role;
  tierdesk::BillingRules r;
  r.currency = *tierdesk::Currency::of("DKK");
  r.vat = tierdesk::BasisPoints{2500};
  r.zone = *tierdesk::Zone::locate("Europe/Copenhagen");
  r.rates = {{Role::support, std::nullopt, money("1,095.00 DKK")},
             {Role::project, std::nullopt, money("1,495.00 DKK")},
             {Role::senior, std::nullopt, money("1,895.00 DKK")}};
  r.rounding = {60s, 0s, tierdesk::Rounding::Scope::per_ticket};
  r.out_of_hours = tierdesk::OutOfHours{tierdesk::BasisPoints{10000},
                                        tierdesk::OutOfHours::Mode::by_start, oneoffice_calendar()};
  r.fees = {
      {"on_call_non_critical", "non-critical call to the on-call line", money("1,000.00 DKK")}};
  tierdesk::Category support{
      "support", tierdesk::Treatment::billable, {IncludedThreshold::Mode::all_if_over, 15min}};
  tierdesk::Category project{"project", tierdesk::Treatment::billable, {}};
  r.categories = {support, project};
  return r;
}

inline tierdesk::WorkEntry work(std::string ticket, std::string_view start,
                                std::chrono::seconds duration,
                                tierdesk::Role role = tierdesk::Role::support,
                                tierdesk::WorkKind kind = tierdesk::WorkKind::remote) {
  return {std::move(ticket), "agent", at(start), duration, kind, role, ""};
}

inline tierdesk::Statement statement(const tierdesk::BillingRules& rules,
                                     const tierdesk::StatementInput& input) {
  auto s = tierdesk::build_statement(rules, input);
  if (!s) FAIL(s.error().message());
  return *s;
}

}  // namespace billing_test
