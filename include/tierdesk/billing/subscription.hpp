// Subscriptions: a fee per term, due in advance (meinOfficePlus, Solutionbar's service fee).
//
// Terms are `term_months` calendar months long and begin on the 1st of a month; the first
// term runs from the start date to the end of its months and costs the full fee (no
// proration). A term's fee is due in advance on its first day, except the first term's, which
// is due the day after the trial ends. Cancelling within the trial (the start date and the
// `trial_days − 1` days after it) means nothing is charged at all; a later cancellation takes
// effect at the end of the term it falls in, so no later term is charged.
//
//   Subscription s{.name = "meinOfficePlus", .fee = 29.90 EUR, .term_months = 1,
//                  .start = 2026-11-20, .trial_days = 14};
//   charges_due(s, 2026-12-01, 2026-12-31)
//     → due 2026-12-01 term 2026-12-01…2026-12-31, due 2026-12-04 term 2026-11-20…2026-11-30
//   s.cancelled_on = 2026-12-02;   // within the trial (20 Nov … 3 Dec): nothing, ever
//   s.cancelled_on = 2026-12-10;   // after it: service ends 2026-12-31, no charge from January
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tierdesk/base/error.hpp"
#include "tierdesk/billing/money.hpp"
#include "tierdesk/base/time.hpp"

namespace tierdesk {

struct Subscription {
  std::string name;
  Money fee;  // per term
  int term_months = 1;
  Date start{};
  int trial_days = 0;
  std::optional<Date> cancelled_on;  // the day the cancellation was received
  friend bool operator==(const Subscription&, const Subscription&) = default;
};

struct SubscriptionCharge {
  Date due{};
  Date term_first{};
  Date term_last{};
  Money amount;
  friend bool operator==(const SubscriptionCharge&, const SubscriptionCharge&) = default;
};

// Errc::invalid_argument naming the field: term_months < 1, trial_days < 0, a negative fee,
// a cancellation before the start.
Result<void> validate(const Subscription& s);

// True when the cancellation was received within the trial.
bool cancelled_in_trial(const Subscription& s);

// The last day of service: none while not cancelled; the cancellation day when cancelled in
// the trial; else the last day of the term the cancellation falls in.
std::optional<Date> service_end(const Subscription& s);

// The charges whose due date lies in [first, last], ordered by due date then term.
Result<std::vector<SubscriptionCharge>> charges_due(const Subscription& s, Date first, Date last);

}  // namespace tierdesk
