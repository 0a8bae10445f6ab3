// Ticket lines in, clocks out: the JSON side of `tierdesk sla eval` (docs/sla.md).
#include <charconv>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "base/json/reader.hpp"
#include "tierdesk/sla/sla_json.hpp"

namespace tierdesk {
namespace {

using json::Node;

bool takes_value(EventKind k) {
  return k == EventKind::status || k == EventKind::priority || k == EventKind::category ||
         k == EventKind::tier;
}

Result<TicketEvent> read_event(const Node& node) {
  auto obj = node.object({"at", "type", "to"});
  if (!obj) return fail(obj.error());
  TicketEvent e;
  auto at = obj->required("at");
  if (!at) return fail(at.error());
  auto at_text = at->string();
  if (!at_text) return fail(at_text.error());
  auto instant = parse_iso8601(*at_text);
  if (!instant) return fail(at->path().within(instant.error()));
  e.at = *instant;
  auto type = obj->required("type");
  if (!type) return fail(type.error());
  auto type_text = type->string();
  if (!type_text) return fail(type_text.error());
  auto kind = parse_event_kind(*type_text);
  if (!kind) return fail(type->invalid(Errc::invalid_argument, "an event type (docs/sla.md)"));
  e.kind = *kind;
  auto to = obj->optional_string("to");
  if (!to) return fail(to.error());
  if (takes_value(e.kind) && !*to && e.kind != EventKind::category)
    return fail(node.path().field("to").error(Errc::missing_field,
                                              fmt::format("required for type \"{}\"", *type_text)));
  if (!takes_value(e.kind) && *to)
    return fail(obj->optional("to")->invalid(Errc::invalid_argument,
                                             fmt::format("no \"to\" for type \"{}\"", *type_text)));
  if (*to) e.value = std::string(**to);
  if (e.kind == EventKind::status)
    if (auto ok = check_ticket_status("to", e.value); !ok)
      return fail(node.path().within(ok.error()));
  return e;
}

struct ParsedTicket {
  std::vector<TicketEvent> events;
  std::vector<std::string> inserted;  // the fields that became events 1 … n
};

Result<ParsedTicket> parse_ticket(std::string_view text) {
  auto doc = json::parse(text);
  if (!doc) return fail(doc.error());
  const Node root(*doc);
  auto obj = root.object({"id", "priority", "category", "events"});
  if (!obj) return fail(obj.error());
  auto items = obj->required_array("events");
  if (!items) return fail(items.error());
  ParsedTicket out;
  for (const Node& item : *items) {
    auto e = read_event(item);
    if (!e) return fail(e.error());
    out.events.push_back(*std::move(e));
  }
  if (out.events.empty() || out.events[0].kind != EventKind::created)
    return fail(json::Path().field("events").index(0).field("type").error(
        Errc::invalid_event, "the first event must be \"created\""));
  const Instant created = out.events[0].at;
  std::vector<TicketEvent> initial;
  for (auto [key, kind] :
       {std::pair{"priority", EventKind::priority}, std::pair{"category", EventKind::category}}) {
    auto v = obj->optional_string(key);
    if (!v) return fail(v.error());
    if (!*v) continue;
    initial.push_back(TicketEvent{created, kind, std::string(**v)});
    out.inserted.emplace_back(key);
  }
  out.events.insert(out.events.begin() + 1, initial.begin(), initial.end());
  return out;
}

// The engine's message with each "events[k]" counted in the line's own events: the line's
// priority and category (events 1 … n of the engine) are named by their field when at fault,
// and read as the creation (events[0], whose instant they share) when referred to.
Error relocate(const Error& e, const std::vector<std::string>& inserted) {
  constexpr std::string_view prefix = "events[";
  const std::string& m = e.message();
  std::string out;
  std::size_t pos = 0;
  while (pos < m.size()) {
    const std::size_t hit = m.find(prefix, pos);
    std::size_t k = 0;
    const char* digits = hit == std::string::npos ? nullptr : m.data() + hit + prefix.size();
    const auto [end, ec] = digits ? std::from_chars(digits, m.data() + m.size(), k)
                                  : std::from_chars_result{nullptr, std::errc::invalid_argument};
    if (ec != std::errc() || *end != ']') {
      out.append(m, pos, hit == std::string::npos ? std::string::npos : hit + 1 - pos);
      if (hit == std::string::npos) break;
      pos = hit + 1;
      continue;
    }
    out.append(m, pos, hit - pos);
    if (k == 0)
      out += "events[0]";
    else if (k <= inserted.size())
      out += hit == 0 ? inserted[k - 1] : "events[0]";
    else
      out += fmt::format("events[{}]", k - inserted.size());
    pos = static_cast<std::size_t>(end + 1 - m.data());
  }
  return Error(e.code(), std::move(out));
}

std::string percent(int permille) {
  return permille % 10 == 0 ? fmt::format("{}%", permille / 10)
                            : fmt::format("{}.{}%", permille / 10, permille % 10);
}

boost::json::object clock_json(const Clock& c, const SlaPolicy& policy) {
  const Zone& zone = policy.calendar(c.calendar).zone();
  const auto iso = [&](Instant t) { return boost::json::value(zone.format_iso8601(t)); };
  const std::string_view cal = policy.calendar_name(c.calendar);
  boost::json::object o{{"state", to_string(c.state)},
                        {"calendar", cal.empty() ? std::string_view("24/7") : cal},
                        {"target_minutes", c.target.count() / 60},
                        {"elapsed_minutes", c.elapsed.count() / 60},
                        {"remaining_minutes", c.remaining.count() / 60},
                        {"elapsed_seconds", c.elapsed.count()},
                        {"remaining_seconds", c.remaining.count()}};
  if (c.started_at) o["started_at"] = iso(*c.started_at);
  if (c.due) o["due"] = iso(*c.due);
  if (c.met_at) o["met_at"] = iso(*c.met_at);
  if (c.breached_at) o["breached_at"] = iso(*c.breached_at);
  boost::json::object warnings;
  const auto fractions = policy.warnings_permille();
  for (std::size_t k = 0; k < fractions.size(); ++k)
    if (c.warnings[k]) warnings[percent(fractions[k])] = iso(*c.warnings[k]);
  if (!warnings.empty()) o["warnings"] = std::move(warnings);
  o["cycles"] = c.cycles;
  o["breaches"] = c.breaches;
  return o;
}

}  // namespace

Result<std::vector<TicketEvent>> parse_ticket_json(std::string_view json) {
  auto parsed = parse_ticket(json);
  if (!parsed) return fail(parsed.error());
  return std::move(parsed->events);
}

Result<TicketClocks> compute_clocks_json(std::string_view json, const SlaPolicy& policy,
                                         Instant now) {
  auto parsed = parse_ticket(json);
  if (!parsed) return fail(parsed.error());
  auto clocks = compute_clocks(parsed->events, policy, now);
  if (!clocks) return fail(relocate(clocks.error(), parsed->inserted));
  return clocks;
}

std::string to_json(const TicketClocks& clocks, const SlaPolicy& policy) {
  boost::json::object out;
  const auto& spec = policy.spec();
  if (clocks.priority >= 0) out["priority"] = spec.priorities[clocks.priority];
  if (clocks.category >= 0) out["category"] = spec.categories[clocks.category].name;
  if (clocks.jourfixe_slot && policy.jourfixe())
    out["jourfixe_slot"] =
        policy.jourfixe()->calendar().zone().format_iso8601(*clocks.jourfixe_slot);
  boost::json::object metrics;
  for (std::size_t m = 0; m < metric_count; ++m)
    if (clocks.clocks[m].target.count() > 0)
      metrics[to_string(static_cast<Metric>(m))] = clock_json(clocks.clocks[m], policy);
  out["clocks"] = std::move(metrics);
  if (policy.ola_count() > 0) {
    boost::json::object ola;
    for (std::size_t r = 0; r < policy.ola_count(); ++r)
      ola[spec.ola[r].tier] = clock_json(clocks.ola[r], policy);
    out["ola"] = std::move(ola);
  }
  return boost::json::serialize(out);
}

}  // namespace tierdesk
