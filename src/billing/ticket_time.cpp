#include "billing/ticket_time.hpp"

#include <algorithm>
#include <set>

namespace tierdesk::detail {
namespace {

using std::chrono::seconds;

seconds round_up(seconds value, seconds step) {
  if (value <= seconds{0}) return seconds{0};
  return (value + step - seconds{1}) / step * step;
}

void add_piece(std::vector<Piece>& out, std::size_t entry, RateClass cls, seconds length) {
  if (length <= seconds{0}) return;
  if (!out.empty() && out.back().entry == entry && out.back().rate_class == cls) {
    out.back().length += length;
    return;
  }
  out.push_back(Piece{entry, cls, length, seconds{0}, seconds{0}});
}

// The entry cut at the calendar's openings and closings, in order.
Result<void> split_per_minute(const Calendar& normal, const WorkEntry& e, std::size_t index,
                              std::vector<Piece>& out) {
  auto open = normal.open_intervals({e.start, e.end()});
  if (!open) return fail(open.error());
  RateClass cls{e.role, e.kind, false};
  Instant at = e.start;
  for (const auto& seg : *open) {
    cls.out_of_hours = true;
    add_piece(out, index, cls, seg.begin - at);
    cls.out_of_hours = false;
    add_piece(out, index, cls, seg.end - seg.begin);
    at = seg.end;
  }
  cls.out_of_hours = true;
  add_piece(out, index, cls, e.end() - at);
  return {};
}

}  // namespace

Result<std::vector<Piece>> split_pieces(const BillingRules& rules, bool surcharge,
                                        std::span<const WorkEntry* const> entries) {
  std::vector<Piece> out;
  out.reserve(entries.size());
  const OutOfHours* ooh = surcharge && rules.out_of_hours && rules.out_of_hours->surcharge.value > 0
                              ? &*rules.out_of_hours
                              : nullptr;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const WorkEntry& e = *entries[i];
    if (ooh && ooh->mode == OutOfHours::Mode::per_minute) {
      if (auto ok = split_per_minute(ooh->normal_hours, e, i, out); !ok) return fail(ok.error());
      continue;
    }
    const bool outside = ooh && !ooh->normal_hours.is_open(e.start);
    add_piece(out, i, RateClass{e.role, e.kind, outside}, e.duration);
  }
  return out;
}

void apply_threshold(std::vector<Piece>& pieces, const IncludedThreshold& threshold) {
  using Mode = IncludedThreshold::Mode;
  switch (threshold.mode) {
    case Mode::none: return;
    case Mode::all_if_over: {
      seconds total{0};
      for (const auto& p : pieces) total += p.length;
      if (total > threshold.limit) return;
      for (auto& p : pieces) p.free = p.length;
      return;
    }
    case Mode::excess_only: {
      seconds budget = threshold.limit;
      for (auto& p : pieces) {
        p.free = std::min(budget, p.length);
        budget -= p.free;
      }
      return;
    }
    case Mode::first_n_free: {
      seconds budget = threshold.limit;
      std::size_t entry = pieces.empty() ? 0 : pieces.front().entry;
      for (auto& p : pieces) {
        if (p.entry != entry) {
          entry = p.entry;
          budget = threshold.limit;
        }
        p.free = std::min(budget, p.length);
        budget -= p.free;
      }
      return;
    }
  }
}

void round_per_entry(std::vector<Piece>& pieces, const Rounding& rounding) {
  for (std::size_t first = 0; first < pieces.size();) {
    std::size_t last = first;
    seconds total{0};
    Piece* first_billed = nullptr;
    while (last < pieces.size() && pieces[last].entry == pieces[first].entry) {
      Piece& p = pieces[last++];
      p.billed = round_up(p.length - p.free, rounding.step);
      total += p.billed;
      if (!first_billed && p.billed > seconds{0}) first_billed = &p;
    }
    if (first_billed && total < rounding.minimum) first_billed->billed += rounding.minimum - total;
    first = last;
  }
}

std::map<RateClass, seconds> billed_by_class(std::vector<Piece>& pieces, const Rounding& rounding) {
  std::map<RateClass, seconds> out;
  if (rounding.scope == Rounding::Scope::per_entry) {
    round_per_entry(pieces, rounding);
    for (const auto& p : pieces) {
      if (p.billed > seconds{0}) out[p.rate_class] += p.billed;
    }
    return out;
  }
  const RateClass* first_class = nullptr;
  for (const auto& p : pieces) {
    if (p.length <= p.free) continue;
    out[p.rate_class] += p.length - p.free;
    if (!first_class) first_class = &p.rate_class;
  }
  seconds total{0};
  for (auto& [cls, time] : out) {
    time = round_up(time, rounding.step);
    total += time;
  }
  if (first_class && total < rounding.minimum) out[*first_class] += rounding.minimum - total;
  return out;
}

std::vector<seconds> billed_by_entry(std::vector<Piece>& pieces, std::size_t entry_count,
                                     const Rounding& rounding) {
  round_per_entry(pieces, rounding);
  std::vector<seconds> out(entry_count, seconds{0});
  for (const auto& p : pieces) out[p.entry] += p.billed;
  return out;
}

Result<OnSiteDays> count_on_site_days(const OnSiteDayRates& rates,
                                      std::span<const WorkEntry* const> entries) {
  const Zone& zone = rates.working_hours.zone();
  std::set<std::chrono::local_days> all_days;
  std::set<std::chrono::local_days> outside_days;
  for (const WorkEntry* e : entries) {
    const auto day = std::chrono::floor<std::chrono::days>(zone.to_local(e->start));
    all_days.insert(day);
    auto open = rates.working_hours.between(e->start, e->end());
    if (!open) return fail(open.error());
    if (*open != e->duration) outside_days.insert(day);
  }
  return OnSiteDays{static_cast<std::int64_t>(all_days.size() - outside_days.size()),
                    static_cast<std::int64_t>(outside_days.size())};
}

}  // namespace tierdesk::detail
