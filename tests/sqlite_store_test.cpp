// The Store contract on every backend (support/store_backends.hpp), and what is SqliteStore's
// own: its files, schema versions and query plans.
#include "tierdesk/store/sqlite_store.hpp"

#include <algorithm>
#include <filesystem>
#include <tuple>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include "support/store_backends.hpp"
#include "support/temp_dir.hpp"
#include "support/ticket_fixtures.hpp"

using namespace tierdesk;
using namespace std::chrono_literals;
using tierdesk::testing::new_ticket;
using tierdesk::testing::next_change;
using tierdesk::testing::utc;

namespace {

SqliteStore sqlite_in_memory() { return SqliteStore::open({.path = ":memory:"}).value(); }

std::filesystem::path fresh_file(std::string_view name) {
  return tierdesk::testing::fresh_db_file(std::string(name) + ".db");
}

// Runs SQL on a file behind the store's back; returns SQLite's result code.
int raw_exec(const std::filesystem::path& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc;
}

const Instant t0 = utc("2026-03-02T09:00:00+01:00");

}  // namespace

TEST_CASE("a new store has the latest schema and passes the integrity check") {
  auto store = sqlite_in_memory();
  CHECK(store.schema_version() == SqliteStore::latest_schema_version);
  CHECK(store.integrity_check() == std::string("ok"));
}

