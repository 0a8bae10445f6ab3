// compute_clocks: one pass over a ticket's events driving its clock trackers.
#include <fmt/format.h>

#include "sla/clock_tracker.hpp"
#include "sla/engine.hpp"
#include "tierdesk/sla/sla.hpp"

namespace tierdesk {
namespace {

using detail::ClockTracker;

Error event_error(std::size_t i, const TicketEvent& e, std::string_view what) {
  return Error(Errc::invalid_event,
               fmt::format("events[{}] ({} at {}{}{}): {}", i, to_string(e.kind), format_utc(e.at),
                           e.value.empty() ? "" : ", value ",
                           e.value.empty() ? std::string() : fmt::format("\"{}\"", e.value), what));
}

class Engine {
 public:
  Engine(const SlaPolicy& policy, detail::CalendarPath path)
      : policy_(policy), memo_(policy, path), priority_(policy.default_priority()) {
    for (auto& t : active()) t.bind(policy, memo_);
  }

  Result<void> apply(std::size_t i, const TicketEvent& e);
  // Ends the JourFixe wait when its slot lies at or before `t`.
  Result<void> catch_up(Instant t) {
    if (!waiting_ || slot_ > t) return {};
    if (auto ok = apply_targets(); !ok) return ok;
    return end_wait(slot_);
  }
  // Brings the targets up to date before the clocks are read.
  Result<void> finish() { return apply_targets(); }
  Result<void> report(Instant now, TicketClocks& out) const;

 private:
  // The trackers the policy uses: the metrics, then its OLA rows.
  std::span<ClockTracker> active() {
    return std::span(trackers_).first(metric_count + policy_.ola_count());
  }
  ClockTracker& sla(Metric m) { return trackers_[static_cast<std::size_t>(m)]; }
  ClockTracker& ola(int row) { return trackers_[metric_count + static_cast<std::size_t>(row)]; }
  bool paused() const { return status_pause_ || waiting_; }
  Result<void> set_paused(Instant t, bool status_pause, bool waiting);
  Result<void> end_wait(Instant t) { return set_paused(t, status_pause_, false); }
  Result<void> refresh_targets(Instant t);
  // Priority and category changes are applied lazily, so that those at the creation instant
  // (the usual case) resolve the targets once: a change at `t` is recorded here and applied
  // (at `t`) before any other event, any later change, or the report. Call it after the change.
  Result<void> targets_changed(Instant t);
  Result<void> apply_targets();
  Result<void> created(Instant t);
  Result<void> new_update_cycle(Instant t);
  Result<void> enter_tier(Instant t, std::string_view tier);
  Result<void> stop_current_tier(Instant t);
  Result<void> stop_all(Instant t);
  Result<void> reopen(Instant t);
  Result<void> queue(std::size_t i, const TicketEvent& e);

