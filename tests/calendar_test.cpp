#include <doctest/doctest.h>

#include <random>
#include <thread>

#include "calendar/day_hours.hpp"
#include "support/calendar_fixtures.hpp"
#include "tierdesk/calendar/calendar.hpp"

using namespace std::chrono_literals;
using namespace tierdesk;
using tierdesk::testing::at;
using tierdesk::testing::hours;

namespace {

Calendar office() { return Calendar::compile(tierdesk::testing::office_spec()).value(); }

std::string iso(const Calendar& cal, Result<Instant> t) {
  REQUIRE(t.has_value());
  return cal.zone().format_iso8601(*t);
}

}  // namespace

TEST_CASE("add: a budget that ends exactly at closing time lands on the next opening") {
  const auto cal = office();
  // SPEC §1: Monday 08:00 + 9 h on Mon–Fri 08–17 → Tuesday 08:00.
  CHECK(iso(cal, cal.add(at("2026-11-23T08:00:00+01:00"), 9h)) == "2026-11-24T08:00:00+01:00");
  CHECK(iso(cal, cal.add(at("2026-11-23T08:00:00+01:00"), 9h - 1s)) == "2026-11-23T16:59:59+01:00");
}

TEST_CASE("add: zero is the instant itself when open, else the next opening") {
  const auto cal = office();
  CHECK(iso(cal, cal.add(at("2026-11-23T10:15:00+01:00"), 0s)) == "2026-11-23T10:15:00+01:00");
  CHECK(iso(cal, cal.add(at("2026-11-23T08:00:00+01:00"), 0s)) == "2026-11-23T08:00:00+01:00");
  CHECK(iso(cal, cal.add(at("2026-11-21T12:00:00+01:00"), 0s)) == "2026-11-23T08:00:00+01:00");
  CHECK(iso(cal, cal.add(at("2026-11-23T17:00:00+01:00"), 0s)) == "2026-11-24T08:00:00+01:00");
}

TEST_CASE("add and between skip the weekend") {
  const auto cal = office();
  CHECK(iso(cal, cal.add(at("2026-11-20T16:00:00+01:00"), 2h)) == "2026-11-23T09:00:00+01:00");
  CHECK(cal.between(at("2026-11-20T16:00:00+01:00"), at("2026-11-23T09:00:00+01:00")) == 2h);
  CHECK(cal.between(at("2026-11-23T09:00:00+01:00"), at("2026-11-20T16:00:00+01:00")) == -2h);
  CHECK(cal.between(at("2026-11-21T09:00:00+01:00"), at("2026-11-22T09:00:00+01:00")) == 0s);
  // A whole week is 45 hours.
  CHECK(cal.between(at("2026-11-23T00:00:00+01:00"), at("2026-11-30T00:00:00+01:00")) == 45h);
}

TEST_CASE("add with a negative budget walks back to the earliest instant") {
  const auto cal = office();
  CHECK(iso(cal, cal.add(at("2026-11-24T10:00:00+01:00"), -3h)) == "2026-11-23T16:00:00+01:00");
  CHECK(iso(cal, cal.add(at("2026-11-23T09:00:00+01:00"), -2h)) == "2026-11-20T16:00:00+01:00");
  // The earliest instant with 9 business hours before Tuesday 08:00 is Friday's close.
  CHECK(iso(cal, cal.add(at("2026-11-24T08:00:00+01:00"), -9h)) == "2026-11-20T17:00:00+01:00");
}

TEST_CASE("is_open, next_open and next_close at the boundaries") {
  const auto cal = office();
  CHECK(cal.is_open(at("2026-11-23T08:00:00+01:00")));
  CHECK_FALSE(cal.is_open(at("2026-11-23T07:59:59+01:00")));
  CHECK_FALSE(cal.is_open(at("2026-11-23T17:00:00+01:00")));
  CHECK_FALSE(cal.is_open(at("2026-11-22T12:00:00+01:00")));
  CHECK(iso(cal, cal.next_open(at("2026-11-23T12:00:00+01:00"))) == "2026-11-23T12:00:00+01:00");
  CHECK(iso(cal, cal.next_open(at("2026-11-27T17:00:00+01:00"))) == "2026-11-30T08:00:00+01:00");
  CHECK(iso(cal, cal.next_close(at("2026-11-23T12:00:00+01:00"))) == "2026-11-23T17:00:00+01:00");
  CHECK(iso(cal, cal.next_close(at("2026-11-21T12:00:00+01:00"))) == "2026-11-23T17:00:00+01:00");
}

