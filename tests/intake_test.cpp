#include "tierdesk/intake.hpp"

#include <doctest/doctest.h>

#include "support/ticket_fixtures.hpp"
#include "tierdesk/sqlite_store.hpp"

using namespace tierdesk;
using namespace std::chrono_literals;
using tierdesk::testing::utc;

namespace {

const Instant t0 = utc("2026-03-03T10:00:00+01:00");

// Solutionbar-like terms (seed 002): a fixed contact with a team behind, emergencies by phone
// only, ordinary requests collected for the JourFixe; roewaplan-like categories (seed 003).
ContractTerms solutionbar() {
  return {.id = "sb-acme",
          .customer = "acme",
          .categories = {{.name = "functional", .billing = BillingTreatment::contingent},
                         {.name = "security", .billing = BillingTreatment::included,
                          .default_priority = "high", .default_tier = 3},
                         {.name = "change-request", .billing = BillingTreatment::quote_required,
                          .sla_applies = false}},
          .default_priority = "normal",
          .urgent_priority = "high",
          .fixed_contact = "mia",
          .team = "team-blue",
          .emergencies_phone_only = true,
          .jourfixe = true};
}

InboundRequest mail(std::string message_id, std::string subject = "Printer offline") {
  return {.channel = Channel::email, .contract = "sb-acme", .from = "anna@acme.example",
          .message_id = std::move(message_id), .subject = std::move(subject),
          .body = "It does not print", .category = "functional", .at = t0};
}

struct Fixture {
  SqliteStore store = SqliteStore::open({.path = ":memory:"}).value();
  Desk desk{store, {.prefix = "SB"}};
};

}  // namespace

TEST_CASE("a request opens a ticket with the contract's defaults") {
  Fixture f;
  Intake intake(f.desk, {solutionbar()});
  auto r = intake.receive(mail("<m1@acme>"));
  REQUIRE(r);
  CHECK(r->outcome == IntakeOutcome::opened);
  CHECK(r->ticket.ref.str() == "SB-2026-000001");
  CHECK(r->ticket.assignee == "mia");
  CHECK(r->ticket.priority == "normal");
  CHECK(r->ticket.external_id == "<m1@acme>");
  CHECK(r->ticket.jourfixe);
  CHECK(f.store.history(r->ticket.ref).value()[0].get("billing") == "contingent");

  auto security = mail("<m2@acme>", "Strange logins");
  security.category = "security";
  auto s = intake.receive(security).value();
  CHECK(s.ticket.priority == "high");
  CHECK(s.ticket.tier == 3);

  auto change = mail("<m3@acme>", "New report");
  change.category = "change-request";
  CHECK(intake.receive(change)->ticket.flags == std::vector<std::string>{"no-sla"});

  auto unknown = mail("<m4@acme>");
  unknown.category = "hardware";
  CHECK(intake.receive(unknown).error().message() ==
        "category: got \"hardware\", expected a category of contract \"sb-acme\"");
  unknown.contract = "nope";
  CHECK(intake.receive(unknown).error().code() == Errc::not_found);
}

TEST_CASE("requests go to the team when the fixed contact is absent") {
  Fixture f;
  auto terms = solutionbar();
  terms.contact_absent = true;
  Intake intake(f.desk, {terms});
  CHECK(intake.receive(mail("<m1@acme>"))->ticket.assignee == "team-blue");
  terms.contact_absent = false;
  terms.fixed_contact.clear();
  CHECK(terms.default_assignee() == "team-blue");
}

TEST_CASE("the same message delivered twice opens one ticket") {
  Fixture f;
  Intake intake(f.desk, {solutionbar()});
  auto first = intake.receive(mail("<CA+dup@mail.acme.example>")).value();
  auto second = intake.receive(mail("<CA+dup@mail.acme.example>")).value();
  CHECK(second.outcome == IntakeOutcome::duplicate);
  CHECK(second.ticket.ref == first.ticket.ref);
  CHECK(f.store.tickets({}).value().size() == 1);
}

