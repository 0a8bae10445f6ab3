// The current state of a ticket as a pure fold over its history.
#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "tierdesk/desk/ticket.hpp"
#include "tierdesk/desk/ticket_event.hpp"

namespace tierdesk {
namespace {

Error bad(const HistoryEvent& e, std::int64_t position, std::string_view why) {
  return Error(Errc::invalid_event, fmt::format("history[{}] ({} at {}): {}", position,
                                                to_string(e.kind), format_utc(e.at), why));
}

Result<void> move(Ticket& t, TicketStatus to, const HistoryEvent& e, std::int64_t position) {
  if (auto ok = check_transition(t.status, to); !ok) return fail(bad(e, position, ok.error().message()));
  t.status = to;
  return {};
}

Result<void> apply_created(Ticket& t, const HistoryEvent& e, std::int64_t position) {
  for (std::string_view key : {"customer", "contract"})
    if (e.get(key).empty()) return fail(bad(e, position, fmt::format("payload.{} is missing", key)));
  auto channel = parse_channel(e.get("channel"));
  if (!channel) return fail(bad(e, position, channel.error().message()));
  int tier = min_tier;
  if (auto text = e.get("tier"); !text.empty()) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), tier);
    if (ec != std::errc() || end != text.data() + text.size() || tier < min_tier || tier > max_tier)
      return fail(bad(e, position, fmt::format("payload.tier: got \"{}\", expected 1, 2 or 3", text)));
  }
  t.customer = e.get("customer");
  t.contract = e.get("contract");
  t.channel = *channel;
  t.category = e.get("category");
  t.priority = e.get("priority");
  t.tier = tier;
  t.assignee = e.get("assignee");
  t.subject = e.get("subject");
  t.external_id = e.get("external_id");
  t.status = TicketStatus::new_ticket;
  t.created_at = e.at;
  return {};
}

Result<void> apply_status(Ticket& t, const HistoryEvent& e, std::int64_t position) {
  auto to = parse_status(e.value);
  if (!to) return fail(bad(e, position, to.error().message()));
  if (*to == TicketStatus::resolved || *to == TicketStatus::closed ||
      t.status == TicketStatus::resolved)
    return fail(bad(e, position, "resolving, closing and reopening have their own event kinds"));
  return move(t, *to, e, position);
}

}  // namespace

Result<void> apply(Ticket& t, const HistoryEvent& e, std::int64_t position) {
  if (e.seq != position) return fail(bad(e, position, fmt::format("seq is {}", e.seq)));
  if (position == 1 && e.kind != HistoryKind::created)
    return fail(bad(e, position, "a history starts with created"));
  if (position > 1) {
    if (e.kind == HistoryKind::created) return fail(bad(e, position, "created twice"));
    if (e.at < t.updated_at)
      return fail(bad(e, position, fmt::format("goes back in time from {}", format_utc(t.updated_at))));
    if (t.status == TicketStatus::closed && !is_billing_kind(e.kind))
      return fail(bad(e, position, "the ticket is closed"));
  }
  Result<void> ok;
  switch (e.kind) {
    case HistoryKind::created: ok = apply_created(t, e, position); break;
    case HistoryKind::status: ok = apply_status(t, e, position); break;
    case HistoryKind::resolved:
      ok = move(t, TicketStatus::resolved, e, position);
      t.jourfixe = false;
      break;
    case HistoryKind::reopened:
      if (t.status != TicketStatus::resolved) return fail(bad(e, position, "the ticket is not resolved"));
      ok = move(t, TicketStatus::open, e, position);
      break;
    case HistoryKind::closed: ok = move(t, TicketStatus::closed, e, position); break;
    case HistoryKind::priority:
    case HistoryKind::category:
      if (e.value.empty()) return fail(bad(e, position, "value is empty"));
      (e.kind == HistoryKind::priority ? t.priority : t.category) = e.value;
      break;
    case HistoryKind::tier:
      if (e.value.size() != 1 || e.value[0] < '1' || e.value[0] > '3')
        return fail(bad(e, position, fmt::format("tier: got \"{}\", expected 1, 2 or 3", e.value)));
      t.tier = e.value[0] - '0';
      break;
    case HistoryKind::assigned: t.assignee = e.value; break;
    case HistoryKind::flagged:
      if (e.value.empty()) return fail(bad(e, position, "value is empty"));
      if (!t.has_flag(e.value)) {
        t.flags.push_back(e.value);
        std::ranges::sort(t.flags);
      }
      break;
    case HistoryKind::queued_for_jourfixe: t.jourfixe = true; break;
    case HistoryKind::urgent: t.jourfixe = false; break;
    case HistoryKind::jourfixe_carried_over:
      if (!t.jourfixe) return fail(bad(e, position, "the ticket is not queued for the JourFixe"));
      break;
    case HistoryKind::agent_public_reply:
    case HistoryKind::agent_internal_note:
    case HistoryKind::customer_reply:
    case HistoryKind::triaged:
    case HistoryKind::accepted:
    case HistoryKind::notified:
    case HistoryKind::work_logged:
    case HistoryKind::fee_charged:
    case HistoryKind::entry_reversed: break;
  }
  if (!ok) return ok;
  t.updated_at = e.at;
  t.version = position;
  return {};
}

Result<Ticket> fold(const TicketRef& ref, std::span<const HistoryEvent> history) {
  if (history.empty())
    return fail(Errc::invalid_event, fmt::format("history of {}: empty", ref.str()));
  Ticket t;
  t.ref = ref;
  for (std::size_t i = 0; i < history.size(); ++i)
    if (auto ok = apply(t, history[i], static_cast<std::int64_t>(i) + 1); !ok) return fail(ok.error());
  return t;
}

}  // namespace tierdesk
