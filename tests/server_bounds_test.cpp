// The server's per-client queues are bounded: an event stream whose client does not read is cut
// off (the others get every event), and a webhook endpoint that never answers neither grows the
// queue without end nor holds up the shutdown.
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "http_session.hpp"
#include "server/test_server.hpp"

using namespace tierdesk;
using boost::asio::ip::tcp;

namespace {

Notice notice(std::string text) {
  return {.kind = NoticeKind::sla_warning,
          .ref = TicketRef::parse("OO-2026-000001").value(),
          .customer = "nordlys",
          .recipient = "desk",
          .text = std::move(text),
          .at = test::monday_0800z,
          .delivered_at = test::monday_0800z};
}

}  // namespace

TEST_CASE("an event stream that is not read is cut off; the other streams get every event") {
  test::TestServer s;
  const tcp::endpoint server{boost::asio::ip::make_address("127.0.0.1"), s.port};

  // A client that asks for the stream, reads its header, then never reads again.
  boost::asio::io_context io;
  tcp::socket stuck(io);
  stuck.open(tcp::v4());
  stuck.set_option(tcp::socket::receive_buffer_size(4096));
  stuck.connect(server);
  const std::string request = fmt::format(
      "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {}\r\n\r\n",
      test::agent_token);
  boost::asio::write(stuck, boost::asio::buffer(request));
  // The response header: once it is here, the stream is registered and gets every event.
  const auto read_header = [](tcp::socket& socket) {
    std::string head;
    while (head.find(": tierdesk events\n\n") == std::string::npos) {
      std::array<char, 1> byte{};
      head.append(byte.data(), socket.read_some(boost::asio::buffer(byte)));
    }
  };
  read_header(stuck);

  // A client that reads everything, on a thread of its own: it counts the events and keeps
  // the last one it saw.
  tcp::socket reader(io);
  reader.connect(server);
  boost::asio::write(reader, boost::asio::buffer(request));
  read_header(reader);
  constexpr int events = 3000;  // 12 MB: beyond the socket buffers and 1024 queued events
  const std::string filler(4096, 'x');
  const std::string last = "\"" + filler + std::to_string(events - 1) + "\"";
  std::atomic<long> read_events = 0;
  boost::system::error_code read_error;
  std::thread reading([&] {
    std::string window;  // what has arrived since the last complete event
    for (;;) {
      std::array<char, 65536> chunk{};
      const auto n = reader.read_some(boost::asio::buffer(chunk), read_error);
      if (read_error) return;
      window.append(chunk.data(), n);
      for (auto end = window.find("\n\n"); end != std::string::npos; end = window.find("\n\n")) {
        const bool done = window.compare(0, 6, "event:") == 0 &&
                          window.substr(0, end).find(last) != std::string::npos;
        if (window.compare(0, 6, "event:") == 0) ++read_events;
        window.erase(0, end + 2);
        if (done) return;
      }
    }
  });
  // Published in bursts of 256, each once the reader has the one before: a reader that reads
  // is never as far behind as the limit, however fast this thread publishes.
  constexpr int burst = 256;
  for (int i = 0; i < events; ++i) {
    if (i % burst == 0 && i > 0) {
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      while (read_events.load() < i - burst && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    s.streams->notify(notice(filler + std::to_string(i)));
  }
  reading.join();
  CHECK_FALSE(read_error);
  CHECK(read_events.load() == events);

  // The stuck client gets what its buffers held, then the end of the stream: it was cut off
  // rather than buffered without end.
  std::string rest;
  boost::system::error_code ec;
  for (;;) {
    std::array<char, 65536> chunk{};
    const auto n = stuck.read_some(boost::asio::buffer(chunk), ec);
    if (ec) break;
    rest.append(chunk.data(), n);
  }
  CHECK((ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset));
  const auto received = std::count(rest.begin(), rest.end(), '\n') / 3;  // event, data, blank
  CHECK(received < events - static_cast<long>(server::max_stream_backlog));
  CHECK(rest.find(filler + std::to_string(events - 1)) == std::string::npos);
}

TEST_CASE("a webhook endpoint that never answers: a bounded queue and a shutdown that does not wait") {
  // Listens (so connecting and writing succeed) but never accepts, reads or answers.
  boost::asio::io_context io;
  tcp::acceptor silent(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  std::mutex mutex;
  std::vector<std::string> log;
  auto hook = server::WebhookNotifier::create(
      fmt::format("http://127.0.0.1:{}/hook", silent.local_endpoint().port()),
      [&](const std::string& line) {
        std::lock_guard lock(mutex);
        log.push_back(line);
      });
  REQUIRE(hook);
  for (std::size_t i = 0; i < server::max_webhook_backlog + 5; ++i)
    (*hook)->notify(notice("warning " + std::to_string(i)));
  // The destructor returns: what is queued gets webhook_drain, the delivery under way is cut
  // then too. Before, it waited forever for an answer (blocking reads have no timeout).
  hook->reset();

  std::lock_guard lock(mutex);
  CHECK(std::ranges::count(log, "webhook: 10000 notices queued, dropping new ones until it drains") == 1);
  const auto not_sent = std::ranges::find_if(log, [](const std::string& line) {
    return line.starts_with("webhook: ") && line.ends_with(" notices not sent at shutdown");
  });
  REQUIRE(not_sent != log.end());
  // Nothing was delivered: every notice but the one under way (at most) is reported.
  const auto count = std::stoul(not_sent->substr(9));
  CHECK(count >= server::max_webhook_backlog - 1);
  CHECK(count <= server::max_webhook_backlog);
}
