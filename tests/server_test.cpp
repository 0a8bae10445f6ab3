// tierdesk-server in-process: routes, JSON mapping, auth and roles, error answers, keep-alive,
// graceful stop. The server runs on an ephemeral loopback port with a fake clock (Monday
// 2026-03-02 09:00 Copenhagen) and the preset contracts of examples/contracts; expected
// instants are worked out by hand from the OneOffice contract (office Mon–Thu 08–16, Fri 08–15
// Copenhagen, triage 1 h, high 1 h / 2 h, warnings at 75 % and 90 %).
#include <doctest/doctest.h>

#include "server/test_server.hpp"

using namespace tierdesk;
using namespace tierdesk::test;
using http::verb;

namespace {

const std::string open_high = R"({"customer":"nordlys","subject":"VPN down","priority":"high"})";

std::string str(const boost::json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}

std::vector<std::string> kinds_of(const Answer& history) {
  std::vector<std::string> kinds;
  for (const auto& e : history.json.at("events").as_array()) kinds.push_back(str(e, "kind"));
  return kinds;
}

std::size_t ticket_count(TestServer& s) {
  return s.call(verb::get, "/tickets").json.at("tickets").as_array().size();
}

}  // namespace

TEST_CASE("open a ticket by its contract's defaults, show it with its clocks, list it") {
  TestServer s;
  auto opened = s.call(verb::post, "/tickets", agent_token, open_high);
  REQUIRE(opened.status == 201);
  CHECK(str(opened.json, "ref") == "OO-2026-000001");
  CHECK(str(opened.json, "contract") == "oneoffice");
  CHECK(str(opened.json, "status") == "new");
  CHECK(str(opened.json, "priority") == "high");
  CHECK(str(opened.json, "category") == "support");  // the contract's default_category
  CHECK(str(opened.json, "assignee") == "mck");      // nordlys' contact
  CHECK(str(opened.json, "tier_name") == "1st level");
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

  auto rw = s.call(verb::post, "/tickets", agent_token,
                   R"({"customer":"kreiswerke","subject":"Printer","tier":2})");
  REQUIRE(rw.status == 201);
  CHECK(str(rw.json, "ref") == "RW-2026-000001");
  CHECK(str(rw.json, "tier_name") == "2nd-level");  // roewaplan names its tiers
  auto nordlys = s.call(verb::get, "/tickets?customer=nordlys");
  REQUIRE(nordlys.status == 200);
  REQUIRE(nordlys.json.at("tickets").as_array().size() == 1);
  CHECK(str(nordlys.json.at("tickets").at(0), "subject") == "VPN down");
  auto tier2 = s.call(verb::get, "/tickets?tier=2&status=new");
  REQUIRE(tier2.json.at("tickets").as_array().size() == 1);
  CHECK(str(tier2.json.at("tickets").at(0), "ref") == "RW-2026-000001");
  CHECK(s.call(verb::get, "/tickets?open=true").json.at("tickets").as_array().size() == 2);
}

