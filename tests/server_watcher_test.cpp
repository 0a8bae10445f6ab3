// The server's SLA watcher with a fake clock, started as the executable starts it: from the
// contracts alone (tests/server/contracts). The timer is armed at the library watch's next
// wake; a test moves the fake clock there and re-arms, so the timer expires at once and
// fires. Also: notices held outside a contract's notice hours, escalation notices, the webhook
// on loopback and the SSE stream.
#include <doctest/doctest.h>
#include <fmt/ranges.h>

#include "server/test_server.hpp"

using namespace tierdesk;
using namespace tierdesk::test;
using namespace std::chrono_literals;
using http::verb;

namespace {

// Notices as "at kind level clock delivered_at" (SLA) or "kind recipient delivered_at".
std::vector<std::string> lines(const std::vector<Notice>& notices) {
  std::vector<std::string> out;
  for (const auto& n : notices) {
    if (n.clock)
      out.push_back(fmt::format("{} {} {} {} {}", format_utc(n.at), to_string(n.kind), n.level,
                                n.clock->str(), format_utc(n.delivered_at)));
    else
      out.push_back(
          fmt::format("{} {} {}", to_string(n.kind), n.recipient, format_utc(n.delivered_at)));
  }
  return out;
}

// GET /due?within=1h&warnings=true as "at clock kind".
std::vector<std::string> due(TestServer& s) {
  auto a = s.call(verb::get, "/due?within=1h&warnings=true");
  REQUIRE(a.status == 200);
  std::vector<std::string> out;
  for (const auto& x : a.json.at("alarms").as_array())
    out.push_back(fmt::format("{} {} {}", std::string_view(x.at("at").as_string()),
                              std::string_view(x.at("clock").as_string()),
                              std::string_view(x.at("kind").as_string())));
  return out;
}

// Moves the fake clock to the instant the watcher is armed at and re-arms: the timer expires
// at once and fires.
void wake_at(TestServer& s, Instant at) {
  REQUIRE(s.armed_at(at));
  s.clock.set(at);
  s.watcher->tickets_changed();
}

std::string iso(Instant t) { return format_utc(t); }

}  // namespace

TEST_CASE(
    "regression: started with contracts only, the watcher delivers every notice and /due keeps the "
    "ticket") {
  // On the old server, recording the first notice rebuilt the ticket's clock cache from the
  // server-wide settings, which had no policy: later warnings and the breach never came and
  // the ticket dropped out of /due.
  TestServer s(watch_contracts());
  s.start_watcher();
  CHECK(s.armed_at(std::nullopt));
  const Instant t0 = monday_0800z;
  auto opened =
      s.call(verb::post, "/tickets", agent_token, R"({"customer":"fjord","subject":"Mail down"})");
  REQUIRE(opened.status == 201);
  CHECK(std::string_view(opened.json.at("ref").as_string()) == "FL-2026-000001");
  CHECK(std::string_view(opened.json.at("priority").as_string()) == "normal");

  // Response 10 min (warnings at 5 and 7:30), resolution 20 min (warnings at 10 and 15).
  const std::vector<std::string> all{
      iso(t0 + 5min) + " response warning",    iso(t0 + 7min + 30s) + " response warning",
      iso(t0 + 10min) + " resolution warning", iso(t0 + 10min) + " response due",
      iso(t0 + 15min) + " resolution warning", iso(t0 + 20min) + " resolution due"};
  CHECK(due(s) == all);

  struct Step {
    Instant at;
    std::size_t notices;   // delivered so far
    std::size_t due_from;  // the first alarm of `all` still listed after the step
  };
  const Step steps[] = {{t0 + 5min, 1, 0},
                        {t0 + 7min + 30s, 2, 1},
                        {t0 + 10min, 4, 2},
                        {t0 + 15min, 5, 4},
                        {t0 + 20min, 6, 5}};
  for (const auto& step : steps) {
    CAPTURE(iso(step.at));
    wake_at(s, step.at);
    REQUIRE(s.recorder.wait_for(step.notices));
    CHECK(s.recorder.notices().size() == step.notices);
    // Every instant not yet passed is still due: the clocks kept running.
    CHECK(due(s) == std::vector<std::string>(
                        all.begin() + static_cast<std::ptrdiff_t>(step.due_from), all.end()));
  }
  CHECK(s.armed_at(std::nullopt));
  CHECK(lines(s.recorder.notices()) ==
        std::vector<std::string>{
            "2026-03-02T08:05:00Z sla_warning 1 response 2026-03-02T08:05:00Z",
            "2026-03-02T08:07:30Z sla_warning 2 response 2026-03-02T08:07:30Z",
            "2026-03-02T08:10:00Z sla_warning 1 resolution 2026-03-02T08:10:00Z",
            "2026-03-02T08:10:00Z sla_breach 0 response 2026-03-02T08:10:00Z",
            "2026-03-02T08:15:00Z sla_warning 2 resolution 2026-03-02T08:15:00Z",
            "2026-03-02T08:20:00Z sla_breach 0 resolution 2026-03-02T08:20:00Z"});
  for (const auto& n : s.recorder.notices()) {
    CHECK(n.customer == "fjord");
    CHECK(n.recipient == "desk");
  }
  CHECK(s.recorder.notices().back().text ==
        "FL-2026-000001 clock resolution breached at 2026-03-02T08:20:00Z");

  // The clock cache is the one the ticket's last change computed: recording a notice leaves it
  // alone, so both clocks still run with their due instants until the ticket is resolved.
  auto shown = s.call(verb::get, "/tickets/FL-2026-000001");
  std::vector<std::string> clocks;
  for (const auto& c : shown.json.at("clocks").as_array())
    clocks.push_back(fmt::format(
        "{} {} {}", std::string_view(c.at("clock").as_string()),
        std::string_view(c.at("state").as_string()),
        c.as_object().contains("due") ? std::string_view(c.at("due").as_string()) : "-"));
  CHECK(clocks == std::vector<std::string>{"resolution running 2026-03-02T08:20:00Z",
                                           "response running 2026-03-02T08:10:00Z"});
  auto history = s.call(verb::get, "/tickets/FL-2026-000001/history");
  REQUIRE(history.json.at("events").as_array().size() == 7);  // created + 6 notices
  CHECK(std::string_view(history.json.at("events").at(6).at("actor").as_string()) == "sla-watch");

  s.clock.set(t0 + 25min);
  REQUIRE(
      s.call(verb::post, "/tickets/FL-2026-000001/status", agent_token, R"({"status":"resolved"})")
          .status == 200);
  clocks.clear();
  auto after = s.call(verb::get, "/tickets/FL-2026-000001");
  for (const auto& c : after.json.at("clocks").as_array())
    clocks.push_back(fmt::format("{} {} {}", std::string_view(c.at("clock").as_string()),
                                 std::string_view(c.at("state").as_string()),
                                 c.as_object().contains("breached_at")
                                     ? std::string_view(c.at("breached_at").as_string())
                                     : "-"));
  const std::string resolved_clocks = fmt::format("{}", fmt::join(clocks, "; "));
  CAPTURE(resolved_clocks);
  CHECK(clocks == std::vector<std::string>{"resolution breached 2026-03-02T08:20:00Z",
                                           "response breached 2026-03-02T08:10:00Z"});
  CHECK(due(s).empty());
  CHECK(s.armed_at(std::nullopt));
}

