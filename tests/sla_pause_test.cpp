// Pauses, reopening and priority changes, on the OneOffice calendars (Europe/Copenhagen,
// Mon–Thu 08–16, Fri 08–15). Danish Easter 2026: Thursday 2 April to Monday 6 April closed.
#include <doctest/doctest.h>

#include "support/sla_fixtures.hpp"

using namespace tierdesk;
using namespace tierdesk::sla_testing;

namespace {

// Medium (2 h / 4 h), created Wednesday before Easter, answered, then waiting for the customer
// from 13:00 (3 business hours used) over Easter and the weekend.
History medium_over_easter() {
  History h;
  h.created("2026-04-01T10:00:00+02:00", "medium")
      .add("2026-04-01T11:00:00+02:00", EventKind::agent_public_reply)
      .add("2026-04-01T13:00:00+02:00", EventKind::status, "pending-customer");
  return h;
}

}  // namespace

TEST_CASE("Medium ticket paused over a weekend and public holidays") {
  const SlaPolicy policy = oneoffice();
  History h = medium_over_easter();

  SUBCASE("while paused: no due instant, elapsed frozen") {
    const Clock r = clocks(h, policy, "2026-04-04T12:00:00+02:00")[Metric::resolution];
    CHECK(r.state == ClockState::paused);
    CHECK(r.elapsed == 3h);
    CHECK(r.remaining == 1h);
    CHECK_FALSE(r.due.has_value());
  }
  SUBCASE("resumed Tuesday 09:00: the last hour runs to 10:00") {
    h.add("2026-04-07T09:00:00+02:00", EventKind::status, "open");
    const TicketClocks c = clocks(h, policy, "2026-04-07T09:30:00+02:00");
    const Clock& r = c[Metric::resolution];
    CHECK(r.state == ClockState::running);
    CHECK(r.elapsed == 3h + 30min);
    CHECK(r.due == at("2026-04-07T10:00:00+02:00"));
    // 75 % = 3 h was reached exactly when the pause began; it fires when the clock runs again.
    CHECK(r.warnings[0] == at("2026-04-07T09:00:00+02:00"));
    CHECK(r.warnings[1] == at("2026-04-07T09:36:00+02:00"));  // 90 % = 3 h 36 min
    CHECK(c[Metric::response].state == ClockState::met);
    CHECK(c[Metric::response].due == at("2026-04-01T12:00:00+02:00"));
    CHECK(c[Metric::response].elapsed == 1h);
  }
  SUBCASE("resumed on Saturday: the deadline is still inside business hours") {
    h.add("2026-04-04T10:00:00+02:00", EventKind::status, "open");
    const Clock r = clocks(h, policy, "2026-04-04T11:00:00+02:00")[Metric::resolution];
    CHECK(r.state == ClockState::running);
    CHECK(r.elapsed == 3h);
    // Closed Saturday to Easter Monday: Tuesday 08:00 + 1 h.
    CHECK(r.due == at("2026-04-07T09:00:00+02:00"));
  }
}

TEST_CASE("Pause and resume inside one minute moves the deadlines by exactly that") {
  History h;
  h.created("2026-03-09T09:00:00+01:00")  // normal: 4 h / 8 h
      .add("2026-03-09T10:00:00+01:00", EventKind::status, "on-hold")
      .add("2026-03-09T10:00:40+01:00", EventKind::status, "open");
  const SlaPolicy policy = oneoffice();

  const TicketClocks during = clocks(h, policy, "2026-03-09T10:00:20+01:00");
  CHECK(during[Metric::resolution].state == ClockState::paused);
  CHECK(during[Metric::resolution].elapsed == 1h);

  const TicketClocks c = clocks(h, policy, "2026-03-09T10:30:00+01:00");
  CHECK(c[Metric::response].elapsed == 1h + 29min + 20s);
  CHECK(c[Metric::response].due == at("2026-03-09T13:00:40+01:00"));
  // 7 h left at 10:00:40: 5 h 59 min 20 s until 16:00, then 1 h 0 min 40 s on Tuesday.
  CHECK(c[Metric::resolution].due == at("2026-03-10T09:00:40+01:00"));
}

TEST_CASE("A status that does not pause keeps the clock running") {
  History h;
  h.created("2026-03-09T09:00:00+01:00")
      .add("2026-03-09T09:30:00+01:00", EventKind::status, "in-progress");
  const Clock r = clocks(h, oneoffice(), "2026-03-09T10:00:00+01:00")[Metric::resolution];
  CHECK(r.state == ClockState::running);
  CHECK(r.elapsed == 1h);
}

