#include "store/ticket_rows.hpp"

#include <algorithm>

#include "store/codec.hpp"

namespace tierdesk::store {
namespace {

// Rows are published to the reading thread in steps of this many: one atomic store and
// notification per step instead of per row.
constexpr std::size_t publish_every = 16;

}  // namespace

TicketColumns encode_ticket_columns(const Ticket& t, const std::vector<ClockEntry>& clocks) {
  // Only an open ticket keeps a breach open.
  const bool open = is_open(t.status);
  return {encode_strings(t.flags), encode_clocks(clocks, open),
          open && std::any_of(clocks.begin(), clocks.end(),
                              [](const ClockEntry& c) { return c.open_breach; })};
}

void TicketRows::encode(std::span<const Ticket> tickets, std::span<const TicketChange> changes) {
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    rows_[i] = encode_ticket_columns(tickets[i], changes[i].clocks);
    if ((i + 1) % publish_every == 0 || i + 1 == rows_.size()) {
      ready_.store(i + 1, std::memory_order_release);
      ready_.notify_all();
    }
  }
}

const TicketColumns& TicketRows::wait_for(std::size_t i) const {
  for (auto ready = ready_.load(std::memory_order_acquire); ready <= i;
       ready = ready_.load(std::memory_order_acquire))
    ready_.wait(ready, std::memory_order_acquire);
  return rows_[i];
}

}  // namespace tierdesk::store
