#include <doctest/doctest.h>

#include "tierdesk/base/zone.hpp"

using namespace std::chrono_literals;
using namespace tierdesk;

TEST_CASE("Zone::locate finds IANA zones and names the unknown ones") {
  CHECK(Zone::locate("Europe/Copenhagen")->name() == "Europe/Copenhagen");
  const auto bad = Zone::locate("Europe/Berln");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().code() == Errc::unknown_zone);
  CHECK(bad.error().message() == "zone: got \"Europe/Berln\", expected an IANA time zone name");
}

TEST_CASE("offsets follow the Copenhagen DST rules") {
  const auto cph = Zone::locate("Europe/Copenhagen").value();
  CHECK(cph.offset(*parse_iso8601("2026-01-15T12:00:00Z")) == 1h);
  CHECK(cph.offset(*parse_iso8601("2026-07-15T12:00:00Z")) == 2h);
  CHECK(cph.offset(*parse_iso8601("2026-03-29T00:59:59Z")) == 1h);
  CHECK(cph.offset(*parse_iso8601("2026-03-29T01:00:00Z")) == 2h);
}

TEST_CASE("format_iso8601 writes the local time with the offset in force") {
  const auto berlin = Zone::locate("Europe/Berlin").value();
  CHECK(berlin.format_iso8601(*parse_iso8601("2026-12-24T08:30:00Z")) == "2026-12-24T09:30:00+01:00");
  CHECK(berlin.format_iso8601(*parse_iso8601("2026-10-25T00:30:00Z")) == "2026-10-25T02:30:00+02:00");
  CHECK(berlin.format_iso8601(*parse_iso8601("2026-10-25T01:30:00Z")) == "2026-10-25T02:30:00+01:00");
  const auto ny = Zone::locate("America/New_York").value();
  CHECK(ny.format_iso8601(*parse_iso8601("2026-01-02T03:04:05Z")) == "2026-01-01T22:04:05-05:00");
  CHECK(Zone::utc().format_iso8601(*parse_iso8601("2026-01-02T03:04:05Z")) == "2026-01-02T03:04:05+00:00");
}

TEST_CASE("to_local and lookup are inverse for unique local times") {
  const auto berlin = Zone::locate("Europe/Berlin").value();
  const Instant t = *parse_iso8601("2026-06-01T10:00:00Z");
  const auto local = berlin.to_local(t);
  CHECK(local.time_since_epoch() == t.time_since_epoch() + 2h);
  const auto back = berlin.lookup(local);
  CHECK(back.kind == LocalLookup::Kind::unique);
  CHECK(back.first == t);
  CHECK(back.second == t);
}
