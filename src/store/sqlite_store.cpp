// SqliteStore: opening a file, connection settings and diagnostics.
#include "tierdesk/store/sqlite_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "store/codec.hpp"
#include "store/schema.hpp"
#include "store/sqlite_store_impl.hpp"

namespace tierdesk {

using store::Connection;
using store::Statement;

namespace {

const char* synchronous_pragma(Synchronous s) {
  switch (s) {
    case Synchronous::off: return "PRAGMA synchronous = OFF";
    case Synchronous::normal: return "PRAGMA synchronous = NORMAL";
    case Synchronous::full: return "PRAGMA synchronous = FULL";
  }
  return "PRAGMA synchronous = FULL";
}

}  // namespace

static_assert(SqliteStore::latest_schema_version == 13, "keep in step with store/migrations.cpp");

namespace {

// SQLite counts every allocation under a global mutex for sqlite3_memory_used(), which
// tierdesk never asks; off, the connections of a server's threads stop meeting on that mutex.
// Only possible before SQLite initializes: when the application has used SQLite already,
// SQLite refuses and its setting stays.
void configure_sqlite_once() {
  static const bool done = [] {
    static_cast<void>(sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0));
    return true;
  }();
  static_cast<void>(done);
}

}  // namespace

Result<SqliteStore> SqliteStore::open(const SqliteOptions& options) {
  configure_sqlite_once();
  if (options.file_mode > 0777)
    return fail(Error::invalid(Errc::invalid_argument, "file_mode",
                               fmt::format("{:o}", options.file_mode), "permission bits 0 … 0777"));
  if (options.snapshot_reuse < std::chrono::milliseconds(0) ||
      options.snapshot_reuse > std::chrono::milliseconds(60'000))
    return fail(Error::invalid(Errc::invalid_argument, "snapshot_reuse",
                               fmt::format("{} ms", options.snapshot_reuse.count()),
                               "0 … 60000 ms"));
  // SQLite would create a missing file 0644 (less the umask); create it first with the mode
  // asked for. An empty file is a new database to SQLite. A path SQLite does not take as a
  // file (":memory:", "file:" URIs, "") is left to it.
  if (options.create && !options.path.empty() && options.path != ":memory:" &&
      !options.path.starts_with("file:")) {
    const int fd = ::open(options.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                          static_cast<mode_t>(options.file_mode));
    if (fd >= 0) ::close(fd);  // else it exists, or SQLite names the reason below
  }
  auto db = Connection::open(options.path, options.create);
  if (!db) return fail(db.error());
  const auto ms = options.busy_timeout.count();
  sqlite3_busy_timeout((*db)->handle(), ms > 0x7fffffff ? 0x7fffffff : static_cast<int>(ms));
  // wal_autocheckpoint: SQLite copies the WAL back into the file once it holds 1,000 pages by
  // default, which a batch of tickets exceeds on its own (its alarm rows touch pages all over
  // their index), so every commit was followed by a checkpoint. At 10,000 pages (40 MiB) a
  // checkpoint writes a page rewritten by several commits once.
  for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA foreign_keys = ON",
                             "PRAGMA wal_autocheckpoint = 10000",
                             synchronous_pragma(options.synchronous)}) {
    if (auto ok = (*db)->exec(pragma); !ok) return fail(ok.error().within(options.path));
  }
  if (options.cache_mib < 1 || options.cache_mib > 65536)
    return fail(Error::invalid(Errc::invalid_argument, "cache_mib", std::to_string(options.cache_mib),
                               "1 … 65536"));
  {  // PRAGMA takes no parameters; the value is a checked integer.
    const std::string cache = fmt::format("PRAGMA cache_size = -{}", options.cache_mib * 1024);
    if (auto ok = (*db)->exec(cache.c_str()); !ok) return fail(ok.error().within(options.path));
  }
  auto version = store::migrate(**db);
  if (!version) return fail(version.error().within(options.path));
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(*db);
  impl->schema_version = *version;
  impl->snapshot_reuse = options.snapshot_reuse;
  if (options.commit_group) {
    auto& group = *options.commit_group->state_;
    if (auto ok = group.join(*impl->db, options.path); !ok)
      return fail(ok.error());
    impl->group = options.commit_group;
  }
  return SqliteStore(std::move(impl));
}

SqliteStore::ReadBatch SqliteStore::read_batch() {
  auto& s = *impl_;
  const auto now = std::chrono::steady_clock::now();
  if (s.db->parked() && s.snapshot_reusable(now) && s.db->resume_read_batch()) return ReadBatch(&s);
  s.db->end_read_batch();
  // Read before SQLite takes the snapshot (at the batch's first query): a commit counted after
  // this may or may not be in it, so the snapshot is never taken for newer than it is.
  if (s.group) s.snapshot_generation = s.group->state_->generation.load(std::memory_order_acquire);
  s.snapshot_begun = now;
  s.db->begin_read_batch();
  return ReadBatch(&s);
}

SqliteStore::ReadBatch::~ReadBatch() {
  if (impl_ == nullptr) return;
  // A snapshot that a commit already made stale is ended now: no batch could resume it, and
  // it would hold the checkpointer back.
  if (impl_->snapshot_reusable(std::chrono::steady_clock::now())) {
    impl_->db->park_read_batch();
  } else {
    impl_->db->end_read_batch();
  }
}

bool SqliteStore::release_stale_snapshot() {
  auto& s = *impl_;
  if (!s.db->parked()) return false;
  if (s.snapshot_reusable(std::chrono::steady_clock::now())) return true;
  s.db->end_read_batch();
  return false;
}

SqliteStore::SqliteStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteStore::SqliteStore(SqliteStore&&) noexcept = default;
SqliteStore& SqliteStore::operator=(SqliteStore&&) noexcept = default;
SqliteStore::~SqliteStore() = default;

int SqliteStore::schema_version() const { return impl_->schema_version; }

Result<std::string> SqliteStore::integrity_check() {
  return impl_->db->joined_text("PRAGMA integrity_check", 0, "\n");
}

namespace store {

Result<Ticket> ticket_from_row(const Statement& row) {
  Ticket t;
  t.ref = TicketRef{row.text(0), static_cast<int>(row.integer(1)), row.integer(2)};
  t.customer = row.text(3);
  t.contract = row.text(4);
  auto channel = parse_channel(row.text(5));
  if (!channel) return fail(channel.error().within(t.ref.str()));
  t.channel = *channel;
  t.category = row.text(6);
  t.priority = row.text(7);
  auto status = parse_status(row.text(8));
  if (!status) return fail(status.error().within(t.ref.str()));
  t.status = *status;
  t.tier = static_cast<int>(row.integer(9));
  t.assignee = row.text(10);
  t.subject = row.text(11);
  t.external_id = row.text(12);
  auto flags = decode_strings(row.text(13));
  if (!flags) return fail(flags.error().within(t.ref.str()));
  t.flags = std::move(*flags);
  t.jourfixe = row.integer(14) != 0;
  t.created_at = instant(row.integer(15));
  t.updated_at = instant(row.integer(16));
  t.version = row.integer(17);
  return t;
}

Result<std::vector<Ticket>> collect_tickets(Statement& stmt) {
  std::vector<Ticket> out;
  for (;;) {
    auto row = stmt.step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    auto t = ticket_from_row(stmt);
    if (!t) return fail(t.error());
    out.push_back(std::move(*t));
  }
}

}  // namespace store
}  // namespace tierdesk
