// tierdesk-server in-process: routes, JSON mapping, auth and roles, error answers, keep-alive,
// graceful stop. The server runs on an ephemeral loopback port with a fake clock (Monday
// 2026-03-02 09:00 Copenhagen) and the OneOffice policy; expected instants are worked out by
// hand from the policy (office Mon–Thu 08–16, Fri 08–15, warnings at 75 % and 90 %).
#include <doctest/doctest.h>

#include "server/test_server.hpp"

using namespace tierdesk;
using namespace tierdesk::test;
using http::verb;

namespace {

const std::string open_high = R"({"customer":"acme","contract":"acme-2026","subject":"VPN down","priority":"high"})";

std::string str(const boost::json::value& v, std::string_view key) { return std::string(v.at(key).as_string()); }

}  // namespace

TEST_CASE("open a ticket, show it with its clocks, list it") {
  TestServer s;
  auto opened = s.call(verb::post, "/tickets", agent_token, open_high);
  REQUIRE(opened.status == 201);
  CHECK(str(opened.json, "ref") == "OO-2026-000001");
  CHECK(str(opened.json, "status") == "new");
  CHECK(str(opened.json, "priority") == "high");
  CHECK(str(opened.json, "created_at") == "2026-03-02T08:00:00Z");
  CHECK(opened.raw["Location"] == "/tickets/OO-2026-000001");

  auto shown = s.call(verb::get, "/tickets/OO-2026-000001");
  REQUIRE(shown.status == 200);
  std::map<std::string, std::string> due;
  for (const auto& c : shown.json.at("clocks").as_array()) due[str(c, "clock")] = str(c, "due");
  // high: triage and response 1 h, resolution 2 h of office time from 09:00 local (08:00Z).
  CHECK(due == std::map<std::string, std::string>{{"resolution", "2026-03-02T10:00:00Z"},
                                                  {"response", "2026-03-02T09:00:00Z"},
                                                  {"triage", "2026-03-02T09:00:00Z"}});

  REQUIRE(s.call(verb::post, "/tickets", agent_token,
                 R"({"customer":"beta","contract":"b","subject":"Printer","tier":2})").status == 201);
  auto acme = s.call(verb::get, "/tickets?customer=acme");
  REQUIRE(acme.status == 200);
  REQUIRE(acme.json.at("tickets").as_array().size() == 1);
  CHECK(str(acme.json.at("tickets").at(0), "subject") == "VPN down");
  auto tier2 = s.call(verb::get, "/tickets?tier=2&status=new");
  REQUIRE(tier2.json.at("tickets").as_array().size() == 1);
  CHECK(str(tier2.json.at("tickets").at(0), "ref") == "OO-2026-000002");
  CHECK(s.call(verb::get, "/tickets?open=true").json.at("tickets").as_array().size() == 2);
}

TEST_CASE("status, priority, escalate, reply and the history they leave") {
  TestServer s;
  REQUIRE(s.call(verb::post, "/tickets", agent_token, open_high).status == 201);
  s.clock.set(monday_0800z + std::chrono::minutes(10));
  auto replied = s.call(verb::post, "/tickets/OO-2026-000001/reply", agent_token,
                        R"({"kind":"public","body":"We are on it"})");
  REQUIRE(replied.status == 200);
  CHECK(str(replied.json, "status") == "open");  // a public reply opens a new ticket
  auto escalated = s.call(verb::post, "/tickets/OO-2026-000001/escalate", agent_token,
                          R"({"tier":2,"reason":"needs the network team"})");
  REQUIRE(escalated.status == 200);
  CHECK(escalated.json.at("tier").as_int64() == 2);
  auto prio = s.call(verb::post, "/tickets/OO-2026-000001/priority", agent_token, R"({"priority":"normal"})");
  CHECK(str(prio.json, "priority") == "normal");
  auto resolved = s.call(verb::post, "/tickets/OO-2026-000001/status", agent_token, R"({"status":"resolved"})");
  CHECK(str(resolved.json, "status") == "resolved");

  auto history = s.call(verb::get, "/tickets/OO-2026-000001/history");
  REQUIRE(history.status == 200);
  std::vector<std::string> kinds;
  for (const auto& e : history.json.at("events").as_array()) kinds.push_back(str(e, "kind"));
  // The reply opens the ticket (a status event); the escalation notifies the new tier.
  CHECK(kinds == std::vector<std::string>{"created", "agent_public_reply", "status", "tier", "notified",
                                          "priority", "resolved"});
  CHECK(str(history.json.at("events").at(1), "at") == "2026-03-02T08:10:00Z");
  CHECK(str(history.json.at("events").at(1), "actor") == "bo");
  CHECK(str(history.json.at("events").at(3).at("payload"), "reason") == "needs the network team");
  CHECK(str(history.json.at("events").at(4).at("payload"), "recipient") == "2nd level");

  auto closed = s.call(verb::post, "/tickets/OO-2026-000001/status", agent_token, R"({"status":"closed"})");
  CHECK(closed.status == 200);
  auto reopen = s.call(verb::post, "/tickets/OO-2026-000001/status", agent_token, R"({"status":"new"})");
  CHECK(reopen.status == 409);
  CHECK(reopen.error_code() == "invalid_transition");
}

