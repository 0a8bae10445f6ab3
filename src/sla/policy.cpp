// SlaPolicy::compile and the indexed lookups the clock engine uses.
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "sla/policy_impl.hpp"

namespace tierdesk {
namespace {

int index_of(const std::vector<std::string>& names, std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<int>(i);
  return -1;
}

Result<std::uint8_t> calendar_index(const detail::PolicyData& impl, std::string_view name,
                                    std::string_view field) {
  if (name.empty()) return std::uint8_t{0};
  const int i = index_of(impl.calendar_names, name);
  if (i < 0) {
    std::string known;
    for (std::size_t k = 1; k < impl.calendar_names.size(); ++k)
      known += fmt::format("{}\"{}\"", k > 1 ? ", " : "", impl.calendar_names[k]);
    return fail(Error::invalid(
        Errc::not_found, field, name,
        fmt::format("a calendar of the policy ({})", known.empty() ? "none given" : known)));
  }
  return static_cast<std::uint8_t>(i);
}

// How specific a row is for (priority, category); -1 when it does not apply.
int specificity(const SlaTarget& row, std::string_view priority, std::string_view category) {
  if (!row.priority.empty() && row.priority != priority) return -1;
  if (!row.category.empty() && row.category != category) return -1;
  return (row.category.empty() ? 0 : 2) + (row.priority.empty() ? 0 : 1);
}

Result<void> build_targets(detail::PolicyData& impl) {
  const SlaPolicySpec& spec = impl.spec;
  std::vector<std::uint8_t> row_calendar;
  for (std::size_t r = 0; r < spec.targets.size(); ++r) {
    auto cal =
        calendar_index(impl, spec.targets[r].calendar, fmt::format("targets[{}].calendar", r));
    if (!cal) return fail(cal.error());
    row_calendar.push_back(*cal);
  }
  impl.targets.assign(metric_count * spec.priorities.size() * (spec.categories.size() + 1), {});
  for (std::size_t m = 0; m < metric_count; ++m) {
    for (std::size_t p = 0; p < spec.priorities.size(); ++p) {
      for (int c = -1; c < static_cast<int>(spec.categories.size()); ++c) {
        const std::string_view cat = c < 0 ? std::string_view{} : spec.categories[c].name;
        int best = -1;
        for (std::size_t r = 0; r < spec.targets.size(); ++r) {
          const SlaTarget& row = spec.targets[r];
          if (static_cast<std::size_t>(row.metric) != m) continue;
          const int s = specificity(row, spec.priorities[p], cat);
          if (s < 0 || (best >= 0 && s <= specificity(spec.targets[best], spec.priorities[p], cat)))
            continue;
          best = static_cast<int>(r);
        }
        if (best < 0) continue;
        impl.targets[impl.target_slot(static_cast<Metric>(m), static_cast<int>(p), c)] =
            ResolvedTarget{spec.targets[best].within, row_calendar[best]};
      }
    }
  }
  return {};
}

}  // namespace

Result<SlaPolicy> SlaPolicy::compile(SlaPolicySpec spec, const CalendarSet& calendars) {
  if (auto ok = validate_policy_names(spec); !ok) return fail(ok.error());
  if (calendars.size() > 254)
    return fail(Error::invalid(Errc::invalid_argument, "calendars",
                               fmt::format("{} calendars", calendars.size()), "at most 254"));
  auto impl = std::make_shared<detail::PolicyData>();
  impl->calendars.push_back(Calendar::always_open());
  impl->calendar_names.emplace_back();
  for (const auto& [name, cal] : calendars) {
    if (name.empty())
      return fail(Error::invalid(Errc::invalid_argument, "calendars", "", "a non-empty name"));
    impl->calendars.push_back(cal);
    impl->calendar_names.push_back(name);
  }
  impl->spec = std::move(spec);
  const SlaPolicySpec& s = impl->spec;
  impl->default_priority = s.default_priority.empty() ? static_cast<int>(s.priorities.size()) - 1
                                                      : index_of(s.priorities, s.default_priority);
  for (const auto& c : s.categories)
    impl->category_priority.push_back(c.priority.empty() ? -1 : index_of(s.priorities, c.priority));
  if (auto ok = build_targets(*impl); !ok) return fail(ok.error());
  for (std::size_t i = 0; i < s.ola.size(); ++i) {
    auto cal = calendar_index(*impl, s.ola[i].calendar, fmt::format("ola[{}].calendar", i));
    if (!cal) return fail(cal.error());
    impl->ola.push_back(ResolvedTarget{s.ola[i].within, *cal});
  }
  if (s.jourfixe) {
    auto cal = calendar_index(*impl, s.jourfixe->calendar, "jourfixe.calendar");
    if (!cal) return fail(cal.error());
    auto jf = JourFixe::compile(*s.jourfixe, impl->calendars[*cal]);
    if (!jf) return fail(jf.error().within("jourfixe"));
    impl->jourfixe = std::move(*jf);
  }
  return SlaPolicy(std::move(impl));
}

const SlaPolicySpec& SlaPolicy::spec() const { return impl_->spec; }

int SlaPolicy::priority_index(std::string_view name) const noexcept {
  return index_of(impl_->spec.priorities, name);
}

int SlaPolicy::category_index(std::string_view name) const noexcept {
  const auto& cats = impl_->spec.categories;
  for (std::size_t i = 0; i < cats.size(); ++i)
    if (cats[i].name == name) return static_cast<int>(i);
  return -1;
}

bool SlaPolicy::is_pause_status(std::string_view status) const noexcept {
  return index_of(impl_->spec.pause_statuses, status) >= 0;
}

int SlaPolicy::effective_priority(int priority, int category) const noexcept {
  if (category < 0) return priority;
  const int floor = impl_->category_priority[static_cast<std::size_t>(category)];
  return floor >= 0 && floor < priority ? floor : priority;
}

int SlaPolicy::default_priority() const noexcept { return impl_->default_priority; }

ResolvedTarget SlaPolicy::target(Metric m, int priority, int category) const noexcept {
  return impl_->targets[impl_->target_slot(m, priority, category)];
}

ResolvedTarget SlaPolicy::ola_target(std::size_t row) const noexcept { return impl_->ola[row]; }
std::size_t SlaPolicy::ola_count() const noexcept { return impl_->ola.size(); }

int SlaPolicy::ola_index(std::string_view tier) const noexcept {
  const auto& rows = impl_->spec.ola;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (rows[i].tier == tier) return static_cast<int>(i);
  return -1;
}

const Calendar& SlaPolicy::calendar(std::size_t index) const noexcept {
  return impl_->calendars[index];
}

std::string_view SlaPolicy::calendar_name(std::size_t index) const noexcept {
  return impl_->calendar_names[index];
}

std::span<const int> SlaPolicy::warnings_permille() const noexcept {
  return impl_->spec.warnings_permille;
}

const JourFixe* SlaPolicy::jourfixe() const noexcept {
  return impl_->jourfixe ? &*impl_->jourfixe : nullptr;
}

}  // namespace tierdesk
