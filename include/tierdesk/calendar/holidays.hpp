// Public holidays as rules over civil dates.
//
// A holiday is a civil date in the calendar's zone, never an instant: 25 December is
// 25 December in Copenhagen and in Berlin whatever their offsets. A rule yields the dates of
// one holiday for a given year; presets are tables of such rules (Germany and each of its
// 16 states, Denmark).
//
//   auto bw = *preset("DE-BW");
//   holidays_in(bw, 2026)  → 2026-01-01 Neujahr, 2026-01-06 Heilige Drei Könige,
//                            2026-04-03 Karfreitag, 2026-04-06 Ostermontag, …
//   // Buß- und Bettag (Saxony): the Wednesday before 23 November
//   HolidayRule{"Buß- und Bettag", WeekdayBefore{11, 23, std::chrono::Wednesday}}
//
// A rule with `hours` is a partial day: on that date the calendar is open only inside those
// local hours (intersected with its weekly schedule), e.g. 24 December 08:00–12:00.
//
// A rule's dates for a year always lie in that year. Rules are evaluated for the Gregorian
// years 1583–9999 and yield nothing outside them. docs/holidays.md describes each preset.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tierdesk/base/error.hpp"
#include "tierdesk/base/time.hpp"

namespace tierdesk {

struct FixedDate {  // every year on month/day (skipped in years where the day does not exist)
  unsigned month = 1;
  unsigned day = 1;
  friend bool operator==(const FixedDate&, const FixedDate&) = default;
};
struct EasterOffset {  // Western (Gregorian) Easter Sunday + days (-80…250); Good Friday is -2
  int days = 0;
  friend bool operator==(const EasterOffset&, const EasterOffset&) = default;
};
struct NthWeekday {  // n-th weekday of a month; n = -1 is the last one
  unsigned month = 1;
  std::chrono::weekday weekday{};
  int n = 1;
  friend bool operator==(const NthWeekday&, const NthWeekday&) = default;
};
struct WeekdayBefore {  // the last `weekday` strictly before month/day (from 8 January on)
  unsigned month = 1;
  unsigned day = 1;
  std::chrono::weekday weekday{};
  friend bool operator==(const WeekdayBefore&, const WeekdayBefore&) = default;
};
struct OneOff {  // a single date, e.g. 2017-10-31 (Reformation Day, 500th anniversary)
  Date date{};
  friend bool operator==(const OneOff&, const OneOff&) = default;
};
struct DateRange {  // every date from `first` to `last` inclusive (company closure); a range
                    // across New Year yields each year's part in that year
  Date first{};
  Date last{};
  friend bool operator==(const DateRange&, const DateRange&) = default;
};

using HolidayWhen = std::variant<FixedDate, EasterOffset, NthWeekday, WeekdayBefore, OneOff,
                                 DateRange>;

struct HolidayRule {
  std::string name;
  HolidayWhen when;
  std::optional<int> valid_from;   // first year the rule applies (inclusive)
  std::optional<int> valid_until;  // last year the rule applies (inclusive)
  LocalHours hours;  // empty: closed all day; else open only inside these

  bool applies_in(int year) const;
  friend bool operator==(const HolidayRule&, const HolidayRule&) = default;
};

struct Holiday {
  Date date{};
  std::string name;
  LocalHours hours;  // empty: closed all day
  friend bool operator==(const Holiday&, const Holiday&) = default;
};

// Gregorian Easter Sunday of `year`, 1583…9999 (anonymous Gregorian algorithm).
Date easter_sunday(int year);

// The dates `rule` yields in `year`, appended to `out`: nothing when the rule is not valid in
// that year or names a day that does not exist; dates outside `year` are dropped. Never throws.
void append_dates(const HolidayRule& rule, int year, std::vector<Date>& out);

// All holidays of `rules` in `year`, sorted by date. When two rules fall on one date the
// day is listed once; a whole-day closure wins over a partial day, else the earlier rule wins.
std::vector<Holiday> holidays_in(std::span<const HolidayRule> rules, int year);

// Checks a rule on its own; errors name the rule and the bad value. invalid_date: a month or
// month/day that does not exist; invalid_argument: an empty name, n not in 1…5 or -1, a bad
// weekday, an Easter offset outside -80…250, valid_from > valid_until; invalid_interval: an
// empty hour interval or range first > last; overlapping_intervals: hours unsorted or overlapping.
Result<void> validate(const HolidayRule& rule);

// Statutory public holidays of a region: "DE" (nationwide), "DE-BW", "DE-BY", … (all 16
// states, each including the nationwide ones), "DK". Errc::unknown_preset otherwise.
// Holidays of single municipalities are left out, except Mariä Himmelfahrt, which DE-BY
// includes (it holds in most Bavarian municipalities; remove the rule for the others).
Result<std::vector<HolidayRule>> preset(std::string_view code);

// The preset codes, in the order "DE", "DE-BB", …, "DK".
std::span<const std::string_view> preset_codes();

}  // namespace tierdesk
