// store_bench [DIR] [INGEST] [OPEN] [keep]: throughput of the SQLite store on a file database.
//
//  1. ingest: INGEST tickets (default 100,000), each with its creation event and the clock
//     cache of two clocks (response and resolution, each a due instant and warnings at 75 % and
//     90 % of its target), in transactions of 1,000 tickets (and of 5,000, as an import would
//     write them: fewer commits rewrite the same scattered index pages), with
//     synchronous=NORMAL and with synchronous=FULL (WAL); prints tickets/second for each
//     (median and range of three runs), the closing of the store (its last checkpoint)
//     counted. Two orders of due instants:
//       arrival: a ticket every 26 seconds (100,000 in a month), its targets 1 h (10 %), 4 h
//         (60 %) or 8 h (30 %) for the response and four times that for the resolution, so due
//         instants follow the arrivals, as on a live desk or in an import of its history;
//       spread: due instants uniformly random over 30 days, whatever the arrival, the worst
//         case for the alarm index (every batch writes all over it).
//  2. due: OPEN open tickets (default 1,000,000) whose due instants spread over 30 days; runs
//     "due within the next hour" from 1,000 random instants and prints milliseconds per query
//     and the rows each query returned on average.
// Each figure is given per wall-clock second and per second of the process's CPU time
// (CLOCK_PROCESS_CPUTIME_ID: a large batch encodes its event and alarm rows on a second
// thread, whose time counts too), since on a shared machine the wall clock also counts the time
// other processes had the core. Files go to DIR (default the system temp directory) and are
// removed afterwards.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "bench_tickets.hpp"
#include "tierdesk/store/sqlite_store.hpp"

using namespace tierdesk;
using namespace tierdesk::bench;
using namespace std::chrono_literals;

namespace {

const Instant t0 = parse_iso8601("2026-03-02T08:00:00Z").value();

std::string fresh(const std::filesystem::path& dir, std::string_view name) {
  const auto path = (dir / name).string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return path;
}

void remove_db(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// Ingests `count` tickets into `path`; returns the time spent in the store, closing it (and
// so its last checkpoint) included.
Spent ingest(const std::string& path, Synchronous sync, Dues dues, std::size_t count,
             std::size_t batch) {
  auto store = std::make_unique<SqliteStore>(SqliteStore::open({.path = path, .synchronous = sync}).value());
  std::mt19937 random(42);
  std::vector<TicketChange> changes;
  changes.reserve(batch);
  Spent spent;
  for (std::size_t done = 0; done < count;) {
    changes.clear();
    for (std::size_t i = 0; i < batch && done + i < count; ++i)
      changes.push_back(make_ticket(done + i, dues, t0, random));
    const Stopwatch watch;
    auto made = store->create("BN", 2026, changes);
    spent += watch.elapsed();
    if (!made) {
      fmt::print(stderr, "store_bench: {}\n", made.error().message());
      std::exit(2);
    }
    done += changes.size();
  }
  const Stopwatch watch;
  store.reset();
  spent += watch.elapsed();
  return spent;
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path dir = argc > 1 ? argv[1] : std::filesystem::temp_directory_path();
  const std::size_t ingest_count = argc > 2 ? std::stoul(argv[2]) : 100000;
  const std::size_t open_count = argc > 3 ? std::stoul(argv[3]) : 1000000;

  struct Run {
    Dues dues;
    Synchronous sync;
    std::size_t batch;
    const char* name;
  };
  for (const auto& run : {Run{Dues::arrival, Synchronous::normal, 1000, "arrival order, synchronous=NORMAL"},
                          Run{Dues::arrival, Synchronous::full, 1000, "arrival order, synchronous=FULL"},
                          Run{Dues::arrival, Synchronous::normal, 5000, "arrival order, synchronous=NORMAL"},
                          Run{Dues::arrival, Synchronous::full, 5000, "arrival order, synchronous=FULL"},
                          Run{Dues::spread, Synchronous::normal, 1000, "spread dues, synchronous=NORMAL"}}) {
    std::vector<double> wall;
    std::vector<double> cpu;
    for (int i = 0; i < 3; ++i) {
      const auto path = fresh(dir, "store_bench_ingest.db");
      const Spent spent = ingest(path, run.sync, run.dues, ingest_count, run.batch);
      remove_db(path);
      wall.push_back(static_cast<double>(ingest_count) / spent.wall);
      cpu.push_back(static_cast<double>(ingest_count) / spent.cpu);
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    fmt::print("ingest, {}: {} tickets in batches of {}: {:.0f} tickets/s wall (runs {:.0f} … {:.0f}), "
               "{:.0f} per CPU-second\n",
               run.name, ingest_count, run.batch, wall[1], wall[0], wall[2], cpu[1]);
    std::fflush(stdout);
  }

  // KEEP: the due database stays for the next run, which then skips loading it (same seed,
  // same tickets; the file name carries the count).
  const bool keep = argc > 4 && std::string_view(argv[4]) == "keep";
  const auto kept = (dir / fmt::format("store_bench_due_{}.db", open_count)).string();
  const auto path = keep ? kept : fresh(dir, "store_bench_due.db");
  if (!keep || !std::filesystem::exists(kept)) {
    if (keep) remove_db(kept);
    const Spent loaded = ingest(path, Synchronous::normal, Dues::spread, open_count, 1000);
    fmt::print("loaded {} open tickets ({:.0f} tickets/s wall, {:.0f} per CPU-second)\n", open_count,
               static_cast<double>(open_count) / loaded.wall, static_cast<double>(open_count) / loaded.cpu);
    std::fflush(stdout);
  }
  auto store = SqliteStore::open({.path = path, .synchronous = Synchronous::normal}).value();
  std::mt19937 random(7);
  std::uniform_int_distribution<int> start(0, 29 * 24 * 3600);
  constexpr int queries = 1000;
  std::size_t rows = 0;
  const Stopwatch watch;
  for (int q = 0; q < queries; ++q) {
    const Instant now = t0 + std::chrono::seconds(start(random));
    auto due = store.alarms({now, now + 1h}, AlarmFilter::due_only, 100000);
    if (!due) {
      fmt::print(stderr, "store_bench: {}\n", due.error().message());
      return 2;
    }
    rows += due->size();
    benchmark::DoNotOptimize(due->data());
  }
  const Spent spent = watch.elapsed();
  fmt::print("due within the next hour over {} open tickets: {:.3f} ms per query wall, {:.3f} ms "
             "CPU ({} rows on average)\n",
             open_count, spent.wall * 1e3 / queries, spent.cpu * 1e3 / queries, rows / queries);
  if (!keep) remove_db(path);
  return 0;
}
