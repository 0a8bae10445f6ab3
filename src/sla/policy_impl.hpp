// The compiled form of an SlaPolicy: names interned to indexes, targets in a flat table.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tierdesk/sla/jourfixe.hpp"
#include "tierdesk/sla/sla_policy.hpp"

namespace tierdesk {

namespace detail {

struct PolicyData {
  SlaPolicySpec spec;
  std::vector<Calendar> calendars;          // [0] is 24/7 UTC
  std::vector<std::string> calendar_names;  // [0] is ""
  std::vector<int> category_priority;       // per category: the priority it raises to, or -1
  int default_priority = 0;
  // targets[(metric * priorities + priority) * (categories + 1) + category + 1]
  std::vector<ResolvedTarget> targets;
  std::vector<ResolvedTarget> ola;
  std::optional<JourFixe> jourfixe;

  std::size_t target_slot(Metric m, int priority, int category) const {
    const std::size_t cats = spec.categories.size() + 1;
    return (static_cast<std::size_t>(m) * spec.priorities.size() +
            static_cast<std::size_t>(priority)) *
               cats +
           static_cast<std::size_t>(category + 1);
  }
};

}  // namespace detail

// Checks the names, warnings and rows of `spec` on their own (no calendars involved).
Result<void> validate_policy_names(const SlaPolicySpec& spec);

}  // namespace tierdesk
