// Uses the installed library through its public headers only; exits non-zero on any mismatch.
#include <chrono>
#include <cstdio>
#include <string_view>

#include <tierdesk/calendar/calendar_json.hpp>
#include <tierdesk/base/error.hpp>
#include <tierdesk/base/time.hpp>
#include <tierdesk/base/zone.hpp>

namespace {

int failures = 0;

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "consumer: FAILED %s\n", what);
    ++failures;
  }
}

}  // namespace

int main() {
  using namespace std::chrono;

  check(tierdesk::to_string(tierdesk::Errc::unknown_zone) == "unknown_zone",
        "to_string(Errc::unknown_zone)");

  const tierdesk::Result<tierdesk::Date> date = tierdesk::parse_date("2026-02-28");
  check(date.has_value() && *date == year{2026} / February / 28, "parse_date(2026-02-28)");
  check(!tierdesk::parse_date("2026-02-30").has_value(), "parse_date(2026-02-30) fails");

  const tierdesk::Result<tierdesk::Zone> berlin = tierdesk::Zone::locate("Europe/Berlin");
  check(berlin.has_value() && berlin->name() == "Europe/Berlin", "Zone::locate(Europe/Berlin)");
  const tierdesk::Result<tierdesk::Zone> bad = tierdesk::Zone::locate("Europe/Berln");
  check(!bad.has_value() && bad.error().is(tierdesk::Errc::unknown_zone),
        "Zone::locate(Europe/Berln) is unknown_zone");

  // Mon–Fri 08:00–17:00 in Berlin with the public holidays of Baden-Württemberg: a two-hour
  // target set at 16:30 on 23 December is due at 09:30 on the 24th.
  const tierdesk::Result<tierdesk::Calendar> office = tierdesk::load_calendar(R"({
    "name": "office", "zone": "Europe/Berlin", "holidays": ["DE-BW"],
    "week": {"mon": [["08:00", "17:00"]], "tue": [["08:00", "17:00"]],
             "wed": [["08:00", "17:00"]], "thu": [["08:00", "17:00"]],
             "fri": [["08:00", "17:00"]]}})");
  check(office.has_value(), "load_calendar(office)");
  if (office) {
    const auto opened = tierdesk::parse_iso8601("2026-12-23T16:30:00+01:00");
    const auto due = office->add(*opened, hours(2));
    check(due.has_value() && office->zone().format_iso8601(*due) == "2026-12-24T09:30:00+01:00",
          "Calendar::add(2026-12-23T16:30+01:00, 2h)");
  }

  if (failures == 0) std::puts("consumer: find_package(tierdesk) and link OK");
  return failures == 0 ? 0 : 1;
}
