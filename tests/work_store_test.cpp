// Work entries and fees in the store: Desk::log_work / charge_fee, the work and fee queries,
// their filters and the file they live in.
#include <filesystem>

#include <doctest/doctest.h>
#include <sqlite3.h>

#include "support/temp_dir.hpp"
#include "support/ticket_fixtures.hpp"
#include "tierdesk/desk.hpp"
#include "tierdesk/sqlite_store.hpp"

using namespace tierdesk;
using namespace std::chrono_literals;
using tierdesk::testing::utc;

namespace {

const Instant t0 = utc("2026-11-02T08:00:00Z");

OpenRequest request(std::string customer = "acme", std::string contract = "acme-2026") {
  return {.customer = std::move(customer),
          .contract = std::move(contract),
          .channel = Channel::phone,
          .category = "functional",
          .priority = "normal",
          .subject = "Printer offline",
          .by = {"anna@acme.example", t0}};
}

WorkEntry minutes(std::int64_t n, std::string_view start, std::string agent = "bo") {
  WorkEntry e;
  e.agent = std::move(agent);
  e.start = utc(start);
  e.duration = std::chrono::minutes(n);
  return e;
}

// An entry without start or agent: the desk fills them in.
WorkEntry lasting(std::chrono::seconds d) {
  WorkEntry e;
  e.duration = d;
  return e;
}

std::filesystem::path fresh_file(std::string_view name) {
  return tierdesk::testing::fresh_db_file(std::string(name) + ".db");
}

int raw_exec(const std::filesystem::path& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc;
}

}  // namespace

TEST_CASE("a work entry is stored with its work_logged event in one change") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  Desk desk(store, {.prefix = "OO"});
  const auto ref = desk.open(request())->ref;
  WorkEntry entry = minutes(30, "2026-11-16T18:00:00Z");
  entry.kind = WorkKind::on_site;
  entry.role = Role::senior;
  entry.note = "BIOS update forced";
  auto t = desk.log_work(ref, entry, {"cy", utc("2026-11-16T18:45:00Z")});
  REQUIRE(t);
  CHECK(t->version == 2);
  CHECK(t->status == TicketStatus::new_ticket);
  const auto history = store.history(ref).value();
  REQUIRE(history.size() == 2);
  CHECK(history[1] == HistoryEvent{2,
                                   utc("2026-11-16T18:45:00Z"),
                                   "cy",
                                   HistoryKind::work_logged,
                                   "",
                                   {{"agent", "bo"},
                                    {"kind", "on_site"},
                                    {"note", "BIOS update forced"},
                                    {"role", "senior"},
                                    {"seconds", "1800"},
                                    {"start", "2026-11-16T18:00:00Z"}}});
  CHECK(to_string(HistoryKind::work_logged) == "work_logged");
  CHECK(*parse_history_kind("fee_charged") == HistoryKind::fee_charged);
  CHECK_FALSE(is_sla_kind(HistoryKind::work_logged));
  entry.ticket = "OO-2026-000001";
  entry.entry = 2;  // recorded by event 2 of the ticket's history
  CHECK(store.work({}).value() == std::vector{entry});

  // An unset start means the work just ended; an empty agent is the actor.
  REQUIRE(desk.log_work(ref, lasting(45min), {"dan", utc("2026-11-17T10:00:00Z")}));
  const auto both = store.work({.ref = ref}).value();
  REQUIRE(both.size() == 2);
  CHECK(both[1].start == utc("2026-11-17T09:15:00Z"));
  CHECK(both[1].agent == "dan");
  CHECK(both[1].kind == WorkKind::remote);
  CHECK(both[1].role == Role::support);
}

TEST_CASE("a bad work entry stores nothing and names the field") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  Desk desk(store, {.prefix = "OO"});
  const auto ref = desk.open(request())->ref;
  const Actor by{"bo", utc("2026-11-03T12:00:00Z")};
  auto zero = desk.log_work(ref, minutes(0, "2026-11-03T09:00:00Z"), by);
  REQUIRE_FALSE(zero);
  CHECK(zero.error().code() == Errc::invalid_argument);
  CHECK(zero.error().message() ==
        "OO-2026-000001: duration: got \"0 s\", expected more than 0 s and at most 24 h");
  auto day = desk.log_work(ref, lasting(25h), by);
  REQUIRE_FALSE(day);
  CHECK(day.error().message() ==
        "OO-2026-000001: duration: got \"90000 s\", expected more than 0 s and at most 24 h");
  WorkEntry other = minutes(10, "2026-11-03T09:00:00Z");
  other.ticket = "OO-2026-000002";
  CHECK(desk.log_work(ref, other, by).error().message() ==
        "ticket: got \"OO-2026-000002\", expected OO-2026-000001");
  CHECK(desk.charge_fee(ref, "", by).error().message() == "code: a fee needs a code");
  CHECK(desk.log_work(TicketRef{"OO", 2026, 9}, minutes(10, "2026-11-03T09:00:00Z"), by)
            .error()
            .code() == Errc::not_found);

  // The store checks on its own too: a change with a bad entry writes neither it nor its event.
  auto state = store.ticket(ref).value();
  auto change =
      tierdesk::testing::next_change(state, {{0, by.at, "bo", HistoryKind::work_logged, "", {}}});
  change.work = {minutes(24 * 60 + 1, "2026-11-03T09:00:00Z")};
  auto refused = store.update(change);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message() ==
        "work[0]: duration: got \"86460 s\", expected more than 0 s and at most 24 h");
  change.work = {minutes(10, "2026-11-03T09:00:00Z")};
  change.work[0].ticket = "SB-2026-000001";
  CHECK(store.update(change).error().message() ==
        "work[0].ticket: got \"SB-2026-000001\", expected OO-2026-000001");
  CHECK(store.history(ref).value().size() == 1);
  CHECK(store.work({}).value().empty());
  CHECK(store.fees({}).value().empty());
  CHECK(store.ticket(ref)->version == 1);
}

