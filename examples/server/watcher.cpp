#include "watcher.hpp"

#include <algorithm>

#include <boost/asio/post.hpp>
#include <fmt/format.h>

namespace tierdesk::server {

namespace net = boost::asio;
using namespace std::chrono_literals;

namespace {
constexpr Instant far_future = Instant(std::chrono::seconds(253402300799));  // 9999-12-31T23:59:59Z
constexpr std::size_t batch = 1000;
}  // namespace

SlaWatcher::SlaWatcher(net::io_context& io, StorePool& pool, const Clock& clock, Notifier& notifier,
                       WatcherOptions options)
    : pool_(pool),
      clock_(clock),
      notifier_(notifier),
      options_(std::move(options)),
      strand_(net::make_strand(io)),
      timer_(strand_) {}

void SlaWatcher::watch_from(Instant t) {
  std::lock_guard lock(mutex_);
  cursor_ = t;
}

void SlaWatcher::start() {
  watch_from(clock_.now());
  net::post(strand_, [this] {
    stopped_ = false;
    arm();
  });
}

void SlaWatcher::tickets_changed() {
  net::post(strand_, [this] {
    if (!stopped_) arm();
  });
}

void SlaWatcher::stop() {
  net::post(strand_, [this] {
    stopped_ = true;
    timer_.cancel();
    std::lock_guard lock(mutex_);
    armed_.reset();
  });
}

std::optional<Instant> SlaWatcher::armed_at() const {
  std::lock_guard lock(mutex_);
  return armed_;
}

Result<std::optional<Instant>> SlaWatcher::next_wake() {
  Instant from;
  std::optional<Instant> wake;
  {
    std::lock_guard lock(mutex_);
    from = cursor_;
    for (const auto& h : held_)
      if (!wake || h.release < *wake) wake = h.release;
  }
  auto store = pool_.lease();
  auto next = store->alarms({from, far_future}, options_.alarms, 1);
  if (!next) return fail(next.error());
  if (!next->empty() && (!wake || next->front().at < *wake)) wake = next->front().at;
  return wake;
}

// Runs on the strand: waits until the next instant by the injected clock, then fires.
void SlaWatcher::arm() {
  auto wake = next_wake();
  if (!wake || !*wake) {
    timer_.cancel();
    std::lock_guard lock(mutex_);
    armed_.reset();
    return;
  }
  const Instant at = **wake;
  {
    std::lock_guard lock(mutex_);
    armed_ = at;
  }
  timer_.expires_after(std::max(at - clock_.now(), std::chrono::seconds(0)));
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec || stopped_) return;
    (void)fire(clock_.now());
    arm();
  });
}

Result<void> SlaWatcher::record(SqliteStore& store, const ClockAlarm& alarm, Instant now,
                                const std::optional<Instant>& held_until) {
  const bool due = alarm.kind == ClockAlarm::Kind::due;
  const std::string kind = due ? "sla_breach" : "sla_warning";
  Payload payload{{"kind", kind},
                  {"recipient", "desk"},
                  {"clock", alarm.clock},
                  {"at", format_utc(alarm.at)}};
  if (!due) payload["level"] = std::to_string(alarm.level + 1);
  if (held_until) payload["held_until"] = format_utc(*held_until);
  const std::string text =
      due ? fmt::format("{} clock {} breached at {}", alarm.ref.str(), alarm.clock, format_utc(alarm.at))
          : fmt::format("{} clock {} reached warning {} at {}", alarm.ref.str(), alarm.clock, alarm.level + 1,
                        format_utc(alarm.at));
  Desk desk(store, options_.desk);
  auto changed = desk.change(alarm.ref, now, [&](const Ticket&, std::span<const HistoryEvent>) -> Result<Plan> {
    return Plan{.events = {HistoryEvent{.at = now, .actor = "sla-watcher", .kind = HistoryKind::notified,
                                        .value = kind, .payload = payload}},
                .notifications = {Notification{.ref = alarm.ref, .at = now, .kind = kind,
                                               .recipient = "desk", .text = text}}};
  });
  if (!changed) return fail(changed.error());
  return {};
}

Result<std::vector<SlaNotice>> SlaWatcher::fire(Instant now) {
  std::vector<SlaNotice> out;
  Instant from;
  {
    std::lock_guard lock(mutex_);
    from = cursor_;
  }
  auto store = pool_.lease();
  for (;;) {
    auto alarms = store->alarms({from, now + 1s}, options_.alarms, batch);
    if (!alarms) return fail(alarms.error());
    for (const auto& a : *alarms) {
      SlaNotice notice{.ref = a.ref,
                       .clock = a.clock,
                       .kind = a.kind == ClockAlarm::Kind::due ? "breach" : "warning",
                       .level = a.kind == ClockAlarm::Kind::due ? 0 : a.level + 1,
                       .at = a.at,
                       .delivered_at = now};
      std::optional<Instant> held_until;
      if (options_.hold_outside && !options_.hold_outside->is_open(now)) {
        auto opens = options_.hold_outside->next_open(now);
        if (opens) held_until = *opens;
      }
      // A ticket that cannot take the event (gone, or a rule refuses it) is still notified.
      (void)record(*store, a, now, held_until);
      if (held_until) {
        std::lock_guard lock(mutex_);
        held_.push_back({notice, *held_until});
      } else {
        out.push_back(notice);
      }
    }
    if (alarms->size() < batch) break;
    from = alarms->back().at;  // a full batch: continue after its last instant
    if (from > now) break;
    from += 1s;
  }
  {
    std::lock_guard lock(mutex_);
    cursor_ = now + 1s;
    std::stable_sort(held_.begin(), held_.end(), [](const Held& a, const Held& b) { return a.release < b.release; });
    auto released = std::partition_point(held_.begin(), held_.end(), [&](const Held& h) { return h.release <= now; });
    for (auto it = held_.begin(); it != released; ++it) {
      it->notice.delivered_at = now;
      out.push_back(it->notice);
    }
    held_.erase(held_.begin(), released);
  }
  for (const auto& n : out) notifier_.notify(n);
  return out;
}

}  // namespace tierdesk::server
