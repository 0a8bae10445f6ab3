// The stable names of the SLA enums, as the JSON formats and the CLI spell them.
#include <array>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tierdesk/sla/sla.hpp"
#include "tierdesk/sla/sla_policy.hpp"

namespace tierdesk {
namespace {

constexpr std::array<std::string_view, metric_count> metric_names{"triage", "response", "update",
                                                                  "resolution"};

constexpr std::array<std::string_view, 6> status_names{"new",      "open",     "pending-customer",
                                                       "on-hold",  "resolved", "closed"};

constexpr std::array<std::string_view, 15> event_names{"created",
                                                       "status",
                                                       "priority",
                                                       "category",
                                                       "tier",
                                                       "agent_public_reply",
                                                       "agent_internal_note",
                                                       "customer_reply",
                                                       "triaged",
                                                       "accepted",
                                                       "resolved",
                                                       "reopened",
                                                       "closed",
                                                       "queued_for_jourfixe",
                                                       "urgent"};

constexpr std::array<std::string_view, 6> state_names{"inactive", "pending", "running",
                                                      "paused",   "met",     "breached"};

std::string one_of(std::span<const std::string_view> names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += fmt::format("{}\"{}\"", i == 0 ? "one of " : ", ", names[i]);
  return out;
}

}  // namespace

std::string_view to_string(Metric m) noexcept { return metric_names[static_cast<std::size_t>(m)]; }

Result<Metric> parse_metric(std::string_view text) {
  for (std::size_t i = 0; i < metric_names.size(); ++i)
    if (metric_names[i] == text) return static_cast<Metric>(i);
  return fail(Error::invalid(Errc::invalid_argument, "metric", text, one_of(metric_names)));
}

Result<ClockId> ClockId::ola(std::string_view tier) {
  if (tier.empty()) return fail(Errc::invalid_argument, "clock: an OLA clock needs a tier name");
  return ClockId(std::string(ola_prefix) + std::string(tier));
}

Result<ClockId> ClockId::parse(std::string_view text) {
  if (text.starts_with(ola_prefix)) return ola(text.substr(ola_prefix.size()));
  if (auto m = parse_metric(text)) return ClockId(*m);
  return fail(Error::invalid(Errc::invalid_argument, "clock", text,
                             "triage, response, update, resolution or ola:TIER"));
}

std::optional<Metric> ClockId::metric() const noexcept {
  if (is_ola()) return std::nullopt;
  auto m = parse_metric(text_);
  return m ? std::optional<Metric>(*m) : std::nullopt;
}

std::string_view ClockId::tier() const noexcept {
  return is_ola() ? std::string_view(text_).substr(ola_prefix.size()) : std::string_view();
}

std::string_view to_string(ReopenRule r) noexcept {
  return r == ReopenRule::restart ? "restart" : "continue";
}

std::string_view to_string(EventKind k) noexcept {
  return event_names[static_cast<std::size_t>(k)];
}

Result<EventKind> parse_event_kind(std::string_view text) {
  for (std::size_t i = 0; i < event_names.size(); ++i)
    if (event_names[i] == text) return static_cast<EventKind>(i);
  return fail(Error::invalid(Errc::invalid_argument, "type", text, one_of(event_names)));
}

std::string_view to_string(ClockState s) noexcept {
  return state_names[static_cast<std::size_t>(s)];
}

Result<ClockState> parse_clock_state(std::string_view text) {
  for (std::size_t i = 0; i < state_names.size(); ++i)
    if (state_names[i] == text) return static_cast<ClockState>(i);
  return fail(Error::invalid(Errc::invalid_argument, "clock state", text, one_of(state_names)));
}

static_assert(event_names.size() == static_cast<std::size_t>(EventKind::urgent) + 1);
static_assert(state_names.size() == static_cast<std::size_t>(ClockState::breached) + 1);

std::span<const std::string_view> ticket_status_names() noexcept { return status_names; }

Result<void> check_ticket_status(std::string_view field, std::string_view status) {
  for (auto name : status_names)
    if (name == status) return {};
  return fail(Error::invalid(Errc::invalid_argument, field, status,
                             fmt::format("a ticket status: {}", fmt::join(status_names, ", "))));
}

}  // namespace tierdesk
