// Statements: line order, treatments, fees, on-site days, VAT, determinism and errors.
#include <doctest/doctest.h>

#include <algorithm>

#include "contract/statement_assembly.hpp"
#include "billing_fixtures.hpp"
#include "tierdesk/billing/statement.hpp"

using namespace billing_test;
using tierdesk::Errc;
using tierdesk::LineKind;
using tierdesk::LineUnit;
using tierdesk::Role;
using tierdesk::StatementInput;
using tierdesk::StatementPeriod;
using tierdesk::Treatment;
using tierdesk::WorkKind;

namespace {

constexpr auto november = std::chrono::year{2026} / std::chrono::November;

// A month of OneOffice work over four tickets, given out of order on purpose.
StatementInput oneoffice_month() {
  StatementInput in;
  in.customer = "acme";
  in.period = StatementPeriod::month(november);
  in.tickets = {
      {"OO-2026-000003",
       "support",
       {work("OO-2026-000003", "2026-11-16T19:00:00+01:00", 30min)},
       {},
       false},
      {"OO-2026-000001",
       "support",
       {work("OO-2026-000001", "2026-11-16T10:00:00+01:00", 30min),
        work("OO-2026-000001", "2026-10-31T10:00:00+01:00", 60min),   // October: not billed
        work("OO-2026-000001", "2026-12-01T00:00:00+01:00", 60min)},  // December: not billed
       {},
       false},
      {"OO-2026-000002",
       "support",
       {work("OO-2026-000002", "2026-11-17T09:00:00+01:00", 11min)},
       {},
       false},
      {"OO-2026-000004",
       "support",
       {work("OO-2026-000004", "2026-11-18T09:00:00+01:00", 25min)},
       {{"on_call_non_critical", at("2026-11-18T06:30:00+01:00")}},
       false},
  };
  return in;
}

}  // namespace

TEST_CASE("a OneOffice month: lines by ticket, amounts to the øre, VAT on the subtotal") {
  const auto s = statement(oneoffice_rules(), oneoffice_month());
  CHECK(s.customer == "acme");
  REQUIRE(s.lines.size() == 5);
  CHECK(s.lines[0].text == "OO-2026-000001 support: support, remote");
  CHECK(s.lines[0].amount == money("547.50 DKK"));
  CHECK(s.lines[1].text == "OO-2026-000002 support: included (all_if_over 15 min)");
  CHECK(s.lines[1].amount == money("0.00 DKK"));
  CHECK(s.lines[2].amount == money("1,095.00 DKK"));
  CHECK(s.lines[3].text == "OO-2026-000004 support: support, remote");
  CHECK(s.lines[3].amount == money("456.25 DKK"));
  CHECK(s.lines[4].kind == LineKind::fee);
  CHECK(s.lines[4].amount == money("1,000.00 DKK"));
  CHECK(s.subtotal == money("3,098.75 DKK"));
  CHECK(s.vat_rate == tierdesk::BasisPoints{2500});
  CHECK(s.vat == money("774.69 DKK"));  // 774.6875
  CHECK(s.total == money("3,873.44 DKK"));
}

TEST_CASE("statements do not depend on the order tickets and entries come in") {
  auto in = oneoffice_month();
  const auto expected = statement(oneoffice_rules(), in);
  std::reverse(in.tickets.begin(), in.tickets.end());
  for (auto& t : in.tickets) std::reverse(t.work.begin(), t.work.end());
  const auto again = statement(oneoffice_rules(), in);
  CHECK(again.lines == expected.lines);
  CHECK(again.total == expected.total);
}

TEST_CASE("render_text prints one row per line and the totals") {
  const auto text = tierdesk::render_text(statement(oneoffice_rules(), oneoffice_month()));
  CHECK(text.find("Statement for acme, 2026-11-01 … 2026-11-30\n") == 0);
  CHECK(text.find("30 min × 1,095.00 DKK/h") != std::string::npos);
  CHECK(text.find("1 pc × 1,000.00 DKK") != std::string::npos);
  CHECK(text.find("3,873.44 DKK\n") != std::string::npos);
}

