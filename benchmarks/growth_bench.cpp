// growth_bench [DIR] [MAX] [sqlite|memory]: how the desk's costs grow with its store. One store
// grows to MAX tickets (default 10,000,000); at 100,000, 1,000,000, … up to MAX it prints
//  - ingest: tickets/s of the last 200 batches of 1,000 before the size was reached, in arrival
//    order (bench_tickets.hpp, Dues::arrival: the desk's clock advances 26 s a ticket), and of
//    50 batches of 1,000 whose dues spread over the 30 days from the desk's "now" (the last
//    arrival), beside the same 50 batches on an empty store; per wall-clock second and per
//    second of the process's CPU time (the machine is shared: its speed changes by a third
//    from one minute to the next). Checkpoints of the WAL fall inside these stretches;
//  - due soon: "due within the next hour" (TicketStore::alarms, due only) from 1,000 random
//    instants of the last month, milliseconds per query;
//  - statement: customer nordlys' (OneOffice) March 2026 statement from the store, priced by
//    its contract (ServiceDesk::statement), with 10,000 tickets of nordlys in the store, each
//    with 30 minutes of work and resolved within the hour — a median of 5;
//  - ticket report: nordlys' March 2026 ticket report (ServiceDesk::ticket_report: the SLA
//    clocks of all 10,000 recomputed from their histories), a median of 3;
//  - watcher re-arm: SlaWatch::next_wake from 1,000 random instants of the last month,
//    microseconds per call (what the server pays after every ticket change);
// and the load average and the database's size beside them.
// The store is SqliteStore (synchronous=NORMAL, a file in DIR, default the system temp
// directory, removed afterwards) or MemoryStore: the program sees only the DeskStore
// interface, so another backend runs the same measurements.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bench_tickets.hpp"
#include "tierdesk/service/service_desk.hpp"
#include "tierdesk/service/sla_watch.hpp"
#include "tierdesk/store/memory_store.hpp"
#include "tierdesk/store/sqlite_store.hpp"

using namespace tierdesk;
using namespace tierdesk::bench;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

const Instant t0 = sys_days{2026y / March / 2} + 8h;
constexpr std::size_t batch_size = 1000;
constexpr std::size_t customer_tickets = 10000;

[[noreturn]] void die(const Error& e) {
  fmt::print(stderr, "growth_bench: {}\n", e.message());
  std::exit(2);
}

template <class T>
T must(Result<T> r) {
  if (!r) die(r.error());
  return std::move(*r);
}

// MAX from the command line: 100,000 … 100,000,000 tickets.
std::size_t parse_max(std::string_view text) {
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < 100'000 ||
      value > 100'000'000) {
    fmt::print(stderr, "growth_bench: MAX: got \"{}\", expected 100000 … 100000000\n", text);
    std::exit(2);
  }
  return value;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five;
  in >> one >> five;
  return fmt::format("{} {}", one, five);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Writes `count` generated tickets (numbers first, first + 1, …) in batches of 1,000 under
// the year of each batch's first arrival; returns the time spent in the store.
Spent ingest(DeskStore& store, Dues dues, std::size_t first, std::size_t count, Instant origin,
             std::mt19937& random) {
  std::vector<TicketChange> batch;
  batch.reserve(batch_size);
  Spent spent;
  for (std::size_t done = 0; done < count; done += batch.size()) {
    batch.clear();
    for (std::size_t i = 0; i < batch_size && done + i < count; ++i)
      batch.push_back(make_ticket(first + done + i, dues, origin, random));
    const int year =
        static_cast<int>(year_month_day{floor<days>(batch.front().events[0].at)}.year());
    const Stopwatch watch;
    if (auto made = store.create("BN", year, batch); !made) die(made.error());
    spent += watch.elapsed();
  }
  return spent;
}

// The 10,000 tickets of nordlys in March 2026, through the service desk as agents make them:
// opened by phone, 30 minutes of work, resolved.
void add_customer_tickets(ServiceDesk& desk) {
  for (std::size_t i = 0; i < customer_tickets; ++i) {
    const Instant at = t0 + seconds(200 * static_cast<std::int64_t>(i));
    auto opened = must(desk.open({.customer = "nordlys",
                                  .channel = Channel::phone,
                                  .subject = fmt::format("Request {}", i),
                                  .by = {"anna", at}}));
    const TicketRef ref = opened.ticket.ref;
    (void)must(desk.log_work(ref, {.agent = "anna", .start = at + 10min, .duration = 30min},
                             {"anna", at + 40min}));
    (void)must(desk.set_status(ref, TicketStatus::resolved, {"anna", at + 50min}));
  }
}

// Milliseconds per call of `call`, the median of `runs`.
double median_ms(int runs, const std::function<void()>& call) {
  std::vector<double> ms;
  for (int r = 0; r < runs; ++r) {
    const Stopwatch watch;
    call();
    ms.push_back(watch.elapsed().wall * 1e3);
  }
  return median(ms);
}

struct Backend {
  std::unique_ptr<Store> store;
  std::string path;  // empty for memory
};

Backend open_backend(const std::string& kind, const std::filesystem::path& dir,
                     std::string_view name) {
  if (kind == "memory") return {std::make_unique<MemoryStore>(), ""};
  if (kind != "sqlite") {
    fmt::print(stderr, "growth_bench: backend: got \"{}\", expected sqlite or memory\n", kind);
    std::exit(2);
  }
  const auto path = (dir / fmt::format("growth_bench_{}.db", name)).string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  auto store = must(SqliteStore::open({.path = path, .synchronous = Synchronous::normal}));
  return {std::make_unique<SqliteStore>(std::move(store)), path};
}

void close_backend(Backend& b) {
  b.store.reset();
  if (!b.path.empty())
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(b.path + suffix);
}

