// A monthly hour contingent (Solutionbar's "Stundenkontingent").
//
// A service contract includes a number of hours per calendar month; work in the categories
// that draw from it (CategoryRules::treatment == Treatment::contingent) consumes it in order
// of work. What is used beyond the allowance is overage, billed at month end at an hourly
// rate. The first months of a contract may have a larger allowance (the start phase), and
// what is left at month end expires, carries over up to a limit, or carries over entirely.
// The moment the allowance is used up is the exhaustion event; it happens at most once per
// month (it is what the status e-mail reports as "contingent exhausted").
//
//   ContingentPolicy p{.monthly = 10h, .start_phase_monthly = 20h, .start_phase_months = 3,
//                      .carry_over = CarryOver::up_to, .carry_limit = 5h,
//                      .overage_per_hour = 120.00 EUR};
//   allowance(p, contract start 2026-09-01, 2026-11)  == 20h   // third month: start phase
//   allowance(p, contract start 2026-09-01, 2026-12)  == 10h
//   run_month(p, 2026-09-01, 2026-12, carried_in 2h, draws of 7h, 5h, 3h in order)
//     → allowance 12h, used 15h, remaining 0, overage 3h (360.00 EUR),
//       exhausted by the 5h draw (it uses the allowance up exactly), carry_out 0
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>

#include "tierdesk/error.hpp"
#include "tierdesk/money.hpp"
#include "tierdesk/time.hpp"

namespace tierdesk {

enum class CarryOver {
  expire,  // what is left at month end is lost
  up_to,   // what is left carries into the next month, at most carry_limit
  all,     // everything left carries over
};

struct ContingentPolicy {
  std::chrono::minutes monthly{0};
  std::chrono::minutes start_phase_monthly{0};  // used in the first start_phase_months months
  int start_phase_months = 0;
  CarryOver carry_over = CarryOver::expire;
  std::chrono::minutes carry_limit{0};  // for CarryOver::up_to
  Money overage_per_hour;
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
  std::chrono::seconds carry_out{0};  // what the next month receives as carried_in
  friend bool operator==(const ContingentMonth&, const ContingentMonth&) = default;
};

// Errc::invalid_argument naming the field: negative hours, start_phase_months < 0, or a
// negative overage rate.
Result<void> validate(const ContingentPolicy& policy);

// The month's own allowance: start_phase_monthly in the first start_phase_months calendar
// months counted from the contract's start month, monthly afterwards. Months before the start
// month are Errc::invalid_argument.
Result<std::chrono::minutes> allowance(const ContingentPolicy& policy, Date contract_start,
                                       std::chrono::year_month month);

// Consumes `draws` in order of work (by instant, then ticket; the input order does not matter).
Result<ContingentMonth> run_month(const ContingentPolicy& policy, Date contract_start,
                                  std::chrono::year_month month, std::chrono::seconds carried_in,
                                  std::span<const ContingentDraw> draws);

}  // namespace tierdesk