TEST_CASE("a database file it creates is the owner's only; its -wal and -shm too") {
  namespace fs = std::filesystem;
  auto perms_of = [](const fs::path& p) { return fs::status(p).permissions() & fs::perms::all; };
  const auto path = fresh_file("mode");
  {
    auto store = SqliteStore::open({.path = path.string()});
    REQUIRE(store);
    // A write, so that the -wal and -shm files exist.
    REQUIRE(store->create("OO", 2026, std::vector{new_ticket(t0)}));
    CHECK(perms_of(path) == (fs::perms::owner_read | fs::perms::owner_write));  // was 0644
    CHECK(perms_of(path.string() + "-wal") == (fs::perms::owner_read | fs::perms::owner_write));
    CHECK(perms_of(path.string() + "-shm") == (fs::perms::owner_read | fs::perms::owner_write));
  }
  // Another mode on request; an existing file keeps the mode it has.
  const auto shared = fresh_file("mode-shared");
  REQUIRE(SqliteStore::open({.path = shared.string(), .file_mode = 0640}));
  CHECK(perms_of(shared) == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  REQUIRE(SqliteStore::open({.path = shared.string()}));
  CHECK(perms_of(shared) == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  CHECK(SqliteStore::open({.path = shared.string(), .file_mode = 01777}).error().message() ==
        "file_mode: got \"1777\", expected permission bits 0 … 0777");
}

TEST_CASE_TEMPLATE("references count per prefix and year without gaps", Backend,
                   TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
  std::vector<TicketChange> three{new_ticket(t0), new_ticket(t0), new_ticket(t0)};
  auto made = store.create("OO", 2026, three);
  REQUIRE(made);
  REQUIRE(made->size() == 3);
  CHECK((*made)[0].ref.str() == "OO-2026-000001");
  CHECK((*made)[2].ref.str() == "OO-2026-000003");
  CHECK(store.create("OO", 2027, std::vector{new_ticket(t0)})->front().ref.str() == "OO-2027-000001");
  CHECK(store.create("SB", 2026, std::vector{new_ticket(t0)})->front().ref.str() == "SB-2026-000001");
  CHECK(store.create("OO", 2026, std::vector{new_ticket(t0)})->front().ref.str() == "OO-2026-000004");
}

TEST_CASE_TEMPLATE("a failed batch writes nothing and leaves no gap in the references", Backend,
                   TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
  REQUIRE(store.create("OO", 2026, std::vector{new_ticket(t0, "acme", "<m1@acme>")}));
  auto failed = store.create("OO", 2026, std::vector{new_ticket(t0), new_ticket(t0, "acme", "<m1@acme>")});
  REQUIRE_FALSE(failed);
  CHECK(failed.error().code() == Errc::conflict);
  CHECK(failed.error().message() == "external_id: a ticket with \"<m1@acme>\" exists");
  CHECK_FALSE(store.ticket(TicketRef{"OO", 2026, 2}));
  CHECK(store.create("OO", 2026, std::vector{new_ticket(t0)})->front().ref.str() == "OO-2026-000002");
  CHECK(store.find_external("<m1@acme>")->value() == TicketRef{"OO", 2026, 1});
  CHECK_FALSE(store.find_external("<m2@acme>")->has_value());
  auto twice = store.create("OO", 2026, std::vector{new_ticket(t0, "acme", "<m2@acme>"),
                                                    new_ticket(t0, "acme", "<m2@acme>")});
  REQUIRE_FALSE(twice);
  CHECK(twice.error().message() == "external_id: a ticket with \"<m2@acme>\" exists");
  CHECK_FALSE(store.find_external("<m2@acme>")->has_value());
  CHECK(store.create("OO", 2026, std::vector{new_ticket(t0)})->front().ref.str() == "OO-2026-000003");
}

namespace {

// `count` new tickets of customers customer-0 … customer-4, ticket i with a response clock
// warning at t0 + i min and due at t0 + (count + 13 + i) min.
std::vector<TicketChange> numbered_batch(int count) {
  std::vector<TicketChange> batch;
  for (int i = 0; i < count; ++i) {
    auto t = new_ticket(t0, fmt::format("customer-{}", i % 5));
    t.clocks = {{tierdesk::testing::clock_id("response"), tierdesk::ClockState::running, t0 + std::chrono::minutes(count + 13 + i), {}, false,
                 {t0 + std::chrono::minutes(i)}}};
    batch.push_back(std::move(t));
  }
  return batch;
}

}  // namespace

TEST_CASE_TEMPLATE("a large batch keeps every ticket, event and alarm", Backend,
                   TIERDESK_STORE_BACKENDS) {
  // In SqliteStore, 87 tickets (174 alarm rows) go through statements of 64, 16, 4 and 1 rows;
  // from 256 tickets on, the event and alarm rows are encoded on a second thread.
  for (const int count : {87, 300}) {
    CAPTURE(count);
    Backend backend;
    auto& store = backend.store;
    const auto batch = numbered_batch(count);
    auto made = store.create("OO", 2026, batch);
    REQUIRE(made);
    REQUIRE(made->size() == static_cast<std::size_t>(count));
    CHECK(made->back().ref.str() == fmt::format("OO-2026-{:06}", count));
    for (const int i : {0, 63, 64, 79, 80, 83, 84, 86, count - 1}) {
      CAPTURE(i);
      const auto& ref = (*made)[static_cast<std::size_t>(i)].ref;
      const auto stored = store.ticket(ref);
      REQUIRE(stored);
      CHECK(stored->customer == fmt::format("customer-{}", i % 5));
      CHECK(store.history(ref)->size() == 1);
      CHECK(store.clocks(ref).value() == batch[static_cast<std::size_t>(i)].clocks);
    }
    const auto last = static_cast<std::size_t>(count - 1);
    const auto due0 = t0 + std::chrono::minutes(count + 13);
    auto alarms = store.alarms({t0, t0 + 24h}, AlarmFilter::due_and_warnings, 1000).value();
    REQUIRE(alarms.size() == 2 * last + 2);
    CHECK(alarms[0] == ClockAlarm{(*made)[0].ref, tierdesk::testing::clock_id("response"), ClockAlarm::Kind::warning, 0, t0});
    CHECK(alarms[last] == ClockAlarm{(*made)[last].ref, tierdesk::testing::clock_id("response"), ClockAlarm::Kind::warning, 0,
                                     t0 + std::chrono::minutes(count - 1)});
    CHECK(alarms[last + 1] == ClockAlarm{(*made)[0].ref, tierdesk::testing::clock_id("response"), ClockAlarm::Kind::due, 0, due0});
    CHECK(alarms.back() == ClockAlarm{(*made)[last].ref, tierdesk::testing::clock_id("response"), ClockAlarm::Kind::due, 0,
                                      due0 + std::chrono::minutes(count - 1)});
    CHECK(store.tickets({.customer = "customer-3"})->size() == static_cast<std::size_t>((count + 1) / 5));
  }
}

TEST_CASE_TEMPLATE("a large batch that fails writes nothing, whatever was encoded beside it",
                   Backend, TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
  REQUIRE(store.create("OO", 2026, std::vector{new_ticket(t0, "acme", "<m1@acme>")}));
  auto batch = numbered_batch(300);
  batch[299] = new_ticket(t0, "acme", "<m1@acme>");
  auto failed = store.create("OO", 2026, batch);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().message() == "external_id: a ticket with \"<m1@acme>\" exists");
  CHECK_FALSE(store.ticket(TicketRef{"OO", 2026, 2}));
  CHECK(store.alarms({t0, t0 + 24h}, AlarmFilter::due_and_warnings, 1000)->empty());
  CHECK(store.create("OO", 2026, std::vector{new_ticket(t0)})->front().ref.str() == "OO-2026-000002");
}

TEST_CASE_TEMPLATE("state and history round-trip", Backend, TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
  auto t = store.create("OO", 2026, std::vector{new_ticket(t0)})->front();
  auto change = next_change(t, {{0, t0 + 5min, "bo", HistoryKind::status, "open", {}},
                                {0, t0 + 6min, "bo", HistoryKind::agent_public_reply, "",
                                 {{"body", "On it \"now\"\nregards"}}},
                                {0, t0 + 7min, "bo", HistoryKind::tier, "2", {{"reason", "network"}}}});
  REQUIRE(store.update(change));
  auto stored = store.ticket(t.ref);
  REQUIRE(stored);
  CHECK(*stored == change.state);
  CHECK(stored->status == TicketStatus::open);
  CHECK(stored->tier == 2);
  CHECK(stored->version == 4);
  auto history = store.history(t.ref);
  REQUIRE(history);
  REQUIRE(history->size() == 4);
  CHECK((*history)[0] == new_ticket(t0).events[0]);
  CHECK((*history)[2].payload.at("body") == "On it \"now\"\nregards");
  CHECK((*history)[3] == change.events[2]);
  CHECK(fold(t.ref, *history) == *stored);
}

TEST_CASE_TEMPLATE("each ticket's history is its own range of the event key, in order", Backend,
                   TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
  auto made =
      store.create("OO", 2026, std::vector{new_ticket(t0, "acme"), new_ticket(t0, "bolt")}).value();
  // Appended alternately: b, a, b.
  auto b = next_change(made[1], {{0, t0 + 1min, "bo", HistoryKind::status, "open", {}},
                                 {0, t0 + 2min, "bo", HistoryKind::priority, "high", {}}});
  REQUIRE(store.update(b));
  REQUIRE(store.update(
      next_change(made[0], {{0, t0 + 3min, "cy", HistoryKind::status, "on-hold", {}}})));
  REQUIRE(store.update(next_change(b.state, {{0, t0 + 4min, "cy", HistoryKind::tier, "2", {}}})));
  const auto positions = [&](const TicketRef& ref) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    const auto history = store.history(ref).value();
    for (const auto& e : history) out.emplace_back(e.seq, e.actor);
    return out;
  };
  using P = std::vector<std::pair<std::int64_t, std::string>>;
  CHECK(positions(made[0].ref) == P{{1, "anna@acme.example"}, {2, "cy"}});
  CHECK(positions(made[1].ref) == P{{1, "anna@acme.example"}, {2, "bo"}, {3, "bo"}, {4, "cy"}});
  CHECK(store.ticket(made[1].ref)->tier == 2);
  CHECK(store.ticket(made[0].ref)->status == TicketStatus::on_hold);
}

