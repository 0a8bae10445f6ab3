#include "service/service_detail.hpp"

#include <fmt/format.h>

namespace tierdesk::service {

Error not_found(const TicketRef& ref) {
  return Error(Errc::not_found, fmt::format("ticket {}: not found", ref.str()));
}

Error external_id_taken(std::string_view external_id) {
  return Error(Errc::conflict,
               fmt::format("external_id: \"{}\" cannot be used; choose another", external_id));
}

std::string category_names(const Contract& contract) {
  std::string out;
  for (const auto& c : contract.billing.categories) out += (out.empty() ? "" : ", ") + c.name;
  return out;
}

Result<void> scope_customer(const Scope& scope, std::optional<std::string>& customer) {
  if (!scope.is_customer()) return {};
  if (customer && *customer != scope.customer)
    return fail(Error(Errc::not_found, fmt::format("customer {}: not found", *customer)));
  customer = scope.customer;
  return {};
}

}  // namespace tierdesk::service
