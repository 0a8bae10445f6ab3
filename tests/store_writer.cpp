// Helper for store_crash_test: writes tickets into a SQLite file in a loop and reports each
// one on stdout only after its commit returned, as "REF VERSION" lines.
//
//   store_writer DB PREFIX COUNT      COUNT 0: until killed
//
// It prints "ready" once the store is open (the file exists with the latest schema), then each
// round creates a ticket with three events and two cached clocks, reports it, then appends a
// fourth event and reports the new version. Exits 2 on the first store error.
#include <unistd.h>

#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "support/ticket_fixtures.hpp"
#include "tierdesk/store/sqlite_store.hpp"

using namespace tierdesk;
using namespace std::chrono_literals;

namespace {

void say(const std::string& line) {
  std::size_t done = 0;
  while (done < line.size()) {
    const auto n = ::write(STDOUT_FILENO, line.data() + done, line.size() - done);
    if (n <= 0) std::_Exit(3);
    done += static_cast<std::size_t>(n);
  }
}

void report(const Ticket& t) { say(fmt::format("{} {}\n", t.ref.str(), t.version)); }

int fail_with(const Error& e) {
  fmt::print(stderr, "store_writer: {}\n", e.message());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    fmt::print(stderr, "usage: store_writer DB PREFIX COUNT\n");
    return 1;
  }
  auto store = SqliteStore::open({.path = argv[1], .busy_timeout = 60s});
  if (!store) return fail_with(store.error());
  say("ready\n");
  const std::string prefix = argv[2];
  const long count = std::atol(argv[3]);
  const Instant t0 = testing::utc("2026-03-02T09:00:00+01:00");
  for (long i = 0; count == 0 || i < count; ++i) {
    const Instant at = t0 + std::chrono::seconds(i);
    auto change = testing::new_ticket(at, fmt::format("customer-{}", i % 7));
    change = testing::next_change(
        change.state, {{0, at, "bo", HistoryKind::status, "open", {}},
                       {0, at + 1min, "bo", HistoryKind::agent_public_reply, "", {{"body", "On it"}}}});
    change.events.insert(change.events.begin(), testing::created_event(at, fmt::format("customer-{}", i % 7)));
    change.clocks = {{tierdesk::testing::clock_id("resolution"), tierdesk::ClockState::running, at + 8h, {}, false, {at + 6h}},
                     {tierdesk::testing::clock_id("response"), tierdesk::ClockState::met, {}, {}, false, {}}};
    auto made = store->create(prefix, 2026, std::vector{change});
    if (!made) return fail_with(made.error());
    report(made->front());
    auto next = testing::next_change(made->front(), {{0, at + 2min, "bo", HistoryKind::tier, "2", {{"reason", "crash test"}}}});
    if (auto ok = store->update(next); !ok) return fail_with(ok.error());
    report(next.state);
  }
  return 0;
}
