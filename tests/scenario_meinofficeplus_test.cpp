// meinOfficePlus (seed 000), under examples/contracts/meinofficeplus.json: expert questions
// by e-mail answered within 48 hours counted on working days (Mon–Fri 00:00–24:00 Berlin,
// German public holidays closed), all topic areas included in the membership; the membership
// (29.90 EUR a month, the preset's price) has a 14-day trial: the first month's fee is due the
// day after the trial, each later month's on its 1st; cancelled within the trial, nothing is
// charged. 19 % VAT.
#include <doctest/doctest.h>

#include "support/scenario_fixtures.hpp"

using namespace scenario;
using tierdesk::Channel;
using tierdesk::LineKind;

TEST_CASE("meinOfficePlus: an expert question within 48 working-day hours, fees after the trial") {
  Provider mop("meinofficeplus", "a.schmidt");  // member since 2026-11-20
  auto question = mop.open({.channel = Channel::email, .subject = "Template for Teams meetings",
                            .category = "microsoft-365", .at = "2026-11-20T15:00:00+01:00"});
  // Friday 15:00: 9 h left on Friday, 24 h on Monday, 15 h on Tuesday → Tuesday 15:00.
  auto clocks = mop.store.clocks(question.ref);
  REQUIRE(clocks);
  REQUIRE(clocks->size() == 1);
  CHECK((*clocks)[0].clock == tierdesk::ClockId::of(tierdesk::Metric::response));
  CHECK((*clocks)[0].due == at("2026-11-24T15:00:00+01:00"));
  mop.work(question, "2026-11-23T10:00:00+01:00", 35min);

  // November: the answer is included; no fee is due yet (trial 20 Nov – 3 Dec).
  const auto nov = mop.statement(std::chrono::year{2026} / 11);
  REQUIRE(nov.lines.size() == 1);
  CHECK(line(nov, LineKind::included, "MOP-2026-000001").quantity == 35);
  CHECK(nov.total == money("0.00 EUR"));

  // December: the December term due on 1 Dec and the first term (20–30 Nov, full fee) due on
  // 4 Dec: 2 × 29.90 = 59.80; VAT 19 % = 11.362 → 11.36; total 71.16.
  const auto dec = mop.statement(std::chrono::year{2026} / 12);
  REQUIRE(dec.lines.size() == 2);
  CHECK(dec.lines[0].kind == LineKind::subscription);
  CHECK(dec.lines[0].amount == money("29.90 EUR"));
  CHECK(dec.subtotal == money("59.80 EUR"));
  CHECK(dec.vat == money("11.36 EUR"));
  CHECK(dec.total == money("71.16 EUR"));
}

TEST_CASE("meinOfficePlus: cancelled within the trial, nothing is ever charged") {
  Provider mop("meinofficeplus", "b.keller");  // since 5 Nov, cancelled 12 Nov
  for (unsigned m : {11u, 12u}) {
    const auto s = mop.statement(std::chrono::year{2026} / std::chrono::month{m});
    CHECK(s.lines.empty());
    CHECK(s.total == money("0.00 EUR"));
  }
}
