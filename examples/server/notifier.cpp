#include "notifier.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include "http_server.hpp"

namespace tierdesk::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

namespace {

bool is_sla(const Notice& n) {
  return n.kind == NoticeKind::sla_warning || n.kind == NoticeKind::sla_breach;
}

}  // namespace

boost::json::object notice_json(const Notice& n) {
  boost::json::object o;
  o["ref"] = n.ref.str();
  if (is_sla(n)) {
    o["clock"] = n.clock ? n.clock->str() : std::string();
    o["kind"] = n.kind == NoticeKind::sla_breach ? "breach" : "warning";
    o["level"] = n.level;
  } else {
    o["kind"] = to_string(n.kind);
  }
  o["at"] = format_utc(n.at);
  o["delivered_at"] = format_utc(n.delivered_at);
  o["customer"] = n.customer;
  o["recipient"] = n.recipient;
  o["text"] = n.text;
  return o;
}

std::string_view notice_event(const Notice& n) { return is_sla(n) ? "sla" : "notice"; }

void EventStreamNotifier::notify(const Notice& notice) {
  server_.publish(notice_event(notice), boost::json::serialize(notice_json(notice)),
                  notice.customer);
}

Result<std::unique_ptr<WebhookNotifier>> WebhookNotifier::create(
    const std::string& url, std::function<void(const std::string&)> log) {
  auto u = boost::urls::parse_absolute_uri(url);
  if (!u || u->scheme() != "http" || u->host().empty())
    return fail(
        Error::invalid(Errc::invalid_argument, "--webhook", url, "http://host[:port]/path"));
  std::string target = u->encoded_path().empty() ? "/" : std::string(u->encoded_path());
  if (u->has_query()) target += "?" + std::string(u->encoded_query());
  return std::unique_ptr<WebhookNotifier>(new WebhookNotifier(
      u->host(), u->has_port() ? std::string(u->port()) : "80", std::move(target), std::move(log)));
}

WebhookNotifier::WebhookNotifier(std::string host, std::string port, std::string target,
                                 std::function<void(const std::string&)> log)
    : host_(std::move(host)),
      port_(std::move(port)),
      target_(std::move(target)),
      log_(std::move(log)) {
  worker_ = std::thread([this] { run(); });
}

WebhookNotifier::~WebhookNotifier() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
    drain_until_ = std::chrono::steady_clock::now() + webhook_drain;
  }
  wake_.notify_one();
  worker_.join();
}

void WebhookNotifier::notify(const Notice& notice) {
  {
    std::lock_guard lock(mutex_);
    // An endpoint that is down or slow does not grow the queue without end: the notice stays
    // recorded in the store, only its push is dropped (logged once per run of drops).
    if (queue_.size() >= max_webhook_backlog) {
      if (dropped_++ == 0 && log_)
        log_(fmt::format("webhook: {} notices queued, dropping new ones until it drains",
                         max_webhook_backlog));
      return;
    }
    if (dropped_ > 0 && log_) log_(fmt::format("webhook: {} notices were dropped", dropped_));
    dropped_ = 0;
    queue_.push_back(boost::json::serialize(notice_json(notice)));
  }
  wake_.notify_one();
}

// Delivers what is queued; on shutdown, what is already queued is still sent until the drain
// time is up.
void WebhookNotifier::run() {
  for (;;) {
    std::string body;
    std::chrono::steady_clock::duration timeout = webhook_timeout;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return done_ || !queue_.empty(); });
      if (queue_.empty()) return;
      const auto now = std::chrono::steady_clock::now();
      if (now >= drain_until_) {
        if (log_) log_(fmt::format("webhook: {} notices not sent at shutdown", queue_.size()));
        return;
      }
      timeout = std::min<std::chrono::steady_clock::duration>(timeout, drain_until_ - now);
      body = std::move(queue_.front());
      queue_.pop_front();
    }
    post(body, timeout);
  }
}

// One delivery, asynchronous so that `timeout` bounds all of it (Beast's timeouts do not apply
// to blocking calls: an endpoint that accepted and never answered once held the worker, and so
// the shutdown, forever).
void WebhookNotifier::post(const std::string& body, std::chrono::steady_clock::duration timeout) {
  net::io_context io;
  net::ip::tcp::resolver resolver(io);
  beast::tcp_stream stream(io);
  http::request<http::string_body> req{http::verb::post, target_, 11};
  req.set(http::field::host, host_);
  req.set(http::field::user_agent, "tierdesk");
  req.set(http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  beast::error_code failed;
  const auto endpoints = resolver.resolve(host_, port_, failed);
  if (!failed) {
    stream.expires_after(timeout);  // for connect, write and read together
    stream.async_connect(endpoints, [&](beast::error_code connected, const auto&) {
      if (connected) return void(failed = connected);
      http::async_write(stream, req, [&](beast::error_code written, std::size_t) {
        if (written) return void(failed = written);
        http::async_read(stream, buffer, res, [&](beast::error_code read, std::size_t) { failed = read; });
      });
    });
    // In slices, so that a shutdown that began meanwhile cuts the delivery at its drain time.
    while (!io.stopped()) {
      io.run_for(std::chrono::milliseconds(50));
      std::lock_guard lock(mutex_);
      if (std::chrono::steady_clock::now() >= drain_until_) stream.cancel();
    }
  }
  if (failed) {
    if (log_) log_(fmt::format("webhook http://{}:{}{}: {}", host_, port_, target_, failed.message()));
    return;
  }
  beast::error_code ignored;
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  if (res.result_int() >= 300 && log_)
    log_(fmt::format("webhook http://{}:{}{}: answered {}", host_, port_, target_, res.result_int()));
}

}  // namespace tierdesk::server
