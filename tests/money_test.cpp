#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <type_traits>

#include <fmt/format.h>

#include "tierdesk/billing/money.hpp"

using namespace std::chrono_literals;
using tierdesk::BasisPoints;
using tierdesk::Currency;
using tierdesk::Errc;
using tierdesk::Money;

static_assert(std::is_trivially_copyable_v<Money>);
static_assert(std::is_nothrow_default_constructible_v<Money>);
static_assert(sizeof(Money) <= 16);
// Money never comes from a bare number, and never from floating point.
static_assert(!std::is_constructible_v<Money, std::int64_t>);
static_assert(!std::is_constructible_v<Money, double>);
static_assert(!std::is_convertible_v<double, Money>);
// Sums go through add() and subtract(), which check currency and overflow.
template <class T>
concept has_plus = requires(T a, T b) {
  a + b;
};
template <class T>
concept has_minus = requires(T a, T b) {
  a - b;
};
template <class T>
concept scales_by_double = requires(T a) {
  a * 2.5;
};
static_assert(!has_plus<Money> && !has_minus<Money> && !scales_by_double<Money>);
static_assert(has_plus<std::int64_t>);  // the probe itself works

namespace {

const Currency dkk = *Currency::of("DKK");
const Currency eur = *Currency::of("EUR");

Money kr(std::int64_t ore) { return Money::from_minor(ore, dkk); }

}  // namespace

TEST_CASE("Currency::of knows ISO codes and their minor digits") {
  CHECK(dkk.code() == "DKK");
  CHECK(dkk.exponent() == 2);
  CHECK(Currency::of("JPY")->exponent() == 0);
  CHECK(Currency{}.code() == "XXX");
  auto bad = Currency::of("dkk");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code() == Errc::invalid_argument);
  CHECK(bad.error().message() ==
        "currency: got \"dkk\", expected an ISO 4217 code such as DKK or EUR");
}

