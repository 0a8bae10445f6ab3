// SLA policies: which targets a ticket's clocks run against.
//
// A policy names its priorities (most urgent first) and categories, and gives targets per
// metric for a priority, a category, both, or every ticket. Each target is a business duration
// on a named calendar, so one policy runs Normal tickets on office hours and Critical ones on a
// 24/7 on-call calendar. The most specific row wins: (priority and category) over (category)
// over (priority) over (any). Statuses listed as pausing stop every customer clock while the
// ticket is in them; warning fractions (in permille) give the instants at which a host warns.
//
// Metrics: triage (the case has been assessed), response (first public agent reply),
// update (time allowed between public agent updates once the first response is out) and
// resolution. Operational-level targets (OLA) run per tier: the clock starts when the ticket
// enters the tier and stops when an agent there accepts or answers it.
//
//   SlaPolicySpec spec;                       // OneOffice, abridged
//   spec.priorities = {"critical", "high", "medium", "normal", "low"};
//   spec.default_priority = "normal";
//   spec.targets = {{.metric = Metric::triage, .within = 1h, .calendar = "office"},
//                   {.priority = "high", .metric = Metric::response, .within = 1h,
//                    .calendar = "office"},
//                   {.priority = "critical", .metric = Metric::response, .within = 1h}};  // 24/7
//   SlaPolicy policy = *SlaPolicy::compile(spec, {{"office", office_calendar}});
//   policy.priority_index("high") == 1
//
// compile() checks the spec once and builds an indexed form (names interned to small integers,
// a target table per metric × priority × category), so that computing clocks (sla.hpp) does no
// lookups by name beyond the events' own values and allocates nothing.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "tierdesk/calendar/calendar.hpp"
#include "tierdesk/base/error.hpp"
#include "tierdesk/sla/jourfixe.hpp"

namespace tierdesk {

namespace detail {
struct PolicyData;  // the compiled form, private to the library
}

// The customer-facing SLA metrics. Their order is the order of TicketClocks::clocks.
enum class Metric : std::uint8_t { triage, response, update, resolution };
inline constexpr std::size_t metric_count = 4;

// "triage", "response", "update", "resolution".
std::string_view to_string(Metric m) noexcept;
Result<Metric> parse_metric(std::string_view text);

// Which clock of a ticket: a customer metric ("response") or the OLA row of a tier
// ("ola:2nd level"). A value type with one spelling: stores, reports, alarms and escalation
// rules name clocks with it, and compare it, never the text. Ordered by its text, the order in
// which clocks are listed.
//
//   ClockId::of(Metric::response).str() == "response"
//   ClockId::ola("2nd level").str()      == "ola:2nd level"
//   *ClockId::parse("ola:2nd level")     == ClockId::ola("2nd level")
//   ClockId::parse("responce")           → invalid_argument "clock: got "responce", expected
//                                          triage, response, update, resolution or ola:TIER"
class ClockId {
 public:
  ClockId() : ClockId(Metric::response) {}
  static ClockId of(Metric metric) { return ClockId(metric); }
  // Errc::invalid_argument for an empty tier name.
  static Result<ClockId> ola(std::string_view tier);
  static Result<ClockId> parse(std::string_view text);

  bool is_ola() const noexcept { return text_.starts_with(ola_prefix); }
  // The metric; empty for an OLA clock.
  std::optional<Metric> metric() const noexcept;
  // The tier name of an OLA clock; empty for a metric.
  std::string_view tier() const noexcept;
  const std::string& str() const noexcept { return text_; }

  friend bool operator==(const ClockId&, const ClockId&) = default;
  friend auto operator<=>(const ClockId&, const ClockId&) = default;

  static constexpr std::string_view ola_prefix = "ola:";

