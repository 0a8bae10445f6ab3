// The contract JSON's automatic escalation rules ("escalation": [...]) and their checks
// against the rest of the contract.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "contract/contract_json.hpp"

namespace tierdesk::json {

Result<EscalationRule> read_escalation_rule(const Node& node) {
  auto obj = node.object({"name", "trigger", "clock", "warning", "category", "to_tier", "notify"});
  if (!obj) return fail(obj.error());
  EscalationRule r;
  auto name = obj->required_string("name");
  if (!name) return fail(name.error());
  if (name->empty()) return fail(obj->required("name")->invalid(Errc::invalid_argument, "a name"));
  r.name = *name;
  auto trigger_node = obj->required("trigger");
  if (!trigger_node) return fail(trigger_node.error());
  auto trigger = read_choice(*trigger_node, {"warning", "breach", "category"});
  if (!trigger) return fail(trigger.error());
  r.trigger = static_cast<EscalationTrigger>(*trigger);
  if (r.trigger == EscalationTrigger::category) {
    auto category = obj->required_string("category");
    if (!category) return fail(category.error());
    r.category = *category;
  } else {
    auto clock_node = obj->required("clock");
    if (!clock_node) return fail(clock_node.error());
    auto text = clock_node->string();
    if (!text) return fail(text.error());
    auto clock = ClockId::parse(*text);
    if (!clock)
      return fail(clock_node->invalid(Errc::invalid_argument,
                                      "triage, response, update, resolution or ola:TIER"));
    r.clock = *std::move(clock);
  }
  if (auto level = obj->optional("warning")) {
    if (r.trigger != EscalationTrigger::warning)
      return fail(level->invalid(Errc::invalid_argument, "no \"warning\" but with trigger warning"));
    auto n = level->integer(1, static_cast<std::int64_t>(max_warnings));
    if (!n) return fail(n.error());
    r.warning_level = static_cast<int>(*n) - 1;
  }
  if (auto tier = obj->optional("to_tier")) {
    auto n = tier->integer(1, 3);
    if (!n) return fail(n.error());
    r.to_tier = static_cast<int>(*n);
  }
  auto notify = obj->optional_string("notify");
  if (!notify) return fail(notify.error());
  r.notify = std::string(notify->value_or(""));
  if (r.to_tier == 0 && r.notify.empty())
    return fail(node.invalid(Errc::invalid_argument, "a rule with \"to_tier\" or \"notify\""));
  return r;
}

// Unique rule names; clocks the SLA policy has; categories the contract lists.
Result<void> check_escalation(const Contract& c, const Path& at) {
  std::set<std::string, std::less<>> names;
  for (std::size_t i = 0; i < c.escalation.size(); ++i) {
    const auto& r = c.escalation[i];
    const Path rule = at.index(i);
    if (!names.insert(r.name).second)
      return fail(rule.field("name").error(
          Errc::invalid_argument, fmt::format("got \"{}\", expected a name not used before", r.name)));
    if (r.trigger == EscalationTrigger::category) {
      if (!find_category(c.billing, r.category))
        return fail(rule.field("category").error(
            Errc::not_found,
            fmt::format("got \"{}\", expected one of the categories", r.category)));
      continue;
    }
    if (!c.sla)
      return fail(rule.field("clock").error(Errc::invalid_argument,
                                            "a clock rule needs the contract's \"sla\" policy"));
    const bool known = r.clock.is_ola()
                           ? std::ranges::any_of(c.sla->spec().ola,
                                                 [&](const auto& row) { return row.tier == r.clock.tier(); })
                           : true;
    if (!known)
      return fail(rule.field("clock").error(
          Errc::not_found,
          fmt::format("got \"{}\", expected an OLA tier of the SLA policy", r.clock.str())));
  }
  return {};
}

}  // namespace tierdesk::json