TEST_CASE("open_intervals clips to the range") {
  const auto cal = office();
  const auto got = cal.open_intervals({at("2026-11-23T12:00:00+01:00"), at("2026-11-25T09:00:00+01:00")});
  REQUIRE(got.has_value());
  REQUIRE(got->size() == 3);
  CHECK((*got)[0] == Segment<Instant>{at("2026-11-23T12:00:00+01:00"), at("2026-11-23T17:00:00+01:00")});
  CHECK((*got)[1] == Segment<Instant>{at("2026-11-24T08:00:00+01:00"), at("2026-11-24T17:00:00+01:00")});
  CHECK((*got)[2] == Segment<Instant>{at("2026-11-25T08:00:00+01:00"), at("2026-11-25T09:00:00+01:00")});
}

TEST_CASE("split shifts skip the lunch break") {
  auto spec = tierdesk::testing::office_spec();
  spec.week = tierdesk::testing::workweek({{*TimeOfDay::parse("08:00"), *TimeOfDay::parse("12:00")},
                                           {*TimeOfDay::parse("13:00"), *TimeOfDay::parse("17:00")}});
  const auto cal = Calendar::compile(spec).value();
  CHECK(iso(cal, cal.add(at("2026-11-23T11:30:00+01:00"), 1h)) == "2026-11-23T13:30:00+01:00");
  CHECK(iso(cal, cal.add(at("2026-11-23T11:00:00+01:00"), 1h)) == "2026-11-23T13:00:00+01:00");
  CHECK(cal.between(at("2026-11-23T00:00:00+01:00"), at("2026-11-24T00:00:00+01:00")) == 8h);
}

TEST_CASE("holidays, partial days, ranges and overrides") {
  auto spec = tierdesk::testing::office_spec();
  spec.holidays = {
      {"1. Weihnachtstag", FixedDate{12, 25}, {}, {}, {}},
      {"2. Weihnachtstag", FixedDate{12, 26}, {}, {}, {}},
      {"Heiligabend", FixedDate{12, 24}, {}, {}, hours("00:00", "12:00")},
      {"Betriebsferien", DateRange{*make_date(2026, 12, 29), *make_date(2027, 1, 1)}, {}, {}, {}},
  };
  spec.overrides = {{*make_date(2026, 12, 28), hours("10:00", "14:00")},
                    {*make_date(2026, 12, 23), {}}};
  const auto cal = Calendar::compile(spec).value();

  // 22 Dec 16:00 + 2 h: 1 h on the 22nd, the 23rd is closed by override, 1 h on the 24th.
  CHECK(iso(cal, cal.add(at("2026-12-22T16:00:00+01:00"), 2h)) == "2026-12-24T09:00:00+01:00");
  // 24 Dec closes at 12:00; the 25th is a Friday holiday; the 28th opens 10–14; then closure.
  CHECK(iso(cal, cal.add(at("2026-12-24T11:00:00+01:00"), 2h)) == "2026-12-28T11:00:00+01:00");
  CHECK(iso(cal, cal.add(at("2026-12-28T13:00:00+01:00"), 2h)) == "2027-01-04T09:00:00+01:00");
  CHECK(cal.between(at("2026-12-21T00:00:00+01:00"), at("2027-01-04T00:00:00+01:00")) ==
        9h + 9h + 4h + 4h);
  CHECK(cal.hours_on(*make_date(2026, 12, 24)) == hours("08:00", "12:00"));
  CHECK(cal.hours_on(*make_date(2026, 12, 30)).empty());
}

TEST_CASE("24/7 calendar: add is plain addition and next_close is out of range") {
  const auto cal = Calendar::compile(tierdesk::testing::all_days_spec("UTC")).value();
  const auto t = at("2026-11-23T08:00:00Z");
  CHECK(cal.add(t, 1000h).value() == t + 1000h);
  CHECK(cal.add(t, -1000h).value() == t - 1000h);
  CHECK(cal.between(t, t + 24h * 400).value() == 24h * 400);
  CHECK(cal.next_open(t).value() == t);
  CHECK(cal.next_close(t).error().code() == Errc::out_of_range);
  CHECK(Calendar::always_open().add(t, 90min).value() == t + 90min);
}

