// A customer's subscription under its contract's plan.
#include <fmt/format.h>

#include "tierdesk/contract/contract.hpp"

namespace tierdesk {

std::optional<Subscription> subscription_of(const Contract& contract,
                                            const ContractCustomer& customer) {
  if (!contract.subscription) return std::nullopt;
  Subscription s = *contract.subscription;
  s.start = customer.start;
  s.cancelled_on = customer.cancelled_on;
  return s;
}

}  // namespace tierdesk
