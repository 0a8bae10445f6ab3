#include <algorithm>

#include <fmt/format.h>

#include "calendar/day_hours.hpp"
#include "tierdesk/calendar/calendar.hpp"

namespace tierdesk {

bool WeeklySchedule::empty() const {
  return std::all_of(days.begin(), days.end(), [](const LocalHours& h) { return h.empty(); });
}

namespace detail {

void intersect_hours(const LocalHours& week, const LocalHours& limit, LocalHours& out) {
  out.clear();
  for (const auto& w : week) {
    for (const auto& l : limit) {
      const auto s = intersect(w, l);
      if (!s.empty()) out.push_back(s);
    }
  }
}

DayHours::DayHours(const CalendarSpec& spec)
    : spec_(spec),
      last_day_(std::chrono::sys_days::max()),
      year_begin_(std::chrono::sys_days::max()),
      year_end_(std::chrono::sys_days::min()) {}

void DayHours::enter_year_of(std::chrono::sys_days day) {
  const std::chrono::year year = Date{day}.year();
  year_begin_ = std::chrono::sys_days{year / std::chrono::January / 1};
  year_end_ = std::chrono::sys_days{(year + std::chrono::years{1}) / std::chrono::January / 1};
  holidays_ = holidays_in(spec_.holidays, static_cast<int>(year));
  holiday_days_.clear();
  for (const auto& h : holidays_) holiday_days_.push_back(std::chrono::sys_days{h.date});
  next_holiday_ = 0;
}

const LocalHours& DayHours::on(std::chrono::sys_days day) {
  static const LocalHours closed;
  const bool placing = day < last_day_;  // the first call, or going back
  last_day_ = day;
  if (placing) next_holiday_ = 0;

  const auto& overrides = spec_.overrides;  // sorted by date (Calendar::compile)
  if (!overrides.empty()) {
    const Date date{day};
    if (placing) {
      next_override_ = static_cast<std::size_t>(
          std::lower_bound(overrides.begin(), overrides.end(), date,
                           [](const DateOverride& o, Date d) { return o.date < d; }) -
          overrides.begin());
    }
    while (next_override_ < overrides.size() && overrides[next_override_].date < date)
      ++next_override_;
    if (next_override_ < overrides.size() && overrides[next_override_].date == date)
      return overrides[next_override_].hours;
  }

  const LocalHours& week = spec_.week[std::chrono::weekday{day}];
  if (week.empty() || spec_.holidays.empty()) return week;

  if (day < year_begin_ || day >= year_end_) enter_year_of(day);
  while (next_holiday_ < holiday_days_.size() && holiday_days_[next_holiday_] < day)
    ++next_holiday_;
  if (next_holiday_ == holiday_days_.size() || holiday_days_[next_holiday_] != day) return week;
  const Holiday& h = holidays_[next_holiday_];
  if (h.hours.empty()) return closed;
  intersect_hours(week, h.hours, partial_);
  return partial_;
}

}  // namespace detail
}  // namespace tierdesk
