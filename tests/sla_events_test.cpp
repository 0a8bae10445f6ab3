// Event histories the engine refuses, and histories read as of an instant.
#include <doctest/doctest.h>

#include "support/sla_fixtures.hpp"

using namespace tierdesk;
using namespace tierdesk::sla_testing;

namespace {

Error refusal(const History& h) {
  auto r = compute_clocks(h.events(), oneoffice(), at("2026-03-10T12:00:00+01:00"));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code() == Errc::invalid_event);
  return r.error();
}

}  // namespace

TEST_CASE("An event out of order is refused, naming both events and instants") {
  History h;
  h.created("2026-03-09T10:00:00+01:00")
      .add("2026-03-09T11:00:00+01:00", EventKind::agent_public_reply)
      .add("2026-03-09T10:30:00+01:00", EventKind::status, "on-hold");
  CHECK(refusal(h).message() ==
        "events[2] (status at 2026-03-09T09:30:00Z, value \"on-hold\"): before events[1] at "
        "2026-03-09T10:00:00Z");
}

TEST_CASE("An event before the creation is refused") {
  History h;
  h.created("2026-03-09T10:00:00+01:00")
      .add("2026-03-09T09:00:00+01:00", EventKind::agent_public_reply);
  CHECK(refusal(h).message() ==
        "events[1] (agent_public_reply at 2026-03-09T08:00:00Z): before events[0] at "
        "2026-03-09T09:00:00Z");
}

TEST_CASE("A history that does not start with created is refused") {
  History h;
  h.add("2026-03-09T09:00:00+01:00", EventKind::status, "open")
      .created("2026-03-09T10:00:00+01:00");
  CHECK(refusal(h).message() ==
        "events[0] (status at 2026-03-09T08:00:00Z, value \"open\"): the first event must be "
        "\"created\"");
  auto empty = compute_clocks({}, oneoffice(), at("2026-03-10T12:00:00+01:00"));
  REQUIRE_FALSE(empty.has_value());
  CHECK(empty.error().code() == Errc::invalid_event);
}

TEST_CASE("Names the policy does not know are refused") {
  History h;
  h.created("2026-03-09T10:00:00+01:00", "urgentest");
  CHECK(refusal(h).message() ==
        "events[1] (priority at 2026-03-09T09:00:00Z, value \"urgentest\"): not a priority of the "
        "policy");
  History c;
  c.created("2026-03-09T10:00:00+01:00")
      .add("2026-03-09T10:00:00+01:00", EventKind::category, "gardening");
  CHECK(refusal(c).message().find("not a category of the policy") != std::string::npos);
}

TEST_CASE("Inconsistent histories are refused") {
  History twice;
  twice.created("2026-03-09T10:00:00+01:00").created("2026-03-09T10:05:00+01:00");
  CHECK(refusal(twice).message().find("events[1] (created") == 0);

  History reopen;
  reopen.created("2026-03-09T10:00:00+01:00").add("2026-03-09T11:00:00+01:00", EventKind::reopened);
  CHECK(refusal(reopen).message().find("the ticket is not resolved") != std::string::npos);

  History resolved_twice;
  resolved_twice.created("2026-03-09T10:00:00+01:00")
      .add("2026-03-09T11:00:00+01:00", EventKind::resolved)
      .add("2026-03-09T11:05:00+01:00", EventKind::resolved);
  CHECK(refusal(resolved_twice).message().find("already resolved") != std::string::npos);

  History no_value;
  no_value.created("2026-03-09T10:00:00+01:00").add("2026-03-09T11:00:00+01:00", EventKind::status);
  CHECK(refusal(no_value).message().find("a value is required") != std::string::npos);

  History no_jourfixe;
  no_jourfixe.created("2026-03-09T10:00:00+01:00")
      .add("2026-03-09T10:00:00+01:00", EventKind::queued_for_jourfixe);
  CHECK(refusal(no_jourfixe).message().find("the policy has no jourfixe") != std::string::npos);
}

TEST_CASE("Events after now are not applied: the clocks are those as of now") {
  History h;
  h.created("2026-03-09T09:00:00+01:00")
      .add("2026-03-09T10:00:00+01:00", EventKind::agent_public_reply);
  const Clock before = clocks(h, oneoffice(), "2026-03-09T09:30:00+01:00")[Metric::response];
  CHECK(before.state == ClockState::running);
  CHECK(before.elapsed == 30min);
  const TicketClocks not_yet = clocks(h, oneoffice(), "2026-03-09T08:00:00+01:00");
  CHECK(not_yet[Metric::response].state == ClockState::inactive);
}

TEST_CASE("Events at the same instant apply in the order given") {
  History h;
  h.created("2026-03-09T09:00:00+01:00")
      .add("2026-03-09T09:00:00+01:00", EventKind::status, "pending-customer");
  const Clock r = clocks(h, oneoffice(), "2026-03-09T12:00:00+01:00")[Metric::resolution];
  CHECK(r.state == ClockState::paused);
  CHECK(r.elapsed == 0s);
  CHECK_FALSE(r.started_at.has_value());
}
