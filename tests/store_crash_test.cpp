// Crash safety and multi-process writers of the SQLite store, with real processes: the
// store_writer helper is killed with SIGKILL at random moments, and two writers share a file.
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

#include "tierdesk/sqlite_store.hpp"

using namespace tierdesk;

namespace {

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

// Reads what the child wrote until `deadline` or end of file; false at end of file.
bool drain(Child& c, std::chrono::steady_clock::time_point deadline) {
  char chunk[4096];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{c.out, POLLIN, 0};
    const int ready = ::poll(&p, 1, left.count() > 0 ? static_cast<int>(left.count()) : 0);
    if (ready <= 0) return true;
    const auto n = ::read(c.out, chunk, sizeof chunk);
    if (n <= 0) return false;
    c.buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

// The child's complete "REF VERSION" lines (a line cut off by the kill was never reported).
std::map<std::string, std::int64_t> reported(const Child& c) {
  std::map<std::string, std::int64_t> out;
  std::istringstream in(c.buffer.substr(0, c.buffer.rfind('\n') + 1));
  std::string ref;
  std::int64_t version = 0;
  while (in >> ref >> version) out[ref] = std::max(out[ref], version);
  return out;
}

int finish(Child& c) {
  drain(c, std::chrono::steady_clock::now() + std::chrono::seconds(120));
  ::close(c.out);
  int status = 0;
  ::waitpid(c.pid, &status, 0);
  return status;
}

std::string fresh_db(std::string_view name) {
  const auto path = std::filesystem::temp_directory_path() / ("tierdesk_" + std::string(name) + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

// Every reported ticket is stored with at least the reported version and all its events, and
// the references of `prefix` are exactly 1 … N.
void check_store(const std::string& db, const std::string& prefix,
                 const std::map<std::string, std::int64_t>& expected) {
  auto store = SqliteStore::open({.path = db, .create = false});
  REQUIRE(store);
  CHECK(store->integrity_check() == std::string("ok"));
  for (const auto& [text, version] : expected) {
    CAPTURE(text);
    const auto ref = TicketRef::parse(text).value();
    auto t = store->ticket(ref);
    REQUIRE(t);
    CHECK(t->version >= version);
    auto history = store->history(ref);
    REQUIRE(history);
    CHECK(static_cast<std::int64_t>(history->size()) == t->version);
    CHECK(fold(ref, *history) == *t);
  }
  auto all = store->tickets({.limit = 1000000});
  REQUIRE(all);
  std::int64_t next = 1;
  for (const auto& t : *all) {
    if (t.ref.prefix != prefix) continue;
    CHECK(t.ref.sequence == next);
    ++next;
  }
  CHECK(next - 1 >= static_cast<std::int64_t>(expected.size()));
}

}  // namespace

TEST_CASE("SIGKILL at random moments loses no committed ticket and never corrupts the file") {
  const auto db = fresh_db("crash_test");
  std::mt19937 random(20260302);
  std::uniform_int_distribution<int> delay_ms(5, 120);
  std::map<std::string, std::int64_t> expected;
  constexpr int kills = 24;
  for (int round = 0; round < kills; ++round) {
    CAPTURE(round);
    Child c = spawn_writer(db, "CR", 0);
    drain(c, std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms(random)));
    REQUIRE(::kill(c.pid, SIGKILL) == 0);
    const int status = finish(c);
    CHECK(WIFSIGNALED(status));
    for (const auto& [ref, version] : reported(c)) expected[ref] = std::max(expected[ref], version);
    check_store(db, "CR", expected);
  }
  MESSAGE(kills << " kills, " << expected.size() << " tickets reported and found");
  CHECK(expected.size() > 0);
}

TEST_CASE("two processes writing the same file get unique, gapless references") {
  const auto db = fresh_db("concurrent_test");
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
  check_store(db, "CC", all);
}
