// The whole-contract format: the five provider presets in examples/contracts/ load, say what
// their seeds say, and errors in the desk fields name the JSON path and the value.
#include <doctest/doctest.h>

#include <string>

#include "billing_fixtures.hpp"
#include "tierdesk/contract/contract.hpp"
#include "tierdesk/service/contract_book.hpp"

using namespace billing_test;
using tierdesk::Contract;
using tierdesk::Errc;

namespace {

const std::string presets = std::string(TIERDESK_SOURCE_DIR) + "/examples/contracts";

Contract preset(const std::string& name) {
  auto c = tierdesk::load_contract_file(presets + "/" + name + ".json");
  if (!c) FAIL(c.error().message());
  return *c;
}

const std::string minimal = R"({
  "name": "Desk", "id": "desk", "prefix": "DK",
  "calendars": {"office": {"name": "office", "zone": "Europe/Copenhagen",
                           "week": {"mon": [["08:00", "16:00"]]}}},
  "sla": {"name": "desk", "priorities": ["critical", "normal"], "default_priority": "normal",
          "targets": [{"priority": "normal", "calendar": "office", "response": "4h"}]},
  "categories": [{"name": "support", "treatment": "billable", "priority": "normal", "tier": 2},
                 {"name": "project", "treatment": "billable", "sla": false}],
  "fee_rules": [{"fee": "on_call", "channel": "on-call", "unless_priorities": ["critical"]}],
  "billing": {"currency": "DKK", "vat": "25 %", "rates": [{"per_hour": "100.00"}],
              "out_of_hours": {"surcharge": "100 %", "calendar": "office"},
              "fees": [{"code": "on_call", "text": "on-call", "amount": "1000.00"}]},
  "customers": [{"id": "acme", "name": "Acme", "contact": "bo", "team": "desk",
                 "start": "2026-01-01"}]
})";

std::string edited(std::string_view from, std::string_view to) {
  std::string text = minimal;
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::string error_of(const std::string& json) {
  auto c = tierdesk::parse_contract(json);
  REQUIRE_FALSE(c);
  return std::string(to_string(c.error().code())) + " " + c.error().message();
}

// `minimal` with a 10 h contingent (20 h in the first 3 months) and customer acme's
// "contingent": `schedule`.
std::string with_schedule(std::string_view schedule) {
  std::string text = minimal;
  const std::string fees = R"("amount": "1000.00"}]})";
  text.replace(text.find(fees), fees.size(),
               R"("amount": "1000.00"}], "contingent": {"monthly_minutes": 600,
                  "start_phase_minutes": 1200, "start_phase_months": 3,
                  "overage_per_hour": "120.00"}})");
  const std::string start = R"("start": "2026-01-01")";
  text.replace(text.find(start), start.size(),
               std::string(start) + R"(, "contingent": )" + std::string(schedule));
  return text;
}

}  // namespace

TEST_CASE("the five presets load from examples/contracts") {
  auto all = tierdesk::load_contract_dir(presets);
  if (!all) FAIL(all.error().message());
  REQUIRE(all->size() == 5);
  // In file-name order.
  CHECK((*all)[0].id == "1und1-cloudpbx");
  CHECK((*all)[1].id == "meinofficeplus");
  CHECK((*all)[2].id == "oneoffice");
  CHECK((*all)[3].id == "roewaplan");
  CHECK((*all)[4].id == "solutionbar");
  auto book = tierdesk::ContractBook::make(*all);
  REQUIRE(book);
  auto found = book->customer("mueller");
  REQUIRE(found);
  CHECK(found->contract->prefix == "SB");
  CHECK(found->customer->lead == "petra");
  CHECK(book->customer("nobody").error().message() ==
        "customer: got \"nobody\", expected a customer of the contracts");
  CHECK((*book->contract("roewaplan"))->name == (*all)[3].name);
}