TEST_CASE("bad input answers a JSON error with a stable code and stores nothing") {
  TestServer s(256);
  REQUIRE(s.call(verb::post, "/tickets", agent_token, open_high).status == 201);
  const std::string ref = "/tickets/OO-2026-000001";
  struct Case {
    verb method;
    std::string target;
    std::string body;
    unsigned status;
    std::string code;
  };
  const Case cases[] = {
      {verb::post, ref + "/status", R"({"status": )", 400, "parse_error"},
      {verb::post, ref + "/status", R"(["resolved"])", 400, "parse_error"},
      {verb::post, ref + "/status", R"({"status": 3})", 422, "invalid_argument"},
      {verb::post, ref + "/status", R"({"status": "done"})", 422, "invalid_argument"},
      {verb::post, ref + "/status", R"({"status": "open", "why": "x"})", 400, "unknown_field"},
      {verb::post, ref + "/escalate", R"({"tier": "2", "reason": "r"})", 422, "invalid_argument"},
      {verb::post, ref + "/escalate", R"({"tier": 2})", 400, "missing_field"},
      {verb::post, ref + "/escalate", R"({"tier": 7, "reason": "r"})", 422, "invalid_argument"},
      {verb::post, ref + "/reply", R"({"kind": "shout", "body": "x"})", 422, "invalid_argument"},
      {verb::post, "/tickets/OO-2026-000009/status", R"({"status": "open"})", 404, "not_found"},
      {verb::post, "/tickets/nonsense/status", R"({"status": "open"})", 404, "not_found"},
      {verb::get, "/tickets?colour=red", "", 400, "unknown_field"},
      {verb::get, "/tickets?tier=two", "", 422, "invalid_argument"},
      {verb::get, "/nowhere", "", 404, "unknown_route"},
      {verb::get, "/due", "", 400, "missing_field"},
      {verb::get, "/due?within=soon", "", 422, "invalid_argument"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.target);
    CAPTURE(c.body);
    auto a = s.call(c.method, c.target, agent_token, c.body.empty() ? std::nullopt : std::optional(c.body));
    CHECK(a.status == c.status);
    CHECK(a.error_code() == c.code);
    CHECK_FALSE(a.json.at("error").at("message").as_string().empty());
  }
  auto wrong_method = s.call(verb::delete_, ref);
  CHECK(wrong_method.status == 405);
  CHECK(wrong_method.error_code() == "method_not_allowed");
  CHECK(wrong_method.raw["Allow"] == "GET");
  CHECK(s.call(verb::put, "/tickets").raw["Allow"] == "POST, GET");

  auto big = s.call(verb::post, "/tickets", agent_token, std::string(300, ' ') + open_high);
  CHECK(big.status == 413);
  CHECK(big.error_code() == "payload_too_large");

  // Still serving, and the ticket is as it was: one event, status new, tier 1.
  auto history = s.call(verb::get, ref + "/history");
  REQUIRE(history.status == 200);
  CHECK(history.json.at("events").as_array().size() == 1);
  auto t = s.call(verb::get, ref);
  CHECK(str(t.json, "status") == "new");
  CHECK(t.json.at("tier").as_int64() == 1);
  CHECK(s.call(verb::get, "/tickets").json.at("tickets").as_array().size() == 1);
}

