// The JSON shapes of tickets, history events, clocks and alarms, the same in every host
// (`tierdesk … --json`, the HTTP server). Instants are UTC ISO-8601 ("2026-03-02T09:00:00Z").
#pragma once

#include <boost/json.hpp>

#include "tierdesk/access/access.hpp"
#include "tierdesk/store/store.hpp"
#include "tierdesk/desk/ticket.hpp"
#include "tierdesk/desk/ticket_event.hpp"
#include "tierdesk/desk/work.hpp"

namespace tierdesk::host {

// {"ref","status","customer","contract","channel","category","priority","tier","tier_name",
//  "assignee","subject","external_id","flags","jourfixe","created_at","updated_at","version"}
boost::json::object ticket_json(const Ticket& t, const TierNames& tiers);
// {"seq","at","actor","kind","value","payload":{…}}
boost::json::object event_json(const HistoryEvent& e);
// {"clock","state","open_breach","due"?,"breached_at"?,"warnings":[…]}
boost::json::object clock_json(const ClockEntry& c);
// {"ref","clock","kind":"due"|"warning","at","level"? (warnings only)}
boost::json::object alarm_json(const ClockAlarm& a);
// {"ticket","start","seconds","kind","role","agent","note","entry","reversed"?}
boost::json::object work_json(const WorkEntry& e);
// {"ref","code","at","entry","reversed"?}
boost::json::object fee_json(const StoredFee& f);
// {"id","name","role","customer","created_at","revoked"}: an API token, never its secret
boost::json::object token_json(const ApiToken& t);
// {"at","actor","reason"}: a correction
boost::json::object reversal_json(const Reversal& r);

}  // namespace tierdesk::host
