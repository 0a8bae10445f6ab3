#include "store/change_checks.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace tierdesk::store {

Result<void> check_events(const TicketChange& change, std::int64_t first_seq) {
  if (change.events.empty())
    return fail(Errc::invalid_argument, "events: a change needs at least one event");
  for (std::size_t i = 0; i < change.events.size(); ++i) {
    const auto expected = first_seq + static_cast<std::int64_t>(i);
    if (change.events[i].seq != expected)
      return fail(Errc::invalid_argument, fmt::format("events[{}].seq: got {}, expected {}", i,
                                                      change.events[i].seq, expected));
    if (expected > max_event_seq)
      return fail(Errc::invalid_argument,
                  fmt::format("events[{}].seq: got {}, the store keeps up to {} events a ticket", i,
                              expected, max_event_seq));
  }
  if (change.state.version != first_seq - 1 + static_cast<std::int64_t>(change.events.size()))
    return fail(Errc::invalid_argument,
                fmt::format("state.version: got {}, expected {}", change.state.version,
                            first_seq - 1 + static_cast<std::int64_t>(change.events.size())));
  return {};
}

Result<void> check_work(const TicketChange& change, const std::string& ref) {
  for (std::size_t i = 0; i < change.work.size(); ++i) {
    const auto& entry = change.work[i];
    const auto where = fmt::format("work[{}]", i);
    if (!entry.ticket.empty() && !ref.empty() && entry.ticket != ref)
      return fail(Error::invalid(Errc::invalid_argument, where + ".ticket", entry.ticket, ref));
    WorkEntry checked = entry;
    if (checked.ticket.empty()) checked.ticket = ref.empty() ? "new ticket" : ref;
    if (auto ok = validate(checked); !ok) return fail(ok.error().within(where));
  }
  for (std::size_t i = 0; i < change.fees.size(); ++i)
    if (change.fees[i].code.empty())
      return fail(Errc::invalid_argument, fmt::format("fees[{}].code: must not be empty", i));
  return {};
}

Result<std::vector<std::int64_t>> entries_of(const TicketChange& change, HistoryKind kind,
                                             std::size_t rows, std::string_view what) {
  std::vector<std::int64_t> seqs;
  for (const auto& e : change.events)
    if (e.kind == kind) seqs.push_back(e.seq);
  if (seqs.size() != rows)
    return fail(Errc::invalid_argument, fmt::format("{}: {} row(s) but {} {} event(s)", what, rows,
                                                    seqs.size(), to_string(kind)));
  return seqs;
}

Result<void> check_warnings(const std::vector<Instant>& warnings) {
  if (warnings.size() > max_warnings)
    return fail(Errc::invalid_argument,
                fmt::format("clocks.warnings: {} warnings, the store keeps up to {}",
                            warnings.size(), max_warnings));
  return {};
}

std::vector<ClockAlarm> merge_alarms(std::vector<ClockAlarm> due,
                                     std::vector<ClockAlarm> warnings, std::size_t limit) {
  // Both lists are in order; merged by instant, warnings before dues at the same instant.
  std::vector<ClockAlarm> out;
  out.reserve(std::min(limit, due.size() + warnings.size()));
  auto d = due.begin();
  auto w = warnings.begin();
  while (out.size() < limit && (d != due.end() || w != warnings.end())) {
    const bool take_warning = d == due.end() || (w != warnings.end() && w->at <= d->at);
    out.push_back(std::move(take_warning ? *w++ : *d++));
  }
  return out;
}

}  // namespace tierdesk::store
