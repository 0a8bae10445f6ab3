// What the store benchmarks share: a stopwatch of wall-clock and process CPU time, and
// generated tickets as a desk would hand them to its store (a creation event and the clock
// cache of two running clocks, each a due instant and warnings at 75 % and 90 % of its target).
#pragma once

#include <time.h>

#include <chrono>
#include <cstdint>
#include <random>
#include <string>

#include <fmt/format.h>

#include "tierdesk/desk/desk_store.hpp"

namespace tierdesk::bench {

using namespace std::chrono_literals;

// Wall-clock and process CPU time together. CPU time counts every thread of the process (a
// large batch encodes its rows on a second one); on a shared machine the wall clock also counts
// the time other processes had the core.
struct Spent {
  double wall = 0;
  double cpu = 0;
  Spent& operator+=(const Spent& other) {
    wall += other.wall;
    cpu += other.cpu;
    return *this;
  }
};

inline double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

class Stopwatch {
 public:
  Stopwatch() : wall_(std::chrono::steady_clock::now()), cpu_(cpu_seconds()) {}
  Spent elapsed() const {
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_).count(),
            cpu_seconds() - cpu_};
  }

 private:
  std::chrono::steady_clock::time_point wall_;
  double cpu_;
};

// How a generated ticket's due instants relate to its arrival.
//  arrival: ticket i opens at origin + 26 s × i (100,000 in a month), its response target 1 h
//    (10 %), 4 h (60 %) or 8 h (30 %) and its resolution target four times that, so due
//    instants follow the arrivals, as on a live desk or in an import of its history;
//  spread: ticket i opens at origin + (i mod 600) s, its clocks started at a random instant of
//    the 30 days from origin (targets 4 h and 16 h): the worst case for the alarm index, whose
//    every batch then writes all over the month.
enum class Dues : std::uint8_t { arrival, spread };

// Ticket arrival spacing of Dues::arrival.
inline constexpr std::chrono::seconds arrival_spacing{26};

inline ClockEntry running_clock(Metric metric, Instant start, std::chrono::seconds target) {
  return {ClockId::of(metric),
          ClockState::running,
          start + target,
          {},
          false,
          {start + target * 3 / 4, start + target * 9 / 10}};
}

// Ticket number `i` of customer "customer-(i mod customers)".
inline TicketChange make_ticket(std::size_t i, Dues dues, Instant origin, std::mt19937& random,
                                std::size_t customers = 500) {
  std::uniform_int_distribution<int> spread(0, 30 * 24 * 3600 - 1);
  std::uniform_int_distribution<int> percent(0, 99);
  const Instant at = dues == Dues::arrival ? origin + arrival_spacing * static_cast<std::int64_t>(i)
                                           : origin + std::chrono::seconds(i % 600);
  TicketChange c;
  c.events.push_back({1,
                      at,
                      "intake",
                      HistoryKind::created,
                      "",
                      {{"customer", fmt::format("customer-{}", i % customers)},
                       {"contract", fmt::format("contract-{}", i % customers)},
                       {"channel", "email"},
                       {"priority", "normal"},
                       {"subject", "Benchmark ticket"}}});
  c.state = fold(TicketRef{"BN", 2026, 1}, c.events).value();
  if (dues == Dues::arrival) {
    const int p = percent(random);
    const std::chrono::seconds target = p < 10 ? 1h : p < 70 ? 4h : 8h;
    c.clocks = {running_clock(Metric::resolution, at, 4 * target),
                running_clock(Metric::response, at, target)};
  } else {
    const Instant start = origin + std::chrono::seconds(spread(random));
    c.clocks = {running_clock(Metric::resolution, start, 16h),
                running_clock(Metric::response, start, 4h)};
  }
  return c;
}

}  // namespace tierdesk::bench
