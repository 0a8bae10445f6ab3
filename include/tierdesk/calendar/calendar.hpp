// Layer calendar — holidays and regional presets (holidays.hpp), calendars and their
// index of open intervals (this header), the calendar JSON format (calendar_json.hpp).
// Depends on base.
// docs/architecture.md "Layers" has the picture and the include rule.
//
// Business calendars: when is the desk open, and how much open time lies between two instants.
//
// A calendar is a time zone, a weekly schedule in wall-clock time, holiday rules and date
// overrides. Business time is the union of the half-open UTC intervals [open, close) that
// the schedule yields day by day; every operation is exact to the second.
//
//   Calendar cal = *Calendar::compile(spec);       // Mon–Fri 08:00–17:00 Europe/Berlin, DE-BW
//   cal.add(Mon 08:00, 9h)      == Tue 08:00       // budget ends at a close → next opening
//   cal.add(Fri 16:00, 2h)      == Mon 09:00       // weekends are skipped
//   cal.between(Fri 16:00, Mon 09:00) == 2h
//   cal.add(t, 0s)              == t if open, else the next opening
//
// Conventions (those of the established business-hours libraries):
//  - add(t, d), d >= 0: the latest instant u with between(t, u) == d;
//  - add(t, d), d < 0: the earliest instant u with between(u, t) == -d;
//  - between(a, b): business time inside [a, b), negative when b < a.
//
// Daylight saving time: the schedule is wall-clock time. A local time that does not exist
// (02:00–03:00 on the spring-forward day in Europe/Berlin) is skipped: an interval boundary in
// the gap lands on the transition instant. A repeated local hour (fall back) counts twice:
// 00:00–24:00 on that day is 25 hours long; an opening inside the repeated hour takes its first
// occurrence, a closing its second.
//
// Precedence for a date: an override replaces the day's hours; else a whole-day holiday
// closes it; else a partial-day holiday intersects the weekly hours with its own; else the
// weekly schedule applies.
//
// A compiled Calendar is immutable to its users and safe to share between threads. Internally
// it keeps a sorted index of open UTC intervals with running totals, built lazily for the
// years that queries reach, so add and between cost two binary searches.
#pragma once

#include <array>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "tierdesk/base/error.hpp"
#include "tierdesk/calendar/holidays.hpp"
#include "tierdesk/base/time.hpp"
#include "tierdesk/base/zone.hpp"

namespace tierdesk {

namespace detail {
struct CalendarAccess;  // the library's own read access to the compiled index
}

// Opening hours per weekday, in wall-clock time; days[0] is Sunday … days[6] Saturday
// (std::chrono::weekday::c_encoding()). Each day's intervals are sorted and disjoint.
struct WeeklySchedule {
  std::array<LocalHours, 7> days;

  LocalHours& operator[](std::chrono::weekday wd) { return days[wd.c_encoding()]; }
  const LocalHours& operator[](std::chrono::weekday wd) const { return days[wd.c_encoding()]; }
  bool empty() const;
  friend bool operator==(const WeeklySchedule&, const WeeklySchedule&) = default;
};

// Other hours for one date; no hours means closed all day.
struct DateOverride {
  Date date{};
  LocalHours hours;
  friend bool operator==(const DateOverride&, const DateOverride&) = default;
};

// The civil description of a calendar, as loaded from JSON (calendar_json.hpp).
struct CalendarSpec {
  std::string name;
  std::string zone = "UTC";
  WeeklySchedule week;
  std::vector<HolidayRule> holidays;
  std::vector<DateOverride> overrides;
  friend bool operator==(const CalendarSpec&, const CalendarSpec&) = default;
};

class Calendar {
 public:
  // Validates `spec` (zone exists, hours well-formed, rules valid, the calendar opens at all)
  // and prepares the lazy index. Errors name the field at fault.
  static Result<Calendar> compile(CalendarSpec spec);

  // The supported years' length: more open time than any calendar holds.
  static constexpr std::chrono::seconds max_span =
      std::chrono::sys_days{std::chrono::year{2400} / 1 / 1} -
      std::chrono::sys_days{std::chrono::year{1900} / 1 / 1};

  // A calendar that is always open (24/7) in UTC.
  static Calendar always_open();

  // This calendar with a fresh index that may cover at most `max_intervals` open intervals
  // (a year counts as 366 days of its busiest day): a question reaching further fails with
  // Errc::out_of_range naming the budget, before any work on it. For questions from outside
  // (limits::eval_index_intervals); a calendar without a budget grows over the supported years.
  Calendar budgeted(std::size_t max_intervals) const;

  const CalendarSpec& spec() const;
  const Zone& zone() const;

  // Instants between 1900-01-01 and 2400-01-01 are supported; others are Errc::out_of_range
  // (and closed for is_open). add() takes at most max_span either way (out_of_range beyond,
  // checked before any arithmetic on it).
  bool is_open(Instant t) const;
  // t when open, else the start of the next open interval.
  Result<Instant> next_open(Instant t) const;
  // The end of the open interval containing t, or of the next one when closed.
  Result<Instant> next_close(Instant t) const;
  Result<Instant> add(Instant t, std::chrono::seconds d) const;
  Result<std::chrono::seconds> between(Instant a, Instant b) const;
  // The open intervals clipped to `range`, in order.
  Result<std::vector<Segment<Instant>>> open_intervals(Segment<Instant> range) const;

  // The holidays of this calendar in `year` (its rules; overrides are not holidays).
  std::vector<Holiday> holidays(int year) const;
  // The local hours this calendar is open on `date` after holidays and overrides.
  LocalHours hours_on(Date date) const;

 private:
  struct Impl;
  friend struct detail::CalendarAccess;
  explicit Calendar(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace tierdesk
