// SqliteStore: the embedded Store on one SQLite file.
//
// The file runs in WAL mode with foreign keys on, synchronous=FULL unless told otherwise
// (NORMAL is faster and still consistent after a crash, but may lose the last commits on a
// power cut), and a busy timeout so that concurrent writers wait for each other instead of
// failing. Opening a file applies the schema migrations it lacks, in order, each in its own
// transaction, and refuses a file written by a newer schema. Every statement is prepared;
// every write is one IMMEDIATE transaction that rolls back unless it reaches its commit.
// The history table is append-only (triggers refuse UPDATE and DELETE).
//
//   auto store = SqliteStore::open({.path = "tierdesk.db"});
//   if (!store) return store.error();               // storage_error "tierdesk.db: …"
//   store->schema_version() == SqliteStore::latest_schema_version
//
// ":memory:" gives a private in-memory database (for tests). A SqliteStore is used by one
// thread at a time; open one per thread or process. create() with 256 tickets or more encodes
// their ticket, event and alarm rows on a second thread of its own, joined before it returns.
//
// Group commit: the connections of one process to one file (a server's pool, one per worker
// thread) may share a SqliteCommitGroup. A write then waits while another commits, and the
// first writer to find none running commits every write queued meanwhile in one transaction,
// each in its own savepoint. Concurrent writers share one WAL append and one lock instead of
// taking turns through SQLite's busy handler, which sleeps; a failing write is rolled back
// alone and gets its own error, exactly as on its own.
//
//   auto group = std::make_shared<SqliteCommitGroup>();
//   auto a = SqliteStore::open({.path = "desk.db", .commit_group = group});  // thread 1
//   auto b = SqliteStore::open({.path = "desk.db", .commit_group = group});  // thread 2
//
// A read batch (read_batch()) lets a request's queries share one read transaction: one lock
// and one snapshot instead of one per query. A write on the connection ends it first.
//
// With a commit group and SqliteOptions::snapshot_reuse, a batch that ends parks its snapshot,
// and the connection's next batch resumes it when nothing was committed through the group since
// it began and it is younger than snapshot_reuse: a busy reader pays SQLite's read-transaction
// begin and end (the WAL's shared-memory locks) once per window instead of once per request.
// It never misses a write of its own process; another process's write shows after at most
// snapshot_reuse. Any query outside a batch ends a parked snapshot first, and
// release_stale_snapshot() ends an idle one, so that it does not hold checkpoints back.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "tierdesk/store/store.hpp"

namespace tierdesk {

enum class Synchronous : std::uint8_t { off, normal, full };

// Shared by the connections whose writes commit together (store/commit_group.cpp).
class SqliteCommitGroup {
 public:
  static constexpr int default_checkpoint_pages = 10000;
  static constexpr int max_checkpoint_pages = 1000000;

  // A commit takes at most `max_writes` queued writes (a bound on a writer's wait). A commit that
  // leaves the WAL at `checkpoint_pages` (1 … max_checkpoint_pages) or more wakes the group's
  // checkpointer: passive checkpoints while the writers go on, then a short one while they wait,
  // after which the next commit starts the WAL over.
  explicit SqliteCommitGroup(std::size_t max_writes = 256,
                             int checkpoint_pages = default_checkpoint_pages);
  SqliteCommitGroup(const SqliteCommitGroup&) = delete;
  SqliteCommitGroup& operator=(const SqliteCommitGroup&) = delete;
  ~SqliteCommitGroup();

  struct Counts {
    std::uint64_t commits = 0;  // transactions committed or rolled back
    std::uint64_t writes = 0;   // writes they carried
    std::size_t queued = 0;     // writes waiting for a commit now
    bool committing = false;    // a commit is running now
    std::uint64_t checkpoints = 0;  // checkpoints finished while the writers waited
    std::uint64_t truncations = 0;  // WAL truncations that held the writers (a WAL the
                                    // background checkpoints could not keep small)
    std::chrono::microseconds longest_checkpoint_hold{0};  // the longest such wait
  };
  Counts counts() const;

  struct State;  // private to the store

