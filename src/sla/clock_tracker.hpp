// One SLA clock followed through a ticket's events, incrementally and without allocation.
//
// The tracker keeps the business time used up to the start of the current running segment and
// the instants of the thresholds (warnings, breach) already reached. Closing a segment adds
// Calendar::between over it and settles the thresholds crossed inside it with Calendar::add
// from the segment's start; a change of target settles at once the thresholds the clock is
// already past. Nothing here knows about events: the engine (engine.cpp) drives it.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <span>

#include "tierdesk/sla.hpp"

namespace tierdesk::detail {

// The last answers of Calendar::between and Calendar::add, per policy calendar. Clocks of one
// ticket often measure the same segment (triage and response until the first reply; every
// clock until the first pause), so each segment is measured once.
class CalendarMemo {
 public:
  explicit CalendarMemo(const SlaPolicy& policy) : policy_(&policy) {}
  Result<std::chrono::seconds> between(std::uint8_t calendar, Instant a, Instant b);
  Result<Instant> add(std::uint8_t calendar, Instant t, std::chrono::seconds d);

 private:
  template <class T>
  struct Entry {
    bool valid = false;
    std::uint8_t calendar = 0;
    Instant from{};
    std::int64_t arg = 0;  // end instant (between) or duration (add), in seconds
    T result{};
  };
  static constexpr std::size_t size = 2;
  const SlaPolicy* policy_;
  std::array<Entry<std::chrono::seconds>, size> between_{};
  std::array<Entry<Instant>, size> add_{};
  std::size_t next_between_ = 0;
  std::size_t next_add_ = 0;
};

class ClockTracker {
 public:
  // Binds the tracker to its policy (calendars, warning fractions) and the ticket's memo.
  void bind(const SlaPolicy& policy, CalendarMemo& memo) {
    policy_ = &policy;
    memo_ = &memo;
    warning_count_ = policy.warnings_permille().size();
  }

  // The target in force from `at` on. Thresholds the cycle is already past are reached at `at`.
  Result<void> retarget(Instant at, ResolvedTarget target);
  // A new cycle from zero at `at`, running unless `paused`.
  Result<void> start(Instant at, bool paused);
  // The current cycle goes on after a stop (reopen with the rule "continue").
  void resume_after_stop(Instant at, bool paused);
  Result<void> pause(Instant at);
  void resume(Instant at);
  // Met at `at` (a no-op for a clock that has not started or has stopped).
  Result<void> stop(Instant at);

  bool started() const { return started_; }
  bool stopped() const { return stopped_; }
  bool is_open() const { return started_ && !stopped_; }
  const ResolvedTarget& target() const { return target_; }

  // The clock as of `now` (no event after the last one driven in). `pending`: the ticket waits
  // for its JourFixe slot.
  Result<void> report(Instant now, bool pending, Clock& out) const;

 private:
  Result<void> close_segment(Instant at);
  Result<std::chrono::seconds> between(Instant a, Instant b) const {
    return memo_->between(target_.calendar, a, b);
  }
  Result<Instant> add(Instant t, std::chrono::seconds d) const {
    return memo_->add(target_.calendar, t, d);
  }
  std::chrono::seconds threshold(std::size_t k) const { return thresholds_[k]; }

  const SlaPolicy* policy_ = nullptr;
  CalendarMemo* memo_ = nullptr;
  ResolvedTarget target_{};
  std::size_t warning_count_ = 0;
  // ceil(target × permille / 1000) per warning: a warning is never reached before its fraction.
  std::array<std::chrono::seconds, max_warnings> thresholds_{};
  bool started_ = false;
  bool stopped_ = false;
  bool running_ = false;  // started, not stopped, not paused
  Instant segment_start_{};
  std::chrono::seconds elapsed_{0};  // up to segment_start_ while running
  std::optional<Instant> started_at_;
  std::optional<Instant> met_at_;
  std::optional<Instant> breached_at_;
  std::optional<Instant> due_at_stop_;
  std::array<std::optional<Instant>, max_warnings> warnings_{};
  std::uint16_t cycles_ = 0;
  std::uint16_t breaches_ = 0;
};

}  // namespace tierdesk::detail
