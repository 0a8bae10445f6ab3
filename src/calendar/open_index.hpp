// The compiled form of a calendar over a range of local years (private).
//
// Open UTC intervals [open[i], close[i]) sorted and disjoint (touching intervals are merged),
// with running totals: before[i] is the business time from `begin` to open[i], after[i] the
// same to close[i]. F(t), the business time in [begin, t), is one binary search; add and
// between follow from F. All values are seconds since the Unix epoch, kept in flat arrays.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "tierdesk/calendar.hpp"

namespace tierdesk::detail {

struct OpenIndex {
  int first_year = 0;  // local years [first_year, end_year)
  int end_year = 0;
  std::int64_t begin = 0;  // UTC of local midnight starting first_year
  std::int64_t end = 0;    // UTC of local midnight starting end_year
  std::vector<std::int64_t> open, close, before, after;

  bool covers(std::int64_t t) const { return begin <= t && t < end; }
  std::size_t size() const { return open.size(); }

  // Index of the last interval with open <= t, or -1.
  std::ptrdiff_t last_opened(std::int64_t t) const {
    return std::upper_bound(open.begin(), open.end(), t) - open.begin() - 1;
  }
  // Business seconds in [begin, t), for t inside the index.
  std::int64_t elapsed(std::int64_t t) const {
    const auto i = last_opened(t);
    if (i < 0) return 0;
    return before[i] + std::min(t, close[i]) - open[i];
  }
  bool is_open(std::int64_t t) const {
    const auto i = last_opened(t);
    return i >= 0 && t < close[i];
  }
};

// Builds the index of `spec` in `zone` for local years [first_year, end_year).
OpenIndex build_index(const CalendarSpec& spec, const Zone& zone, int first_year, int end_year);

// The UTC instants of local `hours` on `date` (DST rules as documented in calendar.hpp).
std::vector<Segment<Instant>> to_utc(const LocalHours& hours, Date date, const Zone& zone);

}  // namespace tierdesk::detail
