#include "tierdesk/billing/contingent.hpp"

#include <algorithm>
#include <tuple>
#include <vector>

#include <fmt/format.h>

namespace tierdesk {
namespace {

using std::chrono::seconds;

Result<void> non_negative(std::chrono::minutes value, std::string_view field) {
  if (value >= std::chrono::minutes{0}) return {};
  return fail(Error::invalid(Errc::invalid_argument, field, fmt::format("{} min", value.count()),
                             "zero or more minutes"));
}

int months_between(std::chrono::year_month from, std::chrono::year_month to) {
  return (static_cast<int>(to.year()) - static_cast<int>(from.year())) * 12 +
         static_cast<int>(static_cast<unsigned>(to.month())) -
         static_cast<int>(static_cast<unsigned>(from.month()));
}

std::string month_label(std::chrono::year_month ym) {
  return fmt::format("{:04}-{:02}", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
}

seconds total(std::span<const CarriedLot> lots) {
  seconds sum{0};
  for (const auto& l : lots) sum += l.time;
  return sum;
}

// The account's lots and its carried_in (a lot of the month before), checked, one per origin
// month, oldest first, without empty ones.
Result<std::vector<CarriedLot>> carried_lots(const ContingentPolicy& policy,
                                             const ContingentAccount& account,
                                             std::chrono::year_month month) {
  if (account.carried_in < seconds{0})
    return fail(Error::invalid(Errc::invalid_argument, "carried_in",
                               fmt::format("{} s", account.carried_in.count()), "zero or more"));
  std::vector<CarriedLot> lots;
  for (std::size_t i = 0; i < account.carried.size(); ++i) {
    const CarriedLot& lot = account.carried[i];
    const std::string field = fmt::format("carried[{}]", i);
    if (lot.time < seconds{0})
      return fail(Error::invalid(Errc::invalid_argument, field + ".time",
                                 fmt::format("{} s", lot.time.count()), "zero or more"));
    if (!lot.from.ok() || lot.from >= month)
      return fail(Error::invalid(Errc::invalid_argument, field + ".from", month_label(lot.from),
                                 fmt::format("a month before {}", month_label(month))));
    if (const auto last = usable_until(lot, policy.carry_months); last && *last < month)
      return fail(
          Error::invalid(Errc::invalid_argument, field + ".from", month_label(lot.from),
                         fmt::format("a month from {} on: carried time expires after {} month(s)",
                                     month_label(month - std::chrono::months{policy.carry_months}),
                                     policy.carry_months)));
    lots.push_back(lot);
  }
  if (account.carried_in > seconds{0})
    lots.push_back({month - std::chrono::months{1}, account.carried_in});
  std::stable_sort(lots.begin(), lots.end(),
                   [](const auto& a, const auto& b) { return a.from < b.from; });
  std::vector<CarriedLot> merged;
  for (const auto& lot : lots) {
    if (lot.time == seconds{0}) continue;
    if (!merged.empty() && merged.back().from == lot.from)
      merged.back().time += lot.time;
    else
      merged.push_back(lot);
  }
  return merged;
}

// What carries over at month end out of `left` (lots not expiring, oldest first, the month's
// own leftover last) under the policy: up_to drops the oldest time above the limit.
std::vector<CarriedLot> carry(const ContingentPolicy& policy, std::vector<CarriedLot> left) {
  switch (policy.carry_over) {
    case CarryOver::expire: return {};
    case CarryOver::all: break;
    case CarryOver::up_to: {
      seconds excess = total(left) - seconds{policy.carry_limit};
      for (auto& lot : left) {
        if (excess <= seconds{0}) break;
        const seconds drop = std::min(lot.time, excess);
        lot.time -= drop;
        excess -= drop;
      }
      break;
    }
  }
  std::erase_if(left, [](const CarriedLot& l) { return l.time == seconds{0}; });
  return left;
}

}  // namespace

Result<void> validate(const ContingentPolicy& policy) {
  if (auto ok = non_negative(policy.monthly, "contingent.monthly"); !ok) return ok;
  if (auto ok = non_negative(policy.start_phase_monthly, "contingent.start_phase_monthly"); !ok)
    return ok;
  if (auto ok = non_negative(policy.carry_limit, "contingent.carry_limit"); !ok) return ok;
  if (policy.start_phase_months < 0)
    return fail(Error::invalid(Errc::invalid_argument, "contingent.start_phase_months",
                               std::to_string(policy.start_phase_months), "zero or more"));
  if (policy.overage_per_hour.minor_units() < 0)
    return fail(Error::invalid(Errc::invalid_argument, "contingent.overage_per_hour",
                               fmt::format("{}", policy.overage_per_hour), "zero or more"));
  if (policy.carry_months < 0)
    return fail(Error::invalid(Errc::invalid_argument, "contingent.carry_months",
                               std::to_string(policy.carry_months), "zero or more"));
  if (policy.carry_months > 0 && policy.carry_over == CarryOver::expire)
    return fail(Error::invalid(Errc::invalid_argument, "contingent.carry_months",
                               std::to_string(policy.carry_months),
                               "0 when what is left expires at month end (carry_over expire)"));
  return {};
}

Result<void> validate(std::span<const ContingentStep> schedule) {
  for (std::size_t i = 0; i < schedule.size(); ++i) {
    const ContingentStep& step = schedule[i];
    const std::string field = fmt::format("contingent[{}]", i);
    if (!step.from.ok())
      return fail(Error::invalid(Errc::invalid_argument, field + ".from", month_label(step.from),
                                 "a valid month"));
    if (i > 0 && step.from <= schedule[i - 1].from)
      return fail(
          Error::invalid(Errc::invalid_argument, field + ".from", month_label(step.from),
                         fmt::format("a month after {}", month_label(schedule[i - 1].from))));
    if (auto ok = non_negative(step.monthly, field + ".monthly"); !ok) return ok;
  }
  return {};
}

Result<std::chrono::minutes> allowance(const ContingentPolicy& policy, Date contract_start,
                                       std::chrono::year_month month) {
  return allowance(policy, contract_start, {}, month);
}

Result<std::chrono::minutes> allowance(const ContingentPolicy& policy, Date contract_start,
                                       std::span<const ContingentStep> schedule,
                                       std::chrono::year_month month) {
  const int index = months_between(contract_start.year() / contract_start.month(), month);
  if (index < 0)
    return fail(
        Error::invalid(Errc::invalid_argument, "month", month_label(month),
                       fmt::format("a month from the contract start {} on", contract_start)));
  const auto step = std::find_if(schedule.rbegin(), schedule.rend(),
                                 [&](const ContingentStep& s) { return s.from <= month; });
  if (step != schedule.rend()) return step->monthly;
  return index < policy.start_phase_months ? policy.start_phase_monthly : policy.monthly;
}

std::optional<std::chrono::year_month> usable_until(const CarriedLot& lot, int carry_months) {
  if (carry_months <= 0) return std::nullopt;
  return lot.from + std::chrono::months{carry_months};
}

Result<ContingentMonth> run_month(const ContingentPolicy& policy, const ContingentAccount& account,
                                  std::chrono::year_month month,
                                  std::span<const ContingentDraw> draws) {
  if (auto ok = validate(account.schedule); !ok) return fail(ok.error());
  auto own = allowance(policy, account.contract_start, account.schedule, month);
  if (!own) return fail(own.error());
  auto lots = carried_lots(policy, account, month);
  if (!lots) return fail(lots.error());

  std::vector<const ContingentDraw*> ordered;
  ordered.reserve(draws.size());
  for (const auto& d : draws) ordered.push_back(&d);
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
    return std::tie(a->at, a->ticket) < std::tie(b->at, b->ticket);
  });