TEST_CASE("compile rejects bad calendars with errors naming the field") {
  auto spec = tierdesk::testing::office_spec("Europe/Berln");
  auto r = Calendar::compile(spec);
  CHECK(r.error().code() == Errc::unknown_zone);
  CHECK(r.error().message().find("Europe/Berln") != std::string::npos);

  spec = tierdesk::testing::office_spec();
  spec.week.days[3] = hours("17:00", "08:00");
  r = Calendar::compile(spec);
  CHECK(r.error().code() == Errc::invalid_interval);
  CHECK(r.error().message().find("week.wed[0]") != std::string::npos);

  spec = tierdesk::testing::office_spec();
  spec.week.days[2] = {hours("08:00", "12:00")[0], hours("11:00", "17:00")[0]};
  r = Calendar::compile(spec);
  CHECK(r.error().code() == Errc::overlapping_intervals);
  CHECK(r.error().message().find("week.tue[1]") != std::string::npos);

  spec = tierdesk::testing::office_spec();
  spec.week = {};
  r = Calendar::compile(spec);
  CHECK(r.error().code() == Errc::never_opens);
}

TEST_CASE("a calendar that stops opening makes add fail instead of looping") {
  CalendarSpec spec;
  spec.name = "one-day";
  spec.zone = "Europe/Berlin";
  spec.overrides = {{*make_date(2026, 12, 1), hours("08:00", "10:00")}};
  const auto cal = Calendar::compile(spec).value();
  CHECK(iso(cal, cal.add(at("2026-11-01T00:00:00+01:00"), 1h)) == "2026-12-01T09:00:00+01:00");
  const auto r = cal.add(at("2026-11-01T00:00:00+01:00"), 3h);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code() == Errc::never_opens);
  CHECK(cal.add(at("2026-12-02T00:00:00+01:00"), -2h).value() == at("2026-12-01T08:00:00+01:00"));
  CHECK(cal.add(at("2026-12-02T00:00:00+01:00"), -3h).error().code() == Errc::never_opens);
}

TEST_CASE("instants outside the supported years are out_of_range") {
  const auto cal = office();
  CHECK(cal.add(at("1850-01-01T00:00:00Z"), 1h).error().code() == Errc::out_of_range);
  CHECK(cal.between(at("2026-01-01T00:00:00Z"), at("2500-01-01T00:00:00Z")).error().code() ==
        Errc::out_of_range);
  CHECK_FALSE(cal.is_open(at("2450-06-01T10:00:00Z")));
  // A duration beyond the supported years, checked before any arithmetic (INT64_MAX seconds
  // used to wrap around to an instant in the year -19741).
  const auto huge = cal.add(at("2026-12-23T16:30:00+01:00"), std::chrono::seconds::max());
  CHECK(huge.error().message() == "add: got \"9223372036854775807 s\", expected at most "
                                  "15778454400 s either way (the supported years)");
  CHECK(cal.add(at("2026-12-23T16:30:00+01:00"), -std::chrono::seconds::max()).error().code() ==
        Errc::out_of_range);
}

TEST_CASE("the lazy index grows far ahead and far back and stays consistent") {
  const auto cal = office();
  const auto t = at("2026-11-23T08:00:00+01:00");
  // 45 h a week, 50 years ahead and back: only weekends (no holidays in this calendar).
  const auto ahead = cal.add(t, 45h * 52 * 50);
  REQUIRE(ahead.has_value());
  CHECK(cal.between(t, *ahead) == 45h * 52 * 50);
  // 2600 weeks back from a Monday 08:00: the earliest such instant is the Friday close before.
  CHECK(iso(cal, cal.add(t, -45h * 52 * 50)) == "1977-01-21T17:00:00+01:00");
}

TEST_CASE("add and between agree with each other from random starts") {
  const auto cal = office();
  std::mt19937_64 rng(42);
  const auto base = at("2026-01-01T00:00:00Z");
  for (int i = 0; i < 2000; ++i) {
    const auto t = base + std::chrono::seconds(rng() % (366LL * 86400));
    const auto d = std::chrono::seconds(static_cast<long long>(rng() % (200LL * 3600)) - 40 * 3600);
    const auto u = cal.add(t, d);
    REQUIRE(u.has_value());
    if (d >= 0s) {
      CHECK(cal.between(t, *u) == d);
      CHECK(cal.between(t, *u + 1s).value() > d);  // the latest such instant: one second on is open
    } else {
      CHECK(cal.between(*u, t) == -d);
      CHECK(cal.between(*u - 1s, t).value() > -d);  // the earliest such instant
    }
  }
}

