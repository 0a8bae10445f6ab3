// Where the desk's notices go (tierdesk/service/notifier.hpp): the Server-Sent-Events streams of
// GET /events and a webhook (an HTTP POST of JSON to a URL). Both implement the library's
// Notifier; the server fans every notice out to them.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <boost/json.hpp>

#include "tierdesk/base/error.hpp"
#include "tierdesk/service/notifier.hpp"

namespace tierdesk::server {

class HttpServer;

// SLA notices: {"ref","clock","kind":"warning"|"breach","level","at","delivered_at",
// "customer","recipient","text"}; the other kinds ("escalated", "de-escalated",
// "escalation-rule", "urgent-by-email", "contingent-exhausted") without clock and level.
boost::json::object notice_json(const Notice& n);
// The SSE event name: "sla" for SLA warnings and breaches, "notice" for the others.
std::string_view notice_event(const Notice& n);

// Publishes each notice on the /events streams: staff streams get every notice, a customer's
// stream only the notices about its own customer.
class EventStreamNotifier final : public Notifier {
 public:
  explicit EventStreamNotifier(HttpServer& server) : server_(server) {}
  void notify(const Notice& notice) override;

 private:
  HttpServer& server_;
};

// POSTs each notice as JSON to an http:// URL from its own thread, in order; a failed delivery
// is reported to `log` and not retried. A delivery gives up after webhook_timeout; on
// destruction what is queued is still sent for at most webhook_drain, the rest is dropped
// (and logged), so that a slow or silent endpoint never holds up a shutdown.
// Notices queued for the webhook at most; further ones are not pushed until it drains.
inline constexpr std::size_t max_webhook_backlog = 10000;
inline constexpr std::chrono::seconds webhook_timeout{10};
inline constexpr std::chrono::seconds webhook_drain{1};

class WebhookNotifier final : public Notifier {
 public:
  // Errc::invalid_argument for a URL that is not http://host[:port]/path.
  static Result<std::unique_ptr<WebhookNotifier>> create(
      const std::string& url, std::function<void(const std::string&)> log);
  ~WebhookNotifier() override;
  void notify(const Notice& notice) override;

 private:
  WebhookNotifier(std::string host, std::string port, std::string target,
                  std::function<void(const std::string&)> log);
  void run();
  void post(const std::string& body, std::chrono::steady_clock::duration timeout);
  std::string host_, port_, target_;
  std::function<void(const std::string&)> log_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  std::size_t dropped_ = 0;  // notices not queued since the queue was last below its bound
  bool done_ = false;
  std::chrono::steady_clock::time_point drain_until_ = std::chrono::steady_clock::time_point::max();
  std::thread worker_;
};

}  // namespace tierdesk::server
