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

// Resolves local times that mostly lie in one offset period of the zone, as the days of an
// index do. A local time whose instant under the current period's offset lies at least three
// days inside that period is unique: the offsets of the tz database lie within ±16 hours, so
// any other period's offset differs by less than the margin and cannot map the time into its
// own stretch. Anything nearer a transition is left to the zone.
class LocalResolver {
 public:
  explicit LocalResolver(const Zone& zone) : zone_(zone), period_(zone.period(Instant{})) {}

  LocalLookup operator()(LocalSeconds local) {
    const Instant guess{local.time_since_epoch() - period_.offset};
    if (guess - period_.begin >= margin && period_.end - guess > margin)
      return {LocalLookup::Kind::unique, guess, guess};
    const LocalLookup exact = zone_.lookup(local);
    period_ = zone_.period(exact.first);
    return exact;
  }

 private:
  static constexpr std::chrono::seconds margin = std::chrono::days{3};
  Zone zone_;
  ZonePeriod period_;
};

}  // namespace

OpenIndex build_index(const CalendarSpec& spec, const Zone& zone, int first_year, int end_year) {
  OpenIndex idx;
  idx.first_year = first_year;
  idx.end_year = end_year;
  const Date first{std::chrono::year{first_year}, std::chrono::January, std::chrono::day{1}};
  const Date last{std::chrono::year{end_year}, std::chrono::January, std::chrono::day{1}};
  idx.begin = local_midnight_utc(first, zone).time_since_epoch().count();
  idx.end = local_midnight_utc(last, zone).time_since_epoch().count();

  const auto stop = std::chrono::sys_days{last};
  const auto days = (stop - std::chrono::sys_days{first}).count();
  std::size_t per_week = 0;
  for (const auto& hours : spec.week.days) per_week += hours.size();
  std::size_t expected = static_cast<std::size_t>(days / 7 + 1) * per_week;
  for (const auto& o : spec.overrides) expected += o.hours.size();
  for (auto* v : {&idx.open, &idx.close, &idx.before, &idx.after}) v->reserve(expected);

  DayHours planner(spec);
  LocalResolver resolve(zone);
  for (auto day = std::chrono::sys_days{first}; day < stop; day += std::chrono::days{1}) {
    const LocalHours& hours = planner.on(day);
    const auto midnight = day.time_since_epoch();
    for (const auto& h : hours) {
      // An opening in a repeated hour takes its first occurrence, a closing its second, so the
      // repeated hour counts twice; a boundary in a skipped hour lands on the transition.
      const Instant b = resolve(LocalSeconds{midnight + h.begin.since_midnight()}).first;
      const Instant e = resolve(LocalSeconds{midnight + h.end.since_midnight()}).second;
      if (b < e) append(idx, b.time_since_epoch().count(), e.time_since_epoch().count());
    }
  }
  return idx;
}

}  // namespace tierdesk::detail
