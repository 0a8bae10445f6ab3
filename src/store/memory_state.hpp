// The state behind a MemoryStore: its tickets, and what SqliteStore keeps in tables and
// indexes, as ordered containers in SQLite's order; and the staging that makes a write whole
// or absent.
//
// A write runs in two steps. Staging checks everything and builds every node the write adds
// (and copies the keys of those it removes) while the state is untouched; it may fail and may
// throw std::bad_alloc. Committing links and unlinks nodes and moves values into room reserved
// while staging: it neither allocates nor fails.
#pragma once

#include <compare>
#include <cstdint>
#include <exception>
#include <map>
#include <mutex>
#include <new>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tierdesk/store/memory_store.hpp"

// A namespace of its own: tierdesk::store holds SqliteStore's internals, whose names (AlarmKey
// among them) these would otherwise clash with.
namespace tierdesk::store::memory {

// One ticket.
struct TicketRecord {
  Ticket ticket;  // created_at stays that of create()
  std::vector<HistoryEvent> history;
  std::vector<ClockEntry> clocks;              // by clock name; open_breach only while open
  std::vector<Notification> notifications;     // by id
  std::set<std::int64_t> entries;              // of its work entries and fees
  std::map<std::int64_t, Reversal> reversals;  // by entry
};

// A due or warning instant of the alarm index, in the order alarms() reads one kind: by
// instant, then reference, clock and level.
struct AlarmKey {
  ClockAlarm::Kind kind = ClockAlarm::Kind::due;
  Instant at{};
  TicketRef ref;
  ClockId clock;
  int level = 0;
  friend auto operator<=>(const AlarmKey&, const AlarmKey&) = default;
};

// (customer or contract, reference): the tickets of one name, by reference.
using NamedRef = std::pair<std::string, TicketRef>;

// The index entries of tickets.
struct TicketIndex {
  std::map<std::string, TicketRef, std::less<>> external;  // non-empty external ids
  std::set<TicketRef> breached;  // open tickets with a clock over its target
  std::set<NamedRef> jourfixe;   // (contract, ref) of tickets waiting for the JourFixe
  std::set<NamedRef> customers;  // (customer, ref)
  std::set<AlarmKey> alarms;     // of the running clocks of open tickets

  // Moves in the entries of `added`; leaves those it has already.
  void merge(TicketIndex& added) noexcept;
  // Removes the entries `removed` names.
  void erase(const TicketIndex& removed) noexcept;
};

// (start, row id): SqliteStore's order of work entries before work_order sorts them.
using WorkKey = std::pair<Instant, std::int64_t>;
struct WorkRow {
  TicketRef ref;
  std::string customer;  // the ticket's when the entry was logged
  std::string contract;
  WorkEntry entry;  // ticket and entry set; reversed is looked up when read
};

// SqliteStore's order of fees: by instant, reference, code, row id.
struct FeeKey {
  Instant at{};
  TicketRef ref;
  std::string code;
  std::int64_t id = 0;
  friend auto operator<=>(const FeeKey&, const FeeKey&) = default;
};
struct FeeRow {
  std::string customer;
  std::string contract;
  std::int64_t entry = 0;
};

// What one change does to its ticket's record.
struct RecordChange {
  Ticket ticket;
  std::vector<ClockEntry> clocks;  // as kept (stored_clocks)
  std::vector<HistoryEvent> events;
  std::vector<Notification> notifications;
  std::set<std::int64_t> entries;
  std::map<std::int64_t, Reversal> reversals;
};

// A write, staged.
struct StagedWrite {
  std::map<TicketRef, TicketRecord> created;
  std::map<std::pair<std::string, int>, std::int64_t> counter;  // the new last sequence
  TicketRecord* updated = nullptr;  // with `update`, which make_room made room for
  RecordChange update;
  TicketIndex removed;
  TicketIndex added;
  std::map<WorkKey, WorkRow> work;
  std::map<FeeKey, FeeRow> fees;
  std::int64_t notifications = 0;  // ids taken
};

class State {
 public:
  Result<std::vector<Ticket>> create(std::string_view prefix, int year,
                                     std::span<const TicketChange> changes);
  Result<void> update(const TicketChange& change);
  Result<Ticket> ticket(const TicketRef& ref) const;
  std::optional<TicketRef> find_external(std::string_view external_id) const;
  Result<std::vector<HistoryEvent>> history(const TicketRef& ref) const;
  std::vector<Ticket> tickets(const TicketFilter& filter) const;
  Result<std::vector<ClockEntry>> clocks(const TicketRef& ref) const;
  Result<std::vector<Notification>> notifications(const TicketRef& ref) const;
  std::vector<ClockAlarm> alarms(Segment<Instant> window, AlarmFilter filter,
                                 std::size_t limit) const;
  std::optional<Instant> next_alarm(Instant from, AlarmFilter filter) const;
  std::vector<Ticket> breached_open(std::size_t limit) const;
  std::vector<Ticket> jourfixe_batch(std::string_view contract) const;
  Result<std::vector<WorkEntry>> work(const WorkFilter& filter) const;
  Result<std::vector<StoredFee>> fees(const WorkFilter& filter) const;
  Result<ApiToken> add_token(const ApiToken& token);
  std::optional<ApiToken> token_by_digest(std::string_view digest) const;
  std::vector<ApiToken> tokens() const { return tokens_; }
  Result<void> revoke_token(std::int64_t id);

  std::mutex& mutex() { return mutex_; }

 private:
  Result<const TicketRecord*> record(const TicketRef& ref) const;
  // Stages the work entries, fees, reversals and notifications of `change` into `rc` and `w`:
  // `record` is the ticket's as stored (empty for a new one), rc.ticket its new state.
  Result<void> stage_rows(const TicketRecord& record, const TicketChange& change, StagedWrite& w,
                          RecordChange& rc) const;
  std::optional<Reversal> reversal(const TicketRef& ref, std::int64_t entry) const;
  void commit(StagedWrite& w) noexcept;

  std::mutex mutex_;
  std::map<TicketRef, TicketRecord> tickets_;
  std::map<std::pair<std::string, int>, std::int64_t> counters_;  // last sequence
  TicketIndex index_;
  std::map<WorkKey, WorkRow> work_;
  std::map<FeeKey, FeeRow> fees_;
  std::int64_t last_work_ = 0;  // row ids, as SQLite's rowids: 1, 2, …
  std::int64_t last_fee_ = 0;
  std::int64_t last_notification_ = 0;
  std::vector<ApiToken> tokens_;                                   // by id: tokens_[i] has id i + 1
  std::map<std::string, std::size_t, std::less<>> token_digests_;  // digest → index
};

// Runs `op` on `state` under its lock: where a MemoryStore call's exceptions stop.
// std::bad_alloc and the like, from a query or from staging a write (which has changed
// nothing), become Errc::storage_error.
template <class Op>
auto guarded(State* state, Op&& op) noexcept -> decltype(op(*state)) {
  try {
    if (state == nullptr)
      return fail(Errc::storage_error, "memory store: moved from, or out of memory when made");
    std::lock_guard lock(state->mutex());
    return op(*state);
  } catch (const std::bad_alloc&) {
    return fail(Errc::storage_error, "out of memory");  // short: the string needs no allocation
  } catch (const std::exception& e) {
    return fail(Errc::storage_error, e.what());
  }
}

}  // namespace tierdesk::store::memory
