#include "contract_open.hpp"

#include <fmt/format.h>

#include "tierdesk/billing.hpp"
#include "tierdesk/ticket_clocks.hpp"

namespace tierdesk::host {

Result<void> apply_contract_defaults(const Contract& contract, OpenRequest& r, bool tier_given,
                                     std::string_view category_field) {
  const CategoryDefaults* defaults = nullptr;
  if (!r.category.empty()) {
    if (!find_category(contract.billing, r.category))
      return fail(Error::invalid(Errc::invalid_argument, category_field, r.category,
                                 fmt::format("a category of contract \"{}\"", contract.id)));
    defaults = find_defaults(contract, r.category);
  }
  if (r.priority.empty() && defaults != nullptr) r.priority = defaults->priority;
  if (r.priority.empty()) r.priority = contract.default_priority;
  if (r.priority.empty() && contract.sla) r.priority = contract.sla->spec().default_priority;
  if (!tier_given && defaults != nullptr) r.tier = defaults->tier;
  if (defaults != nullptr && !defaults->sla_applies)
    r.then.events.push_back(
        {0, r.by.at, r.by.name, HistoryKind::flagged, std::string(no_sla_flag), {}});
  if (r.assignee.empty())
    for (const auto& customer : contract.customers)
      if (customer.id == r.customer)
        r.assignee = customer.contact.empty() ? customer.team : customer.contact;
  return {};
}

}  // namespace tierdesk::host
