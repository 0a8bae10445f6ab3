#include <doctest/doctest.h>

#include "tierdesk/base/error.hpp"

using namespace tierdesk;

TEST_CASE("error codes have stable names and numbers") {
  CHECK(to_string(Errc::unknown_zone) == "unknown_zone");
  CHECK(to_string(Errc::never_opens) == "never_opens");
  CHECK(to_string(Errc::missing_field) == "missing_field");
  // The numbers are part of the API (stored, sent over the wire): they never change.
  CHECK(static_cast<int>(Errc::invalid_argument) == 1);
  CHECK(static_cast<int>(Errc::unknown_zone) == 3);
  CHECK(static_cast<int>(Errc::missing_field) == 22);
}

TEST_CASE("Error::invalid names the field, the value and what was expected") {
  const Error e = Error::invalid(Errc::invalid_time, "week.mon[0][1]", "25:00", "00:00 … 24:00");
  CHECK(e.code() == Errc::invalid_time);
  CHECK(e.is(Errc::invalid_time));
  CHECK_FALSE(e.is(Errc::invalid_date));
  CHECK(e.message() == "week.mon[0][1]: got \"25:00\", expected 00:00 … 24:00");
}

TEST_CASE("Error::within puts context in front and keeps the code") {
  const Error e = Error(Errc::not_found, "ticket OO-2026-000123").within("history");
  CHECK(e.code() == Errc::not_found);
  CHECK(e.message() == "history: ticket OO-2026-000123");
  CHECK(Error(Errc::io_error, "x").within("") == Error(Errc::io_error, "x"));
}

TEST_CASE("Result carries a value or an Error") {
  const auto half = [](int n) -> Result<int> {
    if (n % 2 != 0) return fail(Errc::invalid_argument, "n: odd");
    return n / 2;
  };
  CHECK(half(8).value() == 4);
  REQUIRE_FALSE(half(7).has_value());
  CHECK(half(7).error().code() == Errc::invalid_argument);
  CHECK(half(7).value_or(-1) == -1);
}

TEST_CASE("a long value is echoed cut short, at a character boundary, with its length") {
  const std::string key(5 * 1024 * 1024, 'k');  // a 5 MB unknown key used to come back whole
  const Error e = Error::invalid(Errc::invalid_argument, "op", key, "add or between");
  CHECK(e.message() == "op: got \"" + std::string(96, 'k') +
                           "… (5242880 bytes)\", expected add or between");
  CHECK(echo(std::string(96, 'x')) == std::string(96, 'x'));
  // "ü" is two bytes: a cut after 95 bytes would split the one that starts at byte 95.
  const std::string umlauts = std::string(95, 'a') + "üüü";
  CHECK(echo(umlauts) == std::string(95, 'a') + "… (101 bytes)");
}