TEST_CASE("oneoffice.json: normal hours, on-call, SLA matrix, rates, fee rule") {
  const Contract c = preset("oneoffice");
  CHECK(c.prefix == "OO");
  REQUIRE(c.calendars.size() == 2);
  const auto& office = c.calendars.at("office");
  CHECK(office.is_open(at("2026-11-20T14:59:00+01:00")));   // Friday 08-15
  CHECK_FALSE(office.is_open(at("2026-11-20T15:00:00+01:00")));
  CHECK(c.calendars.at("oncall").is_open(at("2026-11-22T03:00:00+01:00")));
  REQUIRE(c.sla);
  CHECK(c.sla->spec().priorities ==
        std::vector<std::string>{"critical", "high", "medium", "normal", "low"});
  CHECK(c.sla->target(tierdesk::Metric::resolution, c.sla->priority_index("high"), -1).within ==
        2h);
  CHECK(c.sla->target(tierdesk::Metric::response, c.sla->priority_index("low"), -1).within == 24h);
  CHECK(c.billing.rates[0].per_hour == money("1,095.00 DKK"));
  CHECK(c.billing.rates[2].per_hour == money("1,895.00 DKK"));
  CHECK(c.billing.out_of_hours->surcharge == tierdesk::BasisPoints{10000});
  CHECK(c.billing.categories[0].threshold.limit == 15min);
  REQUIRE(c.fee_rules.size() == 1);
  CHECK(c.fee_rules[0].channel == tierdesk::Channel::on_call);
  CHECK(c.fee_rules[0].unless_priorities == std::vector<std::string>{"critical"});
  CHECK((*tierdesk::find_fee(c.billing, "on_call_non_critical"))->amount ==
        money("1,000.00 DKK"));
  const auto* project = *tierdesk::find_category(c.billing, "project");
  CHECK_FALSE(project->sla_applies);
  CHECK((*tierdesk::find_category(c.billing, "security"))->priority == "critical");
}

TEST_CASE("roewaplan.json: Baden-Württemberg hours, included categories, change requests quoted") {
  const Contract c = preset("roewaplan");
  const auto& support = c.calendars.at("support");
  CHECK(support.is_open(at("2026-11-16T16:59:00+01:00")));
  CHECK_FALSE(support.is_open(at("2026-11-16T17:00:00+01:00")));
  // All Saints' Day (1 Nov) is a holiday in Baden-Württemberg: in 2027 it is a Monday.
  CHECK_FALSE(support.is_open(at("2027-11-01T10:00:00+01:00")));
  CHECK(c.tiers.names[2] == "3rd-level");
  const auto* security = *tierdesk::find_category(c.billing, "security-fault");
  CHECK(security->priority == "top");
  CHECK(security->tier == 3);
  CHECK((*tierdesk::find_category(c.billing, "change-request"))->treatment ==
        tierdesk::Treatment::quote_required);
  CHECK((*tierdesk::find_category(c.billing, "question"))->treatment ==
        tierdesk::Treatment::included);
}

TEST_CASE("solutionbar.json: contingent, JourFixe, phone-only emergencies, monthly fee") {
  const Contract c = preset("solutionbar");
  REQUIRE(c.billing.contingent);
  CHECK(c.billing.contingent->monthly == 600min);
  CHECK(c.billing.contingent->start_phase_monthly == 1200min);
  CHECK(c.billing.emergency->amount == money("150.00 EUR"));
  CHECK(c.jourfixe);
  CHECK(c.emergencies_phone_only);
  REQUIRE(c.sla->jourfixe() != nullptr);
  REQUIRE(c.subscription);
  CHECK(c.subscription->fee == money("890.00 EUR"));
  CHECK(c.id == "solutionbar");
  CHECK(c.customers[0].id == "mueller");
  CHECK(c.customers[0].contact == "jonas");
  CHECK(c.customers[0].team == "team-nord");
  // After the start phase (Sep–Nov 2026, 20 h) and December at 10 h, readjusted to 8 h.
  CHECK(c.customers[0].contingent_schedule ==
        std::vector<tierdesk::ContingentStep>{{std::chrono::year{2027} / 1, 480min}});
  CHECK(*tierdesk::allowance(*c.billing.contingent, c.customers[0].start,
                             c.customers[0].contingent_schedule,
                             std::chrono::year{2026} / 12) == 600min);
  CHECK(*tierdesk::allowance(*c.billing.contingent, c.customers[0].start,
                             c.customers[0].contingent_schedule,
                             std::chrono::year{2027} / 1) == 480min);
  CHECK(c.urgent_priority == "urgent");
  CHECK((*tierdesk::find_category(c.billing, "support"))->treatment ==
        tierdesk::Treatment::contingent);
  CHECK_FALSE((*tierdesk::find_category(c.billing, "purchasing"))->sla_applies);
}

