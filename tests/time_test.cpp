#include <doctest/doctest.h>

#include <fmt/format.h>

#include "tierdesk/base/time.hpp"

using namespace std::chrono_literals;
using namespace tierdesk;

TEST_CASE("TimeOfDay parses HH:MM and HH:MM:SS, admits 24:00 and nothing later") {
  CHECK(TimeOfDay::parse("08:00")->since_midnight() == 8h);
  CHECK(TimeOfDay::parse("16:59:30")->since_midnight() == 16h + 59min + 30s);
  CHECK(TimeOfDay::parse("24:00")->since_midnight() == 24h);
  CHECK(TimeOfDay::parse("00:00") == TimeOfDay::midnight());
  for (const char* bad : {"25:00", "24:01", "8:00", "08:60", "08-00", "", "08:00:60", "ab:cd"}) {
    const auto r = TimeOfDay::parse(bad);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code() == Errc::invalid_time);
    CHECK(r.error().message().find(bad) != std::string::npos);
  }
  CHECK(fmt::format("{}", *TimeOfDay::parse("07:05")) == "07:05");
  CHECK(fmt::format("{}", *TimeOfDay::parse("07:05:09")) == "07:05:09");
}

TEST_CASE("dates are validated: Feb 30 does not exist, Feb 29 only in leap years") {
  CHECK(parse_date("2024-02-29").has_value());
  CHECK(parse_date("2026-02-29").error().code() == Errc::invalid_date);
  CHECK(parse_date("2026-02-30").error().message().find("2026-02-30") != std::string::npos);
  CHECK(parse_date("2026-13-01").error().code() == Errc::invalid_date);
  CHECK(parse_date("26-01-01").error().code() == Errc::invalid_date);
  CHECK(make_date(2026, 4, 31).error().code() == Errc::invalid_date);
  CHECK(fmt::format("{}", *make_date(2026, 1, 6)) == "2026-01-06");
}

TEST_CASE("format_utc prints what fmt's ISO-8601 format prints, at every year and second") {
  auto by_fmt = [](Instant t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::hh_mm_ss tod{t - day};
    return fmt::format("{}T{:02}:{:02}:{:02}Z", Date{day}, tod.hours().count(),
                       tod.minutes().count(), tod.seconds().count());
  };
  CHECK(format_utc(Instant{}) == "1970-01-01T00:00:00Z");
  CHECK(format_utc(Instant{std::chrono::sys_days{std::chrono::year{1} / 1 / 1}}) ==
        "0001-01-01T00:00:00Z");
  CHECK(format_utc(Instant{std::chrono::sys_days{std::chrono::year{-44} / 3 / 15}} + 86399s) ==
        "-044-03-15T23:59:59Z");
  CHECK(format_utc(Instant{std::chrono::sys_days{std::chrono::year{12026} / 12 / 31}} + 3661s) ==
        "12026-12-31T01:01:01Z");
  // Seconds from year -2000 to year 12000 in steps that meet every field's carry.
  std::int64_t checked = 0;
  for (std::int64_t s = -125'000'000'000; s < 317'000'000'000; s += 7'777'777 + s % 1'013) {
    const Instant t{std::chrono::seconds{s}};
    if (format_utc(t) != by_fmt(t)) FAIL("format_utc(" << s << " s) = " << format_utc(t));
    ++checked;
  }
  CHECK(checked > 50'000);
}

TEST_CASE("ISO-8601 instants need an offset and convert to UTC") {
  CHECK(format_utc(*parse_iso8601("2026-12-24T09:30:00+01:00")) == "2026-12-24T08:30:00Z");
  CHECK(format_utc(*parse_iso8601("2026-07-01T00:15:00+02:00")) == "2026-06-30T22:15:00Z");
  CHECK(format_utc(*parse_iso8601("2026-03-01T12:00:00-05:30")) == "2026-03-01T17:30:00Z");
  CHECK(*parse_iso8601("2026-12-24T08:30:00Z") == *parse_iso8601("2026-12-24T09:30:00+01:00"));
  for (const char* bad : {"2026-12-24T09:30:00", "2026-12-24 09:30", "2026-12-24T24:00:00Z",
                          "2026-02-30T10:00:00Z", "2026-12-24T09:30:00+1:00", "yesterday"}) {
    const auto r = parse_iso8601(bad);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code() == Errc::parse_error);
  }
}

TEST_CASE("segments: intersection, subtraction, length") {
  using S = Segment<int>;
  CHECK(intersect(S{1, 5}, S{3, 9}) == S{3, 5});
  CHECK(intersect(S{1, 3}, S{5, 9}).empty());
  CHECK(S{2, 7}.length() == 5);
  CHECK(S{7, 2}.length() == 0);
  CHECK(S{2, 7}.contains(2));
  CHECK_FALSE(S{2, 7}.contains(7));
  S left, right;
  subtract(S{0, 10}, S{3, 5}, &left, &right);
  CHECK(left == S{0, 3});
  CHECK(right == S{5, 10});
  subtract(S{0, 10}, S{-5, 4}, &left, &right);
  CHECK(left.empty());
  CHECK(right == S{4, 10});
}

// Civil and absolute time are different types: the compiler refuses to mix them.
static_assert(!std::is_convertible_v<LocalSeconds, Instant>);
static_assert(!std::is_convertible_v<Instant, LocalSeconds>);
static_assert(std::is_trivially_copyable_v<TimeOfDay>);
static_assert(std::is_trivially_copyable_v<Segment<Instant>>);

TEST_CASE("validate_hours rejects inverted and overlapping intervals, naming the place") {
  const auto t = [](const char* s) { return *TimeOfDay::parse(s); };
  CHECK(validate_hours({{t("08:00"), t("12:00")}, {t("13:00"), t("17:00")}}, "week.mon").has_value());
  const auto inverted = validate_hours({{t("17:00"), t("08:00")}}, "week.tue");
  CHECK(inverted.error().code() == Errc::invalid_interval);
  CHECK(inverted.error().message() == "week.tue[0]: got 17:00–08:00, expected the end after the begin");
  const auto overlap = validate_hours({{t("08:00"), t("12:00")}, {t("11:00"), t("17:00")}}, "x");
  CHECK(overlap.error().code() == Errc::overlapping_intervals);
  CHECK(overlap.error().message().find("x[1]") == 0);
}