TEST_CASE("included, quote-required and fixed-price categories") {
  auto rules = oneoffice_rules();
  rules.categories.push_back({"licence", Treatment::included, {}});
  rules.categories.push_back({"change_request", Treatment::quote_required, {}});
  tierdesk::Category fixed{"password_reset", Treatment::fixed_price, {}};
  fixed.fixed_price = money("250.00 DKK");
  rules.categories.push_back(fixed);
  StatementInput in;
  in.period = StatementPeriod::month(november);
  in.tickets = {
      {"OO-1", "licence", {work("OO-1", "2026-11-16T10:00:00+01:00", 45min)}, {}, false},
      {"OO-2", "change_request", {work("OO-2", "2026-11-16T11:00:00+01:00", 2h)}, {}, false},
      {"OO-3", "password_reset", {work("OO-3", "2026-11-16T20:00:00+01:00", 50min)}, {}, false},
  };
  const auto s = statement(rules, in);
  REQUIRE(s.lines.size() == 3);
  CHECK(s.lines[0].kind == LineKind::included);
  CHECK(s.lines[0].quantity == 45);
  CHECK(s.lines[1].kind == LineKind::needs_quote);
  CHECK(s.lines[1].text == "OO-2 change_request: needs quote (no charge until quoted)");
  CHECK(s.lines[1].quantity == 120);
  CHECK(s.lines[1].amount == money("0.00 DKK"));
  CHECK(s.lines[2].kind == LineKind::fixed_price);
  CHECK(s.lines[2].amount == money("250.00 DKK"));
  CHECK(s.total == money("312.50 DKK"));
}

TEST_CASE("emergency surcharge when booked appointments are displaced: amount or percentage") {
  auto rules = oneoffice_rules();
  rules.emergency = tierdesk::EmergencySurcharge{std::nullopt, tierdesk::BasisPoints{5000}};
  auto in = oneoffice_month();
  in.tickets = {{"OO-9", "support", {work("OO-9", "2026-11-16T10:00:00+01:00", 25min)}, {}, true}};
  auto s = statement(rules, in);
  REQUIRE(s.lines.size() == 2);
  CHECK(s.lines[1].kind == LineKind::emergency);
  CHECK(s.lines[1].text == "OO-9 support: emergency surcharge +50 % (appointments displaced)");
  CHECK(s.lines[1].amount == money("228.13 DKK"));  // 456.25 / 2 = 228.125
  rules.emergency = tierdesk::EmergencySurcharge{money("500.00 DKK"), {}};
  s = statement(rules, in);
  REQUIRE(s.lines.size() == 2);
  CHECK(s.lines[1].amount == money("500.00 DKK"));
  CHECK(s.subtotal == money("956.25 DKK"));
}

TEST_CASE("1&1 on-site days: Mon–Fri 08–18 inside, evenings, weekends and holidays outside") {
  using namespace std::chrono;
  tierdesk::CalendarSpec spec;
  spec.zone = "Europe/Berlin";
  for (auto wd : {Monday, Tuesday, Wednesday, Thursday, Friday})
    spec.week[wd] = {local_hours("08:00", "18:00")};
  spec.holidays = *tierdesk::preset("DE");
  auto rules = oneoffice_rules();
  rules.currency = *tierdesk::Currency::of("EUR");
  rules.vat = tierdesk::BasisPoints{1900};
  rules.zone = *tierdesk::Zone::locate("Europe/Berlin");
  rules.rates = {{std::nullopt, std::nullopt, money("120.00 EUR")}};
  rules.fees.clear();
  rules.out_of_hours.reset();
  rules.on_site_days = tierdesk::OnSiteDayRates{money("1,200.00 EUR"), money("1,800.00 EUR"),
                                                *tierdesk::Calendar::compile(spec)};
  StatementInput in;
  in.period = StatementPeriod::month(november);
  const auto on_site = [](std::string_view start, std::chrono::seconds d) {
    return work("CP-1", start, d, Role::support, WorkKind::on_site);
  };
  in.tickets = {{"CP-1",
                 "project",
                 {on_site("2026-11-16T09:00:00+01:00", 8h),  // Monday inside
                  on_site("2026-11-17T08:00:00+01:00", 4h),  // Tuesday inside
                  on_site("2026-11-17T14:00:00+01:00", 4h),  // same Tuesday, still inside
                  on_site("2026-11-18T16:00:00+01:00", 3h),  // Wednesday until 19:00: outside
                  on_site("2026-11-21T10:00:00+01:00", 2h),  // Saturday: outside
                  work("CP-1", "2026-11-19T10:00:00+01:00", 30min)},  // remote, per hour
                 {},
                 false}};
  const auto s = statement(rules, in);
  REQUIRE(s.lines.size() == 3);
  CHECK(s.lines[0].amount == money("60.00 EUR"));
  CHECK(s.lines[1].kind == LineKind::on_site_day);
  CHECK(s.lines[1].text == "CP-1 project: on-site day within working hours");
  CHECK(s.lines[1].quantity == 2);
  CHECK(s.lines[1].unit == LineUnit::day);
  CHECK(s.lines[1].amount == money("2,400.00 EUR"));
  CHECK(s.lines[2].quantity == 2);
  CHECK(s.lines[2].amount == money("3,600.00 EUR"));
  CHECK(s.vat == money("1,151.40 EUR"));
  CHECK(s.total == money("7,211.40 EUR"));
}

