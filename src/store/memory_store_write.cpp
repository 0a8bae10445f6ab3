// MemoryStore writes: new tickets with their references, and changes to existing ones.
// Each is staged and then committed (store/memory_state.hpp). The checks are SqliteStore's, in
// its order, so that both refuse a write with the same error.
#include <algorithm>
#include <iterator>
#include <type_traits>

#include <fmt/format.h>

#include "store/change_checks.hpp"
#include "store/memory_state.hpp"

namespace tierdesk::store::memory {

// A commit moves these; a move that could throw would stop it halfway.
static_assert(std::is_nothrow_move_assignable_v<Ticket>);
static_assert(std::is_nothrow_move_constructible_v<HistoryEvent>);
static_assert(std::is_nothrow_move_constructible_v<Notification>);

void TicketIndex::merge(TicketIndex& added) noexcept {
  external.merge(added.external);
  breached.merge(added.breached);
  jourfixe.merge(added.jourfixe);
  customers.merge(added.customers);
  alarms.merge(added.alarms);
}

void TicketIndex::erase(const TicketIndex& removed) noexcept {
  for (const auto& entry : removed.external) external.erase(entry.first);
  for (const auto& ref : removed.breached) breached.erase(ref);
  for (const auto& entry : removed.jourfixe) jourfixe.erase(entry);
  for (const auto& entry : removed.customers) customers.erase(entry);
  for (const auto& key : removed.alarms) alarms.erase(key);
}

namespace {

// Room for `more` elements, grown as push_back grows it, so that appending them cannot allocate.
template <class T>
void make_room(std::vector<T>& v, std::size_t more) {
  const auto needed = v.size() + more;
  if (needed > v.capacity()) v.reserve(std::max(needed, 2 * v.capacity()));
}

void make_room(TicketRecord& record, const RecordChange& rc) {
  make_room(record.history, rc.events.size());
  make_room(record.notifications, rc.notifications.size());
}

// Moves `rc` into `record`, which make_room readied for it.
void apply(TicketRecord& record, RecordChange& rc) noexcept {
  record.ticket = std::move(rc.ticket);
  record.clocks.swap(rc.clocks);
  std::move(rc.events.begin(), rc.events.end(), std::back_inserter(record.history));
  std::move(rc.notifications.begin(), rc.notifications.end(),
            std::back_inserter(record.notifications));
  record.entries.merge(rc.entries);
  record.reversals.merge(rc.reversals);
}

// The clock cache as SqliteStore keeps it: by clock name, an open breach only while the ticket
// is open.
std::vector<ClockEntry> stored_clocks(const std::vector<ClockEntry>& clocks, bool open) {
  std::vector<ClockEntry> out = clocks;
  for (auto& c : out) c.open_breach = c.open_breach && open;
  std::stable_sort(out.begin(), out.end(),
                   [](const ClockEntry& a, const ClockEntry& b) { return a.clock < b.clock; });
  return out;
}

// What `change` does to the record of ticket `t` (its state as kept), rows not yet included.
RecordChange record_change(Ticket t, const TicketChange& change) {
  RecordChange rc;
  rc.clocks = stored_clocks(change.clocks, is_open(t.status));
  rc.ticket = std::move(t);
  rc.events = change.events;
  return rc;
}

// Adds `key` to `alarms`. Errc::conflict when it is there already: SQLite's alarm key refuses
// a clock's instant listed twice too.
Result<void> add_alarm(std::set<AlarmKey>& alarms, AlarmKey key) {
  const auto [stored, added] = alarms.insert(std::move(key));
  if (added) return {};
  return fail(Errc::conflict, fmt::format("clocks: {} lists an alarm of \"{}\" twice",
                                          stored->ref.str(), stored->clock.str()));
}

// Adds the due and warning instants of ticket `t`'s clocks to `alarms`. Only an open ticket
// has them, and the cache holds them only for running clocks (ClockEntry).
Result<void> add_alarms(std::set<AlarmKey>& alarms, const Ticket& t,
                        const std::vector<ClockEntry>& clocks) {
  if (!is_open(t.status)) return {};
  for (const auto& c : clocks) {
    if (auto ok = check_warnings(c.warnings); !ok) return ok;
    if (c.due) {
      if (auto ok = add_alarm(alarms, {ClockAlarm::Kind::due, *c.due, t.ref, c.clock, 0}); !ok)
        return ok;
    }
    for (std::size_t level = 0; level < c.warnings.size(); ++level) {
      const AlarmKey warning{ClockAlarm::Kind::warning, c.warnings[level], t.ref, c.clock,
                             static_cast<int>(level)};
      if (auto ok = add_alarm(alarms, warning); !ok) return ok;
    }
  }
  return {};
}

// The index entries of ticket `t` with clock cache `clocks`.
Result<TicketIndex> index_entries(const Ticket& t, const std::vector<ClockEntry>& clocks) {
  TicketIndex out;
  if (!t.external_id.empty()) out.external.emplace(t.external_id, t.ref);
  if (is_open(t.status) &&
      std::any_of(clocks.begin(), clocks.end(), [](const ClockEntry& c) { return c.open_breach; }))
    out.breached.insert(t.ref);
  if (t.jourfixe) out.jourfixe.emplace(t.contract, t.ref);
  out.customers.emplace(t.customer, t.ref);
  if (auto ok = add_alarms(out.alarms, t, clocks); !ok) return fail(ok.error());
  return out;
}

// Errc::conflict for a tier outside 1 … 3: SQLite's CHECK constraint refuses the row, and the
// store reports every broken constraint as a conflict.
Result<void> check_tier(const Ticket& t) {
  if (t.tier >= min_tier && t.tier <= max_tier) return {};
  return fail(Error::invalid(Errc::conflict, "tier", std::to_string(t.tier), "1 … 3"));
}

// Errc::conflict naming the first external id of `tickets` that another stored ticket or an
// earlier ticket of `tickets` has.
Result<void> check_external_ids(const TicketIndex& index, std::span<const Ticket> tickets) {
  std::set<std::string_view> seen;
  for (const auto& t : tickets) {
    if (t.external_id.empty()) continue;
    const auto stored = index.external.find(t.external_id);
    if ((stored != index.external.end() && stored->second != t.ref) ||
        !seen.insert(t.external_id).second)
      return fail(Errc::conflict,
                  fmt::format("external_id: a ticket with \"{}\" exists", t.external_id));
  }
  return {};
}

// The states of `changes` with the references they get: the sequences after `last`.
std::vector<Ticket> numbered(std::string_view prefix, int year, std::int64_t last,
                             std::span<const TicketChange> changes) {
  std::vector<Ticket> out;
  out.reserve(changes.size());
  for (const auto& change : changes) {
    out.push_back(change.state);
    out.back().ref =
        TicketRef{std::string(prefix), year, last + static_cast<std::int64_t>(out.size())};
  }
  return out;
}

// Stages the work entries of `change` (ticket rc.ticket) as rows with the ids after `last`
// and the seqs of their work_logged events as entries.
Result<void> stage_work(const TicketChange& change, std::int64_t last, StagedWrite& w,
                        RecordChange& rc) {
  if (change.work.empty()) return {};
  auto entries = entries_of(change, HistoryKind::work_logged, change.work.size(), "work");
  if (!entries) return fail(entries.error());
  const Ticket& t = rc.ticket;
  for (std::size_t i = 0; i < change.work.size(); ++i) {
    WorkRow row{t.ref, t.customer, t.contract, change.work[i]};
    row.entry.ticket = t.ref.str();
    row.entry.entry = (*entries)[i];
    row.entry.reversed.reset();
    rc.entries.insert(row.entry.entry);
    const WorkKey key{row.entry.start, last + static_cast<std::int64_t>(w.work.size()) + 1};
    w.work.emplace(key, std::move(row));
  }
  return {};
}

// Stages the fees of `change` as stage_work stages its work entries.
Result<void> stage_fees(const TicketChange& change, std::int64_t last, StagedWrite& w,
                        RecordChange& rc) {
  if (change.fees.empty()) return {};
  auto entries = entries_of(change, HistoryKind::fee_charged, change.fees.size(), "fees");
  if (!entries) return fail(entries.error());
  const Ticket& t = rc.ticket;
  for (std::size_t i = 0; i < change.fees.size(); ++i) {
    const auto id = last + static_cast<std::int64_t>(w.fees.size()) + 1;
    rc.entries.insert((*entries)[i]);
    w.fees.emplace(FeeKey{change.fees[i].at, t.ref, change.fees[i].code, id},
                   FeeRow{t.customer, t.contract, (*entries)[i]});
  }
  return {};
}

// Stages the reversals of `change`: each names a work entry or fee of the ticket (stored in
// `record` or staged in `rc`) that nothing reversed yet.
Result<void> stage_reversals(const TicketRecord& record, const TicketChange& change,
                             RecordChange& rc) {
  const auto ref = rc.ticket.ref.str();
  for (const auto& r : change.reversals) {
    if (!record.entries.contains(r.entry) && !rc.entries.contains(r.entry))
      return fail(
          Errc::not_found,
          fmt::format("entry: {} has no work entry or fee recorded by event {}", ref, r.entry));
    if (record.reversals.contains(r.entry) || !rc.reversals.emplace(r.entry, r.reversal).second)
      return fail(Errc::conflict,
                  fmt::format("entry: {} event {} is reversed already", ref, r.entry));
  }
  return {};
}

}  // namespace

Result<std::vector<Ticket>> State::create(std::string_view prefix, int year,
                                          std::span<const TicketChange> changes) {
  if (auto ok = check_prefix(prefix); !ok) return fail(ok.error());
  if (year < 1 || year > 9999)
    return fail(Error::invalid(Errc::invalid_argument, "year", std::to_string(year), "1 … 9999"));
  for (const auto& change : changes) {
    if (auto ok = check_events(change, 1); !ok) return fail(ok.error());
    if (auto ok = check_work(change, ""); !ok) return fail(ok.error());
  }
  if (changes.empty()) return std::vector<Ticket>{};
  StagedWrite w;
  const auto counter = counters_.find(std::pair{std::string(prefix), year});
  auto out = numbered(prefix, year, counter == counters_.end() ? 0 : counter->second, changes);
  w.counter.emplace(std::pair{std::string(prefix), year}, out.back().ref.sequence);
  if (auto ok = check_external_ids(index_, out); !ok) return fail(ok.error());
  for (const auto& t : out)
    if (auto ok = check_tier(t); !ok) return fail(ok.error());
  std::vector<RecordChange> records;
  records.reserve(changes.size());
  for (std::size_t i = 0; i < changes.size(); ++i) {
    auto entries = index_entries(out[i], changes[i].clocks);
    if (!entries) return fail(entries.error());
    w.added.merge(*entries);
    records.push_back(record_change(out[i], changes[i]));
  }
  const TicketRecord none{};
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (auto ok = stage_rows(none, changes[i], w, records[i]); !ok) return fail(ok.error());
    TicketRecord& record = w.created[out[i].ref];
    make_room(record, records[i]);
    apply(record, records[i]);
  }
  commit(w);
  return out;
}

