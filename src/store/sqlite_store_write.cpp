// SqliteStore writes: new tickets with their references, and changes to existing ones. Each
// call is one write (Impl::write): an IMMEDIATE transaction of its own, or a savepoint of its
// commit group's next transaction; an early return rolls it back.
#include <algorithm>
#include <future>
#include <set>
#include <system_error>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "store/change_checks.hpp"
#include "store/codec.hpp"
#include "store/detail_rows.hpp"
#include "store/row_batch.hpp"
#include "store/sqlite_store_impl.hpp"
#include "store/ticket_rows.hpp"

namespace tierdesk {

using store::Connection;
using store::seconds;
using store::Statement;

namespace {

// The id of `customer`, which NameIds::ensure added before the write began.
Result<std::int64_t> customer_id(Connection& db, store::NameIds& names, std::string_view customer) {
  auto id = names.customer_id(db, customer);
  if (!id) return fail(id.error());
  if (!*id)
    return fail(Errc::storage_error, fmt::format("customer_name: \"{}\" has no id", customer));
  return **id;
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
      return fail(Errc::conflict,
                  fmt::format("external_id: a ticket with \"{}\" exists", t.external_id));
  }
  return {};
}

// Inserts `tickets` (the states of a batch, with their references) with the row ids
// first_id, first_id + 1, … (the caller holds the write lock, so they are free), each with its
// encoded columns (`rows`, waited for row by row) and its customer's id, in multi-row
// statements.
Result<void> insert_tickets(Connection& db, const store::TicketRows& rows,
                            std::span<const Ticket> tickets,
                            std::span<const std::int64_t> customer_ids, std::int64_t first_id) {
  return store::insert_rows(
      db,
      "INSERT OR FAIL INTO ticket(id, prefix, year, seq, customer, contract, channel, category, "
      "priority, status, tier, assignee, subject, external_id, flags, jourfixe, created_at, "
      "updated_at, version, clocks, open_breach, customer_id)",
      22, tickets.size(), [&](Statement& s, int p, std::size_t r) {
        const Ticket& t = tickets[r];
        const store::TicketColumns& encoded = rows.wait_for(r);
        s.bind(p, first_id + static_cast<std::int64_t>(r)).bind_static(p + 1, t.ref.prefix);
        s.bind(p + 2, std::int64_t{t.ref.year}).bind(p + 3, t.ref.sequence);
        s.bind_static(p + 4, t.customer).bind_static(p + 5, t.contract);
        s.bind_static(p + 6, to_string(t.channel)).bind_static(p + 7, t.category);
        s.bind_static(p + 8, t.priority).bind_static(p + 9, to_string(t.status));
        s.bind(p + 10, std::int64_t{t.tier}).bind_static(p + 11, t.assignee);
        s.bind_static(p + 12, t.subject);
        if (t.external_id.empty())
          s.bind_null(p + 13);
        else
          s.bind_static(p + 13, t.external_id);
        s.bind_static(p + 14, encoded.flags).bind(p + 15, std::int64_t{t.jourfixe ? 1 : 0});
        s.bind(p + 16, seconds(t.created_at)).bind(p + 17, seconds(t.updated_at));
        s.bind(p + 18, t.version).bind_static(p + 19, encoded.clocks);
        s.bind(p + 20, std::int64_t{encoded.open_breach ? 1 : 0});
        s.bind(p + 21, customer_ids[r]);
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

Result<void> update_ticket_row(Connection& db, std::int64_t id, std::int64_t customer,
                               const Ticket& t, const std::vector<ClockEntry>& clocks) {
  const store::TicketColumns encoded = store::encode_ticket_columns(t, clocks);
  auto stmt = db.prepare(
      "UPDATE ticket SET customer = ?2, contract = ?3, channel = ?4, category = ?5, "
      "priority = ?6, status = ?7, tier = ?8, assignee = ?9, subject = ?10, external_id = ?11, "
      "flags = ?12, jourfixe = ?13, updated_at = ?14, version = ?15, clocks = ?16, "
      "open_breach = ?17, customer_id = ?18 WHERE id = ?1");
  if (!stmt) return fail(stmt.error());
  auto& s = **stmt;
  s.bind(1, id).bind(2, t.customer).bind(3, t.contract).bind(4, to_string(t.channel));
  s.bind(5, t.category).bind(6, t.priority).bind(7, to_string(t.status));
  s.bind(8, std::int64_t{t.tier}).bind(9, t.assignee).bind(10, t.subject);
  if (t.external_id.empty())
    s.bind_null(11);
  else
    s.bind(11, t.external_id);
  s.bind_static(12, encoded.flags).bind(13, std::int64_t{t.jourfixe ? 1 : 0});
  s.bind(14, seconds(t.updated_at)).bind(15, t.version);
  s.bind_static(16, encoded.clocks);
  s.bind(17, std::int64_t{encoded.open_breach ? 1 : 0}).bind(18, customer);
  return s.run();
}

// A batch of at least this many tickets encodes its ticket, event and alarm rows on a second
// thread (a thread costs tens of microseconds; 256 tickets take about a millisecond to encode).
constexpr std::size_t parallel_encoding_from = 256;

// The ids of reference space (prefix, year), of the clock names and of the customers of
// `changes`, after adding those the name tables lack. Runs before the write that uses them;
// the names are added by a write of their own, through the commit group when there is one
// (a transaction beside the group's would wait for the write lock in SQLite's busy handler).
// `commit(write)` runs a write as the store runs any (Impl::write).
template <class Commit>
Result<store::WriteNames> prepare_names(Connection& db, store::NameIds& names, Commit commit,
                                        std::string_view prefix, int year,
                                        std::span<const TicketChange> changes) {
  std::vector<std::string_view> clocks;
  std::vector<std::string_view> customers;  // each once: a batch has many tickets per customer
  std::unordered_map<std::string_view, std::int64_t> customer_ids;
  for (const auto& change : changes) {
    if (customer_ids.emplace(change.state.customer, 0).second)
      customers.push_back(change.state.customer);
    for (const auto& c : change.clocks)
      if (std::find(clocks.begin(), clocks.end(), c.clock.str()) == clocks.end())
        clocks.push_back(c.clock.str());
  }
  auto lacking = names.lacks(db, prefix, year, clocks, customers);
  if (!lacking) return fail(lacking.error());
  if (*lacking) {
    auto added = commit([&](Connection& writer, store::NameIds&) {
      return names.add_lacking(writer, prefix, year, clocks, customers);
    });
    if (!added) return fail(added.error());
    if (auto ok = names.load(db); !ok) return fail(ok.error());
  }
  auto space = names.space_id(db, prefix, year);
  if (!space) return fail(space.error());
  if (!*space)
    return fail(Errc::storage_error, fmt::format("ref_space: {}-{} has no id", prefix, year));
  if (**space > store::max_space)
    return fail(Errc::storage_error,
                fmt::format("ref_space: {}-{} has id {}, the alarm key keeps up to {}", prefix,
                            year, **space, store::max_space));
  store::WriteNames out{**space, {}, {}};
  for (const auto name : clocks) {
    auto clock = names.clock_id(db, name);
    if (!clock) return fail(clock.error());
    if (!*clock)
      return fail(Errc::storage_error, fmt::format("clock_name: \"{}\" has no id", name));
    out.clocks.emplace_back(name, **clock);
  }
  for (const auto name : customers) {
    auto customer = customer_id(db, names, name);
    if (!customer) return fail(customer.error());
    customer_ids[name] = *customer;
  }
  out.customers.reserve(changes.size());
  for (const auto& change : changes) out.customers.push_back(customer_ids[change.state.customer]);
  return out;
}

}  // namespace

namespace store {

Result<std::vector<Ticket>> insert_new_tickets(Connection& db, const NewTickets& batch) {
  const auto tickets = batch.tickets;
  const auto& names = *batch.names;
  const auto count = static_cast<std::int64_t>(tickets.size());
  auto first = reserve_sequences(db, batch.prefix, batch.year, count);
  if (!first) return fail(first.error());
  auto last_id = last_ticket_id(db);
  if (!last_id) return fail(last_id.error());
  if (*last_id > max_ticket_id - count)
    return fail(Errc::storage_error,
                fmt::format("ticket.id: {} tickets after row id {} pass the largest the event "
                            "key keeps, {}",
                            tickets.size(), *last_id, max_ticket_id));
  std::vector<Ticket> out;
  out.reserve(tickets.size());
  std::vector<std::int64_t> ids;
  ids.reserve(tickets.size());
  std::vector<TicketRef> refs;
  refs.reserve(tickets.size());
  for (const auto& change : tickets) {
    const auto i = static_cast<std::int64_t>(out.size());
    out.push_back(change.state);
    out.back().ref = TicketRef{std::string(batch.prefix), batch.year, *first + i};
    ids.push_back(*last_id + 1 + i);
    refs.push_back(out.back().ref);
  }
  // The ticket rows' encoded columns are read row by row as they are inserted; the event and
  // alarm rows are needed only after the tickets.
  TicketRows rows(tickets.size());
  const auto encode = [&] { return encode_details(tickets, ids, refs, names.space, names.clocks); };
  // Declared after what it reads: an early return waits for the thread before those go.
  std::future<Result<DetailRows>> encoding;
  if (tickets.size() >= parallel_encoding_from) {
    try {
      encoding = std::async(std::launch::async, [&] {
        rows.encode(out, tickets);
        return encode();
      });
    } catch (const std::system_error&) {
      // no thread to be had: encoded below, on this one
    }
  }
  if (!encoding.valid()) rows.encode(out, tickets);
  if (auto ok = check_external_ids(db, out); !ok) return fail(ok.error());
  if (auto ok = insert_tickets(db, rows, out, names.customers, *last_id + 1); !ok)
    return fail(ok.error());
  auto details = encoding.valid() ? encoding.get() : encode();
  if (!details) return fail(details.error());
  if (auto ok = insert_details(db, *details, tickets, ids); !ok) return fail(ok.error());
  for (std::size_t i = 0; i < tickets.size(); ++i)
    if (auto ok = insert_work(db, ids[i], out[i], tickets[i]); !ok) return fail(ok.error());
  return out;
}

}  // namespace store

Result<std::vector<Ticket>> SqliteStore::create(std::string_view prefix, int year,
                                                std::span<const TicketChange> tickets) {
  if (auto ok = check_prefix(prefix); !ok) return fail(ok.error());
  if (year < 1 || year > 9999)
    return fail(Error::invalid(Errc::invalid_argument, "year", std::to_string(year), "1 … 9999"));
  for (const auto& change : tickets) {
    if (auto ok = store::check_events(change, 1); !ok) return fail(ok.error());
    if (auto ok = store::check_work(change, ""); !ok) return fail(ok.error());
  }
  if (tickets.empty()) return std::vector<Ticket>{};
  auto names = prepare_names(
      *impl_->db, impl_->names, [this](const StoreWrite& w) { return impl_->write(w); }, prefix,
      year, tickets);
  if (!names) return fail(names.error());
  std::vector<Ticket> out;
  const store::NewTickets batch{prefix, year, tickets, &*names};
  auto written = impl_->write(
      [&](Connection& db, store::NameIds&) -> Result<void> {
        auto made = store::insert_new_tickets(db, batch);
        if (!made) return fail(made.error());
        out = std::move(*made);
        return {};
      },
      &batch, &out);
  if (!written) return fail(written.error());
  return out;
}

Result<void> SqliteStore::update(const TicketChange& change) {
  const auto& ref = change.state.ref;
  const auto first_seq = change.state.version - static_cast<std::int64_t>(change.events.size()) + 1;
  if (auto ok = store::check_events(change, first_seq); !ok) return ok;
  if (auto ok = store::check_work(change, ref.str()); !ok) return ok;
  auto names = prepare_names(
      *impl_->db, impl_->names, [this](const StoreWrite& w) { return impl_->write(w); }, ref.prefix,
      ref.year, std::span(&change, 1));
  if (!names) return fail(names.error());
  return impl_->write([&](Connection& db, store::NameIds& ids) -> Result<void> {
    auto row = store::ticket_row(
        db, "SELECT id, version, clocks FROM ticket WHERE prefix = ?1 AND year = ?2 AND seq = ?3",
        ref);
    if (!row) return fail(row.error());
    const std::int64_t id = (*row)->integer(0);
    const std::int64_t stored = (*row)->integer(1);
    const std::string stored_clocks = (*row)->text(2);
    row->reset();
    if (stored != first_seq - 1)
      return fail(Errc::conflict, fmt::format("ticket {}: version {} was read, but {} is stored",
                                              ref.str(), first_seq - 1, stored));
    if (auto ok = store::delete_alarms(db, ids, stored_clocks, names->space, ref); !ok) return ok;
    if (auto ok = update_ticket_row(db, id, names->customers.front(), change.state, change.clocks);
        !ok)
      return ok;
    auto details = store::encode_details(std::span(&change, 1), std::span(&id, 1),
                                         std::span(&ref, 1), names->space, names->clocks);
    if (!details) return fail(details.error());
    if (auto ok = store::insert_details(db, *details, std::span(&change, 1), std::span(&id, 1));
        !ok)
      return ok;
    return store::insert_work(db, id, change.state, change);
  });
}

}  // namespace tierdesk
