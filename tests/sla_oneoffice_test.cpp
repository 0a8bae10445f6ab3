// OneOffice scenarios: office hours Mon–Thu 08–16, Fri 08–15 Europe/Copenhagen, critical
// cases on the 24/7 on-call calendar. Expected instants are computed by hand in the comments.
#include <doctest/doctest.h>

#include "support/sla_fixtures.hpp"

using namespace tierdesk;
using namespace tierdesk::sla_testing;

TEST_CASE("OneOffice High created Friday 14:30: response due Monday 08:30") {
  const SlaPolicy policy = oneoffice();
  History h;
  h.created("2026-03-06T14:30:00+01:00", "high");
  const TicketClocks c = clocks(h, policy, "2026-03-06T14:45:00+01:00");

  const Clock& response = c[Metric::response];
  CHECK(response.state == ClockState::running);
  CHECK(response.elapsed == 15min);
  CHECK(response.remaining == 45min);
  CHECK(response.started_at == at("2026-03-06T14:30:00+01:00"));
  // 30 min on Friday until 15:00, the other 30 min from Monday 08:00.
  CHECK(response.due == at("2026-03-09T08:30:00+01:00"));
  // 75 % = 45 min → 15 min into Monday; 90 % = 54 min → 24 min into Monday.
  CHECK(response.warnings[0] == at("2026-03-09T08:15:00+01:00"));
  CHECK(response.warnings[1] == at("2026-03-09T08:24:00+01:00"));
  CHECK_FALSE(response.warnings[2].has_value());
  CHECK(policy.calendar_name(response.calendar) == "office");

  // Resolution 2 h: 30 min Friday + 90 min Monday.
  CHECK(c[Metric::resolution].due == at("2026-03-09T09:30:00+01:00"));
  // Triage within 1 h applies to every priority.
  CHECK(c[Metric::triage].due == at("2026-03-09T08:30:00+01:00"));
  CHECK(c[Metric::update].state == ClockState::inactive);
  CHECK(c.priority == policy.priority_index("high"));
  CHECK(c.next_due() == at("2026-03-09T08:30:00+01:00"));
}

TEST_CASE("OneOffice High: a public reply before the due instant meets response and triage") {
  History h;
  h.created("2026-03-06T14:30:00+01:00", "high")
      .add("2026-03-09T08:20:00+01:00", EventKind::agent_public_reply);
  const TicketClocks c = clocks(h, oneoffice(), "2026-03-09T12:00:00+01:00");
  const Clock& response = c[Metric::response];
  CHECK(response.state == ClockState::met);
  CHECK(response.met_at == at("2026-03-09T08:20:00+01:00"));
  CHECK(response.due == at("2026-03-09T08:30:00+01:00"));
  CHECK(response.elapsed == 50min);
  CHECK(response.remaining == 10min);
  CHECK(response.warnings[0] == at("2026-03-09T08:15:00+01:00"));  // reached before the reply
  CHECK_FALSE(response.warnings[1].has_value());                   // never reached
  CHECK_FALSE(response.breached_at.has_value());
  CHECK(c[Metric::triage].state == ClockState::met);
  // Resolution runs on: 30 min Friday + 4 h Monday = 4 h 30 min used of 2 h.
  CHECK(c[Metric::resolution].state == ClockState::breached);
  CHECK(c[Metric::resolution].breached_at == at("2026-03-09T09:30:00+01:00"));
  CHECK_FALSE(c[Metric::resolution].met_at.has_value());
}

TEST_CASE("OneOffice High: overdue and still open versus met late") {
  History open;
  open.created("2026-03-06T14:30:00+01:00", "high");
  const Clock overdue = clocks(open, oneoffice(), "2026-03-09T09:00:00+01:00")[Metric::response];
  CHECK(overdue.state == ClockState::breached);
  CHECK(overdue.is_open());
  CHECK(overdue.breached_at == at("2026-03-09T08:30:00+01:00"));
  CHECK(overdue.due == at("2026-03-09T08:30:00+01:00"));
  CHECK(overdue.elapsed == 90min);
  CHECK(overdue.remaining == -30min);
  CHECK(overdue.breaches == 1);

  History late = open;
  late.add("2026-03-09T08:45:00+01:00", EventKind::agent_public_reply);
  const Clock met_late = clocks(late, oneoffice(), "2026-03-09T09:00:00+01:00")[Metric::response];
  CHECK(met_late.state == ClockState::breached);
  CHECK_FALSE(met_late.is_open());
  CHECK(met_late.met_at == at("2026-03-09T08:45:00+01:00"));
  CHECK(met_late.breached_at == at("2026-03-09T08:30:00+01:00"));
  CHECK(met_late.elapsed == 75min);
}

TEST_CASE("OneOffice: a reply exactly at the due instant is in time") {
  History h;
  h.created("2026-03-06T14:30:00+01:00", "high")
      .add("2026-03-09T08:30:00+01:00", EventKind::agent_public_reply);
  const Clock r = clocks(h, oneoffice(), "2026-03-09T10:00:00+01:00")[Metric::response];
  CHECK(r.state == ClockState::met);
  CHECK(r.remaining == 0s);
}

TEST_CASE("OneOffice: a ticket created on a holiday (Ascension 2026-05-14) starts the next day") {
  History h;
  h.created("2026-05-14T10:00:00+02:00");  // default priority: normal, 4 h / 8 h
  const TicketClocks c = clocks(h, oneoffice(), "2026-05-14T12:00:00+02:00");
  CHECK(c[Metric::response].state == ClockState::running);
  CHECK(c[Metric::response].elapsed == 0s);
  // Friday 2026-05-15 opens 08:00–15:00: 4 h → 12:00.
  CHECK(c[Metric::response].due == at("2026-05-15T12:00:00+02:00"));
  // 8 h: 7 h on Friday, 1 h on Monday 2026-05-18.
  CHECK(c[Metric::resolution].due == at("2026-05-18T09:00:00+02:00"));
}

TEST_CASE("OneOffice: a critical case on a holiday runs on the 24/7 on-call calendar") {
  History h;
  h.created("2026-05-14T10:00:00+02:00", "critical");
  const SlaPolicy policy = oneoffice();
  const TicketClocks c = clocks(h, policy, "2026-05-14T10:30:00+02:00");
  CHECK(c[Metric::response].elapsed == 30min);
  CHECK(c[Metric::response].due == at("2026-05-14T11:00:00+02:00"));
  CHECK(c[Metric::resolution].due == at("2026-05-14T14:00:00+02:00"));
  CHECK(policy.calendar_name(c[Metric::response].calendar) == "oncall");
}

TEST_CASE("OneOffice: a triaged event meets triage alone; an internal note meets nothing") {
  History h;
  h.created("2026-03-09T09:00:00+01:00")
      .add("2026-03-09T09:10:00+01:00", EventKind::agent_internal_note)
      .add("2026-03-09T09:20:00+01:00", EventKind::triaged);
  const TicketClocks c = clocks(h, oneoffice(), "2026-03-09T09:30:00+01:00");
  CHECK(c[Metric::triage].state == ClockState::met);
  CHECK(c[Metric::triage].met_at == at("2026-03-09T09:20:00+01:00"));
  CHECK(c[Metric::triage].elapsed == 20min);
  CHECK(c[Metric::response].state == ClockState::running);
  CHECK(c[Metric::response].due == at("2026-03-09T13:00:00+01:00"));
}