 private:
  explicit ClockId(Metric metric) : text_(to_string(metric)) {}
  explicit ClockId(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

// What a reopened ticket does to its resolution clock.
enum class ReopenRule : std::uint8_t {
  continue_clock,  // resume with the business time already used
  restart,         // a new cycle from zero (earlier breaches stay counted)
};
std::string_view to_string(ReopenRule r) noexcept;  // "continue", "restart"

// One row of the target table. An empty priority or category matches every one; an empty
// calendar means 24/7 (UTC).
struct SlaTarget {
  std::string priority;
  std::string category;
  Metric metric = Metric::response;
  std::chrono::seconds within{0};
  std::string calendar;
  friend bool operator==(const SlaTarget&, const SlaTarget&) = default;
};

// An operational-level target: a ticket entering `tier` must be picked up there `within`.
struct OlaTarget {
  std::string tier;
  std::chrono::seconds within{0};
  std::string calendar;
  friend bool operator==(const OlaTarget&, const OlaTarget&) = default;
};

// A request category. `priority` raises tickets in it to at least that priority (roewaplan:
// security faults get the top priority); `tier` is the tier they go to directly, kept as
// policy data for ticket routing.
struct CategorySpec {
  std::string name;
  std::string priority;
  std::string tier;
  friend bool operator==(const CategorySpec&, const CategorySpec&) = default;
};

struct SlaPolicySpec {
  std::string name;
  std::vector<std::string> priorities;  // most urgent first
  std::string default_priority;         // a ticket's priority until an event sets one
  std::vector<CategorySpec> categories;
  std::vector<std::string> pause_statuses;
  std::vector<int> warnings_permille;  // ascending, each in 1 … 999, e.g. {750, 900}
  ReopenRule reopen = ReopenRule::continue_clock;
  bool customer_reply_restarts_update = false;
  std::vector<SlaTarget> targets;
  std::vector<OlaTarget> ola;
  std::optional<JourFixeSpec> jourfixe;
  friend bool operator==(const SlaPolicySpec&, const SlaPolicySpec&) = default;
};

// Calendars by the names a policy uses.
using CalendarSet = std::map<std::string, Calendar, std::less<>>;

inline constexpr std::size_t max_warnings = 3;
inline constexpr std::size_t max_ola = 3;

// A target resolved for one metric, priority and category.
struct ResolvedTarget {
  std::chrono::seconds within{0};  // zero: no target
  std::uint8_t calendar = 0;       // index into SlaPolicy::calendar()
  friend bool operator==(const ResolvedTarget&, const ResolvedTarget&) = default;
};

class SlaPolicy {
 public:
  // Validates `spec` against `calendars` and builds the indexed form. Errors name the field:
  // unknown priority, category or calendar names, duplicate names, targets that are not
  // positive, more than max_warnings warnings or max_ola OLA rows, conflicting rows.
  static Result<SlaPolicy> compile(SlaPolicySpec spec, const CalendarSet& calendars);

  const SlaPolicySpec& spec() const;

  // -1 when the name is unknown.
  int priority_index(std::string_view name) const noexcept;
  int category_index(std::string_view name) const noexcept;
  bool is_pause_status(std::string_view status) const noexcept;
  // The priority a ticket in `category` (-1: none) with its own `priority` is treated as.
  int effective_priority(int priority, int category) const noexcept;
  int default_priority() const noexcept;

  ResolvedTarget target(Metric m, int priority, int category) const noexcept;
  ResolvedTarget ola_target(std::size_t row) const noexcept;
  std::size_t ola_count() const noexcept;
  // The OLA row of `tier`, -1 when the policy has no target for it.
  int ola_index(std::string_view tier) const noexcept;

  // Calendar 0 is the 24/7 UTC calendar; the others are those the spec names.
  const Calendar& calendar(std::size_t index) const noexcept;
  std::string_view calendar_name(std::size_t index) const noexcept;
  std::span<const int> warnings_permille() const noexcept;
  const JourFixe* jourfixe() const noexcept;

 private:
  explicit SlaPolicy(std::shared_ptr<const detail::PolicyData> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const detail::PolicyData> impl_;
};

}  // namespace tierdesk

template <>
struct fmt::formatter<tierdesk::ClockId> : fmt::formatter<std::string_view> {
  template <class Context>
  auto format(const tierdesk::ClockId& id, Context& ctx) const {
    return fmt::formatter<std::string_view>::format(id.str(), ctx);
  }
};