TEST_CASE("status, priority, category, assignee, escalate, reply and the history they leave") {
  TestServer s;
  REQUIRE(s.call(verb::post, "/tickets", agent_token, open_high).status == 201);
  s.clock.set(monday_0800z + std::chrono::minutes(10));
  const std::string ref = "/tickets/OO-2026-000001";
  auto replied =
      s.call(verb::post, ref + "/reply", agent_token, R"({"kind":"public","body":"We are on it"})");
  REQUIRE(replied.status == 200);
  CHECK(str(replied.json, "status") == "open");  // a public reply opens a new ticket
  auto escalated = s.call(verb::post, ref + "/escalate", agent_token,
                          R"({"tier":2,"reason":"needs the network team"})");
  REQUIRE(escalated.status == 200);
  CHECK(escalated.json.at("tier").as_int64() == 2);
  auto prio = s.call(verb::post, ref + "/priority", agent_token, R"({"priority":"normal"})");
  CHECK(str(prio.json, "priority") == "normal");
  auto category = s.call(verb::post, ref + "/category", agent_token, R"({"category":"security"})");
  REQUIRE(category.status == 200);
  CHECK(str(category.json, "category") == "security");
  auto assigned = s.call(verb::post, ref + "/assign", agent_token, R"({"assignee":"anna"})");
  REQUIRE(assigned.status == 200);
  CHECK(str(assigned.json, "assignee") == "anna");
  auto resolved = s.call(verb::post, ref + "/status", agent_token, R"({"status":"resolved"})");
  CHECK(str(resolved.json, "status") == "resolved");

  auto history = s.call(verb::get, ref + "/history");
  REQUIRE(history.status == 200);
  // The reply opens the ticket (a status event); the escalation notifies the new tier.
  CHECK(kinds_of(history) == std::vector<std::string>{"created", "agent_public_reply", "status",
                                                      "tier", "notified", "priority", "category",
                                                      "assigned", "resolved"});
  CHECK(str(history.json.at("events").at(1), "at") == "2026-03-02T08:10:00Z");
  CHECK(str(history.json.at("events").at(1), "actor") == "bo");
  CHECK(str(history.json.at("events").at(3).at("payload"), "reason") == "needs the network team");
  CHECK(str(history.json.at("events").at(4).at("payload"), "recipient") == "2nd level");
  // The escalation's notice went to the server's notifier, with the ticket's customer.
  const auto notices = s.recorder.notices();
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].kind == NoticeKind::escalated);
  CHECK(notices[0].customer == "nordlys");
  CHECK(notices[0].recipient == "2nd level");

  auto closed = s.call(verb::post, ref + "/status", agent_token, R"({"status":"closed"})");
  CHECK(closed.status == 200);
  auto reopen = s.call(verb::post, ref + "/status", agent_token, R"({"status":"new"})");
  CHECK(reopen.status == 409);
  CHECK(reopen.error_code() == "invalid_transition");
}

TEST_CASE("bad input answers a JSON error with a stable code and stores nothing") {
  TestServer s(preset_contracts(), 256);
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
      {verb::post, ref + "/reply", R"({"body": "x"})", 400, "missing_field"},
      {verb::post, ref + "/priority", R"({"priority": "urgent"})", 422, "invalid_argument"},
      {verb::post, ref + "/category", R"({"category": "gardening"})", 422, "invalid_argument"},
      {verb::post, ref + "/assign", R"({"assignee": ""})", 422, "invalid_argument"},
      {verb::post, ref + "/emergency", R"({"reason": "x"})", 422,
       "invalid_argument"},  // OneOffice has none
      {verb::post, ref + "/jourfixe", R"({"outcome": "postponed"})", 422, "invalid_argument"},
      {verb::post, ref + "/reversals", R"({"entry": 1, "reason": "x"})", 404,
       "not_found"},  // 1 is "created"
      {verb::post, ref + "/reversals", R"({"entry": 1})", 400, "missing_field"},
      {verb::post, "/tickets/OO-2026-000009/status", R"({"status": "open"})", 404, "not_found"},
      // A malformed reference is what every host says it is (not a ticket that is missing).
      {verb::post, "/tickets/nonsense/status", R"({"status": "open"})", 422, "invalid_argument"},
      {verb::get, "/tickets?colour=red", "", 400, "unknown_field"},
      {verb::get, "/tickets?tier=two", "", 422, "invalid_argument"},
      {verb::get, "/nowhere", "", 404, "unknown_route"},
      {verb::get, "/due", "", 400, "missing_field"},
      {verb::get, "/due?within=soon", "", 422, "invalid_argument"},
      {verb::get, "/jourfixe", "", 400, "missing_field"},
      {verb::get, "/jourfixe?contract=oneoffice", "", 422,
       "invalid_argument"},  // no JourFixe there
      {verb::post, "/messages", R"({"subject": "x"})", 400, "missing_field"},
      {verb::post, "/messages", R"({"from": "x@y", "references": "a"})", 422, "invalid_argument"},
      {verb::post, "/messages", R"({"from": "nobody@nowhere.example", "subject": "x"})", 404,
       "not_found"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.target);
    CAPTURE(c.body);
    auto a = s.call(c.method, c.target, agent_token,
                    c.body.empty() ? std::nullopt : std::optional(c.body));
    CHECK(a.status == c.status);
    CHECK(a.error_code() == c.code);
    CHECK_FALSE(a.error_message().empty());
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
  CHECK(ticket_count(s) == 1);
}

