// The SLA watcher with a fake clock: where it arms, what each firing writes and notifies, the
// hold-until-business-hours policy, the timer itself (armed at an instant the fake clock has
// already reached, so it fires without waiting), the webhook on loopback and the SSE stream.
#include <condition_variable>
#include <mutex>

#include <doctest/doctest.h>

#include "server/test_server.hpp"
#include "tierdesk/calendar_json.hpp"
#include "watcher.hpp"

using namespace tierdesk;
using namespace tierdesk::test;
using namespace std::chrono_literals;
using http::verb;

namespace {

// Notices as "at kind level clock delivered_at", sorted.
std::vector<std::string> lines(std::vector<server::SlaNotice> notices) {
  std::vector<std::string> out;
  for (const auto& n : notices)
    out.push_back(fmt::format("{} {} {} {} {}", format_utc(n.at), n.kind, n.level, n.clock, format_utc(n.delivered_at)));
  std::sort(out.begin(), out.end());
  return out;
}

struct Recorder {
  std::mutex mutex;
  std::condition_variable arrived;
  std::vector<server::SlaNotice> notices;
  server::FunctionNotifier notifier{[this](const server::SlaNotice& n) {
    {
      std::lock_guard lock(mutex);
      notices.push_back(n);
    }
    arrived.notify_all();
  }};
  bool wait_for(std::size_t count) {
    std::unique_lock lock(mutex);
    return arrived.wait_for(lock, 30s, [&] { return notices.size() >= count; });
  }
};

server::WatcherOptions options(const TestServer& s) {
  return {.desk = {.prefix = "OO", .clocks = s.config.clocks}};
}

}  // namespace

TEST_CASE("the watcher wakes at the first warning, fires it, writes events, then moves on") {
  TestServer s;
  REQUIRE(s.call(verb::post, "/tickets", agent_token,
                 R"({"customer":"acme","contract":"k","subject":"VPN down","priority":"high"})").status == 201);
  Recorder rec;
  server::SlaWatcher watcher(s.io, *s.pool, s.clock, rec.notifier, options(s));
  watcher.watch_from(monday_0800z);
  CHECK(watcher.next_wake().value() == monday_0800z + 45min);

  auto none = watcher.fire(monday_0800z + 44min);
  REQUIRE(none);
  CHECK(none->empty());
  auto first = watcher.fire(monday_0800z + 45min);
  REQUIRE(first);
  CHECK(lines(*first) == std::vector<std::string>{
                             "2026-03-02T08:45:00Z warning 1 response 2026-03-02T08:45:00Z",
                             "2026-03-02T08:45:00Z warning 1 triage 2026-03-02T08:45:00Z"});
  CHECK(rec.notices.size() == 2);
  // 90 % of an hour next; then the dues at 09:00Z; the resolution (2 h) warns at 09:30Z, 09:48Z.
  CHECK(watcher.next_wake().value() == monday_0800z + 54min);
  auto rest = watcher.fire(monday_0800z + 2h);
  REQUIRE(rest);
  CHECK(lines(*rest) == std::vector<std::string>{
                            "2026-03-02T08:54:00Z warning 2 response 2026-03-02T10:00:00Z",
                            "2026-03-02T08:54:00Z warning 2 triage 2026-03-02T10:00:00Z",
                            "2026-03-02T09:00:00Z breach 0 response 2026-03-02T10:00:00Z",
                            "2026-03-02T09:00:00Z breach 0 triage 2026-03-02T10:00:00Z",
                            "2026-03-02T09:30:00Z warning 1 resolution 2026-03-02T10:00:00Z",
                            "2026-03-02T09:48:00Z warning 2 resolution 2026-03-02T10:00:00Z",
                            "2026-03-02T10:00:00Z breach 0 resolution 2026-03-02T10:00:00Z"});
  CHECK(watcher.next_wake().value() == std::nullopt);

  auto store = s.pool->lease();
  auto history = store->history(*TicketRef::parse("OO-2026-000001"));
  REQUIRE(history);
  REQUIRE(history->size() == 10);  // created + 9 notices
  const auto& e = (*history)[1];
  CHECK(e.kind == HistoryKind::notified);
  CHECK(e.actor == "sla-watcher");
  CHECK(e.at == monday_0800z + 45min);
  CHECK(e.value == "sla_warning");
  CHECK(e.get("level") == "1");
  auto notes = store->notifications(*TicketRef::parse("OO-2026-000001"));
  REQUIRE(notes);
  CHECK(notes->size() == 9);
  CHECK(notes->back().kind == "sla_breach");
  CHECK(notes->back().text == "OO-2026-000001 clock resolution breached at 2026-03-02T10:00:00Z");
}