TEST_CASE("concurrent readers of a fresh calendar get the same answers") {
  const auto cal = office();
  const auto t = at("2026-11-23T08:00:00+01:00");
  std::vector<std::thread> threads;
  std::vector<Instant> results(4);
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      // Each thread reaches other years first, forcing index growth in both directions.
      const auto direction = k % 2 == 0 ? 1 : -1;
      for (int y = 1; y <= 20; ++y) (void)cal.add(t + direction * y * 24h * 365, 45h * 52).value();
      results[k] = cal.add(t, 45h * 52 * 3).value();
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& r : results) CHECK(r == results[0]);
}

TEST_CASE("a calendar's size is bounded: intervals a day, holiday rules, override dates") {
  // One-second openings all day long used to compile, and one `between` over the supported
  // years then cost 70 s of CPU and 2.4 GB.
  auto spec = tierdesk::testing::office_spec();
  LocalHours seconds;
  for (int i = 0; i < 49; ++i)
    seconds.push_back({*TimeOfDay::from_seconds(std::chrono::seconds(2 * i)),
                       *TimeOfDay::from_seconds(std::chrono::seconds(2 * i + 1))});
  spec.week = tierdesk::testing::workweek(seconds);
  auto many = Calendar::compile(spec);
  REQUIRE_FALSE(many);
  CHECK(many.error().code() == Errc::out_of_range);
  CHECK(many.error().message() == "week.mon: got \"49 intervals\", expected at most 48 a day");
  seconds.pop_back();
  spec.week = tierdesk::testing::workweek(seconds);
  CHECK(Calendar::compile(spec).has_value());
}

TEST_CASE("a budgeted calendar refuses questions that would index more than its budget") {
  // 48 one-second openings on each workday: at most 48 × 366 = 17568 intervals a year.
  auto spec = tierdesk::testing::office_spec();
  LocalHours seconds;
  for (int i = 0; i < 48; ++i)
    seconds.push_back({*TimeOfDay::from_seconds(std::chrono::seconds(2 * i)),
                       *TimeOfDay::from_seconds(std::chrono::seconds(2 * i + 1))});
  spec.week = tierdesk::testing::workweek(seconds);
  const auto dense = Calendar::compile(spec).value();
  const auto budgeted = dense.budgeted(200000);  // 11 years of it
  const Instant t = at("2026-03-02T09:00:00+01:00");
  const std::string over =
      "calendar \"" + spec.name +
      "\": the question reaches beyond 11 years of it, the budget of an evaluation (200000 open "
      "intervals); ask about a shorter span";

  // Within the budget, the answers are the unbudgeted calendar's.
  const auto within = budgeted.between(t, t + 24h * 365 * 5);
  REQUIRE_MESSAGE(within, within.error().message());
  CHECK(*within == dense.between(t, t + 24h * 365 * 5).value());
  const auto added = budgeted.add(t, 3h);
  REQUIRE_MESSAGE(added, added.error().message());
  CHECK(*added == dense.add(t, 3h).value());
  // Beyond it, an error naming the budget, however the question gets there.
  CHECK(budgeted.between(t, t + 24h * 365 * 20).error().message() == over);
  CHECK(budgeted.between(t, t + 24h * 365 * 20).error().code() == Errc::out_of_range);
  CHECK(budgeted.add(t, 24h * 30).error().message() == over);  // 30 days of seconds: ~70 years
  CHECK(budgeted.add(t, -24h * 30).error().message() == over);
  CHECK(budgeted.open_intervals({t, t + 24h * 365 * 40}).error().message() == over);
  // Questions far apart on one budgeted calendar: the index would have to span them both.
  CHECK(budgeted.between(t, t + 24h).has_value());
  CHECK(budgeted.next_open(t + 24h * 365 * 30).error().message() == over);
  // The unbudgeted calendar still answers over the supported years.
  CHECK(dense.between(t, t + 24h * 365 * 20).has_value());
}

