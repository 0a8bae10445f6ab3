// Many tickets at once: batch recomputation, the next due instant, and alarms in a window.
#include <algorithm>

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
  if (out.size() != tickets.size())
    return fail(Error::invalid(Errc::invalid_argument, "out", fmt::format("{} slots", out.size()),
                               fmt::format("one per ticket ({})", tickets.size())));
  for (std::size_t i = 0; i < tickets.size(); ++i) {
    auto ok = detail::compute_clocks_into(tickets[i], policy, now, out[i]);
    if (!ok) {
      out[i] = TicketClocks{};
      errors.push_back(BatchError{i, ok.error()});
    }
  }
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