Result<void> State::update(const TicketChange& change) {
  const auto& ref = change.state.ref;
  const auto first_seq = change.state.version - static_cast<std::int64_t>(change.events.size()) + 1;
  if (auto ok = check_events(change, first_seq); !ok) return ok;
  if (auto ok = check_work(change, ref.str()); !ok) return ok;
  const auto found = tickets_.find(ref);
  if (found == tickets_.end())
    return fail(Errc::not_found, fmt::format("ticket {}: not found", ref.str()));
  TicketRecord& record = found->second;
  if (record.ticket.version != first_seq - 1)
    return fail(Errc::conflict, fmt::format("ticket {}: version {} was read, but {} is stored",
                                            ref.str(), first_seq - 1, record.ticket.version));
  Ticket next = change.state;
  next.created_at = record.ticket.created_at;  // SqliteStore's update leaves it as created
  if (auto ok = check_tier(next); !ok) return ok;
  if (auto ok = check_external_ids(index_, std::span(&next, 1)); !ok) return ok;
  auto removed = index_entries(record.ticket, record.clocks);
  if (!removed) return fail(removed.error());
  auto added = index_entries(next, change.clocks);
  if (!added) return fail(added.error());
  StagedWrite w;
  w.removed = std::move(*removed);
  w.added = std::move(*added);
  w.update = record_change(std::move(next), change);
  if (auto ok = stage_rows(record, change, w, w.update); !ok) return ok;
  make_room(record, w.update);
  w.updated = &record;
  commit(w);
  return {};
}

