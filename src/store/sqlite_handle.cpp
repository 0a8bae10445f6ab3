#include "store/sqlite_handle.hpp"

#include <fmt/format.h>

namespace tierdesk::store {

Error sqlite_error(sqlite3* db, int rc, std::string_view what) {
  const int primary = rc & 0xff;
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return Error(primary == SQLITE_CONSTRAINT ? Errc::conflict : Errc::storage_error,
               fmt::format("{}: {} (sqlite code {})", what, message, rc));
}

Statement::~Statement() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  const char* p = text.data() != nullptr ? text.data() : "";
  sqlite3_bind_text64(stmt_, index, p, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::bind_static(int index, std::string_view text) {
  // A null pointer would bind NULL; an empty view binds the empty string.
  const char* p = text.data() != nullptr ? text.data() : "";
  sqlite3_bind_text64(stmt_, index, p, text.size(), SQLITE_STATIC, SQLITE_UTF8);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
  return value ? bind(index, *value) : bind_null(index);
}

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return fail(sqlite_error(db_, rc, sqlite3_sql(stmt_)));
}

Result<void> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row || !*row) {
      sqlite3_reset(stmt_);  // ready to be bound and run again
      if (!row) return fail(row.error());
      return {};
    }
  }
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  const int n = sqlite3_column_bytes(stmt_, column);
  return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p), n);
}

std::string_view Statement::view(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  const int n = sqlite3_column_bytes(stmt_, column);
  return p == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(p), n);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, bool create) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
                    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e(!create && (rc & 0xff) == SQLITE_CANTOPEN ? Errc::not_found : Errc::storage_error,
            fmt::format("{}: {}", path, db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close_v2(db);
    return fail(std::move(e));
  }
  return std::unique_ptr<Connection>(new Connection(db));
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Result<std::unique_ptr<Statement>> Connection::prepare(std::string_view sql) {
  end_parked();
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return fail(sqlite_error(db_, rc, sql));
    it = cache_.emplace(std::string(sql), stmt).first;
  }
  return std::make_unique<Statement>(db_, it->second);
}

Result<std::string> Connection::joined_text(std::string_view sql, int column,
                                            std::string_view separator) {
  auto stmt = prepare(sql);
  if (!stmt) return fail(stmt.error());
  std::string out;
  for (;;) {
    auto row = (*stmt)->step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    if (!out.empty()) out += separator;
    out += (*stmt)->text(column);
  }
}

Result<void> Connection::exec(const char* sql) {
  end_parked();
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return {};
  Error e(Errc::storage_error, fmt::format("{}: {}", sql, message != nullptr ? message : sqlite3_errstr(rc)));
  sqlite3_free(message);
  return fail(std::move(e));
}

void Connection::begin_read_batch() {
  end_parked();
  if (reading_ != Reading::no || sqlite3_get_autocommit(db_) == 0) return;
  auto begin = prepare("BEGIN DEFERRED");
  if (begin && (*begin)->run()) reading_ = Reading::batch;
}

void Connection::end_read_batch() {
  if (reading_ == Reading::no) return;
  reading_ = Reading::no;
  // A read transaction has nothing to lose: COMMIT only releases its snapshot and lock.
  if (auto commit = prepare("COMMIT"); !commit || !(*commit)->run()) {
    if (auto rollback = prepare("ROLLBACK")) static_cast<void>((*rollback)->run());
  }
}

void Connection::park_read_batch() {
  if (reading_ == Reading::batch) reading_ = Reading::parked;
}

bool Connection::resume_read_batch() {
  if (reading_ != Reading::parked) return false;
  reading_ = Reading::batch;
  return true;
}

Transaction::Transaction(Connection& db) : db_(db) {
  db_.end_read_batch();
  auto begin = db_.prepare("BEGIN IMMEDIATE");
  if (!begin) {
    begun_ = fail(begin.error());
    return;
  }
  begun_ = (*begin)->run();
  open_ = begun_.has_value();
}

Transaction::~Transaction() {
  if (!open_) return;
  if (auto rollback = db_.prepare("ROLLBACK")) static_cast<void>((*rollback)->run());
}

Result<void> Transaction::run(const char* sql) {
  auto stmt = db_.prepare(sql);
  if (!stmt) return fail(stmt.error());
  return (*stmt)->run();
}

Result<void> Transaction::commit() {
  auto stmt = db_.prepare("COMMIT");
  if (!stmt) return fail(stmt.error());
  auto ok = (*stmt)->run();
  if (ok) open_ = false;
  return ok;
}

}  // namespace tierdesk::store