TEST_CASE("notices outside business hours are held until the calendar opens") {
  TestServer s;
  // Friday 2026-03-06 15:00 Copenhagen (14:00Z): the office has just closed; a critical
  // ticket runs on the 24/7 on-call calendar (triage and response 1 h, resolution 4 h).
  const Instant friday_1400z = std::chrono::sys_days{std::chrono::year{2026} / 3 / 6} + 14h;
  const Instant monday_0700z = std::chrono::sys_days{std::chrono::year{2026} / 3 / 9} + 7h;  // the office opens, 08:00 local
  s.clock.set(friday_1400z);
  REQUIRE(s.call(verb::post, "/tickets", agent_token,
                 R"({"customer":"acme","contract":"k","subject":"Servers down","priority":"critical"})").status == 201);
  auto office = load_calendar_file(std::filesystem::path(TIERDESK_SOURCE_DIR) / "examples/calendars/dk-oneoffice.json");
  REQUIRE(office);
  Recorder rec;
  auto opts = options(s);
  opts.hold_outside = *office;
  server::SlaWatcher watcher(s.io, *s.pool, s.clock, rec.notifier, opts);
  watcher.watch_from(friday_1400z);

  std::vector<server::SlaNotice> delivered;
  std::vector<Instant> wakes;
  for (int step = 0; step < 20; ++step) {
    auto wake = watcher.next_wake();
    REQUIRE(wake);
    if (!*wake) break;
    wakes.push_back(**wake);
    auto fired = watcher.fire(**wake);
    REQUIRE(fired);
    delivered.insert(delivered.end(), fired->begin(), fired->end());
  }
  // Every instant is fired on Friday evening, nothing is delivered before Monday 08:00 local.
  CHECK(wakes == std::vector<Instant>{friday_1400z + 45min, friday_1400z + 54min, friday_1400z + 1h,
                                      friday_1400z + 3h, friday_1400z + 3h + 36min, friday_1400z + 4h,
                                      monday_0700z});
  CHECK(lines(delivered) == std::vector<std::string>{
                                "2026-03-06T14:45:00Z warning 1 response 2026-03-09T07:00:00Z",
                                "2026-03-06T14:45:00Z warning 1 triage 2026-03-09T07:00:00Z",
                                "2026-03-06T14:54:00Z warning 2 response 2026-03-09T07:00:00Z",
                                "2026-03-06T14:54:00Z warning 2 triage 2026-03-09T07:00:00Z",
                                "2026-03-06T15:00:00Z breach 0 response 2026-03-09T07:00:00Z",
                                "2026-03-06T15:00:00Z breach 0 triage 2026-03-09T07:00:00Z",
                                "2026-03-06T17:00:00Z warning 1 resolution 2026-03-09T07:00:00Z",
                                "2026-03-06T17:36:00Z warning 2 resolution 2026-03-09T07:00:00Z",
                                "2026-03-06T18:00:00Z breach 0 resolution 2026-03-09T07:00:00Z"});
  auto store = s.pool->lease();
  auto history = store->history(*TicketRef::parse("OO-2026-000001"));
  REQUIRE(history);
  REQUIRE(history->size() == 10);
  CHECK((*history)[1].get("held_until") == "2026-03-09T07:00:00Z");
}

