// MemoryStore queries: each reads one container or index range, in SqliteStore's order.
//
// Ranges start at a probe key whose reference is TicketRef{}: its empty prefix sorts before
// every stored reference (check_prefix refuses an empty one), so the probe comes before every
// key that shares its leading name or instant.
#include <algorithm>

#include <fmt/format.h>

#include "store/change_checks.hpp"
#include "store/memory_state.hpp"

namespace tierdesk::store::memory {
namespace {

Unexpected ticket_not_found(const TicketRef& ref) {
  return fail(Errc::not_found, fmt::format("ticket {}: not found", ref.str()));
}

bool matches(const Ticket& t, const TicketFilter& f) {
  return (!f.customer || t.customer == *f.customer) && (!f.contract || t.contract == *f.contract) &&
         (!f.status || t.status == *f.status) && (!f.tier || t.tier == *f.tier) &&
         (!f.assignee || t.assignee == *f.assignee) && (!f.open_only || is_open(t.status));
}

// Visits the references `index` keeps under `name`, in order, while `visit` returns true.
template <class Visit>
void for_each_named(const std::set<NamedRef>& index, std::string_view name, Visit visit) {
  for (auto it = index.lower_bound(NamedRef{std::string(name), {}});
       it != index.end() && it->first == name; ++it)
    if (!visit(it->second)) return;
}

// The first `limit` alarms of `kind` in `window`, in index order.
std::vector<ClockAlarm> alarms_of(const std::set<AlarmKey>& index, ClockAlarm::Kind kind,
                                  Segment<Instant> window, std::size_t limit) {
  std::vector<ClockAlarm> out;
  for (auto it = index.lower_bound(AlarmKey{kind, window.begin, {}, {}, 0});
       out.size() < limit && it != index.end() && it->kind == kind && it->at < window.end; ++it)
    out.push_back({it->ref, it->clock, kind, it->level, it->at});
  return out;
}

// The rows of `rows`, keyed by an instant first, whose instant is in `filter.started` (every
// row without it); `probe(t)` is the first possible key at instant t.
template <class Rows, class Probe>
auto started_range(const Rows& rows, const WorkFilter& filter, Probe probe) {
  if (!filter.started) return std::pair{rows.begin(), rows.end()};
  const auto first = rows.lower_bound(probe(filter.started->begin));
  if (filter.started->empty()) return std::pair{first, first};
  return std::pair{first, rows.lower_bound(probe(filter.started->end))};
}

bool row_matches(const WorkFilter& f, const TicketRef& ref, const std::string& customer,
                 const std::string& contract) {
  return (!f.customer || customer == *f.customer) && (!f.contract || contract == *f.contract) &&
         (!f.ref || ref == *f.ref);
}

}  // namespace

Result<const TicketRecord*> State::record(const TicketRef& ref) const {
  const auto found = tickets_.find(ref);
  if (found == tickets_.end()) return ticket_not_found(ref);
  return &found->second;
}

Result<Ticket> State::ticket(const TicketRef& ref) const {
  auto r = record(ref);
  if (!r) return fail(r.error());
  return (*r)->ticket;
}

std::optional<TicketRef> State::find_external(std::string_view external_id) const {
  const auto found = index_.external.find(external_id);
  if (found == index_.external.end()) return std::nullopt;
  return found->second;
}

Result<std::vector<HistoryEvent>> State::history(const TicketRef& ref) const {
  auto r = record(ref);
  if (!r) return fail(r.error());
  return (*r)->history;
}

std::vector<Ticket> State::tickets(const TicketFilter& f) const {
  std::vector<Ticket> out;
  const auto take = [&](const TicketRef& ref) {
    if (out.size() >= f.limit) return false;
    const Ticket& t = tickets_.at(ref).ticket;
    if (matches(t, f)) out.push_back(t);
    return true;
  };
  if (f.customer) {
    for_each_named(index_.customers, *f.customer, take);
    return out;
  }
  for (const auto& entry : tickets_)
    if (!take(entry.first)) break;
  return out;
}

Result<std::vector<ClockEntry>> State::clocks(const TicketRef& ref) const {
  auto r = record(ref);
  if (!r) return fail(r.error());
  return (*r)->clocks;
}

Result<std::vector<Notification>> State::notifications(const TicketRef& ref) const {
  auto r = record(ref);
  if (!r) return fail(r.error());
  return (*r)->notifications;
}

std::vector<ClockAlarm> State::alarms(Segment<Instant> window, AlarmFilter filter,
                                      std::size_t limit) const {
  auto due = alarms_of(index_.alarms, ClockAlarm::Kind::due, window, limit);
  if (filter == AlarmFilter::due_only) return due;
  auto warnings = alarms_of(index_.alarms, ClockAlarm::Kind::warning, window, limit);
  return store::merge_alarms(std::move(due), std::move(warnings), limit);
}

std::optional<Instant> State::next_alarm(Instant from, AlarmFilter filter) const {
  std::optional<Instant> next;
  for (const auto kind : {ClockAlarm::Kind::due, ClockAlarm::Kind::warning}) {
    if (kind == ClockAlarm::Kind::warning && filter == AlarmFilter::due_only) break;
    const auto it = index_.alarms.lower_bound(AlarmKey{kind, from, {}, {}, 0});
    if (it != index_.alarms.end() && it->kind == kind && (!next || it->at < *next)) next = it->at;
  }
  return next;
}

std::vector<Ticket> State::breached_open(std::size_t limit) const {
  std::vector<Ticket> out;
  for (auto it = index_.breached.begin(); it != index_.breached.end() && out.size() < limit; ++it)
    out.push_back(tickets_.at(*it).ticket);
  return out;
}

std::vector<Ticket> State::jourfixe_batch(std::string_view contract) const {
  std::vector<Ticket> out;
  for_each_named(index_.jourfixe, contract, [&](const TicketRef& ref) {
    out.push_back(tickets_.at(ref).ticket);
    return true;
  });
  return out;
}

std::optional<Reversal> State::reversal(const TicketRef& ref, std::int64_t entry) const {
  const auto& reversals = tickets_.at(ref).reversals;
  const auto found = reversals.find(entry);
  if (found == reversals.end()) return std::nullopt;
  return found->second;
}

Result<std::vector<WorkEntry>> State::work(const WorkFilter& filter) const {
  if (filter.ref && !tickets_.contains(*filter.ref)) return ticket_not_found(*filter.ref);
  std::vector<WorkEntry> out;
  // Row ids start at 1: (t, 0) is before every row of instant t.
  const auto [first, last] = started_range(work_, filter, [](Instant t) { return WorkKey{t, 0}; });
  for (auto it = first; it != last; ++it) {
    const WorkRow& row = it->second;
    if (!row_matches(filter, row.ref, row.customer, row.contract)) continue;
    out.push_back(row.entry);
    out.back().reversed = reversal(row.ref, row.entry.entry);
  }
  std::stable_sort(out.begin(), out.end(), work_order);
  return out;
}

Result<std::vector<StoredFee>> State::fees(const WorkFilter& filter) const {
  if (filter.ref && !tickets_.contains(*filter.ref)) return ticket_not_found(*filter.ref);
  std::vector<StoredFee> out;
  const auto [first, last] = started_range(fees_, filter, [](Instant t) {
    return FeeKey{t, {}, {}, 0};
  });
  for (auto it = first; it != last; ++it) {
    const auto& [key, row] = *it;
    if (!row_matches(filter, key.ref, row.customer, row.contract)) continue;
    out.push_back({key.ref, TicketFee{key.code, key.at, row.entry, reversal(key.ref, row.entry)}});
  }
  return out;
}

}  // namespace tierdesk::store::memory
