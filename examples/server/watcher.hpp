// The SLA watcher: an Asio timer armed at the next warning or due instant among open tickets
// (the store's indexed alarms query), re-armed whenever a ticket changes. Each firing writes a
// `notified` event (and a notification record) to the ticket and hands the notice to the
// notifier. With `hold_outside`, a notice that falls outside that calendar's open hours is held
// and delivered when the calendar next opens (the event is written when the instant passes,
// with "held_until" in its payload).
//
// The clock is injected: fire(now) and next_wake() are the whole logic and tests call them
// with a fake clock; the timer only turns "now" into a wait.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "clock.hpp"
#include "notifier.hpp"
#include "store_pool.hpp"
#include "tierdesk/calendar.hpp"
#include "tierdesk/desk.hpp"

namespace tierdesk::server {

struct WatcherOptions {
  std::optional<Calendar> hold_outside{};  // deliver only while this calendar is open
  AlarmFilter alarms = AlarmFilter::due_and_warnings;
  DeskConfig desk{};                       // for the events the watcher writes
};

class SlaWatcher {
 public:
  SlaWatcher(boost::asio::io_context& io, StorePool& pool, const Clock& clock, Notifier& notifier,
             WatcherOptions options);

  // Watches from `clock.now()` on (instants already past are not notified) and arms the timer.
  void start();
  // Re-arms after tickets changed (from any thread).
  void tickets_changed();
  void stop();

  // Handles every alarm in [cursor, now] and releases the held notices due by `now`; the
  // cursor moves past `now`. Returns the notices delivered.
  Result<std::vector<SlaNotice>> fire(Instant now);
  // When the timer should fire next: the first alarm at or after the cursor, or the first
  // held release, whichever is earlier; nullopt when there is nothing to wait for.
  Result<std::optional<Instant>> next_wake();
  // Where the timer is armed now; nullopt when it is not.
  std::optional<Instant> armed_at() const;
  // Sets the cursor (start() sets it to clock.now()).
  void watch_from(Instant t);

 private:
  struct Held {
    SlaNotice notice;
    Instant release;
  };
  void arm();
  Result<void> record(SqliteStore& store, const ClockAlarm& alarm, Instant now,
                      const std::optional<Instant>& held_until);

  StorePool& pool_;
  const Clock& clock_;
  Notifier& notifier_;
  WatcherOptions options_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::steady_timer timer_;
  mutable std::mutex mutex_;
  Instant cursor_{};
  std::vector<Held> held_;
  std::optional<Instant> armed_;
  bool stopped_ = true;
};

}  // namespace tierdesk::server
