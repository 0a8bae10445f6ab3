// The private state of SqliteStore and the row mapping its read and write halves share.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "store/commit_group.hpp"
#include "store/name_ids.hpp"
#include "store/sqlite_handle.hpp"
#include "tierdesk/store/sqlite_store.hpp"

namespace tierdesk {

struct SqliteStore::Impl {
  std::unique_ptr<store::Connection> db;
  int schema_version = 0;
  store::NameIds names;  // the alarm cache's integer ids
  std::shared_ptr<SqliteCommitGroup> group;  // none: each write commits alone

  // The snapshot of the last read batch (SqliteOptions::snapshot_reuse).
  std::chrono::milliseconds snapshot_reuse{0};
  std::uint64_t snapshot_generation = 0;  // the group's generation before it began
  std::chrono::steady_clock::time_point snapshot_begun{};
  bool snapshot_reusable(std::chrono::steady_clock::time_point now) const {
    return group && now - snapshot_begun < snapshot_reuse &&
           group->state_->generation.load(std::memory_order_acquire) == snapshot_generation;
  }

  // Runs `write` in a transaction: its own, or the group's next commit (which may run a create
  // as part of a merged batch: SqliteCommitGroup::State::submit).
  Result<void> write(const StoreWrite& write, const store::NewTickets* created = nullptr,
                     std::vector<Ticket>* created_out = nullptr) {
    db->end_read_batch();
    if (!group) return store::write_alone(*db, names, write);
    return group->state_->submit(*db, names, write, created, created_out);
  }
};

namespace store {

// The columns every ticket query selects, in the order ticket_from_row reads them.
#define TIERDESK_TICKET_COLUMNS                                                              \
  "t.prefix, t.year, t.seq, t.customer, t.contract, t.channel, t.category, t.priority, "     \
  "t.status, t.tier, t.assignee, t.subject, t.external_id, t.flags, t.jourfixe, "            \
  "t.created_at, t.updated_at, t.version"

inline constexpr int ticket_column_count = 18;  // of TIERDESK_TICKET_COLUMNS
Result<Ticket> ticket_from_row(const Statement& row);
// All rows of a ticket query.
Result<std::vector<Ticket>> collect_tickets(Statement& stmt);

// Binds `ref` to `sql`, a query of one ticket by reference (?1 prefix, ?2 year, ?3 sequence),
// and steps to its row; Errc::not_found, naming the ticket, when there is none.
Result<std::unique_ptr<Statement>> ticket_row(Connection& db, std::string_view sql,
                                              const TicketRef& ref);

// Writes the change's work entries and fees for ticket row `id` (state `t`).
Result<void> insert_work(Connection& db, std::int64_t id, const Ticket& t,
                         const TicketChange& change);

inline std::int64_t seconds(Instant t) { return t.time_since_epoch().count(); }
inline Instant instant(std::int64_t s) { return Instant(std::chrono::seconds(s)); }

}  // namespace store
}  // namespace tierdesk
