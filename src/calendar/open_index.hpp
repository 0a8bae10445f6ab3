// The compiled form of a calendar over a range of local years (private).
//
// Open UTC intervals [open[i], close[i]) sorted and disjoint (touching intervals are merged),
// with running totals: before[i] is the business time from `begin` to open[i], after[i] the
// same to close[i]. F(t), the business time in [begin, t), is one binary search; add and
// between follow from F. All values are seconds since the Unix epoch, kept in flat arrays.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "tierdesk/calendar/calendar.hpp"

namespace tierdesk::detail {

// Index of the first of the n sorted values at `data` that is greater than `key` (n if none).
// Branchless (the comparison feeds a conditional move), so random lookups do not pay for
// mispredicted branches.
inline std::size_t upper_bound_index(const std::int64_t* data, std::size_t n, std::int64_t key) {
  if (n == 0) return 0;
  const std::int64_t* base = data;
  while (n > 1) {
    const std::size_t half = n / 2;
    base = base[half] <= key ? base + half : base;
    n -= half;
  }
  return static_cast<std::size_t>(base - data) + (*base <= key ? 1 : 0);
}

// Like upper_bound_index, for a key whose answer is at or after `hint` and usually close to
// it: gallops forward from the hint, then searches the bracket found.
inline std::size_t upper_bound_from(const std::vector<std::int64_t>& v, std::size_t hint,
                                    std::int64_t key) {
  const std::size_t n = v.size();
  std::size_t lo = hint, step = 1;
  while (lo + step < n && v[lo + step] <= key) {
    lo += step;
    step *= 2;
  }
  const std::size_t hi = std::min(lo + step + 1, n);
  return lo + upper_bound_index(v.data() + lo, hi - lo, key);
}

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
    return static_cast<std::ptrdiff_t>(upper_bound_index(open.data(), open.size(), t)) - 1;
  }
  // The same for t at or after the open of interval `hint` (or hint == -1).
  std::ptrdiff_t last_opened_from(std::ptrdiff_t hint, std::int64_t t) const {
    const auto from = static_cast<std::size_t>(std::max<std::ptrdiff_t>(hint, 0));
    return static_cast<std::ptrdiff_t>(upper_bound_from(open, from, t)) - 1;
  }
  // Business seconds in [begin, t) when interval i is the last one opened at or before t.
  std::int64_t elapsed_at(std::ptrdiff_t i, std::int64_t t) const {
    if (i < 0) return 0;
    return before[i] + std::min(t, close[i]) - open[i];
  }
  // Business seconds in [begin, t), for t inside the index.
  std::int64_t elapsed(std::int64_t t) const { return elapsed_at(last_opened(t), t); }
  bool is_open(std::int64_t t) const {
    const auto i = last_opened(t);
    return i >= 0 && t < close[i];
  }
  // The latest instant u with F(u) == total, searching from interval `hint` on (F(open[hint])
  // <= total); empty when the index ends before the business time reaches `total`.
  std::optional<std::int64_t> latest_at(std::size_t hint, std::int64_t total) const {
    const std::size_t j = upper_bound_from(after, hint, total);
    if (j >= size()) return std::nullopt;
    return open[j] + (total - before[j]);
  }
};

// The library's read access to a calendar's index, for callers that answer many queries on
// instants it already covers without Calendar's per-call checks.
struct CalendarAccess {
  // The newest snapshot of the index (nullptr before the first query). It stays valid as long
  // as the calendar does; Calendar::add and between grow the index when it falls short.
  static const OpenIndex* snapshot(const Calendar& calendar);
};

// Builds the index of `spec` in `zone` for local years [first_year, end_year).
OpenIndex build_index(const CalendarSpec& spec, const Zone& zone, int first_year, int end_year);

}  // namespace tierdesk::detail
