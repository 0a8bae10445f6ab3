// The local opening hours of one date after holidays and overrides (private).
#pragma once

#include <chrono>
#include <vector>

#include "tierdesk/calendar/calendar.hpp"

namespace tierdesk::detail {

// Resolves a date's hours. Built for walking consecutive days forward, as an index build
// does: holidays are evaluated once per year, and the next override and holiday are found by
// moving a cursor, not by a search per day. The first day asked, or an earlier one than the
// last, places the cursors afresh. Not thread-safe; the calendar uses one per index build.
class DayHours {
 public:
  explicit DayHours(const CalendarSpec& spec);

  // Override hours if the day has an override; else none on a whole-day holiday; else the
  // weekly hours intersected with a partial holiday's hours; else the weekly hours. The
  // reference is valid until the next call (it may refer to this object's own buffer).
  const LocalHours& on(std::chrono::sys_days day);
  const LocalHours& on(Date date) { return on(std::chrono::sys_days{date}); }

 private:
  // Makes the holidays of `day`'s year the current ones.
  void enter_year_of(std::chrono::sys_days day);

  const CalendarSpec& spec_;
  std::size_t next_override_ = 0;   // the first override not before the last day asked
  std::chrono::sys_days last_day_;  // the last day asked
  std::chrono::sys_days year_begin_, year_end_;  // the current year [begin, end)
  std::vector<Holiday> holidays_;                // of the current year, sorted by date
  std::vector<std::chrono::sys_days> holiday_days_;
  std::size_t next_holiday_ = 0;  // the first of them not before the last day asked
  LocalHours partial_;            // the hours of the last partial holiday asked about
};

// Sets `out` to the pieces of `week` that lie inside `limit` (both sorted and disjoint).
void intersect_hours(const LocalHours& week, const LocalHours& limit, LocalHours& out);

}  // namespace tierdesk::detail
