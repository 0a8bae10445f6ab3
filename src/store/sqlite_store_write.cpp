// SqliteStore writes: new tickets with their references, and changes to existing ones. Each
// call is one IMMEDIATE transaction; an early return rolls it back.
#include <fmt/format.h>

#include "store/codec.hpp"
#include "store/sqlite_store_impl.hpp"

namespace tierdesk {

using store::Connection;
using store::seconds;

namespace {

std::optional<std::int64_t> opt_seconds(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return seconds(*t);
}

// The next sequence number of (prefix, year); rolls back with the transaction, so no gaps.
Result<std::int64_t> next_sequence(Connection& db, std::string_view prefix, int year) {
  auto stmt = db.prepare(
      "INSERT INTO ref_counter(prefix, year, last) VALUES (?1, ?2, 1) "
      "ON CONFLICT(prefix, year) DO UPDATE SET last = last + 1 RETURNING last");
  if (!stmt) return fail(stmt.error());
  (*stmt)->bind(1, prefix).bind(2, std::int64_t{year});
  auto row = (*stmt)->step();
  if (!row) return fail(row.error());
  const std::int64_t last = (*stmt)->integer(0);
  if (auto done = (*stmt)->step(); !done) return fail(done.error());
  return last;
}

Result<std::int64_t> insert_ticket(Connection& db, const Ticket& t) {
  auto stmt = db.prepare(
      "INSERT INTO ticket(prefix, year, seq, customer, contract, channel, category, priority, "
      "status, tier, assignee, subject, external_id, flags, jourfixe, created_at, updated_at, "
      "version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
      "?17, ?18)");
  if (!stmt) return fail(stmt.error());
  auto& s = **stmt;
  s.bind(1, t.ref.prefix).bind(2, std::int64_t{t.ref.year}).bind(3, t.ref.sequence);
  s.bind(4, t.customer).bind(5, t.contract).bind(6, to_string(t.channel)).bind(7, t.category);
  s.bind(8, t.priority).bind(9, to_string(t.status)).bind(10, std::int64_t{t.tier});
  s.bind(11, t.assignee).bind(12, t.subject);
  if (t.external_id.empty()) s.bind_null(13); else s.bind(13, t.external_id);
  s.bind(14, store::encode_strings(t.flags)).bind(15, std::int64_t{t.jourfixe ? 1 : 0});
  s.bind(16, seconds(t.created_at)).bind(17, seconds(t.updated_at)).bind(18, t.version);
  if (auto ok = s.run(); !ok) {
    if (ok.error().is(Errc::conflict))
      return fail(Errc::conflict, fmt::format("external_id: a ticket with \"{}\" exists", t.external_id));
    return fail(ok.error());
  }
  return sqlite3_last_insert_rowid(db.handle());
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

Result<void> insert_events(Connection& db, std::int64_t id, std::span<const HistoryEvent> events) {
  auto stmt = db.prepare(
      "INSERT INTO event(ticket_id, seq, at, actor, kind, value, payload) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!stmt) return fail(stmt.error());
  for (const auto& e : events) {
    (*stmt)->bind(1, id).bind(2, e.seq).bind(3, seconds(e.at)).bind(4, e.actor);
    (*stmt)->bind(5, to_string(e.kind)).bind(6, e.value).bind(7, store::encode_payload(e.payload));
    if (auto ok = (*stmt)->run(); !ok) return ok;
  }
  return {};
}

Result<void> insert_alarm(Connection& db, std::int64_t id, const TicketRef& ref,
                          const std::string& clock, ClockAlarm::Kind kind, std::int64_t level,
                          Instant at) {
  auto stmt = db.prepare(
      "INSERT INTO clock_alarm(ticket_id, at, kind, prefix, year, seq, clock, level) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!stmt) return fail(stmt.error());
  (*stmt)->bind(1, id).bind(2, seconds(at)).bind(3, static_cast<std::int64_t>(kind));
  (*stmt)->bind(4, ref.prefix).bind(5, std::int64_t{ref.year}).bind(6, ref.sequence);
  (*stmt)->bind(7, clock).bind(8, level);
  return (*stmt)->run();
}

// Replaces the clock cache of ticket `id`. Alarm instants are kept for open tickets only.
Result<void> write_clocks(Connection& db, std::int64_t id, const TicketRef& ref,
                          const TicketChange& change, bool replace) {
  if (replace) {
    for (const char* sql : {"DELETE FROM ticket_clock WHERE ticket_id = ?1",
                            "DELETE FROM clock_alarm WHERE ticket_id = ?1"}) {
      auto stmt = db.prepare(sql);
      if (!stmt) return fail(stmt.error());
      if (auto ok = (*stmt)->bind(1, id).run(); !ok) return ok;
    }
  }
  auto stmt = db.prepare(
      "INSERT INTO ticket_clock(ticket_id, clock, state, due, breached_at, open_breach, warnings) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!stmt) return fail(stmt.error());
  const bool open = is_open(change.state.status);
  for (const auto& c : change.clocks) {
    (*stmt)->bind(1, id).bind(2, c.clock).bind(3, c.state).bind(4, opt_seconds(c.due));
    (*stmt)->bind(5, opt_seconds(c.breached_at)).bind(6, std::int64_t{c.open_breach && open ? 1 : 0});
    (*stmt)->bind(7, store::encode_instants(c.warnings));
    if (auto ok = (*stmt)->run(); !ok) return ok;
    if (!open) continue;
    if (c.due) {
      auto ok = insert_alarm(db, id, ref, c.clock, ClockAlarm::Kind::due, 0, *c.due);
      if (!ok) return ok;
    }
    for (std::size_t level = 0; level < c.warnings.size(); ++level) {
      auto ok = insert_alarm(db, id, ref, c.clock, ClockAlarm::Kind::warning,
                             static_cast<std::int64_t>(level), c.warnings[level]);
      if (!ok) return ok;
    }
  }
  return {};
}

Result<void> insert_notifications(Connection& db, std::int64_t id, const TicketChange& change) {
  auto stmt = db.prepare(
      "INSERT INTO notification(ticket_id, at, kind, recipient, text) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!stmt) return fail(stmt.error());
  for (const auto& n : change.notifications) {
    (*stmt)->bind(1, id).bind(2, seconds(n.at)).bind(3, n.kind).bind(4, n.recipient).bind(5, n.text);
    if (auto ok = (*stmt)->run(); !ok) return ok;
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
  auto& db = *impl_->db;
  store::Transaction tx(db);
  if (!tx.begun()) return fail(tx.begun().error());
  std::vector<Ticket> out;
  out.reserve(tickets.size());
  for (const auto& change : tickets) {
    auto seq = next_sequence(db, prefix, year);
    if (!seq) return fail(seq.error());
    Ticket t = change.state;
    t.ref = TicketRef{std::string(prefix), year, *seq};
    auto id = insert_ticket(db, t);
    if (!id) return fail(id.error());
    if (auto ok = insert_events(db, *id, change.events); !ok) return fail(ok.error());
    if (auto ok = write_clocks(db, *id, t.ref, change, false); !ok) return fail(ok.error());
    if (auto ok = insert_notifications(db, *id, change); !ok) return fail(ok.error());
    if (auto ok = store::insert_work(db, *id, t, change); !ok) return fail(ok.error());
    out.push_back(std::move(t));
  }
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
  if (auto ok = insert_events(db, id, change.events); !ok) return ok;
  if (auto ok = write_clocks(db, id, ref, change, true); !ok) return ok;
  if (auto ok = insert_notifications(db, id, change); !ok) return ok;
  if (auto ok = store::insert_work(db, id, change.state, change); !ok) return ok;
  return tx.commit();
}

}  // namespace tierdesk