TEST_CASE("work by customer and period: begin included, end excluded, in work order") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  Desk desk(store, {.prefix = "OO"});
  const auto a1 = desk.open(request("acme"))->ref;
  const auto b1 = desk.open(request("beta", "beta-2026"))->ref;
  const auto a2 = desk.open(request("acme", "acme-2027"))->ref;
  const Actor by{"bo", utc("2026-12-05T09:00:00Z")};
  // Logged out of order; read back by start.
  for (const auto& [ref, entry] : std::vector<std::pair<TicketRef, WorkEntry>>{
           {a1, minutes(20, "2026-12-01T00:00:00Z")},  // the period's end: outside
           {a2, minutes(15, "2026-11-30T23:59:59Z")},  // last second: inside
           {b1, minutes(60, "2026-11-10T10:00:00Z")},  // another customer
           {a1, minutes(30, "2026-11-01T00:00:00Z")},  // the period's begin: inside
           {a1, minutes(10, "2026-10-31T23:59:59Z")},  // before
           {a2, minutes(5, "2026-11-01T00:00:00Z", "al")}})
    REQUIRE(desk.log_work(ref, entry, by));

  const WorkFilter november{
      .customer = "acme",
      .started = Segment<Instant>{utc("2026-11-01T00:00:00Z"), utc("2026-12-01T00:00:00Z")}};
  const auto found = store.work(november).value();
  REQUIRE(found.size() == 3);
  // Same start: by ticket, so OO-2026-000001 (bo, 30 min) before OO-2026-000003 (al, 5 min).
  CHECK(found[0].ticket == "OO-2026-000001");
  CHECK(found[0].duration == 30min);
  CHECK(found[1].ticket == "OO-2026-000003");
  CHECK(found[1].agent == "al");
  CHECK(found[2].start == utc("2026-11-30T23:59:59Z"));
  CHECK(found[2].duration == 15min);

  auto by_contract = november;
  by_contract.contract = "acme-2027";
  const auto contract_only = store.work(by_contract).value();
  REQUIRE(contract_only.size() == 2);
  CHECK(contract_only[0].duration == 5min);
  CHECK(contract_only[1].duration == 15min);
  CHECK(store.work({.customer = "acme"}).value().size() == 5);
  CHECK(store.work({.customer = "beta"}).value().front().duration == 60min);
  CHECK(store.work({.ref = a1}).value().size() == 3);
  CHECK(store.work({.customer = "nobody"}).value().empty());
  auto unknown = store.work({.ref = TicketRef{"OO", 2026, 42}});
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().message() == "ticket OO-2026-000042: not found");

  // One index range of (customer, start), no scan of the table.
  CHECK(store.work_query_plan(november).value().find(
            "USING INDEX work_entry_customer (customer=? AND "
            "start>? AND start<?)") != std::string::npos);
}

TEST_CASE("fees are stored with their fee_charged event and found by customer and instant") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  Desk desk(store, {.prefix = "OO"});
  const auto a = desk.open(request("acme"))->ref;
  const auto b = desk.open(request("beta"))->ref;
  REQUIRE(desk.charge_fee(b, "on_call_non_critical", {"bo", utc("2026-11-20T21:00:00Z")}));
  REQUIRE(desk.charge_fee(a, "emergency", {"bo", utc("2026-11-20T21:00:00Z")}));
  auto t = desk.charge_fee(a, "on_call_non_critical", {"cy", utc("2026-11-03T22:15:00Z")});
  REQUIRE_FALSE(t);  // goes back in time from the previous event of OO-2026-000001
  REQUIRE(desk.charge_fee(a, "on_call_non_critical", {"cy", utc("2026-12-01T00:00:00Z")}));
  const auto history = store.history(a).value();
  REQUIRE(history.size() == 3);
  CHECK(history[1].kind == HistoryKind::fee_charged);
  CHECK(history[1].payload == Payload{{"code", "emergency"}});
  const auto all = store.fees({}).value();
  REQUIRE(all.size() == 3);
  CHECK(all[0] == StoredFee{a, {"emergency", utc("2026-11-20T21:00:00Z"), 2}});
  CHECK(all[1] == StoredFee{b, {"on_call_non_critical", utc("2026-11-20T21:00:00Z"), 2}});
  CHECK(all[2] == StoredFee{a, {"on_call_non_critical", utc("2026-12-01T00:00:00Z"), 3}});
  const auto november = store
                            .fees({.customer = "acme",
                                   .started = Segment<Instant>{utc("2026-11-01T00:00:00Z"),
                                                               utc("2026-12-01T00:00:00Z")}})
                            .value();
  CHECK(november == std::vector{StoredFee{a, {"emergency", utc("2026-11-20T21:00:00Z"), 2}}});
}

