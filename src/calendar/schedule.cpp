#include <algorithm>

#include <fmt/format.h>

#include "calendar/day_hours.hpp"
#include "tierdesk/calendar/calendar.hpp"

namespace tierdesk {

bool WeeklySchedule::empty() const {
  return std::all_of(days.begin(), days.end(), [](const LocalHours& h) { return h.empty(); });
}

namespace detail {

LocalHours intersect_hours(const LocalHours& week, const LocalHours& limit) {
  LocalHours out;
  for (const auto& w : week) {
    for (const auto& l : limit) {
      const auto s = intersect(w, l);
      if (!s.empty()) out.push_back(s);
    }
  }
  return out;
}

const std::vector<Holiday>& DayHours::holidays_of(int year) {
  if (year != cached_year_) {
    cached_ = holidays_in(spec_.holidays, year);
    cached_year_ = year;
  }
  return cached_;
}

LocalHours DayHours::on(Date date) {
  const auto& overrides = spec_.overrides;  // sorted by date (Calendar::compile)
  const auto o = std::lower_bound(overrides.begin(), overrides.end(), date,
                                  [](const DateOverride& x, Date d) { return x.date < d; });
  if (o != overrides.end() && o->date == date) return o->hours;

  const LocalHours& week = spec_.week[std::chrono::weekday{std::chrono::sys_days{date}}];
  if (week.empty() || spec_.holidays.empty()) return week;

  const auto& hols = holidays_of(static_cast<int>(date.year()));
  const auto h = std::lower_bound(hols.begin(), hols.end(), date,
                                  [](const Holiday& x, Date d) { return x.date < d; });
  if (h == hols.end() || h->date != date) return week;
  if (h->hours.empty()) return {};
  return intersect_hours(week, h->hours);
}

}  // namespace detail
}  // namespace tierdesk
