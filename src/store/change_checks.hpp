// The checks a store makes of a write before it changes anything, and the limits behind them.
// Every backend runs the same ones, so a desk gets the same answer (code and message) from
// SqliteStore and MemoryStore. The limits are those of SQLite's integer keys; MemoryStore keeps
// them too rather than accept what the default backend refuses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tierdesk/base/error.hpp"
#include "tierdesk/desk/desk_store.hpp"

namespace tierdesk::store {

// Positions per ticket history: the event key keeps 20 bits of it (detail_rows.hpp).
inline constexpr int event_seq_bits = 20;
inline constexpr std::int64_t max_event_seq = (std::int64_t{1} << event_seq_bits) - 1;
// Warning levels per clock: the alarm key keeps 4 bits of it (name_ids.hpp).
inline constexpr std::size_t max_warnings = 16;

// Errc::invalid_argument unless the change has events, numbered first_seq, first_seq + 1, …
// up to max_event_seq, and its state's version counts them.
Result<void> check_events(const TicketChange& change, std::int64_t first_seq);

// Checks a change's work entries (validate(), their ticket against `ref`; "" when the
// reference is not allocated yet) and fees before anything is written.
Result<void> check_work(const TicketChange& change, const std::string& ref);

// The seqs of the change's events of `kind`, in order: the n-th is the entry of the n-th row.
// Errc::invalid_argument when there are not `rows` of them.
Result<std::vector<std::int64_t>> entries_of(const TicketChange& change, HistoryKind kind,
                                             std::size_t rows, std::string_view what);

// Errc::invalid_argument when a clock has more than max_warnings warning instants.
Result<void> check_warnings(const std::vector<Instant>& warnings);

// The first `limit` of two alarm lists, each in the store's order: by instant, warnings
// before dues at the same instant. Both backends answer alarms() through it.
std::vector<ClockAlarm> merge_alarms(std::vector<ClockAlarm> due,
                                     std::vector<ClockAlarm> warnings, std::size_t limit);

}  // namespace tierdesk::store