// An index build walks the days forward with cursors over the overrides and the year's
// holidays; hours_on asks about one day alone. Both must give every day the same hours, over
// years that start and end on holidays and overrides.
TEST_CASE("the index holds each day's hours_on, across years of holidays and overrides") {
  CalendarSpec spec;
  spec.name = "walk";
  spec.zone = "UTC";
  spec.week = tierdesk::testing::workweek(hours("08:00", "17:00"));
  spec.week.days[6] = hours("10:00", "12:00");
  spec.holidays = {
      {"Neujahr", FixedDate{1, 1}, {}, {}, {}},
      {"Heiligabend", FixedDate{12, 24}, {}, {}, hours("00:00", "12:00")},
      {"Silvester", FixedDate{12, 31}, {}, {}, hours("09:00", "11:00")},
      {"Ferien", DateRange{*make_date(2027, 12, 27), *make_date(2028, 1, 4)}, {}, {}, {}},
  };
  spec.overrides = {{*make_date(2026, 1, 1), hours("10:00", "11:00")},
                    {*make_date(2027, 6, 30), {}},
                    {*make_date(2028, 12, 31), hours("13:00", "14:00")},
                    {*make_date(2029, 3, 3), hours("06:00", "07:00")}};
  const auto cal = Calendar::compile(spec).value();

  std::vector<Segment<Instant>> expected;
  const auto first = std::chrono::sys_days{*make_date(2025, 12, 20)};
  const auto stop = std::chrono::sys_days{*make_date(2030, 1, 10)};
  for (auto d = first; d < stop; d += std::chrono::days{1}) {
    for (const auto& h : cal.hours_on(Date{d}))
      expected.push_back({Instant{d} + h.begin.since_midnight(), Instant{d} + h.end.since_midnight()});
  }
  const auto got = cal.open_intervals({Instant{first}, Instant{stop}});
  REQUIRE(got.has_value());
  REQUIRE(got->size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    REQUIRE(format_utc((*got)[i].begin) == format_utc(expected[i].begin));
    REQUIRE(format_utc((*got)[i].end) == format_utc(expected[i].end));
  }
  // The days the test is about, by hand.
  CHECK(cal.hours_on(*make_date(2026, 1, 1)) == hours("10:00", "11:00"));   // override beats holiday
  CHECK(cal.hours_on(*make_date(2027, 12, 24)) == hours("08:00", "12:00")); // Friday, partial
  CHECK(cal.hours_on(*make_date(2027, 12, 31)).empty());                    // inside Ferien
  CHECK(cal.hours_on(*make_date(2028, 12, 31)) == hours("13:00", "14:00")); // Sunday, override
  CHECK(cal.hours_on(*make_date(2029, 12, 31)) == hours("09:00", "11:00")); // Monday, partial
  CHECK(expected.size() > 1000);
}

// The walker's cursors are placed afresh when a day before the last one is asked, also right
// after an override answered: going back must find the holidays and overrides it passed.
TEST_CASE("DayHours answers days asked out of order as it answers them in order") {
  auto spec = tierdesk::testing::office_spec("UTC");
  spec.holidays = {{"Heiligabend", FixedDate{12, 24}, {}, {}, hours("00:00", "12:00")},
                   {"1. Weihnachtstag", FixedDate{12, 25}, {}, {}, {}}};
  spec.overrides = {{*make_date(2026, 12, 23), hours("10:00", "11:00")},
                    {*make_date(2027, 12, 23), {}}};
  const auto cal = Calendar::compile(spec).value();
  detail::DayHours walk(cal.spec());
  const auto day = [](int y, unsigned m, unsigned d) { return *make_date(y, m, d); };
  CHECK(walk.on(day(2026, 12, 28)) == hours("08:00", "17:00"));
  CHECK(walk.on(day(2026, 12, 23)) == hours("10:00", "11:00"));  // back, onto an override
  CHECK(walk.on(day(2026, 12, 24)) == hours("08:00", "12:00"));  // the holiday passed before
  CHECK(walk.on(day(2026, 12, 25)).empty());
  CHECK(walk.on(day(2027, 12, 24)) == hours("08:00", "12:00"));  // forward a year
  CHECK(walk.on(day(2027, 12, 23)).empty());                     // back, the year's override
  CHECK(walk.on(day(2026, 12, 24)) == hours("08:00", "12:00"));  // back a year
  CHECK(walk.on(day(2026, 12, 22)) == hours("08:00", "17:00"));
  CHECK(walk.on(day(2026, 12, 23)) == hours("10:00", "11:00"));
}
