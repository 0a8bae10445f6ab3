// JSON spellings of civil time values, shared by every tierdesk format (a day's opening hours
// are the calendar layer's: calendar/json_nodes.hpp):
//
//   time of day   "08:00", "17:30:15", "24:00"         read_time_of_day / to_value(TimeOfDay)
//   date          "2026-12-24"                         read_date / to_value(Date)
//   month-day     "12-24" (02-29 allowed)              read_month_day / month_day_text
//   weekday       "mon" … "sun"                        read_weekday / weekday_text
//
// Readers report errors at the node's path with the value: a time "25:00" at week.mon[1][0] is
// Errc::invalid_time "week.mon[1][0]: got "25:00", expected a time of day HH:MM from 00:00 to
// 24:00".
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "base/json/reader.hpp"
#include "tierdesk/base/time.hpp"

namespace tierdesk::json {

Result<TimeOfDay> read_time_of_day(const Node& node);
Result<Date> read_date(const Node& node);
Result<std::chrono::month_day> read_month_day(const Node& node);
Result<std::chrono::weekday> read_weekday(const Node& node);

boost::json::value to_value(TimeOfDay t);
boost::json::value to_value(const Date& d);
std::string month_day_text(unsigned month, unsigned day);  // "12-24"
std::string_view weekday_text(std::chrono::weekday wd);    // "mon"

}  // namespace tierdesk::json
