// The monthly hour contingent (Solutionbar, seed 002), alone and inside a statement.
#include <doctest/doctest.h>

#include "billing_fixtures.hpp"
#include "tierdesk/billing/contingent.hpp"
#include "tierdesk/billing/statement.hpp"

using namespace billing_test;
using std::chrono::seconds;
using tierdesk::CarriedLot;
using tierdesk::CarryOver;
using tierdesk::ContingentAccount;
using tierdesk::ContingentDraw;
using tierdesk::ContingentPolicy;
using tierdesk::ContingentStep;
using tierdesk::Errc;
using tierdesk::LineKind;

namespace {

constexpr auto october = std::chrono::year{2026} / std::chrono::October;
constexpr auto november = std::chrono::year{2026} / std::chrono::November;
constexpr auto december = std::chrono::year{2026} / std::chrono::December;
constexpr auto january = std::chrono::year{2027} / std::chrono::January;

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

TEST_CASE("a customer's schedule: 20 h in the start phase and December, 8 h from January") {
  const auto p = solutionbar_policy();  // the contract: 20 h for 3 months, then 10 h
  const auto start = civil_date("2026-09-01");
  const std::vector<ContingentStep> schedule = {{std::chrono::year{2026} / 9, 1200min},
                                                {january, 480min}};
  using std::chrono::year;
  CHECK(*tierdesk::allowance(p, start, schedule, year{2026} / 9) == 1200min);
  CHECK(*tierdesk::allowance(p, start, schedule, december) == 1200min);  // the policy: 10 h
  CHECK(*tierdesk::allowance(p, start, schedule, january) == 480min);
  CHECK(*tierdesk::allowance(p, start, schedule, year{2028} / 6) == 480min);
  // Before the first step the contract's policy decides: start phase, then monthly.
  const std::vector<ContingentStep> later = {{year{2027} / 3, 480min}};
  CHECK(*tierdesk::allowance(p, start, later, november) == 1200min);
  CHECK(*tierdesk::allowance(p, start, later, year{2027} / 2) == 600min);
  CHECK(*tierdesk::allowance(p, start, later, year{2027} / 3) == 480min);
  CHECK_FALSE(tierdesk::allowance(p, start, later, year{2026} / 8));

  // January: 8 h, 9 h drawn → 1 h overage at 120.00 EUR/h, used up by the second draw.
  const std::vector<ContingentDraw> draws = {{"SB-1", at("2027-01-05T10:00:00+01:00"), 5h},
                                             {"SB-2", at("2027-01-12T10:00:00+01:00"), 4h}};
  const auto m = tierdesk::run_month(p, ContingentAccount{start, 0s, schedule, {}}, january, draws);
  REQUIRE(m);
  CHECK(m->allowance == 8h);
  CHECK(m->overage == 1h);
  CHECK(m->overage_charge == money("120.00 EUR"));
  CHECK(m->exhausted->ticket == "SB-2");
}

TEST_CASE("carried time is used oldest first and expires after carry_months") {
  // 10 h a month, everything carries over, carried time lasts 2 months.
  ContingentPolicy p{600min, 0min, 0, CarryOver::all, 0min, money("120.00 EUR"), 2};
  const auto start = civil_date("2026-01-01");
  // December, carried in 3 h from October (last month: December) and 4 h from November; 2 h
  // and 4 h drawn. Oldest first: October's 3 h, then 3 h of November's; nothing expires.
  // (Newest first would have left 1 h of October's to expire.)
  const std::vector<ContingentDraw> draws = {{"SB-1", at("2026-12-03T10:00:00+01:00"), 2h},
                                             {"SB-2", at("2026-12-10T10:00:00+01:00"), 4h}};
  auto dec = tierdesk::run_month(
      p, ContingentAccount{start, 0s, {}, {{november, 4h}, {october, 3h}}}, december, draws);
  REQUIRE(dec);
  CHECK(dec->carried_lots == std::vector<CarriedLot>{{october, 3h}, {november, 4h}});
  CHECK(dec->carried_in == 7h);
  CHECK(dec->allowance == 17h);
  CHECK(dec->used == 6h);
  CHECK(dec->remaining == 11h);
  CHECK(dec->expired == 0s);
  CHECK(dec->carry_out_lots == std::vector<CarriedLot>{{november, 1h}, {december, 10h}});
  CHECK(dec->carry_out == 11h);
  CHECK(dec->carry_months == 2);
  CHECK(tierdesk::usable_until(dec->carry_out_lots[0], 2) == january);

  // January, nothing drawn: November's 1 h has had its two months and expires.
  auto jan =
      tierdesk::run_month(p, ContingentAccount{start, 0s, {}, dec->carry_out_lots}, january, {});
  REQUIRE(jan);
  CHECK(jan->allowance == 21h);
  CHECK(jan->remaining == 21h);
  CHECK(jan->expired == 1h);
  CHECK(jan->carry_out_lots == std::vector<CarriedLot>{{december, 10h}, {january, 10h}});
  CHECK(jan->carry_out == 20h);

  // December again with only 1 h drawn: 2 h of October's are left and expire at its end.
  auto idle = tierdesk::run_month(
      p, ContingentAccount{start, 0s, {}, {{october, 3h}, {november, 4h}}}, december,
      std::vector<ContingentDraw>{{"SB-1", at("2026-12-03T10:00:00+01:00"), 1h}});
  REQUIRE(idle);
  CHECK(idle->expired == 2h);
  CHECK(idle->remaining == 16h);
  CHECK(idle->carry_out_lots == std::vector<CarriedLot>{{november, 4h}, {december, 10h}});
}

TEST_CASE("up_to caps the total carried, keeping the newest time") {
  // 4 h a month, at most 5 h carried in all, carried time lasts 2 months.
  ContingentPolicy p{240min, 0min, 0, CarryOver::up_to, 300min, money("120.00 EUR"), 2};
  // December: 1 h from October, 3 h from November, 4 h own; 30 min drawn from October's lot.
  // October's other 30 min expire; November's 3 h and December's 4 h are 7 h, 2 h over the
  // limit: the cap takes 2 h of November's (the oldest).
  const std::vector<ContingentDraw> draws = {{"SB-1", at("2026-12-03T10:00:00+01:00"), 30min}};
  auto m = tierdesk::run_month(
      p, ContingentAccount{civil_date("2026-01-01"), 0s, {}, {{october, 1h}, {november, 3h}}},
      december, draws);
  REQUIRE(m);
  CHECK(m->allowance == 8h);
  CHECK(m->remaining == 450min);
  CHECK(m->expired == 30min);
  CHECK(m->carry_out_lots == std::vector<CarriedLot>{{november, 1h}, {december, 4h}});
  CHECK(m->carry_out == 5h);

  // Without carry_months nothing expires: the cap alone leaves 5 h, the newest.
  p.carry_months = 0;
  m = tierdesk::run_month(
      p, ContingentAccount{civil_date("2026-01-01"), 0s, {}, {{october, 1h}, {november, 3h}}},
      december, draws);
  REQUIRE(m);
  CHECK(m->expired == 0s);
  CHECK(m->carry_out_lots == std::vector<CarriedLot>{{november, 1h}, {december, 4h}});
  CHECK(m->carry_out == 5h);
  // carried_in alone is one lot of the month before.
  m = tierdesk::run_month(p, civil_date("2026-01-01"), december, 2h, {});
  REQUIRE(m);
  CHECK(m->carried_lots == std::vector<CarriedLot>{{november, 2h}});
  CHECK(m->carry_out_lots == std::vector<CarriedLot>{{november, 1h}, {december, 4h}});
}

TEST_CASE("schedule, carried lots and carry_months: errors name the field and value") {
  ContingentPolicy p = solutionbar_policy();
  p.carry_over = CarryOver::expire;
  p.carry_months = 2;
  CHECK(tierdesk::validate(p).error().message() ==
        "contingent.carry_months: got \"2\", expected 0 when what is left expires at month end "
        "(carry_over expire)");
  p.carry_over = CarryOver::all;
  CHECK(tierdesk::validate(p));
  p.carry_months = -1;
  CHECK(tierdesk::validate(p).error().code() == Errc::invalid_argument);
  p.carry_months = 2;

  const std::vector<ContingentStep> backwards = {{january, 480min}, {december, 600min}};
  CHECK(tierdesk::validate(backwards).error().message() ==
        "contingent[1].from: got \"2026-12\", expected a month after 2027-01");
  const std::vector<ContingentStep> negative = {{january, -1min}};
  CHECK(tierdesk::validate(negative).error().message() ==
        "contingent[0].monthly: got \"-1 min\", expected zero or more minutes");
  const auto start = civil_date("2026-09-01");
  CHECK(tierdesk::run_month(p, ContingentAccount{start, 0s, backwards, {}}, january, {})
            .error()
            .message() == "contingent[1].from: got \"2026-12\", expected a month after 2027-01");

  const auto error_of = [&](std::vector<CarriedLot> lots) {
    return tierdesk::run_month(p, ContingentAccount{start, 0s, {}, std::move(lots)}, december, {})
        .error()
        .message();
  };
  CHECK(error_of({{std::chrono::year{2026} / 9, 1h}}) ==
        "carried[0].from: got \"2026-09\", expected a month from 2026-10 on: carried time "
        "expires after 2 month(s)");
  CHECK(error_of({{october, 1h}, {december, 1h}}) ==
        "carried[1].from: got \"2026-12\", expected a month before 2026-12");
  CHECK(error_of({{october, -1s}}) == "carried[0].time: got \"-1 s\", expected zero or more");
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
  CHECK(json.find("carry_months") == std::string::npos);  // carried time never expires here
  CHECK(json.find("expired") == std::string::npos);
}

TEST_CASE("a statement says how much carried time expired; its JSON lists the lots") {
  auto rules = solutionbar_rules();  // up to 5 h carried over
  rules.contingent->carry_months = 2;
  tierdesk::StatementInput in;
  in.customer = "mueller-gmbh";
  in.period = tierdesk::StatementPeriod::month(december);
  in.contingent =
      ContingentAccount{civil_date("2026-09-01"), 0s, {}, {{october, 2h}, {november, 3h}}};
  in.tickets = {{"SB-1", "support", {work("SB-1", "2026-12-02T09:00:00+01:00", 1h)}, {}, false}};
  // 10 h own + 5 h carried; the 1 h drawn uses half of October's 2 h, the other hour expires
  // with December. November's 3 h and December's 10 h are capped at 5 h: December's newest 5 h.
  const auto s = statement(rules, in);
  REQUIRE(s.lines.size() == 2);
  CHECK(s.lines[1].text ==
        "hour contingent 2026-12: 1:00 h used of 15:00 h, 14:00 h left, 1:00 h carried over "
        "expired");
  REQUIRE(s.contingent);
  CHECK(s.contingent->expired == 1h);
  CHECK(s.contingent->carry_out_lots == std::vector<CarriedLot>{{december, 5h}});
  CHECK(s.total == money("0.00 EUR"));
  const auto json = tierdesk::to_json(s);
  INFO(json);
  CHECK(json.find("\"carry_months\": 2,\n") != std::string::npos);
  CHECK(json.find(
            R"("carried_in_lots": [{"from":"2026-10","minutes":120,"usable_until":"2026-12"},)"
            R"({"from":"2026-11","minutes":180,"usable_until":"2027-01"}],)") != std::string::npos);
  CHECK(json.find("\"expired_minutes\": 60,\n") != std::string::npos);
  CHECK(json.find(
            R"("carry_out_lots": [{"from":"2026-12","minutes":300,"usable_until":"2027-02"}])") !=
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
