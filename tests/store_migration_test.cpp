// Opening a file written by an earlier schema: the migrations it lacks run in order and carry
// its data over. Each case builds a real file of the older schema (store::migrate stops there)
// and writes rows the way that schema's library wrote them.
#include <filesystem>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "support/temp_dir.hpp"
#include "store/schema.hpp"
#include "support/ticket_fixtures.hpp"
#include "tierdesk/desk/desk.hpp"
#include "tierdesk/store/sqlite_store.hpp"

using namespace tierdesk;
using namespace std::chrono_literals;
using tierdesk::testing::utc;

namespace {

const Instant t0 = utc("2026-11-02T08:00:00Z");
const std::int64_t s0 = t0.time_since_epoch().count();

std::filesystem::path fresh_file(std::string_view name) {
  return tierdesk::testing::fresh_db_file(std::string(name) + ".db");
}

// A file at schema `version` with `sql` run on it.
void old_file(const std::filesystem::path& path, int version, const std::string& sql) {
  auto db = store::Connection::open(path.string(), true);
  REQUIRE(db);
  REQUIRE(store::migrate(**db, version) == version);
  auto ok = (*db)->exec(sql.c_str());
  INFO((ok ? std::string() : ok.error().message()));
  REQUIRE(ok);
}

// Ticket rows as schemas 1 … 7 wrote them (clocks in their own table from schema 2 on).
std::string ticket_rows() {
  return fmt::format(
      "INSERT INTO ticket(id, prefix, year, seq, customer, contract, channel, category, priority, "
      "status, tier, assignee, subject, external_id, flags, jourfixe, created_at, updated_at, "
      "version) VALUES "
      "(1, 'OO', 2026, 1, 'acme', 'acme-2026', 'phone', 'functional', 'normal', 'open', 1, 'bo', "
      "'Printer offline', NULL, '[]', 0, {0}, {0}, 1), "
      "(2, 'OO', 2026, 2, 'acme', 'acme-2026', 'email', 'functional', 'normal', 'closed', 1, 'bo', "
      "'Old request', NULL, '[]', 0, {0}, {0}, 1);"
      "INSERT INTO event(ticket_id, seq, at, actor, kind, value, payload) VALUES "
      "(1, 1, {0}, 'anna@acme.example', 'created', '', "
      "'{{\"channel\":\"phone\",\"contract\":\"acme-2026\",\"customer\":\"acme\",\"priority\":"
      "\"normal\",\"subject\":\"Printer offline\"}}'), "
      "(2, 1, {0}, 'anna@acme.example', 'created', '', '{{}}');",
      s0);
}

ClockAlarm alarm(ClockAlarm::Kind kind, Instant at, std::string clock = "response") {
  return {TicketRef{"OO", 2026, 1}, tierdesk::testing::clock_id(clock), kind, 0, at};
}

}  // namespace

