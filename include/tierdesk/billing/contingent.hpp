// A monthly hour contingent (Solutionbar's "Stundenkontingent").
//
// A service contract includes a number of hours per calendar month; work in the categories
// that draw from it (Category::treatment == Treatment::contingent) consumes it in order
// of work. What is used beyond the allowance is overage, billed at month end at an hourly
// rate. The first months of a contract may have a larger allowance (the start phase), and a
// customer may have agreed sizes of its own from given months on (the schedule: "a higher
// contingent at the start, readjusted after the transition phase as needed"). What is left at
// month end expires, carries over up to a limit, or carries over entirely; with carry_months,
// carried time lasts that many months and then expires. Carried time is used before the
// month's own allowance, the oldest first. The moment the allowance is used up is the
// exhaustion event; it happens at most once per month (it is what the status e-mail reports as
// "contingent exhausted").
//
//   ContingentPolicy p{.monthly = 10h, .start_phase_monthly = 20h, .start_phase_months = 3,
//                      .carry_over = CarryOver::up_to, .carry_limit = 5h,
//                      .overage_per_hour = 120.00 EUR};
//   allowance(p, contract start 2026-09-01, 2026-11)  == 20h   // third month: start phase
//   allowance(p, contract start 2026-09-01, 2026-12)  == 10h
//   allowance(p, 2026-09-01, schedule {2027-01: 8h}, 2027-02) == 8h
//   run_month(p, 2026-09-01, 2026-12, carried_in 2h, draws of 7h, 5h, 3h in order)
//     → allowance 12h, used 15h, remaining 0, overage 3h (360.00 EUR),
//       exhausted by the 5h draw (it uses the allowance up exactly), carry_out 0
//
// Expiry, with carry_over all and carry_months 2: time carried out of October can be used in
// November and December and expires at the end of December.
//   December, 10h own, carried in {2026-10: 3h, 2026-11: 4h}, 5h drawn
//     → the 5h use October's 3h and 2h of November's; expired 0 (October's lot is used up);
//       carry_out {2026-11: 2h, 2026-12: 10h}
//   January, 10h own, carried in {2026-11: 2h, 2026-12: 10h}, nothing drawn
//     → November's 2h expire (expired 2h); carry_out {2026-12: 10h, 2027-01: 10h}
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tierdesk/base/error.hpp"
#include "tierdesk/billing/money.hpp"
#include "tierdesk/base/time.hpp"

namespace tierdesk {

enum class CarryOver {
  expire,  // what is left at month end is lost
  up_to,   // what is left carries into the next month, at most carry_limit in all
  all,     // everything left carries over
};

struct ContingentPolicy {
  std::chrono::minutes monthly{0};
  std::chrono::minutes start_phase_monthly{0};  // used in the first start_phase_months months
  int start_phase_months = 0;
  CarryOver carry_over = CarryOver::expire;
  std::chrono::minutes carry_limit{0};  // for CarryOver::up_to: the most carried in all
  Money overage_per_hour;
  // Time carried out of month E can be used in months E+1 … E+carry_months and expires at
  // the end of E+carry_months; 0: carried time never expires. Needs up_to or all.
  int carry_months = 0;
};

// A customer's agreed size from month `from` on (until the next step).
struct ContingentStep {
  std::chrono::year_month from{};
  std::chrono::minutes monthly{0};
  friend bool operator==(const ContingentStep&, const ContingentStep&) = default;
};

// Contingent time carried out of month `from` (what was left of the contingent there).
struct CarriedLot {
  std::chrono::year_month from{};
  std::chrono::seconds time{0};
  friend bool operator==(const CarriedLot&, const CarriedLot&) = default;
};

// The customer's hour contingent as a month begins.
struct ContingentAccount {
  Date contract_start{};
  // Carried out of the month before, in addition to `carried` (a shorthand for one lot).
  std::chrono::seconds carried_in{0};
  std::vector<ContingentStep> schedule{};  // the customer's agreed sizes, months increasing
  std::vector<CarriedLot> carried{};       // carried in, by the month it was carried out of
};

// Hours drawn from the contingent by one piece of work, already rounded by the category rules.
struct ContingentDraw {
  std::string ticket;
  Instant at{};
  std::chrono::seconds duration{0};
  friend bool operator==(const ContingentDraw&, const ContingentDraw&) = default;
};

// The draw that used the allowance up (it may exceed what was left).
struct Exhaustion {
  Instant at{};
  std::string ticket;
  friend bool operator==(const Exhaustion&, const Exhaustion&) = default;
};

struct ContingentMonth {
  std::chrono::year_month month{};
  std::chrono::seconds carried_in{0};
  std::chrono::seconds allowance{0};  // the month's own allowance plus carried_in
  std::chrono::seconds used{0};
  std::chrono::seconds remaining{0};  // allowance − used, never below zero
  std::chrono::seconds overage{0};    // used beyond the allowance
  Money overage_charge;               // overage at overage_per_hour, rounded half-up once
  std::optional<Exhaustion> exhausted;
  std::chrono::seconds carry_out{0};         // what the next month receives as carried_in
  std::vector<CarriedLot> carried_lots{};    // carried_in by origin month, oldest first
  std::vector<CarriedLot> carry_out_lots{};  // carry_out by origin month, oldest first
  // Carried time whose last month this is and that was not used: it expires at month end.
  std::chrono::seconds expired{0};
  int carry_months = 0;  // the policy's: 0 when carried time never expires
  friend bool operator==(const ContingentMonth&, const ContingentMonth&) = default;
};

// Errc::invalid_argument naming the field: negative hours, start_phase_months < 0, a
// negative overage rate, carry_months < 0 or carry_months with CarryOver::expire.
Result<void> validate(const ContingentPolicy& policy);

// Errc::invalid_argument naming the step ("contingent[1].from"): an invalid month, months not
// strictly increasing, negative minutes.
Result<void> validate(std::span<const ContingentStep> schedule);

// The month's own allowance: start_phase_monthly in the first start_phase_months calendar
// months counted from the contract's start month, monthly afterwards. Months before the start
// month are Errc::invalid_argument.
Result<std::chrono::minutes> allowance(const ContingentPolicy& policy, Date contract_start,
                                       std::chrono::year_month month);

// As above, but the last step of `schedule` with from <= month decides when there is one.
Result<std::chrono::minutes> allowance(const ContingentPolicy& policy, Date contract_start,
                                       std::span<const ContingentStep> schedule,
                                       std::chrono::year_month month);

// The last month `lot` can be used in; empty when carried time never expires.
std::optional<std::chrono::year_month> usable_until(const CarriedLot& lot, int carry_months);

// Consumes `draws` in order of work (by instant, then ticket; the input order does not
// matter): carried lots oldest first, then the month's own allowance. At month end lots whose
// last month this is expire; the rest and the own allowance's leftover carry over by the
// policy (up_to keeps the newest time up to carry_limit). Errc::invalid_argument for an
// invalid schedule, negative carried time, or a lot not carried out of an earlier month or
// already expired.
Result<ContingentMonth> run_month(const ContingentPolicy& policy, const ContingentAccount& account,
                                  std::chrono::year_month month,
                                  std::span<const ContingentDraw> draws);

// run_month with `carried_in` carried out of the month before and no schedule.
Result<ContingentMonth> run_month(const ContingentPolicy& policy, Date contract_start,
                                  std::chrono::year_month month, std::chrono::seconds carried_in,
                                  std::span<const ContingentDraw> draws);

}  // namespace tierdesk
