// Contracts from JSON: OneOffice's rules as a file give its worked figures; errors name the path.
#include <doctest/doctest.h>

#include <string>

#include "billing_fixtures.hpp"
#include "tierdesk/contract/contract.hpp"
#include "tierdesk/billing/statement.hpp"

using namespace billing_test;
using tierdesk::Errc;

namespace {

const std::string oneoffice_json = R"({
  "name": "OneOffice driftsaftale",
  "billing": {
    "currency": "DKK",
    "vat": "25 %",
    "zone": "Europe/Copenhagen",
    "rates": [{"role": "support", "per_hour": "1095.00"},
              {"role": "project", "per_hour": "1,495.00"},
              {"role": "senior", "per_hour": "1895.00"}],
    "rounding": {"step_minutes": 1, "scope": "per_ticket"},
    "out_of_hours": {
      "surcharge": "100 %", "mode": "by_start",
      "calendar": {"name": "oneoffice", "zone": "Europe/Copenhagen",
                   "week": {"mon": [["08:00", "16:00"]], "tue": [["08:00", "16:00"]],
                            "wed": [["08:00", "16:00"]], "thu": [["08:00", "16:00"]],
                            "fri": [["08:00", "15:00"]]},
                   "holidays": ["DK"]}},
    "fees": [{"code": "on_call_non_critical", "text": "non-critical call to the on-call line",
              "amount": "1000.00"}],
    "categories": [
      {"name": "support", "treatment": "billable",
       "threshold": {"mode": "all_if_over", "minutes": 15}},
      {"name": "project", "treatment": "billable"},
      {"name": "new_setup", "treatment": "quote_required"}]
  }
})";

// OneOffice's JSON with the text `from` replaced by `to` (which must occur).
std::string edited(std::string_view from, std::string_view to) {
  std::string text = oneoffice_json;
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::string error_of(const std::string& json) {
  auto c = tierdesk::parse_contract(json);
  REQUIRE_FALSE(c);
  return std::string(to_string(c.error().code())) + " " + c.error().message();
}

tierdesk::StatementInput support_ticket(std::string_view start, std::chrono::seconds d) {
  tierdesk::StatementInput in;
  in.period = tierdesk::StatementPeriod::month(std::chrono::year{2026} / 11);
  in.tickets = {{"OO-1", "support", {work("OO-1", start, d)}, {}, false}};
  return in;
}

}  // namespace

TEST_CASE("OneOffice's contract file reproduces its worked figures") {
  auto contract = tierdesk::parse_contract(oneoffice_json);
  if (!contract) FAIL(contract.error().message());
  CHECK(contract->name == "OneOffice driftsaftale");
  const auto& rules = contract->billing;
  CHECK(rules.vat == tierdesk::BasisPoints{2500});
  CHECK(rules.rates.size() == 3);
  CHECK(rules.rates[1].per_hour == money("1,495.00 DKK"));
  CHECK(rules.categories[0].threshold.limit == 15min);
  CHECK(rules.categories[2].treatment == tierdesk::Treatment::quote_required);
  CHECK(statement(rules, support_ticket("2026-11-16T10:00:00+01:00", 30min)).total ==
        money("684.38 DKK"));
  CHECK(statement(rules, support_ticket("2026-11-16T10:00:00+01:00", 11min)).total ==
        money("0.00 DKK"));
  CHECK(statement(rules, support_ticket("2026-11-16T10:00:00+01:00", 25min)).subtotal ==
        money("456.25 DKK"));
  CHECK(statement(rules, support_ticket("2026-11-16T19:00:00+01:00", 30min)).subtotal ==
        money("1,095.00 DKK"));
}

TEST_CASE("summary lists what contract check prints") {
  auto contract = tierdesk::parse_contract(oneoffice_json);
  REQUIRE(contract);
  CHECK(tierdesk::summary(*contract) ==
        "OneOffice driftsaftale\n"
        "  currency DKK, VAT 25 %, zone Europe/Copenhagen\n"
        "  rate support any kind: 1,095.00 DKK/h\n"
        "  rate project any kind: 1,495.00 DKK/h\n"
        "  rate senior any kind: 1,895.00 DKK/h\n"
        "  rounding up to 1 min per ticket, minimum 0 min\n"
        "  out of hours +100 % by start\n"
        "  fee on_call_non_critical: 1,000.00 DKK\n"
        "  category support: billable, all_if_over 15 min\n"
        "  category project: billable\n"
        "  category new_setup: quote_required\n");
}