TEST_CASE("regression: an unknown contract or customer is 404 naming it, and nothing is written") {
  TestServer s;
  auto contract = s.call(verb::post, "/tickets", agent_token,
                         R"({"customer":"nordlys","contract":"oneofice","subject":"VPN down"})");
  CHECK(contract.status == 404);
  CHECK(contract.error_code() == "not_found");
  CHECK(contract.error_message() ==
        "contract: got \"oneofice\", expected one of 1und1-cloudpbx, meinofficeplus, oneoffice, "
        "roewaplan, "
        "solutionbar");
  auto customer =
      s.call(verb::post, "/tickets", agent_token, R"({"customer":"acme","subject":"VPN down"})");
  CHECK(customer.status == 404);
  CHECK(customer.error_code() == "not_found");
  CHECK(customer.error_message().starts_with("customer: got \"acme\""));
  // A contract that exists but is not the customer's.
  auto other = s.call(verb::post, "/tickets", agent_token,
                      R"({"customer":"nordlys","contract":"solutionbar","subject":"VPN down"})");
  CHECK(other.status == 422);
  CHECK(other.error_message().starts_with("contract: got \"solutionbar\""));
  CHECK(s.call(verb::post, "/tickets", agent_token, R"({"subject":"VPN down"})").error_code() ==
        "missing_field");
  CHECK(ticket_count(s) == 0);
  CHECK(s.recorder.notices().empty());
}

TEST_CASE("regression: a customer token opens only under its own contract") {
  TestServer s;
  const auto nordlys = customer_token("nordlys");
  auto own = s.call(verb::post, "/tickets", nordlys, R"({"subject":"Mail bounces"})");
  REQUIRE(own.status == 201);
  CHECK(str(own.json, "customer") == "nordlys");
  CHECK(str(own.json, "contract") == "oneoffice");
  CHECK(str(own.json, "channel") == "portal");
  auto other =
      s.call(verb::post, "/tickets", nordlys, R"({"contract":"solutionbar","subject":"x"})");
  CHECK(other.status == 403);
  CHECK(other.error_code() == "forbidden");
  auto missing =
      s.call(verb::post, "/tickets", nordlys, R"({"contract":"acme-2026","subject":"x"})");
  CHECK(missing.status == 404);
  CHECK(missing.error_code() == "not_found");
  CHECK(s.call(verb::post, "/tickets", nordlys, R"({"customer":"mueller","subject":"x"})").status ==
        403);
  CHECK(s.call(verb::post, "/tickets", nordlys, R"({"subject":"x","tier":2})").status == 403);
  CHECK(s.call(verb::post, "/tickets", nordlys, R"({"subject":"x","assignee":"bo"})").status ==
        403);
  CHECK(ticket_count(s) == 1);
}

TEST_CASE(
    "regression: a repeated external id answers 200 with the ticket; another customer's is 409") {
  TestServer s;
  const std::string body =
      R"({"customer":"nordlys","subject":"VPN down","external_id":"crm-4711"})";
  auto first = s.call(verb::post, "/tickets", agent_token, body);
  REQUIRE(first.status == 201);
  CHECK(first.raw["Location"] == "/tickets/OO-2026-000001");
  auto again = s.call(verb::post, "/tickets", agent_token, body);
  CHECK(again.status == 200);
  CHECK(again.raw["Location"].empty());
  CHECK(str(again.json, "ref") == "OO-2026-000001");
  CHECK(again.json.at("version").as_int64() == first.json.at("version").as_int64());
  // The customer itself sends the same id: its own ticket.
  auto own = s.call(verb::post, "/tickets", customer_token("nordlys"),
                    R"({"subject":"x","external_id":"crm-4711"})");
  CHECK(own.status == 200);
  CHECK(str(own.json, "ref") == "OO-2026-000001");
  // Another customer, by an agent or by its own token: a conflict that names nothing of it.
  for (const auto& token : {std::string(agent_token), customer_token("mueller")}) {
    CAPTURE(token);
    auto clash = s.call(verb::post, "/tickets", token,
                        R"({"customer":"mueller","subject":"Printer","external_id":"crm-4711"})");
    CHECK(clash.status == 409);
    CHECK(clash.error_code() == "conflict");
    CHECK(clash.error_message() == "external_id: \"crm-4711\" cannot be used; choose another");
    CHECK(clash.body.find("OO-") == std::string::npos);
    CHECK(clash.body.find("nordlys") == std::string::npos);
    CHECK(clash.body.find("VPN") == std::string::npos);
  }
  CHECK(ticket_count(s) == 1);
}