Result<void> State::stage_rows(const TicketRecord& record, const TicketChange& change,
                               StagedWrite& w, RecordChange& rc) const {
  if (auto ok = check_work(change, rc.ticket.ref.str()); !ok) return ok;
  if (auto ok = stage_work(change, last_work_, w, rc); !ok) return ok;
  if (auto ok = stage_fees(change, last_fee_, w, rc); !ok) return ok;
  if (auto ok = stage_reversals(record, change, rc); !ok) return ok;
  for (const auto& n : change.notifications)
    rc.notifications.push_back(
        {last_notification_ + ++w.notifications, rc.ticket.ref, n.at, n.kind, n.recipient, n.text});
  return {};
}

void State::commit(StagedWrite& w) noexcept {
  if (!w.counter.empty()) {
    auto placed = counters_.insert(w.counter.extract(w.counter.begin()));
    if (!placed.inserted) placed.position->second = placed.node.mapped();
  }
  tickets_.merge(w.created);
  if (w.updated != nullptr) apply(*w.updated, w.update);
  index_.erase(w.removed);
  index_.merge(w.added);
  last_work_ += static_cast<std::int64_t>(w.work.size());
  work_.merge(w.work);
  last_fee_ += static_cast<std::int64_t>(w.fees.size());
  fees_.merge(w.fees);
  last_notification_ += w.notifications;
}

}  // namespace tierdesk::store::memory
