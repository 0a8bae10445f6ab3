// What a provider contract fills in when a host opens a ticket under it (the CLI's `ticket
// open`, the server's POST /tickets): the category's priority and tier, "no-sla" for a
// category outside the SLA, the customer's contact as assignee.
#pragma once

#include <string_view>

#include "tierdesk/contract.hpp"
#include "tierdesk/desk.hpp"

namespace tierdesk::host {

// Fills what the request leaves open from the contract: the category's priority (else the
// contract's default priority, else its SLA's), its tier unless `tier_given`, the "no-sla"
// flag for a category outside the SLA, and the customer's fixed contact (else its team) as
// assignee. A category the contract does not bill is Errc::invalid_argument naming
// `category_field` and the value.
Result<void> apply_contract_defaults(const Contract& contract, OpenRequest& request,
                                     bool tier_given, std::string_view category_field);

}  // namespace tierdesk::host
