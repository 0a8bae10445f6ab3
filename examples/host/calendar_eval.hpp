// Calendar questions as JSON objects, the same in every host (`tierdesk calendar eval` reads
// them as JSON lines, the server as POST /calendar/eval):
//   {"op":"add","start":ISO,"minutes":N | "seconds":S}  → {"result":ISO}
//   {"op":"between","from":ISO,"to":ISO}                → {"minutes":N,"seconds":S}
//   {"op":"is_open","at":ISO}                           → {"open":bool}
//   {"op":"next_open"|"next_close","at":ISO}            → {"result":ISO}
//   {"op":"intervals","from":ISO,"to":ISO}              → {"intervals":[[ISO,ISO],…]}
//   {"op":"holidays","year":Y}                          → {"dates":[…],"holidays":[…]}
// Answers give instants in the calendar's zone.
//
// One evaluation — a POST /calendar/eval body, one line of `calendar eval` — runs on its own
// budgeted calendar (Evaluation::calendar) and shares one budget of answered intervals, so that
// neither a dense calendar nor many requests in one body stretch its work
// (docs/formats.md, "Limits").
#pragma once

#include <vector>

#include <boost/json.hpp>

#include "tierdesk/calendar/calendar.hpp"
#include "tierdesk/base/error.hpp"

namespace tierdesk::host {

// The budget of one evaluation.
class Evaluation {
 public:
  // `cal` with a fresh index of at most limits::eval_index_intervals.
  explicit Evaluation(const Calendar& cal);
  const Calendar& calendar() const { return calendar_; }
  // Takes `n` of the intervals left to answer; false (nothing taken) when fewer are left.
  bool take_intervals(std::size_t n);
  std::size_t intervals_left() const { return intervals_left_; }

 private:
  Calendar calendar_;
  std::size_t intervals_left_;
};

// The answer to one request of `evaluation`; errors name the field at fault.
Result<boost::json::object> evaluate(Evaluation& evaluation, const boost::json::object& request);

// {"dates":["2027-01-01",…],"holidays":[{"date","name","open_hours"?},…]}
boost::json::object holidays_json(const std::vector<Holiday>& holidays);

}  // namespace tierdesk::host
