#include "calendar/open_index.hpp"

#include "calendar/day_hours.hpp"

namespace tierdesk::detail {
namespace {

Instant local_midnight_utc(Date date, const Zone& zone) {
  return zone.lookup(LocalSeconds{std::chrono::local_days{date}.time_since_epoch()}).first;
}

// Appends [b, e) to the index, merging with the previous interval when they touch or overlap.
void append(OpenIndex& idx, std::int64_t b, std::int64_t e) {
  if (!idx.open.empty() && b <= idx.close.back()) {
    if (e > idx.close.back()) {
      idx.after.back() += e - idx.close.back();
      idx.close.back() = e;
    }
    return;
  }
  const std::int64_t total = idx.after.empty() ? 0 : idx.after.back();
  idx.open.push_back(b);
  idx.close.push_back(e);
  idx.before.push_back(total);
  idx.after.push_back(total + (e - b));
}

}  // namespace

std::vector<Segment<Instant>> to_utc(const LocalHours& hours, Date date, const Zone& zone) {
  std::vector<Segment<Instant>> out;
  const auto day = std::chrono::local_days{date};
  for (const auto& h : hours) {
    // An opening in a repeated hour takes its first occurrence, a closing its second, so the
    // repeated hour counts twice; a boundary in a skipped hour lands on the transition.
    const Instant b = zone.lookup(LocalSeconds{day.time_since_epoch() + h.begin.since_midnight()}).first;
    const Instant e = zone.lookup(LocalSeconds{day.time_since_epoch() + h.end.since_midnight()}).second;
    if (b < e) out.push_back({b, e});
  }
  return out;
}

OpenIndex build_index(const CalendarSpec& spec, const Zone& zone, int first_year, int end_year) {
  OpenIndex idx;
  idx.first_year = first_year;
  idx.end_year = end_year;
  const Date first{std::chrono::year{first_year}, std::chrono::January, std::chrono::day{1}};
  const Date last{std::chrono::year{end_year}, std::chrono::January, std::chrono::day{1}};
  idx.begin = local_midnight_utc(first, zone).time_since_epoch().count();
  idx.end = local_midnight_utc(last, zone).time_since_epoch().count();

  DayHours planner(spec);
  const auto stop = std::chrono::sys_days{last};
  for (auto day = std::chrono::sys_days{first}; day < stop; day += std::chrono::days{1}) {
    const Date date{day};
    const LocalHours hours = planner.on(date);
    if (hours.empty()) continue;
    for (const auto& s : to_utc(hours, date, zone)) {
      append(idx, s.begin.time_since_epoch().count(), s.end.time_since_epoch().count());
    }
  }
  return idx;
}

}  // namespace tierdesk::detail
