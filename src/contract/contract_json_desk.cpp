// The desk side of the contract JSON format: calendars, SLA policy, categories with their
// defaults, fee rules, intake terms, the subscription plan; the checks across the parts.
// Escalation rules and customers have files of their own.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "contract/contract_json.hpp"
#include "calendar/json_nodes.hpp"
#include "base/json/civil.hpp"
#include "sla/policy_json.hpp"

namespace tierdesk::json {
namespace {

Result<std::string> read_priority_name(const ObjectReader& obj, std::string_view key) {
  auto v = obj.optional_string(key);
  if (!v) return fail(v.error());
  return std::string(v->value_or(""));
}

Result<FeeRule> read_fee_rule(const Node& node) {
  auto obj = node.object({"fee", "channel", "unless_priorities"});
  if (!obj) return fail(obj.error());
  FeeRule r;
  auto fee = obj->required_string("fee");
  if (!fee) return fail(fee.error());
  r.fee = *fee;
  auto channel_node = obj->required("channel");
  if (!channel_node) return fail(channel_node.error());
  auto channel = read_choice(*channel_node, {"phone", "email", "portal", "on-call"});
  if (!channel) return fail(channel.error());
  r.channel = static_cast<Channel>(*channel);
  if (auto unless = obj->optional("unless_priorities")) {
    auto names = read_strings(*unless);
    if (!names) return fail(names.error());
    r.unless_priorities = *std::move(names);
  }
  return r;
}

Result<Subscription> read_plan(const Node& node, Currency currency) {
  auto obj = node.object({"name", "fee", "term_months", "trial_days"});
  if (!obj) return fail(obj.error());
  Subscription s;
  auto name = obj->required_string("name");
  if (!name) return fail(name.error());
  s.name = *name;
  auto fee = obj->required("fee", [&](const Node& n) { return read_money(n, currency); });
  if (!fee) return fail(fee.error());
  s.fee = *fee;
  if (auto term = obj->optional("term_months")) {
    auto n = term->integer(1, 120);
    if (!n) return fail(n.error());
    s.term_months = static_cast<int>(*n);
  }
  if (auto trial = obj->optional("trial_days")) {
    auto n = trial->integer(0, 366);
    if (!n) return fail(n.error());
    s.trial_days = static_cast<int>(*n);
  }
  return s;
}

Result<void> read_intake(const Node& node, Contract& c) {
  auto obj = node.object({"emergencies_phone_only", "jourfixe", "urgent_priority"});
  if (!obj) return fail(obj.error());
  auto phone = obj->optional_bool("emergencies_phone_only");
  if (!phone) return fail(phone.error());
  c.emergencies_phone_only = phone->value_or(false);
  auto jf = obj->optional_bool("jourfixe");
  if (!jf) return fail(jf.error());
  c.jourfixe = jf->value_or(false);
  auto urgent = read_priority_name(*obj, "urgent_priority");
  if (!urgent) return fail(urgent.error());
  c.urgent_priority = *urgent;
  return {};
}

template <class T, class Read>
Result<void> read_array(const ObjectReader& obj, std::string_view key, Read read,
                        std::vector<T>& out) {
  auto list = obj.optional_array(key);
  if (!list) return fail(list.error());
  if (!*list) return {};
  for (const auto& node : **list) {
    auto value = read(node);
    if (!value) return fail(value.error());
    out.push_back(*std::move(value));
  }
  return {};
}

// `priority` is one the SLA policy knows (any name without a policy).
Result<void> check_priority(const Contract& c, const Path& at, std::string_view priority) {
  if (priority.empty() || !c.sla || c.sla->priority_index(priority) >= 0) return {};
  std::string known;
  for (const auto& p : c.sla->spec().priorities) known += (known.empty() ? "" : ", ") + p;
  return fail(at.error(Errc::invalid_argument,
                       fmt::format("got \"{}\", expected a priority of the SLA policy ({})",
                                   priority, known)));
}

}  // namespace

Result<CalendarSet> read_named_calendars(const Node& node) {
  if (!node.value().is_object())
    return fail(node.invalid(Errc::invalid_argument, "an object of named calendar objects"));
  CalendarSet out;
  for (const auto& entry : node.value().as_object()) {
    const Node item(entry.value(), node.path().field(entry.key()));
    auto cal = read_calendar_ref(item, nullptr);
    if (!cal) return fail(cal.error());
    out.emplace(std::string(entry.key()), *std::move(cal));
  }
  return out;
}

Result<void> read_desk_fields(const ObjectReader& obj, Contract& c) {
  for (auto [key, field] :
       {std::pair{"id", &c.id}, std::pair{"prefix", &c.prefix},
        std::pair{"description", &c.description}, std::pair{"default_priority", &c.default_priority},
        std::pair{"default_category", &c.default_category},
        std::pair{"notice_hours", &c.notice_hours}}) {
    auto v = obj.optional_string(key);
    if (!v) return fail(v.error());
    *field = std::string(v->value_or(""));
  }
  if (!c.prefix.empty())
    if (auto ok = check_prefix(c.prefix); !ok) return fail(ok.error().within("prefix"));
  if (auto tiers = obj.optional("tiers")) {
    auto names = read_strings(*tiers);
    if (!names) return fail(names.error());
    if (names->size() != c.tiers.names.size())
      return fail(tiers->invalid(Errc::invalid_argument, "three names, 1st to 3rd level"));
    std::copy(names->begin(), names->end(), c.tiers.names.begin());
  }
  if (auto sla = obj.optional("sla")) {
    auto policy = read_embedded_policy(*sla, c.calendars);
    if (!policy) return fail(policy.error());
    c.sla = *std::move(policy);
  }
  if (auto list = obj.optional("categories")) {
    auto categories = read_categories(*list, c.billing.currency);
    if (!categories) return fail(categories.error());
    c.billing.categories = *std::move(categories);
  }
  if (auto ok = read_array(obj, "escalation", read_escalation_rule, c.escalation); !ok)
    return fail(ok.error());
  if (auto ok = read_array(obj, "fee_rules", read_fee_rule, c.fee_rules); !ok)
    return fail(ok.error());
  if (auto intake = obj.optional("intake"))
    if (auto ok = read_intake(*intake, c); !ok) return fail(ok.error());
  auto plan = obj.optional("subscription",
                           [&](const Node& n) { return read_plan(n, c.billing.currency); });
  if (!plan) return fail(plan.error());
  c.subscription = *std::move(plan);
  return read_array(obj, "customers", read_customer, c.customers);
}

Result<void> check_contract(const ObjectReader& obj, const Contract& c) {
  const Path root = obj.path();
  if (auto ok = check_priority(c, root.field("default_priority"), c.default_priority); !ok)
    return ok;
  if (auto ok = check_priority(c, root.field("intake").field("urgent_priority"), c.urgent_priority);
      !ok)
    return ok;
  const bool categories_at_top = obj.has("categories");
  for (std::size_t i = 0; i < c.billing.categories.size(); ++i) {
    const Path at = categories_at_top ? root.field("categories").index(i)
                                      : root.field("billing").field("categories").index(i);
    if (auto ok = check_priority(c, at.field("priority"), c.billing.categories[i].priority); !ok)
      return ok;
  }
  if (!c.notice_hours.empty() && !c.calendars.contains(c.notice_hours))
    return fail(root.field("notice_hours")
                    .error(Errc::not_found, fmt::format("got \"{}\", expected the name of one of "
                                                        "the contract's calendars",
                                                        c.notice_hours)));
  if (auto ok = check_escalation(c, root.field("escalation")); !ok) return ok;
  if (!c.default_category.empty() && !find_category(c.billing, c.default_category))
    return fail(root.field("default_category")
                    .error(Errc::not_found, fmt::format("got \"{}\", expected one of the categories",
                                                        c.default_category)));
  for (std::size_t i = 0; i < c.fee_rules.size(); ++i)
    if (!find_fee(c.billing, c.fee_rules[i].fee))
      return fail(root.field("fee_rules").index(i).field("fee").error(
          Errc::not_found,
          fmt::format("got \"{}\", expected the code of one of billing.fees", c.fee_rules[i].fee)));
  std::set<std::string, std::less<>> ids;
  for (std::size_t i = 0; i < c.customers.size(); ++i) {
    const auto& customer = c.customers[i];
    const Path at = root.field("customers").index(i);
    if (!ids.insert(customer.id).second)
      return fail(at.field("id").error(
          Errc::invalid_argument, fmt::format("got \"{}\", expected a customer id not used before",
                                              customer.id)));
    for (std::size_t k = 0; k < customer.orders.size(); ++k)
      if (auto priced = price_order(c.billing.catalogue, customer.orders[k]); !priced)
        return fail(at.field("orders").index(k).within(priced.error()));
    if (auto s = subscription_of(c, customer))
      if (auto ok = validate(*s); !ok) return fail(at.within(ok.error()));
    if (auto ok = check_contingent_schedule(c, customer, at.field("contingent")); !ok) return ok;
    if (customer.cancelled_on && !c.subscription)
      return fail(at.field("cancelled_on")
                      .error(Errc::invalid_argument,
                             "a cancellation needs the contract's \"subscription\" plan"));
  }
  return {};
}

}  // namespace tierdesk::json