TEST_CASE("contract errors name the JSON path and the value") {
  CHECK(error_of(edited(R"("per_hour": "1095.00")", R"("per_hour": "1095,00")")) ==
        "invalid_argument billing.rates[0].per_hour: amount: got \"1095,00\", expected commas "
        "only between groups of three digits");
  CHECK(error_of(edited(R"("treatment": "quote_required")", R"("treatment": "free")")) ==
        "invalid_argument billing.categories[2].treatment: got \"free\", expected one of "
        "billable, included, contingent, quote_required, fixed_price");
  CHECK(error_of(edited(R"("vat": "25 %")", R"("vat": "25")")) ==
        "invalid_argument billing.vat: got \"25\", expected a percentage such as \"25 %\" or "
        "\"12.5 %\"");
  CHECK(error_of(edited(R"("currency": "DKK")", R"("currency": "KR")")) ==
        "invalid_argument billing.currency: currency: got \"KR\", expected an ISO 4217 code such "
        "as DKK or EUR");
  CHECK(error_of(edited(R"("step_minutes": 1)", R"("step_minutes": 0)"))
            .starts_with("invalid_argument billing.rounding.step_minutes: got 0"));
  CHECK(
      error_of(edited(R"("mode": "all_if_over")", R"("mode": "all_over")"))
          .starts_with("invalid_argument billing.categories[0].threshold.mode: got \"all_over\""));
  CHECK(
      error_of(edited(R"("fri": [["08:00", "15:00"]])", R"("fri": [["08:00", "25:00"]])"))
          .starts_with("invalid_time billing.out_of_hours.calendar.week.fri[0][1]: got \"25:00\""));
  CHECK(error_of(edited(R"("role": "senior")", R"("role": "junior")"))
            .starts_with("invalid_argument billing.rates[2].role: got \"junior\""));
  CHECK(error_of(edited(R"("code": "on_call_non_critical", )", R"("cod": "x", )"))
            .starts_with("unknown_field billing.fees[0].cod:"));
  CHECK(error_of(edited(R"({"name": "project", "treatment": "billable"})",
                        R"({"name": "support", "treatment": "billable"})")) ==
        "conflict billing: categories: got \"support\", expected unique category names");
  CHECK(error_of(edited(R"("name": "OneOffice driftsaftale",)", "")) ==
        "missing_field name: required field is missing");
}

TEST_CASE("a Solutionbar contract with a contingent and an emergency surcharge") {
  const auto c = tierdesk::parse_contract(R"({"name": "Solutionbar Servicevertrag", "billing": {
    "currency": "EUR", "vat": "19 %", "zone": "Europe/Berlin",
    "rates": [{"per_hour": "120.00"}],
    "rounding": {"step_minutes": 15, "scope": "per_entry"},
    "emergency": {"amount": "150.00"},
    "contingent": {"monthly_minutes": 600, "start_phase_minutes": 1200, "start_phase_months": 3,
                   "carry_over": "up_to", "carry_limit_minutes": 300, "overage_per_hour": "120.00"},
    "categories": [{"name": "support", "treatment": "contingent"},
                   {"name": "project", "treatment": "billable", "out_of_hours_surcharge": false}]
  }})");
  if (!c) FAIL(c.error().message());
  REQUIRE(c->billing.contingent);
  CHECK(c->billing.contingent->start_phase_monthly == 1200min);
  CHECK(c->billing.contingent->carry_over == tierdesk::CarryOver::up_to);
  CHECK(c->billing.emergency->amount == money("150.00 EUR"));
  CHECK(c->billing.rounding.step == 15min);
  CHECK_FALSE(c->billing.categories[1].out_of_hours_surcharge);
}

TEST_CASE("carry_months: carried hours that expire; errors name the path and value") {
  const auto solutionbar = [](std::string_view contingent) {
    return std::string(R"({"name": "Solutionbar", "billing": {
      "currency": "EUR", "vat": "19 %", "rates": [{"per_hour": "120.00"}], "contingent": )") +
           std::string(contingent) +
           R"(, "categories": [{"name": "support", "treatment": "contingent"}]}})";
  };
  auto c = tierdesk::parse_contract(solutionbar(
      R"({"monthly_minutes": 600, "start_phase_minutes": 1200, "start_phase_months": 3,
          "carry_over": "up_to", "carry_limit_minutes": 300, "carry_months": 2,
          "overage_per_hour": "120.00"})"));
  if (!c) FAIL(c.error().message());
  CHECK(c->billing.contingent->carry_months == 2);
  CHECK(tierdesk::summary(*c).find(
            "  contingent 600 min a month (1200 min in the first 3 months), overage 120.00 EUR/h, "
            "carry-over up to 300 min, carried time expires after 2 month(s)\n") !=
        std::string::npos);
  c = tierdesk::parse_contract(
      solutionbar(R"({"monthly_minutes": 600, "overage_per_hour": "120.00"})"));
  REQUIRE(c);
  CHECK(c->billing.contingent->carry_months == 0);  // carried time never expires

  CHECK(error_of(solutionbar(
            R"({"monthly_minutes": 600, "carry_months": 2, "overage_per_hour": "120.00"})")) ==
        "invalid_argument billing.contingent.carry_months: got 2, expected no \"carry_months\" "
        "unless \"carry_over\" is \"up_to\" or \"all\"");
  CHECK(error_of(solutionbar(R"({"monthly_minutes": 600, "carry_over": "all", "carry_months": 0,
                                 "overage_per_hour": "120.00"})")) ==
        "invalid_argument billing.contingent.carry_months: got 0, expected an integer from 1 to "
        "120");
  CHECK(error_of(solutionbar(R"({"monthly_minutes": 600, "carry_over": "all",
                                 "carry_months": "2", "overage_per_hour": "120.00"})"))
            .starts_with("invalid_argument billing.contingent.carry_months: got \"2\""));
}

TEST_CASE("load_contract_file names the file") {
  auto missing = tierdesk::load_contract_file("/nonexistent/contract.json");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code() == Errc::io_error);
  CHECK(missing.error().message().starts_with("/nonexistent/contract.json: cannot open"));
}
