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
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "tierdesk/store/store.hpp"

namespace tierdesk {

enum class Synchronous : std::uint8_t { off, normal, full };

struct SqliteOptions {
  std::string path = "tierdesk.db";
  Synchronous synchronous = Synchronous::full;
  std::chrono::milliseconds busy_timeout{5000};
  bool create = true;  // create the file when missing; else Errc::not_found
  unsigned file_mode = 0600;  // a file it creates (SQLite gives its -wal and -shm the same):
                              // tickets and token digests are not for other users
  int cache_mib = 64;  // SQLite's page cache per connection (its default, 2 MiB, thrashes on
                       // the indexes of a large desk)
};

class SqliteStore final : public Store {
 public:
  static constexpr int latest_schema_version = 13;

  static Result<SqliteStore> open(const SqliteOptions& options);

  SqliteStore(SqliteStore&&) noexcept;
  SqliteStore& operator=(SqliteStore&&) noexcept;
  ~SqliteStore() override;

  int schema_version() const;
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
  Result<std::vector<Notification>> notifications(const TicketRef& ref) override;
  Result<std::vector<ClockAlarm>> alarms(Segment<Instant> window, AlarmFilter filter,
                                         std::size_t limit) override;
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
  struct Impl;
  explicit SqliteStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tierdesk
