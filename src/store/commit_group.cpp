// Group commit (tierdesk/store/sqlite_store.hpp): leader and followers. A writer queues its
// write; when no commit is running it becomes the leader, takes the queue (up to max_writes)
// and commits it in one transaction on its own connection, each write in a savepoint; the
// others wait on the condition variable until a commit has carried their write. Consecutive
// creates of one reference space are inserted as one batch.
#include "store/commit_group.hpp"

#include <algorithm>
#include <exception>
#include <iterator>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace tierdesk {

struct SqliteCommitGroup::State::Pending {
  const StoreWrite* write;
  const store::NewTickets* created;  // a create, which may be merged
  std::vector<Ticket>* created_out;
  Result<void> result{};
  bool done = false;
};

namespace {

using Pending = SqliteCommitGroup::State::Pending;

// A merged insert takes at most this many tickets (a larger create is a batch of its own).
constexpr std::size_t max_merged_tickets = 4096;

bool same_space(const Pending& a, const Pending& b) {
  return a.created->prefix == b.created->prefix && a.created->year == b.created->year;
}

// Inserts the tickets of the creates `run` (one reference space) as one batch, in queue
// order, and hands each create its stored states.
Result<void> insert_merged(store::Connection& db, std::span<Pending* const> run) {
  std::vector<TicketChange> changes;
  store::WriteNames names{run.front()->created->names->space, {}, {}};
  for (const auto* p : run) {
    const auto& create = *p->created;
    changes.insert(changes.end(), create.tickets.begin(), create.tickets.end());
    names.customers.insert(names.customers.end(), create.names->customers.begin(),
                           create.names->customers.end());
    for (const auto& clock : create.names->clocks)
      if (std::ranges::find(names.clocks, clock.first, &store::ClockIds::value_type::first) ==
          names.clocks.end())
        names.clocks.push_back(clock);
  }
  const auto& first = *run.front()->created;
  auto made = store::insert_new_tickets(db, {first.prefix, first.year, changes, &names});
  if (!made) return fail(made.error());
  auto next = made->begin();
  for (auto* p : run) {
    const auto n = static_cast<std::ptrdiff_t>(p->created->tickets.size());
    p->created_out->assign(std::make_move_iterator(next), std::make_move_iterator(next + n));
    next += n;
  }
  return {};
}

// The end of the run of creates from batch[i] that can be inserted as one (i + 1 if none).
std::size_t merge_run(const std::vector<Pending*>& batch, std::size_t i) {
  std::size_t j = i + 1;
  if (batch[i]->created == nullptr) return j;
  std::size_t tickets = batch[i]->created->tickets.size();
  while (j < batch.size() && batch[j]->created != nullptr && same_space(*batch[i], *batch[j]) &&
         tickets + batch[j]->created->tickets.size() <= max_merged_tickets)
    tickets += batch[j++]->created->tickets.size();
  return j;
}

// Commits `batch` in one transaction on `db`, setting each write's result.
void commit_batch(store::Connection& db, store::NameIds& names,
                  const std::vector<Pending*>& batch) {
  const auto fail_all = [&](const Error& e) {
    for (auto* p : batch) p->result = fail(e);
  };
  if (batch.size() == 1) {
    batch.front()->result = store::write_alone(db, names, *batch.front()->write);
    return;
  }
  store::Transaction tx(db);
  if (!tx.begun()) return fail_all(tx.begun().error());
  bool any_written = false;
  for (std::size_t i = 0; i < batch.size();) {
    const std::size_t end = merge_run(batch, i);
    bool broken = false;
    if (end - i > 1) {
      const std::span run(batch.data() + i, end - i);
      auto merged = tx.savepoint([&] { return insert_merged(db, run); }, broken);
      if (broken) return fail_all(merged.error());
      if (merged) {
        for (auto* p : run) p->result = {};
        any_written = true;
        i = end;
        continue;
      }
      // One of them failed (an external id taken, say): each runs alone below.
    }
    for (; i < end; ++i) {
      auto* p = batch[i];
      p->result = tx.savepoint([&] { return (*p->write)(db, names); }, broken);
      // The transaction cannot go on: nothing of it is kept (the destructor rolls back).
      if (broken) return fail_all(p->result.error());
      any_written = any_written || p->result.has_value();
    }
  }
  if (!any_written) return;  // every write failed: the destructor rolls back an empty transaction
  if (auto ok = tx.commit(); !ok) {
    for (auto* p : batch)
      if (p->result) p->result = fail(ok.error());
  }
}

// SQLite calls this after each commit of a grouped connection, once the commit is visible and
// its lock released, with the WAL's size in pages.
int on_wal_commit(void* state, sqlite3*, const char*, int pages) {
  auto& group = *static_cast<SqliteCommitGroup::State*>(state);
  group.generation.fetch_add(1, std::memory_order_release);
  if (pages >= group.checkpoint_pages) {
    {
      std::lock_guard lock(group.mutex);
      group.checkpoint_wanted = true;
    }
    group.wal_grew.notify_one();
  }
  return SQLITE_OK;
}

}  // namespace

