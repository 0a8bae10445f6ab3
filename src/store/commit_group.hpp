// The state of a SqliteCommitGroup (tierdesk/store/sqlite_store.hpp): the queue of writes
// waiting for a commit, and whether a commit is running.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "store/detail_rows.hpp"
#include "store/name_ids.hpp"
#include "store/sqlite_handle.hpp"
#include "tierdesk/store/sqlite_store.hpp"

namespace tierdesk {
namespace store {

// What a write needs of the name tables (store/name_ids.hpp): the id of its reference space,
// of its clock names and of each change's customer.
struct WriteNames {
  std::int64_t space;
  ClockIds clocks;
  std::vector<std::int64_t> customers;  // by change
};

// New tickets of one reference space, with the ids of their names: a create the commit group
// may merge with the creates queued beside it into one batch insert.
struct NewTickets {
  std::string_view prefix;
  int year;
  std::span<const TicketChange> tickets;
  const WriteNames* names;
};

// Inserts new tickets with the next references and row ids (sqlite_store_write.cpp); the
// caller holds the write transaction. Returns the stored states.
Result<std::vector<Ticket>> insert_new_tickets(Connection& db, const NewTickets& batch);

}  // namespace store

// One write: what it does inside an open transaction, on whichever connection commits it (the
// name ids it uses are the same on every connection to the file).
using StoreWrite = std::function<Result<void>(store::Connection&, store::NameIds&)>;

struct SqliteCommitGroup::State {
  // Runs `write` in the next commit and returns its result: commits it, and whatever is queued
  // then, on `db` when no commit is running; else waits for the commit that carries it.
  // A create passes `created` too: a commit runs consecutive creates of one reference space as
  // one batch insert (the store's fast path), setting each one's `*created_out`; when that
  // batch fails, each create runs alone, so that only the failing one fails.
  Result<void> submit(store::Connection& db, store::NameIds& names, const StoreWrite& write,
                      const store::NewTickets* created = nullptr,
                      std::vector<Ticket>* created_out = nullptr);

  // Joins a connection to `path` to the group: its commits no longer checkpoint; when one leaves
  // the WAL at `checkpoint_pages` or more, the group's checkpointer thread (started by the
  // first connection, on a connection of its own) copies it back into the file. Errc::
  // invalid_argument when the group's connections are to another file.
  Result<void> join(store::Connection& db, const std::string& path);
  void stop_checkpointer();

  std::size_t max_writes;
  // Counts the commits of the group's connections, after each one is visible: a snapshot begun
  // when it read N has seen every commit counted up to N (SqliteOptions::snapshot_reuse).
  std::atomic<std::uint64_t> generation{0};
  mutable std::mutex mutex;
  std::condition_variable committed;
  struct Pending;
  std::deque<Pending*> queue;
  bool committing = false;
  Counts counts{};

  // The checkpointer (under `mutex`, but checkpoint_pages, set before any connection joins).
  int checkpoint_pages = default_checkpoint_pages;
  std::int64_t max_wal_pages() const { return 4 * std::int64_t{checkpoint_pages}; }
  static constexpr std::int64_t tail_pages = 500;  // at most about this many copied while the
                                                   // writers wait
  static constexpr int max_passes = 8;             // passive passes before the writers wait
  void run_checkpoints(store::Connection& db);     // the checkpointer thread
  template <class Checkpoint>
  bool in_commit_turn(std::unique_lock<std::mutex>& lock, Checkpoint run);
  std::optional<std::string> path;
  bool checkpoint_wanted = false;
  bool stopping = false;
  std::condition_variable wal_grew;
  std::thread checkpointer;
};

namespace store {

// Runs `write` in a transaction of its own on `db`.
Result<void> write_alone(Connection& db, NameIds& names, const StoreWrite& write);

}  // namespace store
}  // namespace tierdesk
