// Subscriptions (meinOfficePlus, seed 000): fee in advance on the 1st, 14-day trial,
// cancellation effective at the end of the term. The fee is illustrative.
#include <doctest/doctest.h>

#include "billing_fixtures.hpp"
#include "tierdesk/billing/subscription.hpp"

using namespace billing_test;
using tierdesk::Errc;
using tierdesk::Subscription;
using tierdesk::SubscriptionCharge;

namespace {

Subscription monthly(std::optional<std::string_view> cancelled = std::nullopt) {
  Subscription s{"meinOfficePlus", money("29.90 EUR"), 1, civil_date("2026-11-20"), 14,
                 std::nullopt};
  if (cancelled) s.cancelled_on = civil_date(*cancelled);
  return s;
}

std::vector<SubscriptionCharge> due(const Subscription& s, std::string_view first,
                                    std::string_view last) {
  auto charges = tierdesk::charges_due(s, civil_date(first), civil_date(last));
  REQUIRE(charges);
  return *charges;
}

SubscriptionCharge charge(std::string_view due_on, std::string_view first, std::string_view last,
                          std::string_view amount = "29.90 EUR") {
  return {civil_date(due_on), civil_date(first), civil_date(last), money(amount)};
}

}  // namespace

TEST_CASE("the first term is due the day after the trial, later terms on the 1st") {
  const auto s = monthly();
  CHECK(due(s, "2026-11-01", "2026-11-30").empty());
  CHECK(due(s, "2026-12-01", "2026-12-31") ==
        std::vector{charge("2026-12-01", "2026-12-01", "2026-12-31"),
                    charge("2026-12-04", "2026-11-20", "2026-11-30")});
  CHECK(due(s, "2027-01-01", "2027-01-31") ==
        std::vector{charge("2027-01-01", "2027-01-01", "2027-01-31")});
  CHECK_FALSE(tierdesk::service_end(s));
}

TEST_CASE("cancelled within the 14-day trial: nothing is ever charged") {
  for (const char* day : {"2026-11-20", "2026-12-02", "2026-12-03"}) {
    CAPTURE(day);
    const auto s = monthly(day);
    CHECK(tierdesk::cancelled_in_trial(s));
    CHECK(due(s, "2026-11-01", "2027-12-31").empty());
    CHECK(*tierdesk::service_end(s) == civil_date(day));
  }
}

TEST_CASE("cancelled after the trial: effective at the end of the current term") {
  const auto s = monthly("2026-12-04");
  CHECK_FALSE(tierdesk::cancelled_in_trial(s));
  CHECK(*tierdesk::service_end(s) == civil_date("2026-12-31"));
  CHECK(due(s, "2026-12-01", "2026-12-31").size() == 2);
  CHECK(due(s, "2027-01-01", "2027-12-31").empty());
}

TEST_CASE("yearly terms run to the end of their twelfth month") {
  auto s = monthly("2027-03-01");
  s.term_months = 12;
  CHECK(*tierdesk::service_end(s) == civil_date("2027-10-31"));
  CHECK(due(s, "2026-11-01", "2027-12-31") ==
        std::vector{charge("2026-12-04", "2026-11-20", "2027-10-31")});
  s.cancelled_on.reset();
  CHECK(due(s, "2027-11-01", "2027-11-30") ==
        std::vector{charge("2027-11-01", "2027-11-01", "2028-10-31")});
}

TEST_CASE("validate names the field") {
  auto s = monthly();
  s.term_months = 0;
  CHECK(tierdesk::validate(s).error().message() ==
        "subscription.term_months: got \"0\", expected at least 1");
  s = monthly("2026-11-19");
  auto bad = tierdesk::charges_due(s, civil_date("2026-11-01"), civil_date("2026-11-30"));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code() == Errc::invalid_argument);
  CHECK(bad.error().message() ==
        "subscription.cancelled_on: got \"2026-11-19\", expected a date from the start 2026-11-20 "
        "on");
}

TEST_CASE("a window far from the start holds exactly the terms that begin in it") {
  // Each statement of a long contract asks for one month: the answer must not depend on how
  // many terms lie before it (a status mail for 4056-03 once walked 24,000 terms per month).
  const auto s = monthly();
  CHECK(due(s, "4056-03-01", "4056-03-31") ==
        std::vector{charge("4056-03-01", "4056-03-01", "4056-03-31")});
  Subscription quarterly{"service", money("90.00 EUR"), 3, civil_date("2026-11-20"), 0,
                         std::nullopt};
  // Terms begin in Nov, Feb, May, Aug: a window inside a term has no charge, one across a
  // term's first day has that term's.
  CHECK(due(quarterly, "2100-03-01", "2100-04-30").empty());
  CHECK(due(quarterly, "2100-01-15", "2100-02-15") ==
        std::vector{charge("2100-02-01", "2100-02-01", "2100-04-30", "90.00 EUR")});
  CHECK(due(quarterly, "2026-01-01", "2027-02-28") ==
        std::vector{charge("2026-11-20", "2026-11-20", "2027-01-31", "90.00 EUR"),
                    charge("2027-02-01", "2027-02-01", "2027-04-30", "90.00 EUR")});
  quarterly.cancelled_on = civil_date("2099-12-24");  // in the term Nov 2099 … Jan 2100
  CHECK(*tierdesk::service_end(quarterly) == civil_date("2100-01-31"));
  CHECK(due(quarterly, "2100-01-15", "2100-02-15").empty());
}
