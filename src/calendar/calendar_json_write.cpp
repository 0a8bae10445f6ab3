#include <algorithm>

#include "calendar/json_nodes.hpp"
#include "base/json/civil.hpp"
#include "tierdesk/calendar/calendar_json.hpp"

namespace tierdesk {
namespace json {
namespace {

// "24/7" when every day is open 00:00–24:00, else the open days from mon to sun.
boost::json::value write_week(const WeeklySchedule& week) {
  const LocalHours whole_day{{TimeOfDay::midnight(), TimeOfDay::end_of_day()}};
  if (std::all_of(week.days.begin(), week.days.end(),
                  [&](const LocalHours& day) { return day == whole_day; })) {
    return boost::json::value("24/7");
  }
  boost::json::object days;
  for (unsigned d = 1; d <= 7; ++d) {
    const std::chrono::weekday wd(d);
    if (!week[wd].empty()) days[weekday_text(wd)] = to_value(week[wd]);
  }
  return days;
}

}  // namespace

boost::json::object write_calendar_spec(const CalendarSpec& spec) {
  boost::json::object out;
  out["name"] = spec.name;
  out["zone"] = spec.zone;
  out["week"] = write_week(spec.week);
  if (!spec.holidays.empty()) {
    boost::json::array rules;
    for (const auto& rule : spec.holidays) rules.push_back(write_holiday_rule(rule));
    out["rules"] = std::move(rules);
  }
  if (!spec.overrides.empty()) {
    boost::json::array overrides;
    for (const auto& o : spec.overrides) {
      overrides.push_back(
          boost::json::object{{"date", to_value(o.date)}, {"hours", to_value(o.hours)}});
    }
    out["overrides"] = std::move(overrides);
  }
  return out;
}

}  // namespace json

std::string to_json(const CalendarSpec& spec) {
  return json::serialize_pretty(json::write_calendar_spec(spec), 2);
}

}  // namespace tierdesk
