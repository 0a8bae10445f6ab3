// A tierdesk-server running in-process on an ephemeral loopback port, with a fake clock, the
// contracts of one directory (the presets unless told otherwise), every notice recorded, an
// optional SLA watcher, and a Beast client that keeps one connection alive across calls.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "app.hpp"
#include "http_server.hpp"
#include "notifier.hpp"
#include "openapi_document.hpp"
#include "support/temp_dir.hpp"
#include "tierdesk/service/contract_book.hpp"
#include "watcher.hpp"

namespace tierdesk::test {

namespace http = boost::beast::http;

// Monday 2026-03-02 09:00 in Copenhagen (CET): the OneOffice office is open.
inline const Instant monday_0800z =
    std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + std::chrono::hours(8);

inline std::filesystem::path preset_contracts() {
  return std::filesystem::path(TIERDESK_SOURCE_DIR) / "examples/contracts";
}
// fastlane (FL, customer fjord: response 10 min, resolution 20 min on 24/7, warnings at 50 % and
// 75 %) and officehours (OH, customer harbour: notices held outside Mon–Fri 08–16 UTC).
inline std::filesystem::path watch_contracts() {
  return std::filesystem::path(TIERDESK_SOURCE_DIR) / "tests/server/contracts";
}

// Tokens the fixture stores (their digests): an agent, an admin, and one customer token per
// customer of the contracts, customer_token(id).
inline constexpr std::string_view agent_token = "td_agent_bo";
inline constexpr std::string_view admin_token = "td_admin_root";
inline std::string customer_token(std::string_view customer) {
  return fmt::format("td_customer_{}", customer);
}

struct Answer {
  unsigned status = 0;
  boost::json::value json{};
  std::string body;
  http::response<http::string_body> raw;
  // json["error"]["code"], or "" when the answer is no error.
  std::string error_code() const {
    if (!json.is_object() || !json.as_object().contains("error")) return {};
    return std::string(json.at("error").at("code").as_string());
  }
  std::string error_message() const {
    if (!json.is_object() || !json.as_object().contains("error")) return {};
    return std::string(json.at("error").at("message").as_string());
  }
};

// Every notice the server's desks and watcher hand over, in order.
class NoticeRecorder final : public Notifier {
 public:
  void notify(const Notice& notice) override {
    {
      std::lock_guard lock(mutex_);
      notices_.push_back(notice);
    }
    arrived_.notify_all();
  }
  // Waits (a bound, not a timing) until `count` notices have arrived.
  bool wait_for(std::size_t count) {
    std::unique_lock lock(mutex_);
    return arrived_.wait_for(lock, std::chrono::seconds(30),
                             [&] { return notices_.size() >= count; });
  }
  std::vector<Notice> notices() const {
    std::lock_guard lock(mutex_);
    return notices_;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<Notice> notices_;
};

// A client of GET /events on a connection of its own.
class EventClient {
 public:
  EventClient(unsigned short port, std::string_view token) : stream_(io_) {
    stream_.connect(
        boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> req{http::verb::get, "/events", 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::authorization, "Bearer " + std::string(token));
    http::write(stream_, req);
  }
  // Reads until `marker` has arrived (the server closing the stream first is a failure).
  const std::string& read_until(std::string_view marker) {
    while (got_.find(marker) == std::string::npos) {
      std::array<char, 512> chunk{};
      boost::system::error_code ec;
      const auto n = stream_.socket().read_some(boost::asio::buffer(chunk), ec);
      REQUIRE_FALSE(ec);
      got_.append(chunk.data(), n);
    }
    return got_;
  }
  const std::string& got() const { return got_; }
  boost::beast::tcp_stream& stream() { return stream_; }

 private:
  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_;
  std::string got_;
};

class TestServer {
 public:
  explicit TestServer(std::filesystem::path contracts = preset_contracts(),
                      std::size_t body_limit = 64 * 1024, bool replay = false)
      : clock(monday_0800z) {
    pool = std::move(*server::StorePool::open(
        {.path = testing::fresh_db_file(fmt::format("server-{}.db", counter()++)),
         .synchronous = Synchronous::normal},
        4));
    auto book = ContractBook::load(contracts);
    REQUIRE(book);
    {
      auto store = pool->lease();
      auto add = [&](std::string secret, std::string name, AccessRole role, std::string customer) {
        REQUIRE(store->add_token({.name = std::move(name),
                                  .role = role,
                                  .customer = std::move(customer),
                                  .digest = token_digest(secret),
                                  .created_at = monday_0800z}));
      };
      add(std::string(agent_token), "bo", AccessRole::agent, "");
      add(std::string(admin_token), "root", AccessRole::admin, "");
      for (const auto& k : book->contracts())
        for (const auto& c : k.customers)
          add(customer_token(c.id), "portal-" + c.id, AccessRole::customer, c.id);
    }
    notifier.add(recorder);
    app = std::make_unique<server::App>(
        server::AppConfig{
            .contracts = *book,
            .body_limit = body_limit,
            .openapi = server::openapi_document,
            .client_time = replay},
        *pool, clock, notifier);
    http_server = std::make_unique<server::HttpServer>(io, *app);
    streams = std::make_unique<server::EventStreamNotifier>(*http_server);
    notifier.add(*streams);
    auto bound = http_server->listen("127.0.0.1", 0);
    REQUIRE(bound);
    port = bound->port();
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io.run(); });
  }