TEST_CASE("a reference in the subject adds the message to that ticket") {
  Fixture f;
  Intake intake(f.desk, {solutionbar()});
  const auto ref = intake.receive(mail("<m1@acme>")).value().ticket.ref;
  auto reply = mail("<m2@acme>", "Re: [SB-2026-000001] Printer offline");
  reply.at = t0 + 1h;
  auto r = intake.receive(reply).value();
  CHECK(r.outcome == IntakeOutcome::appended);
  CHECK(r.ticket.ref == ref);
  auto history = f.store.history(ref).value();
  CHECK(history.back().kind == HistoryKind::customer_reply);
  CHECK(history.back().get("message_id") == "<m2@acme>");
  const auto events = history.size();
  CHECK(intake.receive(reply)->outcome == IntakeOutcome::duplicate);
  CHECK(f.store.history(ref).value().size() == events);

  REQUIRE(f.desk.set_status(ref, TicketStatus::resolved, {"mia", t0 + 2h}));
  auto again = mail("<m3@acme>", "Re: [SB-2026-000001] still broken");
  again.at = t0 + 3h;
  auto reopened = intake.receive(again).value();
  CHECK(reopened.ticket.status == TicketStatus::open);
  CHECK(f.store.history(ref).value().back().kind == HistoryKind::reopened);

  auto stranger = mail("<m4@acme>", "Re: [SB-2026-000099] unknown");
  CHECK(intake.receive(stranger)->outcome == IntakeOutcome::opened);
}

TEST_CASE("an urgent e-mail where emergencies are phone-only is accepted and flagged") {
  Fixture f;
  Intake intake(f.desk, {solutionbar()});
  auto urgent = mail("<m1@acme>", "Server down!!");
  urgent.urgent = true;
  auto r = intake.receive(urgent).value();
  CHECK(r.outcome == IntakeOutcome::opened);
  CHECK(r.ticket.has_flag("urgent-by-email"));
  CHECK(r.ticket.priority == "normal");
  CHECK(r.ticket.jourfixe);
  auto notes = f.store.notifications(r.ticket.ref).value();
  REQUIRE(notes.size() == 1);
  CHECK(notes[0].kind == "urgent-by-email");
  CHECK(notes[0].recipient == "team-blue");

  auto call = urgent;
  call.channel = Channel::phone;
  call.message_id.clear();
  auto phoned = intake.receive(call).value();
  CHECK(phoned.ticket.priority == "high");
  CHECK_FALSE(phoned.ticket.jourfixe);
  CHECK(phoned.ticket.flags.empty());
}

TEST_CASE("the JourFixe queue is listed and worked through at the meeting") {
  Fixture f;
  Intake intake(f.desk, {solutionbar()});
  const auto a = intake.receive(mail("<m1@acme>", "Printer")).value().ticket.ref;
  const auto b = intake.receive(mail("<m2@acme>", "New laptop")).value().ticket.ref;
  auto batch = f.store.jourfixe_batch("sb-acme").value();
  REQUIRE(batch.size() == 2);
  CHECK(batch[0].ref == a);
  CHECK(batch[1].ref == b);
  auto done = record_jourfixe(f.desk, a, JourFixeOutcome::resolved, "driver reinstalled", {"mia", t0 + 7 * 24h});
  REQUIRE(done);
  CHECK(done->status == TicketStatus::resolved);
  auto later = record_jourfixe(f.desk, b, JourFixeOutcome::carried_over, "waiting for the offer", {"mia", t0 + 7 * 24h});
  REQUIRE(later);
  CHECK(later->jourfixe);
  batch = f.store.jourfixe_batch("sb-acme").value();
  REQUIRE(batch.size() == 1);
  CHECK(batch[0].ref == b);
  CHECK(record_jourfixe(f.desk, a, JourFixeOutcome::resolved, "", {"mia", t0 + 8 * 24h}).error().message() ==
        "SB-2026-000001: not in the JourFixe queue");
}
