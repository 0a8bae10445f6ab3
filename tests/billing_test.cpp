// The billing rules applied to single tickets, with OneOffice's own worked figures (seed 004).
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "billing_fixtures.hpp"
#include "tierdesk/billing/billing.hpp"
#include "tierdesk/billing/statement.hpp"

using namespace billing_test;
using tierdesk::BillableTicket;
using tierdesk::Errc;
using tierdesk::IncludedThreshold;
using tierdesk::LineKind;
using tierdesk::Role;
using tierdesk::Rounding;
using tierdesk::StatementInput;
using tierdesk::StatementPeriod;
using tierdesk::WorkKind;

namespace {

constexpr auto november = std::chrono::year{2026} / std::chrono::November;

StatementInput one_ticket(std::string category, std::vector<tierdesk::WorkEntry> entries) {
  StatementInput in;
  in.customer = "acme";
  in.period = StatementPeriod::month(november);
  in.tickets.push_back({"OO-2026-000001", std::move(category), std::move(entries), {}, false});
  return in;
}

StatementInput support_ticket(std::string_view start, std::chrono::seconds duration,
                              Role role = Role::support) {
  return one_ticket("support", {work("OO-2026-000001", start, duration, role)});
}

}  // namespace

TEST_CASE("OneOffice example 1: 30 minutes of non-simple work is 547.50 DKK + VAT") {
  const auto s = statement(oneoffice_rules(), support_ticket("2026-11-16T10:00:00+01:00", 30min));
  REQUIRE(s.lines.size() == 1);
  CHECK(s.lines[0].kind == LineKind::time);
  CHECK(s.lines[0].text == "OO-2026-000001 support: support, remote");
  CHECK(s.lines[0].quantity == 30);
  CHECK(s.lines[0].unit_price == money("1,095.00 DKK"));
  CHECK(s.lines[0].amount == money("547.50 DKK"));
  CHECK(s.lines[0].tickets == std::vector<std::string>{"OO-2026-000001"});
  CHECK(s.subtotal == money("547.50 DKK"));
  CHECK(s.vat == money("136.88 DKK"));  // 136.875 rounds up
  CHECK(s.total == money("684.38 DKK"));
}

TEST_CASE("OneOffice example 2: 11 minutes are included and cost nothing") {
  const auto s = statement(oneoffice_rules(), support_ticket("2026-11-16T10:00:00+01:00", 11min));
  REQUIRE(s.lines.size() == 1);
  CHECK(s.lines[0].kind == LineKind::included);
  CHECK(s.lines[0].text == "OO-2026-000001 support: included (all_if_over 15 min)");
  CHECK(s.lines[0].quantity == 11);
  CHECK(s.lines[0].amount == money("0.00 DKK"));
  CHECK(s.total == money("0.00 DKK"));
}

TEST_CASE("OneOffice example 3: 25 minutes is 456.25 DKK + VAT") {
  const auto s = statement(oneoffice_rules(), support_ticket("2026-11-17T13:05:00+01:00", 25min));
  REQUIRE(s.lines.size() == 1);
  CHECK(s.lines[0].amount == money("456.25 DKK"));
  CHECK(s.vat == money("114.06 DKK"));  // 114.0625
  CHECK(s.total == money("570.31 DKK"));
}

TEST_CASE("OneOffice: the same 30 minutes started at 19:00 carry +100 %: 1,095.00 DKK") {
  const auto s = statement(oneoffice_rules(), support_ticket("2026-11-16T19:00:00+01:00", 30min));
  REQUIRE(s.lines.size() == 1);
  CHECK(s.lines[0].text == "OO-2026-000001 support: support, remote, outside normal hours +100 %");
  CHECK(s.lines[0].unit_price == money("2,190.00 DKK"));
  CHECK(s.lines[0].amount == money("1,095.00 DKK"));
  CHECK(fmt::format("{}", s.lines[0].amount) == "1,095.00 DKK");
  CHECK(s.vat == money("273.75 DKK"));
  CHECK(s.total == money("1,368.75 DKK"));
}

