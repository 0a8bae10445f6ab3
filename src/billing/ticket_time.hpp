// The time of one ticket through the billing steps of billing.hpp: out-of-hours split,
// included threshold, rounding. Private to the billing engine.
#pragma once

#include <chrono>
#include <compare>
#include <cstddef>
#include <map>
#include <span>
#include <vector>

#include "tierdesk/billing/billing.hpp"

namespace tierdesk::detail {

// What decides the price of a minute: role and kind pick the rate, out_of_hours the surcharge.
struct RateClass {
  Role role = Role::support;
  WorkKind kind = WorkKind::remote;
  bool out_of_hours = false;
  friend auto operator<=>(const RateClass&, const RateClass&) = default;
};

// A stretch of one entry in one rate class, in order of work.
struct Piece {
  std::size_t entry = 0;  // index into the ticket's entries
  RateClass rate_class;
  std::chrono::seconds length{0};
  std::chrono::seconds free{0};    // covered by the included threshold
  std::chrono::seconds billed{0};  // after per-entry rounding (round_per_entry)
};

// Step 1: the entries (sorted in order of work) cut into pieces by the out-of-hours rule,
// or one piece each when `surcharge` is false.
Result<std::vector<Piece>> split_pieces(const BillingRules& rules, bool surcharge,
                                        std::span<const WorkEntry* const> entries);

// Step 2: marks what the threshold leaves free.
void apply_threshold(std::vector<Piece>& pieces, const IncludedThreshold& threshold);

// Step 3 per entry: each entry's billable time rounded up to the step, then topped up to the
// minimum; the result lands in Piece::billed.
void round_per_entry(std::vector<Piece>& pieces, const Rounding& rounding);

// Billed time per rate class: per_entry sums Piece::billed (call round_per_entry first);
// per_ticket rounds each class's billable sum up and tops the first class up to the minimum.
std::map<RateClass, std::chrono::seconds> billed_by_class(std::vector<Piece>& pieces,
                                                          const Rounding& rounding);

// Billed time per entry, always rounded per entry (how a contingent is drawn).
std::vector<std::chrono::seconds> billed_by_entry(std::vector<Piece>& pieces,
                                                  std::size_t entry_count,
                                                  const Rounding& rounding);

// On-site days of a ticket: local dates with on-site work, split into those whose on-site
// work lies wholly inside the working hours and the others.
struct OnSiteDays {
  std::int64_t inside = 0;
  std::int64_t outside = 0;
};
Result<OnSiteDays> count_on_site_days(const OnSiteDayRates& rates,
                                      std::span<const WorkEntry* const> entries);

}  // namespace tierdesk::detail