TEST_CASE("A priority raise after 3 business hours keeps the time used") {
  History h;
  h.created("2026-03-09T14:00:00+01:00")  // normal
      .add("2026-03-10T09:00:00+01:00", EventKind::priority, "medium");
  const TicketClocks c = clocks(h, oneoffice(), "2026-03-10T09:30:00+01:00");
  // Used: Monday 14–16 (2 h) + Tuesday 08–09:30 (1 h 30 min).
  const Clock& response = c[Metric::response];
  CHECK(response.target == 2h);
  CHECK(response.elapsed == 3h + 30min);
  CHECK(response.state == ClockState::breached);
  // 3 h used against the new 2 h: breached the moment the priority changed.
  CHECK(response.breached_at == at("2026-03-10T09:00:00+01:00"));
  CHECK(response.due == at("2026-03-10T09:00:00+01:00"));
  CHECK(response.remaining == -90min);

  const Clock& resolution = c[Metric::resolution];
  CHECK(resolution.target == 4h);
  CHECK(resolution.state == ClockState::running);
  CHECK(resolution.due == at("2026-03-10T10:00:00+01:00"));
  CHECK(resolution.warnings[1] == at("2026-03-10T09:36:00+01:00"));
}

TEST_CASE("Lowering the priority after a breach does not undo the breach") {
  History h;
  h.created("2026-03-09T08:00:00+01:00", "high")
      .add("2026-03-09T10:00:00+01:00", EventKind::priority, "low");
  const Clock r = clocks(h, oneoffice(), "2026-03-09T11:00:00+01:00")[Metric::response];
  CHECK(r.state == ClockState::breached);
  CHECK(r.breached_at == at("2026-03-09T09:00:00+01:00"));
  CHECK(r.target == 24h);
  CHECK(r.remaining == 21h);
}

TEST_CASE("Reopen after resolution") {
  History h;
  h.created("2026-03-09T09:00:00+01:00")  // normal: 8 h resolution
      .add("2026-03-09T10:00:00+01:00", EventKind::agent_public_reply)
      .add("2026-03-09T12:00:00+01:00", EventKind::resolved);

  SUBCASE("resolved: met, with the due instant it had") {
    const Clock r = clocks(h, oneoffice(), "2026-03-09T13:00:00+01:00")[Metric::resolution];
    CHECK(r.state == ClockState::met);
    CHECK(r.met_at == at("2026-03-09T12:00:00+01:00"));
    CHECK(r.elapsed == 3h);
    CHECK(r.due == at("2026-03-10T09:00:00+01:00"));  // 7 h Monday + 1 h Tuesday
  }
  h.add("2026-03-10T09:00:00+01:00", EventKind::reopened);
  SUBCASE("continue: 3 h used, 5 h left from the reopening") {
    const TicketClocks c =
        clocks(h, oneoffice(ReopenRule::continue_clock), "2026-03-10T10:00:00+01:00");
    const Clock& r = c[Metric::resolution];
    CHECK(r.state == ClockState::running);
    CHECK(r.elapsed == 4h);
    CHECK(r.due == at("2026-03-10T14:00:00+01:00"));
    CHECK(r.started_at == at("2026-03-09T09:00:00+01:00"));
    CHECK_FALSE(r.met_at.has_value());
    CHECK(r.cycles == 1);
    CHECK(c[Metric::response].state == ClockState::met);
  }
  SUBCASE("restart: a new 8 h cycle from the reopening") {
    const Clock r =
        clocks(h, oneoffice(ReopenRule::restart), "2026-03-10T10:00:00+01:00")[Metric::resolution];
    CHECK(r.state == ClockState::running);
    CHECK(r.elapsed == 1h);
    CHECK(r.due == at("2026-03-11T09:00:00+01:00"));  // 7 h Tuesday + 1 h Wednesday
    CHECK(r.started_at == at("2026-03-10T09:00:00+01:00"));
    CHECK(r.cycles == 2);
  }
}

TEST_CASE("Closing stops every clock and nothing may follow") {
  History h;
  h.created("2026-03-09T09:00:00+01:00").add("2026-03-09T09:30:00+01:00", EventKind::closed);
  const TicketClocks c = clocks(h, oneoffice(), "2026-03-09T12:00:00+01:00");
  CHECK(c[Metric::resolution].state == ClockState::met);
  CHECK(c[Metric::resolution].met_at == at("2026-03-09T09:30:00+01:00"));
  h.add("2026-03-09T10:00:00+01:00", EventKind::reopened);
  auto r = compute_clocks(h.events(), oneoffice(), at("2026-03-09T12:00:00+01:00"));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code() == Errc::invalid_event);
  CHECK(r.error().message() ==
        "events[2] (reopened at 2026-03-09T09:00:00Z): the ticket is closed");
}

TEST_CASE("Raised to critical: the office time used is kept, the rest runs on the 24/7 calendar") {
  History h;
  h.created("2026-03-06T14:30:00+01:00")  // Friday, normal, office hours close at 15:00
      .add("2026-03-06T14:50:00+01:00", EventKind::priority, "critical");
  const SlaPolicy policy = oneoffice();
  const TicketClocks c = clocks(h, policy, "2026-03-06T15:10:00+01:00");
  const Clock& response = c[Metric::response];
  CHECK(policy.calendar_name(response.calendar) == "oncall");
  // 20 min of office time, then 20 min around the clock after the raise.
  CHECK(response.elapsed == 40min);
  CHECK(response.due == at("2026-03-06T15:30:00+01:00"));               // 40 min left at 14:50
  CHECK(c[Metric::resolution].due == at("2026-03-06T18:30:00+01:00"));  // 3 h 40 min left
}