TEST_CASE_TEMPLATE("a stale update is a conflict and writes nothing", Backend,
                   TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
  auto t = store.create("OO", 2026, std::vector{new_ticket(t0)})->front();
  auto first = next_change(t, {{0, t0 + 1min, "bo", HistoryKind::status, "open", {}}});
  auto second = next_change(t, {{0, t0 + 2min, "cy", HistoryKind::status, "on-hold", {}}});
  REQUIRE(store.update(first));
  auto stale = store.update(second);
  REQUIRE_FALSE(stale);
  CHECK(stale.error().code() == Errc::conflict);
  CHECK(stale.error().message() == "ticket OO-2026-000001: version 1 was read, but 2 is stored");
  CHECK(store.history(t.ref)->size() == 2);
  CHECK(store.ticket(t.ref)->status == TicketStatus::open);
  auto unknown = next_change(t, {{0, t0, "bo", HistoryKind::status, "open", {}}});
  unknown.state.ref.sequence = 99;
  CHECK(store.update(unknown).error().code() == Errc::not_found);
}

namespace {

// A change of `t` that writes a bit of everything: events, a work entry and a fee with their
// events, a new clock cache (so new alarms) and a notification.
TicketChange busy_change(const Ticket& t) {
  auto change = next_change(t, {{0, t0 + 1h, "bo", HistoryKind::work_logged, "", {}},
                                {0, t0 + 1h, "bo", HistoryKind::fee_charged, "", {}},
                                {0, t0 + 1h, "bo", HistoryKind::priority, "high", {}}});
  change.clocks = {{tierdesk::testing::clock_id("response"), tierdesk::ClockState::running,
                    t0 + 9h, {}, false, {t0 + 8h}}};
  Notification& note = change.notifications.emplace_back();
  note.at = t0 + 1h;
  note.kind = "escalated";
  note.recipient = "team-2";
  WorkEntry& work = change.work.emplace_back();
  work.agent = "bo";
  work.start = t0;
  work.duration = 30min;
  change.fees = {{"emergency", t0 + 1h}};
  return change;
}

}  // namespace

