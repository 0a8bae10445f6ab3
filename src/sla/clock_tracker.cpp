// ClockTracker: segments, thresholds and the clock as of `now`.
#include "sla/clock_tracker.hpp"

namespace tierdesk::detail {

using std::chrono::seconds;

const CalendarMemo::Origin* CalendarMemo::make_origin(std::uint8_t calendar, std::int64_t at) {
  if (path_ == CalendarPath::general) return nullptr;
  const OpenIndex* index = CalendarAccess::snapshot(policy_->calendar(calendar));
  if (!index || !index->covers(at)) return nullptr;
  const std::ptrdiff_t opened = index->last_opened(at);
  Origin& o = origins_[next_];
  o = Origin{index, calendar, at, opened, index->elapsed_at(opened, at)};
  next_ = (next_ + 1) % size;
  return &o;
}

Result<void> ClockTracker::close_segment(Instant at) {
  if (!running_) return {};
  if (target_.within.count() == 0) {
    segment_start_ = at;
    return {};
  }
  auto used = between(segment_start_, at);
  if (!used) return fail(used.error());
  const seconds after = elapsed_ + *used;
  const std::size_t n = warning_count_;
  for (std::size_t k = 0; k < n; ++k) {
    const seconds x = threshold(k);
    if (warnings_[k] || after <= x) continue;
    auto when = add(segment_start_, x - elapsed_);
    if (!when) return fail(when.error());
    warnings_[k] = *when;
  }
  if (!breached_at_ && after > target_.within) {
    auto when = add(segment_start_, target_.within - elapsed_);
    if (!when) return fail(when.error());
    breached_at_ = *when;
    ++breaches_;
  }
  elapsed_ = after;
  segment_start_ = at;
  return {};
}

Result<void> ClockTracker::retarget(Instant at, ResolvedTarget target) {
  if (target == target_) return {};
  if (auto ok = close_segment(at); !ok) return ok;
  target_ = target;
  const auto permille = policy_->warnings_permille();
  for (std::size_t k = 0; k < warning_count_; ++k)
    thresholds_[k] = seconds{(target_.within.count() * permille[k] + 999) / 1000};
  if (target_.within.count() == 0 || !started_ || stopped_) return {};
  const std::size_t n = warning_count_;
  for (std::size_t k = 0; k < n; ++k)
    if (!warnings_[k] && elapsed_ > threshold(k)) warnings_[k] = at;
  if (!breached_at_ && elapsed_ > target_.within) {
    breached_at_ = at;
    ++breaches_;
  }
  return {};
}

Result<void> ClockTracker::start(Instant at, bool paused) {
  if (auto ok = close_segment(at); !ok) return ok;
  started_ = true;
  stopped_ = false;
  running_ = !paused;
  segment_start_ = at;
  elapsed_ = seconds{0};
  started_at_ = paused ? std::nullopt : std::optional<Instant>(at);
  met_at_.reset();
  breached_at_.reset();
  due_at_stop_.reset();
  warnings_ = {};
  ++cycles_;
  return {};
}

void ClockTracker::resume_after_stop(Instant at, bool paused) {
  if (!stopped_) return;
  stopped_ = false;
  met_at_.reset();
  due_at_stop_.reset();
  running_ = false;
  if (!paused) resume(at);
}

Result<void> ClockTracker::pause(Instant at) {
  if (!running_) return {};
  if (auto ok = close_segment(at); !ok) return ok;
  running_ = false;
  // A cycle paused at the instant it started (queued for the JourFixe on creation) has not run.
  if (started_at_ == at && elapsed_.count() == 0) started_at_.reset();
  return {};
}

void ClockTracker::resume(Instant at) {
  if (!started_ || stopped_ || running_) return;
  running_ = true;
  segment_start_ = at;
  if (!started_at_) started_at_ = at;
}

Result<void> ClockTracker::stop(Instant at) {
  if (!started_ || stopped_) return {};
  if (running_ && target_.within.count() > 0) {
    if (target_.within >= elapsed_) {
      auto due = add(segment_start_, target_.within - elapsed_);
      if (!due) return fail(due.error());
      due_at_stop_ = *due;
    } else {
      due_at_stop_ = breached_at_;
    }
  }
  if (auto ok = close_segment(at); !ok) return ok;
  running_ = false;
  stopped_ = true;
  met_at_ = at;
  return {};
}

Result<void> ClockTracker::report(Instant now, bool pending, Clock& c) const {
  if (target_.within.count() == 0 || !started_) {
    c = Clock{};
    c.calendar = target_.calendar;
    c.target = target_.within;
    c.cycles = cycles_;
    c.breaches = breaches_;
    return {};
  }
  c.calendar = target_.calendar;
  c.target = target_.within;
  c.cycles = cycles_;
  c.breaches = breaches_;
  c.due.reset();
  c.started_at = started_at_;
  c.met_at = met_at_;
  c.breached_at = breached_at_;
  c.warnings = warnings_;
  c.elapsed = elapsed_;
  if (stopped_) {
    c.state = breached_at_ ? ClockState::breached : ClockState::met;
    c.due = due_at_stop_;
  } else if (running_) {
    auto used = between(segment_start_, now);
    if (!used) return fail(used.error());
    c.elapsed += *used;
    const std::size_t n = warning_count_;
    for (std::size_t k = 0; k < n; ++k) {
      if (c.warnings[k]) continue;
      auto when = add(segment_start_, threshold(k) - elapsed_);
      if (!when) return fail(when.error());
      c.warnings[k] = *when;
    }
    if (target_.within >= elapsed_) {
      auto due = add(segment_start_, target_.within - elapsed_);
      if (!due) return fail(due.error());
      c.due = *due;
    } else {
      c.due = breached_at_;
    }
    if (!c.breached_at && c.elapsed > target_.within) {
      c.breached_at = c.due;
      ++c.breaches;
    }
    c.state = c.breached_at ? ClockState::breached : ClockState::running;
  } else {
    c.state = breached_at_ ? ClockState::breached
              : pending    ? ClockState::pending
                           : ClockState::paused;
  }
  c.remaining = target_.within - c.elapsed;
  return {};
}

}  // namespace tierdesk::detail
