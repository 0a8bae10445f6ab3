// RAII handles over the SQLite C API: a connection, prepared statements and transactions.
//
// A Connection owns the sqlite3 handle and a cache of prepared statements (prepared once,
// reused for the connection's life). A Statement is a use of a cached statement: bind, step,
// read columns; its destructor resets it and clears the bindings. A Transaction begins an
// IMMEDIATE transaction (taking the write lock up front, so two writers never deadlock on
// an upgrade) and rolls back in its destructor unless commit() succeeded; it never throws.
// A read batch keeps one read transaction open across queries (one lock instead of one per
// query); a Transaction ends it before it begins. A parked batch keeps its transaction open
// for a later batch to resume; any other query ends it first, so nothing else reads from it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <sqlite3.h>

#include "tierdesk/base/error.hpp"

namespace tierdesk::store {

// Errc::storage_error (Errc::conflict for a constraint violation) with SQLite's message.
Error sqlite_error(sqlite3* db, int rc, std::string_view what);

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are numbered from 1.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  // Binds without copying: `text` must stay alive and unchanged until the statement is reset
  // (run() and the destructor reset it) and must be bound again before the next step.
  Statement& bind_static(int index, std::string_view text);
  Statement& bind_null(int index);
  Statement& bind(int index, const std::optional<std::int64_t>& value);

  // true: a row is ready; false: done.
  Result<bool> step();
  // Steps to completion (ignoring rows) and resets, ready for new bindings.
  Result<void> run();

  std::int64_t integer(int column) const;
  std::string text(int column) const;
  // The column's text, valid until the next step or reset.
  std::string_view view(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  static Result<std::unique_ptr<Connection>> open(const std::string& path, bool create);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* handle() const { return db_; }
  // The cached statement for `sql`, prepared on first use.
  Result<std::unique_ptr<Statement>> prepare(std::string_view sql);
  // Runs SQL without parameters (pragmas, schema); never used with data.
  Result<void> exec(const char* sql);
  // Column `column` of every row of SQL without parameters, joined by `separator`
  // (integrity checks, query plans).
  Result<std::string> joined_text(std::string_view sql, int column, std::string_view separator);

  // Opens a read batch: the queries until end_read_batch() share one read transaction. No-op
  // when one is open or SQLite refuses (the queries then run one transaction each). Ends a
  // parked batch first.
  void begin_read_batch();
  // Ends the read batch, open or parked, if there is one.
  void end_read_batch();
  // Parks the open read batch: its read transaction stays open, but the next query through
  // prepare() or exec() ends it first; only resume_read_batch() reads from it again.
  void park_read_batch();
  // Reopens the parked batch; false when there is none.
  bool resume_read_batch();
  bool parked() const { return reading_ == Reading::parked; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  void end_parked() {
    if (reading_ == Reading::parked) end_read_batch();
  }
  sqlite3* db_;
  enum class Reading : std::uint8_t { no, batch, parked };
  Reading reading_ = Reading::no;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

class Transaction {
 public:
  // BEGIN IMMEDIATE; check ok() before using the transaction.
  explicit Transaction(Connection& db);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  const Result<void>& begun() const { return begun_; }
  Result<void> commit();

  // Runs `write` in a savepoint of this transaction: when it fails, what it wrote is rolled
  // back and the transaction goes on. The error is the write's, or the savepoint's when
  // SQLite cannot roll back to it (the transaction is then unusable: roll it back).
  template <class F>
  Result<void> savepoint(F&& write, bool& transaction_broken);

 private:
  Result<void> run(const char* sql);
  Connection& db_;
  Result<void> begun_;
  bool open_ = false;
};

template <class F>
Result<void> Transaction::savepoint(F&& write, bool& transaction_broken) {
  transaction_broken = false;
  if (auto ok = run("SAVEPOINT write"); !ok) return ok;
  auto written = write();
  if (written) {
    if (auto ok = run("RELEASE write"); !ok) {
      transaction_broken = true;
      return ok;
    }
    return written;
  }
  if (auto ok = run("ROLLBACK TO write"); !ok) {
    transaction_broken = true;
    return ok;
  }
  if (auto ok = run("RELEASE write"); !ok) transaction_broken = true;
  return written;
}

}  // namespace tierdesk::store
