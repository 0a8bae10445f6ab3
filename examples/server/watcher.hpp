// The SLA watcher's schedule. What is due, what is held outside a contract's notice hours,
// what each notice records and which escalation rules it sets off is the library's SlaWatch
// (tierdesk/service/sla_watch.hpp); this class only arms an Asio timer on a strand at
// SlaWatch::next_wake(), calls SlaWatch::fire() when it goes off, and re-arms whenever a
// ticket changes. The notices go to the notifier the watch was given.
//
// The clock is injected: the timer waits for the distance from clock.now() to the next wake,
// so tests move a fake clock and re-arm instead of sleeping.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "clock.hpp"
#include "store_pool.hpp"
#include "tierdesk/service/contract_book.hpp"
#include "tierdesk/service/notifier.hpp"
#include "tierdesk/service/sla_watch.hpp"

namespace tierdesk::server {

class SlaWatcher {
 public:
  // `log` hears of alarms whose ticket could not take its notice and of store errors.
  SlaWatcher(boost::asio::io_context& io, StorePool& pool, const Clock& clock,
             const ContractBook& book, Notifier& notifier,
             std::function<void(const std::string&)> log = {});

  // Watches from `clock.now()` on (instants already past are not notified) and arms the timer.
  void start();
  // Re-arms after tickets changed (from any thread). A burst of changes re-arms once: while a
  // re-arm is queued, further calls add nothing (a re-arm is one indexed query, O(log n)).
  void tickets_changed();
  void stop();

  // Where the timer is armed now; nullopt when it is not.
  std::optional<Instant> armed_at() const;
  // How often the timer was armed (start, re-arms, after firing).
  std::size_t arms() const { return arms_.load(); }

 private:
  void arm();  // on the strand
  void report(const Error& e) const;

  StorePool& pool_;
  const Clock& clock_;
  std::function<void(const std::string&)> log_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::steady_timer timer_;
  SlaWatch watch_;       // used on the strand only
  bool stopped_ = true;  // on the strand only
  mutable std::mutex mutex_;
  std::optional<Instant> armed_;
  std::atomic<bool> rearm_queued_{false};
  std::atomic<std::size_t> arms_{0};
};

}  // namespace tierdesk::server