TEST_CASE("a malformed request line answers 400 and closes that connection only") {
  TestServer s;
  boost::asio::io_context io;
  boost::beast::tcp_stream raw(io);
  raw.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), s.port));
  const std::string garbage = "BREW /pot HTTP/9\r\n\r\n";
  boost::asio::write(raw, boost::asio::buffer(garbage));
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(raw, buffer, res);
  CHECK(res.result_int() == 400);
  CHECK(boost::json::parse(res.body()).at("error").at("code").as_string() == "bad_request");
  CHECK(s.call(verb::get, "/health", "").status == 200);
}

TEST_CASE("tokens: none, unknown, wrong role, revoked") {
  TestServer s;
  auto none = s.call(verb::get, "/tickets", "");
  CHECK(none.status == 401);
  CHECK(none.error_code() == "unauthorized");
  CHECK(none.raw["WWW-Authenticate"] == "Bearer");
  CHECK(s.call(verb::get, "/tickets", "td_guess").status == 401);
  auto customer_on_due = s.call(verb::get, "/due?within=1h", acme_token);
  CHECK(customer_on_due.status == 403);
  CHECK(customer_on_due.error_code() == "forbidden");
  CHECK(s.call(verb::get, "/tokens", agent_token).status == 403);
  CHECK(s.call(verb::get, "/openapi.json", "").status == 200);

  auto created = s.call(verb::post, "/tokens", admin_token, R"({"name":"cy","role":"agent"})");
  REQUIRE(created.status == 201);
  const std::string secret = str(created.json, "token");
  CHECK(secret.size() == 67);
  CHECK(created.json.at("id").as_int64() == 5);
  CHECK(s.call(verb::get, "/tickets", secret).status == 200);
  auto listed = s.call(verb::get, "/tokens", admin_token);
  REQUIRE(listed.json.at("tokens").as_array().size() == 5);
  CHECK_FALSE(listed.json.at("tokens").at(4).as_object().contains("token"));
  CHECK(s.call(verb::delete_, "/tokens/5", admin_token).status == 200);
  CHECK(s.call(verb::get, "/tickets", secret).status == 401);
  CHECK(s.call(verb::delete_, "/tokens/99", admin_token).status == 404);
  auto bad_role = s.call(verb::post, "/tokens", admin_token, R"({"name":"x","role":"root"})");
  CHECK(bad_role.status == 422);
  CHECK(bad_role.json.at("error").at("message").as_string() == "role: got \"root\", expected agent, customer or admin");
}

