// MemoryStore: what is its own (threads, moves), and the same answers as SqliteStore to the
// same writes. The Store contract itself runs on both backends in sqlite_store_test.cpp,
// work_store_test.cpp and access_test.cpp.
#include "tierdesk/store/memory_store.hpp"

#include <algorithm>
#include <array>
#include <random>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "support/ticket_fixtures.hpp"
#include "tierdesk/store/sqlite_store.hpp"

using namespace tierdesk;
using namespace std::chrono_literals;
using tierdesk::testing::clock_id;
using tierdesk::testing::new_ticket;
using tierdesk::testing::utc;

namespace {

const Instant t0 = utc("2026-03-02T09:00:00+01:00");

}  // namespace

TEST_CASE("threads sharing a MemoryStore get every reference once, without gaps") {
  MemoryStore store;
  constexpr int threads = 4;
  constexpr int batches = 25;  // of two tickets each
  std::vector<std::thread> writers;
  for (int w = 0; w < threads; ++w)
    writers.emplace_back([&] {
      for (int b = 0; b < batches; ++b)
        CHECK(store.create("OO", 2026, std::vector{new_ticket(t0), new_ticket(t0)}));
    });
  for (auto& w : writers) w.join();
  const auto all = store.tickets({}).value();
  REQUIRE(all.size() == 2 * threads * batches);
  for (std::size_t i = 0; i < all.size(); ++i)
    CHECK(all[i].ref == TicketRef{"OO", 2026, static_cast<std::int64_t>(i) + 1});
}

TEST_CASE("a moved-from MemoryStore refuses every call; the store it moved to has the tickets") {
  static_assert(std::is_nothrow_default_constructible_v<MemoryStore>);
  MemoryStore first;
  const auto ref = first.create("OO", 2026, std::vector{new_ticket(t0)}).value().front().ref;
  MemoryStore second = std::move(first);
  CHECK(second.ticket(ref)->ref == ref);
  auto gone = first.ticket(ref);  // NOLINT(bugprone-use-after-move): what this case is about
  REQUIRE_FALSE(gone);
  CHECK(gone.error().code() == Errc::storage_error);
  CHECK(gone.error().message() == "memory store: moved from, or out of memory when made");
}

namespace {

// Both backends, written to alike; every answer compared.
struct Twins {
  SqliteStore sqlite = SqliteStore::open({.path = ":memory:"}).value();
  MemoryStore memory;
};

// SqliteStore names a broken constraint in SQLite's words (the statement and the constraint);
// MemoryStore names the field. Their codes agree, as does every other message.
template <class T>
void check_alike(const Result<T>& sqlite, const Result<T>& memory) {
  REQUIRE(sqlite.has_value() == memory.has_value());
  if (!sqlite) {
    CAPTURE(sqlite.error().message());
    CAPTURE(memory.error().message());
    CHECK(sqlite.error().code() == memory.error().code());
    if (sqlite.error().message().find("constraint failed") == std::string::npos)
      CHECK(sqlite.error().message() == memory.error().message());
    return;
  }
  if constexpr (!std::is_void_v<T>) CHECK(*sqlite == *memory);
}

// Runs `query` on both stores and compares the answers.
template <class Query>
void ask_both(Twins& twins, Query query) {
  check_alike(query(static_cast<Store&>(twins.sqlite)), query(static_cast<Store&>(twins.memory)));
}

const std::vector<std::string> customers{"acme", "bolt", "cyan"};
const std::vector<std::string> contracts{"acme-2026", "bolt-2026"};
const std::vector<std::string> external_ids{"", "", "", "<1@m>", "<2@m>", "<3@m>"};
const std::vector<std::string> clock_names{"ola:2nd level", "resolution", "response"};
const std::vector<std::string> digests{"d1", "d2", "d3", "d4"};

// A pseudo-random script of writes, the same on every run.
class Script {
 public:
  explicit Script(Twins& twins) : twins_(twins) {}

  void step(int n) {
    now_ = t0 + std::chrono::minutes(n);
    switch (pick(10)) {
      case 0:
      case 1:
      case 2: return create();
      case 3: return token();
      default: return update();
    }
  }

  // Every query with a spread of filters, compared.
  void compare_everything() {
    for (const auto& ref : refs_) compare_ticket(ref);
    compare_tickets();
    compare_alarms();
    compare_work();
    for (const auto& id : external_ids)
      ask_both(twins_, [&](Store& s) { return s.find_external(id); });
    ask_both(twins_, [](Store& s) { return s.tokens(); });
    for (const auto& d : digests) ask_both(twins_, [&](Store& s) { return s.token_by_digest(d); });
  }

 private:
  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }
  template <class T>
  const T& any(const std::vector<T>& v) {
    return v[pick(v.size())];
  }