TEST_CASE(
    "regression: a ticket opened without a category gets the default; its mail and report build") {
  TestServer s;
  s.clock.set(*parse_iso8601("2026-11-16T08:00:00Z"));
  auto opened = s.call(verb::post, "/tickets", agent_token,
                       R"({"customer":"mueller","subject":"Mail stuck"})");
  REQUIRE(opened.status == 201);
  CHECK(str(opened.json, "ref") == "SB-2026-000001");
  CHECK(str(opened.json, "category") == "support");
  CHECK(str(opened.json, "assignee") == "jonas");
  auto mail = s.call(verb::get, "/reports/status-mail?customer=mueller&period=2026-11");
  REQUIRE(mail.status == 200);
  CHECK(boost::json::serialize(mail.json.at("top_topics")) ==
        R"([{"category":"support","tickets":1}])");
  auto report = s.call(verb::get, "/reports/tickets?customer=mueller&period=2026-11");
  REQUIRE(report.status == 200);
  CHECK(boost::json::serialize(report.json.at("by_category")) ==
        R"([{"key":"support","tickets":1}])");
  CHECK(s.call(verb::get, "/statements?customer=mueller&month=2026-11").status == 200);
}

TEST_CASE("regression: a fee with a typo'd code is 422 naming the code, and nothing is charged") {
  TestServer s;
  REQUIRE(s.call(verb::post, "/tickets", agent_token, open_high).status == 201);
  auto typo = s.call(verb::post, "/tickets/OO-2026-000001/fees", agent_token,
                     R"({"code":"on_call_non_critcal"})");
  CHECK(typo.status == 422);
  CHECK(typo.error_code() == "invalid_argument");
  CHECK(typo.error_message() ==
        "code: got \"on_call_non_critcal\", expected one of on_call_non_critical");
  CHECK(s.call(verb::get, "/fees").json.at("fees").as_array().empty());
  CHECK(s.call(verb::get, "/statements?customer=nordlys&month=2026-03").status == 200);
}

TEST_CASE(
    "inbound messages: a new request opens, \"Re: [REF]\" threads, a repeated Message-ID is a "
    "duplicate") {
  TestServer s;
  const std::string first =
      R"({"from":"Nordlys IT <it@nordlys.example>","subject":"Printer offline",
      "body":"The printer on 2nd floor is offline","message_id":"<a1@nordlys.example>"})";
  auto opened = s.call(verb::post, "/messages", agent_token, first);
  REQUIRE(opened.status == 201);
  CHECK(str(opened.json, "outcome") == "opened");
  CHECK(str(opened.json.at("ticket"), "ref") == "OO-2026-000001");
  CHECK(str(opened.json.at("ticket"), "customer") == "nordlys");
  CHECK(str(opened.json.at("ticket"), "channel") == "email");
  CHECK(opened.raw["Location"] == "/tickets/OO-2026-000001");
  auto again = s.call(verb::post, "/messages", agent_token, first);
  CHECK(again.status == 200);
  CHECK(str(again.json, "outcome") == "duplicate");

  s.clock.set(monday_0800z + std::chrono::minutes(30));
  auto threaded =
      s.call(verb::post, "/messages", agent_token,
             R"({"from":"it@nordlys.example","subject":"Re: [OO-2026-000001] Printer offline",
                             "body":"Still offline","message_id":"<a2@nordlys.example>"})");
  REQUIRE(threaded.status == 200);
  CHECK(str(threaded.json, "outcome") == "appended");
  CHECK(str(threaded.json.at("ticket"), "ref") == "OO-2026-000001");
  // A reply without the reference in its subject threads by References.
  auto referenced =
      s.call(verb::post, "/messages", agent_token,
             R"({"from":"it@nordlys.example","subject":"AW: Printer","body":"Now it works",
                               "message_id":"<a3@nordlys.example>","references":["<a1@nordlys.example>"]})");
  REQUIRE(referenced.status == 200);
  CHECK(str(referenced.json, "outcome") == "appended");
  CHECK(ticket_count(s) == 1);
  auto history = s.call(verb::get, "/tickets/OO-2026-000001/history");
  CHECK(kinds_of(history) ==
        std::vector<std::string>{"created", "customer_reply", "customer_reply"});
  CHECK(str(history.json.at("events").at(1).at("payload"), "body") == "Still offline");
  CHECK(s.call(verb::post, "/messages", customer_token("nordlys"), first).status == 403);
}

