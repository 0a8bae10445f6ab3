#include <set>

#include <fmt/format.h>

#include "tierdesk/billing/billing.hpp"

namespace tierdesk {
namespace {

Result<void> check_amount(Money m, Currency currency, std::string_view field) {
  if (m.currency() != currency)
    return fail(Errc::currency_mismatch, fmt::format("{}: got {}, expected {}", field,
                                                     m.currency().code(), currency.code()));
  if (m.minor_units() < 0)
    return fail(
        Error::invalid(Errc::invalid_argument, field, fmt::format("{}", m), "zero or more"));
  return {};
}

Result<void> check_rounding(const Rounding& r, std::string_view field) {
  using namespace std::chrono_literals;
  if (r.step <= 0s || r.step % 60s != 0s)
    return fail(Error::invalid(Errc::invalid_argument, fmt::format("{}.step", field),
                               fmt::format("{} s", r.step.count()),
                               "a positive whole number of minutes"));
  if (r.minimum < 0s)
    return fail(Error::invalid(Errc::invalid_argument, fmt::format("{}.minimum", field),
                               fmt::format("{} s", r.minimum.count()), "zero or more"));
  return {};
}

Result<void> check_category(const BillingRules& rules, const Category& c) {
  const std::string field = fmt::format("categories[\"{}\"]", c.name);
  if (c.name.empty())
    return fail(Errc::invalid_argument, "categories: a category needs a non-empty name");
  if (c.threshold.limit < std::chrono::seconds{0})
    return fail(Error::invalid(Errc::invalid_argument, field + ".threshold.limit",
                               fmt::format("{} s", c.threshold.limit.count()), "zero or more"));
  if (c.rounding) {
    if (auto ok = check_rounding(*c.rounding, field + ".rounding"); !ok) return ok;
  }
  if (c.treatment == Treatment::fixed_price && !c.fixed_price)
    return fail(Errc::missing_field, field + ".fixed_price: required for a fixed-price category");
  if (c.fixed_price) {
    if (auto ok = check_amount(*c.fixed_price, rules.currency, field + ".fixed_price"); !ok)
      return ok;
  }
  if (c.treatment == Treatment::contingent && !rules.contingent)
    return fail(Errc::missing_field,
                field + ".treatment: \"contingent\" needs the contract's contingent policy");
  return {};
}

}  // namespace

Result<void> validate(const BillingRules& rules) {
  if (rules.vat.value < 0 || rules.vat.value > 10000)
    return fail(
        Error::invalid(Errc::invalid_argument, "vat", format_percent(rules.vat), "0 % to 100 %"));
  for (std::size_t i = 0; i < rules.rates.size(); ++i) {
    if (auto ok = check_amount(rules.rates[i].per_hour, rules.currency,
                               fmt::format("rates[{}].per_hour", i));
        !ok)
      return ok;
  }
  if (auto ok = check_rounding(rules.rounding, "rounding"); !ok) return ok;
  if (rules.out_of_hours && rules.out_of_hours->surcharge.value < 0)
    return fail(Error::invalid(Errc::invalid_argument, "out_of_hours.surcharge",
                               format_percent(rules.out_of_hours->surcharge), "zero or more"));
  if (rules.on_site_days) {
    if (auto ok = check_amount(rules.on_site_days->inside, rules.currency, "on_site_days.inside");
        !ok)
      return ok;
    if (auto ok = check_amount(rules.on_site_days->outside, rules.currency, "on_site_days.outside");
        !ok)
      return ok;
  }
  std::set<std::string_view> fee_codes;
  for (const auto& fee : rules.fees) {
    if (!fee_codes.insert(fee.code).second)
      return fail(Error::invalid(Errc::conflict, "fees", fee.code, "unique fee codes"));
    if (auto ok = check_amount(fee.amount, rules.currency, fmt::format("fees[\"{}\"]", fee.code));
        !ok)
      return ok;
  }
  if (rules.emergency) {
    if (rules.emergency->amount) {
      if (auto ok = check_amount(*rules.emergency->amount, rules.currency, "emergency.amount"); !ok)
        return ok;
    }
    if (rules.emergency->percent.value < 0)
      return fail(Error::invalid(Errc::invalid_argument, "emergency.percent",
                                 format_percent(rules.emergency->percent), "zero or more"));
  }
  if (rules.contingent) {
    if (auto ok = validate(*rules.contingent); !ok) return ok;
    if (auto ok = check_amount(rules.contingent->overage_per_hour, rules.currency,
                               "contingent.overage_per_hour");
        !ok)
      return ok;
  }
  if (auto ok = validate(rules.catalogue, rules.currency); !ok) return ok;
  std::set<std::string_view> names;
  for (const auto& c : rules.categories) {
    if (!names.insert(c.name).second)
      return fail(
          Error::invalid(Errc::conflict, "categories", c.name, "unique category names"));
    if (auto ok = check_category(rules, c); !ok) return ok;
  }
  return {};
}

Result<const Category*> find_category(const BillingRules& rules, std::string_view category) {
  for (const auto& c : rules.categories) {
    if (c.name == category) return &c;
  }
  return fail(Errc::not_found, fmt::format("category: no billing rules for \"{}\"", category));
}

Result<Money> hourly_rate(const BillingRules& rules, Role role, WorkKind kind) {
  const HourlyRate* best = nullptr;
  int best_score = -1;
  for (const auto& r : rules.rates) {
    if ((r.role && *r.role != role) || (r.kind && *r.kind != kind)) continue;
    const int score = (r.role ? 2 : 0) + (r.kind ? 1 : 0);
    if (score > best_score) {
      best = &r;
      best_score = score;
    }
  }
  if (!best)
    return fail(Errc::not_found, fmt::format("rates: no hourly rate for role {}, kind {}",
                                             to_string(role), to_string(kind)));
  return best->per_hour;
}

Result<const FlatFee*> find_fee(const BillingRules& rules, std::string_view code) {
  for (const auto& fee : rules.fees) {
    if (fee.code == code) return &fee;
  }
  return fail(Errc::not_found, fmt::format("fees: no flat fee \"{}\"", code));
}

std::string_view to_string(Treatment treatment) {
  switch (treatment) {
    case Treatment::billable: return "billable";
    case Treatment::included: return "included";
    case Treatment::contingent: return "contingent";
    case Treatment::quote_required: return "quote_required";
    case Treatment::fixed_price: return "fixed_price";
  }
  return "unknown";
}

std::string_view to_string(IncludedThreshold::Mode mode) {
  switch (mode) {
    case IncludedThreshold::Mode::none: return "none";
    case IncludedThreshold::Mode::all_if_over: return "all_if_over";
    case IncludedThreshold::Mode::excess_only: return "excess_only";
    case IncludedThreshold::Mode::first_n_free: return "first_n_free";
  }
  return "unknown";
}

}  // namespace tierdesk
