// The monthly hour contingent (Solutionbar, seed 002), alone and inside a statement.
#include <doctest/doctest.h>

#include "billing_fixtures.hpp"
#include "tierdesk/contingent.hpp"
#include "tierdesk/statement.hpp"

using namespace billing_test;
using std::chrono::seconds;
using tierdesk::CarryOver;
using tierdesk::ContingentDraw;
using tierdesk::ContingentPolicy;
using tierdesk::Errc;
using tierdesk::LineKind;

namespace {

constexpr auto december = std::chrono::year{2026} / std::chrono::December;

// 10 hours a month, 20 in the first three months, up to 5 hours carried over, 120 EUR/h beyond.
ContingentPolicy solutionbar_policy() {
  return {600min, 1200min, 3, CarryOver::up_to, 300min, money("120.00 EUR")};
}

}  // namespace

TEST_CASE("allowance: a larger contingent in the first months of the contract") {
  const auto p = solutionbar_policy();
  const auto start = civil_date("2026-09-15");
  using std::chrono::year;
  CHECK(*tierdesk::allowance(p, start, year{2026} / 9) == 1200min);
  CHECK(*tierdesk::allowance(p, start, year{2026} / 11) == 1200min);
  CHECK(*tierdesk::allowance(p, start, year{2026} / 12) == 600min);
  CHECK(*tierdesk::allowance(p, start, year{2027} / 9) == 600min);
  auto before = tierdesk::allowance(p, start, year{2026} / 8);
  REQUIRE_FALSE(before);
  CHECK(before.error().message() ==
        "month: got \"2026-08\", expected a month from the contract start 2026-09-15 on");
}

TEST_CASE("run_month consumes in order of work and reports the exhaustion once") {
  const std::vector<ContingentDraw> draws = {
      {"SB-3", at("2026-12-17T10:00:00+01:00"), 3h},
      {"SB-1", at("2026-12-03T10:00:00+01:00"), 7h},
      {"SB-2", at("2026-12-10T10:00:00+01:00"), 5h},
  };
  const auto m =
      tierdesk::run_month(solutionbar_policy(), civil_date("2026-09-01"), december, 2h, draws);
  REQUIRE(m);
  CHECK(m->carried_in == 2h);
  CHECK(m->allowance == 12h);
  CHECK(m->used == 15h);
  CHECK(m->remaining == 0s);
  CHECK(m->overage == 3h);
  CHECK(m->overage_charge == money("360.00 EUR"));
  REQUIRE(m->exhausted);
  CHECK(*m->exhausted == tierdesk::Exhaustion{at("2026-12-10T10:00:00+01:00"), "SB-2"});
  CHECK(m->carry_out == 0s);
}

TEST_CASE("a month that stays within the contingent has no exhaustion event") {
  const std::vector<ContingentDraw> draws = {{"SB-1", at("2026-12-03T10:00:00+01:00"), 4h}};
  auto m = tierdesk::run_month(solutionbar_policy(), civil_date("2026-09-01"), december, 0s, draws);
  REQUIRE(m);
  CHECK_FALSE(m->exhausted);
  CHECK(m->remaining == 6h);
  CHECK(m->overage == 0s);
  CHECK(m->overage_charge == money("0.00 EUR"));
  CHECK(m->carry_out == 5h);  // carry at most 5 hours
}

TEST_CASE("carry-over policies: expire, up to a limit, all") {
  const std::vector<ContingentDraw> draws = {{"SB-1", at("2026-12-03T10:00:00+01:00"), 4h}};
  auto p = solutionbar_policy();
  const auto carry = [&](CarryOver policy) {
    p.carry_over = policy;
    return tierdesk::run_month(p, civil_date("2026-09-01"), december, 0s, draws)->carry_out;
  };
  CHECK(carry(CarryOver::expire) == 0s);
  CHECK(carry(CarryOver::up_to) == 5h);
  CHECK(carry(CarryOver::all) == 6h);
}

TEST_CASE("validate rejects negative hours and rates, naming the field") {
  auto p = solutionbar_policy();
  p.monthly = -1min;
  CHECK(tierdesk::validate(p).error().message() ==
        "contingent.monthly: got \"-1 min\", expected zero or more minutes");
  p = solutionbar_policy();
  p.start_phase_months = -2;
  CHECK(tierdesk::validate(p).error().code() == Errc::invalid_argument);
  CHECK(tierdesk::run_month(solutionbar_policy(), civil_date("2026-09-01"), december, -1s, {})
            .error()
            .code() == Errc::invalid_argument);
}

