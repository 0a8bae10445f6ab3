#include "tierdesk/desk/ticket_clocks.hpp"

#include <doctest/doctest.h>

#include "support/ticket_fixtures.hpp"
#include "tierdesk/store/sqlite_store.hpp"

using namespace tierdesk;
using namespace std::chrono_literals;
using tierdesk::testing::utc;

namespace {

const Instant t0 = utc("2026-03-02T09:00:00+01:00");  // a Monday

// 24/7 targets so that due instants are plain sums: high 1 h / 4 h, normal 4 h / 8 h,
// a warning at 75 %, pending-customer pauses, the 2nd level must pick up within 2 h.
SlaPolicy policy() {
  SlaPolicySpec spec;
  spec.name = "test";
  spec.priorities = {"high", "normal"};
  spec.default_priority = "normal";
  spec.categories = {{.name = "functional", .priority = "", .tier = ""}};
  spec.pause_statuses = {"pending-customer"};
  spec.warnings_permille = {750};
  spec.targets = {{.priority = "high", .category = "", .metric = Metric::response, .within = 1h, .calendar = ""},
                  {.priority = "high", .category = "", .metric = Metric::resolution, .within = 4h, .calendar = ""},
                  {.priority = "normal", .category = "", .metric = Metric::response, .within = 4h, .calendar = ""},
                  {.priority = "normal", .category = "", .metric = Metric::resolution, .within = 8h, .calendar = ""}};
  spec.ola = {{.tier = "2nd level", .within = 2h, .calendar = ""}};
  auto p = SlaPolicy::compile(spec, {});
  REQUIRE_MESSAGE(p, (p ? "" : p.error().message()));
  return *p;
}

OpenRequest request(std::string priority, std::string category = "functional") {
  return {.customer = "acme", .contract = "acme-2026", .channel = Channel::email,
          .category = std::move(category), .priority = std::move(priority), .subject = "VPN down",
          .by = {"anna", t0}};
}

}  // namespace

TEST_CASE("a history becomes the SLA engine's events") {
  auto p = policy();
  HistoryEvent created{1, t0, "anna", HistoryKind::created, "",
                       {{"customer", "acme"}, {"contract", "c"}, {"channel", "email"},
                        {"priority", "high"}, {"category", "security"}, {"tier", "2"}}};
  std::vector<HistoryEvent> h{created,
                              {2, t0 + 1min, "bo", HistoryKind::assigned, "bo", {}},
                              {3, t0 + 2min, "bo", HistoryKind::category, "functional", {}},
                              {4, t0 + 3min, "bo", HistoryKind::tier, "3", {}},
                              {5, t0 + 4min, "bo", HistoryKind::agent_public_reply, "", {}}};
  const std::vector<TicketEvent> expected{{t0, EventKind::created, ""},
                                          {t0, EventKind::priority, "high"},
                                          {t0, EventKind::tier, "2nd level"},
                                          {t0 + 2min, EventKind::category, "functional"},
                                          {t0 + 3min, EventKind::tier, "3rd level"},
                                          {t0 + 4min, EventKind::agent_public_reply, ""}};
  CHECK(to_sla_events(h, TierNames{}, p) == expected);
}

TEST_CASE("the clock cache follows every event") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  Desk desk(store, {.prefix = "OO", .clocks = sla_clock_function(policy())});
  auto t = desk.open(request("high"));
  REQUIRE_MESSAGE(t, (t ? "" : t.error().message()));
  auto clocks = store.clocks(t->ref).value();
  REQUIRE(clocks.size() == 2);
  CHECK(clocks[0] == ClockEntry{tierdesk::testing::clock_id("resolution"), tierdesk::ClockState::running, t0 + 4h, {}, false, {t0 + 3h}});
  CHECK(clocks[1] == ClockEntry{tierdesk::testing::clock_id("response"), tierdesk::ClockState::running, t0 + 1h, {}, false, {t0 + 45min}});

  REQUIRE(desk.escalate(t->ref, 2, "network", {"bo", t0 + 10min}));
  clocks = store.clocks(t->ref).value();
  REQUIRE(clocks.size() == 3);
  CHECK(clocks[0] == ClockEntry{tierdesk::testing::clock_id("ola:2nd level"), tierdesk::ClockState::running, t0 + 10min + 2h, {}, false, {t0 + 10min + 90min}});

  REQUIRE(desk.reply(t->ref, ReplyKind::agent_public, "on it", {"bo", t0 + 20min}));
  REQUIRE(desk.set_status(t->ref, TicketStatus::pending_customer, {"bo", t0 + 30min}));
  clocks = store.clocks(t->ref).value();
  REQUIRE(clocks.size() == 3);
  CHECK(clocks[0].state == ClockState::met);  // the 2nd level answered
  CHECK(clocks[1] == ClockEntry{tierdesk::testing::clock_id("resolution"), tierdesk::ClockState::paused, {}, {}, false, {}});
  CHECK(clocks[2].state == ClockState::met);
  CHECK(store.alarms({t0, t0 + 24h}, AlarmFilter::due_and_warnings, 100).value().empty());

  REQUIRE(desk.reply(t->ref, ReplyKind::customer, "here", {"anna", t0 + 1h + 30min}));
  clocks = store.clocks(t->ref).value();
  // 30 minutes used before the pause: 3 h 30 min left from 10:30.
  CHECK(clocks[1] == ClockEntry{tierdesk::testing::clock_id("resolution"), tierdesk::ClockState::running, t0 + 5h, {}, false, {t0 + 4h}});
}

TEST_CASE("a late priority change puts an open clock over its target") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  Desk desk(store, {.prefix = "OO", .clocks = sla_clock_function(policy())});
  auto t = desk.open(request("normal")).value();
  REQUIRE(desk.set_priority(t.ref, "high", {"bo", t0 + 2h}));
  auto clocks = store.clocks(t.ref).value();
  CHECK(clocks[1].clock == ClockId::of(Metric::response));
  CHECK(clocks[1].state == ClockState::breached);
  CHECK(clocks[1].open_breach);
  REQUIRE(store.breached_open(10).value().size() == 1);
}

TEST_CASE("a priority the policy lacks is a clear error, and no-sla tickets have no clocks") {
  auto store = SqliteStore::open({.path = ":memory:"}).value();
  Desk desk(store, {.prefix = "OO", .clocks = sla_clock_function(policy())});
  auto bad = desk.open(request("urgent"));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code() == Errc::invalid_event);
  CHECK(bad.error().message().starts_with("new ticket: "));
  CHECK(store.tickets({}).value().empty());
  auto quiet = request("high");
  quiet.then.events.push_back({0, t0, "intake", HistoryKind::flagged, "no-sla", {}});
  auto t = desk.open(quiet);
  REQUIRE(t);
  CHECK(store.clocks(t->ref).value().empty());
}