  ~TestServer() { stop(); }

  // Starts the SLA watcher as the executable does: from the clock's now, re-armed on changes.
  server::SlaWatcher& start_watcher() {
    watcher =
        std::make_unique<server::SlaWatcher>(io, *pool, clock, app->config().contracts, notifier);
    app->on_tickets_changed([this] { watcher->tickets_changed(); });
    watcher->start();
    return *watcher;
  }

  // Waits (a bound, not a timing) until the watcher's timer is armed at `at`, or not at all.
  bool armed_at(std::optional<Instant> at) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (watcher->armed_at() != at && std::chrono::steady_clock::now() < give_up)
      std::this_thread::yield();
    return watcher->armed_at() == at;
  }

  void stop() {
    if (threads_.empty()) return;
    client_.reset();
    http_server->stop();
    if (watcher) watcher->stop();  // the io threads return once its timer is cancelled
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

  // One request on the kept-alive client connection.
  Answer call(http::verb method, const std::string& target, std::string_view token = agent_token,
              std::optional<std::string> body = std::nullopt) {
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + std::string(token));
    if (body) {
      req.set(http::field::content_type, "application/json");
      req.body() = *body;
    }
    req.prepare_payload();
    return send(req);
  }

  Answer send(http::request<http::string_body>& req) {
    if (!client_) client_ = std::make_unique<Client>(port);
    http::write(client_->stream, req);
    Answer a;
    http::read(client_->stream, client_->buffer, a.raw);
    a.status = a.raw.result_int();
    a.body = a.raw.body();
    boost::system::error_code ec;
    a.json = boost::json::parse(a.body, ec);
    if (!a.raw.keep_alive()) client_.reset();
    return a;
  }

  // A fresh connection per call (for requests that close theirs).
  void reconnect() { client_.reset(); }

  server::FakeClock clock;
  std::unique_ptr<server::StorePool> pool;
  NoticeRecorder recorder;
  FanOutNotifier notifier;
  boost::asio::io_context io;
  std::unique_ptr<server::App> app;
  std::unique_ptr<server::HttpServer> http_server;
  std::unique_ptr<server::EventStreamNotifier> streams;
  std::unique_ptr<server::SlaWatcher> watcher;
  unsigned short port = 0;

 private:
  struct Client {
    explicit Client(unsigned short port) : stream(io) {
      stream.connect(
          boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    }
    boost::asio::io_context io;
    boost::beast::tcp_stream stream;
    boost::beast::flat_buffer buffer;
  };
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::vector<std::thread> threads_;
  std::unique_ptr<Client> client_;
};

}  // namespace tierdesk::test
