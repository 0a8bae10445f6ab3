// Finding customers, contracts and category defaults, and the intake terms of a customer.
#include <fmt/format.h>

#include "tierdesk/contract.hpp"

namespace tierdesk {
namespace {

BillingTreatment intake_treatment(const CategoryRules& rules) {
  switch (rules.treatment) {
    case Treatment::billable:
      return rules.threshold.mode == IncludedThreshold::Mode::none ? BillingTreatment::billable
                                                                    : BillingTreatment::included_up_to;
    case Treatment::included: return BillingTreatment::included;
    case Treatment::contingent: return BillingTreatment::contingent;
    case Treatment::quote_required: return BillingTreatment::quote_required;
    case Treatment::fixed_price: return BillingTreatment::fixed_price;
  }
  return BillingTreatment::billable;
}

}  // namespace

Result<CustomerOf> find_customer(const std::vector<Contract>& contracts,
                                 std::string_view customer) {
  for (const auto& c : contracts)
    for (const auto& k : c.customers)
      if (k.id == customer) return CustomerOf{&c, &k};
  return fail(Errc::not_found,
              fmt::format("customer: got \"{}\", expected a customer of one of the contracts", customer));
}

Result<const Contract*> find_contract(const std::vector<Contract>& contracts, std::string_view id) {
  for (const auto& c : contracts)
    if (c.id == id) return &c;
  return fail(Errc::not_found, fmt::format("contract: got \"{}\", expected the id of a contract", id));
}

const CategoryDefaults* find_defaults(const Contract& contract, std::string_view category) {
  for (const auto& d : contract.categories)
    if (d.name == category) return &d;
  return nullptr;
}

std::optional<Subscription> subscription_of(const Contract& contract,
                                            const ContractCustomer& customer) {
  if (!contract.subscription) return std::nullopt;
  Subscription s = *contract.subscription;
  s.start = customer.start;
  s.cancelled_on = customer.cancelled_on;
  return s;
}

ContractTerms terms_for(const Contract& contract, const ContractCustomer& customer) {
  ContractTerms t{.id = contract.id, .customer = customer.id};
  for (const auto& rules : contract.billing.categories) {
    CategoryTerms c{.name = rules.category, .billing = intake_treatment(rules)};
    if (rules.threshold.mode != IncludedThreshold::Mode::none)
      c.threshold = std::chrono::duration_cast<std::chrono::minutes>(rules.threshold.limit);
    if (const auto* d = find_defaults(contract, rules.category)) {
      c.default_priority = d->priority;
      c.default_tier = d->tier;
      c.sla_applies = d->sla_applies;
    }
    t.categories.push_back(std::move(c));
  }
  if (!contract.default_priority.empty())
    t.default_priority = contract.default_priority;
  else if (contract.sla && !contract.sla->spec().default_priority.empty())
    t.default_priority = contract.sla->spec().default_priority;
  t.urgent_priority = contract.urgent_priority;
  t.fixed_contact = customer.contact;
  t.team = customer.team;
  t.emergencies_phone_only = contract.emergencies_phone_only;
  t.jourfixe = contract.jourfixe;
  return t;
}

}  // namespace tierdesk