TEST_CASE(
    "notices outside the contract's notice hours are held until they open; escalations go at "
    "once") {
  TestServer s(watch_contracts());
  // Friday 2026-03-06 15:00Z: officehours delivers notices Mon–Fri 08–16 UTC; a critical ticket
  // runs on 24/7 (response 1 h, resolution 4 h, a warning at 75 %).
  const Instant friday_1500z = std::chrono::sys_days{std::chrono::year{2026} / 3 / 6} + 15h;
  const Instant monday_0800z_next = std::chrono::sys_days{std::chrono::year{2026} / 3 / 9} + 8h;
  s.clock.set(friday_1500z);
  s.start_watcher();
  REQUIRE(s.call(verb::post, "/tickets", agent_token,
                 R"({"customer":"harbour","subject":"Servers down"})")
              .status == 201);
  wake_at(s, friday_1500z + 45min);  // the response warning, in office hours
  REQUIRE(s.recorder.wait_for(1));
  // 16:00: the response breach is held; its escalation rule moves the ticket to the 2nd level
  // and that notice goes at once.
  wake_at(s, friday_1500z + 1h);
  REQUIRE(s.recorder.wait_for(2));
  wake_at(s, friday_1500z + 3h);  // the resolution warning, held
  wake_at(s, friday_1500z + 4h);  // the resolution breach, held
  CHECK(s.recorder.notices().size() == 2);
  wake_at(s, monday_0800z_next);  // the office opens: the held notices go
  REQUIRE(s.recorder.wait_for(5));
  CHECK(s.armed_at(std::nullopt));
  CHECK(lines(s.recorder.notices()) ==
        std::vector<std::string>{
            "2026-03-06T15:45:00Z sla_warning 1 response 2026-03-06T15:45:00Z",
            "escalated 2nd level 2026-03-06T16:00:00Z",
            "2026-03-06T16:00:00Z sla_breach 0 response 2026-03-09T08:00:00Z",
            "2026-03-06T18:00:00Z sla_warning 1 resolution 2026-03-09T08:00:00Z",
            "2026-03-06T19:00:00Z sla_breach 0 resolution 2026-03-09T08:00:00Z"});
  auto t = s.call(verb::get, "/tickets/OH-2026-000001");
  CHECK(t.json.at("tier").as_int64() == 2);
  auto history = s.call(verb::get, "/tickets/OH-2026-000001/history");
  std::vector<std::string> held;
  for (const auto& e : history.json.at("events").as_array())
    if (const auto* h = e.at("payload").as_object().if_contains("held_until"))
      held.emplace_back(h->as_string());
  CHECK(held == std::vector<std::string>(3, "2026-03-09T08:00:00Z"));
}

