// Tenancy through the HTTP host: a customer token is bound to its customer and its contract.
// Every route a customer token may call answers another customer's ticket, list, report,
// statement and event exactly as it answers a missing one (404, or 403 where the request
// itself is not the customer's to make), and learns nothing of it, not even through the
// idempotence of external ids. The agent-only routes stay closed to customer tokens.
//
// The two customers of MeinOfficePlus (a.schmidt, b.keller) share a contract, so nothing here
// can pass by the contract alone; nordlys (OneOffice) is a customer of another contract.
#include <doctest/doctest.h>

#include "server/test_server.hpp"

using namespace tierdesk;
using namespace tierdesk::test;
using http::verb;

namespace {

std::string str(const boost::json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}

// Monday 2026-11-23 10:00 Berlin: both MeinOfficePlus customers have started.
const Instant november_23 = *parse_iso8601("2026-11-23T09:00:00Z");

// Tickets: MOP-2026-000001 (a.schmidt, external id "crm-77"), MOP-2026-000002 (b.keller),
// OO-2026-000001 (nordlys).
void open_three(TestServer& s) {
  s.clock.set(november_23);
  REQUIRE(
      s.call(
           verb::post, "/tickets", agent_token,
           R"({"customer":"a.schmidt","subject":"Schmidt's secret merger","external_id":"crm-77"})")
          .status == 201);
  REQUIRE(s.call(verb::post, "/tickets", agent_token,
                 R"({"customer":"b.keller","subject":"Keller's letterhead"})")
              .status == 201);
  REQUIRE(s.call(verb::post, "/tickets", agent_token,
                 R"({"customer":"nordlys","subject":"Nordlys VPN"})")
              .status == 201);
}

// Nothing of a.schmidt's ticket in an answer to b.keller (beyond what b.keller sent).
void learns_nothing(const Answer& a) {
  CAPTURE(a.body);
  CHECK(a.body.find("merger") == std::string::npos);
  CHECK(a.body.find("Schmidt") == std::string::npos);
  CHECK(a.body.find("anna.schmidt@") == std::string::npos);
}

}  // namespace

TEST_CASE("tenancy: another customer's ticket is exactly a missing one on every ticket route") {
  TestServer s;
  open_three(s);
  const auto keller = customer_token("b.keller");
  CHECK(s.call(verb::get, "/tickets/MOP-2026-000002", keller).status == 200);
  struct Route {
    verb method;
    std::string suffix;
    std::optional<std::string> body;
  };
  const Route routes[] = {{verb::get, "", std::nullopt},
                          {verb::post, "/reply", R"({"body":"hello"})"}};
  for (const auto& r : routes) {
    CAPTURE(r.suffix);
    auto other = s.call(r.method, "/tickets/MOP-2026-000001" + r.suffix, keller, r.body);
    auto missing = s.call(r.method, "/tickets/MOP-2026-000009" + r.suffix, keller, r.body);
    CHECK(other.status == 404);
    CHECK(other.error_code() == "not_found");
    CHECK(other.error_message() == "ticket MOP-2026-000001: not found");
    CHECK(missing.error_message() == "ticket MOP-2026-000009: not found");
    learns_nothing(other);
  }
  // The agent-only routes do not open to a customer, whoever's ticket it is.
  const std::pair<verb, std::string> agent_only[] = {
      {verb::post, "/status"},   {verb::post, "/priority"},  {verb::post, "/category"},
      {verb::post, "/assign"},   {verb::post, "/escalate"},  {verb::post, "/emergency"},
      {verb::post, "/jourfixe"}, {verb::post, "/reversals"}, {verb::post, "/work"},
      {verb::post, "/fees"},     {verb::get, "/history"}};
  for (const auto& [method, suffix] : agent_only) {
    for (const std::string ref : {"MOP-2026-000001", "MOP-2026-000002"}) {
      CAPTURE(suffix);
      CAPTURE(ref);
      auto a = s.call(method, "/tickets/" + ref + suffix, keller,
                      method == verb::post ? std::optional("{}") : std::nullopt);
      CHECK(a.status == 403);
      CHECK(a.error_code() == "forbidden");
      learns_nothing(a);
    }
  }
  for (const auto& [method, target] :
       std::vector<std::pair<verb, std::string>>{{verb::get, "/due?within=1h"},
                                                 {verb::get, "/work"},
                                                 {verb::get, "/fees"},
                                                 {verb::get, "/jourfixe?contract=meinofficeplus"},
                                                 {verb::post, "/messages"},
                                                 {verb::get, "/contracts"},
                                                 {verb::get, "/tokens"}}) {
    CAPTURE(target);
    CHECK(s.call(method, target, keller, method == verb::post ? std::optional("{}") : std::nullopt)
              .status == 403);
  }
  // Nothing was written on a.schmidt's ticket.
  auto history = s.call(verb::get, "/tickets/MOP-2026-000001/history");
  CHECK(history.json.at("events").as_array().size() == 1);
}

TEST_CASE("tenancy: lists, overviews, statements and reports are the token's customer's only") {
  TestServer s;
  open_three(s);
  const auto keller = customer_token("b.keller");
  auto mine = s.call(verb::get, "/tickets", keller);
  REQUIRE(mine.status == 200);
  REQUIRE(mine.json.at("tickets").as_array().size() == 1);
  CHECK(str(mine.json.at("tickets").at(0), "ref") == "MOP-2026-000002");
  learns_nothing(mine);
  // Filters narrow the customer's own tickets; they never widen them.
  CHECK(s.call(verb::get, "/tickets?contract=meinofficeplus", keller)
            .json.at("tickets")
            .as_array()
            .size() == 1);
  CHECK(s.call(verb::get, "/tickets?contract=oneoffice", keller)
            .json.at("tickets")
            .as_array()
            .empty());

  const std::string others[] = {
      "/tickets?customer=a.schmidt",
      "/overview?customer=a.schmidt",
      "/statements?customer=a.schmidt&month=2026-11",
      "/reports/status-mail?customer=a.schmidt&period=2026-11",
      "/reports/tickets?customer=a.schmidt&period=2026-Q4",
  };
  for (const auto& target : others) {
    CAPTURE(target);
    auto other = s.call(verb::get, target, keller);
    auto unknown = s.call(
        verb::get, std::string(target).replace(target.find("a.schmidt"), 9, "z.nobody"), keller);
    CHECK(other.status == 404);
    CHECK(other.error_code() == "not_found");
    CHECK(other.error_message() == "customer a.schmidt: not found");
    CHECK(unknown.error_message() == "customer z.nobody: not found");
    learns_nothing(other);
  }
  // The same routes for itself (named, or implied by the token).
  for (const std::string target :
       {"/overview", "/overview?customer=b.keller", "/statements?month=2026-11",
        "/reports/status-mail?period=2026-11", "/reports/tickets?period=2026-Q4"}) {
    CAPTURE(target);
    auto own = s.call(verb::get, target, keller);
    CHECK(own.status == 200);
    CHECK(str(own.json, "customer") == "b.keller");
    learns_nothing(own);
  }
}

TEST_CASE("tenancy: opening, and external ids, reveal nothing of another customer") {
  TestServer s;
  open_three(s);
  const auto keller = customer_token("b.keller");
  // a.schmidt's external id, sent by b.keller: a conflict naming nothing of her ticket.
  auto clash = s.call(verb::post, "/tickets", keller,
                      R"({"subject":"Walk the ids","external_id":"crm-77"})");
  CHECK(clash.status == 409);
  CHECK(clash.error_code() == "conflict");
  CHECK(clash.error_message() == "external_id: \"crm-77\" cannot be used; choose another");
  CHECK(clash.body.find("MOP-") == std::string::npos);
  CHECK(clash.body.find("schmidt") == std::string::npos);
  learns_nothing(clash);
  // A customer cannot claim to have phoned (an urgent "phone" request would pass as an
  // emergency where the contract takes them by phone only).
  auto phoned = s.call(verb::post, "/tickets", keller,
                       R"({"subject":"Server down","channel":"phone","urgent":true})");
  CHECK(phoned.status == 403);
  CHECK(phoned.error_message() ==
        "channel: got \"phone\", expected email or portal for a customer's own request");
  // An unused id opens b.keller's own ticket, once.
  auto fresh =
      s.call(verb::post, "/tickets", keller, R"({"subject":"Letterhead v2","external_id":"k-1"})");
  CHECK(fresh.status == 201);
  CHECK(s.call(verb::post, "/tickets", keller, R"({"subject":"Letterhead v2","external_id":"k-1"})")
            .status == 200);
  // Opening for the other customer of the same contract, or under another contract.
  auto for_her =
      s.call(verb::post, "/tickets", keller, R"({"customer":"a.schmidt","subject":"x"})");
  CHECK(for_her.status == 403);
  CHECK(for_her.error_code() == "forbidden");
  CHECK(
      s.call(verb::post, "/tickets", keller, R"({"contract":"oneoffice","subject":"x"})").status ==
      403);
  CHECK(s.call(verb::post, "/tickets", keller, R"({"contract":"no-such-contract","subject":"x"})")
            .status == 404);
  // a.schmidt still has one ticket, b.keller two.
  CHECK(s.call(verb::get, "/tickets?customer=a.schmidt").json.at("tickets").as_array().size() == 1);
  CHECK(s.call(verb::get, "/tickets?customer=b.keller").json.at("tickets").as_array().size() == 2);
}

TEST_CASE("tenancy: a customer's event stream carries only its own notices; staff streams all") {
  TestServer s;
  open_three(s);
  EventClient keller(s.port, customer_token("b.keller"));
  EventClient staff(s.port, agent_token);
  keller.read_until("\r\n\r\n: tierdesk events\n\n");
  staff.read_until("\r\n\r\n: tierdesk events\n\n");
  // Escalations notify: first a.schmidt's ticket, then nordlys', then b.keller's.
  for (const std::string ref : {"MOP-2026-000001", "OO-2026-000001", "MOP-2026-000002"})
    REQUIRE(s.call(verb::post, "/tickets/" + ref + "/escalate", agent_token,
                   R"({"tier":2,"reason":"expert"})")
                .status == 200);
  staff.read_until("\"ref\":\"MOP-2026-000002\"");
  CHECK(staff.got().find("\"ref\":\"MOP-2026-000001\"") != std::string::npos);
  CHECK(staff.got().find("\"ref\":\"OO-2026-000001\"") != std::string::npos);
  // b.keller's own notice arrives; the two before it, published first, never do.
  keller.read_until("\"ref\":\"MOP-2026-000002\"");
  CHECK(keller.got().find(
            "event: notice\ndata: {\"ref\":\"MOP-2026-000002\",\"kind\":\"escalated\"") !=
        std::string::npos);
  CHECK(keller.got().find("\"customer\":\"b.keller\"") != std::string::npos);
  CHECK(keller.got().find("MOP-2026-000001") == std::string::npos);
  CHECK(keller.got().find("OO-2026-000001") == std::string::npos);
  CHECK(keller.got().find("nordlys") == std::string::npos);
  s.stop();
}
