// Where the SLA watcher's notices go: a webhook (an HTTP POST of JSON to a URL), the
// Server-Sent-Events stream GET /events, or several of them.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "tierdesk/error.hpp"
#include "tierdesk/ticket.hpp"
#include "tierdesk/time.hpp"

namespace tierdesk::server {

// A warning or breach instant of one clock, reached.
struct SlaNotice {
  TicketRef ref;
  std::string clock;      // "response", "resolution", "ola:2nd level", …
  std::string kind;       // "warning" or "breach"
  int level = 0;          // warning level from 1; 0 for a breach
  Instant at{};           // the instant of the warning or breach
  Instant delivered_at{};  // when it was sent (later than `at` when held for business hours)
  friend bool operator==(const SlaNotice&, const SlaNotice&) = default;
};

// {"ref","clock","kind","level","at","delivered_at"}
boost::json::object notice_json(const SlaNotice& n);

class Notifier {
 public:
  virtual ~Notifier() = default;
  // Must not block for long: the watcher calls it on an I/O thread.
  virtual void notify(const SlaNotice& notice) = 0;
};

// Calls a function for each notice (the SSE stream; tests).
class FunctionNotifier final : public Notifier {
 public:
  explicit FunctionNotifier(std::function<void(const SlaNotice&)> f) : f_(std::move(f)) {}
  void notify(const SlaNotice& notice) override { f_(notice); }

 private:
  std::function<void(const SlaNotice&)> f_;
};

class FanOutNotifier final : public Notifier {
 public:
  void add(Notifier& n) { targets_.push_back(&n); }
  void notify(const SlaNotice& notice) override {
    for (auto* t : targets_) t->notify(notice);
  }

 private:
  std::vector<Notifier*> targets_;
};

// POSTs each notice as JSON to an http:// URL from its own thread, in order; a failed delivery
// is reported to `log` and not retried.
class WebhookNotifier final : public Notifier {
 public:
  // Errc::invalid_argument for a URL that is not http://host[:port]/path.
  static Result<std::unique_ptr<WebhookNotifier>> create(const std::string& url,
                                                         std::function<void(const std::string&)> log);
  ~WebhookNotifier() override;
  void notify(const SlaNotice& notice) override;

 private:
  WebhookNotifier(std::string host, std::string port, std::string target,
                  std::function<void(const std::string&)> log);
  void run();
  void post(const std::string& body);
  std::string host_, port_, target_;
  std::function<void(const std::string&)> log_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  bool done_ = false;
  std::thread worker_;
};

}  // namespace tierdesk::server
