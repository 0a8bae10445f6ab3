// Holiday rules: evaluation for one year, the per-year listing, and validation.
//
// The weekday rules use Boost.Date_Time's year-based generators; std::chrono dates are
// converted at the edge (to_boost / from_boost). Boost throws on impossible dates, so every
// call into it is preceded by the checks that rule them out (Evaluable).
#include <algorithm>
#include <tuple>

#include <fmt/format.h>
#include <boost/date_time/gregorian/gregorian_types.hpp>

#include "tierdesk/calendar/holidays.hpp"

namespace tierdesk {
namespace {

namespace bg = boost::gregorian;
namespace chr = std::chrono;

// Years in which rules are evaluated: the Gregorian computus starts in 1583, and Boost's
// gregorian::date ends in 9999.
constexpr int first_year = 1583;
constexpr int last_year = 9999;

// Easter offsets that keep the date inside Easter's own year (22 March − 80 = 1 or 2 January,
// 25 April + 250 = 31 December).
constexpr int min_easter_offset = -80;
constexpr int max_easter_offset = 250;

Date from_boost(const bg::date& d) {
  const auto ymd = d.year_month_day();
  return Date{chr::year{static_cast<int>(ymd.year)}, chr::month{ymd.month.as_number()},
              chr::day{ymd.day.as_number()}};
}

bg::greg_weekday to_boost(chr::weekday wd) {
  return bg::greg_weekday(static_cast<unsigned short>(wd.c_encoding()));
}

bg::greg_month to_boost_month(unsigned month) {
  return bg::greg_month(static_cast<unsigned short>(month));
}

bg::greg_year to_boost_year(int year) { return bg::greg_year(static_cast<unsigned short>(year)); }

// Whether month/day names a day of `year` (29 February only in leap years).
bool exists_in(int year, unsigned month, unsigned day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;  // before narrowing below
  return Date{chr::year{year}, chr::month{month}, chr::day{day}}.ok();
}

// Whether month/day exists in some year (29 February does).
bool exists_ever(unsigned month, unsigned day) { return exists_in(2000, month, day); }

bool valid_n(int n) { return n == -1 || (n >= 1 && n <= 5); }

// Whether the parts of `when` can be handed to Boost for `year` without it throwing.
struct Evaluable {
  int year;
  bool operator()(const FixedDate& r) const { return exists_in(year, r.month, r.day); }
  bool operator()(const EasterOffset&) const { return true; }
  bool operator()(const NthWeekday& r) const {
    return r.month >= 1 && r.month <= 12 && r.weekday.ok() && valid_n(r.n);
  }
  bool operator()(const WeekdayBefore& r) const {
    return exists_in(year, r.month, r.day) && r.weekday.ok();
  }
  bool operator()(const OneOff&) const { return true; }
  bool operator()(const DateRange&) const { return true; }
};

// The dates `when` yields for `year`, possibly outside it (filtered by the caller).
struct DatesOf {
  int year;
  std::vector<Date>& out;

  void operator()(const FixedDate& r) const {
    out.push_back(from_boost(
        bg::partial_date(bg::greg_day(static_cast<unsigned short>(r.day)), to_boost_month(r.month))
            .get_date(to_boost_year(year))));
  }
  void operator()(const EasterOffset& r) const {
    out.push_back(Date{chr::sys_days{easter_sunday(year)} + chr::days{r.days}});
  }
  void operator()(const NthWeekday& r) const {
    if (r.n == -1) {
      out.push_back(from_boost(bg::last_kday_of_month(to_boost(r.weekday), to_boost_month(r.month))
                                   .get_date(to_boost_year(year))));
      return;
    }
    const auto week = static_cast<bg::nth_kday_of_month::week_num>(r.n);
    const bg::date d = bg::nth_kday_of_month(week, to_boost(r.weekday), to_boost_month(r.month))
                           .get_date(to_boost_year(year));
    // Boost answers a missing 5th weekday with the 4th; a real 5th one is on the 29th or later.
    if (r.n == 5 && d.day().as_number() <= 28) return;
    out.push_back(from_boost(d));
  }
  void operator()(const WeekdayBefore& r) const {
    const bg::date anchor(to_boost_year(year), to_boost_month(r.month),
                          bg::greg_day(static_cast<unsigned short>(r.day)));
    out.push_back(from_boost(bg::first_kday_before(to_boost(r.weekday)).get_date(anchor)));
  }
  void operator()(const OneOff& r) const { out.push_back(r.date); }
  void operator()(const DateRange& r) const {
    if (!r.first.ok() || !r.last.ok()) return;
    const Date jan1{chr::year{year}, chr::January, chr::day{1}};
    const Date dec31{chr::year{year}, chr::December, chr::day{31}};
    const chr::sys_days first{std::max(r.first, jan1)};
    const chr::sys_days last{std::min(r.last, dec31)};
    for (chr::sys_days d = first; d <= last; d += chr::days{1}) out.emplace_back(d);
  }
};

// "holiday "Neujahr": <field>", the prefix of every validation error.
std::string field_of(const HolidayRule& rule, std::string_view field) {
  return fmt::format("holiday \"{}\": {}", rule.name, field);
}

std::string month_day(unsigned month, unsigned day) {
  return fmt::format("{:02}-{:02}", month, day);
}

Result<void> check_month_day(const HolidayRule& rule, unsigned month, unsigned day) {
  if (month < 1 || month > 12) {
    return fail(Error::invalid(Errc::invalid_date, field_of(rule, "month"),
                               fmt::format("{}", month), "1…12"));
  }
  if (!exists_ever(month, day)) {
    return fail(Error::invalid(Errc::invalid_date, field_of(rule, "month-day"),
                               month_day(month, day), "a day that exists in that month"));
  }
  return {};
}

Result<void> check_weekday(const HolidayRule& rule, chr::weekday wd) {
  if (wd.ok()) return {};
  return fail(Error::invalid(Errc::invalid_argument, field_of(rule, "weekday"),
                             fmt::format("{}", wd.c_encoding()), "0…6 (Sunday … Saturday)"));
}

Result<void> check_date(const HolidayRule& rule, std::string_view field, const Date& d) {
  if (d.ok()) return {};
  return fail(Error::invalid(Errc::invalid_date, field_of(rule, field), fmt::format("{}", d),
                             "a date that exists"));
}

// The checks specific to each kind of rule.
struct CheckWhen {
  const HolidayRule& rule;

