// JourFixe slots: a weekly-period series of local appointments, skipping closed days.
#include "tierdesk/sla/jourfixe.hpp"

#include <fmt/format.h>

namespace tierdesk {
namespace {

using std::chrono::days;
using std::chrono::local_days;

// Floor division for possibly negative day counts.
long long floor_div(long long a, long long b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

Result<JourFixe> JourFixe::compile(const JourFixeSpec& spec, Calendar calendar) {
  if (!spec.anchor.ok())
    return fail(Error::invalid(Errc::invalid_date, "anchor", fmt::format("{}", spec.anchor),
                               "a date that exists"));
  if (spec.at >= TimeOfDay::end_of_day())
    return fail(Error::invalid(Errc::invalid_time, "at", fmt::format("{}", spec.at),
                               "a time of day before 24:00"));
  if (spec.every_weeks < 1 || spec.every_weeks > 52)
    return fail(Error::invalid(Errc::invalid_argument, "every_weeks",
                               fmt::format("{}", spec.every_weeks), "a number of weeks in 1 … 52"));
  return JourFixe(spec, std::move(calendar));
}

Instant JourFixe::slot_on(local_days day) const {
  // Unique: that instant; skipped (spring forward): the transition; repeated: the first one.
  return calendar_.zone().lookup(day + spec_.at.since_midnight()).first;
}

Result<Instant> JourFixe::next_slot(Instant t) const {
  const long long period = 7LL * spec_.every_weeks;
  const local_days anchor{spec_.anchor};
  const local_days today = std::chrono::floor<days>(calendar_.zone().to_local(t));
  local_days day = anchor + days{floor_div((today - anchor).count(), period) * period};
  const long long limit = 10 * 366 / period + 2;
  for (long long i = 0; i <= limit; ++i, day += days{period}) {
    const Instant slot = slot_on(day);
    if (slot < t) continue;
    if (calendar_.hours_on(Date{day}).empty()) continue;
    return slot;
  }
  return fail(Errc::never_opens,
              fmt::format("jourfixe: no slot on an open day of calendar \"{}\" within ten years "
                          "after {}",
                          calendar_.spec().name, calendar_.zone().format_iso8601(t)));
}

}  // namespace tierdesk
