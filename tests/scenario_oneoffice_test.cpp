// OneOffice (seed 004), November 2026, customer Nordlys ApS: tickets opened through intake
// under examples/contracts/oneoffice.json, work logged on the desk, the month's statement
// read back from the store. Every figure below is worked out by hand from the seed's rules:
// 1,095.00 DKK/h support, 1,495.00 DKK/h project, ≤ 15 min per ticket included (else all of
// it billed), +100 % for work started outside Mon–Thu 08–16 / Fri 08–15, 1,000.00 DKK for a
// non-critical call to the on-call line, 25 % VAT on the subtotal.
#include <doctest/doctest.h>

#include "support/scenario_fixtures.hpp"

using namespace scenario;
using tierdesk::Channel;
using tierdesk::LineKind;
using tierdesk::Role;

namespace {

std::optional<Instant> due(tierdesk::Store& store, const tierdesk::Ticket& t, std::string_view clock) {
  auto clocks = store.clocks(t.ref);
  REQUIRE(clocks);
  for (const auto& c : *clocks)
    if (c.clock.str() == clock) return c.due;
  return std::nullopt;
}

}  // namespace

TEST_CASE("OneOffice, November 2026: the seed's worked figures to the øre") {
  Provider oo("oneoffice", "nordlys");
  // Example 1: BIOS error, 30 minutes on Monday morning: 30/60 × 1,095.00 = 547.50.
  auto bios = oo.open({.channel = Channel::phone, .subject = "BIOS error at start-up",
                       .category = "support", .at = "2026-11-16T09:55:00+01:00"});
  oo.work(bios, "2026-11-16T10:00:00+01:00", 30min);
  // Example 2: password expired, 11 minutes: included (≤ 15 min).
  auto password = oo.open({.channel = Channel::phone, .subject = "Cannot log on",
                           .category = "support", .at = "2026-11-17T08:50:00+01:00"});
  oo.work(password, "2026-11-17T09:00:00+01:00", 11min);
  // Example 3: Office 365 installed in 25 minutes: 25/60 × 1,095.00 = 456.25.
  auto office = oo.open({.channel = Channel::phone, .subject = "Install Office 365",
                         .category = "support", .at = "2026-11-18T10:55:00+01:00"});
  oo.work(office, "2026-11-18T11:00:00+01:00", 25min);
  // The same 30 minutes started at 19:00, outside normal hours: 30/60 × 2,190.00 = 1,095.00.
  auto evening = oo.open({.channel = Channel::email, .subject = "Mailbox does not sync",
                          .category = "support", .at = "2026-11-16T18:55:00+01:00"});
  oo.work(evening, "2026-11-16T19:00:00+01:00", 30min);
  // A non-critical call to the on-call line on Saturday: the fee 1,000.00, derived from the
  // contract's fee rule; its 10 minutes are included.
  auto saturday = oo.open({.channel = Channel::on_call, .subject = "Printer shows an error",
                           .category = "support", .priority = "normal",
                           .at = "2026-11-21T10:00:00+01:00"});
  oo.work(saturday, "2026-11-21T10:05:00+01:00", 10min);
  // A critical call (suspected hack, category security → critical) at night: no fee, and its
  // 20 minutes started outside normal hours: 20/60 × 2,190.00 = 730.00.
  auto hack = oo.open({.channel = Channel::on_call, .subject = "Suspected hack",
                       .category = "security", .at = "2026-11-22T03:00:00+01:00"});
  oo.work(hack, "2026-11-22T03:05:00+01:00", 20min);
  // A non-critical on-call call whose fee the agent charged by hand: charged once, 1,000.00.
  auto toner = oo.open({.channel = Channel::on_call, .subject = "Where is the toner?",
                        .category = "support", .priority = "low",
                        .at = "2026-11-19T20:00:00+01:00"});
  REQUIRE(oo.desk.charge_fee(toner.ref, "on_call_non_critical",
                             {"vagt", at("2026-11-19T20:05:00+01:00")}));
  // Example 4, a project: 60 + 7 minutes at 1,495.00 = 67/60 × 1,495.00 = 1,669.4166… → 1,669.42.
  auto printer = oo.open({.channel = Channel::email, .subject = "New printer next week",
                          .category = "project", .at = "2026-11-19T08:30:00+01:00"});
  oo.work(printer, "2026-11-19T09:00:00+01:00", 60min, Role::project);
  oo.work(printer, "2026-11-19T13:00:00+01:00", 7min, Role::project);

  // Due times from the contract's SLA policy: normal 4 h response in normal hours
  // (Mon 09:55 + 4 h = 13:55), critical 1 h on the 24/7 on-call calendar (Sun 03:00 + 1 h);
  // a project is outside the SLA: its category says so, and it has no clocks.
  CHECK(due(oo.store, bios, "response") == at("2026-11-16T13:55:00+01:00"));
  CHECK(due(oo.store, hack, "response") == at("2026-11-22T04:00:00+01:00"));
  CHECK(hack.priority == "critical");
  CHECK(oo.store.clocks(printer.ref)->empty());

  const auto s = oo.statement(std::chrono::year{2026} / 11);
  CHECK(s.lines.size() == 9);
  CHECK(line(s, LineKind::time, "OO-2026-000001").amount == money("547.50 DKK"));
  CHECK(line(s, LineKind::included, "OO-2026-000002").quantity == 11);
  CHECK(line(s, LineKind::included, "OO-2026-000002").amount == money("0.00 DKK"));
  CHECK(line(s, LineKind::time, "OO-2026-000003").amount == money("456.25 DKK"));
  CHECK(line(s, LineKind::time, "OO-2026-000004").amount == money("1,095.00 DKK"));
  CHECK(line(s, LineKind::time, "OO-2026-000004").unit_price == money("2,190.00 DKK"));
  CHECK(line(s, LineKind::included, "OO-2026-000005").quantity == 10);
  CHECK(line(s, LineKind::fee, "OO-2026-000005").amount == money("1,000.00 DKK"));
  CHECK(line(s, LineKind::time, "OO-2026-000006").amount == money("730.00 DKK"));
  CHECK(line(s, LineKind::fee, "OO-2026-000007").amount == money("1,000.00 DKK"));
  CHECK(line(s, LineKind::time, "OO-2026-000008").quantity == 67);
  CHECK(line(s, LineKind::time, "OO-2026-000008").amount == money("1,669.42 DKK"));
  // 547.50 + 456.25 + 1,095.00 + 1,000.00 + 730.00 + 1,000.00 + 1,669.42 = 6,498.17;
  // VAT 25 % = 1,624.5425 → 1,624.54; total 8,122.71.
  CHECK(s.subtotal == money("6,498.17 DKK"));
  CHECK(s.vat == money("1,624.54 DKK"));
  CHECK(s.total == money("8,122.71 DKK"));
}

