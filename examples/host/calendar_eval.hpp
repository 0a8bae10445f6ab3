// Calendar questions as JSON objects, the same in every host (`tierdesk calendar eval` reads
// them as JSON lines, the server as POST /calendar/eval):
//   {"op":"add","start":ISO,"minutes":N | "seconds":S}  → {"result":ISO}
//   {"op":"between","from":ISO,"to":ISO}                → {"minutes":N,"seconds":S}
//   {"op":"is_open","at":ISO}                           → {"open":bool}
//   {"op":"next_open"|"next_close","at":ISO}            → {"result":ISO}
//   {"op":"intervals","from":ISO,"to":ISO}              → {"intervals":[[ISO,ISO],…]}
//   {"op":"holidays","year":Y}                          → {"dates":[…],"holidays":[…]}
// Answers give instants in the calendar's zone.
#pragma once

#include <vector>

#include <boost/json.hpp>

#include "tierdesk/calendar.hpp"
#include "tierdesk/error.hpp"

namespace tierdesk::host {

// The answer to one request; errors name the field at fault.
Result<boost::json::object> evaluate(const Calendar& cal, const boost::json::object& request);

// {"dates":["2027-01-01",…],"holidays":[{"date","name","open_hours"?},…]}
boost::json::object holidays_json(const std::vector<Holiday>& holidays);

}  // namespace tierdesk::host