TEST_CASE("Solutionbar: requests wait for the JourFixe; an emergency carries the surcharge flag") {
  TestServer s;
  // Monday 2026-11-16 09:00 Berlin; Solutionbar's JourFixe is every second Tuesday 09:00 from
  // 2026-03-03 (… 10 and 24 November), so the next one is Tuesday 2026-11-24 09:00 Berlin (08:00Z).
  s.clock.set(*parse_iso8601("2026-11-16T08:00:00Z"));
  auto queued = s.call(
      verb::post, "/messages", agent_token,
      R"({"from":"office@mueller.example","subject":"New laptop for Eva","message_id":"<m1@mueller>"})");
  REQUIRE(queued.status == 201);
  CHECK(queued.json.at("ticket").at("jourfixe").as_bool());
  auto urgent =
      s.call(verb::post, "/messages", agent_token,
             R"({"from":"office@mueller.example","subject":"Server down!","urgent":true})");
  REQUIRE(urgent.status == 201);
  // Emergencies are taken by phone only: the e-mail is an ordinary request, flagged.
  const auto& flags = urgent.json.at("ticket").at("flags").as_array();
  CHECK(std::find(flags.begin(), flags.end(), boost::json::value("urgent-by-email")) !=
        flags.end());
  const auto notices = s.recorder.notices();
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].kind == NoticeKind::urgent_by_email);
  CHECK(notices[0].customer == "mueller");

  auto queue = s.call(verb::get, "/jourfixe?contract=solutionbar");
  REQUIRE(queue.status == 200);
  CHECK(str(queue.json, "next_slot") == "2026-11-24T08:00:00Z");
  std::vector<std::string> refs;
  for (const auto& t : queue.json.at("tickets").as_array()) refs.push_back(str(t, "ref"));
  CHECK(refs == std::vector<std::string>{"SB-2026-000001", "SB-2026-000002"});

  s.clock.set(*parse_iso8601("2026-11-24T08:30:00Z"));
  auto done = s.call(verb::post, "/tickets/SB-2026-000001/jourfixe", agent_token,
                     R"({"outcome":"resolved","note":"laptop ordered"})");
  REQUIRE(done.status == 200);
  CHECK(str(done.json, "status") == "resolved");
  CHECK(s.call(verb::post, "/tickets/SB-2026-000001/jourfixe", agent_token,
               R"({"outcome":"resolved"})")
            .status == 409);

  auto emergency = s.call(verb::post, "/tickets/SB-2026-000002/emergency", agent_token,
                          R"({"reason":"displaced the 10:00 appointment at Bauer"})");
  REQUIRE(emergency.status == 200);
  const auto& marked = emergency.json.at("flags").as_array();
  CHECK(std::find(marked.begin(), marked.end(), boost::json::value("displaced-appointments")) !=
        marked.end());
  CHECK(
      s.call(verb::post, "/tickets/SB-2026-000002/emergency", agent_token, R"({})").error_code() ==
      "missing_field");
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