TEST_CASE("statement errors name the ticket and the value") {
  auto in = oneoffice_month();
  in.tickets[0].category = "unknown";
  auto s = tierdesk::build_statement(oneoffice_rules(), in);
  REQUIRE_FALSE(s);
  CHECK(s.error().code() == Errc::not_found);
  CHECK(s.error().message() ==
        "tickets[\"OO-2026-000003\"]: category: no billing rules for \"unknown\"");

  in = oneoffice_month();
  in.tickets[3].fees[0].code = "wrong";
  s = tierdesk::build_statement(oneoffice_rules(), in);
  CHECK(s.error().message() == "tickets[\"OO-2026-000004\"]: fees: no flat fee \"wrong\"");

  in = oneoffice_month();
  in.tickets[2].work[0].duration = 0s;
  s = tierdesk::build_statement(oneoffice_rules(), in);
  CHECK(s.error().message() ==
        "tickets[\"OO-2026-000002\"].work[0]: duration: got \"0 s\", expected more than 0 s and "
        "at most 24 h");

  in = oneoffice_month();
  in.period = {civil_date("2026-11-30"), civil_date("2026-11-01")};
  CHECK(tierdesk::build_statement(oneoffice_rules(), in).error().code() == Errc::invalid_interval);

  in = oneoffice_month();
  in.tickets.push_back(in.tickets[0]);
  CHECK(tierdesk::build_statement(oneoffice_rules(), in).error().message() ==
        "tickets: got \"OO-2026-000003\", expected each ticket reference once");

  auto rules = oneoffice_rules();
  rules.fees[0].amount = money("1,000.00 EUR");
  s = tierdesk::build_statement(rules, oneoffice_month());
  CHECK(s.error().code() == Errc::currency_mismatch);
  CHECK(s.error().message() == "rules: fees[\"on_call_non_critical\"]: got EUR, expected DKK");
}

TEST_CASE("a statement period is local dates: 00:00 Copenhagen starts November, not UTC") {
  StatementInput in;
  in.period = StatementPeriod::month(november);
  in.tickets = {{"OO-1",
                 "project",
                 {work("OO-1", "2026-10-31T23:30:00Z", 60min, Role::project),   // 1 Nov 00:30
                  work("OO-1", "2026-11-30T23:30:00Z", 60min, Role::project)},  // 1 Dec 00:30
                 {},
                 false}};
  const auto s = statement(oneoffice_rules(), in);
  REQUIRE(s.lines.size() == 1);
  CHECK(s.lines[0].quantity == 60);
  CHECK(s.lines[0].amount == money("2,990.00 DKK"));  // started at night: +100 %
}

TEST_CASE("to_json writes amounts as plain strings and the currency once") {
  auto in = oneoffice_month();
  in.tickets.resize(2);  // OO-2026-000003 (19:00) and OO-2026-000001
  const auto json = tierdesk::to_json(statement(oneoffice_rules(), in));
  INFO(json);
  CHECK(json.find("{\n  \"customer\": \"acme\",\n") == 0);
  CHECK(json.find(
            "\"period\": {\n    \"first\": \"2026-11-01\",\n    \"last\": \"2026-11-30\"\n  },") !=
        std::string::npos);
  CHECK(json.find(R"("currency": "DKK")") != std::string::npos);
  CHECK(json.find(R"(    {"kind":"time","text":"OO-2026-000001 support: support, remote",)"
                  R"("quantity":30,"unit":"min","unit_price":"1095.00","amount":"547.50",)"
                  R"("tickets":["OO-2026-000001"]},)") != std::string::npos);
  CHECK(json.find(R"("subtotal": "1642.50")") != std::string::npos);
  CHECK(json.find(R"("vat": "410.63")") != std::string::npos);
  CHECK(json.find(R"("total": "2053.13")") != std::string::npos);
}

