// A tierdesk-server running in-process on an ephemeral loopback port, with a fake clock, and
// a Beast client that keeps one connection alive across calls.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "app.hpp"
#include "http_server.hpp"
#include "openapi_document.hpp"
#include "tierdesk/sla_json.hpp"
#include "tierdesk/ticket_clocks.hpp"

namespace tierdesk::test {

namespace http = boost::beast::http;

// Monday 2026-03-02 09:00 in Copenhagen (CET): the OneOffice office is open.
inline const Instant monday_0800z = std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + std::chrono::hours(8);

// Tokens the fixture stores (their digests) for each role.
inline constexpr std::string_view agent_token = "td_agent_bo";
inline constexpr std::string_view acme_token = "td_customer_acme";
inline constexpr std::string_view beta_token = "td_customer_beta";
inline constexpr std::string_view admin_token = "td_admin_root";

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
};

class TestServer {
 public:
  explicit TestServer(std::size_t body_limit = 64 * 1024, std::vector<Contract> contracts = {})
      : clock(monday_0800z) {
    dir_ = std::filesystem::temp_directory_path() /
           ("tierdesk-server-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    pool = std::move(*server::StorePool::open({.path = (dir_ / "desk.db").string(),
                                               .synchronous = Synchronous::normal},
                                              3));
    auto policy = load_policy_file(std::filesystem::path(TIERDESK_SOURCE_DIR) / "examples/policies/oneoffice.json");
    REQUIRE(policy);
    config = {.prefix = "OO", .clocks = sla_clock_function(*policy), .body_limit = body_limit,
              .openapi = server::openapi_document, .contracts = std::move(contracts)};
    {
      auto store = pool->lease();
      auto add = [&](std::string_view secret, std::string name, AccessRole role, std::string customer) {
        REQUIRE(store->add_token({.name = std::move(name), .role = role, .customer = std::move(customer),
                                  .digest = token_digest(secret), .created_at = monday_0800z}));
      };
      add(agent_token, "bo", AccessRole::agent, "");
      add(acme_token, "portal-acme", AccessRole::customer, "acme");
      add(beta_token, "portal-beta", AccessRole::customer, "beta");
      add(admin_token, "root", AccessRole::admin, "");
    }
    app = std::make_unique<server::App>(config, *pool, clock);
    http_server = std::make_unique<server::HttpServer>(io, *app);
    auto bound = http_server->listen("127.0.0.1", 0);
    REQUIRE(bound);
    port = bound->port();
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io.run(); });
  }

  ~TestServer() {
    client_.reset();
    stop();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  void stop() {
    if (threads_.empty()) return;
    client_.reset();
    http_server->stop();
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
  server::AppConfig config;
  boost::asio::io_context io;
  std::unique_ptr<server::App> app;
  std::unique_ptr<server::HttpServer> http_server;
  unsigned short port = 0;

 private:
  struct Client {
    explicit Client(unsigned short port) : stream(io) {
      stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    }
    boost::asio::io_context io;
    boost::beast::tcp_stream stream;
    boost::beast::flat_buffer buffer;
  };
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::filesystem::path dir_;
  std::vector<std::thread> threads_;
  std::unique_ptr<Client> client_;
};

}  // namespace tierdesk::test
