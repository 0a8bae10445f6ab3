// Daylight saving time: tests named after the zone and the switch day.
// Europe/Berlin and Europe/Copenhagen switch together: last Sunday of March 02:00 → 03:00
// (01:00 UTC) and last Sunday of October 03:00 → 02:00 (01:00 UTC).
#include <doctest/doctest.h>

#include <random>

#include "support/calendar_fixtures.hpp"
#include "tierdesk/calendar/calendar.hpp"

using namespace std::chrono_literals;
using namespace tierdesk;
using tierdesk::testing::at;
using tierdesk::testing::hours;

namespace {

Calendar all_days(std::string_view zone) {
  return Calendar::compile(tierdesk::testing::all_days_spec(zone)).value();
}

Calendar sunday_night_shift(std::string_view zone) {
  CalendarSpec spec;
  spec.name = "sunday 01-04";
  spec.zone = std::string(zone);
  spec.week.days[0] = hours("01:00", "04:00");
  return Calendar::compile(spec).value();
}

std::string iso(const Calendar& cal, Result<Instant> t) {
  REQUIRE(t.has_value());
  return cal.zone().format_iso8601(*t);
}

}  // namespace

TEST_CASE("Europe/Berlin 2026-03-29 spring forward: the skipped hour is not business time") {
  const auto cal = all_days("Europe/Berlin");
  CHECK(cal.between(at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00")) == 23h);
  CHECK(iso(cal, cal.add(at("2026-03-29T01:30:00+01:00"), 1h)) == "2026-03-29T03:30:00+02:00");
  const auto night = sunday_night_shift("Europe/Berlin");
  CHECK(night.between(at("2026-03-29T00:00:00+01:00"), at("2026-03-29T12:00:00+02:00")) == 2h);
  CHECK(iso(night, night.add(at("2026-03-29T01:00:00+01:00"), 2h)) == "2026-04-05T01:00:00+02:00");
}

TEST_CASE("Europe/Berlin 2026-10-25 fall back: the repeated hour counts twice") {
  const auto cal = all_days("Europe/Berlin");
  CHECK(cal.between(at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00")) == 25h);
  CHECK(iso(cal, cal.add(at("2026-10-25T02:30:00+02:00"), 1h)) == "2026-10-25T02:30:00+01:00");
  const auto night = sunday_night_shift("Europe/Berlin");
  CHECK(night.between(at("2026-10-25T00:00:00+02:00"), at("2026-10-25T12:00:00+01:00")) == 4h);
}

TEST_CASE("Europe/Berlin 2026-03-30: office hours keep their wall-clock time after the switch") {
  const auto cal = Calendar::compile(tierdesk::testing::office_spec("Europe/Berlin")).value();
  // Friday 16:00 CET + 2 h → Monday 09:00 CEST, two business hours across a 23-hour Sunday.
  CHECK(iso(cal, cal.add(at("2026-03-27T16:00:00+01:00"), 2h)) == "2026-03-30T09:00:00+02:00");
  CHECK(cal.add(at("2026-03-27T16:00:00+01:00"), 2h).value() == at("2026-03-30T07:00:00Z"));
  CHECK(cal.between(at("2026-03-27T16:00:00+01:00"), at("2026-03-30T09:00:00+02:00")) == 2h);
  CHECK(cal.is_open(at("2026-03-30T06:00:00Z")));
  CHECK_FALSE(cal.is_open(at("2026-03-30T05:59:59Z")));
  CHECK(iso(cal, cal.add(at("2026-10-23T16:00:00+02:00"), 2h)) == "2026-10-26T09:00:00+01:00");
}

TEST_CASE("Europe/Copenhagen 2026-03-29 spring forward") {
  const auto cal = all_days("Europe/Copenhagen");
  CHECK(cal.between(at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00")) == 23h);
  CHECK(iso(cal, cal.add(at("2026-03-28T23:00:00+01:00"), 4h)) == "2026-03-29T04:00:00+02:00");
  const auto night = sunday_night_shift("Europe/Copenhagen");
  CHECK(night.between(at("2026-03-29T00:00:00+01:00"), at("2026-03-29T12:00:00+02:00")) == 2h);
}

TEST_CASE("Europe/Copenhagen 2026-10-25 fall back") {
  const auto cal = all_days("Europe/Copenhagen");
  CHECK(cal.between(at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00")) == 25h);
  CHECK(iso(cal, cal.add(at("2026-10-24T23:00:00+02:00"), 4h)) == "2026-10-25T02:00:00+01:00");
  CHECK(iso(cal, cal.add(at("2026-10-25T04:00:00+01:00"), -3h)) == "2026-10-25T02:00:00+02:00");
}

TEST_CASE("Zone::lookup reports skipped and repeated local times") {
  const auto berlin = Zone::locate("Europe/Berlin").value();
  const auto local = [](std::string_view iso_utc) {
    return LocalSeconds{at(iso_utc).time_since_epoch()};
  };
  const auto gap = berlin.lookup(local("2026-03-29T02:30:00Z"));
  CHECK(gap.kind == LocalLookup::Kind::skipped);
  CHECK(gap.first == at("2026-03-29T01:00:00Z"));
  const auto twice = berlin.lookup(local("2026-10-25T02:30:00Z"));
  CHECK(twice.kind == LocalLookup::Kind::repeated);
  CHECK(twice.first == at("2026-10-25T00:30:00Z"));
  CHECK(twice.second == at("2026-10-25T01:30:00Z"));
}

// An independent reference: walk minute by minute, asking the wall clock whether the
// schedule is open, and compare with the index around both switch days.
TEST_CASE("between and add match a minute-by-minute wall-clock walk across DST switches") {
  for (std::string_view zone : {"Europe/Berlin", "Europe/Copenhagen"}) {
    for (auto day_hours : {hours("08:00", "17:00"), hours("00:00", "24:00"),
                           hours("01:00", "04:00"), hours("06:30", "22:15")}) {
      CalendarSpec spec;
      spec.name = "reference";
      spec.zone = std::string(zone);
      for (unsigned wd = 0; wd < 7; ++wd) if (wd != 6) spec.week.days[wd] = day_hours;
      const auto cal = Calendar::compile(spec).value();
      const auto z = Zone::locate(zone).value();

      for (const auto* start_iso : {"2026-03-20T00:00:00Z", "2026-10-16T00:00:00Z"}) {
        const Instant start = at(start_iso);
        const int minutes = 16 * 24 * 60;
        std::vector<long long> prefix(minutes + 1, 0);  // open minutes in [start, start + i)
        for (int i = 0; i < minutes; ++i) {
          const auto local = z.to_local(start + std::chrono::minutes(i));
          const auto day = std::chrono::floor<std::chrono::days>(local);
          const auto tod = local - day;
          const std::chrono::weekday wd{day};
          const auto& h = spec.week[wd];
          const bool open = !h.empty() && h[0].begin.since_midnight() <= tod &&
                            tod < h[0].end.since_midnight();
          prefix[i + 1] = prefix[i] + (open ? 1 : 0);
        }
        std::mt19937 rng(7);
        for (int k = 0; k < 300; ++k) {
          const int a = static_cast<int>(rng() % minutes), b = static_cast<int>(rng() % minutes);
          const auto got = cal.between(start + std::chrono::minutes(a), start + std::chrono::minutes(b));
          CHECK(got.value() == std::chrono::minutes(prefix[b] - prefix[a]));
          // add: the latest minute u with prefix[u] - prefix[a] == d, within the window.
          const long long d = (prefix[minutes] - prefix[a]) / 2;
          int u = a;
          while (u < minutes && prefix[u + 1] - prefix[a] <= d) ++u;
          if (u < minutes) {
            CHECK(cal.add(start + std::chrono::minutes(a), std::chrono::minutes(d)).value() ==
                  start + std::chrono::minutes(u));
          }
        }
      }
    }
  }
}

// The index resolves most local times from the offset of the zone period it is in and asks the
// zone only near a transition. Every boundary must still be what Zone::lookup gives, in the
// zones whose transitions are the odd ones: a skipped day (Apia 2011, Kiritimati 1994), half-hour
// and 30-minute DST (Lord Howe, St John's), negative DST (Dublin), a two-hour DST (Troll), DST
// suspended for Ramadan (Casablanca), offsets of more than 15 hours in the local mean time
// before 1900 (Sitka, Manila), and Berlin.
TEST_CASE("every boundary of a century's index is the zone's own lookup, in the odd zones") {
  for (const std::string_view name :
       {"Pacific/Apia", "Pacific/Kiritimati", "Australia/Lord_Howe", "America/St_Johns",
        "Europe/Dublin", "Antarctica/Troll", "Africa/Casablanca", "America/Sitka", "Asia/Manila",
        "Europe/Berlin"}) {
    CAPTURE(name);
    CalendarSpec spec;
    spec.name = "boundaries";
    spec.zone = std::string(name);
    LocalHours day;
    for (const auto& [b, e] : {std::pair{"00:30", "02:30"}, {"09:00", "17:00"}, {"23:00", "23:45"}})
      day.push_back({TimeOfDay::parse(b).value(), TimeOfDay::parse(e).value()});
    for (auto& d : spec.week.days) d = day;
    const Calendar cal = Calendar::compile(spec).value();
    const Zone zone = cal.zone();

    // Local 1900-01-02 … 2100-01-01, day by day, each boundary looked up alone.
    std::vector<Segment<Instant>> expected;
    const auto first = std::chrono::sys_days{Date{std::chrono::year{1900}, std::chrono::January,
                                                  std::chrono::day{2}}};
    const auto stop = std::chrono::sys_days{Date{std::chrono::year{2100}, std::chrono::January,
                                                 std::chrono::day{1}}};
    for (auto d = first; d < stop; d += std::chrono::days{1}) {
      const auto midnight = std::chrono::local_days{Date{d}}.time_since_epoch();
      for (const auto& h : day) {
        const Instant b = zone.lookup(LocalSeconds{midnight + h.begin.since_midnight()}).first;
        const Instant e = zone.lookup(LocalSeconds{midnight + h.end.since_midnight()}).second;
        if (b >= e) continue;
        if (!expected.empty() && b <= expected.back().end) {
          expected.back().end = std::max(expected.back().end, e);
        } else {
          expected.push_back({b, e});
        }
      }
    }
    REQUIRE(expected.size() > 200000);
    const auto got = cal.open_intervals({expected.front().begin, expected.back().end});
    REQUIRE(got.has_value());
    REQUIRE(got->size() == expected.size());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if ((*got)[i].begin != expected[i].begin || (*got)[i].end != expected[i].end) {
        if (differ++ == 0) {
          CHECK(format_utc((*got)[i].begin) == format_utc(expected[i].begin));
          CHECK(format_utc((*got)[i].end) == format_utc(expected[i].end));
        }
      }
    }
    CHECK(differ == 0);
  }
}
