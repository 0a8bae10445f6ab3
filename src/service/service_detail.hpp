// Helpers the ServiceDesk's source files share.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tierdesk/contract/contract.hpp"
#include "tierdesk/base/error.hpp"
#include "tierdesk/service/service_desk.hpp"
#include "tierdesk/desk/ticket.hpp"

namespace tierdesk::service {

inline bool by_voice(Channel c) { return c == Channel::phone || c == Channel::on_call; }

// What a caller learns about a ticket it may not see: the same as about a missing one.
Error not_found(const TicketRef& ref);

// An external id another customer's ticket carries: a conflict that names nothing of it.
Error external_id_taken(std::string_view external_id);

// "support, security, project".
std::string category_names(const Contract& contract);

// A list filter's customer under `scope`: a customer scope's own (another customer in the
// filter is Errc::not_found, exactly as an unknown one); the filter's as it is for staff.
Result<void> scope_customer(const Scope& scope, std::optional<std::string>& customer);

}  // namespace tierdesk::service
