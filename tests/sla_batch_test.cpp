// Batches of tickets and the alarm window query.
#include <doctest/doctest.h>

#include "support/sla_fixtures.hpp"

using namespace tierdesk;
using namespace tierdesk::sla_testing;

TEST_CASE("A batch computes each ticket and reports the bad ones by index") {
  History good;
  good.created("2026-03-06T14:30:00+01:00", "high");
  History bad;
  bad.created("2026-03-06T14:30:00+01:00", "urgentest");
  const std::vector<std::span<const TicketEvent>> tickets{good.events(), bad.events(),
                                                          good.events()};
  std::vector<TicketClocks> out(3);
  std::vector<BatchError> errors;
  const SlaPolicy policy = oneoffice();
  REQUIRE(compute_clocks_batch(tickets, policy, at("2026-03-06T14:45:00+01:00"), out, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].ticket == 1);
  CHECK(errors[0].error.code() == Errc::invalid_event);
  CHECK(out[0][Metric::response].due == at("2026-03-09T08:30:00+01:00"));
  CHECK(out[1][Metric::response].state == ClockState::inactive);
  CHECK(out[2][Metric::response].due == at("2026-03-09T08:30:00+01:00"));

  std::vector<TicketClocks> too_few(2);
  auto mismatch =
      compute_clocks_batch(tickets, policy, at("2026-03-06T14:45:00+01:00"), too_few, errors);
  REQUIRE_FALSE(mismatch.has_value());
  CHECK(mismatch.error().code() == Errc::invalid_argument);
}

TEST_CASE("Alarms in a window: breaches of open clocks, reached instants of stopped ones") {
  History open;
  open.created("2026-03-06T14:30:00+01:00", "high");
  History answered;
  answered.created("2026-03-06T14:30:00+01:00", "high")
      .add("2026-03-09T08:20:00+01:00", EventKind::agent_public_reply)
      .add("2026-03-09T08:20:00+01:00", EventKind::resolved);
  const SlaPolicy policy = oneoffice();
  const std::vector<TicketClocks> all{clocks(open, policy, "2026-03-09T08:25:00+01:00"),
                                      clocks(answered, policy, "2026-03-09T08:25:00+01:00")};
  std::vector<Alarm> alarms;
  alarms_in(all, {at("2026-03-09T08:20:00+01:00"), at("2026-03-09T08:31:00+01:00")}, alarms);
  // Ticket 0: 90 % warnings of triage and response at 08:24, their breaches at 08:30.
  // Ticket 1 stopped at 08:20, before any of them.
  REQUIRE(alarms.size() == 4);
  CHECK(alarms[0] == Alarm{0, Alarm::Kind::warning, false, 0, 1, at("2026-03-09T08:24:00+01:00")});
  CHECK(alarms[1] == Alarm{0, Alarm::Kind::warning, false, 1, 1, at("2026-03-09T08:24:00+01:00")});
  CHECK(alarms[2] == Alarm{0, Alarm::Kind::breach, false, 0, 0, at("2026-03-09T08:30:00+01:00")});
  CHECK(alarms[3] == Alarm{0, Alarm::Kind::breach, false, 1, 0, at("2026-03-09T08:30:00+01:00")});
}

TEST_CASE("A batch split across threads gives the one-thread results and errors in order") {
  // 6,000 tickets (over parallel_batch_from), opened every 7 minutes from Friday 6 March 2026
  // 14:30 with rotating priorities, every 500th with an unknown one; every third answered an
  // hour after opening.
  const std::vector<std::string> priorities{"critical", "high", "normal", "low"};
  std::vector<History> histories(6000);
  for (std::size_t i = 0; i < histories.size(); ++i) {
    const auto opened = at("2026-03-06T14:30:00+01:00") + std::chrono::minutes(7 * i);
    const auto when = [](Instant t) { return format_utc(t); };
    histories[i].created(when(opened), i % 500 == 499 ? "urgentest" : priorities[i % 4]);
    if (i % 3 == 0)
      histories[i].add(when(opened + std::chrono::hours(1)), EventKind::agent_public_reply);
  }
  std::vector<std::span<const TicketEvent>> tickets;
  for (const auto& h : histories) tickets.push_back(h.events());
  const SlaPolicy policy = oneoffice();
  const std::string_view as_of = "2026-04-06T12:00:00+02:00";  // after the last opening
  const Instant now = at(as_of);

  std::vector<TicketClocks> one(tickets.size());
  std::vector<BatchError> one_errors;
  REQUIRE(compute_clocks_batch(tickets, policy, now, one, one_errors, 1));
  REQUIRE(one_errors.size() == 12);
  CHECK(one_errors.front().ticket == 499);
  CHECK(one_errors.back().ticket == 5999);
  // Ticket 1 (high, Friday 14:37, never answered): the same due as a single computation.
  CHECK(one[1][Metric::response].due == clocks(histories[1], policy, as_of)[Metric::response].due);
  CHECK(one[1][Metric::response].state == ClockState::breached);

  for (const unsigned threads : {2U, 3U, 7U}) {
    CAPTURE(threads);
    std::vector<TicketClocks> split(tickets.size());
    std::vector<BatchError> split_errors;
    REQUIRE(compute_clocks_batch(tickets, policy, now, split, split_errors, threads));
    CHECK(split == one);
    REQUIRE(split_errors.size() == one_errors.size());
    for (std::size_t e = 0; e < one_errors.size(); ++e) {
      CHECK(split_errors[e].ticket == one_errors[e].ticket);
      CHECK(split_errors[e].error.message() == one_errors[e].error.message());
    }
  }
}