SqliteCommitGroup::SqliteCommitGroup(std::size_t max_writes, int checkpoint_pages)
    : state_(std::make_unique<State>()) {
  state_->max_writes = std::max<std::size_t>(max_writes, 1);
  state_->checkpoint_pages = std::clamp(checkpoint_pages, 1, max_checkpoint_pages);
}

SqliteCommitGroup::~SqliteCommitGroup() { state_->stop_checkpointer(); }

Result<void> SqliteCommitGroup::State::join(store::Connection& db, const std::string& file) {
  std::unique_lock lock(mutex);
  if (path && *path != file)
    return fail(Error::invalid(Errc::invalid_argument, "commit_group", file,
                               fmt::format("connections to {}, the group's file", *path)));
  if (!path) {
    // The checkpointer's own connection: a checkpoint never runs in a writer's commit. It has
    // no busy timeout: a truncation that readers hold up gives way at once (the writers wait
    // for it) and is tried again after the next checkpoint.
    auto own = store::Connection::open(file, false);
    if (!own) return fail(own.error());
    path = file;
    checkpointer =
        std::thread([this, checkpoint_db = std::shared_ptr<store::Connection>(std::move(*own))] {
          run_checkpoints(*checkpoint_db);
        });
  }
  sqlite3_wal_hook(db.handle(), on_wal_commit, this);  // replaces the automatic checkpoint
  return {};
}

// What a checkpoint of `mode` left: the WAL's frames and how many of them are copied into the
// file; nullopt when SQLite refused it (the file busy past the busy timeout, say).
struct WalFrames {
  std::int64_t log = 0;
  std::int64_t copied = 0;
};
std::optional<WalFrames> checkpoint(store::Connection& db, std::string_view mode) {
  auto stmt = db.prepare(mode == "TRUNCATE" ? "PRAGMA wal_checkpoint(TRUNCATE)"
                                            : "PRAGMA wal_checkpoint(PASSIVE)");
  if (!stmt) return std::nullopt;
  auto row = (*stmt)->step();
  if (!row || !*row || (*stmt)->integer(0) != 0) return std::nullopt;  // busy, log, checkpointed
  return WalFrames{(*stmt)->integer(1), (*stmt)->integer(2)};
}

// Runs `checkpoint` while the group's writers wait, as they do for a commit.
template <class Checkpoint>
bool SqliteCommitGroup::State::in_commit_turn(std::unique_lock<std::mutex>& lock, Checkpoint run) {
  committed.wait(lock, [&] { return !committing || stopping; });
  if (stopping) return false;
  committing = true;
  lock.unlock();
  const auto began = std::chrono::steady_clock::now();
  run();
  const auto held = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - began);
  lock.lock();
  counts.longest_checkpoint_hold = std::max(counts.longest_checkpoint_hold, held);
  committing = false;
  committed.notify_all();
  return true;
}

