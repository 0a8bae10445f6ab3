#include "tierdesk/desk/desk.hpp"

#include <doctest/doctest.h>

#include "support/ticket_fixtures.hpp"
#include "tierdesk/base/limits.hpp"
#include "tierdesk/store/sqlite_store.hpp"

using namespace tierdesk;
using namespace std::chrono_literals;
using tierdesk::testing::utc;

namespace {

const Instant t0 = utc("2026-03-02T09:00:00+01:00");

OpenRequest request(std::string external_id = {}) {
  return {.customer = "acme", .contract = "acme-2026", .channel = Channel::email,
          .category = "functional", .priority = "normal", .subject = "VPN down",
          .external_id = std::move(external_id), .body = "Nobody can connect",
          .by = {"anna@acme.example", t0}};
}

std::vector<std::string> kinds(Store& store, const TicketRef& ref) {
  std::vector<std::string> out;
  // Held in a local: value() of a temporary result would dangle inside the loop.
  const auto history = store.history(ref);
  for (const auto& e : history.value()) out.emplace_back(to_string(e.kind));
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("opening a ticket allocates a reference and records the request") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  Desk desk(store, {.prefix = "OO"});
  auto t = desk.open(request());
  REQUIRE(t);
  CHECK(t->ref.str() == "OO-2026-000001");
  CHECK(t->status == TicketStatus::new_ticket);
  CHECK(t->subject == "VPN down");
  CHECK(t->tier == 1);
  auto history = store.history(t->ref).value();
  REQUIRE(history.size() == 1);
  CHECK(history[0].actor == "anna@acme.example");
  CHECK(history[0].get("body") == "Nobody can connect");
  CHECK(desk.open(request())->ref.str() == "OO-2026-000002");
  CHECK(desk.open({.customer = "", .contract = "c", .by = {"x", t0}}).error().message() ==
        "customer: required");
}

TEST_CASE("the reference year is the calendar year in the desk's zone") {
  // 2026-12-31T23:30Z is 00:30 on New Year's Day in Copenhagen.
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  auto late = request();
  late.by.at = utc("2026-12-31T23:30:00Z");
  Desk utc_desk(store, {.prefix = "OO"});
  CHECK(utc_desk.open(late)->ref.str() == "OO-2026-000001");
  Desk copenhagen(store, {.prefix = "OO", .zone = Zone::locate("Europe/Copenhagen").value()});
  CHECK(copenhagen.open(late)->ref.str() == "OO-2027-000001");
  late.by.at = utc("2026-12-31T22:59:59Z");
  CHECK(copenhagen.open(late)->ref.str() == "OO-2026-000002");
}

TEST_CASE("the same external message id never opens two tickets") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  Desk desk(store, {.prefix = "OO"});
  auto first = desk.open(request("<CA+x1@mail.acme.example>"));
  auto again = desk.open(request("<CA+x1@mail.acme.example>"));
  REQUIRE(first);
  REQUIRE(again);
  CHECK(again->ref == first->ref);
  CHECK(store.tickets({}).value().size() == 1);
  CHECK(desk.open(request("<other@acme>"))->ref.str() == "OO-2026-000002");
}

