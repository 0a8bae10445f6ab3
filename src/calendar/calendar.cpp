#include "tierdesk/calendar/calendar.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>

#include <fmt/format.h>

#include "calendar/day_hours.hpp"
#include "calendar/open_index.hpp"
#include "tierdesk/base/limits.hpp"

namespace tierdesk {

using detail::OpenIndex;
using std::chrono::seconds;

namespace {

constexpr int min_year = 1900;
constexpr int max_year = 2400;  // exclusive
constexpr int initial_span = 3;  // years built around the first query

std::int64_t count(Instant t) { return t.time_since_epoch().count(); }
Instant instant(std::int64_t s) { return Instant{seconds{s}}; }

constexpr std::array<std::string_view, 7> weekday_names = {"sun", "mon", "tue", "wed",
                                                            "thu", "fri", "sat"};

// The work budget of a calendar: a day's intervals, holiday rules and overrides are bounded,
// so that evaluating it over the supported years stays bounded too (a calendar of one-second
// openings once cost 70 s and 2.4 GB for one `between`).
Result<void> check_size(const LocalHours& hours, std::string_view field) {
  if (hours.size() > limits::calendar_intervals_per_day)
    return fail(Error::invalid(Errc::out_of_range, field, fmt::format("{} intervals", hours.size()),
                               fmt::format("at most {} a day", limits::calendar_intervals_per_day)));
  return {};
}

Result<void> validate_spec(CalendarSpec& spec) {
  for (unsigned wd = 0; wd < 7; ++wd) {
    const auto field = fmt::format("week.{}", weekday_names[wd]);
    if (auto ok = check_size(spec.week.days[wd], field); !ok) return ok;
    auto ok = validate_hours(spec.week.days[wd], field);
    if (!ok) return ok;
  }
  if (spec.holidays.size() > limits::calendar_rules)
    return fail(Error::invalid(Errc::out_of_range, "holidays",
                               fmt::format("{} rules", spec.holidays.size()),
                               fmt::format("at most {}", limits::calendar_rules)));
  if (spec.overrides.size() > limits::calendar_rules)
    return fail(Error::invalid(Errc::out_of_range, "overrides",
                               fmt::format("{} dates", spec.overrides.size()),
                               fmt::format("at most {}", limits::calendar_rules)));
  for (std::size_t i = 0; i < spec.holidays.size(); ++i) {
    auto ok = validate(spec.holidays[i]);
    if (!ok) return fail(ok.error().within(fmt::format("holidays[{}]", i)));
  }
  std::stable_sort(spec.overrides.begin(), spec.overrides.end(),
                   [](const DateOverride& a, const DateOverride& b) { return a.date < b.date; });
  for (std::size_t i = 0; i < spec.overrides.size(); ++i) {
    const auto& o = spec.overrides[i];
    if (auto ok = check_size(o.hours, fmt::format("overrides[{}].hours", i)); !ok) return ok;
    auto ok = validate_hours(o.hours, fmt::format("overrides[{}].hours", i));
    if (!ok) return ok;
    if (i > 0 && spec.overrides[i - 1].date == o.date) {
      return fail(Errc::conflict, fmt::format("overrides: date {} is given twice", o.date));
    }
  }
  const bool opens_on_override = std::any_of(spec.overrides.begin(), spec.overrides.end(),
                                             [](const DateOverride& o) { return !o.hours.empty(); });
  if (spec.week.empty() && !opens_on_override) {
    return fail(Errc::never_opens,
                fmt::format("calendar \"{}\": week has no opening hours and no override opens",
                            spec.name));
  }
  return {};
}

}  // namespace

// What growing the index gave: more years, nothing (the supported years end there), or an
// error (the calendar's work budget would be exceeded).
enum class Growth : std::uint8_t { grown, at_limit, over_budget };

struct Calendar::Impl {
  CalendarSpec spec;
  Zone zone;
  // The most open intervals the index may hold (0: no bound but the supported years), and an
  // upper bound of the intervals of one year, for checking before building.
  std::size_t max_intervals = 0;
  std::size_t intervals_per_year = 0;
  // Snapshots of the index only grow and are never freed before the calendar, so readers may
  // hold a pointer from `current` without a lock.
  mutable std::mutex mutex;
  mutable std::vector<std::unique_ptr<const OpenIndex>> snapshots;
  mutable std::atomic<const OpenIndex*> current{nullptr};

  Impl(CalendarSpec s, Zone z, std::size_t budget = 0)
      : spec(std::move(s)), zone(z), max_intervals(budget) {
    std::size_t per_day = 1;
    for (const auto& day : spec.week.days) per_day = std::max(per_day, day.size());
    for (const auto& o : spec.overrides) per_day = std::max(per_day, o.hours.size());
    intervals_per_year = 366 * per_day;
  }

