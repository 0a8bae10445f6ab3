// Bugs that helpdesk users keep reporting elsewhere, each guarded by name.
#include <doctest/doctest.h>

#include "support/sla_fixtures.hpp"

using namespace tierdesk;
using namespace tierdesk::sla_testing;

namespace {

// Mon–Fri 08–17 Europe/Berlin; response 4 h, keep-in-loop update every 1 h, resolution 16 h.
SlaPolicy update_policy(bool customer_reply_restarts) {
  SlaPolicySpec s;
  s.name = "updates";
  s.priorities = {"normal"};
  s.pause_statuses = {"pending-customer"};
  s.customer_reply_restarts_update = customer_reply_restarts;
  s.targets = {row("", Metric::response, 4h, "office"), row("", Metric::update, 1h, "office"),
               row("", Metric::resolution, 16h, "office")};
  return SlaPolicy::compile(s, {{"office", german_weekdays("08:00", "17:00")}}).value();
}

}  // namespace

TEST_CASE("regression: pending time measured around the clock but credited in business hours") {
  // Paused Wednesday 13:00 (3 of 4 business hours used) to Tuesday 09:00 after Easter: 4 days
  // 20 hours of wall-clock time, none of it business time. The last hour runs 09:00–10:00.
  History h;
  h.created("2026-04-01T10:00:00+02:00", "medium")
      .add("2026-04-01T13:00:00+02:00", EventKind::status, "pending-customer")
      .add("2026-04-07T09:00:00+02:00", EventKind::status, "open");
  const Clock r = clocks(h, oneoffice(), "2026-04-07T09:00:00+02:00")[Metric::resolution];
  CHECK(r.elapsed == 3h);
  CHECK(r.due == at("2026-04-07T10:00:00+02:00"));
}

TEST_CASE("regression: a priority change that drops already-paused time or restarts the clock") {
  // Normal, 1 h used, paused Monday 15:00 to Tuesday 10:00, 1 h more, raised to Medium at 11:00:
  // 2 h used of the new 4 h, so 2 h left from 11:00.
  History h;
  h.created("2026-03-09T14:00:00+01:00")
      .add("2026-03-09T15:00:00+01:00", EventKind::status, "pending-customer")
      .add("2026-03-10T10:00:00+01:00", EventKind::status, "open")
      .add("2026-03-10T11:00:00+01:00", EventKind::priority, "medium");
  const TicketClocks c = clocks(h, oneoffice(), "2026-03-10T11:00:00+01:00");
  CHECK(c[Metric::resolution].elapsed == 2h);
  CHECK(c[Metric::resolution].due == at("2026-03-10T13:00:00+01:00"));
  // Response: 2 h used of 2 h — due now, not yet breached.
  CHECK(c[Metric::response].state == ClockState::running);
  CHECK(c[Metric::response].remaining == 0s);
  CHECK(c[Metric::response].due == at("2026-03-10T11:00:00+01:00"));
}

TEST_CASE("regression: an update target shorter than the first-response target overriding it") {
  const SlaPolicy policy = update_policy(false);
  History h;
  h.created("2026-03-09T08:00:00+01:00");
  const TicketClocks before = clocks(h, policy, "2026-03-09T10:00:00+01:00");
  CHECK(before[Metric::update].state == ClockState::inactive);
  CHECK_FALSE(before[Metric::update].due.has_value());
  CHECK(before.next_due() == at("2026-03-09T12:00:00+01:00"));  // the 4 h response, not 1 h

  h.add("2026-03-09T11:00:00+01:00", EventKind::agent_public_reply);
  const TicketClocks after = clocks(h, policy, "2026-03-09T11:30:00+01:00");
  CHECK(after[Metric::response].state == ClockState::met);
  CHECK(after[Metric::update].state == ClockState::running);
  CHECK(after[Metric::update].due == at("2026-03-09T12:00:00+01:00"));
  CHECK(after.next_due() == at("2026-03-09T12:00:00+01:00"));
}

TEST_CASE("regression: a deadline that lands outside business hours after a pause") {
  // Medium, 3 h used, resumed Saturday 10:00: the last hour is Tuesday 08:00–09:00
  // (Easter Monday closed), not Saturday 11:00.
  History h;
  h.created("2026-04-01T10:00:00+02:00", "medium")
      .add("2026-04-01T13:00:00+02:00", EventKind::status, "pending-customer")
      .add("2026-04-04T10:00:00+02:00", EventKind::status, "open");
  const Clock r = clocks(h, oneoffice(), "2026-04-04T10:00:00+02:00")[Metric::resolution];
  CHECK(r.due == at("2026-04-07T09:00:00+02:00"));
  CHECK(oneoffice_office().is_open(*r.due));
}

TEST_CASE("regression: warnings or breaches computed in wall-clock time in a host") {
  // The library hands out the instants; 45 min after Friday 14:30 is Monday 08:15 in business
  // time, not Friday 15:15.
  History h;
  h.created("2026-03-06T14:30:00+01:00", "high");
  const TicketClocks c = clocks(h, oneoffice(), "2026-03-06T14:30:00+01:00");
  std::vector<Alarm> alarms;
  alarms_in(std::span(&c, 1), {at("2026-03-06T15:00:00+01:00"), at("2026-03-09T08:25:00+01:00")},
            alarms);
  REQUIRE(alarms.size() == 4);
  // Triage and response both warn at 75 % (08:15) and 90 % (08:24) of 1 h.
  CHECK(alarms[0] == Alarm{0, Alarm::Kind::warning, false, 0, 0, at("2026-03-09T08:15:00+01:00")});
  CHECK(alarms[1] == Alarm{0, Alarm::Kind::warning, false, 1, 0, at("2026-03-09T08:15:00+01:00")});
  CHECK(alarms[2] == Alarm{0, Alarm::Kind::warning, false, 0, 1, at("2026-03-09T08:24:00+01:00")});
  CHECK(alarms[3] == Alarm{0, Alarm::Kind::warning, false, 1, 1, at("2026-03-09T08:24:00+01:00")});
}

TEST_CASE("The update clock restarts on a customer reply only when the policy says so") {
  History h;
  h.created("2026-03-09T08:00:00+01:00")
      .add("2026-03-09T11:00:00+01:00", EventKind::agent_public_reply)
      .add("2026-03-09T11:45:00+01:00", EventKind::customer_reply);
  CHECK(clocks(h, update_policy(false), "2026-03-09T11:50:00+01:00")[Metric::update].due ==
        at("2026-03-09T12:00:00+01:00"));
  CHECK(clocks(h, update_policy(true), "2026-03-09T11:50:00+01:00")[Metric::update].due ==
        at("2026-03-09T12:45:00+01:00"));
}

TEST_CASE("A breached update cycle stays counted when the next agent update starts a new one") {
  History h;
  h.created("2026-03-09T08:00:00+01:00")
      .add("2026-03-09T11:00:00+01:00", EventKind::agent_public_reply)
      .add("2026-03-09T12:30:00+01:00", EventKind::agent_public_reply);
  const Clock u = clocks(h, update_policy(false), "2026-03-09T12:40:00+01:00")[Metric::update];
  CHECK(u.state == ClockState::running);
  CHECK(u.cycles == 2);
  CHECK(u.breaches == 1);
  CHECK_FALSE(u.breached_at.has_value());
  CHECK(u.due == at("2026-03-09T13:30:00+01:00"));
}
