#include "tierdesk/desk/ticket.hpp"

#include <doctest/doctest.h>

#include "support/ticket_fixtures.hpp"
#include "tierdesk/desk/ticket_event.hpp"

using namespace tierdesk;
using tierdesk::testing::created_event;
using tierdesk::testing::utc;

TEST_CASE("a reference parses and prints as PREFIX-YEAR-NNNNNN") {
  auto ref = TicketRef::parse("OO-2026-000123");
  REQUIRE(ref);
  CHECK(ref->prefix == "OO");
  CHECK(ref->year == 2026);
  CHECK(ref->sequence == 123);
  CHECK(ref->str() == "OO-2026-000123");
  CHECK(TicketRef{"SB", 2027, 1234567}.str() == "SB-2027-1234567");
  CHECK(TicketRef{"X", 7, 0}.str() == "X-0007-000000");
  CHECK(TicketRef{"X", -7, -12}.str() == "X--007--00012");  // as fmt's {:04} and {:06}

  CHECK(TicketRef::parse("SB-2027-1234567")->sequence == 1234567);
}

TEST_CASE("malformed references are rejected naming the text") {
  for (const char* text : {"OO-2026-123", "oo-2026-000123", "OO-26-000123", "OO2026000123",
                           "OO-2026-000000", "OO-2026-0001234", "TOOLONGPX-2026-000001", "-2026-000001"}) {
    CAPTURE(text);
    auto ref = TicketRef::parse(text);
    REQUIRE_FALSE(ref);
    CHECK(ref.error().code() == Errc::invalid_argument);
    CHECK(ref.error().message() ==
          std::string("reference: got \"") + text + "\", expected PREFIX-YEAR-NNNNNN, e.g. OO-2026-000123");
  }
}

TEST_CASE("the first bracketed reference in an e-mail subject is found") {
  CHECK(find_ref_in_subject("Re: [OO-2026-000123] Printer offline") ==
        TicketRef{"OO", 2026, 123});
  CHECK(find_ref_in_subject("[urgent] Re: [SB-2026-000007] VPN") == TicketRef{"SB", 2026, 7});
  CHECK_FALSE(find_ref_in_subject("OO-2026-000123 without brackets"));
  CHECK_FALSE(find_ref_in_subject("Re: [OO-2026-000123"));
}

TEST_CASE("status transitions follow the table") {
  using S = TicketStatus;
  CHECK(check_transition(S::new_ticket, S::open));
  CHECK(check_transition(S::new_ticket, S::closed));
  CHECK(check_transition(S::open, S::pending_customer));
  CHECK(check_transition(S::pending_customer, S::open));
  CHECK(check_transition(S::on_hold, S::resolved));
  CHECK(check_transition(S::resolved, S::open));
  CHECK(check_transition(S::resolved, S::closed));
  CHECK_FALSE(check_transition(S::open, S::closed));
  CHECK_FALSE(check_transition(S::open, S::new_ticket));
  CHECK_FALSE(check_transition(S::open, S::open));
  auto closed = check_transition(S::closed, S::open);
  REQUIRE_FALSE(closed);
  CHECK(closed.error().code() == Errc::invalid_transition);
  CHECK(closed.error().message() == "status: cannot go from \"closed\" to \"open\"");
}

TEST_CASE("names of channels, statuses and tiers round-trip") {
  CHECK(to_string(Channel::on_call) == "on-call");
  CHECK(parse_channel("on-call") == Channel::on_call);
  CHECK_FALSE(parse_channel("fax"));
  CHECK(to_string(TicketStatus::pending_customer) == "pending-customer");
  CHECK(parse_status("new") == TicketStatus::new_ticket);
  TierNames tiers;
  tiers.names = {"Service Desk", "Specialists", "Development"};
  CHECK(tiers.name(2) == std::string_view("Specialists"));
  CHECK(tiers.parse("Development") == 3);
  CHECK(tiers.parse("1") == 1);
  CHECK_FALSE(tiers.parse("4"));
  CHECK_FALSE(tiers.name(0));
}

