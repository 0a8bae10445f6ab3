// Crash safety and multi-process writers of the SQLite store, with real processes: the
// store_writer helper is killed with SIGKILL at random moments, and two writers share a file.
//
// Every delay is counted from the writer's own "ready" line (its store is open), never from
// the moment it was started, so a loaded machine changes where a kill lands but not what the
// test can expect. Each process writes into a directory of its own (support/temp_dir.hpp).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "store/schema.hpp"
#include "support/temp_dir.hpp"
#include "tierdesk/store/sqlite_store.hpp"

using namespace tierdesk;
using tierdesk::testing::fresh_db_file;

namespace {

using Steady = std::chrono::steady_clock;

struct Child {
  pid_t pid = -1;
  int out = -1;  // read end of the child's stdout
  std::string buffer;
};

Child spawn_writer(const std::string& db, const std::string& prefix, int count) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    const std::string n = std::to_string(count);
    ::execl(STORE_WRITER_PATH, STORE_WRITER_PATH, db.c_str(), prefix.c_str(), n.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[1]);
  return {pid, fds[0], {}};
}

// Reads what the child wrote until `deadline`, end of file, or (when `until` is not empty) a
// buffer that contains `until`. False at end of file.
bool drain(Child& c, Steady::time_point deadline, std::string_view until = {}) {
  char chunk[4096];
  for (;;) {
    if (!until.empty() && c.buffer.find(until) != std::string::npos) return true;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Steady::now());
    pollfd p{c.out, POLLIN, 0};
    const int ready = ::poll(&p, 1, left.count() > 0 ? static_cast<int>(left.count()) : 0);
    if (ready <= 0) return true;
    const auto n = ::read(c.out, chunk, sizeof chunk);
    if (n <= 0) return false;
    c.buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

// Waits (up to two minutes, however loaded the machine) for the writer's "ready" line.
void wait_ready(Child& c) {
  drain(c, Steady::now() + std::chrono::minutes(2), "ready\n");
  REQUIRE_MESSAGE(c.buffer.find("ready\n") != std::string::npos, "store_writer never got ready");
}

// The child's complete "REF VERSION" lines (a line cut off by the kill was never reported).
std::map<std::string, std::int64_t> reported(const Child& c) {
  std::map<std::string, std::int64_t> out;
  std::istringstream in(c.buffer.substr(0, c.buffer.rfind('\n') + 1));
  std::string line;
  while (std::getline(in, line)) {
    if (line == "ready") continue;
    std::istringstream fields(line);
    std::string ref;
    std::int64_t version = 0;
    REQUIRE_MESSAGE(static_cast<bool>(fields >> ref >> version), "unexpected line: " << line);
    out[ref] = std::max(out[ref], version);
  }
  return out;
}

int finish(Child& c) {
  drain(c, Steady::now() + std::chrono::seconds(120));
  ::close(c.out);
  int status = 0;
  ::waitpid(c.pid, &status, 0);
  return status;
}

int kill_and_reap(Child& c) {
  REQUIRE(::kill(c.pid, SIGKILL) == 0);
  return finish(c);
}

// Every ticket in `check` is stored with at least the reported version and all its events.
void check_tickets(SqliteStore& store, const std::map<std::string, std::int64_t>& check) {
  for (const auto& [text, version] : check) {
    CAPTURE(text);
    const auto ref = TicketRef::parse(text).value();
    auto t = store.ticket(ref);
    REQUIRE(t);
    CHECK(t->version >= version);
    auto history = store.history(ref);
    REQUIRE(history);
    CHECK(static_cast<std::int64_t>(history->size()) == t->version);
    CHECK(fold(ref, *history) == *t);
  }
}

// The file is intact, the tickets of `check` are whole, and the references of `prefix` are
// exactly 1 … N with N at least the number of tickets ever reported.
void check_store(const std::string& db, const std::string& prefix,
                 const std::map<std::string, std::int64_t>& check, std::size_t reported_total) {
  auto store = SqliteStore::open({.path = db, .create = false});
  REQUIRE(store);
  CHECK(store->integrity_check() == std::string("ok"));
  check_tickets(*store, check);
  auto all = store->tickets({.limit = 10000000});
  REQUIRE(all);
  std::int64_t next = 1;
  for (const auto& t : *all) {
    if (t.ref.prefix != prefix) continue;
    CHECK(t.ref.sequence == next);
    ++next;
  }
  CHECK(static_cast<std::size_t>(next - 1) >= reported_total);
}

}  // namespace