TEST_CASE("OneOffice: a non-critical call to the on-call line is a 1,000.00 DKK fee") {
  auto in = support_ticket("2026-11-16T22:10:00+01:00", 5min);
  in.tickets[0].fees = {{"on_call_non_critical", at("2026-11-16T22:10:00+01:00")}};
  const auto s = statement(oneoffice_rules(), in);
  REQUIRE(s.lines.size() == 2);
  CHECK(s.lines[0].kind == LineKind::included);  // 5 minutes, even at night
  CHECK(s.lines[1].kind == LineKind::fee);
  CHECK(s.lines[1].text == "OO-2026-000001 support: non-critical call to the on-call line");
  CHECK(s.lines[1].amount == money("1,000.00 DKK"));
  CHECK(s.total == money("1,250.00 DKK"));
}

TEST_CASE("OneOffice: project work 1,495 DKK/h, senior 1,895 DKK/h") {
  auto in = one_ticket("project",
                       {work("OO-2026-000001", "2026-11-18T09:00:00+01:00", 60min, Role::project),
                        work("OO-2026-000001", "2026-11-18T10:00:00+01:00", 90min, Role::senior),
                        work("OO-2026-000001", "2026-11-19T09:00:00+01:00", 7min, Role::project)});
  const auto s = statement(oneoffice_rules(), in);
  REQUIRE(s.lines.size() == 2);
  CHECK(s.lines[0].text == "OO-2026-000001 project: project, remote");
  CHECK(s.lines[0].quantity == 67);
  CHECK(s.lines[0].amount == money("1,669.42 DKK"));  // 1,495 × 67 / 60 = 1,669.4166…
  CHECK(s.lines[1].text == "OO-2026-000001 project: senior, remote");
  CHECK(s.lines[1].amount == money("2,842.50 DKK"));
  CHECK(s.subtotal == money("4,511.92 DKK"));
}

TEST_CASE("OneOffice threshold: 15 minutes are included, 15 minutes and a second are not") {
  auto rules = oneoffice_rules();
  CHECK(statement(rules, support_ticket("2026-11-16T10:00:00+01:00", 15min)).total ==
        money("0.00 DKK"));
  const auto s = statement(rules, support_ticket("2026-11-16T10:00:00+01:00", 15min + 1s));
  REQUIRE(s.lines.size() == 1);
  CHECK(s.lines[0].quantity == 16);  // per started minute
  CHECK(s.lines[0].amount == money("292.00 DKK"));
}

TEST_CASE("OneOffice threshold applies to the ticket's whole time, not to each entry") {
  auto in = one_ticket("support", {work("OO-2026-000001", "2026-11-16T10:00:00+01:00", 10min),
                                   work("OO-2026-000001", "2026-11-17T10:00:00+01:00", 10min)});
  const auto s = statement(oneoffice_rules(), in);
  REQUIRE(s.lines.size() == 1);
  CHECK(s.lines[0].quantity == 20);
  CHECK(s.lines[0].amount == money("365.00 DKK"));
}

TEST_CASE("out of hours by start: Friday after 15:00, weekends and Danish holidays") {
  auto rules = oneoffice_rules();
  for (const char* start : {"2026-11-20T15:00:00+01:00", "2026-11-21T10:00:00+01:00",
                            "2026-12-25T10:00:00+01:00", "2026-11-17T07:59:00+01:00"}) {
    CAPTURE(start);
    auto in = support_ticket(start, 30min);
    in.period = StatementPeriod{civil_date("2026-11-01"), civil_date("2026-12-31")};
    CHECK(statement(rules, in).subtotal == money("1,095.00 DKK"));
  }
  auto in = support_ticket("2026-11-20T14:59:00+01:00", 30min);  // started inside: no surcharge
  CHECK(statement(rules, in).subtotal == money("547.50 DKK"));
}

