// 1&1 Cloud PBX professional services (seed 001), customer Bergmann Logistik GmbH, under
// examples/contracts/1und1-cloudpbx.json: the Care Free Package ordered on 2026-11-02 opens
// 30-day windows for change requests and support questions (until 2026-12-02 00:00 Berlin
// time), time-based set-up is billed per started hour at 95.00 EUR, on-site days cost 990.00
// inside working hours (Mon–Fri 08–18) and 1,490.00 outside, the client training for 45 users
// is ceil(45 / 20) = 3 sessions, 19 % VAT. (The seed publishes no prices: these are the
// preset's.)
#include <doctest/doctest.h>

#include "support/scenario_fixtures.hpp"

using namespace scenario;
using tierdesk::Channel;
using tierdesk::LineKind;
using tierdesk::Role;
using tierdesk::WorkKind;

TEST_CASE("1&1 Cloud PBX, November and December 2026: catalogue, windows, started hours, on-site days") {
  Provider pbx("1und1-cloudpbx", "bergmann");
  auto question = pbx.open({.channel = Channel::email, .subject = "Call forwarding",
                            .category = "support-question", .at = "2026-11-10T10:00:00+01:00"});
  pbx.work(question, "2026-11-10T10:30:00+01:00", 40min);  // in the window: included
  auto setup = pbx.open({.channel = Channel::phone, .subject = "Individual set-up",
                         .category = "setup-time", .at = "2026-11-11T09:00:00+01:00"});
  pbx.work(setup, "2026-11-11T09:00:00+01:00", 70min);  // two started hours: 2 × 95.00
  auto onsite = pbx.open({.channel = Channel::email, .subject = "On-site set-up",
                          .category = "onsite", .at = "2026-11-12T08:00:00+01:00"});
  pbx.work(onsite, "2026-11-16T09:00:00+01:00", 480min, Role::support, WorkKind::on_site);
  pbx.work(onsite, "2026-11-21T10:00:00+01:00", 240min, Role::support, WorkKind::on_site);
  auto change = pbx.open({.channel = Channel::email, .subject = "Change the hunt group",
                          .category = "change-request", .at = "2026-11-20T10:00:00+01:00"});
  pbx.work(change, "2026-11-20T10:00:00+01:00", 30min);  // in the window: included
  auto late = pbx.open({.channel = Channel::email, .subject = "Voicemail to e-mail",
                        .category = "support-question", .at = "2026-12-03T10:00:00+01:00"});
  pbx.work(late, "2026-12-03T10:00:00+01:00", 20min);  // window over: one started hour

  const auto nov = pbx.statement(std::chrono::year{2026} / 11);
  CHECK(line(nov, LineKind::included, "CPBX-2026-000001").quantity == 40);
  CHECK(line(nov, LineKind::time, "CPBX-2026-000002").quantity == 120);
  CHECK(line(nov, LineKind::time, "CPBX-2026-000002").amount == money("190.00 EUR"));
  int days = 0;
  for (const auto& l : nov.lines) {
    if (l.kind != LineKind::on_site_day) continue;
    ++days;
    // Monday 09:00–17:00 inside working hours, Saturday outside.
    CHECK(l.amount == money(days == 1 ? "990.00 EUR" : "1,490.00 EUR"));
  }
  CHECK(days == 2);
  CHECK(line(nov, LineKind::included, "CPBX-2026-000004").quantity == 30);
  std::vector<Money> catalogue;
  for (const auto& l : nov.lines)
    if (l.kind == LineKind::catalogue) catalogue.push_back(l.amount);
  // Care Free Package 599.00 on 2 Nov; client training 3 sessions × 249.00 = 747.00 on 12 Nov.
  CHECK(catalogue == std::vector<Money>{money("599.00 EUR"), money("747.00 EUR")});
  // 599.00 + 747.00 + 190.00 + 990.00 + 1,490.00 = 4,016.00; VAT 19 % = 763.04; 4,779.04.
  CHECK(nov.subtotal == money("4,016.00 EUR"));
  CHECK(nov.vat == money("763.04 EUR"));
  CHECK(nov.total == money("4,779.04 EUR"));

  // December: the window closed on 2 Dec 00:00, so 20 min is one started hour: 95.00;
  // VAT 18.05; total 113.05. The November orders are not billed again.
  const auto dec = pbx.statement(std::chrono::year{2026} / 12);
  REQUIRE(dec.lines.size() == 1);
  CHECK(line(dec, LineKind::time, "CPBX-2026-000005").amount == money("95.00 EUR"));
  CHECK(dec.total == money("113.05 EUR"));
}