  bool fits(int first, int end) const {
    return max_intervals == 0 ||
           static_cast<std::size_t>(end - first) * intervals_per_year <= max_intervals;
  }
  Error budget_error() const {
    return Error(Errc::out_of_range,
                 fmt::format("calendar \"{}\": the question reaches beyond {} years of it, the "
                             "budget of an evaluation ({} open intervals); ask about a shorter span",
                             spec.name, max_intervals / intervals_per_year, max_intervals));
  }

  int local_year(std::int64_t t) const {
    const auto local = zone.to_local(instant(t));
    return static_cast<int>(Date{std::chrono::floor<std::chrono::days>(local)}.year());
  }

  // An index covering every instant in [lo, hi], built or extended on demand.
  Result<const OpenIndex*> covering(std::int64_t lo, std::int64_t hi) const {
    const OpenIndex* idx = current.load(std::memory_order_acquire);
    if (idx && idx->covers(lo) && idx->covers(hi)) return idx;
    const int lo_year = local_year(lo);
    const int hi_year = local_year(hi);
    if (lo_year < min_year || hi_year >= max_year) {
      const auto bad = lo_year < min_year ? lo : hi;
      return fail(Errc::out_of_range,
                  fmt::format("instant {}: outside the supported years {}–{}",
                              format_utc(instant(bad)), min_year, max_year - 1));
    }
    const OpenIndex* grown = extend(lo_year, hi_year + 1);
    if (grown == nullptr) return fail(budget_error());
    return grown;
  }

  // An index covering local years [first, end), growing the current one geometrically so
  // that a walk far ahead rebuilds O(log n) times; nullptr when even [first, end) is over the
  // budget (geometric growth is trimmed to it first).
  const OpenIndex* extend(int first, int end) const {
    std::lock_guard lock(mutex);
    const OpenIndex* idx = current.load(std::memory_order_relaxed);
    if (idx && idx->first_year <= first && end <= idx->end_year) return idx;
    int new_first = first - 1, new_end = end + initial_span - 1;
    if (idx) {
      const int span = idx->end_year - idx->first_year;
      new_first = std::min(idx->first_year, first < idx->first_year ? first - span : first);
      new_end = std::max(idx->end_year, end > idx->end_year ? end + span : end);
    }
    new_first = std::max(new_first, min_year);
    new_end = std::min(new_end, max_year);
    if (!fits(new_first, new_end)) {
      new_first = std::min(first, idx ? idx->first_year : first);
      new_end = std::max(end, idx ? idx->end_year : end);
      if (!fits(new_first, new_end)) return nullptr;
    }
    snapshots.push_back(
        std::make_unique<const OpenIndex>(detail::build_index(spec, zone, new_first, new_end)));
    current.store(snapshots.back().get(), std::memory_order_release);
    return snapshots.back().get();
  }