  Result<void> operator()(const FixedDate& r) const {
    return check_month_day(rule, r.month, r.day);
  }
  Result<void> operator()(const EasterOffset& r) const {
    if (r.days >= min_easter_offset && r.days <= max_easter_offset) return {};
    return fail(Error::invalid(Errc::invalid_argument, field_of(rule, "easter offset"),
                               fmt::format("{}", r.days),
                               "-80…250 days (a date in Easter's own year)"));
  }
  Result<void> operator()(const NthWeekday& r) const {
    if (r.month < 1 || r.month > 12) {
      return fail(Error::invalid(Errc::invalid_date, field_of(rule, "month"),
                                 fmt::format("{}", r.month), "1…12"));
    }
    if (!valid_n(r.n)) {
      return fail(Error::invalid(Errc::invalid_argument, field_of(rule, "n"),
                                 fmt::format("{}", r.n), "1…5, or -1 for the last"));
    }
    return check_weekday(rule, r.weekday);
  }
  Result<void> operator()(const WeekdayBefore& r) const {
    if (auto ok = check_month_day(rule, r.month, r.day); !ok) return ok;
    if (r.month == 1 && r.day < 8) {
      return fail(Error::invalid(Errc::invalid_argument, field_of(rule, "month-day"),
                                 month_day(r.month, r.day),
                                 "01-08 or later (the weekday before must fall in the same year)"));
    }
    return check_weekday(rule, r.weekday);
  }
  Result<void> operator()(const OneOff& r) const { return check_date(rule, "date", r.date); }
  Result<void> operator()(const DateRange& r) const {
    if (auto ok = check_date(rule, "first", r.first); !ok) return ok;
    if (auto ok = check_date(rule, "last", r.last); !ok) return ok;
    if (r.first <= r.last) return {};
    return fail(Error::invalid(Errc::invalid_interval, field_of(rule, "range"),
                               fmt::format("{}…{}", r.first, r.last), "first <= last"));
  }
};

}  // namespace

bool HolidayRule::applies_in(int year) const {
  return (!valid_from || year >= *valid_from) && (!valid_until || year <= *valid_until);
}

Date easter_sunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return Date{chr::year{year}, chr::month{static_cast<unsigned>(month)},
              chr::day{static_cast<unsigned>(day)}};
}

void append_dates(const HolidayRule& rule, int year, std::vector<Date>& out) {
  if (year < first_year || year > last_year || !rule.applies_in(year)) return;
  if (!std::visit(Evaluable{year}, rule.when)) return;
  std::vector<Date> dates;
  std::visit(DatesOf{year, dates}, rule.when);
  for (const Date& d : dates) {
    if (d.year() == chr::year{year}) out.push_back(d);
  }
}

std::vector<Holiday> holidays_in(std::span<const HolidayRule> rules, int year) {
  struct Hit {
    Date date;
    bool partial;
    std::size_t rule;
  };
  std::vector<Hit> hits;
  std::vector<Date> dates;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    dates.clear();
    append_dates(rules[i], year, dates);
    for (const Date& d : dates) hits.push_back({d, !rules[i].hours.empty(), i});
  }
  // Per date: whole-day closures before partial days, then table order; the first one wins.
  std::ranges::sort(hits, {}, [](const Hit& h) { return std::tuple(h.date, h.partial, h.rule); });
  std::vector<Holiday> out;
  for (const Hit& h : hits) {
    if (!out.empty() && out.back().date == h.date) continue;
    out.push_back({h.date, rules[h.rule].name, rules[h.rule].hours});
  }
  return out;
}

Result<void> validate(const HolidayRule& rule) {
  if (rule.name.empty()) {
    return fail(Error::invalid(Errc::invalid_argument, "holiday: name", "", "a non-empty name"));
  }
  if (auto ok = std::visit(CheckWhen{rule}, rule.when); !ok) return ok;
  if (rule.valid_from && rule.valid_until && *rule.valid_from > *rule.valid_until) {
    return fail(Error::invalid(Errc::invalid_argument, field_of(rule, "valid_from…valid_until"),
                               fmt::format("{}…{}", *rule.valid_from, *rule.valid_until),
                               "valid_from <= valid_until"));
  }
  return validate_hours(rule.hours, field_of(rule, "hours"));
}

}  // namespace tierdesk