void SqliteCommitGroup::State::run_checkpoints(store::Connection& db) {
  std::unique_lock lock(mutex);
  for (;;) {
    wal_grew.wait(lock, [&] { return checkpoint_wanted || stopping; });
    if (stopping) return;
    checkpoint_wanted = false;
    lock.unlock();
    // SQLite starts the WAL over at a write that finds every frame copied into the file. A
    // passive checkpoint copies without holding anyone up, but under a steady stream of
    // commits new frames always follow the ones it copied, and the WAL would grow without
    // bound. So: passive checkpoints while writers go on, each copying what was appended
    // during the one before, until a pass finds few new frames; then one more while the
    // group's writers wait, which leaves none; the next commit starts the WAL over. (A pass
    // reports the WAL as it was when the pass began: what it copied, not what is left.)
    std::int64_t seen = 0;
    for (int pass = 0; pass < max_passes; ++pass) {
      const auto copied = checkpoint(db, "PASSIVE");
      if (!copied) break;
      const auto appended = copied->log - seen;  // during the pass before, or since a restart
      seen = copied->log;
      if (pass > 0 && appended < tail_pages) break;
    }
    std::optional<WalFrames> last;
    lock.lock();
    if (!in_commit_turn(lock, [&] { last = checkpoint(db, "PASSIVE"); })) return;
    // The commits that ran during the passes asked for this checkpoint again.
    checkpoint_wanted = false;
    ++counts.checkpoints;
    // Readers on old snapshots keep SQLite from starting over; when the WAL has grown large
    // all the same, truncate it once they have let go.
    if (!last || last->log < max_wal_pages()) continue;
    bool truncated = false;
    if (!in_commit_turn(lock, [&] {
          const auto left = checkpoint(db, "TRUNCATE");
          truncated = left && left->log == 0;
        }))
      return;
    if (truncated) ++counts.truncations;
  }
}

void SqliteCommitGroup::State::stop_checkpointer() {
  {
    std::lock_guard lock(mutex);
    stopping = true;
  }
  wal_grew.notify_one();
  committed.notify_all();
  if (checkpointer.joinable()) checkpointer.join();
}

SqliteCommitGroup::Counts SqliteCommitGroup::counts() const {
  std::lock_guard lock(state_->mutex);
  Counts out = state_->counts;
  out.queued = state_->queue.size();
  out.committing = state_->committing;
  return out;
}

Result<void> SqliteCommitGroup::State::submit(store::Connection& db, store::NameIds& names,
                                              const StoreWrite& write,
                                              const store::NewTickets* created,
                                              std::vector<Ticket>* created_out) {
  Pending mine{&write, created_out != nullptr ? created : nullptr, created_out};
  std::unique_lock lock(mutex);
  queue.push_back(&mine);
  while (!mine.done) {
    if (committing) {
      committed.wait(lock);
      continue;
    }
    committing = true;
    std::vector<Pending*> batch;
    while (!queue.empty() && batch.size() < max_writes) {
      batch.push_back(queue.front());
      queue.pop_front();
    }
    lock.unlock();
    try {
      commit_batch(db, names, batch);
    } catch (const std::exception& e) {  // out of memory: every write of the batch fails
      for (auto* p : batch)
        p->result = fail(Errc::storage_error, fmt::format("commit: {}", e.what()));
    }
    lock.lock();
    committing = false;
    ++counts.commits;
    counts.writes += batch.size();
    for (auto* p : batch) p->done = true;
    committed.notify_all();
  }
  return std::move(mine.result);
}

namespace store {

Result<void> write_alone(Connection& db, NameIds& names, const StoreWrite& write) {
  Transaction tx(db);
  if (!tx.begun()) return fail(tx.begun().error());
  if (auto ok = write(db, names); !ok) return ok;
  return tx.commit();
}

}  // namespace store
}  // namespace tierdesk