  std::vector<ClockEntry> clocks() {
    std::vector<std::string> names = clock_names;
    std::shuffle(names.begin(), names.end(), rng_);
    std::vector<ClockEntry> out;
    for (std::size_t i = pick(3); i < names.size(); ++i) {
      ClockEntry c;
      c.clock = clock_id(names[i]);
      if (pick(4) == 0) {
        c.state = ClockState::paused;
      } else {
        c.state = ClockState::running;
        c.due = t0 + std::chrono::minutes(15 * pick(40));
        for (std::size_t w = pick(3); w > 0; --w)
          c.warnings.push_back(*c.due - std::chrono::minutes(15 * w));
        c.open_breach = pick(4) == 0;
        if (c.open_breach) c.breached_at = c.due;
      }
      out.push_back(std::move(c));
    }
    return out;
  }

  HistoryEvent event(std::int64_t seq, HistoryKind kind) {
    return {seq, now_, "bo", kind, "", {{"note", fmt::format("step \"{}\"\n", seq)}}};
  }

  // Work entries, fees and notifications with their events, appended to `change`.
  void add_details(TicketChange& change) {
    auto seq = change.state.version;
    if (pick(3) == 0) {
      WorkEntry& e = change.work.emplace_back();
      e.agent = pick(2) == 0 ? "al" : "bo";
      e.start = t0 + std::chrono::minutes(30 * pick(8));
      e.duration = std::chrono::minutes(15 * (1 + pick(4)));
      change.events.push_back(event(++seq, HistoryKind::work_logged));
    }
    if (pick(4) == 0) {
      change.fees.push_back(
          {pick(2) == 0 ? "emergency" : "on_call", t0 + std::chrono::minutes(30 * pick(8))});
      change.events.push_back(event(++seq, HistoryKind::fee_charged));
    }
    if (pick(3) == 0) {
      Notification& n = change.notifications.emplace_back();
      n.at = now_;
      n.kind = "escalated";
      n.recipient = any(customers);
    }
    change.state.version = seq;
  }

  void vary(Ticket& t) {
    t.customer = any(customers);
    t.contract = any(contracts);
    t.status = static_cast<TicketStatus>(pick(6));
    t.tier = 1 + static_cast<int>(pick(3));
    if (pick(40) == 0) t.tier = 4;  // a conflict in SQLite's CHECK constraint
    t.assignee = pick(2) == 0 ? "bo" : "cy";
    if (pick(4) == 0) t.external_id = any(external_ids);  // mostly as it was
    t.jourfixe = pick(3) == 0;
    t.updated_at = now_;
    if (pick(8) == 0) t.created_at = now_;  // an update keeps the stored one
  }

  void create() {
    std::vector<TicketChange> batch;
    for (std::size_t n = 1 + pick(3); n > 0; --n) {
      auto change = new_ticket(now_);
      vary(change.state);
      change.clocks = clocks();
      add_details(change);
      batch.push_back(std::move(change));
    }
    const std::string prefix = pick(2) == 0 ? "OO" : "SB";
    const int year = pick(3) == 0 ? 2027 : 2026;
    auto sqlite = twins_.sqlite.create(prefix, year, batch);
    check_alike(sqlite, twins_.memory.create(prefix, year, batch));
    if (sqlite)
      for (const auto& t : *sqlite) refs_.push_back(t.ref);
  }

  void update() {
    if (refs_.empty()) return create();
    TicketChange change;
    change.state = twins_.sqlite.ticket(any(refs_)).value();
    if (pick(20) == 0) change.state.ref.sequence += 1000;  // no such ticket
    if (pick(15) == 0) change.state.version -= 1;          // stale
    const auto read = change.state.version;
    change.events.push_back(event(read + 1, HistoryKind::assigned));
    change.state.version = read + 1;
    vary(change.state);
    change.clocks = clocks();
    add_details(change);
    if (pick(4) == 0) {  // an entry that may be a work entry or fee, reversed or not
      const auto entry = 1 + static_cast<std::int64_t>(pick(static_cast<std::size_t>(read) + 1));
      change.events.push_back(event(++change.state.version, HistoryKind::entry_reversed));
      change.reversals.push_back({entry, {now_, "lena", "wrong ticket"}});
    }
    check_alike(twins_.sqlite.update(change), twins_.memory.update(change));
  }

  void token() {
    if (pick(3) == 0) {
      const auto id = static_cast<std::int64_t>(pick(6));
      check_alike(twins_.sqlite.revoke_token(id), twins_.memory.revoke_token(id));
      return;
    }
    const ApiToken t{
        .name = "t", .role = AccessRole::agent, .digest = any(digests), .created_at = now_};
    check_alike(twins_.sqlite.add_token(t), twins_.memory.add_token(t));
  }

  void compare_ticket(const TicketRef& ref) {
    ask_both(twins_, [&](Store& s) { return s.ticket(ref); });
    ask_both(twins_, [&](Store& s) { return s.history(ref); });
    ask_both(twins_, [&](Store& s) { return s.clocks(ref); });
    ask_both(twins_, [&](Store& s) { return s.notifications(ref); });
  }