TEST_CASE("replies, status moves and their event kinds") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  Desk desk(store, {.prefix = "OO"});
  const auto ref = desk.open(request())->ref;
  CHECK(desk.reply(ref, ReplyKind::agent_internal, "checking logs", {"bo", t0 + 5min})->status ==
        TicketStatus::new_ticket);
  CHECK(desk.reply(ref, ReplyKind::agent_public, "We are on it", {"bo", t0 + 10min})->status ==
        TicketStatus::open);
  CHECK(desk.set_status(ref, TicketStatus::pending_customer, {"bo", t0 + 11min})->status ==
        TicketStatus::pending_customer);
  CHECK(desk.reply(ref, ReplyKind::customer, "Here is the log", {"anna", t0 + 1h})->status ==
        TicketStatus::open);
  auto closing = desk.set_status(ref, TicketStatus::closed, {"bo", t0 + 2h});
  REQUIRE_FALSE(closing);
  CHECK(closing.error().code() == Errc::invalid_transition);
  CHECK(closing.error().message() == "OO-2026-000001: status: cannot go from \"open\" to \"closed\"");
  CHECK(desk.set_status(ref, TicketStatus::resolved, {"bo", t0 + 2h})->status == TicketStatus::resolved);
  CHECK(desk.set_status(ref, TicketStatus::open, {"anna", t0 + 3h})->status == TicketStatus::open);
  CHECK(desk.set_status(ref, TicketStatus::resolved, {"bo", t0 + 4h}));
  CHECK(desk.set_status(ref, TicketStatus::closed, {"bo", t0 + 5h})->status == TicketStatus::closed);
  CHECK(desk.reply(ref, ReplyKind::customer, "thanks", {"anna", t0 + 6h}).error().message() ==
        "OO-2026-000001: the ticket is closed");
  CHECK(kinds(store, ref) == V{"created", "agent_internal_note", "agent_public_reply", "status",
                               "status", "customer_reply", "status", "resolved", "reopened",
                               "resolved", "closed"});
}

TEST_CASE("escalation moves the tier with a reason, an event and a notification") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  Desk desk(store, {.prefix = "OO"});
  const auto ref = desk.open(request())->ref;
  auto up = desk.escalate(ref, 3, "security fault", {"bo", t0 + 5min});
  REQUIRE(up);
  CHECK(up->tier == 3);
  auto history = store.history(ref).value();
  REQUIRE(history.size() == 3);
  CHECK(history[1].kind == HistoryKind::tier);
  CHECK(history[1].value == "3");
  CHECK(history[1].get("reason") == "security fault");
  CHECK(history[1].get("from") == "1");
  CHECK(history[2].kind == HistoryKind::notified);
  auto notes = store.notifications(ref).value();
  REQUIRE(notes.size() == 1);
  CHECK(notes[0] == Notification{1, ref, t0 + 5min, "escalated", "3rd level",
                                 "OO-2026-000001 moved to 3rd level: security fault"});
  CHECK(desk.escalate(ref, 3, "again", {"bo", t0 + 6min}).error().message() ==
        "tier: OO-2026-000001 is already at tier 3");
  CHECK(desk.escalate(ref, 4, "x", {"bo", t0 + 6min}).error().message() ==
        "tier: got \"4\", expected 1, 2 or 3");
  CHECK(desk.escalate(ref, 2, "", {"bo", t0 + 6min}).error().code() == Errc::invalid_argument);
  CHECK(desk.escalate(ref, 2, "analysis done", {"cy", t0 + 1h})->tier == 2);
  CHECK(store.notifications(ref).value().back().kind == "de-escalated");
}

TEST_CASE("priority, category and assignee changes are recorded only when they change") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  Desk desk(store, {.prefix = "OO"});
  const auto ref = desk.open(request())->ref;
  CHECK(desk.set_priority(ref, "high", {"bo", t0 + 1min})->priority == "high");
  CHECK(desk.set_priority(ref, "high", {"bo", t0 + 2min})->version == 2);
  CHECK(desk.set_category(ref, "security", {"bo", t0 + 3min})->category == "security");
  CHECK(desk.assign(ref, "cy", {"bo", t0 + 4min})->assignee == "cy");
  CHECK(kinds(store, ref) == V{"created", "priority", "category", "assigned"});
}

TEST_CASE("the clock cache is recomputed from the whole history on every event") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  int calls = 0;
  DeskConfig config{.prefix = "OO"};
  config.clocks = [&](const Ticket& t, std::span<const HistoryEvent> history, Instant now)
      -> Result<std::vector<ClockEntry>> {
    ++calls;
    CHECK(static_cast<std::int64_t>(history.size()) == t.version);
    return std::vector<ClockEntry>{{tierdesk::testing::clock_id("response"), tierdesk::ClockState::running, now + std::chrono::hours(t.version), {}, false, {}}};
  };
  Desk desk(store, config);
  const auto ref = desk.open(request())->ref;
  CHECK(store.clocks(ref).value().front().due == t0 + 1h);
  REQUIRE(desk.set_priority(ref, "high", {"bo", t0 + 10min}));
  CHECK(store.clocks(ref).value().front().due == t0 + 10min + 2h);
  CHECK(calls == 2);
  auto due = store.alarms({t0, t0 + 3h}, AlarmFilter::due_only, 10).value();
  REQUIRE(due.size() == 1);
  CHECK(due[0].at == t0 + 10min + 2h);
}