TEST_CASE("out of hours per minute: only the minutes outside normal hours carry the surcharge") {
  auto rules = oneoffice_rules();
  rules.out_of_hours->mode = tierdesk::OutOfHours::Mode::per_minute;
  const auto s = statement(rules, support_ticket("2026-11-16T15:45:00+01:00", 30min));
  REQUIRE(s.lines.size() == 2);
  CHECK(s.lines[0].quantity == 15);
  CHECK(s.lines[0].amount == money("273.75 DKK"));
  CHECK(s.lines[1].quantity == 15);
  CHECK(s.lines[1].amount == money("547.50 DKK"));
  CHECK(s.subtotal == money("821.25 DKK"));
}

TEST_CASE("a category can opt out of the out-of-hours surcharge") {
  auto rules = oneoffice_rules();
  rules.categories[0].out_of_hours_surcharge = false;
  CHECK(statement(rules, support_ticket("2026-11-16T19:00:00+01:00", 30min)).subtotal ==
        money("547.50 DKK"));
}

TEST_CASE("threshold excess_only bills what exceeds the limit") {
  auto rules = oneoffice_rules();
  rules.categories[0].threshold = {IncludedThreshold::Mode::excess_only, 15min};
  const auto s = statement(rules, support_ticket("2026-11-16T10:00:00+01:00", 25min));
  REQUIRE(s.lines.size() == 2);
  CHECK(s.lines[0].quantity == 10);
  CHECK(s.lines[0].amount == money("182.50 DKK"));
  CHECK(s.lines[1].kind == LineKind::included);
  CHECK(s.lines[1].quantity == 15);
}

TEST_CASE("threshold excess_only frees the earliest minutes: the night part stays billed") {
  auto rules = oneoffice_rules();
  rules.categories[0].threshold = {IncludedThreshold::Mode::excess_only, 15min};
  auto in = one_ticket("support", {work("OO-2026-000001", "2026-11-16T10:00:00+01:00", 10min),
                                   work("OO-2026-000001", "2026-11-16T20:00:00+01:00", 10min)});
  const auto s = statement(rules, in);
  REQUIRE(s.lines.size() == 2);
  CHECK(s.lines[0].quantity == 5);
  CHECK(s.lines[0].amount == money("182.50 DKK"));  // 5 min at 2,190 DKK/h
}

TEST_CASE("threshold first_n_free frees the first minutes of every entry") {
  auto rules = oneoffice_rules();
  rules.categories[0].threshold = {IncludedThreshold::Mode::first_n_free, 5min};
  auto in = one_ticket("support", {work("OO-2026-000001", "2026-11-16T10:00:00+01:00", 10min),
                                   work("OO-2026-000001", "2026-11-17T10:00:00+01:00", 3min),
                                   work("OO-2026-000001", "2026-11-18T10:00:00+01:00", 12min)});
  const auto s = statement(rules, in);
  REQUIRE(s.lines.size() == 2);
  CHECK(s.lines[0].quantity == 12);  // 5 + 0 + 7
  CHECK(s.lines[0].amount == money("219.00 DKK"));
  CHECK(s.lines[1].quantity == 13);
}

TEST_CASE("rounding per started hour per ticket (1&1 time-based set-up)") {
  auto rules = oneoffice_rules();
  rules.categories[1].rounding = Rounding{60min, 0s, Rounding::Scope::per_ticket};
  auto in = one_ticket("project",
                       {work("OO-2026-000001", "2026-11-16T09:00:00+01:00", 40min, Role::project),
                        work("OO-2026-000001", "2026-11-17T09:00:00+01:00", 21min, Role::project)});
  const auto s = statement(rules, in);
  REQUIRE(s.lines.size() == 1);
  CHECK(s.lines[0].quantity == 120);
  CHECK(s.lines[0].amount == money("2,990.00 DKK"));
}

