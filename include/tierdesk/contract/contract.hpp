// Layer contract — whole provider contracts (this header) and a customer's statement from
// a DeskStore (statement_store.hpp). Depends on base, calendar, sla, desk, billing.
// docs/architecture.md "Layers" has the picture and the include rule.
//
// Contracts from JSON: everything a provider's helpdesk runs on, in one file (format:
// docs/billing.md, "Contract JSON"; presets in examples/contracts/).
//
// A contract names its reference prefix ("OO" → OO-2026-000123), its calendars (normal hours,
// on-call …), the SLA policy (sla_json format, its targets naming those calendars), the
// request categories with their billing treatment and desk defaults (priority, tier, whether
// the SLA applies), fee rules (OneOffice: a non-critical call to the on-call line costs a fee),
// automatic escalation rules, the calendar whose hours SLA notices are delivered in, the
// intake terms, the billing rules and the customers served under it (contact, team, start
// date, hours carried in, agreed contingent sizes, catalogue orders, subscription).
// contract_book.hpp holds the loaded contracts; service_desk.hpp runs tickets under them.
//
// Amounts are strings in the contract's currency ("1095.00"), percentages strings ("25 %",
// "12.5 %"), durations whole minutes (`*_minutes`), calendars embedded calendar objects in the
// calendar format (docs/formats.md) or, inside "billing", the name of one of the contract's
// calendars. Every error names the JSON path and the value at fault:
//
//   auto c = parse_contract(R"({"name": "OneOffice", "billing": {
//     "currency": "DKK", "vat": "25 %", "zone": "Europe/Copenhagen",
//     "rates": [{"role": "support", "per_hour": "1095.00"}],
//     "categories": [{"name": "support", "treatment": "billable",
//                     "threshold": {"mode": "all_if_over", "minutes": 15}}]}})");
//   c->billing.categories[0].threshold.limit == 15min
//
//   {"rates": [{"role": "support", "per_hour": "1095,00"}]}
//     → invalid_argument "billing.rates[0].per_hour: amount: got "1095,00", expected commas
//       only between groups of three digits"
//   {"categories": [{"name": "x", "treatment": "free"}]}
//     → invalid_argument "categories[0].treatment: got "free", expected one of billable,
//       included, contingent, quote_required, fixed_price"
//   {"customers": [{"id": "acme", "start": "2026-02-30", …}]}
//     → invalid_date "customers[0].start: got "2026-02-30", expected …"
//   {"customers": [{…, "contingent": [{"from": "2027-01", "monthly_minutes": 480},
//                                     {"from": "2026-12", "monthly_minutes": 600}]}]}
//     → invalid_argument "customers[0].contingent[1].from: got "2026-12", expected a month
//       after 2027-01"
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tierdesk/billing/billing.hpp"
#include "tierdesk/billing/catalogue.hpp"
#include "tierdesk/base/error.hpp"
#include "tierdesk/desk/escalation.hpp"
#include "tierdesk/sla/sla_policy.hpp"
#include "tierdesk/billing/subscription.hpp"
#include "tierdesk/desk/ticket.hpp"

namespace tierdesk {

// A flat fee (BillingRules::fees) the statement charges by rule on every ticket opened through
// `channel` whose priority is none of `unless_priorities`, at the ticket's creation instant
// (OneOffice: {"on_call_non_critical", on-call, unless {"critical"}}). The ticket's priority at
// statement time decides, so re-classifying a call as critical takes the fee back; a fee of the
// same code charged explicitly on the ticket is not charged twice.
struct FeeRule {
  std::string fee;
  Channel channel = Channel::on_call;
  std::vector<std::string> unless_priorities{};
  friend bool operator==(const FeeRule&, const FeeRule&) = default;
};

// A customer served under the contract. Tickets carry `id` as their customer.
struct ContractCustomer {
  std::string id;
  std::string name{};
  std::string email{};
  std::string contact{};  // the fixed contact person, the default assignee
  std::string team{};     // who stands in when the contact is absent
  std::string lead{};     // the project lead (sends status e-mails)
  Date start{};           // contract start: contingent start phase, subscription start
  // Contingent time carried into the month `carried_in_month` (by default the start month);
  // later months' carry-over is recomputed from the stored work.
  std::chrono::minutes carried_in{0};
  std::optional<std::chrono::year_month> carried_in_month{};
  // The customer's agreed contingent sizes (JSON "contingent"), months strictly increasing:
  // a month's size is the last step from that month or earlier; before the first step the
  // contract's policy decides (start phase, monthly).
  std::vector<ContingentStep> contingent_schedule{};
  std::vector<CatalogueOrder> orders{};
  std::optional<Date> cancelled_on{};  // subscription cancellation received
  friend bool operator==(const ContractCustomer&, const ContractCustomer&) = default;
};

struct Contract {
  std::string name;
  BillingRules billing;  // billing.categories: the contract's request categories
  std::string id{};      // what tickets carry as their contract; empty: none given
  std::string prefix{};  // ticket reference prefix, e.g. "OO"; empty: none given
  std::string description{};
  CalendarSet calendars{};
  std::optional<SlaPolicy> sla{};
  TierNames tiers{};               // the names the SLA policy's OLA rows use
  std::string default_priority{};  // empty: the SLA policy's default, else "normal"
  std::string default_category{};  // a ticket opened without a category gets it
  std::vector<FeeRule> fee_rules{};
  std::vector<EscalationRule> escalation{};  // applied after changes and at SLA warnings/breaches
  std::string notice_hours{};  // a calendar of `calendars`: SLA notices outside its open hours
                               // wait until it opens; empty: delivered at once
  bool emergencies_phone_only = false;
  bool jourfixe = false;           // ordinary requests wait for the next JourFixe
  std::string urgent_priority{};   // the priority an urgent request gets where allowed
  std::optional<Subscription> subscription{};  // the plan; each customer's runs from its start
  std::vector<ContractCustomer> customers{};
};

// The contract in the JSON text `json`: its billing rules checked with validate(), its SLA
// policy compiled against its calendars, and cross-checked (category priorities known to the
// SLA policy, fee rules naming fees, orders naming catalogue items, unique customer ids).
Result<Contract> parse_contract(std::string_view json);

// parse_contract on a file's contents; Errc::io_error naming the path when it cannot be read,
// every other error prefixed with the path.
Result<Contract> load_contract_file(const std::filesystem::path& path);

// Every *.json file of `dir` in name order; the first error stops (prefixed with the path).
Result<std::vector<Contract>> load_contract_dir(const std::filesystem::path& dir);

// A customer and the contract it is under (ContractBook::customer finds one by its id).
struct CustomerOf {
  const Contract* contract = nullptr;
  const ContractCustomer* customer = nullptr;
};

// The customer's subscription under the contract's plan; empty without a plan.
std::optional<Subscription> subscription_of(const Contract& contract,
                                            const ContractCustomer& customer);

// A few lines for `contract check`: name, id, prefix, calendars, SLA policy, currency, VAT,
// zone, rates, rounding, surcharges, fees and fee rules, contingent (with carry-over and
// expiry), catalogue size, one line per category (e.g. "  category support: billable,
// all_if_over 15 min") and per customer, with a line per step of its contingent schedule
// ("    contingent from 2027-01: 480 min a month").
std::string summary(const Contract& contract);

}  // namespace tierdesk
