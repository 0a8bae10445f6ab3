// MemoryStore: the Store that keeps everything in the process and nothing after it.
//
// It answers as SqliteStore does: the same results in the same order, the same error codes
// (and messages where the desk shows them), references per (prefix, year) without gaps, the
// same optimistic versions and the same limits (1,048,575 events a ticket, 16 warnings a
// clock). What SqliteStore reads through an index, it reads through an ordered container:
// tickets by reference, external id, customer, JourFixe contract and open breach; the due and
// warning instants by kind and instant, so alarms() reads one range; work by start instant,
// fees by instant. Every write checks all it will do before it changes anything and then
// moves its prepared entries in without allocating, so a refused write (a conflict, a stale
// version, an unknown entry to reverse, memory running out) leaves the store as it was.
//
//   MemoryStore store;
//   Desk desk(store, {.prefix = "OO"});
//   auto t = desk.open(request);                          // OO-2026-000001
//   store.alarms({now, now + 1h}, AlarmFilter::due_only, 100);
//
// For tests, and for embedders that persist nothing (a demo, a what-if run). Every call holds
// a mutex, so threads may share one store; move it only while no other thread uses it.
#pragma once

#include <memory>

#include "tierdesk/store/store.hpp"

namespace tierdesk {

namespace store::memory {
class State;
}

class MemoryStore final : public Store {
 public:
  MemoryStore() noexcept;
  MemoryStore(MemoryStore&&) noexcept;
  MemoryStore& operator=(MemoryStore&&) noexcept;
  ~MemoryStore() override;

  Result<std::vector<Ticket>> create(std::string_view prefix, int year,
                                     std::span<const TicketChange> tickets) override;
  Result<void> update(const TicketChange& change) override;
  Result<Ticket> ticket(const TicketRef& ref) override;
  Result<std::optional<TicketRef>> find_external(std::string_view external_id) override;
  Result<std::vector<HistoryEvent>> history(const TicketRef& ref) override;
  Result<std::vector<Ticket>> tickets(const TicketFilter& filter) override;
  Result<std::vector<ClockEntry>> clocks(const TicketRef& ref) override;
  Result<std::vector<Notification>> notifications(const TicketRef& ref) override;
  Result<std::vector<ClockAlarm>> alarms(Segment<Instant> window, AlarmFilter filter,
                                         std::size_t limit) override;
  Result<std::optional<Instant>> next_alarm(Instant from, AlarmFilter filter) override;
  Result<std::vector<Ticket>> breached_open(std::size_t limit) override;
  Result<std::vector<Ticket>> jourfixe_batch(std::string_view contract) override;
  Result<std::vector<WorkEntry>> work(const WorkFilter& filter) override;
  Result<std::vector<StoredFee>> fees(const WorkFilter& filter) override;
  Result<ApiToken> add_token(const ApiToken& token) override;
  Result<std::optional<ApiToken>> token_by_digest(std::string_view digest) override;
  Result<std::vector<ApiToken>> tokens() override;
  Result<void> revoke_token(std::int64_t id) override;

 private:
  // Made by the constructor without throwing; null when that ran out of memory or the store
  // was moved from, and then every call is Errc::storage_error.
  std::unique_ptr<store::memory::State> state_;
};

}  // namespace tierdesk
