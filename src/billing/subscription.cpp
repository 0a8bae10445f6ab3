#include "tierdesk/billing/subscription.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

namespace tierdesk {
namespace {

using std::chrono::days;
using std::chrono::months;
using std::chrono::sys_days;
using std::chrono::year_month;

Date first_of(year_month ym) { return ym / std::chrono::day{1}; }
Date last_of(year_month ym) { return ym / std::chrono::last; }
Date plus_days(Date d, int n) { return Date{sys_days{d} + days{n}}; }

// Term k covers the months [first month + k × term, first month + (k + 1) × term).
year_month term_month(const Subscription& s, long k) {
  return s.start.year() / s.start.month() + months{k * s.term_months};
}

SubscriptionCharge term_charge(const Subscription& s, long k) {
  const Date first = k == 0 ? s.start : first_of(term_month(s, k));
  const Date last = last_of(term_month(s, k + 1) - months{1});
  const Date due = k == 0 ? plus_days(s.start, s.trial_days) : first;
  return {due, first, last, s.fee};
}

}  // namespace

Result<void> validate(const Subscription& s) {
  if (s.term_months < 1)
    return fail(Error::invalid(Errc::invalid_argument, "subscription.term_months",
                               std::to_string(s.term_months), "at least 1"));
  if (s.trial_days < 0)
    return fail(Error::invalid(Errc::invalid_argument, "subscription.trial_days",
                               std::to_string(s.trial_days), "zero or more"));
  if (s.fee.minor_units() < 0)
    return fail(Error::invalid(Errc::invalid_argument, "subscription.fee", fmt::format("{}", s.fee),
                               "zero or more"));
  if (!s.start.ok())
    return fail(Error::invalid(Errc::invalid_date, "subscription.start", fmt::format("{}", s.start),
                               "a valid date"));
  if (s.cancelled_on && sys_days{*s.cancelled_on} < sys_days{s.start})
    return fail(Error::invalid(Errc::invalid_argument, "subscription.cancelled_on",
                               fmt::format("{}", *s.cancelled_on),
                               fmt::format("a date from the start {} on", s.start)));
  return {};
}

bool cancelled_in_trial(const Subscription& s) {
  return s.cancelled_on && sys_days{*s.cancelled_on} < sys_days{plus_days(s.start, s.trial_days)};
}

// The term a day falls in (k >= 0 once the day is on or after the start).
long term_of(const Subscription& s, Date day) {
  const year_month first = s.start.year() / s.start.month();
  const year_month month = day.year() / day.month();
  return (month - first).count() / s.term_months;
}

std::optional<Date> service_end(const Subscription& s) {
  if (!s.cancelled_on) return std::nullopt;
  if (cancelled_in_trial(s)) return s.cancelled_on;
  return term_charge(s, term_of(s, *s.cancelled_on)).term_last;
}

// Only the terms that can be due in [first, last] are looked at: the first term (due after
// the trial, which may end after later terms begin) and the terms that begin in the window, so
// the cost is the number of charges, not the months since the start.
Result<std::vector<SubscriptionCharge>> charges_due(const Subscription& s, Date first, Date last) {
  if (auto ok = validate(s); !ok) return fail(ok.error());
  std::vector<SubscriptionCharge> out;
  if (cancelled_in_trial(s) || sys_days{last} < sys_days{s.start}) return out;
  const auto end = service_end(s);
  auto take = [&](const SubscriptionCharge& charge) {
    if (end && sys_days{charge.term_first} > sys_days{*end}) return;
    if (sys_days{first} <= sys_days{charge.due} && sys_days{charge.due} <= sys_days{last})
      out.push_back(charge);
  };
  take(term_charge(s, 0));
  const long from = std::max(1L, sys_days{first} < sys_days{s.start} ? 1L : term_of(s, first));
  for (long k = from; k <= term_of(s, last); ++k) take(term_charge(s, k));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::pair(sys_days{a.due}, sys_days{a.term_first}) <
           std::pair(sys_days{b.due}, sys_days{b.term_first});
  });
  return out;
}

}  // namespace tierdesk