TEST_CASE("rounding up to 15-minute steps per entry with a 30-minute minimum charge") {
  auto rules = oneoffice_rules();
  rules.categories[1].rounding = Rounding{15min, 30min, Rounding::Scope::per_entry};
  auto in = one_ticket("project",
                       {work("OO-2026-000001", "2026-11-16T09:00:00+01:00", 10min, Role::project),
                        work("OO-2026-000001", "2026-11-17T09:00:00+01:00", 31min, Role::project)});
  const auto s = statement(rules, in);
  REQUIRE(s.lines.size() == 1);
  CHECK(s.lines[0].quantity == 75);  // 10 → 15 → minimum 30; 31 → 45
  CHECK(s.lines[0].amount == money("1,868.75 DKK"));
}

TEST_CASE("a minimum charge per ticket tops up short billed work") {
  auto rules = oneoffice_rules();
  rules.categories[1].rounding = Rounding{60s, 30min, Rounding::Scope::per_ticket};
  const auto s =
      statement(rules, one_ticket("project", {work("OO-2026-000001", "2026-11-16T09:00:00+01:00",
                                                   4min, Role::project)}));
  REQUIRE(s.lines.size() == 1);
  CHECK(s.lines[0].quantity == 30);
  CHECK(s.lines[0].amount == money("747.50 DKK"));
}

TEST_CASE("rates by role and kind: the most specific one wins") {
  auto rules = oneoffice_rules();
  rules.rates.push_back({Role::support, WorkKind::phone, money("900.00 DKK")});
  rules.rates.push_back({std::nullopt, WorkKind::travel, money("600.00 DKK")});
  CHECK(*tierdesk::hourly_rate(rules, Role::support, WorkKind::phone) == money("900.00 DKK"));
  CHECK(*tierdesk::hourly_rate(rules, Role::support, WorkKind::remote) == money("1,095.00 DKK"));
  CHECK(*tierdesk::hourly_rate(rules, Role::senior, WorkKind::phone) == money("1,895.00 DKK"));
  CHECK(*tierdesk::hourly_rate(rules, Role::support, WorkKind::travel) == money("1,095.00 DKK"));
  rules.rates = {{std::nullopt, WorkKind::travel, money("600.00 DKK")}};
  CHECK(*tierdesk::hourly_rate(rules, Role::project, WorkKind::travel) == money("600.00 DKK"));
  auto missing = tierdesk::hourly_rate(rules, Role::project, WorkKind::remote);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code() == Errc::not_found);
  CHECK(missing.error().message() == "rates: no hourly rate for role project, kind remote");
}

TEST_CASE("validate names the field at fault") {
  auto rules = oneoffice_rules();
  rules.rates[1].per_hour = money("1,495.00 EUR");
  auto bad = tierdesk::validate(rules);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code() == Errc::currency_mismatch);
  CHECK(bad.error().message() == "rates[1].per_hour: got EUR, expected DKK");

  rules = oneoffice_rules();
  rules.categories[0].rounding = Rounding{90s, 0s, Rounding::Scope::per_entry};
  CHECK(tierdesk::validate(rules).error().message() ==
        "categories[\"support\"].rounding.step: got \"90 s\", expected a positive whole number of "
        "minutes");

  rules = oneoffice_rules();
  rules.categories.push_back(rules.categories[0]);
  CHECK(tierdesk::validate(rules).error().code() == Errc::conflict);

  rules = oneoffice_rules();
  rules.categories.push_back({"bundle", tierdesk::Treatment::contingent, {}});
  CHECK(tierdesk::validate(rules).error().code() == Errc::missing_field);

  rules = oneoffice_rules();
  rules.vat = tierdesk::BasisPoints{12000};
  CHECK(tierdesk::validate(rules).error().message() == "vat: got \"120 %\", expected 0 % to 100 %");
}