TEST_CASE("a customer sees only its own tickets; another customer's ticket is not found") {
  TestServer s;
  auto own = s.call(verb::post, "/tickets", acme_token, R"({"contract":"acme-2026","subject":"Mail bounces"})");
  REQUIRE(own.status == 201);
  CHECK(str(own.json, "customer") == "acme");
  CHECK(str(own.json, "channel") == "portal");
  CHECK(str(own.json, "subject") == "Mail bounces");
  REQUIRE(s.call(verb::post, "/tickets", agent_token,
                 R"({"customer":"beta","contract":"b","subject":"Beta's secret"})").status == 201);

  CHECK(s.call(verb::get, "/tickets/OO-2026-000001", acme_token).status == 200);
  auto other = s.call(verb::get, "/tickets/OO-2026-000002", acme_token);
  auto missing = s.call(verb::get, "/tickets/OO-2026-000003", acme_token);
  CHECK(other.status == 404);
  CHECK(other.error_code() == "not_found");
  CHECK(other.json.at("error").at("message").as_string() == "ticket OO-2026-000002: not found");
  CHECK(missing.json.at("error").at("message").as_string() == "ticket OO-2026-000003: not found");
  CHECK(s.call(verb::post, "/tickets/OO-2026-000002/reply", acme_token, R"({"body":"hi"})").status == 404);

  auto mine = s.call(verb::get, "/tickets", acme_token);
  REQUIRE(mine.json.at("tickets").as_array().size() == 1);
  CHECK(str(mine.json.at("tickets").at(0), "ref") == "OO-2026-000001");
  CHECK(s.call(verb::get, "/tickets?customer=beta", acme_token).status == 404);

  auto replied = s.call(verb::post, "/tickets/OO-2026-000001/reply", acme_token, R"({"body":"Any news?"})");
  REQUIRE(replied.status == 200);
  CHECK(s.call(verb::post, "/tickets/OO-2026-000001/reply", acme_token,
               R"({"kind":"internal","body":"x"})").status == 403);
  CHECK(s.call(verb::post, "/tickets/OO-2026-000001/status", acme_token, R"({"status":"closed"})").status == 403);
  CHECK(s.call(verb::post, "/tickets", acme_token,
               R"({"customer":"beta","contract":"b","subject":"x"})").status == 403);

  auto overview = s.call(verb::get, "/overview", acme_token);
  REQUIRE(overview.status == 200);
  CHECK(str(overview.json, "customer") == "acme");
  CHECK(s.call(verb::get, "/overview?customer=beta", acme_token).status == 404);
}

TEST_CASE("due within a window, warnings included") {
  TestServer s;
  REQUIRE(s.call(verb::post, "/tickets", agent_token, open_high).status == 201);
  auto due = s.call(verb::get, "/due?within=1h30m");
  REQUIRE(due.status == 200);
  CHECK(str(due.json, "from") == "2026-03-02T08:00:00Z");
  CHECK(str(due.json, "to") == "2026-03-02T09:30:00Z");
  std::vector<std::string> got;
  for (const auto& a : due.json.at("alarms").as_array()) got.push_back(str(a, "at") + " " + str(a, "clock"));
  CHECK(got == std::vector<std::string>{"2026-03-02T09:00:00Z response", "2026-03-02T09:00:00Z triage"});
  auto with_warnings = s.call(verb::get, "/due?within=50m&warnings=true");
  got.clear();
  for (const auto& a : with_warnings.json.at("alarms").as_array())
    got.push_back(str(a, "at") + " " + str(a, "clock") + " " + str(a, "kind"));
  // 75 % of an hour: 08:45Z.
  CHECK(got == std::vector<std::string>{"2026-03-02T08:45:00Z response warning",
                                        "2026-03-02T08:45:00Z triage warning"});
}

TEST_CASE("calendar evaluation answers each request, errors in place") {
  TestServer s;
  const std::string body = R"({"calendar": {"name": "office", "zone": "Europe/Berlin",
      "week": {"mon": [["08:00","17:00"]], "tue": [["08:00","17:00"]], "wed": [["08:00","17:00"]],
               "thu": [["08:00","17:00"]], "fri": [["08:00","17:00"]]}},
    "requests": [{"op": "add", "start": "2026-12-23T16:30:00+01:00", "minutes": 120},
                 {"op": "is_open", "at": "2026-12-26T10:00:00+01:00"},
                 {"op": "add", "start": "yesterday", "minutes": 1}]})";
  auto a = s.call(verb::post, "/calendar/eval", agent_token, body);
  REQUIRE(a.status == 200);
  const auto& answers = a.json.at("answers").as_array();
  REQUIRE(answers.size() == 3);
  CHECK(str(answers[0], "result") == "2026-12-24T09:30:00+01:00");
  CHECK(answers[1].at("open").as_bool() == false);
  CHECK(str(answers[2].at("error"), "code") == "parse_error");
  CHECK(str(answers[2].at("error"), "message").starts_with("requests[2]: start: "));
  auto no_calendar = s.call(verb::post, "/calendar/eval", agent_token, R"({"requests": []})");
  CHECK(no_calendar.status == 400);
  CHECK(no_calendar.error_code() == "missing_field");
}

