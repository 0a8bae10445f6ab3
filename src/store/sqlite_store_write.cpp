// SqliteStore writes: new tickets with their references, and changes to existing ones. Each
// call is one IMMEDIATE transaction; an early return rolls it back.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "store/codec.hpp"
#include "store/row_batch.hpp"
#include "store/sqlite_store_impl.hpp"

namespace tierdesk {

using store::Connection;
using store::Statement;
using store::seconds;

namespace {

std::optional<std::int64_t> opt_seconds(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return seconds(*t);
}

// Reserves `count` consecutive sequence numbers of (prefix, year) and returns the first. It
// runs inside the writing transaction: a rollback gives the numbers back (no gaps), and the
// write lock, held from BEGIN IMMEDIATE, makes them unique across connections and processes.
Result<std::int64_t> reserve_sequences(Connection& db, std::string_view prefix, int year,
                                       std::int64_t count) {
  auto stmt = db.prepare(
      "INSERT INTO ref_counter(prefix, year, last) VALUES (?1, ?2, ?3) "
      "ON CONFLICT(prefix, year) DO UPDATE SET last = last + ?3 RETURNING last");
  if (!stmt) return fail(stmt.error());
  (*stmt)->bind(1, prefix).bind(2, std::int64_t{year}).bind(3, count);
  auto row = (*stmt)->step();
  if (!row) return fail(row.error());
  const std::int64_t last = (*stmt)->integer(0);
  if (auto done = (*stmt)->step(); !done) return fail(done.error());
  return last - count + 1;
}

// Errc::conflict naming the first external id of `tickets` that a stored ticket or an earlier
// ticket of the batch already has. Checked before the batch is written, so the inserts cannot
// fail on the unique index and the error names the id.
Result<void> check_external_ids(Connection& db, std::span<const Ticket> tickets) {
  std::set<std::string_view> seen;
  for (const auto& t : tickets) {
    if (t.external_id.empty()) continue;
    auto stmt = db.prepare("SELECT 1 FROM ticket WHERE external_id = ?1");
    if (!stmt) return fail(stmt.error());
    auto row = (*stmt)->bind(1, t.external_id).step();
    if (!row) return fail(row.error());
    if (*row || !seen.insert(t.external_id).second)
      return fail(Errc::conflict, fmt::format("external_id: a ticket with \"{}\" exists", t.external_id));
  }
  return {};
}

// Inserts `tickets` with the row ids first_id, first_id + 1, … (the caller holds the write
// lock, so they are free), in multi-row statements.
Result<void> insert_tickets(Connection& db, std::span<const Ticket> tickets, std::int64_t first_id) {
  std::vector<std::string> flags;  // bound without a copy: alive until the inserts ran
  flags.reserve(tickets.size());
  for (const auto& t : tickets) flags.push_back(store::encode_strings(t.flags));
  return store::insert_rows(
      db,
      "INSERT INTO ticket(id, prefix, year, seq, customer, contract, channel, category, "
      "priority, status, tier, assignee, subject, external_id, flags, jourfixe, created_at, "
      "updated_at, version)",
      19, tickets.size(), [&](Statement& s, int p, std::size_t r) {
        const Ticket& t = tickets[r];
        s.bind(p, first_id + static_cast<std::int64_t>(r)).bind_static(p + 1, t.ref.prefix);
        s.bind(p + 2, std::int64_t{t.ref.year}).bind(p + 3, t.ref.sequence);
        s.bind_static(p + 4, t.customer).bind_static(p + 5, t.contract);
        s.bind_static(p + 6, to_string(t.channel)).bind_static(p + 7, t.category);
        s.bind_static(p + 8, t.priority).bind_static(p + 9, to_string(t.status));
        s.bind(p + 10, std::int64_t{t.tier}).bind_static(p + 11, t.assignee);
        s.bind_static(p + 12, t.subject);
        if (t.external_id.empty()) s.bind_null(p + 13); else s.bind_static(p + 13, t.external_id);
        s.bind_static(p + 14, flags[r]).bind(p + 15, std::int64_t{t.jourfixe ? 1 : 0});
        s.bind(p + 16, seconds(t.created_at)).bind(p + 17, seconds(t.updated_at));
        s.bind(p + 18, t.version);
      });
}

// The largest ticket row id, 0 for none.
Result<std::int64_t> last_ticket_id(Connection& db) {
  auto stmt = db.prepare("SELECT coalesce(max(id), 0) FROM ticket");
  if (!stmt) return fail(stmt.error());
  auto row = (*stmt)->step();
  if (!row) return fail(row.error());
  return (*stmt)->integer(0);
}

Result<void> update_ticket_row(Connection& db, std::int64_t id, const Ticket& t) {
  auto stmt = db.prepare(
      "UPDATE ticket SET customer = ?2, contract = ?3, channel = ?4, category = ?5, "
      "priority = ?6, status = ?7, tier = ?8, assignee = ?9, subject = ?10, external_id = ?11, "
      "flags = ?12, jourfixe = ?13, updated_at = ?14, version = ?15 WHERE id = ?1");
  if (!stmt) return fail(stmt.error());
  auto& s = **stmt;
  s.bind(1, id).bind(2, t.customer).bind(3, t.contract).bind(4, to_string(t.channel));
  s.bind(5, t.category).bind(6, t.priority).bind(7, to_string(t.status));
  s.bind(8, std::int64_t{t.tier}).bind(9, t.assignee).bind(10, t.subject);
  if (t.external_id.empty()) s.bind_null(11); else s.bind(11, t.external_id);
  s.bind(12, store::encode_strings(t.flags)).bind(13, std::int64_t{t.jourfixe ? 1 : 0});
  s.bind(14, seconds(t.updated_at)).bind(15, t.version);
  return s.run();
}

// One row of the alarm cache; its columns are its key (store/schema.cpp, migration 4).
struct AlarmKey {
  ClockAlarm::Kind kind;
  Instant at;
  const TicketRef* ref;
  const std::string* clock;
  std::int64_t level;
  friend bool operator<(const AlarmKey& a, const AlarmKey& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.at != b.at) return a.at < b.at;
    if (auto c = *a.ref <=> *b.ref; c != 0) return c < 0;
    if (auto c = *a.clock <=> *b.clock; c != 0) return c < 0;
    return a.level < b.level;
  }
};

void bind_alarm(Statement& s, int p, const AlarmKey& a) {
  s.bind(p, static_cast<std::int64_t>(a.kind)).bind(p + 1, seconds(a.at));
  s.bind_static(p + 2, a.ref->prefix).bind(p + 3, std::int64_t{a.ref->year});
  s.bind(p + 4, a.ref->sequence).bind_static(p + 5, *a.clock).bind(p + 6, a.level);
}

// The alarm rows a clock has while its ticket is open: its due instant and its warnings.
void add_alarms(std::vector<AlarmKey>& out, const TicketRef& ref, const std::string& clock,
                const std::optional<Instant>& due, const std::vector<Instant>& warnings) {
  if (due) out.push_back({ClockAlarm::Kind::due, *due, &ref, &clock, 0});
  for (std::size_t level = 0; level < warnings.size(); ++level)
    out.push_back({ClockAlarm::Kind::warning, warnings[level], &ref, &clock,
                   static_cast<std::int64_t>(level)});
}

// Deletes ticket `id`'s clock cache: its alarm rows by their exact keys, which its stored
// clock rows give, then the clock rows.
Result<void> delete_clocks(Connection& db, std::int64_t id, const TicketRef& ref) {
  struct Stored {
    std::string clock;
    std::optional<Instant> due;
    std::vector<Instant> warnings;
  };
  std::vector<Stored> stored;
  {
    auto stmt = db.prepare("SELECT clock, due, warnings FROM ticket_clock WHERE ticket_id = ?1");
    if (!stmt) return fail(stmt.error());
    (*stmt)->bind(1, id);
    for (;;) {
      auto row = (*stmt)->step();
      if (!row) return fail(row.error());
      if (!*row) break;
      auto& s = **stmt;
      auto warnings = store::decode_instants(s.view(2));
      if (!warnings) return fail(warnings.error().within(ref.str()));
      stored.push_back({s.text(0), std::nullopt, std::move(*warnings)});
      if (!s.is_null(1)) stored.back().due = store::instant(s.integer(1));
    }
  }
  std::vector<AlarmKey> alarms;
  for (const auto& c : stored) add_alarms(alarms, ref, c.clock, c.due, c.warnings);
  auto del = db.prepare(
      "DELETE FROM clock_alarm WHERE kind = ?1 AND at = ?2 AND prefix = ?3 AND year = ?4 "
      "AND seq = ?5 AND clock = ?6 AND level = ?7");
  if (!del) return fail(del.error());
  for (const auto& a : alarms) {
    bind_alarm(**del, 1, a);
    if (auto ok = (*del)->run(); !ok) return ok;
  }
  auto stmt = db.prepare("DELETE FROM ticket_clock WHERE ticket_id = ?1");
  if (!stmt) return fail(stmt.error());
  return (*stmt)->bind(1, id).run();
}

// Writes the events, clock cache, alarm rows and notifications of `changes`, whose tickets
// have the row ids `ids` and the references `refs` (same order). Rows go in multi-row
// statements; alarm rows in key order, which keeps the writes to their index local.
Result<void> write_details(Connection& db, std::span<const TicketChange> changes,
                           std::span<const std::int64_t> ids, std::span<const TicketRef> refs) {
  // Encoded columns are bound without a copy, so they live here until the inserts ran.
  struct EventRow {
    std::int64_t id;
    const HistoryEvent* event;
    std::string payload;
  };
  struct ClockRow {
    std::int64_t id;
    const ClockEntry* clock;
    bool open;  // only open tickets keep a breach open, as only they have alarms
    std::string warnings;
  };
  std::vector<EventRow> events;
  std::vector<ClockRow> clocks;
  std::vector<AlarmKey> alarms;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto& change = changes[i];
    for (const auto& e : change.events) events.push_back({ids[i], &e, store::encode_payload(e.payload)});
    const bool open = is_open(change.state.status);
    for (const auto& c : change.clocks) {
      clocks.push_back({ids[i], &c, open, store::encode_instants(c.warnings)});
      if (open) add_alarms(alarms, refs[i], c.clock, c.due, c.warnings);
    }
  }
  auto ok = store::insert_rows(
      db, "INSERT INTO event(ticket_id, seq, at, actor, kind, value, payload)", 7, events.size(),
      [&](Statement& s, int p, std::size_t r) {
        const auto& e = *events[r].event;
        s.bind(p, events[r].id).bind(p + 1, e.seq).bind(p + 2, seconds(e.at));
        s.bind_static(p + 3, e.actor).bind_static(p + 4, to_string(e.kind));
        s.bind_static(p + 5, e.value).bind_static(p + 6, events[r].payload);
      });
  if (!ok) return ok;
  ok = store::insert_rows(
      db,
      "INSERT INTO ticket_clock(ticket_id, clock, state, due, breached_at, open_breach, warnings)",
      7, clocks.size(), [&](Statement& s, int p, std::size_t r) {
        const auto& c = *clocks[r].clock;
        s.bind(p, clocks[r].id).bind_static(p + 1, c.clock).bind_static(p + 2, c.state);
        s.bind(p + 3, opt_seconds(c.due)).bind(p + 4, opt_seconds(c.breached_at));
        s.bind(p + 5, std::int64_t{c.open_breach && clocks[r].open ? 1 : 0});
        s.bind_static(p + 6, clocks[r].warnings);
      });
  if (!ok) return ok;
  std::sort(alarms.begin(), alarms.end());
  ok = store::insert_rows(db, "INSERT INTO clock_alarm(kind, at, prefix, year, seq, clock, level)",
                          7, alarms.size(),
                          [&](Statement& s, int p, std::size_t r) { bind_alarm(s, p, alarms[r]); });
  if (!ok) return ok;
  auto stmt = db.prepare(
      "INSERT INTO notification(ticket_id, at, kind, recipient, text) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!stmt) return fail(stmt.error());
  for (std::size_t i = 0; i < changes.size(); ++i) {
    for (const auto& n : changes[i].notifications) {
      (*stmt)->bind(1, ids[i]).bind(2, seconds(n.at)).bind(3, n.kind).bind(4, n.recipient).bind(5, n.text);
      if (auto done = (*stmt)->run(); !done) return done;
    }
  }
  return {};
}

Result<void> check_events(const TicketChange& change, std::int64_t first_seq) {
  if (change.events.empty()) return fail(Errc::invalid_argument, "events: a change needs at least one event");
  for (std::size_t i = 0; i < change.events.size(); ++i) {
    const auto expected = first_seq + static_cast<std::int64_t>(i);
    if (change.events[i].seq != expected)
      return fail(Errc::invalid_argument, fmt::format("events[{}].seq: got {}, expected {}", i,
                                                      change.events[i].seq, expected));
  }
  if (change.state.version != first_seq - 1 + static_cast<std::int64_t>(change.events.size()))
    return fail(Errc::invalid_argument,
                fmt::format("state.version: got {}, expected {}", change.state.version,
                            first_seq - 1 + static_cast<std::int64_t>(change.events.size())));
  return {};
}

}  // namespace