TEST_CASE("the state is a fold over the history") {
  const Instant t0 = utc("2026-03-02T09:00:00+01:00");
  std::vector<HistoryEvent> h{created_event(t0)};
  h.push_back({2, t0 + std::chrono::minutes(20), "bo", HistoryKind::status, "open", {}});
  h.push_back({3, t0 + std::chrono::minutes(25), "bo", HistoryKind::priority, "high", {}});
  h.push_back({4, t0 + std::chrono::minutes(30), "bo", HistoryKind::tier, "2", {{"reason", "needs the network team"}}});
  h.push_back({5, t0 + std::chrono::minutes(31), "system", HistoryKind::assigned, "team-network", {}});
  h.push_back({6, t0 + std::chrono::minutes(32), "system", HistoryKind::flagged, "vip", {}});
  h.push_back({7, t0 + std::chrono::minutes(32), "system", HistoryKind::flagged, "urgent-by-email", {}});
  h.push_back({8, t0 + std::chrono::hours(2), "cy", HistoryKind::resolved, "", {}});
  auto t = fold(TicketRef{"OO", 2026, 5}, h);
  REQUIRE(t);
  CHECK(t->ref.str() == "OO-2026-000005");
  CHECK(t->customer == "acme");
  CHECK(t->contract == "acme-2026");
  CHECK(t->channel == Channel::email);
  CHECK(t->category == "functional");
  CHECK(t->priority == "high");
  CHECK(t->tier == 2);
  CHECK(t->assignee == "team-network");
  CHECK(t->flags == std::vector<std::string>{"urgent-by-email", "vip"});
  CHECK(t->status == TicketStatus::resolved);
  CHECK(t->created_at == t0);
  CHECK(t->updated_at == t0 + std::chrono::hours(2));
  CHECK(t->version == 8);
}

TEST_CASE("impossible histories are rejected naming the event") {
  const Instant t0 = utc("2026-03-02T09:00:00+01:00");
  SUBCASE("not starting with created") {
    std::vector<HistoryEvent> h{{1, t0, "bo", HistoryKind::status, "open", {}}};
    auto t = fold(TicketRef{"OO", 2026, 1}, h);
    REQUIRE_FALSE(t);
    CHECK(t.error().message() == "history[1] (status at 2026-03-02T08:00:00Z): a history starts with created");
  }
  SUBCASE("going back in time") {
    std::vector<HistoryEvent> h{created_event(t0), {2, t0 - std::chrono::seconds(1), "bo", HistoryKind::status, "open", {}}};
    auto t = fold(TicketRef{"OO", 2026, 1}, h);
    REQUIRE_FALSE(t);
    CHECK(t.error().code() == Errc::invalid_event);
    CHECK(t.error().message() == "history[2] (status at 2026-03-02T07:59:59Z): goes back in time from 2026-03-02T08:00:00Z");
  }
  SUBCASE("a forbidden transition") {
    std::vector<HistoryEvent> h{created_event(t0), {2, t0, "bo", HistoryKind::status, "open", {}},
                                {3, t0, "bo", HistoryKind::closed, "", {}}};
    auto t = fold(TicketRef{"OO", 2026, 1}, h);
    REQUIRE_FALSE(t);
    CHECK(t.error().message() == "history[3] (closed at 2026-03-02T08:00:00Z): status: cannot go from \"open\" to \"closed\"");
  }
  SUBCASE("anything after closed") {
    std::vector<HistoryEvent> h{created_event(t0), {2, t0, "bo", HistoryKind::closed, "", {}},
                                {3, t0, "bo", HistoryKind::agent_internal_note, "", {}}};
    auto t = fold(TicketRef{"OO", 2026, 1}, h);
    REQUIRE_FALSE(t);
    CHECK(t.error().message() == "history[3] (agent_internal_note at 2026-03-02T08:00:00Z): the ticket is closed");
  }
  SUBCASE("a tier outside 1 to 3") {
    std::vector<HistoryEvent> h{created_event(t0), {2, t0, "bo", HistoryKind::tier, "4", {}}};
    auto t = fold(TicketRef{"OO", 2026, 1}, h);
    REQUIRE_FALSE(t);
    CHECK(t.error().message() == "history[2] (tier at 2026-03-02T08:00:00Z): tier: got \"4\", expected 1, 2 or 3");
  }
  SUBCASE("a seq out of place") {
    std::vector<HistoryEvent> h{created_event(t0), {3, t0, "bo", HistoryKind::status, "open", {}}};
    CHECK(fold(TicketRef{"OO", 2026, 1}, h).error().message() ==
          "history[2] (status at 2026-03-02T08:00:00Z): seq is 3");
  }
  SUBCASE("reopening a ticket that is not resolved") {
    std::vector<HistoryEvent> h{created_event(t0), {2, t0, "bo", HistoryKind::reopened, "", {}}};
    CHECK(fold(TicketRef{"OO", 2026, 1}, h).error().message() ==
          "history[2] (reopened at 2026-03-02T08:00:00Z): the ticket is not resolved");
  }
}

TEST_CASE("history kinds keep the SLA engine's names and add the bookkeeping ones") {
  CHECK(to_string(HistoryKind::agent_public_reply) == "agent_public_reply");
  CHECK(to_string(HistoryKind::queued_for_jourfixe) == "queued_for_jourfixe");
  CHECK(to_string(HistoryKind::jourfixe_carried_over) == "jourfixe_carried_over");
  CHECK(parse_history_kind("assigned") == HistoryKind::assigned);
  CHECK(is_sla_kind(HistoryKind::urgent));
  CHECK_FALSE(is_sla_kind(HistoryKind::notified));
  CHECK_FALSE(parse_history_kind("escalated"));
}