TEST_CASE(
    "tokens: none, unknown, wrong role, revoked; a customer token names a customer of the "
    "contracts") {
  TestServer s;
  const auto nordlys = customer_token("nordlys");
  auto none = s.call(verb::get, "/tickets", "");
  CHECK(none.status == 401);
  CHECK(none.error_code() == "unauthorized");
  CHECK(none.raw["WWW-Authenticate"] == "Bearer");
  CHECK(s.call(verb::get, "/tickets", "td_guess").status == 401);
  auto customer_on_due = s.call(verb::get, "/due?within=1h", nordlys);
  CHECK(customer_on_due.status == 403);
  CHECK(customer_on_due.error_code() == "forbidden");
  CHECK(s.call(verb::get, "/tokens", agent_token).status == 403);
  CHECK(s.call(verb::get, "/openapi.json", "").status == 200);

  // The fixture stores 8 tokens: agent, admin and one per customer of the five presets.
  auto created = s.call(verb::post, "/tokens", admin_token, R"({"name":"cy","role":"agent"})");
  REQUIRE(created.status == 201);
  const std::string secret = str(created.json, "token");
  CHECK(secret.size() == 67);
  CHECK(created.json.at("id").as_int64() == 9);
  CHECK(s.call(verb::get, "/tickets", secret).status == 200);
  auto listed = s.call(verb::get, "/tokens", admin_token);
  REQUIRE(listed.json.at("tokens").as_array().size() == 9);
  CHECK_FALSE(listed.json.at("tokens").at(8).as_object().contains("token"));
  CHECK(s.call(verb::delete_, "/tokens/9", admin_token).status == 200);
  CHECK(s.call(verb::get, "/tickets", secret).status == 401);
  CHECK(s.call(verb::delete_, "/tokens/99", admin_token).status == 404);
  auto bad_role = s.call(verb::post, "/tokens", admin_token, R"({"name":"x","role":"root"})");
  CHECK(bad_role.status == 422);
  CHECK(bad_role.error_message() == "role: got \"root\", expected agent, customer or admin");
  auto unknown = s.call(verb::post, "/tokens", admin_token,
                        R"({"name":"x","role":"customer","customer":"acme"})");
  CHECK(unknown.status == 404);
  CHECK(unknown.error_message().starts_with("customer: got \"acme\""));
  CHECK(s.call(verb::post, "/tokens", admin_token,
               R"({"name":"x","role":"customer","customer":"mueller"})")
            .status == 201);
}

