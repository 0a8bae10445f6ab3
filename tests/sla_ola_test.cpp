// Operational-level targets per tier, and categories that raise the priority.
#include <doctest/doctest.h>

#include "support/sla_fixtures.hpp"

using namespace tierdesk;
using namespace tierdesk::sla_testing;

namespace {

// OneOffice plus: 2nd level picks a ticket up within 2 business hours, 3rd level within 1;
// security faults are critical and go to 3rd level.
SlaPolicy tiered() {
  SlaPolicySpec s = oneoffice_spec();
  s.ola = {{"2nd-level", 2h, "office"}, {"3rd-level", 1h, "office"}};
  s.categories = {{"security", "critical", "3rd-level"}, {"how-to", "", ""}};
  return SlaPolicy::compile(s, oneoffice_calendars()).value();
}

History escalated() {
  History h;
  h.created("2026-03-09T09:00:00+01:00")
      .add("2026-03-09T09:30:00+01:00", EventKind::tier, "1st-level")
      .add("2026-03-09T10:00:00+01:00", EventKind::agent_public_reply)
      .add("2026-03-09T15:00:00+01:00", EventKind::tier, "2nd-level");
  return h;
}

}  // namespace

TEST_CASE("OLA: the 2nd-level clock starts when the ticket enters 2nd level") {
  History h;
  h.created("2026-03-09T09:00:00+01:00");
  CHECK(clocks(h, tiered(), "2026-03-09T15:10:00+01:00").ola[0].state == ClockState::inactive);

  const TicketClocks c = clocks(escalated(), tiered(), "2026-03-09T15:10:00+01:00");
  CHECK(c.ola[0].state == ClockState::running);
  CHECK(c.ola[0].started_at == at("2026-03-09T15:00:00+01:00"));
  CHECK(c.ola[0].elapsed == 10min);
  CHECK(c.ola[0].due == at("2026-03-10T09:00:00+01:00"));  // 1 h Monday + 1 h Tuesday
  CHECK(c.ola[1].state == ClockState::inactive);
}

TEST_CASE("OLA: an internal note in the tier meets its target") {
  History h = escalated();
  h.add("2026-03-09T15:30:00+01:00", EventKind::agent_internal_note);
  const Clock o = clocks(h, tiered(), "2026-03-10T12:00:00+01:00").ola[0];
  CHECK(o.state == ClockState::met);
  CHECK(o.elapsed == 30min);
  CHECK(o.met_at == at("2026-03-09T15:30:00+01:00"));
}

TEST_CASE("OLA: accepted after the target is met late") {
  History h = escalated();
  h.add("2026-03-10T09:30:00+01:00", EventKind::accepted);
  const Clock o = clocks(h, tiered(), "2026-03-10T12:00:00+01:00").ola[0];
  CHECK(o.state == ClockState::breached);
  CHECK(o.elapsed == 150min);
  CHECK(o.due == at("2026-03-10T09:00:00+01:00"));
  CHECK(o.breached_at == at("2026-03-10T09:00:00+01:00"));
  CHECK(o.met_at == at("2026-03-10T09:30:00+01:00"));
}

TEST_CASE("OLA: moving on to 3rd level stops the 2nd-level clock and starts the next") {
  History h = escalated();
  h.add("2026-03-09T15:20:00+01:00", EventKind::tier, "3rd-level");
  const TicketClocks c = clocks(h, tiered(), "2026-03-09T15:30:00+01:00");
  CHECK(c.ola[0].state == ClockState::met);
  CHECK(c.ola[0].elapsed == 20min);
  CHECK(c.ola[1].state == ClockState::running);
  CHECK(c.ola[1].due == at("2026-03-10T08:20:00+01:00"));  // 40 min Monday, 20 min Tuesday
  // Resolution (8 h from Monday 09:00) is due Tuesday 09:00, later than the 3rd-level pickup.
  CHECK(c.next_due() == at("2026-03-10T08:20:00+01:00"));
}

TEST_CASE("A security fault is raised to the top priority and its 24/7 targets") {
  const SlaPolicy policy = tiered();
  History h;
  h.created("2026-03-07T10:00:00+01:00", "low")  // a Saturday
      .add("2026-03-07T10:00:00+01:00", EventKind::category, "security");
  const TicketClocks c = clocks(h, policy, "2026-03-07T10:20:00+01:00");
  CHECK(c.priority == policy.priority_index("critical"));
  CHECK(c.category == policy.category_index("security"));
  CHECK(c[Metric::response].due == at("2026-03-07T11:00:00+01:00"));
  CHECK(policy.spec().categories[0].tier == "3rd-level");

  History how_to;
  how_to.created("2026-03-07T10:00:00+01:00", "low")
      .add("2026-03-07T10:00:00+01:00", EventKind::category, "how-to");
  CHECK(clocks(how_to, policy, "2026-03-07T10:20:00+01:00").priority ==
        policy.priority_index("low"));
}
