// Work entries and fees in the store: Desk::log_work / charge_fee, the work and fee queries,
// their filters, on every backend (support/store_backends.hpp); the file they live in.
#include <filesystem>
#include <string>

#include <doctest/doctest.h>
#include <sqlite3.h>

#include "support/store_backends.hpp"
#include "support/temp_dir.hpp"
#include "support/ticket_fixtures.hpp"
#include "tierdesk/desk/desk.hpp"
#include "tierdesk/store/sqlite_store.hpp"

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

TEST_CASE_TEMPLATE("a work entry is stored with its work_logged event in one change", Backend,
                   TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
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

TEST_CASE_TEMPLATE("a bad work entry stores nothing and names the field", Backend,
                   TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
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

TEST_CASE_TEMPLATE("work by customer and period: begin included, end excluded, in work order",
                   Backend, TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
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
}

TEST_CASE("SqliteStore reads a customer's work in a period from one index range") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  const WorkFilter november{
      .customer = "acme",
      .started = Segment<Instant>{utc("2026-11-01T00:00:00Z"), utc("2026-12-01T00:00:00Z")}};
  // One index range of (customer, start), no scan of the table.
  CHECK(store.work_query_plan(november).value().find(
            "USING INDEX work_entry_customer (customer=? AND "
            "start>? AND start<?)") != std::string::npos);
}

TEST_CASE_TEMPLATE("fees are stored with their fee_charged event and found by customer and instant",
                   Backend, TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
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

TEST_CASE_TEMPLATE("a closed ticket still takes work and fees, and nothing else", Backend,
                   TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
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

TEST_CASE_TEMPLATE("work and fees opened with a ticket get its new reference", Backend,
                   TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
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

namespace {

// The change that reverses `entry` of `t` at `at`, with its entry_reversed event.
TicketChange reversal_of(const Ticket& t, std::int64_t entry, Instant at) {
  auto change = tierdesk::testing::next_change(
      t, {{0, at, "lena", HistoryKind::entry_reversed, "",
           {{"entry", std::to_string(entry)}, {"reason", "wrong ticket"}}}});
  change.reversals = {{entry, {at, "lena", "wrong ticket"}}};
  return change;
}

}  // namespace

TEST_CASE_TEMPLATE("a reversal attaches to its work entry or fee, once; a refused one writes nothing",
                   Backend, TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
  Desk desk(store, {.prefix = "OO"});
  const auto ref = desk.open(request())->ref;
  REQUIRE(desk.log_work(ref, minutes(30, "2026-11-02T09:00:00Z"), {"bo", t0 + 2h}));  // entry 2
  REQUIRE(desk.charge_fee(ref, "emergency", {"bo", t0 + 2h}));                         // entry 3
  REQUIRE(store.update(reversal_of(store.ticket(ref).value(), 2, t0 + 3h)));
  REQUIRE(store.update(reversal_of(store.ticket(ref).value(), 3, t0 + 4h)));
  CHECK(store.work({.ref = ref}).value().front().reversed ==
        Reversal{t0 + 3h, "lena", "wrong ticket"});
  CHECK(store.fees({.ref = ref}).value().front().fee.reversed ==
        Reversal{t0 + 4h, "lena", "wrong ticket"});

  auto again = store.update(reversal_of(store.ticket(ref).value(), 2, t0 + 5h));
  REQUIRE_FALSE(again);
  CHECK(again.error().code() == Errc::conflict);
  CHECK(again.error().message() == "entry: OO-2026-000001 event 2 is reversed already");
  auto created = store.update(reversal_of(store.ticket(ref).value(), 1, t0 + 5h));
  REQUIRE_FALSE(created);  // event 1 created the ticket: no entry
  CHECK(created.error().code() == Errc::not_found);
  CHECK(created.error().message() ==
        "entry: OO-2026-000001 has no work entry or fee recorded by event 1");
  CHECK(store.history(ref).value().size() == 5);

  // An entry may be reversed by the change that logs it, but only once.
  auto logged = tierdesk::testing::next_change(
      store.ticket(ref).value(), {{0, t0 + 6h, "bo", HistoryKind::work_logged, "", {}}});
  logged.work = {minutes(10, "2026-11-02T10:00:00Z")};
  auto twice = reversal_of(logged.state, 6, t0 + 6h);
  twice.events.insert(twice.events.begin(), logged.events.front());
  twice.work = logged.work;
  twice.reversals.push_back(twice.reversals.front());
  CHECK(store.update(twice).error().message() ==
        "entry: OO-2026-000001 event 6 is reversed already");
  CHECK(store.work({.ref = ref}).value().size() == 1);
  twice.reversals.pop_back();
  REQUIRE(store.update(twice));
  const auto work = store.work({.ref = ref}).value();
  REQUIRE(work.size() == 2);
  CHECK(work[1].entry == 6);
  CHECK(work[1].reversed == Reversal{t0 + 6h, "lena", "wrong ticket"});
  CHECK(store.ticket(ref)->version == 7);
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
