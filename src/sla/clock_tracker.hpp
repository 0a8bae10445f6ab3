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

class ClockTracker {
 public:
  // Binds the tracker to its policy (calendars, warning fractions).
  void bind(const SlaPolicy& policy) { policy_ = &policy; }

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
  Result<Clock> report(Instant now, bool pending) const;

 private:
  Result<void> close_segment(Instant at);
  const Calendar& calendar() const { return policy_->calendar(target_.calendar); }
  std::chrono::seconds threshold(std::size_t k) const;

  const SlaPolicy* policy_ = nullptr;
  ResolvedTarget target_{};
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
