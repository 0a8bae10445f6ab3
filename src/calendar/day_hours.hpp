// The local opening hours of one date after holidays and overrides (private).
#pragma once

#include <span>
#include <vector>

#include "tierdesk/calendar/calendar.hpp"

namespace tierdesk::detail {

// Resolves a date's hours. Holidays are evaluated once per year and cached, so walking many
// consecutive dates is cheap. Not thread-safe; the calendar uses one per index build.
class DayHours {
 public:
  explicit DayHours(const CalendarSpec& spec) : spec_(spec) {}

  // Override hours if the date has an override; else none on a whole-day holiday; else the
  // weekly hours intersected with a partial holiday's hours; else the weekly hours.
  LocalHours on(Date date);

 private:
  const std::vector<Holiday>& holidays_of(int year);

  const CalendarSpec& spec_;
  int cached_year_ = 0;
  std::vector<Holiday> cached_;
};

// The pieces of `week` that lie inside `limit` (both sorted and disjoint).
LocalHours intersect_hours(const LocalHours& week, const LocalHours& limit);

}  // namespace tierdesk::detail