TEST_CASE("the OpenAPI document is served as it is kept in docs/") {
  TestServer s;
  auto doc = s.call(verb::get, "/openapi.json", "");
  REQUIRE(doc.status == 200);
  CHECK(str(doc.json, "openapi") == "3.0.3");
  CHECK(doc.json.at("paths").as_object().contains("/tickets/{ref}/escalate"));
  // Every route the server has is documented, with each of its methods.
  for (const auto& r : s.app->router().routes()) {
    CAPTURE(r.pattern);
    const auto* path = doc.json.at("paths").as_object().if_contains(r.pattern);
    REQUIRE(path != nullptr);
    std::string method(http::to_string(r.method));
    for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    CHECK(path->as_object().contains(method));
  }
}

TEST_CASE("keep-alive: many requests on one connection; stop answers the request in flight") {
  TestServer s;
  for (int i = 0; i < 20; ++i) {
    auto a = s.call(verb::post, "/tickets", agent_token, open_high);
    REQUIRE(a.status == 201);
    CHECK(a.raw.keep_alive());
  }
  CHECK(s.call(verb::get, "/tickets/OO-2026-000020").status == 200);
  s.stop();  // closes the idle client connection and the acceptor; the threads return
  auto store = s.pool->lease();
  auto all = store->tickets({});
  REQUIRE(all);
  CHECK(all->size() == 20);
  CHECK(store->integrity_check().value() == "ok");
}

TEST_CASE("work entries and fees: logged on a ticket, listed by customer and period") {
  TestServer s;
  REQUIRE(s.call(verb::post, "/tickets", agent_token, open_high).status == 201);
  s.clock.set(monday_0800z + std::chrono::hours(2));
  auto logged = s.call(verb::post, "/tickets/OO-2026-000001/work", agent_token,
                       R"({"minutes": 30, "kind": "on_site", "note": "router swapped"})");
  REQUIRE(logged.status == 201);
  // Without a start the work ends when it is logged: 10:00Z - 30 min.
  CHECK(boost::json::serialize(logged.json) ==
        R"({"ticket":"OO-2026-000001","start":"2026-03-02T09:30:00Z","seconds":1800,"kind":"on_site",)"
        R"("role":"support","agent":"bo","note":"router swapped"})");
  REQUIRE(s.call(verb::post, "/tickets/OO-2026-000001/work", agent_token,
                 R"({"minutes": 15, "start": "2026-03-02T08:05:00Z", "role": "senior", "agent": "cy"})").status == 201);
  auto fee = s.call(verb::post, "/tickets/OO-2026-000001/fees", agent_token, R"({"code": "on_call_non_critical"})");
  REQUIRE(fee.status == 201);
  CHECK(boost::json::serialize(fee.json) ==
        R"({"ref":"OO-2026-000001","code":"on_call_non_critical","at":"2026-03-02T10:00:00Z"})");

  auto all = s.call(verb::get, "/work?customer=acme");
  REQUIRE(all.status == 200);
  std::vector<std::string> got;
  for (const auto& e : all.json.at("work").as_array()) got.push_back(str(e, "start") + " " + str(e, "agent"));
  CHECK(got == std::vector<std::string>{"2026-03-02T08:05:00Z cy", "2026-03-02T09:30:00Z bo"});
  auto early = s.call(verb::get, "/work?from=2026-03-02T08:00:00Z&to=2026-03-02T09:30:00Z");
  REQUIRE(early.json.at("work").as_array().size() == 1);  // [from, to): 09:30 is outside
  CHECK(str(early.json.at("work").at(0), "role") == "senior");
  CHECK(s.call(verb::get, "/fees?ref=OO-2026-000001").json.at("fees").as_array().size() == 1);

  CHECK(s.call(verb::post, "/tickets/OO-2026-000001/work", agent_token, R"({"minutes": 0})").status == 422);
  CHECK(s.call(verb::post, "/tickets/OO-2026-000001/work", agent_token,
               R"({"minutes": 5, "kind": "remote-ish"})").error_code() == "invalid_argument");
  CHECK(s.call(verb::get, "/work?from=2026-03-02T08:00:00Z").error_code() == "missing_field");
  CHECK(s.call(verb::get, "/work", acme_token).status == 403);
  CHECK(s.call(verb::get, "/work").json.at("work").as_array().size() == 2);
}

