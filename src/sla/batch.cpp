// Many tickets at once: batch recomputation, the next due instant, and alarms in a window.
#include <algorithm>
#include <system_error>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "sla/engine.hpp"
#include "tierdesk/sla/sla.hpp"

namespace tierdesk {
namespace {

bool runs(const Clock& c) {
  return c.state == ClockState::running || (c.state == ClockState::breached && !c.met_at);
}

void earliest(std::optional<Instant>& best, const Clock& c) {
  if (runs(c) && c.due && (!best || *c.due < *best)) best = c.due;
}

void collect(const Clock& c, std::size_t ticket, bool ola, std::size_t index,
             Segment<Instant> window, std::vector<Alarm>& out) {
  const auto add = [&](Alarm::Kind kind, std::size_t level, Instant at) {
    if (window.contains(at))
      out.push_back(Alarm{ticket, kind, ola, static_cast<std::uint8_t>(index),
                          static_cast<std::uint8_t>(level), at});
  };
  for (std::size_t k = 0; k < c.warnings.size(); ++k)
    if (c.warnings[k]) add(Alarm::Kind::warning, k, *c.warnings[k]);
  if (c.breached_at) {
    add(Alarm::Kind::breach, 0, *c.breached_at);
  } else if (c.state == ClockState::running && c.due) {
    add(Alarm::Kind::breach, 0, *c.due);
  }
}

}  // namespace

std::optional<Instant> TicketClocks::next_due() const {
  std::optional<Instant> best;
  for (const Clock& c : clocks) earliest(best, c);
  for (const Clock& c : ola) earliest(best, c);
  return best;
}

Result<void> compute_clocks_batch(std::span<const std::span<const TicketEvent>> tickets,
                                  const SlaPolicy& policy, Instant now, std::span<TicketClocks> out,
                                  std::vector<BatchError>& errors) {
  return compute_clocks_batch(tickets, policy, now, out, errors, 1);
}

Result<void> compute_clocks_batch(std::span<const std::span<const TicketEvent>> tickets,
                                  const SlaPolicy& policy, Instant now, std::span<TicketClocks> out,
                                  std::vector<BatchError>& errors, unsigned threads) {
  if (out.size() != tickets.size())
    return fail(Error::invalid(Errc::invalid_argument, "out", fmt::format("{} slots", out.size()),
                               fmt::format("one per ticket ({})", tickets.size())));
  // Tickets [first, first + count) into out, their errors (indexes of the whole batch) into
  // `found`.
  const auto share = [&](std::size_t first, std::size_t count, std::vector<BatchError>& found) {
    for (std::size_t i = first; i < first + count; ++i) {
      auto ok = detail::compute_clocks_into(tickets[i], policy, now, out[i]);
      if (!ok) {
        out[i] = TicketClocks{};
        found.push_back(BatchError{i, ok.error()});
      }
    }
  };
  const std::size_t n = tickets.size();
  constexpr std::size_t least_share = 1024;  // a thread's start costs tens of microseconds
  const std::size_t parts =
      n < parallel_batch_from ? 1 : std::clamp<std::size_t>(threads, 1, n / least_share);
  if (parts == 1) {
    share(0, n, errors);
    return {};
  }
  // Part 0 runs here; each other part on a thread of its own (or here, when none is to be had).
  std::vector<std::vector<BatchError>> found(parts);
  std::vector<std::jthread> workers;
  workers.reserve(parts - 1);
  const auto first_of = [&](std::size_t p) { return n * p / parts; };
  for (std::size_t p = 1; p < parts; ++p) {
    const std::size_t first = first_of(p);
    const std::size_t count = first_of(p + 1) - first;
    try {
      workers.emplace_back([&share, &found, first, count, p] { share(first, count, found[p]); });
    } catch (const std::system_error&) {
      share(first, count, found[p]);
    }
  }
  share(0, first_of(1), found[0]);
  workers.clear();  // joins
  for (auto& part : found)
    errors.insert(errors.end(), std::make_move_iterator(part.begin()),
                  std::make_move_iterator(part.end()));
  return {};
}

void alarms_in(std::span<const TicketClocks> tickets, Segment<Instant> window,
               std::vector<Alarm>& out) {
  const std::size_t first = out.size();
  for (std::size_t t = 0; t < tickets.size(); ++t) {
    for (std::size_t m = 0; m < metric_count; ++m)
      collect(tickets[t].clocks[m], t, false, m, window, out);
    for (std::size_t r = 0; r < max_ola; ++r) collect(tickets[t].ola[r], t, true, r, window, out);
  }
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
            [](const Alarm& a, const Alarm& b) {
              if (a.at != b.at) return a.at < b.at;
              if (a.ticket != b.ticket) return a.ticket < b.ticket;
              if (a.ola != b.ola) return !a.ola;
              if (a.clock != b.clock) return a.clock < b.clock;
              if (a.kind != b.kind) return a.kind < b.kind;
              return a.level < b.level;
            });
}

}  // namespace tierdesk
