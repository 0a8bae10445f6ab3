#include "tierdesk/calendar/calendar_json.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <system_error>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "calendar/json_nodes.hpp"
#include "base/json/civil.hpp"

namespace tierdesk {
namespace json {
namespace {

constexpr std::string_view every_day_shorthand = "24/7";

Result<WeeklySchedule> read_week(const Node& node) {
  WeeklySchedule week;
  if (node.value().is_string()) {
    if (*node.string() != every_day_shorthand) {
      return fail(
          node.invalid(Errc::invalid_argument, "an object of weekdays (mon … sun) or \"24/7\""));
    }
    for (auto& day : week.days) day = {{TimeOfDay::midnight(), TimeOfDay::end_of_day()}};
    return week;
  }
  auto days = node.object({"mon", "tue", "wed", "thu", "fri", "sat", "sun"});
  if (!days) return fail(days.error());
  for (unsigned d = 0; d < 7; ++d) {
    const std::chrono::weekday wd(d);
    if (auto day = days->optional(weekday_text(wd))) {
      auto hours = read_hours(*day);
      if (!hours) return fail(hours.error());
      week[wd] = *std::move(hours);
    }
  }
  return week;
}

Result<void> read_presets(const Node& node, std::vector<HolidayRule>& out) {
  auto codes = node.array();
  if (!codes) return fail(codes.error());
  for (const Node& element : *codes) {
    auto code = element.string();
    if (!code) return fail(code.error());
    auto rules = preset(*code);
    if (!rules) {
      return fail(element.invalid(
          rules.error().code(),
          fmt::format("a holiday preset code ({})", fmt::join(preset_codes(), ", "))));
    }
    out.insert(out.end(), rules->begin(), rules->end());
  }
  return {};
}

Result<DateOverride> read_override(const Node& node) {
  auto fields = node.object({"date", "hours"});
  if (!fields) return fail(fields.error());
  auto date = fields->required("date", read_date);
  if (!date) return fail(date.error());
  auto hours = fields->required("hours", read_hours);
  if (!hours) return fail(hours.error());
  return DateOverride{*date, *std::move(hours)};
}

Result<std::vector<DateOverride>> read_overrides(const Node& node) {
  auto elements = node.array();
  if (!elements) return fail(elements.error());
  std::vector<DateOverride> overrides;
  for (std::size_t i = 0; i < elements->size(); ++i) {
    auto o = read_override((*elements)[i]);
    if (!o) return fail(o.error());
    const auto same = std::find_if(overrides.begin(), overrides.end(),
                                   [&](const DateOverride& x) { return x.date == o->date; });
    if (same != overrides.end()) {
      const auto& first = (*elements)[static_cast<std::size_t>(same - overrides.begin())];
      return fail((*elements)[i].path().field("date").error(
          Errc::conflict, fmt::format("got \"{}\", expected a date not already in {}", o->date,
                                      first.path().label())));
    }
    overrides.push_back(*std::move(o));
  }
  std::stable_sort(overrides.begin(), overrides.end(),
                   [](const DateOverride& a, const DateOverride& b) { return a.date < b.date; });
  return overrides;
}

bool opens_at_all(const CalendarSpec& spec) {
  return !spec.week.empty() || std::any_of(spec.overrides.begin(), spec.overrides.end(),
                                           [](const DateOverride& o) { return !o.hours.empty(); });
}

}  // namespace

Result<CalendarSpec> read_calendar_spec(const Node& node) {
  auto fields = node.object({"name", "zone", "week", "holidays", "rules", "overrides"});
  if (!fields) return fail(fields.error());
  CalendarSpec spec;

  auto name = fields->required("name");
  if (!name) return fail(name.error());
  auto name_text = name->string();
  if (!name_text) return fail(name_text.error());
  if (name_text->empty()) return fail(name->invalid(Errc::invalid_argument, "a non-empty name"));
  spec.name = *name_text;

  auto zone = fields->required("zone");
  if (!zone) return fail(zone.error());
  auto zone_name = zone->string();
  if (!zone_name) return fail(zone_name.error());
  if (auto located = Zone::locate(*zone_name); !located) {
    return fail(
        zone->invalid(located.error().code(), "an IANA time zone name such as \"Europe/Berlin\""));
  }
  spec.zone = *zone_name;

  auto week = fields->required("week", read_week);
  if (!week) return fail(week.error());
  spec.week = *std::move(week);

  if (auto presets = fields->optional("holidays")) {
    if (auto read = read_presets(*presets, spec.holidays); !read) return fail(read.error());
  }
  auto rules = fields->optional_array("rules");
  if (!rules) return fail(rules.error());
  for (const Node& r : rules->value_or(std::vector<Node>{})) {
    auto rule = read_holiday_rule(r);
    if (!rule) return fail(rule.error());
    spec.holidays.push_back(*std::move(rule));
  }
  if (auto overrides = fields->optional("overrides")) {
    auto read = read_overrides(*overrides);
    if (!read) return fail(read.error());
    spec.overrides = *std::move(read);
  }

  if (!opens_at_all(spec)) {
    return fail(fields->path().field("week").error(
        Errc::never_opens,
        "no weekday has hours and no override adds any, so the calendar never opens"));
  }
  return spec;
}

}  // namespace json

Result<CalendarSpec> parse_calendar_spec(std::string_view text) {
  auto document = json::parse(text);
  if (!document) return fail(document.error());
  return json::read_calendar_spec(json::Node(*document));
}

Result<Calendar> load_calendar(std::string_view text) {
  auto spec = parse_calendar_spec(text);
  if (!spec) return fail(spec.error());
  return Calendar::compile(*std::move(spec));
}

Result<Calendar> load_calendar_file(const std::filesystem::path& path) {
  auto text = json::read_config_file(path);
  if (!text) return fail(text.error());
  auto calendar = load_calendar(*text);
  if (!calendar) return fail(calendar.error().within(path.string()));
  return calendar;
}

}  // namespace tierdesk