TEST_CASE("due within a window, warnings included") {
  TestServer s;
  REQUIRE(s.call(verb::post, "/tickets", agent_token, open_high).status == 201);
  auto due = s.call(verb::get, "/due?within=1h30m");
  REQUIRE(due.status == 200);
  CHECK(str(due.json, "from") == "2026-03-02T08:00:00Z");
  CHECK(str(due.json, "to") == "2026-03-02T09:30:00Z");
  std::vector<std::string> got;
  for (const auto& a : due.json.at("alarms").as_array())
    got.push_back(str(a, "at") + " " + str(a, "clock"));
  CHECK(got ==
        std::vector<std::string>{"2026-03-02T09:00:00Z response", "2026-03-02T09:00:00Z triage"});
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
  // Every route the server has is documented with each of its methods, and nothing else.
  std::size_t operations = 0;
  for (const auto& r : s.app->router().routes()) {
    CAPTURE(r.pattern);
    const auto* path = doc.json.at("paths").as_object().if_contains(r.pattern);
    REQUIRE(path != nullptr);
    std::string method(http::to_string(r.method));
    for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    CHECK(path->as_object().contains(method));
    ++operations;
  }
  std::size_t documented = 0;
  for (const auto& [path, item] : doc.json.at("paths").as_object())
    for (const auto& [key, op] : item.as_object()) documented += key != "parameters" ? 1 : 0;
  CHECK(documented == operations);
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

TEST_CASE("work entries and fees: logged on a ticket, listed, and a wrong one reversed") {
  TestServer s;
  REQUIRE(s.call(verb::post, "/tickets", agent_token, open_high).status == 201);
  s.clock.set(monday_0800z + std::chrono::hours(2));
  auto logged = s.call(verb::post, "/tickets/OO-2026-000001/work", agent_token,
                       R"({"minutes": 30, "kind": "on_site", "note": "router swapped"})");
  REQUIRE(logged.status == 201);
  // Without a start the work ends when it is logged: 10:00Z - 30 min. Entry 2: the second event.
  CHECK(
      boost::json::serialize(logged.json) ==
      R"({"ticket":"OO-2026-000001","start":"2026-03-02T09:30:00Z","seconds":1800,"kind":"on_site",)"
      R"("role":"support","agent":"bo","note":"router swapped","entry":2})");
  auto second = s.call(
      verb::post, "/tickets/OO-2026-000001/work", agent_token,
      R"({"minutes": 15, "start": "2026-03-02T08:05:00Z", "role": "senior", "agent": "cy"})");
  REQUIRE(second.status == 201);
  CHECK(second.json.at("entry").as_int64() == 3);
  auto fee = s.call(verb::post, "/tickets/OO-2026-000001/fees", agent_token,
                    R"({"code": "on_call_non_critical"})");
  REQUIRE(fee.status == 201);
  CHECK(
      boost::json::serialize(fee.json) ==
      R"({"ref":"OO-2026-000001","code":"on_call_non_critical","at":"2026-03-02T10:00:00Z","entry":4})");

  auto all = s.call(verb::get, "/work?customer=nordlys");
  REQUIRE(all.status == 200);
  std::vector<std::string> got;
  for (const auto& e : all.json.at("work").as_array())
    got.push_back(str(e, "start") + " " + str(e, "agent"));
  CHECK(got == std::vector<std::string>{"2026-03-02T08:05:00Z cy", "2026-03-02T09:30:00Z bo"});
  auto early = s.call(verb::get, "/work?from=2026-03-02T08:00:00Z&to=2026-03-02T09:30:00Z");
  REQUIRE(early.json.at("work").as_array().size() == 1);  // [from, to): 09:30 is outside
  CHECK(str(early.json.at("work").at(0), "role") == "senior");
  CHECK(s.call(verb::get, "/fees?ref=OO-2026-000001").json.at("fees").as_array().size() == 1);

  // The senior's quarter hour was booked by mistake: reversed, listed with the reversal.
  s.clock.set(monday_0800z + std::chrono::hours(3));
  auto reversed = s.call(verb::post, "/tickets/OO-2026-000001/reversals", agent_token,
                         R"({"entry": 3, "reason": "booked on the wrong ticket"})");
  REQUIRE(reversed.status == 201);
  CHECK(boost::json::serialize(reversed.json) ==
        R"({"ref":"OO-2026-000001","entry":3,"reversed":{"at":"2026-03-02T11:00:00Z","actor":"bo",)"
        R"("reason":"booked on the wrong ticket"}})");
  auto after = s.call(verb::get, "/work?ref=OO-2026-000001");
  REQUIRE(after.json.at("work").as_array().size() == 2);
  CHECK(boost::json::serialize(after.json.at("work").at(0).at("reversed")) ==
        R"({"at":"2026-03-02T11:00:00Z","actor":"bo","reason":"booked on the wrong ticket"})");
  auto twice = s.call(verb::post, "/tickets/OO-2026-000001/reversals", agent_token,
                      R"({"entry": 3, "reason": "x"})");
  CHECK(twice.status == 409);
  CHECK(twice.error_code() == "conflict");

  CHECK(
      s.call(verb::post, "/tickets/OO-2026-000001/work", agent_token, R"({"minutes": 0})").status ==
      422);
  CHECK(s.call(verb::post, "/tickets/OO-2026-000001/work", agent_token,
               R"({"minutes": 5, "kind": "remote-ish"})")
            .error_code() == "invalid_argument");
  // Work before the ticket was opened is refused.
  auto before = s.call(verb::post, "/tickets/OO-2026-000001/work", agent_token,
                       R"({"minutes": 5, "start": "2026-03-01T08:00:00Z"})");
  CHECK(before.status == 422);
  CHECK(before.error_message().starts_with("start: got \"2026-03-01T08:00:00Z\""));
  CHECK(s.call(verb::get, "/work?from=2026-03-02T08:00:00Z").error_code() == "missing_field");
  CHECK(s.call(verb::get, "/work", customer_token("nordlys")).status == 403);
  CHECK(s.call(verb::get, "/work").json.at("work").as_array().size() == 2);
}

TEST_CASE("the contracts the server runs on") {
  TestServer s;
  auto listed = s.call(verb::get, "/contracts", admin_token);
  REQUIRE(listed.status == 200);
  std::vector<std::string> ids;
  for (const auto& k : listed.json.at("contracts").as_array())
    ids.push_back(str(k, "id") + " " + str(k, "prefix"));
  CHECK(ids == std::vector<std::string>{"1und1-cloudpbx CPBX", "meinofficeplus MOP", "oneoffice OO",
                                        "roewaplan RW", "solutionbar SB"});
  CHECK(s.call(verb::get, "/contracts", customer_token("nordlys")).status == 403);
  // oneoffice "project": priority low and outside the SLA (flagged no-sla, no clocks).
  auto project = s.call(verb::post, "/tickets", agent_token,
                        R"({"customer":"nordlys","subject":"New NAS","category":"project"})");
  REQUIRE(project.status == 201);
  CHECK(str(project.json, "priority") == "low");
  CHECK(s.call(verb::get, "/tickets/OO-2026-000001").json.at("clocks").as_array().empty());
  // What the body says wins over the contract's defaults.
  auto high =
      s.call(verb::post, "/tickets", agent_token,
             R"({"customer":"nordlys","subject":"x","category":"project","priority":"high"})");
  CHECK(str(high.json, "priority") == "high");
}

TEST_CASE("a month's statement and reports from the work logged through the server") {
  TestServer s;
  s.clock.set(*parse_iso8601("2026-11-16T08:00:00Z"));
  REQUIRE(s.call(verb::post, "/tickets", agent_token,
                 R"({"customer":"nordlys","subject":"BIOS error"})")
              .status == 201);
  s.clock.set(*parse_iso8601("2026-11-16T10:00:00Z"));
  // Monday 2026-11-16 10:00 Copenhagen (CET) is 09:00Z, inside office hours.
  REQUIRE(s.call(verb::post, "/tickets/OO-2026-000001/work", agent_token,
                 R"({"minutes": 30, "start": "2026-11-16T09:00:00Z"})")
              .status == 201);

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
  auto october = s.call(verb::get, "/statements?customer=nordlys&month=2026-10");
  REQUIRE(october.status == 200);
  CHECK(october.json.at("lines").as_array().empty());
  CHECK(str(october.json, "total") == "0.00");

  auto month13 = s.call(verb::get, "/statements?customer=nordlys&month=2026-13");
  CHECK(month13.status == 422);
  CHECK(month13.error_code() == "invalid_argument");
  CHECK(month13.error_message().starts_with("month: got \"2026-13\""));
  CHECK(s.call(verb::get, "/statements?customer=nordlys").error_code() == "missing_field");
  CHECK(s.call(verb::get, "/statements?month=2026-11").error_code() == "missing_field");
  CHECK(s.call(verb::get, "/statements?customer=nordlys&month=2026-11&vat=no").error_code() ==
        "unknown_field");
  CHECK(s.call(verb::get, "/statements?customer=zed&month=2026-11").status == 404);
  CHECK(s.call(verb::get, "/statements?customer=nordlys&month=2026-11", admin_token).status == 403);
  // A customer token reads its own statement, with or without naming itself.
  auto own = s.call(verb::get, "/statements?month=2026-11", customer_token("nordlys"));
  REQUIRE(own.status == 200);
  CHECK(str(own.json, "total") == "684.38");

  // The status mail as of now (Monday 10:00Z): the open ticket, its topic, 30 minutes worked,
  // no contingent under OneOffice.
  auto mail = s.call(verb::get, "/reports/status-mail?customer=nordlys&period=2026-11");
  REQUIRE(mail.status == 200);
  CHECK(str(mail.json, "month") == "2026-11");
  REQUIRE(mail.json.at("open_requests").as_array().size() == 1);
  CHECK(str(mail.json.at("open_requests").at(0), "ref") == "OO-2026-000001");
  CHECK(boost::json::serialize(mail.json.at("top_topics")) ==
        R"([{"category":"support","tickets":1}])");
  CHECK(mail.json.at("worked_minutes").to_number<int>() == 30);
  CHECK(mail.json.at("contingent").is_null());
  auto quarter = s.call(verb::get, "/reports/status-mail?customer=nordlys&period=2026-Q4");
  CHECK(quarter.status == 422);
  CHECK(quarter.error_message().starts_with("period: got \"2026-Q4\""));

  // The quarter's ticket report: one support ticket, its 30 minutes billed (over 15).
  auto q4 = s.call(verb::get, "/reports/tickets?customer=nordlys&period=2026-Q4");
  REQUIRE(q4.status == 200);
  CHECK(str(q4.json, "period") == "2026-Q4");
  CHECK(q4.json.at("tickets").to_number<int>() == 1);
  CHECK(boost::json::serialize(q4.json.at("by_category")) == R"([{"key":"support","tickets":1}])");
  CHECK(q4.json.at("billing").at("billed_minutes").to_number<int>() == 30);
  CHECK(q4.json.at("billing").at("included_minutes").to_number<int>() == 0);
  CHECK(s.call(verb::get, "/reports/tickets?customer=nordlys&period=2026-Q5").error_code() ==
        "invalid_argument");
  CHECK(s.call(verb::get, "/reports/tickets?period=2026-Q4").error_code() == "missing_field");
}
