// Calendars and instants shared by the calendar tests.
#pragma once

#include <string_view>

#include "tierdesk/calendar/calendar.hpp"

namespace tierdesk::testing {

inline Instant at(std::string_view iso) { return parse_iso8601(iso).value(); }

inline LocalHours hours(std::string_view b, std::string_view e) {
  return {{TimeOfDay::parse(b).value(), TimeOfDay::parse(e).value()}};
}

// Every weekday from Monday to Friday gets `h`.
inline WeeklySchedule workweek(const LocalHours& h) {
  WeeklySchedule w;
  for (unsigned wd = 1; wd <= 5; ++wd) w.days[wd] = h;
  return w;
}

inline CalendarSpec office_spec(std::string_view zone = "Europe/Berlin") {
  CalendarSpec spec;
  spec.name = "office";
  spec.zone = std::string(zone);
  spec.week = workweek(hours("08:00", "17:00"));
  return spec;
}

inline CalendarSpec all_days_spec(std::string_view zone) {
  CalendarSpec spec;
  spec.name = "24x7";
  spec.zone = std::string(zone);
  for (auto& d : spec.week.days) d = hours("00:00", "24:00");
  return spec;
}

}  // namespace tierdesk::testing