TEST_CASE("1und1-cloudpbx.json: catalogue, per started hour, on-site day rates, 30-day windows") {
  const Contract c = preset("1und1-cloudpbx");
  CHECK(c.billing.catalogue.size() == 13);
  auto care_free = tierdesk::find_item(c.billing.catalogue, "care-free");
  REQUIRE(care_free);
  CHECK((*care_free)->parts.size() == 8);
  CHECK((*tierdesk::find_category(c.billing, "setup-time"))->rounding->step == 60min);
  CHECK(c.billing.on_site_days->outside == money("1,490.00 EUR"));
  // Mon-Fri 08-18 inside working hours; Saturday is outside.
  CHECK(c.billing.on_site_days->working_hours.is_open(at("2026-11-16T17:59:00+01:00")));
  CHECK_FALSE(c.billing.on_site_days->working_hours.is_open(at("2026-11-21T10:00:00+01:00")));
  const auto& orders = c.customers[0].orders;
  REQUIRE(orders.size() == 2);
  // 45 users at 20 per session: 3 sessions × 249.00 EUR.
  CHECK(tierdesk::price_order(c.billing.catalogue, orders[1])->amount == money("747.00 EUR"));
}

TEST_CASE("meinofficeplus.json: 48 working-day hours, 14-day trial, topics included") {
  const Contract c = preset("meinofficeplus");
  CHECK(c.sla->target(tierdesk::Metric::response, 0, -1).within == 48h);
  CHECK(c.billing.categories.size() == 11);
  CHECK(c.subscription->trial_days == 14);
  const auto keller = tierdesk::subscription_of(c, c.customers[1]);
  REQUIRE(keller);
  CHECK(tierdesk::cancelled_in_trial(*keller));  // 5 Nov start, cancelled 12 Nov
}

TEST_CASE("summary of a whole contract") {
  auto c = tierdesk::parse_contract(minimal);
  if (!c) FAIL(c.error().message());
  CHECK(tierdesk::summary(*c) ==
        "Desk\n"
        "  id desk, ticket prefix DK\n"
        "  calendars office (Europe/Copenhagen)\n"
        "  SLA policy desk: priorities critical, normal, 1 targets\n"
        "  currency DKK, VAT 25 %, zone UTC\n"
        "  rate any role any kind: 100.00 DKK/h\n"
        "  rounding up to 1 min per ticket, minimum 0 min\n"
        "  out of hours +100 % by start\n"
        "  fee on_call: 1,000.00 DKK\n"
        "  fee on_call on every on-call ticket unless priority critical\n"
        "  category support: billable, priority normal, tier 2\n"
        "  category project: billable, no SLA\n"
        "  customer acme (Acme), since 2026-01-01, contact bo, 0 order(s)\n");
}

TEST_CASE("errors in the desk fields name the JSON path and the value") {
  CHECK(error_of(edited(R"("prefix": "DK")", R"("prefix": "dk")"))
            .starts_with("invalid_argument prefix: "));
  CHECK(error_of(edited(R"("calendar": "office"})", R"("calendar": "ofice"})")) ==
        "not_found billing.out_of_hours.calendar: got \"ofice\", expected the name of one of the "
        "contract's calendars");
  CHECK(error_of(edited(R"("priority": "normal", "tier": 2)", R"("priority": "urgent", "tier": 2)")) ==
        "invalid_argument categories[0].priority: got \"urgent\", expected a priority of the SLA "
        "policy (critical, normal)");
  CHECK(error_of(edited(R"("tier": 2)", R"("tier": 4)"))
            .starts_with("invalid_argument categories[0].tier: got 4"));
  CHECK(error_of(edited(R"("fee": "on_call")", R"("fee": "oncall")")) ==
        "not_found fee_rules[0].fee: got \"oncall\", expected the code of one of billing.fees");
  CHECK(error_of(edited(R"("channel": "on-call")", R"("channel": "pager")"))
            .starts_with("invalid_argument fee_rules[0].channel: got \"pager\", expected one of "
                         "phone, email, portal, on-call"));
  CHECK(error_of(edited(R"("start": "2026-01-01")", R"("start": "2026-02-30")"))
            .starts_with("invalid_date customers[0].start: got \"2026-02-30\""));
  CHECK(error_of(edited(R"("calendar": "office", "response")", R"("calendar": "night", "response")"))
            .starts_with("not_found sla: targets[0].calendar: got \"night\""));
  CHECK(error_of(edited(R"("id": "acme")", R"("id": "")")) ==
        "invalid_argument customers[0].id: got \"\", expected a non-empty id");
  CHECK(error_of(edited(R"("contact": "bo")", R"("contakt": "bo")"))
            .starts_with("unknown_field customers[0].contakt:"));
  CHECK(error_of(edited(R"("rates")", R"("categories": [], "rates")")) ==
        "invalid_argument categories: categories are given here and in billing; keep one list");
}