Result<std::vector<Ticket>> SqliteStore::create(std::string_view prefix, int year,
                                                std::span<const TicketChange> tickets) {
  if (auto ok = check_prefix(prefix); !ok) return fail(ok.error());
  if (year < 1 || year > 9999)
    return fail(Error::invalid(Errc::invalid_argument, "year", std::to_string(year), "1 … 9999"));
  for (const auto& change : tickets) {
    if (auto ok = check_events(change, 1); !ok) return fail(ok.error());
    if (auto ok = store::check_work(change, ""); !ok) return fail(ok.error());
  }
  if (tickets.empty()) return std::vector<Ticket>{};
  auto& db = *impl_->db;
  store::Transaction tx(db);
  if (!tx.begun()) return fail(tx.begun().error());
  auto first = reserve_sequences(db, prefix, year, static_cast<std::int64_t>(tickets.size()));
  if (!first) return fail(first.error());
  auto last_id = last_ticket_id(db);
  if (!last_id) return fail(last_id.error());
  std::vector<Ticket> out;
  out.reserve(tickets.size());
  std::vector<std::int64_t> ids;
  ids.reserve(tickets.size());
  std::vector<TicketRef> refs;
  refs.reserve(tickets.size());
  for (const auto& change : tickets) {
    const auto i = static_cast<std::int64_t>(out.size());
    out.push_back(change.state);
    out.back().ref = TicketRef{std::string(prefix), year, *first + i};
    ids.push_back(*last_id + 1 + i);
    refs.push_back(out.back().ref);
  }
  if (auto ok = check_external_ids(db, out); !ok) return fail(ok.error());
  if (auto ok = insert_tickets(db, out, *last_id + 1); !ok) return fail(ok.error());
  if (auto ok = write_details(db, tickets, ids, refs); !ok) return fail(ok.error());
  for (std::size_t i = 0; i < tickets.size(); ++i)
    if (auto ok = store::insert_work(db, ids[i], out[i], tickets[i]); !ok) return fail(ok.error());
  if (auto ok = tx.commit(); !ok) return fail(ok.error());
  return out;
}

