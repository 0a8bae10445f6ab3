// The SLA policy format as a building block for larger documents: a contract embeds a policy
// object and names its calendars itself, so errors carry the full path ("sla.targets[2]: …").
#pragma once

#include "base/json/reader.hpp"
#include "tierdesk/sla/sla_policy.hpp"

namespace tierdesk::json {

// The policy object at `node` (the policy file format without "calendars"), compiled against
// `calendars`; SlaPolicy::compile's errors are prefixed with the node's path.
Result<SlaPolicy> read_embedded_policy(const Node& node, const CalendarSet& calendars);

}  // namespace tierdesk::json
