// The rows a ticket write adds beside the ticket row: its events, the alarm keys of its open
// clocks (the indexed cache of due and warning instants) and its notifications; and the
// deletion of a ticket's alarm keys before an update replaces them.
//
// Encoding (encode_details) touches no SQLite state and no NameIds, so SqliteStore::create
// runs it on a second thread for a large batch while the ticket rows are inserted.
#pragma once

#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/change_checks.hpp"
#include "store/name_ids.hpp"
#include "store/sqlite_handle.hpp"
#include "tierdesk/store/store.hpp"

namespace tierdesk::store {

// An event's key (migration 11): its ticket's row id and its position in the ticket's
// history, `ticket_id << 20 | seq`, so a ticket's history is one range of the key.
// event_seq_bits and max_event_seq: change_checks.hpp.
inline constexpr std::int64_t max_ticket_id = (std::int64_t{1} << (63 - event_seq_bits)) - 1;

constexpr std::int64_t event_key(std::int64_t ticket_id, std::int64_t seq) {
  return ticket_id << event_seq_bits | seq;
}
constexpr std::int64_t event_seq(std::int64_t key) { return key & max_event_seq; }

// The clock names of a write with their ids (NameIds::ensure added the new ones).
using ClockIds = std::vector<std::pair<std::string_view, std::int64_t>>;

// One row of the alarm cache; its columns are its key (store/migrations.cpp, migration 7).
struct AlarmKey {
  std::int64_t kind;
  std::int64_t at;
  std::int64_t ref;   // store::pack_ref(space, sequence)
  std::int64_t slot;  // store::pack_slot(clock, level)
  friend auto operator<=>(const AlarmKey&, const AlarmKey&) = default;
};

// The event and alarm rows of a write, encoded. Making them touches no SQLite state, so a
// large batch makes them on a second thread while its ticket rows are inserted.
struct DetailRows {
  struct Event {
    std::int64_t id;
    const HistoryEvent* event;
    std::string payload;  // bound without a copy: lives until the inserts ran
  };
  std::vector<Event> events;
  std::vector<AlarmKey> alarms;  // in key order, which keeps the writes to their index local
};

// The rows of `changes`, whose tickets have the row ids `ids` and the references `refs`
// (same order) in reference space `space`.
Result<DetailRows> encode_details(std::span<const TicketChange> changes,
                                  std::span<const std::int64_t> ids,
                                  std::span<const TicketRef> refs, std::int64_t space,
                                  const ClockIds& clock_ids);

// Inserts the encoded `rows` and the notifications of `changes` (tickets `ids`), in
// multi-row statements.
Result<void> insert_details(Connection& db, const DetailRows& rows,
                            std::span<const TicketChange> changes,
                            std::span<const std::int64_t> ids);

// Deletes the alarm rows of a ticket whose stored clock cache is `stored` (its clocks column),
// by their exact keys.
Result<void> delete_alarms(Connection& db, NameIds& names, std::string_view stored,
                           std::int64_t space, const TicketRef& ref);

}  // namespace tierdesk::store
