// Uses the installed library through its public headers only; exits non-zero on any mismatch.
#include <cstdio>
#include <string_view>

#include <tierdesk/error.hpp>
#include <tierdesk/time.hpp>
#include <tierdesk/zone.hpp>

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

  if (failures == 0) std::puts("consumer: find_package(tierdesk) and link OK");
  return failures == 0 ? 0 : 1;
}
