// calendar_bench [CALENDAR.json]: operations per second of Calendar::add and between on one
// core, over a year of random starts (add: 120 minutes) and random pairs up to 30 days apart.
// Prints one line per operation, e.g. "add: 12345678 ops/s", then the time to build the
// calendar's index afresh for 1 and for 50 years (what an evaluation request asking about that
// span costs first). Rates and times are measured in this thread's CPU time (one core's
// throughput, unaffected by other load on the machine); the wall-clock figure follows in
// parentheses.
#include <benchmark/benchmark.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tierdesk/calendar/calendar.hpp"
#include "tierdesk/calendar/calendar_json.hpp"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Rate {
  double cpu;   // operations per second of thread CPU time
  double wall;  // operations per second of wall-clock time
};

// Runs `op` over `inputs` until at least `min_cpu` seconds of CPU time have passed.
template <class Input, class Op>
Rate ops_per_second(const std::vector<Input>& inputs, Op op, double min_cpu = 1.0) {
  std::size_t done = 0;
  const auto wall_start = Clock::now();
  const double cpu_start = thread_cpu_seconds();
  double cpu = 0;
  do {
    for (const auto& in : inputs) benchmark::DoNotOptimize(op(in));
    done += inputs.size();
    cpu = thread_cpu_seconds() - cpu_start;
  } while (cpu < min_cpu);
  const double wall = std::chrono::duration<double>(Clock::now() - wall_start).count();
  return {static_cast<double>(done) / cpu, static_cast<double>(done) / wall};
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path =
      argc > 1 ? argv[1] : std::string(TIERDESK_SOURCE_DIR) + "/examples/calendars/de-bw-office.json";
  auto cal = tierdesk::load_calendar_file(path);
  if (!cal) {
    fmt::print(stderr, "calendar_bench: {}\n", cal.error().message());
    return 1;
  }
  constexpr std::size_t n = 1 << 20;
  std::mt19937_64 rng(2026);
  const auto year_start = *tierdesk::parse_iso8601("2026-01-01T00:00:00Z");
  std::vector<tierdesk::Instant> starts(n);
  std::vector<std::pair<tierdesk::Instant, tierdesk::Instant>> pairs(n);
  for (std::size_t i = 0; i < n; ++i) {
    starts[i] = year_start + std::chrono::seconds(rng() % (365 * 86400));
    const auto a = year_start + std::chrono::seconds(rng() % (365 * 86400));
    pairs[i] = {a, a + std::chrono::seconds(rng() % (30 * 86400))};
  }
  // Build the index for the year (and the spill-over of add) before timing.
  (void)cal->add(year_start, 24h * 300);

  const Rate add = ops_per_second(starts, [&](tierdesk::Instant t) {
    return cal->add(t, 120min)->time_since_epoch().count();
  });
  const Rate between = ops_per_second(pairs, [&](const auto& p) {
    return cal->between(p.first, p.second)->count();
  });
  fmt::print("calendar: {}\n", path.substr(path.find_last_of('/') + 1));
  fmt::print("add: {:.0f} ops/s ({:.0f} ops/s wall clock)\n", add.cpu, add.wall);
  fmt::print("between: {:.0f} ops/s ({:.0f} ops/s wall clock)\n", between.cpu, between.wall);

  // A fresh budgeted copy has no index yet: `between` over the span builds it.
  for (const int years : {1, 50}) {
    const std::vector<int> spans(1, years);
    const Rate builds = ops_per_second(spans, [&](int y) {
      const tierdesk::Calendar fresh = cal->budgeted(std::size_t{1} << 30);
      return fresh.between(year_start, year_start + std::chrono::days(365 * y))->count();
    });
    fmt::print("index of {} year{}: {:.3f} ms ({:.3f} ms wall clock)\n", years,
               years == 1 ? "" : "s", 1e3 / builds.cpu, 1e3 / builds.wall);
  }
  return 0;
}