TEST_CASE("a change that loses a race decides again on the fresh state") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  Desk desk(store, {.prefix = "OO"});
  const auto ref = desk.open(request())->ref;
  int decisions = 0;
  auto result = desk.change(ref, t0 + 5min, [&](const Ticket& t, auto) -> Result<Plan> {
    if (++decisions == 1) {
      auto other = desk.assign(ref, "cy", {"cy", t0 + 4min});  // another agent wins the race
      REQUIRE(other);
    }
    Plan plan;
    plan.events.push_back({0, {}, "bo", HistoryKind::agent_internal_note, "",
                           {{"body", "seen assignee " + t.assignee}}});
    return plan;
  });
  REQUIRE(result);
  CHECK(decisions == 2);
  CHECK(result->version == 3);
  auto history = store.history(ref).value();
  CHECK(history[1].kind == HistoryKind::assigned);
  CHECK(history[2].get("body") == "seen assignee cy");
  CHECK(history[2].at == t0 + 5min);
}

TEST_CASE("the desk's statuses are the ones SLA policies may pause in, in the same order") {
  const auto names = ticket_status_names();
  REQUIRE(names.size() == 6);
  int i = 0;
  for (auto s : {TicketStatus::new_ticket, TicketStatus::open, TicketStatus::pending_customer,
                 TicketStatus::on_hold, TicketStatus::resolved, TicketStatus::closed})
    CHECK(to_string(s) == names[static_cast<std::size_t>(i++)]);
}

TEST_CASE("stored text and history have budgets, checked before anything is written") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  Desk desk(store, {.prefix = "OO"});

  auto long_subject = request();
  long_subject.subject = std::string(limits::line_bytes + 1, 's');
  CHECK(desk.open(long_subject).error().message() == "subject: 4097 bytes, more than the limit of 4096");
  CHECK(desk.open(long_subject).error().code() == Errc::out_of_range);
  auto long_actor = request();
  long_actor.by.name = std::string(limits::name_bytes + 1, 'a');
  CHECK(desk.open(long_actor).error().message() == "actor: 257 bytes, more than the limit of 256");
  auto long_assignee = request();
  long_assignee.assignee = std::string(limits::name_bytes + 1, 'x');
  CHECK(desk.open(long_assignee).error().message() == "assignee: 257 bytes, more than the limit of 256");
  auto long_history = request();
  long_history.then.events.assign(limits::events_per_ticket,
                                  {0, t0, "desk", HistoryKind::assigned, "bo", {}});
  CHECK(desk.open(long_history).error().message() ==
        "history: 10001 events, more than the limit of 10000 a ticket");
  CHECK(store.tickets({}).value().empty());  // none of them wrote anything

  auto t = desk.open(request()).value();
  const std::string body_at_limit(limits::body_bytes, 'b');
  CHECK(desk.reply(t.ref, ReplyKind::agent_internal, body_at_limit, {"bo", t0 + 1min}));
  const auto after_one = store.history(t.ref).value().size();
  CHECK(desk.reply(t.ref, ReplyKind::agent_internal, body_at_limit + "b", {"bo", t0 + 2min})
            .error()
            .message() == "OO-2026-000001: body: 262145 bytes, more than the limit of 262144");
  CHECK(desk.assign(t.ref, std::string(limits::name_bytes + 1, 'x'), {"bo", t0 + 3min})
            .error()
            .message() == "OO-2026-000001: assignee: 257 bytes, more than the limit of 256");
  CHECK(store.history(t.ref).value().size() == after_one);
}
