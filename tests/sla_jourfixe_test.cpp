// JourFixe slots and tickets that wait for them (seed 002: requests are collected until the
// next JourFixe, urgent ones are handled earlier). Slots: every second Tuesday 09:00
// Europe/Berlin from Tuesday 2026-03-03, on the Mon–Fri 08–17 calendar.
#include <doctest/doctest.h>

#include "support/sla_fixtures.hpp"
#include "tierdesk/sla/jourfixe.hpp"

using namespace tierdesk;
using namespace tierdesk::sla_testing;

namespace {

JourFixeSpec every_second_tuesday() {
  return JourFixeSpec{*make_date(2026, 3, 3), *TimeOfDay::parse("09:00"), 2, "office"};
}

SlaPolicy solutionbar() {
  SlaPolicySpec s;
  s.name = "solutionbar";
  s.priorities = {"normal"};
  s.targets = {row("", Metric::response, 4h, "office"), row("", Metric::resolution, 16h, "office")};
  s.jourfixe = every_second_tuesday();
  return SlaPolicy::compile(s, {{"office", german_weekdays("08:00", "17:00")}}).value();
}

}  // namespace

TEST_CASE("JourFixe slots: every second Tuesday, both ways from the anchor, across DST") {
  const JourFixe jf =
      JourFixe::compile(every_second_tuesday(), german_weekdays("08:00", "17:00")).value();
  CHECK(jf.next_slot(at("2026-03-04T10:00:00+01:00")) == at("2026-03-17T09:00:00+01:00"));
  CHECK(jf.next_slot(at("2026-03-17T09:00:00+01:00")) == at("2026-03-17T09:00:00+01:00"));
  CHECK(jf.next_slot(at("2026-03-17T09:00:01+01:00")) == at("2026-03-31T09:00:00+02:00"));
  CHECK(jf.next_slot(at("2026-02-20T12:00:00+01:00")) == at("2026-03-03T09:00:00+01:00"));
}

TEST_CASE("JourFixe slots on a holiday do not take place") {
  JourFixeSpec weekly = every_second_tuesday();
  weekly.every_weeks = 1;
  const JourFixe jf = JourFixe::compile(weekly, german_weekdays("08:00", "17:00")).value();
  // Tuesday 2026-01-06 is Epiphany in this calendar: the next slot is a week later.
  CHECK(jf.next_slot(at("2026-01-05T12:00:00+01:00")) == at("2026-01-13T09:00:00+01:00"));
}

TEST_CASE("JourFixe specs are validated") {
  JourFixeSpec bad = every_second_tuesday();
  bad.every_weeks = 0;
  auto r = JourFixe::compile(bad, Calendar::always_open());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message() == "every_weeks: got \"0\", expected a number of weeks in 1 … 52");
  bad = every_second_tuesday();
  bad.at = TimeOfDay::end_of_day();
  CHECK(JourFixe::compile(bad, Calendar::always_open()).error().code() == Errc::invalid_time);
}

TEST_CASE("A ticket queued for the JourFixe starts its clocks at the next slot") {
  History h;
  h.created("2026-03-04T10:00:00+01:00")
      .add("2026-03-04T10:00:00+01:00", EventKind::queued_for_jourfixe);
  const TicketClocks waiting = clocks(h, solutionbar(), "2026-03-10T12:00:00+01:00");
  CHECK(waiting[Metric::response].state == ClockState::pending);
  CHECK(waiting[Metric::response].elapsed == 0s);
  CHECK_FALSE(waiting[Metric::response].due.has_value());
  CHECK_FALSE(waiting[Metric::response].started_at.has_value());
  CHECK(waiting.jourfixe_slot == at("2026-03-17T09:00:00+01:00"));

  const TicketClocks started = clocks(h, solutionbar(), "2026-03-17T10:00:00+01:00");
  CHECK(started[Metric::response].state == ClockState::running);
  CHECK(started[Metric::response].started_at == at("2026-03-17T09:00:00+01:00"));
  CHECK(started[Metric::response].elapsed == 1h);
  CHECK(started[Metric::response].due == at("2026-03-17T13:00:00+01:00"));
  CHECK_FALSE(started.jourfixe_slot.has_value());
}

TEST_CASE("An urgent ticket does not wait for the JourFixe") {
  History h;
  h.created("2026-03-04T10:00:00+01:00")
      .add("2026-03-04T10:00:00+01:00", EventKind::queued_for_jourfixe)
      .add("2026-03-04T11:00:00+01:00", EventKind::urgent);
  const Clock r = clocks(h, solutionbar(), "2026-03-04T12:00:00+01:00")[Metric::response];
  CHECK(r.state == ClockState::running);
  CHECK(r.started_at == at("2026-03-04T11:00:00+01:00"));
  CHECK(r.elapsed == 1h);
  CHECK(r.due == at("2026-03-04T15:00:00+01:00"));

  History flagged_first;
  flagged_first.created("2026-03-04T10:00:00+01:00")
      .add("2026-03-04T10:00:00+01:00", EventKind::urgent)
      .add("2026-03-04T10:00:00+01:00", EventKind::queued_for_jourfixe);
  CHECK(
      clocks(flagged_first, solutionbar(), "2026-03-04T12:00:00+01:00")[Metric::response].elapsed ==
      2h);
}

TEST_CASE("A running ticket moved to the JourFixe queue waits there with the time it used") {
  History h;
  h.created("2026-03-09T09:00:00+01:00")
      .add("2026-03-09T10:00:00+01:00", EventKind::queued_for_jourfixe);
  const Clock r = clocks(h, solutionbar(), "2026-03-17T10:00:00+01:00")[Metric::response];
  CHECK(r.state == ClockState::running);
  CHECK(r.elapsed == 2h);
  CHECK(r.started_at == at("2026-03-09T09:00:00+01:00"));
  CHECK(r.due == at("2026-03-17T12:00:00+01:00"));  // 2 h left from 10:00
}
