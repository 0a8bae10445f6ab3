// Reading SLA policy documents (docs/sla.md, "Policy files") with the shared JSON reader.
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "calendar/json_nodes.hpp"
#include "base/json/civil.hpp"
#include "base/json/reader.hpp"
#include "sla/policy_json.hpp"
#include "tierdesk/calendar/calendar_json.hpp"
#include "tierdesk/sla/sla_json.hpp"

namespace tierdesk {
namespace {

using json::Node;
using json::ObjectReader;

Result<std::vector<std::string>> read_names(const Node& node) {
  auto items = node.array();
  if (!items) return fail(items.error());
  std::vector<std::string> out;
  for (const Node& item : *items) {
    auto s = item.string();
    if (!s) return fail(s.error());
    out.emplace_back(*s);
  }
  return out;
}

Result<std::chrono::seconds> read_duration(const Node& node) {
  auto s = node.string();
  if (!s) return fail(s.error());
  auto d = parse_duration(*s);
  if (!d)
    return fail(node.invalid(Errc::invalid_argument,
                             "a positive duration such as \"1h\", "
                             "\"30m\", \"1h30m\" or \"90s\""));
  return d;
}

// "75%" → 750, "87.5%" → 875.
Result<int> read_fraction(const Node& node) {
  auto s = node.string();
  if (!s) return fail(s.error());
  const auto bad = [&] {
    return fail(node.invalid(Errc::invalid_argument, "a percentage such as \"75%\" or \"87.5%\""));
  };
  std::string_view t = *s;
  if (t.size() < 2 || t.back() != '%') return bad();
  t.remove_suffix(1);
  int permille = 0;
  std::size_t i = 0;
  for (; i < t.size() && t[i] != '.'; ++i) {
    if (t[i] < '0' || t[i] > '9' || i >= 3) return bad();
    permille = permille * 10 + (t[i] - '0');
  }
  if (i == 0) return bad();
  permille *= 10;
  if (i < t.size()) {
    if (t.size() != i + 2 || t[i + 1] < '0' || t[i + 1] > '9') return bad();
    permille += t[i + 1] - '0';
  }
  return permille;
}

// A calendar file name (relative to `base_dir`) or an inline calendar object.
Result<Calendar> read_calendar(const Node& item, const std::filesystem::path& base_dir) {
  if (item.value().is_string()) {
    auto cal = load_calendar_file(base_dir / std::string(item.value().as_string()));
    if (!cal) return fail(cal.error().within(item.path().label()));
    return cal;
  }
  auto spec = json::read_calendar_spec(item);
  if (!spec) return fail(spec.error());
  auto cal = Calendar::compile(*std::move(spec));
  if (!cal) return fail(item.path().within(cal.error()));
  return cal;
}

Result<CalendarSet> read_calendars(const Node& node, const std::filesystem::path& base_dir) {
  if (!node.value().is_object()) return fail(node.invalid(Errc::invalid_argument, "an object"));
  CalendarSet out;
  for (const auto& entry : node.value().as_object()) {
    const Node item(entry.value(), node.path().field(entry.key()));
    auto cal = read_calendar(item, base_dir);
    if (!cal) return fail(cal.error());
    out.emplace(std::string(entry.key()), *std::move(cal));
  }
  return out;
}

Result<void> read_target_row(const Node& node, std::vector<SlaTarget>& out) {
  auto row = node.object(
      {"priority", "category", "calendar", "triage", "response", "update", "resolution"});
  if (!row) return fail(row.error());
  SlaTarget base;
  for (auto [key, field] :
       {std::pair{"priority", &base.priority}, std::pair{"category", &base.category},
        std::pair{"calendar", &base.calendar}}) {
    auto v = row->optional_string(key);
    if (!v) return fail(v.error());
    if (*v) *field = std::string(**v);
  }
  bool any = false;
  for (Metric m : {Metric::triage, Metric::response, Metric::update, Metric::resolution}) {
    auto within = row->optional(to_string(m), read_duration);
    if (!within) return fail(within.error());
    if (!*within) continue;
    SlaTarget t = base;
    t.metric = m;
    t.within = **within;
    out.push_back(std::move(t));
    any = true;
  }
  if (!any)
    return fail(node.path().error(Errc::missing_field,
                                  "a target row needs at least one of triage, response, update, "
                                  "resolution"));
  return {};
}

Result<CategorySpec> read_category(const Node& node) {
  auto obj = node.object({"name", "priority", "tier", "description"});
  if (!obj) return fail(obj.error());
  CategorySpec c;
  auto name = obj->required_string("name");
  if (!name) return fail(name.error());
  c.name = std::string(*name);
  auto priority = obj->optional_string("priority");
  if (!priority) return fail(priority.error());
  if (*priority) c.priority = std::string(**priority);
  auto tier = obj->optional_string("tier");
  if (!tier) return fail(tier.error());
  if (*tier) c.tier = std::string(**tier);
  return c;
}

Result<OlaTarget> read_ola(const Node& node) {
  auto obj = node.object({"tier", "within", "calendar"});
  if (!obj) return fail(obj.error());
  OlaTarget o;
  auto tier = obj->required_string("tier");
  if (!tier) return fail(tier.error());
  o.tier = std::string(*tier);
  auto within = obj->required("within", read_duration);
  if (!within) return fail(within.error());
  o.within = *within;
  auto cal = obj->optional_string("calendar");
  if (!cal) return fail(cal.error());
  if (*cal) o.calendar = std::string(**cal);
  return o;
}

Result<JourFixeSpec> read_jourfixe(const Node& node) {
  auto obj = node.object({"anchor", "at", "every_weeks", "calendar"});
  if (!obj) return fail(obj.error());
  JourFixeSpec j;
  auto anchor = obj->required("anchor", json::read_date);
  if (!anchor) return fail(anchor.error());
  j.anchor = *anchor;
  auto at = obj->required("at", json::read_time_of_day);
  if (!at) return fail(at.error());
  j.at = *at;
  // Range-checked as read: 4294967298 used to be taken as 2 by the conversion to int.
  auto weeks = obj->optional("every_weeks", [](const Node& n) { return n.integer(1, 52); });
  if (!weeks) return fail(weeks.error());
  j.every_weeks = static_cast<int>(weeks->value_or(1));
  auto cal = obj->optional_string("calendar");
  if (!cal) return fail(cal.error());
  if (*cal) j.calendar = std::string(**cal);
  return j;
}

template <class T, class Read>
Result<void> read_list(const ObjectReader& obj, std::string_view key, Read read,
                       std::vector<T>& out) {
  auto items = obj.optional_array(key);
  if (!items) return fail(items.error());
  if (!*items) return {};
  for (const Node& item : **items) {
    auto v = read(item);
    if (!v) return fail(v.error());
    out.push_back(*std::move(v));
  }
  return {};
}

Result<SlaPolicySpec> read_policy_fields(const ObjectReader& obj) {
  SlaPolicySpec s;
  auto name = obj.required_string("name");
  if (!name) return fail(name.error());
  s.name = std::string(*name);
  auto priorities = obj.required("priorities", read_names);
  if (!priorities) return fail(priorities.error());
  s.priorities = *std::move(priorities);
  auto def = obj.optional_string("default_priority");
  if (!def) return fail(def.error());
  if (*def) s.default_priority = std::string(**def);
  auto pauses = obj.optional("pause_statuses", read_names);
  if (!pauses) return fail(pauses.error());
  if (*pauses) s.pause_statuses = **std::move(pauses);
  if (auto ok = read_list(obj, "categories", read_category, s.categories); !ok)
    return fail(ok.error());
  if (auto ok = read_list(obj, "warnings", read_fraction, s.warnings_permille); !ok)
    return fail(ok.error());
  if (auto ok = read_list(obj, "ola", read_ola, s.ola); !ok) return fail(ok.error());
  auto reopen = obj.optional_string("reopen");
  if (!reopen) return fail(reopen.error());
  if (*reopen && **reopen != "continue" && **reopen != "restart")
    return fail(
        obj.optional("reopen")->invalid(Errc::invalid_argument, "\"continue\" or \"restart\""));
  if (*reopen && **reopen == "restart") s.reopen = ReopenRule::restart;
  auto restarts = obj.optional_bool("customer_reply_restarts_update");
  if (!restarts) return fail(restarts.error());
  s.customer_reply_restarts_update = restarts->value_or(false);
  auto rows = obj.required_array("targets");
  if (!rows) return fail(rows.error());
  for (const Node& row : *rows)
    if (auto ok = read_target_row(row, s.targets); !ok) return fail(ok.error());
  auto jf = obj.optional("jourfixe", read_jourfixe);
  if (!jf) return fail(jf.error());
  s.jourfixe = *std::move(jf);
  return s;
}

}  // namespace

Result<SlaPolicy> load_policy(std::string_view text, const std::filesystem::path& base_dir) {
  auto doc = json::parse(text);
  if (!doc) return fail(doc.error());
  const Node root(*doc);
  auto obj = root.object({"name", "description", "calendars", "priorities", "default_priority",
                          "categories", "pause_statuses", "warnings", "reopen",
                          "customer_reply_restarts_update", "targets", "ola", "jourfixe"});
  if (!obj) return fail(obj.error());
  auto spec = read_policy_fields(*obj);
  if (!spec) return fail(spec.error());
  CalendarSet calendars;
  if (auto node = obj->optional("calendars")) {
    auto read = read_calendars(*node, base_dir);
    if (!read) return fail(read.error());
    calendars = *std::move(read);
  }
  return SlaPolicy::compile(*std::move(spec), calendars);
}

namespace json {

Result<SlaPolicy> read_embedded_policy(const Node& node, const CalendarSet& calendars) {
  auto obj = node.object({"name", "description", "priorities", "default_priority", "categories",
                          "pause_statuses", "warnings", "reopen",
                          "customer_reply_restarts_update", "targets", "ola", "jourfixe"});
  if (!obj) return fail(obj.error());
  auto spec = read_policy_fields(*obj);
  if (!spec) return fail(spec.error());
  auto policy = SlaPolicy::compile(*std::move(spec), calendars);
  if (!policy) return fail(node.path().within(policy.error()));
  return policy;
}

}  // namespace json

Result<SlaPolicy> load_policy_file(const std::filesystem::path& path) {
  auto text = json::read_config_file(path);
  if (!text) return fail(text.error());
  auto policy = load_policy(*text, path.parent_path());
  if (!policy) return fail(policy.error().within(path.string()));
  return policy;
}

}  // namespace tierdesk