namespace {

std::vector<Contract> preset_contracts() {
  auto contracts = load_contract_dir(std::filesystem::path(TIERDESK_SOURCE_DIR) / "examples/contracts");
  REQUIRE(contracts);
  return std::move(*contracts);
}

}  // namespace

TEST_CASE("with contracts, opening takes the contract's prefix and category defaults") {
  TestServer s(64 * 1024, preset_contracts());
  // solutionbar: prefix SB, default priority normal, mueller's fixed contact jonas.
  auto sb = s.call(verb::post, "/tickets", agent_token,
                   R"({"customer":"mueller","contract":"solutionbar","subject":"Mail stuck","category":"support"})");
  REQUIRE(sb.status == 201);
  CHECK(str(sb.json, "ref") == "SB-2026-000001");
  CHECK(str(sb.json, "priority") == "normal");
  CHECK(str(sb.json, "assignee") == "jonas");
  CHECK(sb.raw["Location"] == "/tickets/SB-2026-000001");
  // oneoffice "project": priority low and outside the SLA (flagged no-sla).
  auto project = s.call(verb::post, "/tickets", agent_token,
                        R"({"customer":"nordlys","contract":"oneoffice","subject":"New NAS","category":"project"})");
  REQUIRE(project.status == 201);
  CHECK(str(project.json, "ref") == "OO-2026-000001");
  CHECK(str(project.json, "priority") == "low");
  CHECK(str(project.json, "assignee") == "mck");
  auto history = s.call(verb::get, "/tickets/OO-2026-000001/history");
  std::vector<std::string> kinds;
  for (const auto& e : history.json.at("events").as_array()) kinds.push_back(str(e, "kind"));
  CHECK(kinds == std::vector<std::string>{"created", "flagged"});
  // What the body says wins over the contract.
  auto high = s.call(verb::post, "/tickets", agent_token,
                     R"({"customer":"nordlys","contract":"oneoffice","subject":"x","category":"project","priority":"high"})");
  CHECK(str(high.json, "priority") == "high");

  auto bad = s.call(verb::post, "/tickets", agent_token,
                    R"({"customer":"nordlys","contract":"oneoffice","subject":"x","category":"gardening"})");
  CHECK(bad.status == 422);
  CHECK(bad.error_code() == "invalid_argument");
  CHECK(str(bad.json.at("error"), "message").starts_with("category: got \"gardening\""));
  CHECK(s.call(verb::get, "/tickets").json.at("tickets").as_array().size() == 3);

  auto listed = s.call(verb::get, "/contracts", admin_token);
  REQUIRE(listed.status == 200);
  std::vector<std::string> ids;
  for (const auto& k : listed.json.at("contracts").as_array()) ids.push_back(str(k, "id") + " " + str(k, "prefix"));
  CHECK(ids == std::vector<std::string>{"1und1-cloudpbx CPBX", "meinofficeplus MOP", "oneoffice OO", "roewaplan RW",
                                        "solutionbar SB"});
  CHECK(s.call(verb::get, "/contracts", acme_token).status == 403);
}

