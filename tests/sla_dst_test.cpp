// SLA clocks across the DST switches of Europe/Copenhagen in 2026 (29 March: 02:00 → 03:00;
// 25 October: 03:00 → 02:00). Business time is real elapsed time inside open hours.
#include <doctest/doctest.h>

#include "support/sla_fixtures.hpp"

using namespace tierdesk;
using namespace tierdesk::sla_testing;

TEST_CASE("Europe/Copenhagen 2026-03-29: a critical case on the 24/7 calendar loses no hour") {
  History h;
  h.created("2026-03-29T01:30:00+01:00", "critical");  // 00:30Z
  const TicketClocks c = clocks(h, oneoffice(), "2026-03-29T04:00:00+02:00");
  // 01:30 → 04:00 on the wall clock is 1 h 30 min of real time.
  CHECK(c[Metric::response].elapsed == 90min);
  CHECK(c[Metric::response].due == at("2026-03-29T03:30:00+02:00"));  // 01:30Z
  // 4 h of real time: 04:30Z, shown 06:30 CEST (a wall-clock sum would say 05:30).
  CHECK(c[Metric::resolution].due == at("2026-03-29T06:30:00+02:00"));
}

TEST_CASE("Europe/Copenhagen 2026-10-25: the repeated hour counts twice on the 24/7 calendar") {
  History h;
  h.created("2026-10-25T01:30:00+02:00", "critical");  // 23:30Z on the 24th
  const TicketClocks c = clocks(h, oneoffice(), "2026-10-25T02:30:00+01:00");
  // The wall clock moved one hour, the real clock two.
  CHECK(c[Metric::response].elapsed == 2h);
  CHECK(c[Metric::response].due == at("2026-10-25T02:30:00+02:00"));  // first 02:30
  CHECK(c[Metric::response].state == ClockState::breached);
  CHECK(c[Metric::resolution].due == at("2026-10-25T04:30:00+01:00"));  // 03:30Z
}

TEST_CASE("Europe/Copenhagen 2026-03-29: office hours on the Monday after follow the wall clock") {
  History h;
  h.created("2026-03-27T14:00:00+01:00");  // Friday, normal: 4 h response
  const Clock r = clocks(h, oneoffice(), "2026-03-27T14:30:00+01:00")[Metric::response];
  // 1 h Friday until 15:00, 3 h from Monday 08:00 CEST.
  CHECK(r.due == at("2026-03-30T11:00:00+02:00"));
}

TEST_CASE("Europe/Copenhagen 2026-10-25: office hours on the Monday after follow the wall clock") {
  History h;
  h.created("2026-10-23T14:00:00+02:00");  // Friday, normal
  const Clock r = clocks(h, oneoffice(), "2026-10-23T14:30:00+02:00")[Metric::response];
  CHECK(r.due == at("2026-10-26T11:00:00+01:00"));
}
