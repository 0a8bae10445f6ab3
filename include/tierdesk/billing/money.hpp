// Money: an integer number of minor units of one ISO 4217 currency.
//
// There is no floating point anywhere in money. Amounts are int64 minor units (øre, cent);
// sums refuse to mix currencies (Errc::currency_mismatch) and report int64 overflow
// (Errc::overflow) instead of wrapping. Prices per hour, percentages and VAT are applied as
// exact rationals with 128-bit intermediates and rounded exactly once, half-up (halves away
// from zero) to the minor unit. The billing engine rounds once per statement line, and VAT
// once on the statement subtotal (docs/billing.md).
//
//   Currency dkk = *Currency::of("DKK");
//   Money rate = *Money::parse("1095.00", dkk);                 // 109500 øre
//   *time_charge(rate, 30min)                  == 547.50 DKK    // 109500 × 1800 / 3600
//   *time_charge(rate, 30min, BasisPoints{10000}) == 1,095.00 DKK  // +100 % surcharge
//   *percentage(*Money::parse("547.50", dkk), BasisPoints{2500}) == 136.88 DKK  // 136.875 ↑
//   fmt::format("{}", rate)                    == "1,095.00 DKK"
//
// Printing groups thousands with "," and uses "." before the minor digits, then the code
// ("1,095.00 DKK", "-0.50 EUR"): one unambiguous form for logs, tests and the CLI. parse()
// accepts that form's number ("1,095.00", commas only in groups of three) and the plain one
// ("1095.00", "1095", "-12.5").
#pragma once

#include <array>
#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "tierdesk/base/error.hpp"

namespace tierdesk {

// An ISO 4217 currency with its number of minor digits (DKK, EUR: 2; JPY: 0).
class Currency {
 public:
  // "XXX", the ISO code for "no currency", with 0 minor digits: what a default Money holds.
  constexpr Currency() = default;

  // A known currency by its three-letter upper-case code; Errc::invalid_argument naming the
  // code otherwise. Known: DKK, EUR, SEK, NOK, CHF, GBP, USD, PLN, CZK (2 digits), JPY (0).
  static Result<Currency> of(std::string_view code);

  std::string_view code() const { return {code_.data(), code_.size()}; }
  int exponent() const { return exponent_; }

  friend constexpr bool operator==(const Currency&, const Currency&) = default;

 private:
  constexpr Currency(std::array<char, 3> code, int exponent)
      : code_(code), exponent_(static_cast<std::int8_t>(exponent)) {}
  std::array<char, 3> code_{'X', 'X', 'X'};
  std::int8_t exponent_ = 0;
};

// A rate in basis points: 2500 = 25 %, 10000 = 100 %, 125 = 1.25 %.
struct BasisPoints {
  std::int64_t value = 0;
  friend constexpr auto operator<=>(BasisPoints, BasisPoints) = default;
};

class Money {
 public:
  constexpr Money() = default;  // 0 XXX
  static constexpr Money from_minor(std::int64_t minor_units, Currency currency) {
    return Money(minor_units, currency);
  }
  static Money zero(Currency currency) { return Money(0, currency); }

  // "1095.00", "1,095.00", "1095", "-12.5" in `currency`; more fraction digits than the
  // currency has, stray characters or misplaced commas are Errc::invalid_argument naming the
  // text, a value beyond int64 minor units is Errc::overflow.
  static Result<Money> parse(std::string_view text, Currency currency);
  // "1,095.00 DKK": the number, one space, the code.
  static Result<Money> parse(std::string_view text);

  constexpr std::int64_t minor_units() const { return minor_; }
  constexpr Currency currency() const { return currency_; }
  constexpr bool is_zero() const { return minor_ == 0; }

  friend constexpr bool operator==(const Money&, const Money&) = default;

 private:
  constexpr Money(std::int64_t minor, Currency currency) : minor_(minor), currency_(currency) {}
  std::int64_t minor_ = 0;
  Currency currency_{};
};

// a + b and a − b; Errc::currency_mismatch naming both codes, Errc::overflow.
Result<Money> add(Money a, Money b);
Result<Money> subtract(Money a, Money b);
// m × count; Errc::overflow.
Result<Money> multiply(Money m, std::int64_t count);

// m × numerator / denominator, rounded half-up once; denominator > 0 (else invalid_argument).
Result<Money> scale(Money m, std::int64_t numerator, std::int64_t denominator);
// m × rate / 100 %, rounded half-up once: percentage(547.50, 25 %) == 136.88.
Result<Money> percentage(Money m, BasisPoints rate);
// What `per_hour` costs for `worked`, plus `surcharge` (100 % doubles it), rounded half-up
// once: per_hour × seconds × (10000 + surcharge) / (3600 × 10000).
Result<Money> time_charge(Money per_hour, std::chrono::seconds worked,
                          BasisPoints surcharge = BasisPoints{0});

// "1,095.00" without the currency code.
std::string format_amount(Money m);
// "25 %", "12.5 %", "1.25 %".
std::string format_percent(BasisPoints rate);

}  // namespace tierdesk

template <>
struct fmt::formatter<tierdesk::Money> : fmt::formatter<std::string_view> {
  auto format(const tierdesk::Money& m, fmt::format_context& ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{} {}", tierdesk::format_amount(m), m.currency().code());
  }
};
