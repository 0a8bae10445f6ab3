// The server's notion of "now", injected so that tests drive time instead of sleeping.
#pragma once

#include <atomic>
#include <chrono>

#include "tierdesk/base/time.hpp"

namespace tierdesk::server {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

// The system clock, in whole seconds.
class SystemClock final : public Clock {
 public:
  Instant now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

// A clock that stands still until told to move (tests).
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Instant start) : now_(start.time_since_epoch().count()) {}
  Instant now() const override { return Instant(std::chrono::seconds(now_.load())); }
  void set(Instant t) { now_ = t.time_since_epoch().count(); }
  void advance(std::chrono::seconds d) { now_ += d.count(); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace tierdesk::server