std::string size_of(const Backend& b) {
  if (b.path.empty()) return "in memory";
  std::error_code ec;
  auto bytes = std::filesystem::file_size(b.path, ec);
  const auto wal = std::filesystem::file_size(b.path + "-wal", ec);
  if (!ec) bytes += wal;
  return fmt::format("{:.0f} MiB", static_cast<double>(bytes) / (1 << 20));
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path dir = argc > 1 ? argv[1] : std::filesystem::temp_directory_path();
  const std::size_t max = argc > 2 ? parse_max(argv[2]) : 10'000'000;
  const std::string kind = argc > 3 ? argv[3] : "sqlite";
  const auto book =
      must(ContractBook::load(std::filesystem::path(TIERDESK_SOURCE_DIR) / "examples/contracts"));
  std::mt19937 random(42);

  constexpr std::size_t spread_sample = 50 * batch_size;
  Spent empty_arrival;
  Spent empty_spread;
  {
    Backend empty = open_backend(kind, dir, "empty");
    empty_arrival = ingest(*empty.store, Dues::arrival, 0, spread_sample, t0, random);
    close_backend(empty);
    empty = open_backend(kind, dir, "empty");
    empty_spread = ingest(*empty.store, Dues::spread, 0, spread_sample, t0, random);
    close_backend(empty);
  }
  const auto rate = [](std::size_t tickets, double seconds) {
    return static_cast<double>(tickets) / seconds;
  };
  fmt::print(
      "empty store ({}): {} tickets in batches of {}: arrival order {:.0f} tickets/s "
      "({:.0f} per CPU-second), spread dues {:.0f} tickets/s ({:.0f} per CPU-second)\n",
      kind, spread_sample, batch_size, rate(spread_sample, empty_arrival.wall),
      rate(spread_sample, empty_arrival.cpu), rate(spread_sample, empty_spread.wall),
      rate(spread_sample, empty_spread.cpu));

  Backend grown = open_backend(kind, dir, "grown");
  DeskStore& store = *grown.store;
  ServiceDesk desk(book, store);
  {
    const Stopwatch watch;
    add_customer_tickets(desk);
    fmt::print(
        "nordlys: {} tickets opened, worked and resolved through the service desk in "
        "{:.1f} s\n",
        customer_tickets, watch.elapsed().wall);
  }
  fmt::print("{:>10} | {:>15} | {:>15} | {:>7} | {:>7} | {:>7} | {:>9} | {:>8} | {:>9} | {}\n",
             "tickets", "arrival t/s,CPU", "spread t/s,CPU", "spread%", "due ms", "stmt ms",
             "report ms", "rearm us", "size", "load 1/5 min");
  std::fflush(stdout);

  constexpr std::size_t window = 200 * batch_size;  // the ingest figure's stretch
  std::size_t filler = 0;                           // arrival-order tickets written
  std::size_t extra = 0;                            // spread ones
  for (std::size_t size = 100'000; size <= max; size *= 10) {
    // Grow to `size` tickets in all, the last `window` of them timed.
    const std::size_t total_before = customer_tickets + filler + extra;
    const std::size_t to_write = size - total_before;
    const std::size_t untimed = to_write > window ? to_write - window : 0;
    ingest(store, Dues::arrival, filler, untimed, t0, random);
    filler += untimed;
    const Spent timed = ingest(store, Dues::arrival, filler, to_write - untimed, t0, random);
    filler += to_write - untimed;
    const Instant now = t0 + arrival_spacing * static_cast<std::int64_t>(filler);
    const Spent spread = ingest(store, Dues::spread, extra, spread_sample, now, random);
    extra += spread_sample;

    std::uniform_int_distribution<std::int64_t> recent(0, 30 * 24 * 3600 - 1);
    std::vector<Instant> instants(1000);
    for (auto& i : instants) i = now - seconds(recent(random));
    const Stopwatch due_watch;
    for (const Instant at : instants) {
      auto due = must(store.alarms({at, at + 1h}, AlarmFilter::due_only, 100000));
      benchmark::DoNotOptimize(due.data());
    }
    const double due_ms = due_watch.elapsed().wall * 1e3 / static_cast<double>(instants.size());

    const double statement_ms = median_ms(5, [&] {
      auto s = must(desk.statement("nordlys", 2026y / March));
      benchmark::DoNotOptimize(s.total);
    });
    const double report_ms = median_ms(3, [&] {
      auto r = must(desk.ticket_report("nordlys", {2026y / March, 1, "2026-03"},
                                       sys_days{2026y / April / 1}));
      benchmark::DoNotOptimize(r.tickets);
    });
    const Stopwatch rearm_watch;
    for (const Instant at : instants) {
      const SlaWatch watch(book, nullptr, at);
      auto wake = must(watch.next_wake(store));
      benchmark::DoNotOptimize(wake);
    }
    const double rearm_us = rearm_watch.elapsed().wall * 1e6 / static_cast<double>(instants.size());

    const auto pair = [&](std::size_t tickets, const Spent& spent) {
      return fmt::format("{:.0f},{:.0f}", rate(tickets, spent.wall), rate(tickets, spent.cpu));
    };
    fmt::print(
        "{:>10} | {:>15} | {:>15} | {:>6.0f}% | {:>7.3f} | {:>7.1f} | {:>9.1f} | "
        "{:>8.1f} | {:>9} | {}\n",
        customer_tickets + filler + extra, pair(to_write - untimed, timed),
        pair(spread_sample, spread), 100 * empty_spread.wall / spread.wall, due_ms, statement_ms,
        report_ms, rearm_us, size_of(grown), load_average());
    std::fflush(stdout);
  }
  close_backend(grown);
  return 0;
}
