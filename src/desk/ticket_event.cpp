// History event kinds and their stable names.
#include "tierdesk/desk/ticket_event.hpp"

#include <array>

#include <fmt/format.h>

namespace tierdesk {
namespace {

// The first fifteen are the SLA engine's names for its EventKind (sla.hpp), in its order.
constexpr std::array<std::string_view, 22> kind_names{
    "created",        "status",          "priority",
    "category",       "tier",            "agent_public_reply",
    "agent_internal_note", "customer_reply", "triaged",
    "accepted",       "resolved",        "reopened",
    "closed",         "queued_for_jourfixe", "urgent",
    "assigned",       "flagged",         "notified",
    "jourfixe_carried_over", "work_logged", "fee_charged", "entry_reversed"};
static_assert(static_cast<std::size_t>(HistoryKind::entry_reversed) + 1 == kind_names.size());

}  // namespace

std::string_view to_string(HistoryKind k) noexcept {
  return kind_names[static_cast<std::size_t>(k)];
}

Result<HistoryKind> parse_history_kind(std::string_view text) {
  for (std::size_t i = 0; i < kind_names.size(); ++i)
    if (kind_names[i] == text) return static_cast<HistoryKind>(i);
  return fail(Error::invalid(Errc::invalid_argument, "kind", text,
                             "an event kind such as \"created\" or \"status\""));
}

std::string_view HistoryEvent::get(std::string_view key) const {
  const auto it = payload.find(key);
  return it == payload.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace tierdesk
