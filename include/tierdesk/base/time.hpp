// Layer base — errors (error.hpp), the budgets of outside input (limits.hpp), civil time
// and instants (time.hpp), IANA zones (zone.hpp), the JSON duplicate-key check. Depends on
// nothing; every other layer builds on it.
// docs/architecture.md "Layers" has the picture and the include rule.
//
// Civil and absolute time.
//
// Two kinds of time never mix:
//  - an *instant* is a point on the UTC time line: std::chrono::sys_seconds (alias Instant);
//  - a *civil* value is what a wall clock and a wall calendar show somewhere: a Date
//    (std::chrono::year_month_day), a TimeOfDay (00:00 … 24:00) or a LocalSeconds
//    (std::chrono::local_seconds). Only a Zone (zone.hpp) turns one into the other.
//
//   Date d = *parse_date("2026-12-24");
//   TimeOfDay noon = *TimeOfDay::parse("12:00");
//   Segment<TimeOfDay> morning{*TimeOfDay::parse("08:00"), noon};   // [08:00, 12:00)
//   morning.length() == std::chrono::hours(4)
#pragma once

#include <chrono>
#include <compare>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "tierdesk/base/error.hpp"

namespace tierdesk {

using Instant = std::chrono::sys_seconds;
using LocalSeconds = std::chrono::local_seconds;
using Date = std::chrono::year_month_day;

// A time of day from 00:00:00 to 24:00:00 inclusive (24:00 closes a day that is open to midnight).
class TimeOfDay {
 public:
  constexpr TimeOfDay() = default;

  static constexpr TimeOfDay midnight() { return TimeOfDay(std::chrono::seconds{0}); }
  static constexpr TimeOfDay end_of_day() { return TimeOfDay(std::chrono::hours{24}); }

  // Seconds since midnight, 0 … 86400.
  static Result<TimeOfDay> from_seconds(std::chrono::seconds since_midnight);
  static Result<TimeOfDay> from_hms(int hours, int minutes, int seconds = 0);
  // "HH:MM" or "HH:MM:SS"; "24:00" is allowed, "24:01" and "25:00" are not.
  static Result<TimeOfDay> parse(std::string_view text);

  constexpr std::chrono::seconds since_midnight() const { return since_midnight_; }

  friend constexpr auto operator<=>(TimeOfDay, TimeOfDay) = default;

 private:
  constexpr explicit TimeOfDay(std::chrono::seconds s) : since_midnight_(s) {}
  std::chrono::seconds since_midnight_{0};
};

// A half-open interval [begin, end) over any ordered time type.
template <class T>
struct Segment {
  T begin{};
  T end{};

  constexpr bool empty() const { return !(begin < end); }
  constexpr auto length() const { return empty() ? decltype(end - begin){} : end - begin; }
  constexpr bool contains(T t) const { return !(t < begin) && t < end; }

  friend constexpr bool operator==(const Segment&, const Segment&) = default;
};

// The overlap of two segments (empty when they do not overlap).
template <class T>
constexpr Segment<T> intersect(const Segment<T>& a, const Segment<T>& b) {
  Segment<T> s{a.begin < b.begin ? b.begin : a.begin, a.end < b.end ? a.end : b.end};
  return s.empty() ? Segment<T>{s.begin, s.begin} : s;
}

// What is left of `a` after removing `b`: up to two pieces, written to *left and *right
// (each possibly empty).
template <class T>
constexpr void subtract(const Segment<T>& a, const Segment<T>& b, Segment<T>* left,
                        Segment<T>* right) {
  *left = intersect(a, Segment<T>{a.begin, b.begin});
  *right = intersect(a, Segment<T>{b.end, a.end});
}

// Local opening hours of one day: sorted, disjoint half-open intervals of time of day.
using LocalHours = std::vector<Segment<TimeOfDay>>;

// Checks hours: each interval non-empty (begin < end), sorted, not overlapping. `field`
// names the place in errors ("week.mon" → "week.mon[1]: …").
Result<void> validate_hours(const LocalHours& hours, std::string_view field);

// "YYYY-MM-DD", validated (2026-02-30 is an error naming the text).
Result<Date> parse_date(std::string_view text);
// A validated date from its parts.
Result<Date> make_date(int year, int month, int day);

// "2026-12-24T09:30:00+01:00", "2026-12-24T08:30:00Z", optional fractional seconds are
// rejected; an offset is required (a local time without zone is ambiguous).
Result<Instant> parse_iso8601(std::string_view text);

// "2026-12-24T08:30:00Z"
std::string format_utc(Instant t);

}  // namespace tierdesk

template <>
struct fmt::formatter<tierdesk::TimeOfDay> : fmt::formatter<std::string_view> {
  auto format(tierdesk::TimeOfDay t, fmt::format_context& ctx) const -> decltype(ctx.out()) {
    const auto s = t.since_midnight().count();
    if (s % 60 == 0) return fmt::format_to(ctx.out(), "{:02}:{:02}", s / 3600, s / 60 % 60);
    return fmt::format_to(ctx.out(), "{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  }
};

// Dates print as ISO-8601 "2026-12-24".
template <>
struct fmt::formatter<tierdesk::Date> : fmt::formatter<std::string_view> {
  auto format(const tierdesk::Date& d, fmt::format_context& ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                          static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  }
};
