// Contracts from JSON: a provider's billing rules as a file (format: docs/billing.md, "Contract
// JSON").
//
// Amounts are strings in the contract's currency ("1095.00"), percentages strings ("25 %",
// "12.5 %"), durations whole minutes (`*_minutes`), calendars embedded calendar objects in the
// calendar format (docs/formats.md). Every error names the JSON path and the value at fault:
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
//     → invalid_argument "billing.categories[0].treatment: got "free", expected one of billable,
//       included, contingent, quote_required, fixed_price"
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "tierdesk/billing.hpp"
#include "tierdesk/error.hpp"

namespace tierdesk {

struct Contract {
  std::string name;
  BillingRules billing;
};

// The contract in the JSON text `json`, its billing rules checked with validate().
Result<Contract> parse_contract(std::string_view json);

// parse_contract on a file's contents; Errc::io_error naming the path when it cannot be read,
// every other error prefixed with the path.
Result<Contract> load_contract_file(const std::filesystem::path& path);

// A few lines for `contract check`: name, currency, VAT, zone, rates, rounding, surcharges,
// fees, contingent, catalogue size and one line per category, e.g.
// "  category support: billable, all_if_over 15 min".
std::string summary(const Contract& contract);

}  // namespace tierdesk