TEST_CASE("the webhook POSTs each notice as JSON") {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const auto port = acceptor.local_endpoint().port();
  std::vector<std::string> targets, bodies, types;
  std::thread hook([&] {
    for (int i = 0; i < 2; ++i) {
      auto socket = acceptor.accept();
      boost::beast::flat_buffer buffer;
      http::request<http::string_body> req;
      http::read(socket, buffer, req);
      targets.emplace_back(req.target());
      types.emplace_back(req[http::field::content_type]);
      bodies.push_back(req.body());
      http::response<http::string_body> res{http::status::no_content, 11};
      http::write(socket, res);
    }
  });
  {
    auto webhook =
        server::WebhookNotifier::create(fmt::format("http://127.0.0.1:{}/hooks/sla", port), {});
    REQUIRE(webhook);
    (*webhook)->notify({.kind = NoticeKind::sla_breach,
                        .ref = *TicketRef::parse("OO-2026-000001"),
                        .customer = "nordlys",
                        .recipient = "desk",
                        .text = "OO-2026-000001 clock response breached at 2026-03-02T09:00:00Z",
                        .at = monday_0800z + 1h,
                        .delivered_at = monday_0800z + 1h,
                        .clock = *ClockId::parse("response")});
    (*webhook)->notify({.kind = NoticeKind::contingent_exhausted,
                        .ref = *TicketRef::parse("SB-2026-000003"),
                        .customer = "mueller",
                        .recipient = "petra",
                        .text = "used up",
                        .at = monday_0800z,
                        .delivered_at = monday_0800z});
  }  // the destructor delivers what is queued
  hook.join();
  CHECK(targets == std::vector<std::string>(2, "/hooks/sla"));
  CHECK(types == std::vector<std::string>(2, "application/json"));
  CHECK(
      bodies ==
      std::vector<std::string>{
          R"({"ref":"OO-2026-000001","clock":"response","kind":"breach","level":0,)"
          R"("at":"2026-03-02T09:00:00Z","delivered_at":"2026-03-02T09:00:00Z","customer":"nordlys",)"
          R"("recipient":"desk","text":"OO-2026-000001 clock response breached at 2026-03-02T09:00:00Z"})",
          R"({"ref":"SB-2026-000003","kind":"contingent-exhausted","at":"2026-03-02T08:00:00Z",)"
          R"("delivered_at":"2026-03-02T08:00:00Z","customer":"mueller","recipient":"petra",)"
          R"("text":"used up"})"});
  CHECK_FALSE(server::WebhookNotifier::create("https://example.org/x", {}).has_value());
}

TEST_CASE("GET /events streams each notice of the watcher, and ends when the server stops") {
  TestServer s(watch_contracts());
  s.start_watcher();
  EventClient events(s.port, agent_token);
  events.read_until("\r\n\r\n: tierdesk events\n\n");
  CHECK(events.got().starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(events.got().find("Content-Type: text/event-stream\r\n") != std::string::npos);
  REQUIRE(
      s.call(verb::post, "/tickets", agent_token, R"({"customer":"fjord","subject":"Mail down"})")
          .status == 201);
  wake_at(s, monday_0800z + 5min);
  events.read_until("}\n\n");
  CHECK(events.got().ends_with(
      ": tierdesk events\n\nevent: sla\ndata: "
      "{\"ref\":\"FL-2026-000001\",\"clock\":\"response\",\"kind\":\"warning\","
      "\"level\":1,\"at\":\"2026-03-02T08:05:00Z\",\"delivered_at\":\"2026-03-02T08:05:00Z\","
      "\"customer\":\"fjord\","
      "\"recipient\":\"desk\",\"text\":\"FL-2026-000001 clock response reached warning 1 at "
      "2026-03-02T08:05:00Z\"}"
      "\n\n"));
  s.stop();  // ends the stream
  boost::system::error_code ec;
  std::array<char, 16> rest{};
  events.stream().socket().read_some(boost::asio::buffer(rest), ec);
  CHECK(ec == boost::asio::error::eof);
}

TEST_CASE("a burst of ticket changes re-arms the watcher once, not once per change") {
  // After 10 s of POST /tickets the old watcher re-armed once per change, queued on its strand,
  // and kept a core busy for minutes after the burst (and delayed SIGTERM behind it).
  TestServer s(watch_contracts());
  boost::asio::io_context idle;  // not running while the burst is queued
  server::SlaWatcher w(idle, *s.pool, s.clock, s.app->config().contracts, s.notifier);
  w.start();
  for (int i = 0; i < 10000; ++i) w.tickets_changed();
  idle.poll();  // runs what is ready: the start's arm and one re-arm for the whole burst
  CHECK(w.arms() == 2);
  w.tickets_changed();
  idle.restart();  // poll() ran out of work: the context stopped
  idle.poll();
  CHECK(w.arms() == 3);
  w.stop();
  idle.restart();
  idle.poll();
}