TEST_CASE("a customer's contingent schedule: read, summarised, errors naming the path") {
  using std::chrono::year;
  auto c = tierdesk::parse_contract(with_schedule(
      R"([{"from": "2026-01", "monthly_minutes": 1200}, {"from": "2026-04", "monthly_minutes": 480}])"));
  if (!c) FAIL(c.error().message());
  CHECK(c->customers[0].contingent_schedule ==
        std::vector<tierdesk::ContingentStep>{{year{2026} / 1, 1200min}, {year{2026} / 4, 480min}});
  const auto text = tierdesk::summary(*c);
  CHECK(text.find("  contingent 600 min a month (1200 min in the first 3 months), overage "
                  "120.00 DKK/h\n") != std::string::npos);
  CHECK(
      text.ends_with("  customer acme (Acme), since 2026-01-01, contact bo, 0 order(s)\n"
                     "    contingent from 2026-01: 1200 min a month\n"
                     "    contingent from 2026-04: 480 min a month\n"));
  CHECK(tierdesk::parse_contract(with_schedule("[]"))->customers[0].contingent_schedule.empty());

  CHECK(error_of(with_schedule(R"([{"from": "2026-04", "monthly_minutes": 480},
                                  {"from": "2026-03", "monthly_minutes": 600}])")) ==
        "invalid_argument customers[0].contingent[1].from: got \"2026-03\", expected a month "
        "after 2026-04");
  CHECK(error_of(with_schedule(R"([{"from": "2026-04", "monthly_minutes": 480},
                                  {"from": "2026-04", "monthly_minutes": 600}])")) ==
        "invalid_argument customers[0].contingent[1].from: got \"2026-04\", expected a month "
        "after 2026-04");
  CHECK(error_of(with_schedule(R"([{"from": "2026-04", "monthly_minutes": -60}])")) ==
        "invalid_argument customers[0].contingent[0].monthly_minutes: got -60, expected an "
        "integer from 0 to 1000000");
  CHECK(error_of(with_schedule(R"([{"from": "2026-13", "monthly_minutes": 60}])")) ==
        "invalid_argument customers[0].contingent[0].from: got \"2026-13\", expected a month "
        "YYYY-MM such as \"2026-11\"");
  CHECK(error_of(with_schedule(R"([{"from": "2026-04"}])")) ==
        "missing_field customers[0].contingent[0].monthly_minutes: required field is missing");
  CHECK(error_of(with_schedule(R"([{"from": "2026-04", "minutes": 60}])"))
            .starts_with("unknown_field customers[0].contingent[0].minutes:"));
  CHECK(error_of(with_schedule(R"({"from": "2026-04", "monthly_minutes": 60})"))
            .starts_with("invalid_argument customers[0].contingent: got "));
  CHECK(error_of(with_schedule(R"([{"from": "2025-12", "monthly_minutes": 60}])")) ==
        "invalid_argument customers[0].contingent[0].from: got \"2025-12\", expected a month "
        "from the customer's start 2026-01-01 on");
  CHECK(
      error_of(edited(
          R"("start": "2026-01-01")",
          R"("start": "2026-01-01", "contingent": [{"from": "2026-04", "monthly_minutes": 60}])")) ==
      "invalid_argument customers[0].contingent: a contingent schedule needs the contract's "
      "\"billing.contingent\"");
}