TEST_CASE("OneOffice: each worked example alone, with its VAT") {
  // 547.50 + 25 % = 684.375 → 684.38; 456.25 + 25 % = 570.3125 → 570.31; 11 min → 0.
  struct Case {
    std::string_view start;
    std::chrono::minutes minutes;
    std::string_view subtotal, total;
  };
  for (const Case& c : {Case{"2026-11-16T10:00:00+01:00", 30min, "547.50 DKK", "684.38 DKK"},
                        Case{"2026-11-16T10:00:00+01:00", 11min, "0.00 DKK", "0.00 DKK"},
                        Case{"2026-11-16T10:00:00+01:00", 25min, "456.25 DKK", "570.31 DKK"},
                        Case{"2026-11-16T19:00:00+01:00", 30min, "1,095.00 DKK", "1,368.75 DKK"}}) {
    CAPTURE(c.minutes.count());
    Provider oo("oneoffice", "nordlys");
    auto t = oo.open({.channel = Channel::phone, .subject = "case", .category = "support",
                      .at = "2026-11-16T09:00:00+01:00"});
    oo.work(t, c.start, c.minutes);
    const auto s = oo.statement(std::chrono::year{2026} / 11);
    CHECK(s.subtotal == money(c.subtotal));
    CHECK(s.total == money(c.total));
  }
}

TEST_CASE("OneOffice: re-classifying an on-call call as critical takes the fee back") {
  Provider oo("oneoffice", "nordlys");
  auto t = oo.open({.channel = Channel::on_call, .subject = "No internet in the office",
                    .category = "support", .priority = "normal",
                    .at = "2026-11-21T10:00:00+01:00"});
  // 1,000.00 + 25 % = 1,250.00.
  CHECK(oo.statement(std::chrono::year{2026} / 11).total == money("1,250.00 DKK"));
  REQUIRE(oo.desk.set_priority(t.ref, "critical", {"vagt", at("2026-11-21T10:10:00+01:00")}));
  CHECK(oo.statement(std::chrono::year{2026} / 11).total == money("0.00 DKK"));
  // The fee belongs to the month of the call, not to December.
  REQUIRE(oo.desk.set_priority(t.ref, "normal", {"vagt", at("2026-12-01T09:00:00+01:00")}));
  CHECK(oo.statement(std::chrono::year{2026} / 12).total == money("0.00 DKK"));
}
