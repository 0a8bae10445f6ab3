// Solutionbar (seed 002), customer Müller GmbH since 2026-09-01, under
// examples/contracts/solutionbar.json: 10 h contingent a month (20 h in the first three months,
// September to November), 15-minute steps per entry, overage at 120.00 EUR/h at month end,
// project work at 140.00 EUR/h, 150.00 EUR when an emergency displaces booked appointments, the
// service fee of 890.00 EUR due on the 1st, 19 % VAT. Requests wait for the JourFixe; urgent
// ones by phone are handled now; an urgent e-mail is accepted but flagged.
#include <doctest/doctest.h>

#include "support/scenario_fixtures.hpp"

using namespace scenario;
using tierdesk::Channel;
using tierdesk::LineKind;
using tierdesk::Role;

namespace {

void displace_appointments(Provider& sb, const tierdesk::Ticket& t, std::string_view when) {
  REQUIRE(sb.desk.mark_emergency(t.ref, "two booked appointments moved", {"petra", at(when)}));
}

}  // namespace

TEST_CASE("Solutionbar, November and December 2026: contingent, overage, emergency, service fee") {
  Provider sb("solutionbar", "mueller");
  auto laptop = sb.open({.channel = Channel::email, .subject = "New laptop for Mrs. Kaiser",
                         .category = "support", .at = "2026-11-20T09:00:00+01:00"});
  CHECK(laptop.jourfixe);  // collected until the next JourFixe
  sb.work(laptop, "2026-11-24T09:00:00+01:00", 300min);

  auto printer = sb.open({.channel = Channel::email, .subject = "Printer queue stuck",
                          .category = "support", .at = "2026-12-01T08:30:00+01:00"});
  sb.work(printer, "2026-12-01T09:00:00+01:00", 240min);  // draws 240
  auto server = sb.open({.channel = Channel::phone, .subject = "Server down",
                         .category = "support", .priority = "emergency", .urgent = true,
                         .at = "2026-12-02T13:50:00+01:00"});
  CHECK_FALSE(server.jourfixe);  // urgent by phone: handled now
  displace_appointments(sb, server, "2026-12-02T13:55:00+01:00");
  sb.work(server, "2026-12-02T14:00:00+01:00", 50min);  // draws 60 (15-minute steps)
  auto vpn = sb.open({.channel = Channel::email, .subject = "VPN for the new branch",
                      .category = "support", .at = "2026-12-03T08:00:00+01:00"});
  sb.work(vpn, "2026-12-03T09:00:00+01:00", 250min);  // draws 255
  auto mail = sb.open({.channel = Channel::email, .subject = "Mail signature",
                       .category = "support", .at = "2026-12-07T08:00:00+01:00"});
  sb.work(mail, "2026-12-07T10:00:00+01:00", 7min);  // draws 15
  auto backup = sb.open({.channel = Channel::email, .subject = "Backup failed", .body = "URGENT",
                         .category = "support", .urgent = true,
                         .at = "2026-12-08T07:30:00+01:00"});
  CHECK(backup.has_flag("urgent-by-email"));  // emergencies only by phone
  sb.work(backup, "2026-12-08T09:00:00+01:00", 130min);  // draws 135
  auto project = sb.open({.channel = Channel::email, .subject = "Move to the new file server",
                          .category = "project", .at = "2026-12-09T08:00:00+01:00"});
  sb.work(project, "2026-12-09T09:00:00+01:00", 100min, Role::project);  // 105 min billed

  // November (start phase, 20 h): 5 h used, 15 h left, no overage; the fee due on the 1st.
  // 890.00 + 19 % VAT 169.10 = 1,059.10.
  const auto nov = sb.statement(std::chrono::year{2026} / 11);
  REQUIRE(nov.contingent);
  CHECK(nov.contingent->allowance == 1200min);
  CHECK(nov.contingent->used == 300min);
  CHECK(nov.contingent->remaining == 900min);
  CHECK(nov.subtotal == money("890.00 EUR"));
  CHECK(nov.total == money("1,059.10 EUR"));

  // December (10 h; November's rest expires): 240 + 60 + 255 + 15 + 135 = 705 min drawn,
  // the allowance used up by the 135-minute draw on 8 Dec (570 + 135 ≥ 600); overage 105 min
  // × 120.00 EUR/h = 210.00.
  const auto dec = sb.statement(std::chrono::year{2026} / 12);
  REQUIRE(dec.contingent);
  CHECK(dec.contingent->carried_in == 0min);
  CHECK(dec.contingent->allowance == 600min);
  CHECK(dec.contingent->used == 705min);
  CHECK(dec.contingent->overage == 105min);
  CHECK(dec.contingent->overage_charge == money("210.00 EUR"));
  REQUIRE(dec.contingent->exhausted);
  CHECK(dec.contingent->exhausted->ticket == "SB-2026-000006");
  CHECK(dec.contingent->exhausted->at == at("2026-12-08T09:00:00+01:00"));
  CHECK(line(dec, LineKind::emergency, "SB-2026-000003").amount == money("150.00 EUR"));
  // Project: 100 min up to 105 min × 140.00 EUR/h = 245.00.
  CHECK(line(dec, LineKind::time, "SB-2026-000007").quantity == 105);
  CHECK(line(dec, LineKind::time, "SB-2026-000007").amount == money("245.00 EUR"));
  // 210.00 + 150.00 + 245.00 + 890.00 = 1,495.00; VAT 19 % = 284.05; total 1,779.05.
  CHECK(dec.subtotal == money("1,495.00 EUR"));
  CHECK(dec.vat == money("284.05 EUR"));
  CHECK(dec.total == money("1,779.05 EUR"));
}