namespace {

// Solutionbar with carry-over: 10 h a month, 20 h in the first three months, at most 12 h
// carried, carried time lasting 2 months; customer mueller since 2026-09-01 with an agreed
// schedule of 20 h in December and 8 h from January.
tierdesk::Contract carrying_contract() {
  tierdesk::BillingRules r;
  r.currency = *tierdesk::Currency::of("EUR");
  r.vat = tierdesk::BasisPoints{1900};
  r.zone = *tierdesk::Zone::locate("Europe/Berlin");
  r.rounding = {15min, 0s, tierdesk::Rounding::Scope::per_entry};
  r.contingent = tierdesk::ContingentPolicy{
      600min, 1200min, 3, tierdesk::CarryOver::up_to, 720min, money("120.00 EUR"), 2};
  r.categories = {{"support", Treatment::contingent, {}}};
  tierdesk::Contract c{.name = "Solutionbar", .billing = std::move(r)};
  using std::chrono::year;
  c.customers = {{.id = "mueller",
                  .start = civil_date("2026-09-01"),
                  .contingent_schedule = {{year{2026} / 12, 1200min}, {year{2027} / 1, 480min}}}};
  return c;
}

tierdesk::detail::CustomerRecords carrying_records() {
  tierdesk::Ticket t;
  t.ref = tierdesk::TicketRef::parse("SB-2026-000001").value();
  t.customer = "mueller";
  t.category = "support";
  t.created_at = at("2026-09-01T09:00:00+02:00");
  const std::string ref = t.ref.str();
  return {{t},
          {work(ref, "2026-09-02T08:00:00+02:00", 16h), work(ref, "2026-10-05T08:00:00+02:00", 10h),
           work(ref, "2026-11-03T06:00:00+01:00", 18h), work(ref, "2026-12-01T02:00:00+01:00", 20h),
           work(ref, "2026-12-10T08:00:00+01:00", 5h), work(ref, "2027-01-12T09:00:00+01:00", 2h),
           work(ref, "2027-02-09T09:00:00+01:00", 1h)},
          {}};
}

tierdesk::ContingentMonth chained(const tierdesk::Contract& c,
                                  const tierdesk::detail::CustomerRecords& records,
                                  std::chrono::year_month month) {
  auto s = tierdesk::detail::customer_statement(c, c.customers[0], month, records);
  if (!s) FAIL(s.error().message());
  REQUIRE(s->contingent);
  return *s->contingent;
}

}  // namespace

TEST_CASE("the contingent chain: schedule, carried lots, the cap and expiry from the history") {
  using std::chrono::year;
  using tierdesk::CarriedLot;
  const auto c = carrying_contract();
  const auto records = carrying_records();
  // Sep 20 h, 16 h used → 4 h of September carried. Oct 20 h + 4 h, 10 h used (September's 4 h
  // first) → 14 h left, capped at 12 h. Nov 20 h + 12 h, 18 h used → 14 h left, capped at 12 h.
  const auto nov = chained(c, records, year{2026} / 11);
  CHECK(nov.carried_lots == std::vector<CarriedLot>{{year{2026} / 10, 12h}});
  CHECK(nov.carry_out_lots == std::vector<CarriedLot>{{year{2026} / 11, 12h}});
  // December: the schedule's 20 h (the contract alone says 10 h) + November's 12 h; 25 h used,
  // November's 12 h first → 7 h of December's own left.
  const auto dec = chained(c, records, year{2026} / 12);
  CHECK(dec.allowance == 32h);
  CHECK(dec.used == 25h);
  CHECK(dec.remaining == 7h);
  CHECK(dec.expired == 0s);
  CHECK(dec.carry_out_lots == std::vector<CarriedLot>{{year{2026} / 12, 7h}});
  // January: 8 h + December's 7 h; 2 h used from December's → 5 h of December and 8 h of
  // January, 13 h capped at 12 h: the oldest hour goes.
  const auto jan = chained(c, records, year{2027} / 1);
  CHECK(jan.allowance == 15h);
  CHECK(jan.carry_out_lots == std::vector<CarriedLot>{{year{2026} / 12, 4h}, {year{2027} / 1, 8h}});
  // February: 8 h + 12 h carried; 1 h used from December's 4 h; December's other 3 h have had
  // their two months and expire; January's 8 h and February's 8 h are capped at 12 h.
  const auto feb = chained(c, records, year{2027} / 2);
  CHECK(feb.allowance == 20h);
  CHECK(feb.used == 1h);
  CHECK(feb.remaining == 19h);
  CHECK(feb.expired == 3h);
  CHECK(feb.carry_out_lots == std::vector<CarriedLot>{{year{2027} / 1, 4h}, {year{2027} / 2, 8h}});
  CHECK(feb.carry_out == 12h);
  auto s = tierdesk::detail::customer_statement(c, c.customers[0], year{2027} / 2, records);
  REQUIRE(s);
  CHECK(s->lines.back().text ==
        "hour contingent 2027-02: 1:00 h used of 20:00 h, 19:00 h left, 3:00 h carried over "
        "expired");

  // The same history in another order gives the same month.
  auto shuffled = records;
  std::reverse(shuffled.work.begin(), shuffled.work.end());
  CHECK(chained(c, shuffled, year{2027} / 2) == feb);

  // Time carried in by the contract file is a lot of the month before the chain starts.
  auto with_carried = c;
  with_carried.customers[0].carried_in = 3h;
  const auto sep = chained(with_carried, records, year{2026} / 9);
  CHECK(sep.carried_lots == std::vector<CarriedLot>{{year{2026} / 8, 3h}});
  CHECK(sep.allowance == 23h);
  CHECK(sep.carry_out_lots == std::vector<CarriedLot>{{year{2026} / 9, 7h}});
}
