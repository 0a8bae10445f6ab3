// store::TicketRows: ticket rows encoded on one thread and read, in order, on another.
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "store/ticket_rows.hpp"
#include "support/ticket_fixtures.hpp"

using namespace tierdesk;
using namespace std::chrono_literals;
using tierdesk::testing::utc;

namespace {

const Instant t0 = utc("2026-11-02T08:00:00Z");
const std::int64_t s0 = t0.time_since_epoch().count();

// Ticket i: resolved when i is a multiple of 10, else open; flagged when a multiple of 3; one
// response clock due i minutes after t0 with a warning 10 minutes before, its breach open
// when i is a multiple of 7.
struct Batch {
  std::vector<Ticket> tickets;
  std::vector<TicketChange> changes;
};

Batch batch(int count) {
  Batch b;
  for (int i = 0; i < count; ++i) {
    Ticket t;
    t.status = i % 10 == 0 ? TicketStatus::resolved : TicketStatus::open;
    if (i % 3 == 0) t.flags = {"urgent-by-email"};
    TicketChange c;
    c.state = t;
    c.clocks = {
        {tierdesk::testing::clock_id("response"), tierdesk::ClockState::running, t0 + i * 1min, std::nullopt, i % 7 == 0, {t0 + i * 1min - 10min}}};
    b.tickets.push_back(std::move(t));
    b.changes.push_back(std::move(c));
  }
  return b;
}

}  // namespace

TEST_CASE("ticket rows encoded on one thread are read in order on another") {
  const auto b = batch(1000);
  store::TicketRows rows(b.tickets.size());
  std::thread encoder([&] { rows.encode(b.tickets, b.changes); });
  // Read as the writing thread does, from the first row on, waiting where the encoder is
  // behind; every row is checked against what it must hold.
  std::vector<std::string> clocks;
  std::vector<std::string> flags;
  std::vector<bool> breach;
  for (std::size_t i = 0; i < b.tickets.size(); ++i) {
    const auto& row = rows.wait_for(i);
    clocks.push_back(row.clocks);
    flags.push_back(row.flags);
    breach.push_back(row.open_breach);
  }
  encoder.join();
  for (int i = 0; i < 1000; ++i) {
    CAPTURE(i);
    const bool open = i % 10 != 0;
    const auto due = s0 + 60 * i;
    CHECK(clocks[i] == fmt::format("[[\"response\",\"running\",{},null,{},[{}]]]", due,
                                   open && i % 7 == 0 ? 1 : 0, due - 600));
    CHECK(flags[i] == (i % 3 == 0 ? "[\"urgent-by-email\"]" : "[]"));
    CHECK(breach[i] == (open && i % 7 == 0));
  }
  // A row once read stays where it is.
  CHECK(&rows.wait_for(0) == &rows.wait_for(0));
  CHECK(rows.wait_for(999).clocks == clocks[999]);
}

TEST_CASE("a batch of one ticket, encoded on the reading thread itself") {
  const auto b = batch(8);
  store::TicketRows rows(1);
  rows.encode(std::span(b.tickets).first(1), std::span(b.changes).first(1));
  // Ticket 0 is resolved: its open breach is not kept.
  CHECK(rows.wait_for(0).clocks ==
        fmt::format("[[\"response\",\"running\",{},null,0,[{}]]]", s0, s0 - 600));
  CHECK(rows.wait_for(0).flags == "[\"urgent-by-email\"]");
  CHECK_FALSE(rows.wait_for(0).open_breach);
}
