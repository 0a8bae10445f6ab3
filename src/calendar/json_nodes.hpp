// The calendar JSON format as building blocks for loaders of larger documents: an SLA policy or
// a contract that embeds a calendar object reads it with read_calendar_spec at the node where
// it sits, so errors carry the full path ("calendars[1].week.fri[0][1]: …").
//
//   auto doc = json::parse(text);
//   auto policy = json::Node(*doc).object({"calendars", "targets"});
//   auto calendars = policy->required_array("calendars");
//   for (const json::Node& c : *calendars) {
//     auto spec = json::read_calendar_spec(c);   // Result<CalendarSpec>
//   }
#pragma once

#include <boost/json/value.hpp>

#include "base/json/reader.hpp"
#include "tierdesk/calendar/calendar.hpp"
#include "tierdesk/calendar/holidays.hpp"

namespace tierdesk::json {

// A day's opening hours: intervals [begin, end), returned sorted. Each must be a pair of times
// with begin < end (Errc::invalid_interval at that pair); no two may overlap
// (Errc::overlapping_intervals naming both). Finally checked by validate_hours.
Result<LocalHours> read_hours(const Node& node);
boost::json::value to_value(const LocalHours& hours);

// The calendar object at `node`, validated like parse_calendar_spec (not compiled).
Result<CalendarSpec> read_calendar_spec(const Node& node);

// One entry of "rules": {"name": …, one of fixed/easter/nth_weekday/weekday_before/date/range,
// optional "hours", "from_year", "until_year"}; finally checked by validate(HolidayRule).
Result<HolidayRule> read_holiday_rule(const Node& node);

// The JSON object read_calendar_spec reads back to `spec` (holidays as explicit rules).
boost::json::object write_calendar_spec(const CalendarSpec& spec);
boost::json::object write_holiday_rule(const HolidayRule& rule);

}  // namespace tierdesk::json