  void compare_tickets() {
    std::vector<TicketFilter> filters{{}, {.open_only = true}, {.limit = 3}, {.limit = 0}};
    for (const auto& c : customers) filters.push_back({.customer = c, .open_only = true});
    for (const auto& c : contracts) filters.push_back({.contract = c, .assignee = "bo"});
    for (int s = 0; s < 6; ++s) filters.push_back({.status = static_cast<TicketStatus>(s)});
    for (int tier = 1; tier <= 3; ++tier) filters.push_back({.tier = tier, .limit = 4});
    for (const auto& f : filters) ask_both(twins_, [&](Store& s) { return s.tickets(f); });
    for (const std::size_t limit : std::array<std::size_t, 3>{0, 2, 1000})
      ask_both(twins_, [&](Store& s) { return s.breached_open(limit); });
    for (const auto& c : contracts) ask_both(twins_, [&](Store& s) { return s.jourfixe_batch(c); });
  }

  void compare_alarms() {
    const std::vector<Segment<Instant>> windows{
        {t0, t0 + 10h}, {t0 + 2h, t0 + 2h + 15min}, {t0 + 3h, t0 + 1h}, {t0 - 1h, t0}};
    for (const auto& w : windows)
      for (const auto filter : {AlarmFilter::due_only, AlarmFilter::due_and_warnings})
        for (const std::size_t limit : std::array<std::size_t, 4>{0, 1, 7, 1000})
          ask_both(twins_, [&](Store& s) { return s.alarms(w, filter, limit); });
    for (const Instant from : {t0 - 1h, t0, t0 + 2h + 7min, t0 + 3h, t0 + 30 * 24h})
      for (const auto filter : {AlarmFilter::due_only, AlarmFilter::due_and_warnings})
        ask_both(twins_, [&](Store& s) { return s.next_alarm(from, filter); });
  }

  void compare_work() {
    std::vector<WorkFilter> filters{{},
                                    {.started = Segment<Instant>{t0 + 1h, t0 + 2h}},
                                    {.started = Segment<Instant>{t0 + 2h, t0}}};
    for (const auto& c : customers) filters.push_back({.customer = c});
    for (const auto& c : contracts)
      filters.push_back({.contract = c, .started = Segment<Instant>{t0, t0 + 3h}});
    for (const auto& ref : refs_) filters.push_back({.ref = ref});
    filters.push_back({.ref = TicketRef{"OO", 2026, 999}});
    for (const auto& f : filters) {
      ask_both(twins_, [&](Store& s) { return s.work(f); });
      ask_both(twins_, [&](Store& s) { return s.fees(f); });
    }
  }

  Twins& twins_;
  std::mt19937 rng_{20261102};
  Instant now_ = t0;
  std::vector<TicketRef> refs_;
};

}  // namespace

TEST_CASE("MemoryStore answers a script of writes as SqliteStore does, query by query") {
  Twins twins;
  Script script(twins);
  for (int n = 1; n <= 400; ++n) {
    CAPTURE(n);
    script.step(n);
    if (n % 50 == 0) script.compare_everything();
  }
}

TEST_CASE("what SQLite's constraints refuse is a conflict on both backends") {
  Twins twins;
  auto tier4 = new_ticket(t0);
  tier4.state.tier = 4;
  const auto refused = twins.memory.create("OO", 2026, std::vector{tier4});
  check_alike(twins.sqlite.create("OO", 2026, std::vector{tier4}), refused);
  CHECK(refused.error().message() == "tier: got \"4\", expected 1 … 3");

  // The same due instant of a clock listed twice: one alarm key twice.
  auto twice = new_ticket(t0);
  twice.clocks = {{clock_id("response"), ClockState::running, t0 + 1h, {}, false, {}},
                  {clock_id("response"), ClockState::running, t0 + 1h, {}, false, {}}};
  const auto duplicate = twins.memory.create("OO", 2026, std::vector{twice});
  check_alike(twins.sqlite.create("OO", 2026, std::vector{twice}), duplicate);
  CHECK(duplicate.error().message() ==
        "clocks: OO-2026-000001 lists an alarm of \"response\" twice");

  const std::vector batch{new_ticket(t0, "acme", "<a@m>"), new_ticket(t0, "acme", "<b@m>")};
  const auto made = twins.memory.create("OO", 2026, batch).value();
  check_alike(twins.sqlite.create("OO", 2026, batch), Result<std::vector<Ticket>>(made));
  auto taken =
      tierdesk::testing::next_change(made[0], {{0, t0, "bo", HistoryKind::assigned, "cy", {}}});
  taken.state.external_id = "<b@m>";
  const auto conflict = twins.memory.update(taken);
  check_alike(twins.sqlite.update(taken), conflict);
  CHECK(conflict.error().message() == "external_id: a ticket with \"<b@m>\" exists");
}
