// roewaplan MEIN TEAM (seed 003), November 2026, customer Kreiswerke Neckartal, under
// examples/contracts/roewaplan.json: functional faults, security faults and questions are
// included in the maintenance fee, change requests are billed via an explicit offer; support
// hours Mon–Fri 08:00–17:00 except Baden-Württemberg's public holidays.
#include <doctest/doctest.h>

#include "support/scenario_fixtures.hpp"

using namespace scenario;
using tierdesk::Channel;
using tierdesk::LineKind;

TEST_CASE("roewaplan, November 2026: included work, a quoted change, security straight to 3rd level") {
  Provider rw("roewaplan", "kreiswerke");
  auto fault = rw.open({.channel = Channel::email, .subject = "Report export fails",
                        .category = "fault", .at = "2026-11-16T09:00:00+01:00"});
  rw.work(fault, "2026-11-16T10:00:00+01:00", 90min);
  // A security fault gets the top priority and goes to the 3rd level at once. Its response
  // target is 30 min of support hours: Tue 16:45 + 15 min to 17:00, the other 15 min from
  // Wed 08:00 → Wed 08:15.
  auto security = rw.open({.channel = Channel::email, .subject = "Other users' data visible",
                           .category = "security-fault", .at = "2026-11-17T16:45:00+01:00"});
  CHECK(security.priority == "top");
  CHECK(security.tier == 3);
  auto clocks = rw.store.clocks(security.ref);
  REQUIRE(clocks);
  std::optional<Instant> response_due;
  for (const auto& c : *clocks)
    if (c.clock == tierdesk::ClockId::of(tierdesk::Metric::response)) response_due = c.due;
  CHECK(response_due == at("2026-11-18T08:15:00+01:00"));
  rw.work(security, "2026-11-18T08:00:00+01:00", 120min);
  // A change request goes to the 2nd level and is billed via an offer: a "needs quote" line.
  auto change = rw.open({.channel = Channel::email, .subject = "New field in the form",
                         .category = "change-request", .at = "2026-11-18T10:00:00+01:00"});
  CHECK(change.tier == 2);
  rw.work(change, "2026-11-18T11:00:00+01:00", 240min);
  // A question in October does not appear in November.
  auto october = rw.open({.channel = Channel::email, .subject = "How do I filter?",
                          .category = "question", .at = "2026-10-30T09:00:00+01:00"});
  rw.work(october, "2026-10-30T09:30:00+01:00", 20min);

  const auto s = rw.statement(std::chrono::year{2026} / 11);
  REQUIRE(s.lines.size() == 3);
  CHECK(line(s, LineKind::included, "RW-2026-000001").quantity == 90);
  CHECK(line(s, LineKind::included, "RW-2026-000002").quantity == 120);
  CHECK(line(s, LineKind::needs_quote, "RW-2026-000003").quantity == 240);
  CHECK(line(s, LineKind::needs_quote, "RW-2026-000003").amount == money("0.00 EUR"));
  // Everything is covered by the maintenance fee or waits for an offer: 0.00 EUR.
  CHECK(s.subtotal == money("0.00 EUR"));
  CHECK(s.vat == money("0.00 EUR"));
  CHECK(s.total == money("0.00 EUR"));
  const auto oct = rw.statement(std::chrono::year{2026} / 10);
  REQUIRE(oct.lines.size() == 1);
  CHECK(line(oct, LineKind::included, "RW-2026-000004").quantity == 20);
}
