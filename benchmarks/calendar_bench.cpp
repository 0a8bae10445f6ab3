// calendar_bench [CALENDAR.json]: operations per second of Calendar::add and between on one
// core, over a year of random starts (add: 120 minutes) and random pairs up to 30 days apart.
// Prints one line per operation, e.g. "add: 12345678 ops/s".
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tierdesk/calendar.hpp"
#include "tierdesk/calendar_json.hpp"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// Runs `op` over `inputs` until at least `min_time` has passed; returns operations per second.
template <class Input, class Op>
double ops_per_second(const std::vector<Input>& inputs, Op op, Clock::duration min_time = 1s) {
  std::size_t done = 0;
  const auto start = Clock::now();
  auto elapsed = Clock::duration{};
  do {
    for (const auto& in : inputs) benchmark::DoNotOptimize(op(in));
    done += inputs.size();
    elapsed = Clock::now() - start;
  } while (elapsed < min_time);
  return static_cast<double>(done) / std::chrono::duration<double>(elapsed).count();
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

  const double add = ops_per_second(starts, [&](tierdesk::Instant t) {
    return cal->add(t, 120min)->time_since_epoch().count();
  });
  const double between = ops_per_second(pairs, [&](const auto& p) {
    return cal->between(p.first, p.second)->count();
  });
  fmt::print("calendar: {}\n", path.substr(path.find_last_of('/') + 1));
  fmt::print("add: {:.0f} ops/s\n", add);
  fmt::print("between: {:.0f} ops/s\n", between);
  return 0;
}
