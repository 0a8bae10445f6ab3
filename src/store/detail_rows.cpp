#include "store/detail_rows.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "store/codec.hpp"
#include "store/row_batch.hpp"
#include "store/sqlite_store_impl.hpp"

namespace tierdesk::store {

static_assert(max_level + 1 == static_cast<std::int64_t>(max_warnings),
              "a clock's warning levels fill the alarm key's level bits");

namespace {

void bind_alarm(Statement& s, int p, const AlarmKey& a) {
  s.bind(p, a.kind).bind(p + 1, a.at).bind(p + 2, a.ref).bind(p + 3, a.slot);
}

// The alarm rows a clock has while its ticket is open: its due instant and its warnings.
// `ref` is the ticket's packed reference, `clock` the id of the clock's name.
Result<void> add_alarms(std::vector<AlarmKey>& out, std::int64_t ref, std::int64_t clock,
                        const std::optional<Instant>& due, const std::vector<Instant>& warnings) {
  if (auto ok = check_warnings(warnings); !ok) return ok;
  if (due)
    out.push_back({static_cast<std::int64_t>(ClockAlarm::Kind::due), seconds(*due), ref,
                   pack_slot(clock, 0)});
  for (std::size_t level = 0; level < warnings.size(); ++level)
    out.push_back({static_cast<std::int64_t>(ClockAlarm::Kind::warning), seconds(warnings[level]),
                   ref, pack_slot(clock, static_cast<std::int64_t>(level))});
  return {};
}

// The packed reference of sequence `seq` in reference space `space`.
Result<std::int64_t> packed_ref(std::int64_t space, std::int64_t seq) {
  if (seq < 1 || seq > max_sequence)
    return fail(Errc::invalid_argument,
                fmt::format("sequence: got {}, the store keeps 1 … {}", seq, max_sequence));
  return pack_ref(space, seq);
}

}  // namespace

Result<void> delete_alarms(Connection& db, NameIds& names, std::string_view stored,
                           std::int64_t space, const TicketRef& ref) {
  auto clocks = decode_clocks(stored);
  if (!clocks) return fail(clocks.error().within(ref.str()));
  auto packed = packed_ref(space, ref.sequence);
  if (!packed) return fail(packed.error());
  std::vector<AlarmKey> alarms;
  for (const auto& c : *clocks) {
    auto clock = names.clock_id(db, c.clock.str());
    if (!clock) return fail(clock.error());
    if (!*clock) continue;  // a name without an id never had an alarm row
    if (auto ok = add_alarms(alarms, *packed, **clock, c.due, c.warnings); !ok) return ok;
  }
  auto del =
      db.prepare("DELETE FROM clock_alarm WHERE kind = ?1 AND at = ?2 AND ref = ?3 AND slot = ?4");
  if (!del) return fail(del.error());
  for (const auto& a : alarms) {
    bind_alarm(**del, 1, a);
    if (auto ok = (*del)->run(); !ok) return ok;
  }
  return {};
}

Result<DetailRows> encode_details(std::span<const TicketChange> changes,
                                  std::span<const std::int64_t> ids,
                                  std::span<const TicketRef> refs, std::int64_t space,
                                  const ClockIds& clock_ids) {
  DetailRows rows;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto& change = changes[i];
    for (const auto& e : change.events)
      rows.events.push_back({ids[i], &e, encode_payload(e.payload)});
    if (!is_open(change.state.status)) continue;  // only open tickets have alarms
    auto packed = packed_ref(space, refs[i].sequence);
    if (!packed) return fail(packed.error());
    for (const auto& c : change.clocks) {
      if (!c.due && c.warnings.empty()) continue;
      const auto clock = std::find_if(clock_ids.begin(), clock_ids.end(),
                                      [&](const auto& named) { return named.first == c.clock.str(); });
      if (clock == clock_ids.end())
        return fail(Errc::storage_error, fmt::format("clock_name: \"{}\" has no id", c.clock.str()));
      if (auto ok = add_alarms(rows.alarms, *packed, clock->second, c.due, c.warnings); !ok)
        return fail(ok.error());
    }
  }
  std::sort(rows.alarms.begin(), rows.alarms.end());
  return rows;
}

Result<void> insert_details(Connection& db, const DetailRows& rows,
                            std::span<const TicketChange> changes,
                            std::span<const std::int64_t> ids) {
  auto ok =
      insert_rows(db, "INSERT OR FAIL INTO event(id, at, actor, kind, value, payload)", 6,
                  rows.events.size(), [&](Statement& s, int p, std::size_t r) {
                    const auto& e = *rows.events[r].event;
                    s.bind(p, event_key(rows.events[r].id, e.seq)).bind(p + 1, seconds(e.at));
                    s.bind_static(p + 2, e.actor).bind_static(p + 3, to_string(e.kind));
                    s.bind_static(p + 4, e.value).bind_static(p + 5, rows.events[r].payload);
                  });
  if (!ok) return ok;
  ok =
      insert_rows(db, "INSERT OR FAIL INTO clock_alarm(kind, at, ref, slot)", 4, rows.alarms.size(),
                  [&](Statement& s, int p, std::size_t r) { bind_alarm(s, p, rows.alarms[r]); });
  if (!ok) return ok;
  auto stmt = db.prepare(
      "INSERT INTO notification(ticket_id, at, kind, recipient, text) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!stmt) return fail(stmt.error());
  for (std::size_t i = 0; i < changes.size(); ++i) {
    for (const auto& n : changes[i].notifications) {
      (*stmt)
          ->bind(1, ids[i])
          .bind(2, seconds(n.at))
          .bind(3, n.kind)
          .bind(4, n.recipient)
          .bind(5, n.text);
      if (auto done = (*stmt)->run(); !done) return done;
    }
  }
  return {};
}

}  // namespace tierdesk::store