 private:
  friend class SqliteStore;
  std::unique_ptr<State> state_;
};

struct SqliteOptions {
  std::string path = "tierdesk.db";
  Synchronous synchronous = Synchronous::full;
  std::chrono::milliseconds busy_timeout{5000};
  bool create = true;  // create the file when missing; else Errc::not_found
  unsigned file_mode = 0600;  // a file it creates (SQLite gives its -wal and -shm the same):
                              // tickets and token digests are not for other users
  int cache_mib = 64;  // SQLite's page cache per connection (its default, 2 MiB, thrashes on
                       // the indexes of a large desk)
  // Connections of this process to this file that commit together; none: each write is its
  // own transaction.
  std::shared_ptr<SqliteCommitGroup> commit_group{};
  // How long a read batch may resume the snapshot of an earlier one (see the top of this
  // header); 0 … 60 s, only with a commit group. 0: every batch takes a new snapshot.
  std::chrono::milliseconds snapshot_reuse{0};
};

class SqliteStore final : public Store {
  struct Impl;

 public:
  static constexpr int latest_schema_version = 13;

  static Result<SqliteStore> open(const SqliteOptions& options);

  SqliteStore(SqliteStore&&) noexcept;
  SqliteStore& operator=(SqliteStore&&) noexcept;
  ~SqliteStore() override;

  int schema_version() const;

  // While the returned guard lives, this connection's queries share one read transaction (see
  // the top of this header). Ends when the guard does or when a write begins.
  class [[nodiscard]] ReadBatch {
   public:
    ReadBatch(ReadBatch&& other) noexcept : impl_(std::exchange(other.impl_, nullptr)) {}
    ReadBatch& operator=(ReadBatch&&) = delete;
    ~ReadBatch();

   private:
    friend class SqliteStore;
    explicit ReadBatch(Impl* impl) : impl_(impl) {}
    Impl* impl_;
  };
  ReadBatch read_batch();
  // Ends a parked snapshot that a batch could no longer resume (older than snapshot_reuse, or
  // a commit since). Returns whether one is still parked.
  bool release_stale_snapshot();
  // "ok", or the problems PRAGMA integrity_check reports, one per line.
  Result<std::string> integrity_check();
  // The plan SQLite chooses for the alarms query, as EXPLAIN QUERY PLAN details joined by
  // "; " (for tests and diagnostics).
  Result<std::string> alarms_query_plan();

  Result<std::vector<Ticket>> create(std::string_view prefix, int year,
                                     std::span<const TicketChange> tickets) override;
  Result<void> update(const TicketChange& change) override;
  Result<Ticket> ticket(const TicketRef& ref) override;
  Result<std::optional<TicketRef>> find_external(std::string_view external_id) override;
  Result<std::vector<HistoryEvent>> history(const TicketRef& ref) override;
  Result<std::vector<Ticket>> tickets(const TicketFilter& filter) override;
  Result<std::vector<ClockEntry>> clocks(const TicketRef& ref) override;
  Result<TicketWithClocks> ticket_with_clocks(const TicketRef& ref) override;
  Result<std::vector<Notification>> notifications(const TicketRef& ref) override;
  Result<std::vector<ClockAlarm>> alarms(Segment<Instant> window, AlarmFilter filter,
                                         std::size_t limit) override;
  Result<std::optional<Instant>> next_alarm(Instant from, AlarmFilter filter) override;
  Result<std::vector<Ticket>> breached_open(std::size_t limit) override;
  Result<std::vector<Ticket>> jourfixe_batch(std::string_view contract) override;
  Result<std::vector<WorkEntry>> work(const WorkFilter& filter) override;
  Result<std::vector<StoredFee>> fees(const WorkFilter& filter) override;
  // The plan SQLite chooses for tickets(filter), as alarms_query_plan() (for tests).
  Result<std::string> tickets_query_plan(const TicketFilter& filter);
  // The plan SQLite chooses for work(filter), as alarms_query_plan() (for tests).
  Result<std::string> work_query_plan(const WorkFilter& filter);
  Result<ApiToken> add_token(const ApiToken& token) override;
  Result<std::optional<ApiToken>> token_by_digest(std::string_view digest) override;
  Result<std::vector<ApiToken>> tokens() override;
  Result<void> revoke_token(std::int64_t id) override;

 private:
  explicit SqliteStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tierdesk
