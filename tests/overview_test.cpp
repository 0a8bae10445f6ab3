// The ticket overview with status on request (seed 003).
#include "tierdesk/report/overview.hpp"

#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "report_fixtures.hpp"

using namespace report_test;

namespace {

struct TwoCustomers {
  tierdesk::SqliteStore store = memory_store();
  TwoCustomers() {
    store_ticket(store, {"stadtwerke",
                         "functional",
                         "Export bricht ab",
                         "2026-11-02T09:00:00+01:00",
                         "high",
                         "email",
                         {{"2026-11-02T09:30:00+01:00", HistoryKind::agent_public_reply},
                          {"2026-11-02T09:30:00+01:00", HistoryKind::status, "open"}},
                         {clock("response", "met"), clock("ola:1st level", "met"),
                          clock("resolution", "running", "2026-11-04T17:00:00+01:00")}});
    store_ticket(store, {"other", "functional", "Not theirs", "2026-11-03T09:00:00+01:00"});
    store_ticket(store, {"stadtwerke",
                         "security",
                         "Login ohne Passwort",
                         "2026-11-05T10:00:00+01:00",
                         "normal",
                         "phone",
                         {{"2026-11-05T12:00:00+01:00", HistoryKind::resolved}},
                         {clock("response", "met"), clock("resolution", "met")}});
    store_ticket(store, {"stadtwerke",
                         "functional",
                         "Liste leer",
                         "2026-11-20T10:00:00+01:00",
                         "normal",
                         "portal",
                         {},
                         {clock("response", "running", "2026-11-20T14:00:00+01:00")}});
  }
};

}  // namespace

TEST_CASE("overview: every ticket of one customer with status and due times") {
  TwoCustomers desk;
  const auto zone = *tierdesk::Zone::locate("Europe/Berlin");
  auto o = tierdesk::build_overview(
      desk.store, {.customer = "stadtwerke", .as_of = at("2026-11-20T12:00:00+01:00")});
  REQUIRE(o);
  REQUIRE(o->tickets.size() == 3);
  CHECK(o->open == 2);
  CHECK(o->tickets[0].clocks.size() == 2);  // the OLA clock is internal
  CHECK(o->tickets[0].sla.state == tierdesk::SlaState::breached);
  CHECK(o->tickets[2].sla ==
        tierdesk::SlaSummary{tierdesk::SlaState::on_time, clock_id("response"), at("2026-11-20T13:00:00Z")});
  CHECK(tierdesk::render_overview_text(*o, zone) ==
        "Tickets of stadtwerke as of 2026-11-20 12:00 (Europe/Berlin): 3, 2 open\n"
        "SB-2026-000001  open              high      1st level  Export bricht ab\n"
        "    SLA breached; response met; resolution running, due 2026-11-04 17:00\n"
        "SB-2026-000003  resolved          normal    1st level  Login ohne Passwort\n"
        "    SLA met; response met; resolution met\n"
        "SB-2026-000004  new               normal    1st level  Liste leer\n"
        "    SLA on time; response running, due 2026-11-20 14:00\n");

  const auto json = boost::json::parse(tierdesk::to_json(*o)).as_object();
  CHECK(json.at("customer").as_string() == "stadtwerke");
  CHECK(json.at("open").as_int64() == 2);
  const auto& t = json.at("tickets").as_array();
  REQUIRE(t.size() == 3);
  CHECK(t[0].at("ref").as_string() == "SB-2026-000001");
  CHECK(t[0].at("clocks").as_array()[1].at("due").as_string() == "2026-11-04T16:00:00Z");
  CHECK(t[1].at("status").as_string() == "resolved");
  CHECK(t[2].at("sla").at("state").as_string() == "on time");
}

TEST_CASE("overview: open only, unknown customer, empty customer") {
  TwoCustomers desk;
  auto o = tierdesk::build_overview(
      desk.store,
      {.customer = "stadtwerke", .as_of = at("2026-11-20T12:00:00Z"), .open_only = true});
  REQUIRE(o);
  CHECK(o->tickets.size() == 2);
  o = tierdesk::build_overview(desk.store,
                               {.customer = "nobody", .as_of = at("2026-11-20T12:00:00Z")});
  REQUIRE(o);
  CHECK(o->tickets.empty());
  o = tierdesk::build_overview(desk.store, {.customer = "", .as_of = at("2026-11-20T12:00:00Z")});
  REQUIRE_FALSE(o);
  CHECK(o.error().code() == tierdesk::Errc::invalid_argument);
}
