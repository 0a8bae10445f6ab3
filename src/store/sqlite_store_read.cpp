// SqliteStore queries. Each one reads through an index (see store/migrations.cpp).
#include <algorithm>

#include <fmt/format.h>

#include "store/change_checks.hpp"
#include "store/codec.hpp"
#include "store/detail_rows.hpp"
#include "store/sqlite_store_impl.hpp"

namespace tierdesk {

using store::Connection;
using store::instant;
using store::seconds;

namespace {

// The window query over one kind of alarm: one range of clock_alarm's key (kind, at, ref,
// slot), read in key order and as far as needed (read_alarms). A macro so that its EXPLAIN
// QUERY PLAN is the same text.
#define TIERDESK_ALARMS_SQL                                               \
  "SELECT at, ref, slot FROM clock_alarm "                                \
  "WHERE kind = ?1 AND at >= ?2 AND at < ?3 ORDER BY kind, at, ref, slot"

Result<std::int64_t> ticket_id(Connection& db, const TicketRef& ref) {
  auto row = store::ticket_row(
      db, "SELECT id FROM ticket WHERE prefix = ?1 AND year = ?2 AND seq = ?3", ref);
  if (!row) return fail(row.error());
  return (*row)->integer(0);
}

std::int64_t sql_limit(std::size_t limit) {
  return limit > 0x7fffffffffffffffULL ? 0x7fffffffffffffff : static_cast<std::int64_t>(limit);
}

}  // namespace

Result<Ticket> SqliteStore::ticket(const TicketRef& ref) {
  auto stmt = impl_->db->prepare("SELECT " TIERDESK_TICKET_COLUMNS
                                 " FROM ticket AS t WHERE prefix = ?1 AND year = ?2 AND seq = ?3");
  if (!stmt) return fail(stmt.error());
  (*stmt)->bind(1, ref.prefix).bind(2, std::int64_t{ref.year}).bind(3, ref.sequence);
  auto rows = store::collect_tickets(**stmt);
  if (!rows) return fail(rows.error());
  if (rows->empty()) return fail(Errc::not_found, fmt::format("ticket {}: not found", ref.str()));
  return std::move(rows->front());
}

Result<std::optional<TicketRef>> SqliteStore::find_external(std::string_view external_id) {
  auto stmt = impl_->db->prepare("SELECT prefix, year, seq FROM ticket WHERE external_id = ?1");
  if (!stmt) return fail(stmt.error());
  (*stmt)->bind(1, external_id);
  auto row = (*stmt)->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<TicketRef>();
  return std::optional<TicketRef>(TicketRef{(*stmt)->text(0), static_cast<int>((*stmt)->integer(1)),
                                            (*stmt)->integer(2)});
}

Result<std::vector<HistoryEvent>> SqliteStore::history(const TicketRef& ref) {
  auto id = ticket_id(*impl_->db, ref);
  if (!id) return fail(id.error());
  auto stmt = impl_->db->prepare(
      "SELECT id, at, actor, kind, value, payload FROM event WHERE id BETWEEN ?1 AND ?2 "
      "ORDER BY id");
  if (!stmt) return fail(stmt.error());
  (*stmt)->bind(1, store::event_key(*id, 0)).bind(2, store::event_key(*id, store::max_event_seq));
  std::vector<HistoryEvent> out;
  for (;;) {
    auto row = (*stmt)->step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    auto& s = **stmt;
    auto kind = parse_history_kind(s.text(3));
    if (!kind) return fail(kind.error().within(ref.str()));
    auto payload = store::decode_payload(s.text(5));
    if (!payload) return fail(payload.error().within(ref.str()));
    out.push_back({store::event_seq(s.integer(0)), instant(s.integer(1)), s.text(2), *kind,
                   s.text(4), std::move(*payload)});
  }
}

namespace {

// " AND status IN ('new', 'open', …)": every status, or the open ones. Names the statuses so
// that a query by tier can use the (status, tier) index (migration 10).
std::string statuses_in(bool open_only) {
  std::string sql = " AND status IN (";
  bool first = true;
  for (auto s : {TicketStatus::new_ticket, TicketStatus::open, TicketStatus::pending_customer,
                 TicketStatus::on_hold, TicketStatus::resolved, TicketStatus::closed}) {
    if (open_only && !is_open(s)) continue;
    sql += first ? "'" : ", '";
    sql += to_string(s);
    sql += '\'';
    first = false;
  }
  return sql + ")";
}

// The query of tickets(f): one statement per combination of filters, so each can use its
// column's index.
std::string tickets_sql(const TicketFilter& f) {
  std::string sql = "SELECT " TIERDESK_TICKET_COLUMNS " FROM ticket AS t WHERE 1";
  if (f.customer)  // the index is (id >> 14, customer id), migration 13: a seek per bucket
    sql += " AND (id >> 14) IN (WITH RECURSIVE bucket(n) AS (SELECT 0 UNION ALL SELECT n + 1 "
           "FROM bucket WHERE n < (SELECT coalesce(max(id), 0) FROM ticket) >> 14) "
           "SELECT n FROM bucket) "
           "AND customer_id = (SELECT id FROM customer_name WHERE name = ?1)";
  if (f.contract) sql += " AND contract = ?2";
  if (f.status) sql += " AND status = ?3";
  if (f.tier && !f.status) sql += statuses_in(f.open_only);  // the (status, tier) index
  if (f.tier) sql += " AND tier = ?4";
  if (f.assignee) sql += " AND assignee = ?5";
  if (f.open_only) sql += " AND status NOT IN ('resolved', 'closed')";
  sql += " ORDER BY prefix, year, seq LIMIT ?6";
  return sql;
}

}  // namespace

Result<std::vector<Ticket>> SqliteStore::tickets(const TicketFilter& f) {
  const std::string sql = tickets_sql(f);
  auto stmt = impl_->db->prepare(sql);
  if (!stmt) return fail(stmt.error());
  auto& s = **stmt;
  if (f.customer) s.bind(1, *f.customer);
  if (f.contract) s.bind(2, *f.contract);
  if (f.status) s.bind(3, to_string(*f.status));
  if (f.tier) s.bind(4, std::int64_t{*f.tier});
  if (f.assignee) s.bind(5, *f.assignee);
  s.bind(6, sql_limit(f.limit));
  return store::collect_tickets(s);
}

Result<std::string> SqliteStore::tickets_query_plan(const TicketFilter& f) {
  return impl_->db->joined_text("EXPLAIN QUERY PLAN " + tickets_sql(f), 3, "; ");
}

namespace {

// The clock cache as stored in a ticket row's `clocks` column, by clock.
Result<std::vector<ClockEntry>> stored_clocks(std::string_view text, const TicketRef& ref) {
  auto out = store::decode_clocks(text);
  if (!out) return fail(out.error().within(ref.str()));
  std::sort(out->begin(), out->end(),
            [](const ClockEntry& a, const ClockEntry& b) { return a.clock < b.clock; });
  return out;
}

}  // namespace

Result<std::vector<ClockEntry>> SqliteStore::clocks(const TicketRef& ref) {
  auto row = store::ticket_row(
      *impl_->db, "SELECT clocks FROM ticket WHERE prefix = ?1 AND year = ?2 AND seq = ?3", ref);
  if (!row) return fail(row.error());
  return stored_clocks((*row)->view(0), ref);
}

// One row for both: the ticket's columns, then its clocks.
Result<TicketStore::TicketWithClocks> SqliteStore::ticket_with_clocks(const TicketRef& ref) {
  auto row = store::ticket_row(*impl_->db,
                               "SELECT " TIERDESK_TICKET_COLUMNS ", t.clocks"
                               " FROM ticket AS t WHERE prefix = ?1 AND year = ?2 AND seq = ?3",
                               ref);
  if (!row) return fail(row.error());
  auto ticket = store::ticket_from_row(**row);
  if (!ticket) return fail(ticket.error());
  auto clocks = stored_clocks((*row)->view(store::ticket_column_count), ref);
  if (!clocks) return fail(clocks.error());
  return TicketWithClocks{std::move(*ticket), std::move(*clocks)};
}

Result<std::vector<Notification>> SqliteStore::notifications(const TicketRef& ref) {
  auto id = ticket_id(*impl_->db, ref);
  if (!id) return fail(id.error());
  auto stmt = impl_->db->prepare(
      "SELECT id, at, kind, recipient, text FROM notification WHERE ticket_id = ?1 ORDER BY id");
  if (!stmt) return fail(stmt.error());
  (*stmt)->bind(1, *id);
  std::vector<Notification> out;
  for (;;) {
    auto row = (*stmt)->step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    auto& s = **stmt;
    out.push_back({s.integer(0), ref, instant(s.integer(1)), s.text(2), s.text(3), s.text(4)});
  }
}

namespace {

bool by_ref_clock_level(const ClockAlarm& a, const ClockAlarm& b) {
  if (auto c = a.ref <=> b.ref; c != 0) return c < 0;
  if (auto c = a.clock <=> b.clock; c != 0) return c < 0;
  return a.level < b.level;
}

// Appends the first `limit` alarms of `kind` in `window`, by instant, then reference, clock
// and level. The key orders alarms of one instant by the ids of their names instead, so the
// rows are read to the end of the last instant taken and each run of one instant is sorted.
Result<void> read_alarms(Connection& db, store::NameIds& names, ClockAlarm::Kind kind,
                         Segment<Instant> window, std::size_t limit, std::vector<ClockAlarm>& out) {
  if (limit == 0) return {};
  auto stmt = db.prepare(TIERDESK_ALARMS_SQL);
  if (!stmt) return fail(stmt.error());
  auto& s = **stmt;
  s.bind(1, static_cast<std::int64_t>(kind)).bind(2, seconds(window.begin));
  s.bind(3, seconds(window.end));
  const std::size_t first = out.size();
  for (;;) {
    auto row = s.step();
    if (!row) return fail(row.error());
    if (!*row) break;
    const Instant at = instant(s.integer(0));
    if (out.size() - first >= limit && at != out.back().at) break;
    // Each name is copied before the next lookup, which may reload the names.
    const std::int64_t ref = s.integer(1);
    const std::int64_t slot = s.integer(2);
    auto& a = out.emplace_back();
    auto space = names.space(db, store::ref_space(ref));
    if (!space) return fail(space.error());
    a.ref.prefix = (*space)->prefix;
    a.ref.year = (*space)->year;
    auto clock = names.clock(db, store::slot_clock(slot));
    if (!clock) return fail(clock.error());
    auto id = ClockId::parse(**clock);
    if (!id) return fail(Errc::storage_error, fmt::format("clock_name: \"{}\" is no clock", **clock));
    a.clock = std::move(*id);
    a.at = at;
    a.ref.sequence = store::ref_sequence(ref);
    a.kind = kind;
    a.level = static_cast<int>(store::slot_level(slot));
  }
  for (std::size_t i = first; i < out.size();) {
    std::size_t j = i + 1;
    while (j < out.size() && out[j].at == out[i].at) ++j;
    if (j - i > 1) std::sort(out.begin() + static_cast<std::ptrdiff_t>(i),
                             out.begin() + static_cast<std::ptrdiff_t>(j), by_ref_clock_level);
    i = j;
  }
  if (out.size() - first > limit) out.resize(first + limit);
  return {};
}

}  // namespace

Result<std::vector<ClockAlarm>> SqliteStore::alarms(Segment<Instant> window, AlarmFilter filter,
                                                    std::size_t limit) {
  // Room for a busy hour up front: growing the vector would move every alarm read so far.
  std::vector<ClockAlarm> due;
  due.reserve(std::min<std::size_t>(limit, 4096));
  if (auto ok = read_alarms(*impl_->db, impl_->names, ClockAlarm::Kind::due, window, limit, due); !ok)
    return fail(ok.error());
  if (filter == AlarmFilter::due_only) return due;
  std::vector<ClockAlarm> warnings;
  warnings.reserve(std::min<std::size_t>(limit, 4096));
  if (auto ok = read_alarms(*impl_->db, impl_->names, ClockAlarm::Kind::warning, window, limit, warnings); !ok)
    return fail(ok.error());
  return store::merge_alarms(std::move(due), std::move(warnings), limit);
}

Result<std::optional<Instant>> SqliteStore::next_alarm(Instant from, AlarmFilter filter) {
  std::optional<Instant> next;
  for (const auto kind : {ClockAlarm::Kind::due, ClockAlarm::Kind::warning}) {
    if (kind == ClockAlarm::Kind::warning && filter == AlarmFilter::due_only) break;
    auto stmt = impl_->db->prepare(
        "SELECT at FROM clock_alarm WHERE kind = ?1 AND at >= ?2 ORDER BY kind, at LIMIT 1");
    if (!stmt) return fail(stmt.error());
    (*stmt)->bind(1, static_cast<std::int64_t>(kind)).bind(2, seconds(from));
    auto row = (*stmt)->step();
    if (!row) return fail(row.error());
    if (!*row) continue;
    const Instant at = instant((*stmt)->integer(0));
    if (!next || at < *next) next = at;
  }
  return next;
}

Result<std::string> SqliteStore::alarms_query_plan() {
  return impl_->db->joined_text("EXPLAIN QUERY PLAN " TIERDESK_ALARMS_SQL, 3, "; ");
}

Result<std::vector<Ticket>> SqliteStore::breached_open(std::size_t limit) {
  auto stmt = impl_->db->prepare(
      "SELECT " TIERDESK_TICKET_COLUMNS " FROM ticket AS t WHERE t.id IN "
      "(SELECT id FROM ticket WHERE open_breach = 1) "  // the partial index, not a scan in order
      "ORDER BY t.prefix, t.year, t.seq LIMIT ?1");
  if (!stmt) return fail(stmt.error());
  (*stmt)->bind(1, sql_limit(limit));
  return store::collect_tickets(**stmt);
}

Result<std::vector<Ticket>> SqliteStore::jourfixe_batch(std::string_view contract) {
  auto stmt = impl_->db->prepare("SELECT " TIERDESK_TICKET_COLUMNS
                                 " FROM ticket AS t WHERE contract = ?1 AND jourfixe = 1 "
                                 "ORDER BY prefix, year, seq");
  if (!stmt) return fail(stmt.error());
  (*stmt)->bind(1, contract);
  return store::collect_tickets(**stmt);
}

namespace store {

Result<std::unique_ptr<Statement>> ticket_row(Connection& db, std::string_view sql,
                                              const TicketRef& ref) {
  auto stmt = db.prepare(sql);
  if (!stmt) return fail(stmt.error());
  (*stmt)->bind(1, ref.prefix).bind(2, std::int64_t{ref.year}).bind(3, ref.sequence);
  auto row = (*stmt)->step();
  if (!row) return fail(row.error());
  if (!*row) return fail(Errc::not_found, fmt::format("ticket {}: not found", ref.str()));
  return std::move(*stmt);
}

}  // namespace store
}  // namespace tierdesk
