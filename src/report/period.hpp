// Private helpers of the report layer: report periods as instants and civil formatting.
#pragma once

#include <chrono>
#include <string>

#include "tierdesk/base/time.hpp"
#include "tierdesk/base/zone.hpp"

namespace tierdesk::report {

// The first instant of local date `d` in `zone` (the transition when midnight is skipped).
Instant start_of_day(std::chrono::local_days d, const Zone& zone);
// [first local midnight of the month, first of the next) in `zone`.
Segment<Instant> month_span(std::chrono::year_month month, const Zone& zone);
// "2026-11-20 14:30" in `zone`.
std::string local_minute(Instant t, const Zone& zone);
// "2026-11-20" in `zone`.
std::string local_date(Instant t, const Zone& zone);
// "2026-11".
std::string month_text(std::chrono::year_month month);
// "10:30 h" (hours and minutes, seconds rounded up to the minute).
std::string hours_text(std::chrono::seconds s);

}  // namespace tierdesk::report