TEST_CASE("the timer fires when the fake clock has passed the armed instant, and re-arms on changes") {
  TestServer s;
  Recorder rec;
  server::SlaWatcher watcher(s.io, *s.pool, s.clock, rec.notifier, options(s));
  watcher.start();  // nothing to wait for yet
  s.app->on_tickets_changed([&] { watcher.tickets_changed(); });
  REQUIRE(s.call(verb::post, "/tickets", agent_token,
                 R"({"customer":"acme","contract":"k","subject":"VPN down","priority":"high"})").status == 201);
  // The re-arm runs on the watcher's strand: wait until it is visible (a bound, not a timing).
  const auto give_up = std::chrono::steady_clock::now() + 30s;
  while (watcher.armed_at() != monday_0800z + 45min && std::chrono::steady_clock::now() < give_up)
    std::this_thread::yield();
  CHECK(watcher.armed_at() == monday_0800z + 45min);
  s.clock.set(monday_0800z + 50min);
  watcher.tickets_changed();  // re-arm: the instant is past, so the timer expires at once
  REQUIRE(rec.wait_for(2));
  CHECK(lines(rec.notices) == std::vector<std::string>{
                                  "2026-03-02T08:45:00Z warning 1 response 2026-03-02T08:50:00Z",
                                  "2026-03-02T08:45:00Z warning 1 triage 2026-03-02T08:50:00Z"});
  watcher.stop();
  s.stop();  // the io threads return once the timer is cancelled; then the watcher may go
}

TEST_CASE("the webhook POSTs each notice as JSON") {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const auto port = acceptor.local_endpoint().port();
  std::string received_target, received_body, received_type;
  std::thread hook([&] {
    auto socket = acceptor.accept();
    boost::beast::flat_buffer buffer;
    http::request<http::string_body> req;
    http::read(socket, buffer, req);
    received_target = std::string(req.target());
    received_type = std::string(req[http::field::content_type]);
    received_body = req.body();
    http::response<http::string_body> res{http::status::no_content, 11};
    http::write(socket, res);
  });
  {
    auto webhook = server::WebhookNotifier::create(fmt::format("http://127.0.0.1:{}/hooks/sla", port), {});
    REQUIRE(webhook);
    (*webhook)->notify({.ref = *TicketRef::parse("OO-2026-000001"), .clock = "response", .kind = "breach",
                        .level = 0, .at = monday_0800z + 1h, .delivered_at = monday_0800z + 1h});
  }  // the destructor delivers what is queued
  hook.join();
  CHECK(received_target == "/hooks/sla");
  CHECK(received_type == "application/json");
  CHECK(received_body == R"({"ref":"OO-2026-000001","clock":"response","kind":"breach","level":0,)"
                         R"("at":"2026-03-02T09:00:00Z","delivered_at":"2026-03-02T09:00:00Z"})");
  CHECK_FALSE(server::WebhookNotifier::create("https://example.org/x", {}).has_value());
}

TEST_CASE("GET /events streams each published notice") {
  TestServer s;
  boost::asio::io_context io;
  boost::beast::tcp_stream stream(io);
  stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), s.port));
  http::request<http::string_body> req{verb::get, "/events", 11};
  req.set(http::field::authorization, "Bearer " + std::string(agent_token));
  http::write(stream, req);
  std::string got;
  auto read_until = [&](std::string_view marker) {
    while (got.find(marker) == std::string::npos) {
      std::array<char, 512> chunk{};
      const auto n = stream.read_some(boost::asio::buffer(chunk));
      got.append(chunk.data(), n);
    }
  };
  read_until("\r\n\r\n: tierdesk events\n\n");
  CHECK(got.starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(got.find("Content-Type: text/event-stream\r\n") != std::string::npos);
  s.http_server->publish("sla", R"({"ref":"OO-2026-000001"})");
  read_until("}\n\n");
  CHECK(got.ends_with(": tierdesk events\n\nevent: sla\ndata: {\"ref\":\"OO-2026-000001\"}\n\n"));
  s.stop();  // ends the stream
  boost::system::error_code ec;
  std::array<char, 16> rest{};
  stream.read_some(boost::asio::buffer(rest), ec);
  CHECK(ec == boost::asio::error::eof);
}
