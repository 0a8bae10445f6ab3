// Readers for the parts of the contract JSON format, private to the billing engine. Each reads
// the value at a json::Node and reports errors at its path.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "base/json/reader.hpp"
#include "tierdesk/billing/billing.hpp"
#include "tierdesk/billing/catalogue.hpp"
#include "tierdesk/billing/contingent.hpp"
#include "tierdesk/contract/contract.hpp"
#include "tierdesk/sla/sla_policy.hpp"

namespace tierdesk::json {

// "1095.00" in `currency`.
Result<Money> read_money(const Node& node, Currency currency);
// "25 %", "12.5 %".
Result<BasisPoints> read_percent(const Node& node);
// A whole number of minutes, 0 … 1,000,000 (about 694 days).
Result<std::chrono::minutes> read_minutes(const Node& node);
// An array of strings.
Result<std::vector<std::string>> read_strings(const Node& node);
// One of `names`, returned as its index.
Result<std::size_t> read_choice(const Node& node, std::initializer_list<std::string_view> names);

// {"step_minutes", "minimum_minutes", "scope"}.
Result<Rounding> read_rounding(const Node& node);
// {"monthly_minutes", "start_phase_minutes", "start_phase_months", "carry_over",
//  "carry_limit_minutes", "carry_months", "overage_per_hour"}.
Result<ContingentPolicy> read_contingent(const Node& node, Currency currency);
// [{"code", "name", "kind", "price", "parts", "session_minutes", "participants_per_session",
//   "entitlements": [{"name", "categories", "days"}]}].
Result<std::vector<CatalogueItem>> read_catalogue(const Node& node, Currency currency);
// [{"name", "treatment", "threshold", "rounding", "fixed_price", "out_of_hours_surcharge",
//   "priority", "tier", "sla"}].
Result<std::vector<Category>> read_categories(const Node& node, Currency currency);
// One category object.
Result<Category> read_category(const Node& node, Currency currency);

// A calendar object, or (with `named`) the name of one of the contract's calendars.
Result<Calendar> read_calendar_ref(const Node& node, const CalendarSet* named);
// The "billing" object, not yet validated; its calendars may name those in `named`.
Result<BillingRules> read_billing(const Node& node, const CalendarSet* named);

// The desk side of a contract (contract_json_desk.cpp): every field of the contract object
// except "name" and "billing", read into `out` whose billing rules are already read.
Result<void> read_desk_fields(const ObjectReader& obj, Contract& out);
// {"office": {calendar object}, "oncall": {…}}.
Result<CalendarSet> read_named_calendars(const Node& node);
// The checks across parts of a parsed contract, reported at the fields of `obj`.
Result<void> check_contract(const ObjectReader& obj, const Contract& contract);

// One automatic escalation rule (contract_json_escalation.cpp), and the rules' checks against
// the contract: unique names, clocks the SLA policy has, categories the contract lists.
Result<EscalationRule> read_escalation_rule(const Node& node);
Result<void> check_escalation(const Contract& contract, const Path& at);

// One customer (contract_json_customers.cpp), and its contingent schedule's checks against the
// contract: the contract has a contingent, the schedule starts no earlier than the customer.
Result<ContractCustomer> read_customer(const Node& node);
Result<void> check_contingent_schedule(const Contract& contract, const ContractCustomer& customer,
                                       const Path& at);

}  // namespace tierdesk::json
