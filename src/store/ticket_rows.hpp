// The encoded columns of a batch's ticket rows: the flags and the clock cache as JSON text and
// the open-breach flag. A large SqliteStore::create encodes them on its second thread while the
// writing thread inserts the rows already encoded: one thread fills the rows in order, the
// other reads row i once it is there (wait_for). Encoding touches no SQLite state.
#pragma once

#include <atomic>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "tierdesk/store/store.hpp"
#include "tierdesk/desk/ticket.hpp"

namespace tierdesk::store {

struct TicketColumns {
  std::string flags;   // encode_strings
  std::string clocks;  // encode_clocks
  bool open_breach = false;
};

// The encoded columns of ticket `t` with clock cache `clocks`: what create() inserts and
// update() writes.
TicketColumns encode_ticket_columns(const Ticket& t, const std::vector<ClockEntry>& clocks);

class TicketRows {
 public:
  explicit TicketRows(std::size_t count) : rows_(count) {}
  TicketRows(const TicketRows&) = delete;
  TicketRows& operator=(const TicketRows&) = delete;

  // Encodes every row: tickets[i] is the state of changes[i] (same length as the
  // constructor's count). Called once, by one thread.
  void encode(std::span<const Ticket> tickets, std::span<const TicketChange> changes);

  // Row i, waiting until encode() has made it. The reference stays valid while this lives.
  const TicketColumns& wait_for(std::size_t i) const;

 private:
  std::vector<TicketColumns> rows_;
  std::atomic<std::size_t> ready_{0};  // rows_[0 … ready_) are encoded
};

}  // namespace tierdesk::store