TEST_CASE("a month's statement from the work logged through the server") {
  TestServer s(64 * 1024, preset_contracts());
  s.clock.set(*parse_iso8601("2026-11-16T08:00:00Z"));
  REQUIRE(s.call(verb::post, "/tickets", agent_token,
                 R"({"customer":"nordlys","contract":"oneoffice","subject":"BIOS error","category":"support"})")
              .status == 201);
  s.clock.set(*parse_iso8601("2026-11-16T10:00:00Z"));
  // Monday 2026-11-16 10:00 Copenhagen (CET) is 09:00Z, inside office hours.
  REQUIRE(s.call(verb::post, "/tickets/OO-2026-000001/work", agent_token,
                 R"({"minutes": 30, "start": "2026-11-16T09:00:00Z"})").status == 201);

  auto st = s.call(verb::get, "/statements?customer=nordlys&month=2026-11");
  REQUIRE(st.status == 200);
  CHECK(str(st.json, "customer") == "nordlys");
  CHECK(str(st.json, "currency") == "DKK");
  const auto& lines = st.json.at("lines").as_array();
  REQUIRE(lines.size() == 1);
  // Over the 15 included minutes, so all 30 are billed: 30/60 × 1,095.00 = 547.50.
  CHECK(str(lines.at(0), "kind") == "time");
  CHECK(str(lines.at(0), "amount") == "547.50");
  CHECK(boost::json::serialize(lines.at(0).at("tickets")) == R"(["OO-2026-000001"])");
  CHECK(str(st.json, "subtotal") == "547.50");
  // + 25 % VAT: 136.875 → 136.88; total 684.375 → 684.38.
  CHECK(str(st.json, "vat") == "136.88");
  CHECK(str(st.json, "total") == "684.38");
  // October has nothing.
  auto october = s.call(verb::get, "/statements?customer=nordlys&month=2026-10");
  REQUIRE(october.status == 200);
  CHECK(october.json.at("lines").as_array().empty());
  CHECK(str(october.json, "total") == "0.00");

  auto month13 = s.call(verb::get, "/statements?customer=nordlys&month=2026-13");
  CHECK(month13.status == 422);
  CHECK(month13.error_code() == "invalid_argument");
  CHECK(str(month13.json.at("error"), "message").starts_with("month: got \"2026-13\""));
  CHECK(s.call(verb::get, "/statements?customer=nordlys").error_code() == "missing_field");
  CHECK(s.call(verb::get, "/statements?customer=nordlys&month=2026-11&vat=no").error_code() == "unknown_field");
  CHECK(s.call(verb::get, "/statements?customer=zed&month=2026-11").status == 404);
  // A customer token may read its own customer's statement only; another is not found.
  auto other = s.call(verb::get, "/statements?customer=nordlys&month=2026-11", acme_token);
  CHECK(other.status == 404);
  CHECK(other.error_code() == "not_found");
  CHECK(s.call(verb::get, "/statements?customer=acme&month=2026-11", acme_token).status == 404);  // no contract
  CHECK(s.call(verb::get, "/statements?customer=nordlys&month=2026-11", admin_token).status == 403);

  // The status mail as of now (Monday 10:00Z): the open ticket, its topic, 30 minutes worked,
  // no contingent under OneOffice.
  auto mail = s.call(verb::get, "/reports/status-mail?customer=nordlys&period=2026-11");
  REQUIRE(mail.status == 200);
  CHECK(str(mail.json, "month") == "2026-11");
  REQUIRE(mail.json.at("open_requests").as_array().size() == 1);
  CHECK(str(mail.json.at("open_requests").at(0), "ref") == "OO-2026-000001");
  CHECK(boost::json::serialize(mail.json.at("top_topics")) == R"([{"category":"support","tickets":1}])");
  CHECK(mail.json.at("worked_minutes").to_number<int>() == 30);
  CHECK(mail.json.at("contingent").is_null());
  auto quarter = s.call(verb::get, "/reports/status-mail?customer=nordlys&period=2026-Q4");
  CHECK(quarter.status == 422);
  CHECK(str(quarter.json.at("error"), "message").starts_with("period: got \"2026-Q4\""));
  CHECK(s.call(verb::get, "/reports/status-mail?customer=nordlys&period=2026-11", acme_token).status == 404);

  // The quarter's ticket report: one support ticket, its 30 minutes billed (over 15).
  auto q4 = s.call(verb::get, "/reports/tickets?customer=nordlys&period=2026-Q4");
  REQUIRE(q4.status == 200);
  CHECK(str(q4.json, "period") == "2026-Q4");
  CHECK(q4.json.at("tickets").to_number<int>() == 1);
  CHECK(boost::json::serialize(q4.json.at("by_category")) == R"([{"key":"support","tickets":1}])");
  CHECK(q4.json.at("billing").at("billed_minutes").to_number<int>() == 30);
  CHECK(q4.json.at("billing").at("included_minutes").to_number<int>() == 0);
  CHECK(s.call(verb::get, "/reports/tickets?customer=nordlys&period=2026-Q5").error_code() == "invalid_argument");
  CHECK(s.call(verb::get, "/reports/tickets?period=2026-Q4").error_code() == "missing_field");
}