TEST_CASE("a closed ticket still takes work and fees, and nothing else") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  Desk desk(store, {.prefix = "OO"});
  const auto ref = desk.open(request())->ref;
  REQUIRE(desk.set_status(ref, TicketStatus::resolved, {"bo", t0 + 1h}));
  REQUIRE(desk.set_status(ref, TicketStatus::closed, {"bo", t0 + 2h}));
  auto worked = desk.log_work(ref, minutes(25, "2026-11-02T08:10:00Z"), {"bo", t0 + 3h});
  REQUIRE(worked);
  CHECK(worked->status == TicketStatus::closed);
  REQUIRE(desk.charge_fee(ref, "on_call_non_critical", {"bo", t0 + 4h}));
  CHECK(store.ticket(ref)->version == 5);
  CHECK(desk.reply(ref, ReplyKind::agent_public, "hello", {"bo", t0 + 5h}).error().code() ==
        Errc::invalid_transition);
  CHECK(desk.set_status(ref, TicketStatus::open, {"bo", t0 + 5h}).error().code() ==
        Errc::invalid_transition);
  CHECK(store.work({}).value().size() == 1);
  CHECK(store.fees({}).value().size() == 1);
}

TEST_CASE("work and fees opened with a ticket get its new reference") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  Desk desk(store, {.prefix = "OO"});
  auto r = request();
  r.channel = Channel::on_call;
  r.then.events = {{0,
                    {},
                    "anna@acme.example",
                    HistoryKind::fee_charged,
                    "",
                    {{"code", "on_call_non_critical"}}},
                   {0, {}, "anna@acme.example", HistoryKind::work_logged, "", {}}};
  r.then.fees = {{"on_call_non_critical", t0}};
  r.then.work = {minutes(12, "2026-11-02T07:48:00Z")};
  auto t = desk.open(r);
  REQUIRE(t);
  CHECK(t->version == 3);
  CHECK(store.fees({}).value() == std::vector{StoredFee{t->ref, {"on_call_non_critical", t0, 2}}});
  CHECK(store.work({}).value().front().ticket == "OO-2026-000001");
  CHECK(store.work({}).value().front().entry == 3);
  r.then.work[0].ticket = "OO-2026-000001";
  CHECK(desk.open(r).error().message() ==
        "work[0].ticket: got \"OO-2026-000001\", expected OO-2026-000002");
  CHECK(store.tickets({}).value().size() == 1);
}

TEST_CASE("work and fees survive reopening the file, and cannot be edited behind the store") {
  const auto path = fresh_file("work_store_test");
  TicketRef ref;
  {
    auto store = SqliteStore::open({.path = path.string(), .synchronous = Synchronous::normal});
    REQUIRE(store);
    Desk desk(*store, {.prefix = "OO"});
    ref = desk.open(request())->ref;
    REQUIRE(desk.log_work(ref, minutes(30, "2026-11-02T09:00:00Z"), {"bo", t0 + 2h}));
    REQUIRE(desk.charge_fee(ref, "emergency", {"bo", t0 + 2h}));
  }
  CHECK(raw_exec(path, "UPDATE work_entry SET seconds = 60") == SQLITE_CONSTRAINT);
  CHECK(raw_exec(path, "DELETE FROM work_entry") == SQLITE_CONSTRAINT);
  CHECK(raw_exec(path, "DELETE FROM ticket_fee") == SQLITE_CONSTRAINT);
  {
    auto store = SqliteStore::open({.path = path.string(), .create = false});
    REQUIRE(store);
    WorkEntry expected = minutes(30, "2026-11-02T09:00:00Z");
    expected.ticket = "OO-2026-000001";
    expected.entry = 2;
    CHECK(store->work({.customer = "acme"}).value() == std::vector{expected});
    CHECK(store->fees({.ref = ref}).value() ==
          std::vector{StoredFee{ref, {"emergency", t0 + 2h, 3}}});
    CHECK(store->history(ref).value().size() == 3);
  }
}