namespace {

// Solutionbar: support drawn from the contingent in 15-minute steps per entry, the service
// fee due in advance on the 1st, VAT 19 %.
tierdesk::BillingRules solutionbar_rules() {
  tierdesk::BillingRules r;
  r.currency = *tierdesk::Currency::of("EUR");
  r.vat = tierdesk::BasisPoints{1900};
  r.zone = *tierdesk::Zone::locate("Europe/Berlin");
  r.rates = {{std::nullopt, std::nullopt, money("120.00 EUR")}};
  r.rounding = {15min, 0s, tierdesk::Rounding::Scope::per_entry};
  r.contingent = solutionbar_policy();
  r.emergency = tierdesk::EmergencySurcharge{money("150.00 EUR"), {}};
  r.categories = {{"support", tierdesk::Treatment::contingent, {}},
                  {"project", tierdesk::Treatment::billable, {}}};
  return r;
}

tierdesk::StatementInput solutionbar_december() {
  tierdesk::StatementInput in;
  in.customer = "mueller-gmbh";
  in.period = tierdesk::StatementPeriod::month(december);
  in.contingent = tierdesk::ContingentAccount{civil_date("2026-09-01"), 0s};
  in.subscription = tierdesk::Subscription{
      "Servicevertrag", money("890.00 EUR"), 1, civil_date("2026-09-01"), 0, std::nullopt};
  in.tickets = {
      {"SB-2",
       "support",
       {work("SB-2", "2026-12-09T09:00:00+01:00", 3h),
        work("SB-2", "2026-12-16T09:00:00+01:00", 130min)},  // 2 h 10 → 2 h 15
       {},
       true},
      {"SB-1", "support", {work("SB-1", "2026-12-02T09:00:00+01:00", 6h)}, {}, false},
  };
  return in;
}

}  // namespace

TEST_CASE("Solutionbar December: contingent drawn, exhausted, overage billed at month end") {
  const auto s = statement(solutionbar_rules(), solutionbar_december());
  REQUIRE(s.lines.size() == 6);
  CHECK(s.lines[0].kind == LineKind::contingent);
  CHECK(s.lines[0].text == "SB-1 support: drawn from the hour contingent");
  CHECK(s.lines[0].quantity == 360);
  CHECK(s.lines[1].text == "SB-2 support: drawn from the hour contingent");
  CHECK(s.lines[1].quantity == 315);
  CHECK(s.lines[2].kind == LineKind::emergency);
  CHECK(s.lines[2].amount == money("150.00 EUR"));
  CHECK(s.lines[3].text == "hour contingent 2026-12: 11:15 h used of 10:00 h, 0:00 h left");
  CHECK(s.lines[3].tickets == std::vector<std::string>{"SB-1", "SB-2"});
  CHECK(s.lines[4].kind == LineKind::overage);
  CHECK(s.lines[4].quantity == 75);
  CHECK(s.lines[4].unit_price == money("120.00 EUR"));
  CHECK(s.lines[4].amount == money("150.00 EUR"));
  CHECK(s.lines[5].kind == LineKind::subscription);
  CHECK(s.lines[5].text == "Servicevertrag 2026-12-01 … 2026-12-31 (due 2026-12-01)");
  CHECK(s.lines[5].amount == money("890.00 EUR"));
  CHECK(s.subtotal == money("1,190.00 EUR"));
  CHECK(s.vat == money("226.10 EUR"));
  CHECK(s.total == money("1,416.10 EUR"));
  REQUIRE(s.contingent);
  REQUIRE(s.contingent->exhausted);
  CHECK(*s.contingent->exhausted == tierdesk::Exhaustion{at("2026-12-16T09:00:00+01:00"), "SB-2"});
  const auto json = tierdesk::to_json(s);
  INFO(json);
  CHECK(json.find("\"used_minutes\": 675,\n") != std::string::npos);
  CHECK(json.find("\"overage_minutes\": 75,\n") != std::string::npos);
  CHECK(json.find("\"overage_charge\": \"150.00\",\n") != std::string::npos);
  CHECK(json.find(R"("exhausted": {"at":"2026-12-16T08:00:00Z","ticket":"SB-2"})") !=
        std::string::npos);
}

TEST_CASE("a contingent needs an account and a whole calendar month") {
  auto in = solutionbar_december();
  in.contingent.reset();
  auto s = tierdesk::build_statement(solutionbar_rules(), in);
  REQUIRE_FALSE(s);
  CHECK(s.error().code() == Errc::missing_field);
  in = solutionbar_december();
  in.period = {civil_date("2026-12-01"), civil_date("2026-12-15")};
  s = tierdesk::build_statement(solutionbar_rules(), in);
  REQUIRE_FALSE(s);
  CHECK(s.error().message() ==
        "period: got \"2026-12-01 … 2026-12-15\", expected one calendar month for a contract with "
        "an hour contingent");
}
