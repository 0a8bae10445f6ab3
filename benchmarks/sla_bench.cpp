// sla_bench [POLICY.json]: tickets per second whose SLA clocks compute_clocks_batch recomputes on
// one core. 1,000,000 tickets of about six events each over 2026 (created, priority, first reply,
// a pause and its resumption, resolution; some still open, some critical on 24/7), recomputed in
// chunks into a reused output. Prints "sla: N tickets/s", measured on the thread's CPU time
// (the figure for one core, also on a shared machine), and the wall-clock figure beside it;
// then the wall-clock time of the million in batches split across one and two threads.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tierdesk/sla/sla.hpp"
#include "tierdesk/sla/sla_json.hpp"

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

namespace {

// CPU time this thread has used.
std::chrono::nanoseconds thread_cpu_time() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return std::chrono::seconds{ts.tv_sec} + std::chrono::nanoseconds{ts.tv_nsec};
}

}  // namespace

namespace {

using tierdesk::EventKind;
using tierdesk::Instant;
using tierdesk::TicketEvent;

// One ticket: created with a priority, answered, maybe paused and resumed, maybe resolved.
void append_ticket(std::mt19937_64& rng, Instant year_start, std::vector<TicketEvent>& out) {
  static const char* const priorities[] = {"critical", "high", "medium", "normal", "low"};
  std::uniform_int_distribution<long long> start(0, 330LL * 24 * 3600);
  std::uniform_int_distribution<long long> gap(60, 8 * 3600);
  std::uniform_int_distribution<int> pick(0, 99);
  Instant t = year_start + std::chrono::seconds{start(rng)};
  const int p = pick(rng);
  out.push_back({t, EventKind::created, {}});
  out.push_back({t, EventKind::priority, priorities[p < 5 ? 0 : 1 + p % 4]});
  t += std::chrono::seconds{gap(rng)};
  out.push_back({t, EventKind::agent_public_reply, {}});
  if (pick(rng) < 60) {
    t += std::chrono::seconds{gap(rng)};
    out.push_back({t, EventKind::status, "pending-customer"});
    t += std::chrono::seconds{gap(rng) * 4};
    out.push_back({t, EventKind::status, "open"});
  } else {
    t += std::chrono::seconds{gap(rng)};
    out.push_back({t, EventKind::agent_internal_note, {}});
  }
  if (pick(rng) < 80) out.push_back({t + std::chrono::seconds{gap(rng)}, EventKind::resolved, {}});
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path =
      argc > 1 ? argv[1] : std::string(TIERDESK_SOURCE_DIR) + "/examples/policies/oneoffice.json";
  auto policy = tierdesk::load_policy_file(path);
  if (!policy) {
    fmt::print(stderr, "sla_bench: {}\n", policy.error().message());
    return 1;
  }
  constexpr std::size_t n = 1'000'000;
  std::mt19937_64 rng(2026);
  const Instant year_start = *tierdesk::parse_iso8601("2026-01-01T00:00:00Z");
  const Instant now = *tierdesk::parse_iso8601("2026-12-31T00:00:00Z");
  std::vector<TicketEvent> events;
  events.reserve(n * 6);
  std::vector<std::size_t> offsets{0};
  for (std::size_t i = 0; i < n; ++i) {
    append_ticket(rng, year_start, events);
    offsets.push_back(events.size());
  }
  std::vector<std::span<const TicketEvent>> tickets;
  for (std::size_t i = 0; i < n; ++i)
    tickets.emplace_back(events.data() + offsets[i], offsets[i + 1] - offsets[i]);

  constexpr std::size_t chunk = 256;  // an output of ~280 KB, reused: stays in L2
  std::vector<tierdesk::TicketClocks> out(chunk);
  std::vector<tierdesk::BatchError> errors;
  // Warm-up: builds the calendars' interval indexes for the year.
  for (std::size_t i = 0; i < n; i += chunk) {
    const std::size_t m = std::min(chunk, n - i);
    (void)tierdesk::compute_clocks_batch(std::span(tickets).subspan(i, m), *policy, now,
                                         std::span(out).first(m), errors);
  }
  if (!errors.empty()) {
    fmt::print(stderr, "sla_bench: ticket {}: {}\n", errors[0].ticket, errors[0].error.message());
    return 1;
  }
  std::size_t done = 0;
  const auto start = SteadyClock::now();
  const auto cpu_start = thread_cpu_time();
  auto elapsed = SteadyClock::duration{};
  do {
    for (std::size_t i = 0; i < n; i += chunk) {
      const std::size_t m = std::min(chunk, n - i);
      (void)tierdesk::compute_clocks_batch(std::span(tickets).subspan(i, m), *policy, now,
                                           std::span(out).first(m), errors);
      benchmark::DoNotOptimize(out.data());
    }
    done += n;
    elapsed = SteadyClock::now() - start;
  } while (elapsed < 2s);
  const double cpu = std::chrono::duration<double>(thread_cpu_time() - cpu_start).count();
  const double wall = std::chrono::duration<double>(elapsed).count();
  const double recomputed = static_cast<double>(done);
  fmt::print(
      "sla: {:.0f} tickets/s ({} tickets, {:.1f} events each; {:.3f} s CPU per million; "
      "wall clock {:.0f} tickets/s)\n",
      recomputed / cpu, n, static_cast<double>(events.size()) / static_cast<double>(n),
      cpu / (recomputed / 1e6), recomputed / wall);

  // The same million in batches of 8,192 (an output of ~9 MB, reused) split across 1 and 2
  // threads: wall-clock seconds for the million, the best of 5 rounds.
  constexpr std::size_t large = 8192;
  std::vector<tierdesk::TicketClocks> large_out(large);
  for (const unsigned threads : {1U, 2U}) {
    double best = 1e9;
    for (int round = 0; round < 5; ++round) {
      const auto round_start = SteadyClock::now();
      for (std::size_t i = 0; i < n; i += large) {
        const std::size_t m = std::min(large, n - i);
        (void)tierdesk::compute_clocks_batch(std::span(tickets).subspan(i, m), *policy, now,
                                             std::span(large_out).first(m), errors, threads);
        benchmark::DoNotOptimize(large_out.data());
      }
      best =
          std::min(best, std::chrono::duration<double>(SteadyClock::now() - round_start).count());
    }
    fmt::print(
        "sla: {} tickets in batches of {} on {} thread{}: {:.3f} s wall ({:.0f} tickets/s)\n", n,
        large, threads, threads == 1 ? "" : "s", best, static_cast<double>(n) / best);
  }
  return 0;
}
