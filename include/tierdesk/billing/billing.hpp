// Layer billing — money (money.hpp), billing rules (this header), contingents, catalogue,
// subscriptions and statements. Depends on base, calendar and desk (whose work entries it
// prices); knows nothing of contracts or stores.
// docs/architecture.md "Layers" has the picture and the include rule.
//
// Billing rules: what work costs under one contract, as data.
//
// A contract's BillingRules hold its currency and VAT rate, hourly rates by role and kind,
// the default rounding, the out-of-hours surcharge and the calendar that decides it, on-site
// day rates, flat fees, the emergency surcharge, the hour contingent, the catalogue and one
// Category per request category. A category says how its work is treated (billable,
// included, drawn from the contingent, quote required, fixed price), may override the
// included threshold and the rounding, and says where its new tickets go (default priority
// and tier, whether the SLA applies). statement.hpp applies the rules to a period's work.
//
// For one ticket of a billable category the steps are, in this order:
//  1. split each entry by the out-of-hours rule: by_start marks the whole entry when it
//     started while the normal-hours calendar was closed; per_minute splits it into the part
//     inside and the part outside;
//  2. the included threshold on the ticket's raw time: all_if_over (≤ limit free, else all of
//     it billed), excess_only (the first `limit` of the ticket, in order of work, is free),
//     first_n_free (the first `limit` of every entry is free);
//  3. rounding of what is billable up to `step` (60 s: per minute, 15 min, 1 h: per started
//     hour), per entry or per ticket (each rate class of the ticket), then the minimum charge;
//  4. pricing: rate × time × (1 + surcharge), rounded half-up once per statement line.
//
// OneOffice (seed 004):
//   rates {support 1,095.00 DKK, project 1,495.00 DKK, senior 1,895.00 DKK} per hour,
//   threshold all_if_over 15 min, rounding per minute per ticket, VAT 25 %,
//   out_of_hours {+100 %, by_start, Mon–Thu 08–16, Fri 08–15 Europe/Copenhagen + DK holidays},
//   fees {"on_call_non_critical": 1,000.00 DKK}
//   30 min on Monday 10:00 → 547.50 DKK; 11 min → 0 (included); 25 min → 456.25 DKK;
//   30 min on Monday 19:00 → 1,095.00 DKK.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tierdesk/calendar/calendar.hpp"
#include "tierdesk/billing/catalogue.hpp"
#include "tierdesk/billing/contingent.hpp"
#include "tierdesk/base/error.hpp"
#include "tierdesk/billing/money.hpp"
#include "tierdesk/desk/work.hpp"
#include "tierdesk/base/zone.hpp"

namespace tierdesk {

struct IncludedThreshold {
  enum class Mode { none, all_if_over, excess_only, first_n_free };
  Mode mode = Mode::none;
  std::chrono::seconds limit{0};
  friend bool operator==(const IncludedThreshold&, const IncludedThreshold&) = default;
};

struct Rounding {
  enum class Scope { per_entry, per_ticket };
  std::chrono::seconds step{60};    // a positive whole number of minutes
  std::chrono::seconds minimum{0};  // billed at least this much when anything is billed
  Scope scope = Scope::per_ticket;
  friend bool operator==(const Rounding&, const Rounding&) = default;
};

// An hourly rate; role and kind left empty match any. The most specific rate wins
// (role and kind, then role, then kind, then neither).
struct HourlyRate {
  std::optional<Role> role = std::nullopt;
  std::optional<WorkKind> kind = std::nullopt;
  Money per_hour;
  friend bool operator==(const HourlyRate&, const HourlyRate&) = default;
};

struct OutOfHours {
  enum class Mode { by_start, per_minute };
  BasisPoints surcharge{10000};
  Mode mode = Mode::by_start;
  Calendar normal_hours;  // open = normal hours; work outside them carries the surcharge
};

// On-site work (WorkKind::on_site) priced per day instead of per hour: a ticket's on-site
// work on one local date is one day, at `inside` when all of it lies within `working_hours`,
// else at `outside` (1&1: Mon–Fri 08–18 vs 18–08, weekends and public holidays).
struct OnSiteDayRates {
  Money inside;
  Money outside;
  Calendar working_hours;
};

struct FlatFee {
  std::string code;  // referenced by tickets, e.g. "on_call_non_critical"
  std::string text;  // the statement line, e.g. "Non-critical call to the on-call line"
  Money amount;
  friend bool operator==(const FlatFee&, const FlatFee&) = default;
};

// Charged on a ticket whose emergency displaced booked appointments (seed 002): a fixed
// amount, or a percentage of the ticket's time charges.
struct EmergencySurcharge {
  std::optional<Money> amount = std::nullopt;
  BasisPoints percent{0};
  friend bool operator==(const EmergencySurcharge&, const EmergencySurcharge&) = default;
};

enum class Treatment {
  billable,        // priced by the rules above
  included,        // covered by the contract fee: listed, never charged
  contingent,      // drawn from the monthly hour contingent; overage billed at month end
  quote_required,  // needs an explicit offer: a "needs quote" line without charge
  fixed_price,     // one fixed price per ticket, whatever the time
};

// A request category of a contract: the one model the desk, billing and reports share.
struct Category {
  std::string name;
  Treatment treatment = Treatment::billable;
  IncludedThreshold threshold;
  std::optional<Rounding> rounding = std::nullopt;  // the contract's rounding when empty
  std::optional<Money> fixed_price = std::nullopt;  // Treatment::fixed_price
  bool out_of_hours_surcharge = true;
  // Where a new ticket of the category goes.
  std::string priority{};   // its default priority; empty: the contract's
  int tier = 1;             // its starting tier (1 … 3)
  bool sla_applies = true;  // false: its tickets have no SLA clocks
  friend bool operator==(const Category&, const Category&) = default;
};

struct BillingRules {
  Currency currency;
  BasisPoints vat{0};
  Zone zone = Zone::utc();  // for dates: on-site days, orders, subscriptions
  std::vector<HourlyRate> rates;
  Rounding rounding;
  std::optional<OutOfHours> out_of_hours;
  std::optional<OnSiteDayRates> on_site_days;
  std::vector<FlatFee> fees;
  std::optional<EmergencySurcharge> emergency;
  std::optional<ContingentPolicy> contingent;
  std::vector<CatalogueItem> catalogue;
  std::vector<Category> categories;
};

// Checks the rules on their own: every amount in `currency` and not negative, VAT 0…100 %,
// rounding steps a positive whole number of minutes, unique category and fee codes, fixed
// prices present where needed, a contingent policy when a category draws from it, the
// catalogue consistent. Errors name the field and value.
Result<void> validate(const BillingRules& rules);

// The rules of `category`; Errc::not_found naming it.
Result<const Category*> find_category(const BillingRules& rules, std::string_view category);
// The most specific hourly rate for role and kind; Errc::not_found naming both.
Result<Money> hourly_rate(const BillingRules& rules, Role role, WorkKind kind);
// The flat fee with `code`; Errc::not_found naming it.
Result<const FlatFee*> find_fee(const BillingRules& rules, std::string_view code);

std::string_view to_string(Treatment treatment);
std::string_view to_string(IncludedThreshold::Mode mode);

}  // namespace tierdesk