TEST_CASE_TEMPLATE("a refused update writes none of its events, clocks, alarms, work or fees",
                   Backend, TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
  auto a = new_ticket(t0, "acme", "<a@acme>");
  a.clocks = {{tierdesk::testing::clock_id("response"), tierdesk::ClockState::running, t0 + 4h, {},
               false, {t0 + 3h}}};
  const auto made =
      store.create("OO", 2026, std::vector{a, new_ticket(t0, "acme", "<b@acme>")}).value();
  const auto& ref = made[0].ref;
  const auto everything = [&] {
    return std::tuple{store.ticket(ref).value(),        store.history(ref).value(),
                      store.clocks(ref).value(),        store.notifications(ref).value(),
                      store.alarms({t0, t0 + 24h}, AlarmFilter::due_and_warnings, 100).value(),
                      store.work({}).value(),           store.fees({}).value(),
                      store.find_external("<a@acme>").value()};
  };
  const auto before = everything();

  // Each refusal comes after the work entry and fee that SqliteStore has written by then.
  auto unknown_entry = busy_change(made[0]);
  unknown_entry.reversals = {{99, {t0 + 1h, "lena", "wrong ticket"}}};
  auto refused = store.update(unknown_entry);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code() == Errc::not_found);
  CHECK(refused.error().message() ==
        "entry: OO-2026-000001 has no work entry or fee recorded by event 99");
  CHECK(everything() == before);

  auto taken_id = busy_change(made[0]);
  taken_id.state.external_id = "<b@acme>";
  CHECK(store.update(taken_id).error().code() == Errc::conflict);
  CHECK(everything() == before);

  auto many_warnings = busy_change(made[0]);
  many_warnings.clocks[0].warnings.assign(17, t0 + 8h);
  CHECK(store.update(many_warnings).error().message() ==
        "clocks.warnings: 17 warnings, the store keeps up to 16");
  CHECK(everything() == before);

  auto work_without_event =
      next_change(made[0], {{0, t0 + 1h, "bo", HistoryKind::priority, "high", {}}});
  work_without_event.work = busy_change(made[0]).work;
  CHECK(store.update(work_without_event).error().message() ==
        "work: 1 row(s) but 0 work_logged event(s)");
  CHECK(everything() == before);

  REQUIRE(store.update(busy_change(made[0])));
  CHECK(store.ticket(ref)->version == 4);
  CHECK(store.notifications(ref)->size() == 1);
  CHECK(store.work({}).value().size() == 1);
  CHECK(store.fees({}).value().size() == 1);
  CHECK(store.alarms({t0, t0 + 24h}, AlarmFilter::due_and_warnings, 100)->size() == 2);
}

