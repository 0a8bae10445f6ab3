// Checks of an SlaPolicySpec that need no calendars: names, warnings, target rows.
#include <algorithm>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "sla/policy_impl.hpp"
#include "tierdesk/sla/sla.hpp"

namespace tierdesk {
namespace {

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

Result<void> check_unique_names(const std::vector<std::string>& names, std::string_view field) {
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string where = fmt::format("{}[{}]", field, i);
    if (names[i].empty())
      return fail(Error::invalid(Errc::invalid_argument, where, "", "a non-empty name"));
    if (!seen.insert(names[i]).second)
      return fail(Error::invalid(Errc::conflict, where, names[i], "a name not listed before"));
  }
  return {};
}

Result<void> check_categories(const SlaPolicySpec& spec) {
  std::vector<std::string> names;
  for (const auto& c : spec.categories) names.push_back(c.name);
  if (auto ok = check_unique_names(names, "categories"); !ok) return ok;
  for (std::size_t i = 0; i < spec.categories.size(); ++i) {
    const auto& p = spec.categories[i].priority;
    if (!p.empty() && !contains(spec.priorities, p))
      return fail(Error::invalid(Errc::invalid_argument, fmt::format("categories[{}].priority", i),
                                 p, "one of the policy's priorities"));
  }
  return {};
}

Result<void> check_warnings(const std::vector<int>& permille) {
  if (permille.size() > max_warnings)
    return fail(Error::invalid(Errc::invalid_argument, "warnings",
                               fmt::format("{} fractions", permille.size()),
                               fmt::format("at most {}", max_warnings)));
  for (std::size_t i = 0; i < permille.size(); ++i) {
    const std::string where = fmt::format("warnings[{}]", i);
    if (permille[i] < 1 || permille[i] > 999)
      return fail(Error::invalid(Errc::invalid_argument, where,
                                 fmt::format("{} permille", permille[i]),
                                 "a fraction in 0.1% … 99.9%"));
    if (i > 0 && permille[i] <= permille[i - 1])
      return fail(Error::invalid(Errc::invalid_argument, where,
                                 fmt::format("{} permille", permille[i]),
                                 "fractions in ascending order"));
  }
  return {};
}

Result<void> check_targets(const SlaPolicySpec& spec) {
  std::set<std::tuple<std::string_view, std::string_view, Metric>> seen;
  for (std::size_t i = 0; i < spec.targets.size(); ++i) {
    const SlaTarget& t = spec.targets[i];
    const std::string where = fmt::format("targets[{}]", i);
    if (!t.priority.empty() && !contains(spec.priorities, t.priority))
      return fail(Error::invalid(Errc::invalid_argument, where + ".priority", t.priority,
                                 "one of the policy's priorities"));
    const bool known_category =
        std::any_of(spec.categories.begin(), spec.categories.end(),
                    [&](const CategorySpec& c) { return c.name == t.category; });
    if (!t.category.empty() && !known_category)
      return fail(Error::invalid(Errc::invalid_argument, where + ".category", t.category,
                                 "one of the policy's categories"));
    if (t.within <= std::chrono::seconds{0})
      return fail(Error::invalid(Errc::invalid_argument, where + ".within",
                                 fmt::format("{}s", t.within.count()), "a positive duration"));
    if (!seen.emplace(t.priority, t.category, t.metric).second)
      return fail(Error::invalid(Errc::conflict, where, to_string(t.metric),
                                 "one row per metric, priority and category"));
  }
  return {};
}

Result<void> check_ola(const SlaPolicySpec& spec) {
  if (spec.ola.size() > max_ola)
    return fail(Error::invalid(Errc::invalid_argument, "ola",
                               fmt::format("{} rows", spec.ola.size()),
                               fmt::format("at most {}", max_ola)));
  std::vector<std::string> tiers;
  for (const auto& o : spec.ola) tiers.push_back(o.tier);
  if (auto ok = check_unique_names(tiers, "ola[].tier"); !ok) return ok;
  for (std::size_t i = 0; i < spec.ola.size(); ++i) {
    if (spec.ola[i].within <= std::chrono::seconds{0})
      return fail(Error::invalid(Errc::invalid_argument, fmt::format("ola[{}].within", i),
                                 fmt::format("{}s", spec.ola[i].within.count()),
                                 "a positive duration"));
  }
  return {};
}

}  // namespace

Result<void> validate_policy_names(const SlaPolicySpec& spec) {
  if (spec.priorities.empty())
    return fail(
        Error::invalid(Errc::invalid_argument, "priorities", "[]", "at least one priority"));
  if (auto ok = check_unique_names(spec.priorities, "priorities"); !ok) return ok;
  if (!spec.default_priority.empty() && !contains(spec.priorities, spec.default_priority))
    return fail(Error::invalid(Errc::invalid_argument, "default_priority", spec.default_priority,
                               "one of the policy's priorities"));
  if (auto ok = check_categories(spec); !ok) return ok;
  if (auto ok = check_warnings(spec.warnings_permille); !ok) return ok;
  // A mistyped status ("pending_customer") would never pause a clock.
  for (std::size_t i = 0; i < spec.pause_statuses.size(); ++i)
    if (auto ok = check_ticket_status(fmt::format("pause_statuses[{}]", i), spec.pause_statuses[i]);
        !ok)
      return ok;
  if (auto ok = check_targets(spec); !ok) return ok;
  return check_ola(spec);
}

}  // namespace tierdesk
