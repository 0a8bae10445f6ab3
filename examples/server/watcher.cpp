#include "watcher.hpp"

#include <algorithm>

#include <boost/asio/post.hpp>

namespace tierdesk::server {

namespace net = boost::asio;

SlaWatcher::SlaWatcher(net::io_context& io, StorePool& pool, const Clock& clock,
                       const ContractBook& book, Notifier& notifier,
                       std::function<void(const std::string&)> log)
    : pool_(pool),
      clock_(clock),
      log_(std::move(log)),
      strand_(net::make_strand(io)),
      timer_(strand_),
      watch_(book, &notifier, clock.now()) {}

void SlaWatcher::start() {
  net::post(strand_, [this] {
    watch_.watch_from(clock_.now());
    stopped_ = false;
    arm();
  });
}

void SlaWatcher::tickets_changed() {
  if (rearm_queued_.exchange(true)) return;  // the queued re-arm will see this change too
  net::post(strand_, [this] {
    rearm_queued_ = false;
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

void SlaWatcher::report(const Error& e) const {
  if (log_) log_("sla watch: " + e.message());
}

// Waits until the next wake by the injected clock, fires, and arms again.
void SlaWatcher::arm() {
  ++arms_;
  std::optional<Instant> wake;
  {
    auto store = pool_.lease();
    auto next = watch_.next_wake(*store);
    if (!next) report(next.error());
    if (next) wake = *next;
  }
  {
    std::lock_guard lock(mutex_);
    armed_ = wake;
  }
  if (!wake) {
    timer_.cancel();
    return;
  }
  timer_.expires_after(std::max(*wake - clock_.now(), std::chrono::seconds(0)));
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec || stopped_) return;
    {
      auto store = pool_.lease();
      auto step = watch_.fire(*store, clock_.now());
      if (!step) report(step.error());
      if (step)
        for (const auto& e : step->problems) report(e);
    }
    arm();
  });
}

}  // namespace tierdesk::server