Result<void> SqliteStore::update(const TicketChange& change) {
  const auto& ref = change.state.ref;
  const auto first_seq = change.state.version - static_cast<std::int64_t>(change.events.size()) + 1;
  if (auto ok = check_events(change, first_seq); !ok) return ok;
  if (auto ok = store::check_work(change, ref.str()); !ok) return ok;
  auto& db = *impl_->db;
  store::Transaction tx(db);
  if (!tx.begun()) return fail(tx.begun().error());
  auto stmt = db.prepare("SELECT id, version FROM ticket WHERE prefix = ?1 AND year = ?2 AND seq = ?3");
  if (!stmt) return fail(stmt.error());
  (*stmt)->bind(1, ref.prefix).bind(2, std::int64_t{ref.year}).bind(3, ref.sequence);
  auto row = (*stmt)->step();
  if (!row) return fail(row.error());
  if (!*row) return fail(Errc::not_found, fmt::format("ticket {}: not found", ref.str()));
  const std::int64_t id = (*stmt)->integer(0);
  const std::int64_t stored = (*stmt)->integer(1);
  stmt->reset();
  if (stored != first_seq - 1)
    return fail(Errc::conflict, fmt::format("ticket {}: version {} was read, but {} is stored",
                                            ref.str(), first_seq - 1, stored));
  if (auto ok = update_ticket_row(db, id, change.state); !ok) return ok;
  if (auto ok = delete_clocks(db, id, ref); !ok) return ok;
  if (auto ok = write_details(db, std::span(&change, 1), std::span(&id, 1), std::span(&ref, 1)); !ok)
    return ok;
  if (auto ok = store::insert_work(db, id, change.state, change); !ok) return ok;
  return tx.commit();
}

}  // namespace tierdesk