TEST_CASE("Money::parse reads plain and grouped amounts into minor units") {
  CHECK(Money::parse("1095.00", dkk)->minor_units() == 109500);
  CHECK(Money::parse("1,095.00", dkk)->minor_units() == 109500);
  CHECK(Money::parse("1095", dkk)->minor_units() == 109500);
  CHECK(Money::parse("12.5", dkk)->minor_units() == 1250);
  CHECK(Money::parse("-0.50", eur)->minor_units() == -50);
  CHECK(Money::parse("1,234,567.89", dkk)->minor_units() == 123456789);
  CHECK(*Money::parse("547.50 DKK") == kr(54750));
  CHECK(Money::parse("92233720368547758.07", dkk)->minor_units() ==
        std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("Money::parse rejects malformed amounts, naming the text") {
  for (const char* text : {"", "1.", ".5", "1.234", "1,09.00", "10,95.00", "1095,00", "12a",
                           "1,0950", ",100", "--1"}) {
    CAPTURE(text);
    auto m = Money::parse(text, dkk);
    REQUIRE_FALSE(m);
    CHECK(m.error().code() == Errc::invalid_argument);
  }
  CHECK(Money::parse("1.234", dkk).error().message() ==
        "amount: got \"1.234\", expected at most 2 decimals for DKK");
  CHECK(Money::parse("92233720368547758.08", dkk).error().code() == Errc::overflow);
  CHECK(Money::parse("1095.00", *Currency::of("JPY")).error().code() == Errc::invalid_argument);
  CHECK(Money::parse("547.50DKK").error().code() == Errc::invalid_argument);
}

TEST_CASE("Money formats with thousands separators and the currency code") {
  CHECK(fmt::format("{}", kr(54750)) == "547.50 DKK");
  CHECK(fmt::format("{}", kr(109500)) == "1,095.00 DKK");
  CHECK(fmt::format("{}", kr(123456789)) == "1,234,567.89 DKK");
  CHECK(fmt::format("{}", kr(-5)) == "-0.05 DKK");
  CHECK(fmt::format("{}", kr(0)) == "0.00 DKK");
  CHECK(fmt::format("{}", Money::from_minor(1500, *Currency::of("JPY"))) == "1,500 JPY");
  CHECK(fmt::format("{}", Money::from_minor(std::numeric_limits<std::int64_t>::min(), dkk)) ==
        "-92,233,720,368,547,758.08 DKK");
  CHECK(*Money::parse(fmt::format("{}", kr(123456789))) == kr(123456789));
}

TEST_CASE("add and subtract refuse mixed currencies and detect overflow") {
  CHECK(*tierdesk::add(kr(54750), kr(45625)) == kr(100375));
  CHECK(*tierdesk::subtract(kr(100), kr(250)) == kr(-150));
  auto mixed = tierdesk::add(kr(100), Money::from_minor(100, eur));
  REQUIRE_FALSE(mixed);
  CHECK(mixed.error().code() == Errc::currency_mismatch);
  CHECK(mixed.error().message() == "add: cannot combine DKK with EUR");
  const auto max = kr(std::numeric_limits<std::int64_t>::max());
  CHECK(tierdesk::add(max, kr(1)).error().code() == Errc::overflow);
  CHECK(tierdesk::subtract(kr(std::numeric_limits<std::int64_t>::min()), kr(1)).error().code() ==
        Errc::overflow);
  CHECK(tierdesk::multiply(max, 2).error().code() == Errc::overflow);
  CHECK(*tierdesk::multiply(kr(100000), 3) == kr(300000));
}

TEST_CASE("time_charge is exact: OneOffice's 1,095 DKK/h for 30, 25 and 11 minutes") {
  const Money rate = kr(109500);
  CHECK(*tierdesk::time_charge(rate, 30min) == kr(54750));
  CHECK(*tierdesk::time_charge(rate, 25min) == kr(45625));
  CHECK(*tierdesk::time_charge(rate, 11min) == kr(20075));
  CHECK(*tierdesk::time_charge(rate, 30min, BasisPoints{10000}) == kr(109500));
  CHECK(*tierdesk::time_charge(kr(149500), 1min) == kr(2492));   // 2491.67 rounds up
  CHECK(*tierdesk::time_charge(kr(149500), 7min) == kr(17442));  // 17441.67
  CHECK(*tierdesk::time_charge(kr(189500), 1s) == kr(53));       // 52.64
  CHECK(tierdesk::time_charge(kr(std::numeric_limits<std::int64_t>::max()), 24h).error().code() ==
        Errc::overflow);
}

TEST_CASE("rounding is half-up, halves away from zero, at one point") {
  CHECK(*tierdesk::percentage(kr(54750), BasisPoints{2500}) == kr(13688));  // 13687.5
  CHECK(*tierdesk::percentage(kr(45625), BasisPoints{2500}) == kr(11406));  // 11406.25
  CHECK(*tierdesk::percentage(kr(-54750), BasisPoints{2500}) == kr(-13688));
  CHECK(*tierdesk::scale(kr(1), 1, 2) == kr(1));
  CHECK(*tierdesk::scale(kr(1), 1, 3) == kr(0));
  CHECK(*tierdesk::scale(kr(2), 1, 3) == kr(1));
  CHECK(*tierdesk::scale(kr(-1), 1, 2) == kr(-1));
  CHECK(tierdesk::scale(kr(1), 1, 0).error().code() == Errc::invalid_argument);
  // 547.50 + 25 % = 684.375 → 684.38
  CHECK(*tierdesk::add(kr(54750), *tierdesk::percentage(kr(54750), BasisPoints{2500})) ==
        kr(68438));
}

TEST_CASE("format_percent prints basis points as a percentage") {
  CHECK(tierdesk::format_percent(BasisPoints{2500}) == "25 %");
  CHECK(tierdesk::format_percent(BasisPoints{10000}) == "100 %");
  CHECK(tierdesk::format_percent(BasisPoints{1250}) == "12.5 %");
  CHECK(tierdesk::format_percent(BasisPoints{125}) == "1.25 %");
}
