// The SLA watch: the decisions behind SLA notices, as a library step a host only schedules.
//
// Each clock instant the store's alarm index holds (a warning fraction or a due instant of a
// running clock of an open ticket) is handled once, when it has been reached: the ticket gets
// a `notified` event and a notification record — its clocks untouched — and its contract's
// escalation rules for that warning or breach are applied in the same transaction. A notice
// reached while the contract's notice_hours calendar is closed is held and delivered when it
// opens (the event records "held_until"). The host arms a timer at next_wake() and calls
// fire() when it goes off; nothing else.
//
//   SlaWatch watch(book, &notifier, now);
//   watch.fire(store, now + 1h)   // handles every alarm in [now, now + 1h], delivers the
//                                 // notices that are due, holds the others
//   *watch.next_wake(store)       // the next alarm instant or held release, if any
//
// One watch per process, used by one thread at a time. Several processes on one database
// would each deliver every notice (a PostgreSQL backend will claim them instead).
#pragma once

#include <optional>
#include <vector>

#include "tierdesk/service/contract_book.hpp"
#include "tierdesk/service/notifier.hpp"
#include "tierdesk/desk/desk_store.hpp"

namespace tierdesk {

struct WatchStep {
  std::vector<Notice> delivered;  // handed to the notifier by this step, in order
  std::vector<Error> problems;    // alarms whose ticket could not take its notice (they are
                                  // delivered all the same)
};

class SlaWatch {
 public:
  // Watches instants from `from` on (earlier ones are never notified).
  SlaWatch(const ContractBook& book, Notifier* notifier, Instant from)
      : book_(book), notifier_(notifier), cursor_(from) {}

  // Handles every alarm in [cursor, now] and releases the held notices due by `now`; the
  // cursor moves past `now`.
  Result<WatchStep> fire(DeskStore& store, Instant now);
  // When to fire next: the first alarm at or after the cursor, or the first held release,
  // whichever is earlier; nullopt when there is nothing to wait for.
  Result<std::optional<Instant>> next_wake(DeskStore& store) const;

  Instant cursor() const { return cursor_; }
  void watch_from(Instant t) { cursor_ = t; }
  std::size_t held() const { return held_.size(); }

 private:
  const ContractBook& book_;
  Notifier* notifier_;
  Instant cursor_;
  std::vector<Notice> held_;  // by delivered_at, the instant each is released
};

}  // namespace tierdesk
