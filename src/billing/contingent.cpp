#include "tierdesk/contingent.hpp"

#include <algorithm>
#include <tuple>
#include <vector>

#include <fmt/format.h>

namespace tierdesk {
namespace {

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
  return {};
}

Result<std::chrono::minutes> allowance(const ContingentPolicy& policy, Date contract_start,
                                       std::chrono::year_month month) {
  const int index = months_between(contract_start.year() / contract_start.month(), month);
  if (index < 0)
    return fail(
        Error::invalid(Errc::invalid_argument, "month",
                       fmt::format("{:04}-{:02}", static_cast<int>(month.year()),
                                   static_cast<unsigned>(month.month())),
                       fmt::format("a month from the contract start {} on", contract_start)));
  return index < policy.start_phase_months ? policy.start_phase_monthly : policy.monthly;
}

Result<ContingentMonth> run_month(const ContingentPolicy& policy, Date contract_start,
                                  std::chrono::year_month month, std::chrono::seconds carried_in,
                                  std::span<const ContingentDraw> draws) {
  using std::chrono::seconds;
  auto own = allowance(policy, contract_start, month);
  if (!own) return fail(own.error());
  if (carried_in < seconds{0})
    return fail(Error::invalid(Errc::invalid_argument, "carried_in",
                               fmt::format("{} s", carried_in.count()), "zero or more"));

  std::vector<const ContingentDraw*> ordered;
  ordered.reserve(draws.size());
  for (const auto& d : draws) ordered.push_back(&d);
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
    return std::tie(a->at, a->ticket) < std::tie(b->at, b->ticket);
  });

  ContingentMonth out;
  out.month = month;
  out.carried_in = carried_in;
  out.allowance = *own + carried_in;
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
  switch (policy.carry_over) {
    case CarryOver::expire: out.carry_out = seconds{0}; break;
    case CarryOver::up_to:
      out.carry_out = std::min(out.remaining, seconds{policy.carry_limit});
      break;
    case CarryOver::all: out.carry_out = out.remaining; break;
  }
  return out;
}

}  // namespace tierdesk