  // Grows the index by at least one year forward (or back).
  Growth grow(const OpenIndex*& idx, bool forward) const {
    if (forward ? idx->end_year >= max_year : idx->first_year <= min_year) return Growth::at_limit;
    const OpenIndex* grown = forward ? extend(idx->first_year, idx->end_year + 1)
                                     : extend(idx->first_year - 1, idx->end_year);
    if (grown == nullptr) return Growth::over_budget;
    idx = grown;
    return Growth::grown;
  }
};

Result<Calendar> Calendar::compile(CalendarSpec spec) {
  auto zone = Zone::locate(spec.zone);
  if (!zone) return fail(zone.error());
  if (auto ok = validate_spec(spec); !ok) return fail(ok.error());
  return Calendar(std::make_shared<const Impl>(std::move(spec), *zone));
}

Calendar Calendar::always_open() {
  static const Calendar cal = [] {
    CalendarSpec spec;
    spec.name = "always";
    spec.zone = "UTC";
    for (auto& day : spec.week.days) day = {{TimeOfDay::midnight(), TimeOfDay::end_of_day()}};
    return *compile(std::move(spec));
  }();
  return cal;
}

Calendar Calendar::budgeted(std::size_t max_intervals) const {
  return Calendar(std::make_shared<const Impl>(impl_->spec, impl_->zone, max_intervals));
}

const CalendarSpec& Calendar::spec() const { return impl_->spec; }
const Zone& Calendar::zone() const { return impl_->zone; }

bool Calendar::is_open(Instant t) const {
  auto idx = impl_->covering(count(t), count(t));
  return idx && (*idx)->is_open(count(t));
}

Result<Instant> Calendar::next_open(Instant t) const {
  const std::int64_t s = count(t);
  auto found = impl_->covering(s, s);
  if (!found) return fail(found.error());
  const OpenIndex* idx = *found;
  for (;;) {
    const auto i = idx->last_opened(s);
    if (i >= 0 && s < idx->close[i]) return t;
    if (static_cast<std::size_t>(i + 1) < idx->size()) return instant(idx->open[i + 1]);
    const auto growth = impl_->grow(idx, true);
    if (growth == Growth::over_budget) return fail(impl_->budget_error());
    if (growth == Growth::at_limit) break;
  }
  return fail(Errc::never_opens,
              fmt::format("next_open: calendar \"{}\" does not open after {}", impl_->spec.name,
                          format_utc(t)));
}

Result<Instant> Calendar::next_close(Instant t) const {
  const std::int64_t s = count(t);
  auto found = impl_->covering(s, s);
  if (!found) return fail(found.error());
  const OpenIndex* idx = *found;
  for (;;) {
    const auto i = idx->last_opened(s);
    const std::size_t j = (i >= 0 && s < idx->close[i]) ? static_cast<std::size_t>(i)
                                                        : static_cast<std::size_t>(i + 1);
    // An interval that reaches the end of the index may go on beyond it.
    if (j < idx->size() && idx->close[j] < idx->end) return instant(idx->close[j]);
    const auto growth = impl_->grow(idx, true);
    if (growth == Growth::over_budget) return fail(impl_->budget_error());
    if (growth == Growth::at_limit) break;
  }
  return fail(Errc::out_of_range,
              fmt::format("next_close: calendar \"{}\" does not close after {} before year {}",
                          impl_->spec.name, format_utc(t), max_year));
}

Result<seconds> Calendar::between(Instant a, Instant b) const {
  const std::int64_t x = count(a), y = count(b);
  const std::int64_t lo = std::min(x, y), hi = std::max(x, y);
  auto found = impl_->covering(lo, hi);
  if (!found) return fail(found.error());
  const OpenIndex& idx = **found;
  const auto i = idx.last_opened(lo);
  const auto business = idx.elapsed_at(idx.last_opened_from(i, hi), hi) - idx.elapsed_at(i, lo);
  return seconds{x <= y ? business : -business};
}

Result<Instant> Calendar::add(Instant t, seconds d) const {
  if (d > max_span || d < -max_span)
    return fail(Error::invalid(Errc::out_of_range, "add", fmt::format("{} s", d.count()),
                               fmt::format("at most {} s either way (the supported years)",
                                           max_span.count())));
  const std::int64_t s = count(t);
  auto found = impl_->covering(s, s);
  if (!found) return fail(found.error());
  const OpenIndex* idx = *found;
  const bool forward = d >= seconds{0};
  for (;;) {
    // Recomputed after every growth: a backward extension shifts all running totals.
    const auto i = idx->last_opened(s);
    const std::int64_t target = idx->elapsed_at(i, s) + d.count();
    if (forward) {
      // Latest u with F(u) == target: inside the first interval whose running total exceeds
      // it, which lies at or after interval i.
      const auto hint = static_cast<std::size_t>(std::max<std::ptrdiff_t>(i, 0));
      if (const auto u = idx->latest_at(hint, target)) return instant(*u);
    } else if (target > 0) {
      // Earliest u with F(u) == target: the first interval whose running total reaches it.
      const auto j = std::lower_bound(idx->after.begin(), idx->after.end(), target) -
                     idx->after.begin();
      return instant(idx->open[j] + (target - idx->before[j]));
    }
    const auto growth = impl_->grow(idx, forward);
    if (growth == Growth::over_budget) return fail(impl_->budget_error());
    if (growth == Growth::at_limit) {
      // Walking back through exactly all the open time there is: no close precedes the
      // first opening, so that opening is the answer.
      if (!forward && target == 0 && idx->size() > 0) return instant(idx->open[0]);
      break;
    }
  }
  return fail(Errc::never_opens,
              fmt::format("add: calendar \"{}\" has not {} s of open time {} {} within the "
                          "supported years",
                          impl_->spec.name, d.count() < 0 ? -d.count() : d.count(),
                          forward ? "after" : "before", format_utc(t)));
}

Result<std::vector<Segment<Instant>>> Calendar::open_intervals(Segment<Instant> range) const {
  std::vector<Segment<Instant>> out;
  if (range.empty()) return out;
  auto found = impl_->covering(count(range.begin), count(range.end));
  if (!found) return fail(found.error());
  const OpenIndex* idx = *found;
  auto i = std::max<std::ptrdiff_t>(idx->last_opened(count(range.begin)), 0);
  for (auto n = static_cast<std::ptrdiff_t>(idx->size()); i < n; ++i) {
    const auto s = intersect(range, {instant(idx->open[i]), instant(idx->close[i])});
    if (idx->open[i] >= count(range.end)) break;
    if (!s.empty()) out.push_back(s);
  }
  return out;
}

namespace detail {

const OpenIndex* CalendarAccess::snapshot(const Calendar& calendar) {
  return calendar.impl_->current.load(std::memory_order_acquire);
}

}  // namespace detail

std::vector<Holiday> Calendar::holidays(int year) const {
  return holidays_in(impl_->spec.holidays, year);
}

LocalHours Calendar::hours_on(Date date) const {
  detail::DayHours planner(impl_->spec);
  return planner.on(date);
}

}  // namespace tierdesk
