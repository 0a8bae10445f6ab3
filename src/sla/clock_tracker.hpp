// One SLA clock followed through a ticket's events, incrementally and without allocation.
//
// The tracker keeps the business time used up to the start of the current running segment and
// the instants of the thresholds (warnings, breach) already reached. Closing a segment adds
// Calendar::between over it and settles the thresholds crossed inside it with Calendar::add
// from the segment's start; a change of target settles at once the thresholds the clock is
// already past. Nothing here knows about events: the engine (engine.cpp) drives it.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>

#include "calendar/open_index.hpp"
#include "tierdesk/sla/sla.hpp"

namespace tierdesk::detail {

// How a ticket's clocks reach the calendars: `indexed` answers from the calendar's index
// snapshot whatever it already covers and asks the Calendar for the rest; `general` always asks
// the Calendar. Both give the same answers (the second exists to check the first).
enum class CalendarPath : std::uint8_t { indexed, general };

// Calendar::between and Calendar::add for one ticket's clocks. Every query starts at a clock's
// segment start, and a ticket's clocks share few of them (all start at creation; triage and
// response stop at the first reply), so the memo keeps, per recent start, its place in the
// calendar's index and the business time before it: a query from there is one short forward
// search, with no index check and no Result to build. Instants the index does not cover, and
// budgets that run past it, go to the Calendar, which grows its index.
class CalendarMemo {
 public:
  CalendarMemo(const SlaPolicy& policy, CalendarPath path) : policy_(&policy), path_(path) {}

  Result<std::chrono::seconds> between(std::uint8_t calendar, Instant a, Instant b) {
    const std::int64_t x = a.time_since_epoch().count(), y = b.time_since_epoch().count();
    const Origin* o = x <= y ? origin(calendar, x) : nullptr;
    if (!o || !o->index->covers(y)) return policy_->calendar(calendar).between(a, b);
    const OpenIndex& idx = *o->index;
    return std::chrono::seconds{idx.elapsed_at(idx.last_opened_from(o->opened, y), y) - o->elapsed};
  }

  Result<Instant> add(std::uint8_t calendar, Instant t, std::chrono::seconds d) {
    const Origin* o = d.count() >= 0 ? origin(calendar, t.time_since_epoch().count()) : nullptr;
    if (o) {
      const auto hint = static_cast<std::size_t>(std::max<std::ptrdiff_t>(o->opened, 0));
      if (const auto u = o->index->latest_at(hint, o->elapsed + d.count()))
        return Instant{std::chrono::seconds{*u}};
    }
    return policy_->calendar(calendar).add(t, d);
  }

 private:
  struct Origin {
    const OpenIndex* index = nullptr;  // nullptr: an unused entry
    std::uint8_t calendar = 0;
    std::int64_t at = 0;
    std::ptrdiff_t opened = -1;  // index->last_opened(at)
    std::int64_t elapsed = 0;    // index->elapsed_at(opened, at)
  };

  // The entry for `at` on `calendar`, made on first use; nullptr when the path is general or
  // the index does not cover `at` yet.
  const Origin* origin(std::uint8_t calendar, std::int64_t at) {
    for (const Origin& o : origins_)
      if (o.index && o.at == at && o.calendar == calendar) return &o;
    return make_origin(calendar, at);
  }
  const Origin* make_origin(std::uint8_t calendar, std::int64_t at);

  static constexpr std::size_t size = 4;
  const SlaPolicy* policy_;
  CalendarPath path_;
  std::array<Origin, size> origins_{};
  std::size_t next_ = 0;
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