TEST_CASE("SIGKILL at random moments loses no committed ticket and never corrupts the file") {
  const auto db = fresh_db_file("crash_test.db");
  std::mt19937 random(20260302);
  std::uniform_int_distribution<int> delay_ms(0, 60);
  std::map<std::string, std::int64_t> expected;
  constexpr int kills = 120;
  for (int round = 0; round < kills; ++round) {
    CAPTURE(round);
    Child c = spawn_writer(db, "CR", 0);
    wait_ready(c);
    drain(c, Steady::now() + std::chrono::milliseconds(delay_ms(random)));
    const int status = kill_and_reap(c);
    CHECK(WIFSIGNALED(status));
    const auto round_reports = reported(c);
    for (const auto& [ref, version] : round_reports) expected[ref] = std::max(expected[ref], version);
    // The tickets of this round were the ones in flight; the others were checked before.
    check_store(db, "CR", round_reports, expected.size());
  }
  auto store = SqliteStore::open({.path = db, .create = false});
  REQUIRE(store);
  check_tickets(*store, expected);
  MESSAGE(kills << " kills, " << expected.size() << " tickets reported and found");
  CHECK(expected.size() > 0);
}

TEST_CASE("a kill while the very first open creates the file leaves one the next open completes") {
  // The writer is killed at a moment counted from its start, so some kills land before the
  // file exists, some while the migrations run and some after "ready". The delays spread over
  // one and a half times what the writer needs to get ready on this machine now (measured
  // first), so the spread follows the machine's speed. Whatever the moment, opening the file
  // again (what `tierdesk init` does) must give a complete store at the latest schema.
  std::chrono::milliseconds to_ready{};
  {
    const auto db = fresh_db_file("first_open_timing.db");
    const auto started = Steady::now();
    Child c = spawn_writer(db, "FO", 0);
    wait_ready(c);
    to_ready = std::chrono::duration_cast<std::chrono::milliseconds>(Steady::now() - started);
    kill_and_reap(c);
  }
  std::mt19937 random(20261202);
  std::uniform_int_distribution<long> delay_ms(0, to_ready.count() * 3 / 2 + 1);
  int before_ready = 0;
  constexpr int trials = 40;
  for (int trial = 0; trial < trials; ++trial) {
    CAPTURE(trial);
    const auto db = fresh_db_file("first_open_" + std::to_string(trial) + ".db");
    Child c = spawn_writer(db, "FO", 0);
    drain(c, Steady::now() + std::chrono::milliseconds(delay_ms(random)));
    kill_and_reap(c);
    if (c.buffer.find("ready\n") == std::string::npos) ++before_ready;
    auto store = SqliteStore::open({.path = db});
    REQUIRE(store);
    CHECK(store->schema_version() == SqliteStore::latest_schema_version);
    CHECK(store->integrity_check() == std::string("ok"));
    check_tickets(*store, reported(c));
  }
  MESSAGE(before_ready << " of " << trials << " kills landed before the writer was ready ("
                       << to_ready.count() << " ms to ready)");
}

TEST_CASE("every schema version a killed first open can commit is completed by the next open") {
  // The migrations run one transaction each, so a kill leaves a file at some version 0 … N
  // (version 0: an empty file, or one with only the WAL header). Build each on purpose, then
  // let a writer process open it the way `init` does.
  for (int version = 0; version <= SqliteStore::latest_schema_version; ++version) {
    CAPTURE(version);
    const auto db = fresh_db_file("partial_" + std::to_string(version) + ".db");
    {
      auto partial = store::Connection::open(db, true);
      REQUIRE(partial);
      if (version > 0) {
        REQUIRE((*partial)->exec("PRAGMA journal_mode = WAL"));
        REQUIRE(store::migrate(**partial, version) == version);
      }
    }
    Child c = spawn_writer(db, "PV", 1);
    CHECK(WEXITSTATUS(finish(c)) == 0);
    CHECK(reported(c).size() == 1);
    auto store = SqliteStore::open({.path = db, .create = false});
    REQUIRE(store);
    CHECK(store->schema_version() == SqliteStore::latest_schema_version);
    CHECK(store->integrity_check() == std::string("ok"));
    check_tickets(*store, reported(c));
  }
}

TEST_CASE("two processes writing the same file get unique, gapless references") {
  const auto db = fresh_db_file("concurrent_test.db");
  {
    auto store = SqliteStore::open({.path = db});  // create the schema before the race
    REQUIRE(store);
  }
  constexpr int per_writer = 150;
  Child a = spawn_writer(db, "CC", per_writer);
  Child b = spawn_writer(db, "CC", per_writer);
  const int status_a = finish(a);
  const int status_b = finish(b);
  REQUIRE(WIFEXITED(status_a));
  REQUIRE(WIFEXITED(status_b));
  CHECK(WEXITSTATUS(status_a) == 0);
  CHECK(WEXITSTATUS(status_b) == 0);
  const auto from_a = reported(a);
  const auto from_b = reported(b);
  CHECK(from_a.size() == per_writer);
  CHECK(from_b.size() == per_writer);
  std::map<std::string, std::int64_t> all = from_a;
  for (const auto& [ref, version] : from_b) {
    CHECK_MESSAGE(all.count(ref) == 0, ref << " was given to both writers");
    all[ref] = version;
  }
  CHECK(all.size() == 2 * per_writer);
  CHECK(all.rbegin()->first == "CC-2026-000300");
  check_store(db, "CC", all, all.size());
}
