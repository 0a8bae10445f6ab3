// Group commit (SqliteCommitGroup): writes queued while a commit runs are committed together,
// creates of one reference space as one batch insert, and a failing write fails alone.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "support/temp_dir.hpp"
#include "support/ticket_fixtures.hpp"
#include "tierdesk/store/sqlite_store.hpp"

using namespace tierdesk;
using namespace std::chrono_literals;
using tierdesk::testing::new_ticket;
using tierdesk::testing::next_change;
using tierdesk::testing::utc;
namespace fs = std::filesystem;

namespace {

const Instant t0 = utc("2026-03-02T09:00:00+01:00");

// Waits until `ready` holds, for a minute at most (never a guessed delay).
template <class Ready>
bool wait_until(Ready ready) {
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (!ready()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

// Holds the file's write lock, as another process would, until release().
class WriteLock {
 public:
  explicit WriteLock(const std::string& path) {
    REQUIRE(sqlite3_open(path.c_str(), &db_) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  }
  void release() {
    if (db_ == nullptr) return;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
    db_ = nullptr;
  }
  ~WriteLock() { release(); }

 private:
  sqlite3* db_ = nullptr;
};

struct Desk {
  explicit Desk(std::size_t connections, std::chrono::milliseconds snapshot_reuse = 0ms,
                int checkpoint_pages = SqliteCommitGroup::default_checkpoint_pages)
      : group(std::make_shared<SqliteCommitGroup>(256, checkpoint_pages)) {
    for (std::size_t i = 0; i < connections; ++i)
      stores.push_back(std::make_unique<SqliteStore>(
          SqliteStore::open({.path = path, .busy_timeout = 60s, .commit_group = group,
                             .snapshot_reuse = snapshot_reuse})
              .value()));
  }
  // A connection outside the group: to the group, another process.
  SqliteStore outsider() const {
    return SqliteStore::open({.path = path, .busy_timeout = 60s}).value();
  }
  tierdesk::testing::TempDir dir;
  std::string path = dir.file("desk.db");
  std::shared_ptr<SqliteCommitGroup> group;
  std::vector<std::unique_ptr<SqliteStore>> stores;
  std::uintmax_t wal_bytes() const { return fs::file_size(path + "-wal"); }
};

// Runs write(i) for i in [0, n) on threads of their own while another connection holds the
// write lock: write 0 leads the first commit, alone; the others queue behind it and go in the
// next commit together. The names the writes use must be stored already (adding one is a
// transaction of its own, which the lock would hold up).
template <class Write>
void queue_behind_a_lock(Desk& desk, int n, Write write) {
  WriteLock lock(desk.path);
  const auto before = desk.group->counts();
  std::vector<std::jthread> threads;
  threads.emplace_back([&] { write(0); });
  bool ready = wait_until([&] { return desk.group->counts().committing; });
  if (ready) {
    for (int i = 1; i < n; ++i) threads.emplace_back([&, i] { write(i); });
    ready =
        wait_until([&] { return desk.group->counts().queued == static_cast<std::size_t>(n - 1); });
  }
  lock.release();
  threads.clear();  // joins
  REQUIRE(ready);
  const auto after = desk.group->counts();
  CHECK(after.commits - before.commits == 2);
  CHECK(after.writes - before.writes == static_cast<std::uint64_t>(n));
}

std::vector<std::string> refs_of(SqliteStore& store) {
  std::vector<std::string> out;
  const auto tickets = store.tickets({}).value();
  for (const auto& t : tickets) out.push_back(t.ref.str());
  return out;
}

}  // namespace

TEST_CASE("creates queued behind a commit are inserted together, each getting its own tickets") {
  Desk desk(6);
  std::vector<TicketChange> earlier;
  for (int i = 0; i < 6; ++i) earlier.push_back(new_ticket(t0, fmt::format("c{}", i)));
  REQUIRE(desk.stores[0]->create("OO", 2026, earlier));  // 1 … 6, and the customers' names
  std::vector<Result<std::vector<Ticket>>> made(6);
  queue_behind_a_lock(desk, 6, [&](int i) {
    made[i] =
        desk.stores[i]->create("OO", 2026, std::vector{new_ticket(t0, fmt::format("c{}", i))});
  });
  std::vector<std::string> refs;
  for (int i = 0; i < 6; ++i) {
    REQUIRE(made[i].has_value());
    REQUIRE(made[i]->size() == 1);
    const Ticket& t = made[i]->front();
    CHECK(t.customer == fmt::format("c{}", i));
    CHECK(desk.stores[0]->ticket(t.ref).value().customer == t.customer);
    refs.push_back(t.ref.str());
  }
  CHECK(refs.front() == "OO-2026-000007");  // the leader's, committed first
  std::sort(refs.begin(), refs.end());
  CHECK(refs == std::vector<std::string>{"OO-2026-000007", "OO-2026-000008", "OO-2026-000009",
                                         "OO-2026-000010", "OO-2026-000011", "OO-2026-000012"});
  CHECK(desk.stores[0]->integrity_check().value() == "ok");
}

TEST_CASE("a write that fails in a group commit fails alone; the others are kept, without gaps") {
  Desk desk(7);
  const Ticket first = desk.stores[0]->create("OO", 2026, std::vector{new_ticket(t0)}).value()[0];
  auto raised = next_change(first, {{0, t0 + 1min, "bo", HistoryKind::priority, "high", {}}});
  REQUIRE(desk.stores[0]->update(raised));
  // Writes 1 and 2 both claim external id "m-1": whichever comes second is refused. Write 6
  // changes the first ticket from the state before that update and is refused too.
  std::vector<Result<std::vector<Ticket>>> made(6);
  Result<void> stale, fresh;
  queue_behind_a_lock(desk, 7, [&](int i) {
    if (i == 6) {
      stale = desk.stores[i]->update(
          next_change(first, {{0, t0 + 2min, "bo", HistoryKind::priority, "low", {}}}));
      return;
    }
    const std::string external = i == 1 || i == 2 ? "m-1" : fmt::format("m{}", i + 10);
    made[i] = desk.stores[i]->create("OO", 2026, std::vector{new_ticket(t0, "acme", external)});
  });
  REQUIRE_FALSE(stale.has_value());
  CHECK(stale.error().is(Errc::conflict));
  const bool first_won = made[1].has_value();
  auto& lost = first_won ? made[2] : made[1];
  REQUIRE_FALSE(lost.has_value());
  CHECK(lost.error().is(Errc::conflict));
  CHECK(lost.error().message().find("m-1") != std::string::npos);
  std::vector<std::string> refs;
  for (int i = 0; i < 6; ++i)
    if (made[i].has_value()) refs.push_back(made[i]->front().ref.str());
  CHECK(refs.size() == 5);
  std::sort(refs.begin(), refs.end());
  CHECK(refs == std::vector<std::string>{"OO-2026-000002", "OO-2026-000003", "OO-2026-000004",
                                         "OO-2026-000005", "OO-2026-000006"});
  CHECK(refs_of(*desk.stores[0]).size() == 6);
  // The refused change wrote nothing; one from the stored state goes through.
  CHECK(desk.stores[0]->history(first.ref).value().size() == 2);
  fresh = desk.stores[3]->update(
      next_change(raised.state, {{0, t0 + 2min, "bo", HistoryKind::priority, "low", {}}}));
  CHECK(fresh.has_value());
  CHECK(desk.stores[0]->history(first.ref).value().size() == 3);
  CHECK(desk.stores[0]->ticket(first.ref).value().priority == "low");
}

TEST_CASE("threads writing through one commit group get every reference once, without gaps") {
  constexpr int threads = 4;
  constexpr int each = 60;
  Desk desk(threads);
  std::vector<std::jthread> writers;
  std::vector<int> failures(threads, 0);
  for (int w = 0; w < threads; ++w)
    writers.emplace_back([&, w] {
      for (int i = 0; i < each; ++i) {
        auto made =
            desk.stores[w]->create("OO", 2026, std::vector{new_ticket(t0, fmt::format("w{}", w))});
        if (!made)
          ++failures[w];
        else if (i % 3 == 0) {  // and a change of it, which is not merged
          auto ok = desk.stores[w]->update(next_change(
              made->front(), {{0, t0 + 1min, "bo", HistoryKind::priority, "high", {}}}));
          if (!ok) ++failures[w];
        }
      }
    });
  writers.clear();
  CHECK(failures == std::vector<int>(threads, 0));
  auto refs = refs_of(*desk.stores[0]);
  REQUIRE(refs.size() == threads * each);
  for (int i = 0; i < threads * each; ++i) CHECK(refs[i] == fmt::format("OO-2026-{:06}", i + 1));
  const auto counts = desk.group->counts();
  // Each writer's customer is new: its name is a write of its own before its first ticket.
  CHECK(counts.writes == threads * each + threads * (each / 3) + threads);
  CHECK(counts.commits <= counts.writes);
  CHECK(counts.queued == 0);
  CHECK_FALSE(counts.committing);
}

TEST_CASE("a read batch shares one snapshot until the connection writes") {
  Desk desk(2);
  auto& reader = *desk.stores[0];
  auto& writer = *desk.stores[1];
  writer.create("OO", 2026, std::vector{new_ticket(t0)}).value();
  {
    const auto batch = reader.read_batch();
    CHECK(refs_of(reader).size() == 1);
    writer.create("OO", 2026, std::vector{new_ticket(t0)}).value();
    CHECK(refs_of(reader).size() == 1);  // the batch's snapshot
    // A write of its own ends the batch first; then it sees everything.
    reader.create("OO", 2026, std::vector{new_ticket(t0)}).value();
    CHECK(refs_of(reader).size() == 3);
  }
  writer.create("OO", 2026, std::vector{new_ticket(t0)}).value();
  CHECK(refs_of(reader).size() == 4);
}

TEST_CASE("a parked snapshot is resumed until something commits through the group") {
  Desk desk(2, 60s);
  auto& reader = *desk.stores[0];
  auto& writer = *desk.stores[1];
  auto other_process = desk.outsider();
  writer.create("OO", 2026, std::vector{new_ticket(t0)}).value();
  { const auto batch = reader.read_batch(); CHECK(refs_of(reader).size() == 1); }
  CHECK(reader.release_stale_snapshot());  // parked, and still resumable

  // Another process's commit does not show within the window: the snapshot is resumed.
  other_process.create("OO", 2026, std::vector{new_ticket(t0)}).value();
  { const auto batch = reader.read_batch(); CHECK(refs_of(reader).size() == 1); }

  // A commit through the group does: the reaper ends the snapshot, a new batch sees all.
  writer.create("OO", 2026, std::vector{new_ticket(t0)}).value();
  CHECK_FALSE(reader.release_stale_snapshot());
  { const auto batch = reader.read_batch(); CHECK(refs_of(reader).size() == 3); }
  writer.create("OO", 2026, std::vector{new_ticket(t0)}).value();
  { const auto batch = reader.read_batch(); CHECK(refs_of(reader).size() == 4); }

  // A query outside a batch never reads from a parked snapshot.
  other_process.create("OO", 2026, std::vector{new_ticket(t0)}).value();
  CHECK(refs_of(reader).size() == 5);
  CHECK_FALSE(reader.release_stale_snapshot());  // that query ended it
  { const auto batch = reader.read_batch(); CHECK(refs_of(reader).size() == 5); }

  // Nor does a write of its own: it ends the snapshot first.
  other_process.create("OO", 2026, std::vector{new_ticket(t0)}).value();
  const auto own = reader.create("OO", 2026, std::vector{new_ticket(t0)}).value();
  CHECK(own.front().ref.str() == "OO-2026-000007");
  { const auto batch = reader.read_batch(); CHECK(refs_of(reader).size() == 7); }
}

TEST_CASE("a parked snapshot is not resumed once it is older than snapshot_reuse") {
  Desk desk(1, 1ms);
  auto& reader = *desk.stores[0];
  auto other_process = desk.outsider();
  { const auto batch = reader.read_batch(); CHECK(refs_of(reader).empty()); }
  other_process.create("OO", 2026, std::vector{new_ticket(t0)}).value();
  std::this_thread::sleep_for(2ms);  // at least the window: the snapshot is older than it
  CHECK_FALSE(reader.release_stale_snapshot());
  { const auto batch = reader.read_batch(); CHECK(refs_of(reader).size() == 1); }
  std::this_thread::sleep_for(2ms);
  other_process.create("OO", 2026, std::vector{new_ticket(t0)}).value();
  { const auto batch = reader.read_batch(); CHECK(refs_of(reader).size() == 2); }
}

TEST_CASE("without a commit group, or without snapshot_reuse, a batch ends with its request") {
  tierdesk::testing::TempDir dir;
  const auto path = dir.file("desk.db");
  auto alone = SqliteStore::open({.path = path, .snapshot_reuse = 60s}).value();
  auto other_process = SqliteStore::open({.path = path}).value();
  { const auto batch = alone.read_batch(); CHECK(refs_of(alone).empty()); }
  CHECK_FALSE(alone.release_stale_snapshot());
  other_process.create("OO", 2026, std::vector{new_ticket(t0)}).value();
  { const auto batch = alone.read_batch(); CHECK(refs_of(alone).size() == 1); }

  Desk desk(1);
  auto& grouped = *desk.stores[0];
  auto outsider = desk.outsider();
  { const auto batch = grouped.read_batch(); CHECK(refs_of(grouped).empty()); }
  CHECK_FALSE(grouped.release_stale_snapshot());
  outsider.create("OO", 2026, std::vector{new_ticket(t0)}).value();
  { const auto batch = grouped.read_batch(); CHECK(refs_of(grouped).size() == 1); }
}

TEST_CASE("snapshot_reuse is bounded") {
  tierdesk::testing::TempDir dir;
  const auto path = dir.file("desk.db");
  for (auto bad : {-1ms, 60'001ms}) {
    const auto store = SqliteStore::open({.path = path, .snapshot_reuse = bad});
    REQUIRE_FALSE(store);
    CHECK(store.error().code() == Errc::invalid_argument);
    CHECK(store.error().message() ==
          fmt::format("snapshot_reuse: got \"{} ms\", expected 0 … 60000 ms", bad.count()));
  }
  CHECK_FALSE(std::filesystem::exists(path));  // refused before the file is created
}

// Creates `per_thread` tickets one at a time on each of the desk's connections at once: a
// stream of small commits, as a busy server makes.
void create_one_by_one(Desk& desk, int per_thread) {
  std::vector<std::jthread> threads;
  for (std::size_t c = 0; c < desk.stores.size(); ++c)
    threads.emplace_back([&, c] {
      for (int i = 0; i < per_thread; ++i)
        REQUIRE(desk.stores[c]->create("WL", 2026, std::vector{new_ticket(t0, fmt::format("c{}", c))}));
    });
}

TEST_CASE("the checkpointer keeps the WAL small under a stream of commits") {
  // The same stream twice: with a checkpoint at every 100 pages of WAL, and with none.
  Desk checkpointed(4, 0ms, 100);
  Desk unchecked(4, 0ms, SqliteCommitGroup::max_checkpoint_pages);
  create_one_by_one(checkpointed, 300);
  create_one_by_one(unchecked, 300);

  CHECK(unchecked.group->counts().checkpoints == 0);
  CHECK(checkpointed.group->counts().checkpoints >= 2);
  INFO("WAL bytes: " << checkpointed.wal_bytes() << " checkpointed, " << unchecked.wal_bytes()
                     << " without checkpoints");
  CHECK(checkpointed.wal_bytes() * 4 < unchecked.wal_bytes());
  CHECK(checkpointed.stores[0]->tickets({.limit = 2000}).value().size() == 1200);
  CHECK(checkpointed.stores[0]->integrity_check().value() == "ok");
}

TEST_CASE("a reader on an old snapshot holds the WAL back, not the writers; once it lets go the WAL is truncated") {
  Desk desk(1, 0ms, 50);
  auto& store = *desk.stores[0];
  const auto first = store.create("WL", 2026, std::vector{new_ticket(t0, "c")}).value();
  SqliteStore reader = desk.outsider();
  {
    auto batch = reader.read_batch();
    REQUIRE(reader.ticket(first.front().ref));  // the snapshot begins
    for (int i = 0; i < 299; ++i) REQUIRE(store.create("WL", 2026, std::vector{new_ticket(t0, "c")}));
    REQUIRE(wait_until([&] { return desk.group->counts().checkpoints >= 1; }));
    // One more commit asks for another checkpoint; it runs once the one before (and the
    // truncation it tried) is over.
    REQUIRE(store.create("WL", 2026, std::vector{new_ticket(t0, "c")}));
    REQUIRE(wait_until([&] { return desk.group->counts().checkpoints >= 2; }));
    const auto held = desk.group->counts();
    CHECK(held.truncations == 0);  // tried, and given way at once
    // Not the store's busy timeout (60 s here): a truncation never waits for a reader.
    CHECK(held.longest_checkpoint_hold < 5s);
    CHECK(desk.wal_bytes() > 200 * 4096);  // past 4 × 50 pages: nothing could start it over
    CHECK(reader.tickets({}).value().size() == 1);  // still the old snapshot
  }
  // The next commit wakes the checkpointer, which copies everything and truncates the WAL.
  REQUIRE(store.create("WL", 2026, std::vector{new_ticket(t0, "c")}));
  REQUIRE(wait_until([&] { return desk.group->counts().truncations == 1; }));
  CHECK(desk.wal_bytes() == 0);
  CHECK(reader.tickets({}).value().size() == 302);
}

TEST_CASE("a new customer's name is added through the group, not beside it") {
  // A transaction of its own beside the group's commits would wait for the write lock in
  // SQLite's busy handler (sleeps of up to 100 ms): what every connection of a new server did
  // on its first create.
  Desk desk(2);
  const auto before = desk.group->counts();
  REQUIRE(desk.stores[0]->create("NC", 2026, std::vector{new_ticket(t0, "new")}));
  const auto first = desk.group->counts();
  CHECK(first.writes - before.writes == 2);  // the names, then the ticket
  // The other connection reads the names the first one added: one write.
  REQUIRE(desk.stores[1]->create("NC", 2026, std::vector{new_ticket(t0, "new")}));
  CHECK(desk.group->counts().writes - first.writes == 1);
  REQUIRE(desk.stores[1]->create("NC", 2026, std::vector{new_ticket(t0, "newer")}));
  CHECK(desk.group->counts().writes - first.writes == 3);
  CHECK(desk.stores[0]->ticket(TicketRef::parse("NC-2026-000003").value()).value().customer ==
        "newer");
}