  ContingentMonth out;
  out.month = month;
  out.carried_lots = *lots;
  out.carried_in = total(*lots);
  out.allowance = *own + out.carried_in;
  out.carry_months = policy.carry_months;
  for (const auto* d : ordered) {
    if (d->duration <= seconds{0}) continue;
    out.used += d->duration;
    if (!out.exhausted && out.used >= out.allowance) out.exhausted = Exhaustion{d->at, d->ticket};
  }
  out.remaining = std::max(out.allowance - out.used, seconds{0});
  out.overage = std::max(out.used - out.allowance, seconds{0});
  auto charge = time_charge(policy.overage_per_hour, out.overage);
  if (!charge) return fail(charge.error());
  out.overage_charge = *charge;

  // Carried lots are used first, oldest first; then the month's own allowance.
  seconds to_use = out.used;
  std::vector<CarriedLot> left;
  for (CarriedLot lot : *lots) {
    const seconds use = std::min(lot.time, to_use);
    lot.time -= use;
    to_use -= use;
    const auto last = usable_until(lot, policy.carry_months);
    if (last && *last <= month)
      out.expired += lot.time;
    else
      left.push_back(lot);
  }
  left.push_back({month, std::max(seconds{*own} - to_use, seconds{0})});
  out.carry_out_lots = carry(policy, std::move(left));
  out.carry_out = total(out.carry_out_lots);
  return out;
}

Result<ContingentMonth> run_month(const ContingentPolicy& policy, Date contract_start,
                                  std::chrono::year_month month, std::chrono::seconds carried_in,
                                  std::span<const ContingentDraw> draws) {
  return run_month(policy, ContingentAccount{contract_start, carried_in, {}, {}}, month, draws);
}

}  // namespace tierdesk