TEST_CASE_TEMPLATE("tickets are found by customer, status, tier and assignee", Backend,
                   TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
  auto made = store.create("OO", 2026, std::vector{new_ticket(t0, "acme"), new_ticket(t0, "bolt"),
                                                   new_ticket(t0, "acme")}).value();
  REQUIRE(store.update(next_change(made[2], {{0, t0, "bo", HistoryKind::tier, "3", {}},
                                             {0, t0, "bo", HistoryKind::assigned, "cy", {}},
                                             {0, t0, "bo", HistoryKind::status, "open", {}}})));
  const auto refs = [&](const TicketFilter& f) {
    std::vector<std::string> out;
    const auto found = store.tickets(f).value();
    for (const auto& t : found) out.push_back(t.ref.str());
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(refs({.customer = "acme"}) == V{"OO-2026-000001", "OO-2026-000003"});
  CHECK(refs({.status = TicketStatus::new_ticket}) == V{"OO-2026-000001", "OO-2026-000002"});
  CHECK(refs({.tier = 3}) == V{"OO-2026-000003"});
  CHECK(refs({.tier = 1}) == V{"OO-2026-000001", "OO-2026-000002"});
  CHECK(refs({.status = TicketStatus::open, .tier = 3}) == V{"OO-2026-000003"});
  CHECK(refs({.status = TicketStatus::new_ticket, .tier = 3}).empty());
  CHECK(refs({.tier = 3, .open_only = true}) == V{"OO-2026-000003"});
  REQUIRE(store.update(next_change(store.ticket(made[2].ref).value(),
                                   {{0, t0 + 1h, "cy", HistoryKind::resolved, "", {}}})));
  CHECK(refs({.tier = 3}) == V{"OO-2026-000003"});
  CHECK(refs({.tier = 3, .open_only = true}).empty());
  CHECK(refs({.status = TicketStatus::resolved}) == V{"OO-2026-000003"});
  CHECK(refs({.assignee = "bo"}) == V{"OO-2026-000001", "OO-2026-000002"});
  CHECK(refs({.customer = "acme", .assignee = "cy"}) == V{"OO-2026-000003"});
  CHECK(refs({.limit = 1}) == V{"OO-2026-000001"});
}

TEST_CASE_TEMPLATE("due and warning instants in a window come from the clock cache, in order",
                   Backend, TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
  auto a = new_ticket(t0);
  a.clocks = {{tierdesk::testing::clock_id("resolution"), tierdesk::ClockState::running, t0 + 8h, {}, false, {t0 + 6h, t0 + 7h + 12min}},
              {tierdesk::testing::clock_id("response"), tierdesk::ClockState::running, t0 + 4h, {}, false, {t0 + 3h}}};
  auto b = new_ticket(t0);
  b.clocks = {{tierdesk::testing::clock_id("response"), tierdesk::ClockState::running, t0 + 1h, {}, false, {t0 + 45min}}};
  auto made = store.create("OO", 2026, std::vector{a, b}).value();
  const Segment<Instant> window{t0 + 1h, t0 + 7h};
  auto due = store.alarms(window, AlarmFilter::due_only, 100);
  REQUIRE(due);
  REQUIRE(due->size() == 2);
  CHECK((*due)[0] == ClockAlarm{made[1].ref, tierdesk::testing::clock_id("response"), ClockAlarm::Kind::due, 0, t0 + 1h});
  CHECK((*due)[1] == ClockAlarm{made[0].ref, tierdesk::testing::clock_id("response"), ClockAlarm::Kind::due, 0, t0 + 4h});
  auto all = store.alarms(window, AlarmFilter::due_and_warnings, 100);
  REQUIRE(all->size() == 4);
  CHECK((*all)[1] == ClockAlarm{made[0].ref, tierdesk::testing::clock_id("response"), ClockAlarm::Kind::warning, 0, t0 + 3h});
  CHECK((*all)[3] == ClockAlarm{made[0].ref, tierdesk::testing::clock_id("resolution"), ClockAlarm::Kind::warning, 0, t0 + 6h});
  CHECK(store.clocks(made[0].ref).value() == a.clocks);
  // Showing a ticket reads both in one: the same ticket, the same clocks (sorted by clock).
  auto both = store.ticket_with_clocks(made[0].ref);
  REQUIRE(both);
  CHECK(both->ticket == store.ticket(made[0].ref).value());
  CHECK(both->clocks == a.clocks);
  CHECK(store.ticket_with_clocks(made[1].ref).value().clocks == b.clocks);
  auto missing = store.ticket_with_clocks(TicketRef{"OO", 2026, 99});
  REQUIRE_FALSE(missing);
  CHECK(missing.error().is(Errc::not_found));
  CHECK(missing.error().message() == "ticket OO-2026-000099: not found");
  // The next instant, at or after the one asked for: what the watcher arms its timer on.
  CHECK(store.next_alarm(t0, AlarmFilter::due_only).value() == t0 + 1h);
  CHECK(store.next_alarm(t0, AlarmFilter::due_and_warnings).value() == t0 + 45min);
  CHECK(store.next_alarm(t0 + 1h, AlarmFilter::due_and_warnings).value() == t0 + 1h);
  CHECK(store.next_alarm(t0 + 1h + 1s, AlarmFilter::due_and_warnings).value() == t0 + 3h);
  CHECK(store.next_alarm(t0 + 4h + 1s, AlarmFilter::due_only).value() == t0 + 8h);
  CHECK(store.next_alarm(t0 + 8h + 1s, AlarmFilter::due_and_warnings).value() == std::nullopt);

  SUBCASE("a resolved ticket keeps its clocks but leaves the alarm index") {
    auto done = next_change(made[1], {{0, t0 + 30min, "bo", HistoryKind::resolved, "", {}}});
    done.clocks = {{tierdesk::testing::clock_id("response"), tierdesk::ClockState::met, {}, {}, false, {}}};
    REQUIRE(store.update(done));
    CHECK(store.alarms(window, AlarmFilter::due_only, 100)->size() == 1);
    CHECK(store.clocks(made[1].ref).value() == done.clocks);
    CHECK(store.next_alarm(t0, AlarmFilter::due_and_warnings).value() == t0 + 3h);
  }

  SUBCASE("an update replaces the ticket's alarms: old instants leave, new ones come") {
    auto later = next_change(made[0], {{0, t0 + 30min, "bo", HistoryKind::priority, "low", {}}});
    later.clocks = {{tierdesk::testing::clock_id("resolution"), tierdesk::ClockState::running, t0 + 9h, {}, false, {t0 + 5h}},
                    {tierdesk::testing::clock_id("response"), tierdesk::ClockState::paused, {}, {}, false, {}}};
    REQUIRE(store.update(later));
    auto now_all = store.alarms({t0, t0 + 10h}, AlarmFilter::due_and_warnings, 100);
    REQUIRE(now_all);
    CHECK(*now_all == std::vector<ClockAlarm>{
                          {made[1].ref, tierdesk::testing::clock_id("response"), ClockAlarm::Kind::warning, 0, t0 + 45min},
                          {made[1].ref, tierdesk::testing::clock_id("response"), ClockAlarm::Kind::due, 0, t0 + 1h},
                          {made[0].ref, tierdesk::testing::clock_id("resolution"), ClockAlarm::Kind::warning, 0, t0 + 5h},
                          {made[0].ref, tierdesk::testing::clock_id("resolution"), ClockAlarm::Kind::due, 0, t0 + 9h}});
    CHECK(store.alarms({t0, t0 + 10h}, AlarmFilter::due_and_warnings, 3)->size() == 3);
  }

  SUBCASE("a warning and a due at the same instant: the warning first") {
    auto c = new_ticket(t0);
    c.clocks = {{tierdesk::testing::clock_id("resolution"), tierdesk::ClockState::running, t0 + 8h, {}, false, {t0 + 4h}}};
    auto more = store.create("OO", 2026, std::vector{c}).value();
    REQUIRE(more[0].ref.str() == "OO-2026-000003");
    auto at4 = store.alarms({t0 + 4h, t0 + 4h + 1s}, AlarmFilter::due_and_warnings, 100);
    REQUIRE(at4);
    CHECK(*at4 == std::vector<ClockAlarm>{
                      {more[0].ref, tierdesk::testing::clock_id("resolution"), ClockAlarm::Kind::warning, 0, t0 + 4h},
                      {made[0].ref, tierdesk::testing::clock_id("response"), ClockAlarm::Kind::due, 0, t0 + 4h}});
  }
}

TEST_CASE_TEMPLATE("alarms of one instant come by reference and clock name, whatever ids the names got",
                   Backend, TIERDESK_STORE_BACKENDS) {
  // ZZ and "triage" are used first, so they get the smaller ids of the alarm key.
  Backend backend;
  auto& store = backend.store;
  auto z = new_ticket(t0);
  z.clocks = {{tierdesk::testing::clock_id("triage"), tierdesk::ClockState::running, t0 + 1h, {}, false, {}}};
  auto made_z = store.create("ZZ", 2026, std::vector{z}).value();
  auto a = new_ticket(t0);
  a.clocks = {{tierdesk::testing::clock_id("triage"), tierdesk::ClockState::running, t0 + 1h, {}, false, {}},
              {tierdesk::testing::clock_id("response"), tierdesk::ClockState::running, t0 + 1h, {}, false, {}}};
  auto made_a = store.create("AA", 2026, std::vector{a}).value();
  const std::vector<ClockAlarm> all{
      {made_a[0].ref, tierdesk::testing::clock_id("response"), ClockAlarm::Kind::due, 0, t0 + 1h},
      {made_a[0].ref, tierdesk::testing::clock_id("triage"), ClockAlarm::Kind::due, 0, t0 + 1h},
      {made_z[0].ref, tierdesk::testing::clock_id("triage"), ClockAlarm::Kind::due, 0, t0 + 1h}};
  CHECK(store.alarms({t0, t0 + 2h}, AlarmFilter::due_only, 10).value() == all);
  // A limit inside the run of one instant takes its first alarms in that order.
  CHECK(store.alarms({t0, t0 + 2h}, AlarmFilter::due_only, 1).value() ==
        std::vector<ClockAlarm>(all.begin(), all.begin() + 1));
  CHECK(store.alarms({t0, t0 + 2h}, AlarmFilter::due_only, 2).value() ==
        std::vector<ClockAlarm>(all.begin(), all.begin() + 2));
  CHECK(store.alarms({t0, t0 + 2h}, AlarmFilter::due_only, 0).value().empty());
}

TEST_CASE("the window query reads one range of the alarm key: no scan, no join, no sort") {
  auto store = sqlite_in_memory();
  auto plan = store.alarms_query_plan();
  REQUIRE(plan);
  CAPTURE(*plan);
  CHECK(*plan == "SEARCH clock_alarm USING PRIMARY KEY (kind=? AND at>? AND at<?)");
}

TEST_CASE("queries by status and by tier read the (status, tier) index") {
  auto store = sqlite_in_memory();
  const auto plan = [&](const TicketFilter& f) {
    auto text = store.tickets_query_plan(f);
    REQUIRE(text);
    return *text;
  };
  CHECK(plan({.status = TicketStatus::open}) ==
        "SEARCH t USING INDEX ticket_status_tier (status=?); USE TEMP B-TREE FOR ORDER BY");
  CHECK(plan({.status = TicketStatus::open, .tier = 2}) ==
        "SEARCH t USING INDEX ticket_status_tier (status=? AND tier=?); "
        "USE TEMP B-TREE FOR ORDER BY");
  CHECK(plan({.tier = 2}) == "SEARCH t USING INDEX ticket_status_tier (status=? AND tier=?); "
                             "USE TEMP B-TREE FOR ORDER BY");
  CHECK(plan({.tier = 2, .open_only = true}) ==
        "SEARCH t USING INDEX ticket_status_tier (status=? AND tier=?); "
        "USE TEMP B-TREE FOR ORDER BY");
}

TEST_CASE("a query by customer seeks its entries bucket by bucket, across buckets") {
  auto store = sqlite_in_memory();
  CHECK(store.tickets_query_plan({.customer = "acme"}).value().starts_with(
      "SEARCH t USING INDEX ticket_customer_bucket (<expr>=? AND customer_id=?); "
      "LIST SUBQUERY"));
  // 40,000 tickets (three buckets of 16,384 ids) of four customers, interleaved: each
  // customer's tickets come back whole, by reference, from every bucket.
  std::vector<TicketChange> batch;
  for (int i = 0; i < 40000; ++i) {
    TicketChange c;
    c.events.push_back({1, t0, "intake", HistoryKind::created, "",
                        {{"customer", fmt::format("c{}", i % 4)}, {"contract", "k"},
                         {"channel", "email"}, {"priority", "normal"}, {"subject", "s"}}});
    c.state = fold(TicketRef{"OO", 2026, 1}, c.events).value();
    batch.push_back(std::move(c));
  }
  REQUIRE(store.create("OO", 2026, batch));
  auto mine = store.tickets({.customer = "c3", .limit = 20000});
  REQUIRE(mine);
  REQUIRE(mine->size() == 10000);
  CHECK(mine->front().ref.sequence == 4);
  CHECK(mine->back().ref.sequence == 40000);
  CHECK(std::all_of(mine->begin(), mine->end(),
                    [](const Ticket& t) { return t.customer == "c3"; }));
  CHECK(store.tickets({.customer = "c9"}).value().empty());
}

TEST_CASE_TEMPLATE("breached open tickets, the JourFixe batch and notifications", Backend,
                   TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
  auto late = new_ticket(t0);
  late.clocks = {{tierdesk::testing::clock_id("response"), tierdesk::ClockState::breached, t0 + 1h, t0 + 1h, true, {}}};
  // Field by field: from a braced temporary, GCC 12 at -O3 reports its empty TicketRef as
  // maybe-uninitialized (a false positive).
  Notification& overdue = late.notifications.emplace_back();
  overdue.at = t0 + 1h;
  overdue.kind = "breached";
  overdue.recipient = "team-1";
  overdue.text = "response overdue";
  auto queued = new_ticket(t0);
  queued.events.push_back({2, t0, "system", HistoryKind::queued_for_jourfixe, "", {}});
  queued.state = fold(TicketRef{"OO", 2026, 1}, queued.events).value();
  auto made = store.create("OO", 2026, std::vector{late, queued, new_ticket(t0)}).value();
  auto breached = store.breached_open(10);
  REQUIRE(breached);
  REQUIRE(breached->size() == 1);
  CHECK(breached->front().ref == made[0].ref);
  auto batch = store.jourfixe_batch("acme-2026");
  REQUIRE(batch->size() == 1);
  CHECK(batch->front().ref == made[1].ref);
  CHECK(store.jourfixe_batch("other")->empty());
  auto notes = store.notifications(made[0].ref);
  REQUIRE(notes->size() == 1);
  CHECK(notes->front() == Notification{1, made[0].ref, t0 + 1h, "breached", "team-1", "response overdue"});
}

TEST_CASE("a file store keeps its data, refuses edits of the history and newer schemas") {
  const auto path = fresh_file("sqlite_store_test");
  {
    auto store = SqliteStore::open({.path = path.string(), .synchronous = Synchronous::normal});
    REQUIRE(store);
    REQUIRE(store->create("OO", 2026, std::vector{new_ticket(t0)}));
  }
  CHECK(raw_exec(path, "UPDATE event SET actor = 'mallory'") == SQLITE_CONSTRAINT);
  CHECK(raw_exec(path, "DELETE FROM event") == SQLITE_CONSTRAINT);
  {
    auto store = SqliteStore::open({.path = path.string(), .create = false});
    REQUIRE(store);
    CHECK(store->history(TicketRef{"OO", 2026, 1})->size() == 1);
  }
  REQUIRE(raw_exec(path, "PRAGMA user_version = 99") == SQLITE_OK);
  auto newer = SqliteStore::open({.path = path.string()});
  REQUIRE_FALSE(newer);
  CHECK(newer.error().code() == Errc::conflict);
  CHECK(newer.error().message() ==
        path.string() + ": schema version: the file has 99, this library knows up to " +
            std::to_string(SqliteStore::latest_schema_version));
  auto missing = SqliteStore::open({.path = fresh_file("missing").string(), .create = false});
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code() == Errc::not_found);
}

TEST_CASE_TEMPLATE("bad input to create is rejected before writing", Backend,
                   TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto& store = backend.store;
  CHECK(store.create("oo", 2026, std::vector{new_ticket(t0)}).error().message() ==
        "prefix: got \"oo\", expected 1 to 8 upper-case letters or digits");
  TicketChange empty;
  CHECK(store.create("OO", 2026, std::vector{empty}).error().message() ==
        "events: a change needs at least one event");
  // The event key keeps 2^20 - 1 positions per ticket.
  auto t = store.create("OO", 2026, std::vector{new_ticket(t0)})->front();
  auto far = next_change(t, {{0, t0 + 1min, "bo", HistoryKind::status, "open", {}}});
  far.state.version = 1048576;
  far.events[0].seq = 1048576;
  CHECK(store.update(far).error().message() ==
        "events[0].seq: got 1048576, the store keeps up to 1048575 events a ticket");
  CHECK(store.history(t.ref)->size() == 1);
}