  const SlaPolicy& policy_;
  detail::CalendarMemo memo_;
  bool targets_stale_ = false;
  Instant stale_since_{};
  std::array<ClockTracker, metric_count + max_ola> trackers_;  // metrics, then OLA rows
  int priority_;
  int category_ = -1;
  int tier_row_ = -1;
  std::string_view tier_;
  bool status_pause_ = false;
  bool waiting_ = false;
  bool urgent_ = false;
  bool responded_ = false;
  bool resolved_ = false;
  bool closed_ = false;
  Instant slot_{};
};

Result<void> Engine::set_paused(Instant t, bool status_pause, bool waiting) {
  const bool before = paused();
  status_pause_ = status_pause;
  waiting_ = waiting;
  if (before == paused()) return {};
  for (auto& tracker : active()) {
    if (paused()) {
      if (auto ok = tracker.pause(t); !ok) return ok;
    } else {
      tracker.resume(t);
    }
  }
  return {};
}

Result<void> Engine::refresh_targets(Instant t) {
  const int effective = policy_.effective_priority(priority_, category_);
  for (std::size_t m = 0; m < metric_count; ++m) {
    if (trackers_[m].stopped()) continue;
    auto ok =
        trackers_[m].retarget(t, policy_.target(static_cast<Metric>(m), effective, category_));
    if (!ok) return ok;
  }
  return {};
}

Result<void> Engine::targets_changed(Instant t) {
  targets_stale_ = true;
  stale_since_ = t;
  return {};
}

Result<void> Engine::apply_targets() {
  if (!targets_stale_) return {};
  targets_stale_ = false;
  return refresh_targets(stale_since_);
}

Result<void> Engine::created(Instant t) {
  priority_ = policy_.default_priority();
  if (auto ok = targets_changed(t); !ok) return ok;
  for (Metric m : {Metric::triage, Metric::response, Metric::resolution})
    if (auto ok = sla(m).start(t, paused()); !ok) return ok;
  return {};
}

Result<void> Engine::new_update_cycle(Instant t) {
  if (auto ok = sla(Metric::update).start(t, paused()); !ok) return ok;
  return {};
}

Result<void> Engine::enter_tier(Instant t, std::string_view tier) {
  if (tier == tier_) return {};
  if (auto ok = stop_current_tier(t); !ok) return ok;
  tier_ = tier;
  tier_row_ = policy_.ola_index(tier);
  if (tier_row_ < 0) return {};
  ClockTracker& tracker = ola(tier_row_);
  if (auto ok = tracker.retarget(t, policy_.ola_target(static_cast<std::size_t>(tier_row_))); !ok)
    return ok;
  return tracker.start(t, paused());
}

Result<void> Engine::stop_current_tier(Instant t) {
  if (tier_row_ < 0) return {};
  return ola(tier_row_).stop(t);
}

Result<void> Engine::stop_all(Instant t) {
  for (auto& tracker : active())
    if (auto ok = tracker.stop(t); !ok) return ok;
  return {};
}

Result<void> Engine::reopen(Instant t) {
  resolved_ = false;
  ClockTracker& resolution = sla(Metric::resolution);
  const int effective = policy_.effective_priority(priority_, category_);
  const ResolvedTarget target = policy_.target(Metric::resolution, effective, category_);
  if (policy_.spec().reopen == ReopenRule::restart) {
    if (auto ok = resolution.retarget(t, target); !ok) return ok;
    if (auto ok = resolution.start(t, paused()); !ok) return ok;
  } else {
    resolution.resume_after_stop(t, paused());
    if (auto ok = resolution.retarget(t, target); !ok) return ok;
  }
  if (auto ok = refresh_targets(t); !ok) return ok;
  return responded_ ? new_update_cycle(t) : Result<void>{};
}

Result<void> Engine::queue(std::size_t i, const TicketEvent& e) {
  const JourFixe* jf = policy_.jourfixe();
  if (!jf) return fail(event_error(i, e, "the policy has no jourfixe"));
  if (urgent_ || waiting_) return {};
  auto slot = jf->next_slot(e.at);
  if (!slot) return fail(slot.error().within(fmt::format("events[{}]", i)));
  if (*slot == e.at) return {};
  slot_ = *slot;
  return set_paused(e.at, status_pause_, true);
}

Result<void> Engine::apply(std::size_t i, const TicketEvent& e) {
  const Instant t = e.at;
  if (closed_) return fail(event_error(i, e, "the ticket is closed"));
  if (i > 0 && e.kind == EventKind::created) return fail(event_error(i, e, "created twice"));
  if (i > 0 && resolved_ && e.kind == EventKind::resolved)
    return fail(event_error(i, e, "the ticket is already resolved"));
  const bool needs_value =
      e.kind == EventKind::status || e.kind == EventKind::priority || e.kind == EventKind::tier;
  if (needs_value && e.value.empty()) return fail(event_error(i, e, "a value is required"));
  const bool changes_targets = e.kind == EventKind::priority || e.kind == EventKind::category;
  if (!changes_targets || stale_since_ < t)
    if (auto ok = apply_targets(); !ok) return ok;
  switch (e.kind) {
    case EventKind::created: return created(t);
    case EventKind::status: return set_paused(t, policy_.is_pause_status(e.value), waiting_);
    case EventKind::priority: {
      const int p = policy_.priority_index(e.value);
      if (p < 0) return fail(event_error(i, e, "not a priority of the policy"));
      priority_ = p;
      return targets_changed(t);
    }
    case EventKind::category: {
      const int c = e.value.empty() ? -1 : policy_.category_index(e.value);
      if (c < 0 && !e.value.empty()) return fail(event_error(i, e, "not a category of the policy"));
      category_ = c;
      return targets_changed(t);
    }
    case EventKind::tier: return enter_tier(t, e.value);
    case EventKind::agent_public_reply:
      if (auto ok = sla(Metric::triage).stop(t); !ok) return ok;
      if (auto ok = sla(Metric::response).stop(t); !ok) return ok;
      if (auto ok = stop_current_tier(t); !ok) return ok;
      responded_ = true;
      return resolved_ ? Result<void>{} : new_update_cycle(t);
    case EventKind::agent_internal_note:
    case EventKind::accepted: return stop_current_tier(t);
    case EventKind::customer_reply:
      if (!policy_.spec().customer_reply_restarts_update || !sla(Metric::update).is_open())
        return {};
      return new_update_cycle(t);
    case EventKind::triaged: return sla(Metric::triage).stop(t);
    case EventKind::resolved: resolved_ = true; return stop_all(t);
    case EventKind::reopened:
      if (!resolved_) return fail(event_error(i, e, "the ticket is not resolved"));
      return reopen(t);
    case EventKind::closed: closed_ = true; return stop_all(t);
    case EventKind::queued_for_jourfixe: return queue(i, e);
    case EventKind::urgent: urgent_ = true; return waiting_ ? end_wait(t) : Result<void>{};
  }
  return {};
}

Result<void> Engine::report(Instant now, TicketClocks& out) const {
  out.priority = policy_.effective_priority(priority_, category_);
  out.category = category_;
  out.jourfixe_slot = waiting_ ? std::optional<Instant>(slot_) : std::nullopt;
  for (std::size_t m = 0; m < metric_count; ++m)
    if (auto ok = trackers_[m].report(now, waiting_, out.clocks[m]); !ok) return ok;
  const std::size_t rows = policy_.ola_count();
  for (std::size_t r = 0; r < rows; ++r)
    if (auto ok = trackers_[metric_count + r].report(now, waiting_, out.ola[r]); !ok) return ok;
  for (std::size_t r = rows; r < max_ola; ++r) out.ola[r] = Clock{};
  return {};
}

}  // namespace

namespace detail {

Result<void> compute_clocks_into(std::span<const TicketEvent> events, const SlaPolicy& policy,
                                 Instant now, TicketClocks& out, CalendarPath path) {
  if (events.empty()) return fail(Errc::invalid_event, "events: empty, expected \"created\" first");
  if (events[0].kind != EventKind::created)
    return fail(event_error(0, events[0], "the first event must be \"created\""));
  Engine engine(policy, path);
  for (std::size_t i = 0; i < events.size(); ++i) {
    const TicketEvent& e = events[i];
    if (i > 0 && e.at < events[i - 1].at)
      return fail(event_error(
          i, e, fmt::format("before events[{}] at {}", i - 1, format_utc(events[i - 1].at))));
    if (e.at > now) continue;
    if (auto ok = engine.catch_up(e.at); !ok) return ok;
    if (auto ok = engine.apply(i, e); !ok) return ok;
  }
  if (auto ok = engine.catch_up(now); !ok) return ok;
  if (auto ok = engine.finish(); !ok) return ok;
  return engine.report(now, out);
}

}  // namespace detail

Result<TicketClocks> compute_clocks(std::span<const TicketEvent> events, const SlaPolicy& policy,
                                    Instant now) {
  TicketClocks out;
  if (auto ok = detail::compute_clocks_into(events, policy, now, out); !ok) return fail(ok.error());
  return out;
}

}  // namespace tierdesk
