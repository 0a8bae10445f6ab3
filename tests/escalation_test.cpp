#include "tierdesk/desk/escalation.hpp"

#include <doctest/doctest.h>

#include "support/ticket_fixtures.hpp"
#include "tierdesk/store/sqlite_store.hpp"

using namespace tierdesk;
using namespace std::chrono_literals;
using tierdesk::testing::created_event;
using tierdesk::testing::utc;

namespace {

const Instant t0 = utc("2026-03-02T09:00:00+01:00");

Ticket ticket_from(const std::vector<HistoryEvent>& history) {
  return fold(TicketRef{"OO", 2026, 7}, history).value();
}

}  // namespace

TEST_CASE("a category rule sends the ticket straight to its tier, once") {
  std::vector<HistoryEvent> history{created_event(t0)};
  history[0].payload["category"] = "security";
  const Ticket t = ticket_from(history);
  const std::vector<EscalationRule> rules{{.name = "security-to-3rd",
                                           .trigger = EscalationTrigger::category,
                                           .category = "security",
                                           .to_tier = 3,
                                           .notify = "dev-team"}};
  Plan plan = escalations(t, history, {}, rules, t0, TierNames{});
  REQUIRE(plan.events.size() == 2);
  CHECK(plan.events[0] == HistoryEvent{0, t0, "rule:security-to-3rd", HistoryKind::tier, "3",
                                       {{"from", "1"}, {"reason", "category security"}, {"rule", "security-to-3rd"}}});
  CHECK(plan.events[1].kind == HistoryKind::notified);
  REQUIRE(plan.notifications.size() == 1);
  CHECK(plan.notifications[0] == Notification{0, t.ref, t0, "escalated", "dev-team",
                                              "OO-2026-000007 moved to 3rd level: category security"});
  for (auto& e : plan.events) {
    e.seq = static_cast<std::int64_t>(history.size()) + 1;
    history.push_back(e);
  }
  CHECK(escalations(ticket_from(history), history, {}, rules, t0 + 1min, TierNames{}).events.empty());
}

TEST_CASE("clock rules fire when the warning or breach instant has come") {
  const std::vector<HistoryEvent> history{created_event(t0)};
  const Ticket t = ticket_from(history);
  const std::vector<ClockEntry> clocks{
      {tierdesk::testing::clock_id("resolution"), tierdesk::ClockState::running, t0 + 8h, {}, false, {t0 + 6h}},
      {tierdesk::testing::clock_id("response"), tierdesk::ClockState::breached, t0 + 1h, t0 + 1h, true, {t0 + 45min}}};
  const std::vector<EscalationRule> rules{
      {.name = "resolution-75", .trigger = EscalationTrigger::warning,
       .clock = ClockId::of(Metric::resolution), .warning_level = 0, .notify = "lead"},
      {.name = "response-breach", .trigger = EscalationTrigger::breach,
       .clock = ClockId::of(Metric::response), .to_tier = 2}};
  Plan early = escalations(t, history, clocks, rules, t0 + 59min, TierNames{});
  CHECK(early.events.empty());
  Plan breach = escalations(t, history, clocks, rules, t0 + 1h, TierNames{});
  REQUIRE(breach.notifications.size() == 1);
  CHECK(breach.notifications[0] == Notification{0, t.ref, t0 + 1h, "escalated", "2nd level",
                                                "OO-2026-000007 moved to 2nd level: response clock breached at 2026-03-02T09:00:00Z"});
  Plan both = escalations(t, history, clocks, rules, t0 + 6h, TierNames{});
  REQUIRE(both.notifications.size() == 2);
  CHECK(both.notifications[0] == Notification{0, t.ref, t0 + 6h, "escalation-rule", "lead",
                                              "OO-2026-000007: resolution clock reached warning 1 at 2026-03-02T14:00:00Z"});
  CHECK(both.events.size() == 3);  // notified; tier 2 and notified
}