TEST_CASE("a file of schema 6 keeps its clock cache, alarms, customers, statuses and histories "
          "through migrations 7 … 11") {
  const auto path = fresh_file("migration_6");
  old_file(path, 6,
           ticket_rows() +
               fmt::format(
                   "INSERT INTO ticket_clock(ticket_id, clock, state, due, breached_at, open_breach, "
                   "warnings) VALUES "
                   "(1, 'response', 'running', {0} + 3600, NULL, 0, '[{1}]'), "
                   "(1, 'resolution', 'breached', NULL, {0} + 1800, 1, '[]'), "
                   "(2, 'response', 'met', NULL, NULL, 0, '[]');"
                   "INSERT INTO clock_alarm(kind, at, prefix, year, seq, clock, level) VALUES "
                   "(1, {0} + 3600, 'OO', 2026, 1, 'response', 0), "
                   "(0, {1}, 'OO', 2026, 1, 'response', 0);",
                   s0, s0 + 2700));
  auto store = SqliteStore::open({.path = path.string()});
  REQUIRE(store);
  CHECK(store->schema_version() == SqliteStore::latest_schema_version);
  const TicketRef one{"OO", 2026, 1};
  CHECK(store->clocks(one).value() ==
        std::vector<ClockEntry>{{tierdesk::testing::clock_id("resolution"), tierdesk::ClockState::breached, std::nullopt, t0 + 30min, true, {}},
                                {tierdesk::testing::clock_id("response"), tierdesk::ClockState::running, t0 + 1h, std::nullopt, false, {t0 + 45min}}});
  CHECK(store->clocks({"OO", 2026, 2}).value() ==
        std::vector<ClockEntry>{{tierdesk::testing::clock_id("response"), tierdesk::ClockState::met, std::nullopt, std::nullopt, false, {}}});
  CHECK(store->alarms({t0, t0 + 2h}, AlarmFilter::due_and_warnings, 10).value() ==
        std::vector{alarm(ClockAlarm::Kind::warning, t0 + 45min), alarm(ClockAlarm::Kind::due, t0 + 1h)});
  auto breached = store->breached_open(10).value();
  REQUIRE(breached.size() == 1);
  CHECK(breached[0].ref == one);
  CHECK(store->integrity_check() == std::string("ok"));
  CHECK(store->tickets({.customer = "acme"}).value().size() == 2);
  CHECK(store->tickets({.customer = "beta"}).value().empty());
  CHECK(store->tickets({.status = TicketStatus::closed}).value().size() == 1);
  CHECK(store->tickets({.tier = 1, .open_only = true}).value().size() == 1);
  CHECK(store->tickets_query_plan({.tier = 1}).value().starts_with(
      "SEARCH t USING INDEX ticket_status_tier (status=? AND tier=?)"));
  CHECK(store->tickets_query_plan({.customer = "acme"}).value().starts_with(
      "SEARCH t USING INDEX ticket_customer_bucket (<expr>=? AND customer_id=?)"));
  // The events, keyed by ticket_id << 20 | seq since migration 11.
  auto history = store->history(one).value();
  REQUIRE(history.size() == 1);
  CHECK(history[0].seq == 1);
  CHECK(history[0].kind == HistoryKind::created);
  CHECK(history[0].actor == "anna@acme.example");
  CHECK(history[0].payload.at("subject") == "Printer offline");
  CHECK(store->history({"OO", 2026, 2}).value().size() == 1);
  {
    auto raw = store::Connection::open(path.string(), false);
    REQUIRE(raw);
    CHECK((*raw)->joined_text("SELECT ticket_id || '/' || seq || ' ' || kind FROM event_history "
                              "ORDER BY ticket_id, seq",
                              0, "; ") == std::string("1/1 created; 2/1 created"));
  }

  // The migrated alarms are deleted by their keys when the ticket's clocks change.
  TicketChange change;
  change.state = store->ticket(one).value();
  change.state.version = 2;
  change.events.push_back({2, t0 + 10min, "bo", HistoryKind::status, "pending-customer", {}});
  change.clocks = {{tierdesk::testing::clock_id("response"), tierdesk::ClockState::running, t0 + 90min, std::nullopt, false, {t0 + 80min}}};
  REQUIRE(store->update(change));
  CHECK(store->alarms({t0, t0 + 2h}, AlarmFilter::due_and_warnings, 10).value() ==
        std::vector{alarm(ClockAlarm::Kind::warning, t0 + 80min), alarm(ClockAlarm::Kind::due, t0 + 90min)});
  CHECK(store->breached_open(10).value().empty());

  // A new customer gets its id; the migrated ones keep theirs.
  auto beta = store->ticket(one).value();
  TicketChange moved;
  moved.state = beta;
  moved.state.customer = "beta";
  moved.state.version = 3;
  moved.events.push_back({3, t0 + 20min, "bo", HistoryKind::status, "open", {}});
  REQUIRE(store->update(moved));
  CHECK(store->tickets({.customer = "beta"}).value().size() == 1);
  CHECK(store->tickets({.customer = "acme"}).value().size() == 1);
  // The migrated event and the two appended after it, in order.
  std::vector<std::int64_t> seqs;
  const auto appended = store->history(one).value();
  for (const auto& e : appended) seqs.push_back(e.seq);
  CHECK(seqs == std::vector<std::int64_t>{1, 2, 3});
}

TEST_CASE("a file of schema 3 gains the work and fee tables, its tickets kept") {
  const auto path = fresh_file("migration_3");
  old_file(path, 3, ticket_rows());
  auto store = SqliteStore::open({.path = path.string()});
  REQUIRE(store);
  CHECK(store->schema_version() == SqliteStore::latest_schema_version);
  CHECK(store->tickets({}).value().size() == 2);
  Desk desk(*store, {.prefix = "OO"});
  const TicketRef ref{"OO", 2026, 1};
  WorkEntry entry;
  entry.agent = "bo";
  entry.start = utc("2026-11-02T09:00:00Z");
  entry.duration = 15min;
  REQUIRE(desk.log_work(ref, entry, {"bo", t0 + 2h}));
  CHECK(store->work({.ref = ref}).value().size() == 1);
  CHECK(store->history(ref).value().size() == 2);
  CHECK(store->integrity_check() == std::string("ok"));
}
