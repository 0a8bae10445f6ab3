// SqliteStore work entries and fees: written with the change that records them, read by
// customer, contract, ticket and start instant through the indexes of migration 4.
#include <algorithm>

#include <fmt/format.h>

#include "store/change_checks.hpp"
#include "store/sqlite_store_impl.hpp"

namespace tierdesk {

using store::Connection;
using store::instant;
using store::seconds;

namespace store {

// Each reversal names a work or fee row of the ticket that no reversal names yet.
Result<void> insert_reversals(Connection& db, std::int64_t id, const TicketChange& change) {
  if (change.reversals.empty()) return {};
  auto insert = db.prepare(
      "INSERT INTO reversal(ticket_id, entry, at, actor, reason) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!insert) return fail(insert.error());
  const auto ref = change.state.ref.str();
  for (const auto& r : change.reversals) {
    // A statement wrapper resets its (cached) statement when it goes: one per lookup.
    auto found = db.prepare(
        "SELECT (SELECT count(*) FROM work_entry WHERE ticket_id = ?1 AND entry = ?2) + "
        "(SELECT count(*) FROM ticket_fee WHERE ticket_id = ?1 AND entry = ?2), "
        "(SELECT count(*) FROM reversal WHERE ticket_id = ?1 AND entry = ?2)");
    if (!found) return fail(found.error());
    auto& f = **found;
    f.bind(1, id).bind(2, r.entry);
    auto row = f.step();
    if (!row) return fail(row.error());
    const bool exists = f.integer(0) > 0;
    const bool reversed = f.integer(1) > 0;
    if (!exists)
      return fail(Errc::not_found,
                  fmt::format("entry: {} has no work entry or fee recorded by event {}", ref, r.entry));
    if (reversed)
      return fail(Errc::conflict, fmt::format("entry: {} event {} is reversed already", ref, r.entry));
    auto& s = **insert;
    s.bind(1, id).bind(2, r.entry).bind(3, seconds(r.reversal.at)).bind(4, r.reversal.actor);
    s.bind(5, r.reversal.reason);
    if (auto ok = s.run(); !ok) return ok;
  }
  return {};
}

Result<void> insert_work(Connection& db, std::int64_t id, const Ticket& t,
                         const TicketChange& change) {
  if (change.work.empty() && change.fees.empty() && change.reversals.empty()) return {};
  if (auto ok = check_work(change, t.ref.str()); !ok) return ok;
  if (!change.work.empty()) {
    auto entries = entries_of(change, HistoryKind::work_logged, change.work.size(), "work");
    if (!entries) return fail(entries.error());
    auto stmt = db.prepare(
        "INSERT INTO work_entry(ticket_id, customer, contract, start, seconds, kind, role, agent, "
        "note, entry) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!stmt) return fail(stmt.error());
    for (std::size_t i = 0; i < change.work.size(); ++i) {
      const auto& e = change.work[i];
      auto& s = **stmt;
      s.bind(1, id).bind(2, t.customer).bind(3, t.contract).bind(4, seconds(e.start));
      s.bind(5, static_cast<std::int64_t>(e.duration.count())).bind(6, to_string(e.kind));
      s.bind(7, to_string(e.role)).bind(8, e.agent).bind(9, e.note).bind(10, (*entries)[i]);
      if (auto ok = s.run(); !ok) return ok;
    }
  }
  if (!change.fees.empty()) {
    auto entries = entries_of(change, HistoryKind::fee_charged, change.fees.size(), "fees");
    if (!entries) return fail(entries.error());
    auto stmt = db.prepare(
        "INSERT INTO ticket_fee(ticket_id, customer, contract, code, at, entry) VALUES (?1, ?2, "
        "?3, ?4, ?5, ?6)");
    if (!stmt) return fail(stmt.error());
    for (std::size_t i = 0; i < change.fees.size(); ++i) {
      const auto& f = change.fees[i];
      (*stmt)
          ->bind(1, id)
          .bind(2, t.customer)
          .bind(3, t.contract)
          .bind(4, f.code)
          .bind(5, seconds(f.at))
          .bind(6, (*entries)[i]);
      if (auto ok = (*stmt)->run(); !ok) return ok;
    }
  }
  return insert_reversals(db, id, change);
}

}  // namespace store

namespace {

// Parameters: ?1 customer, ?2 contract, ?3 ticket id, ?4 begin, ?5 end. One statement per
// combination of filters, so that each picks the index of its most selective column.
std::string filtered_sql(std::string sql, const WorkFilter& f, std::string_view alias,
                         std::string_view instant_column, std::string_view order) {
  sql += " WHERE 1";
  if (f.customer) sql += fmt::format(" AND {}.customer = ?1", alias);
  if (f.contract) sql += fmt::format(" AND {}.contract = ?2", alias);
  if (f.ref) sql += fmt::format(" AND {}.ticket_id = ?3", alias);
  if (f.started) sql += fmt::format(" AND {0}.{1} >= ?4 AND {0}.{1} < ?5", alias, instant_column);
  sql += order;
  return sql;
}

#define TIERDESK_WORK_SELECT                                                         \
  "SELECT t.prefix, t.year, t.seq, w.agent, w.start, w.seconds, w.kind, w.role, "    \
  "w.note, w.entry, r.at, r.actor, r.reason FROM work_entry AS w "                   \
  "JOIN ticket AS t ON t.id = w.ticket_id "                                          \
  "LEFT JOIN reversal AS r ON r.ticket_id = w.ticket_id AND r.entry = w.entry AND w.entry > 0"

std::string work_sql(const WorkFilter& f) {
  return filtered_sql(TIERDESK_WORK_SELECT, f, "w", "start", " ORDER BY w.start, w.id");
}

// Binds the filter; Errc::not_found when filter.ref names no ticket.
Result<void> bind_filter(Connection& db, store::Statement& s, const WorkFilter& f) {
  if (f.customer) s.bind(1, *f.customer);
  if (f.contract) s.bind(2, *f.contract);
  if (f.ref) {
    auto stmt = db.prepare("SELECT id FROM ticket WHERE prefix = ?1 AND year = ?2 AND seq = ?3");
    if (!stmt) return fail(stmt.error());
    (*stmt)->bind(1, f.ref->prefix).bind(2, std::int64_t{f.ref->year}).bind(3, f.ref->sequence);
    auto row = (*stmt)->step();
    if (!row) return fail(row.error());
    if (!*row) return fail(Errc::not_found, fmt::format("ticket {}: not found", f.ref->str()));
    s.bind(3, (*stmt)->integer(0));
  }
  if (f.started) s.bind(4, seconds(f.started->begin)).bind(5, seconds(f.started->end));
  return {};
}

TicketRef ref_from_row(const store::Statement& s) {
  return TicketRef{s.text(0), static_cast<int>(s.integer(1)), s.integer(2)};
}

// The reversal in columns `first` (at), first + 1 (actor), first + 2 (reason), if any.
std::optional<Reversal> reversal_from_row(const store::Statement& s, int first) {
  if (s.is_null(first)) return std::nullopt;
  return Reversal{instant(s.integer(first)), s.text(first + 1), s.text(first + 2)};
}

}  // namespace

Result<std::vector<WorkEntry>> SqliteStore::work(const WorkFilter& filter) {
  auto& db = *impl_->db;
  auto stmt = db.prepare(work_sql(filter));
  if (!stmt) return fail(stmt.error());
  auto& s = **stmt;
  if (auto ok = bind_filter(db, s, filter); !ok) return fail(ok.error());
  std::vector<WorkEntry> out;
  for (;;) {
    auto row = s.step();
    if (!row) return fail(row.error());
    if (!*row) break;
    const auto ref = ref_from_row(s).str();
    auto kind = parse_work_kind(s.text(6));
    if (!kind) return fail(kind.error().within(ref));
    auto role = parse_role(s.text(7));
    if (!role) return fail(role.error().within(ref));
    out.push_back({ref, s.text(3), instant(s.integer(4)), std::chrono::seconds(s.integer(5)), *kind,
                   *role, s.text(8), s.integer(9), reversal_from_row(s, 10)});
  }
  std::stable_sort(out.begin(), out.end(), work_order);
  return out;
}

Result<std::vector<StoredFee>> SqliteStore::fees(const WorkFilter& filter) {
  auto& db = *impl_->db;
  auto stmt = db.prepare(
      filtered_sql("SELECT t.prefix, t.year, t.seq, f.code, f.at, f.entry, r.at, r.actor, "
                   "r.reason FROM ticket_fee AS f JOIN ticket AS t ON t.id = f.ticket_id "
                   "LEFT JOIN reversal AS r ON r.ticket_id = f.ticket_id AND r.entry = f.entry "
                   "AND f.entry > 0",
                   filter, "f", "at", " ORDER BY f.at, t.prefix, t.year, t.seq, f.code, f.id"));
  if (!stmt) return fail(stmt.error());
  auto& s = **stmt;
  if (auto ok = bind_filter(db, s, filter); !ok) return fail(ok.error());
  std::vector<StoredFee> out;
  for (;;) {
    auto row = s.step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    out.push_back({ref_from_row(s), TicketFee{s.text(3), instant(s.integer(4)), s.integer(5),
                                              reversal_from_row(s, 6)}});
  }
}

Result<std::string> SqliteStore::work_query_plan(const WorkFilter& filter) {
  return impl_->db->joined_text("EXPLAIN QUERY PLAN " + work_sql(filter), 3, "; ");
}

}  // namespace tierdesk
