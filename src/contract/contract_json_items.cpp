#include <fmt/format.h>

#include "contract/contract_json.hpp"

namespace tierdesk::json {
namespace {

Result<Entitlement> read_entitlement(const Node& node) {
  auto obj = node.object({"name", "categories", "days"});
  if (!obj) return fail(obj.error());
  Entitlement e;
  auto name = obj->required_string("name");
  if (!name) return fail(name.error());
  e.name = *name;
  auto categories = obj->required("categories", read_strings);
  if (!categories) return fail(categories.error());
  e.categories = *categories;
  auto days = obj->required("days");
  if (!days) return fail(days.error());
  auto n = days->integer(1, 3660);
  if (!n) return fail(n.error());
  e.days = static_cast<int>(*n);
  return e;
}

Result<CatalogueItem> read_item(const Node& node, Currency currency) {
  auto obj = node.object({"code", "name", "kind", "price", "parts", "session_minutes",
                          "participants_per_session", "entitlements"});
  if (!obj) return fail(obj.error());
  CatalogueItem item;
  auto code = obj->required_string("code");
  auto name = obj->required_string("name");
  if (!code || !name) return fail(!code ? code.error() : name.error());
  item.code = *code;
  item.name = *name;
  item.price = Money::zero(currency);
  if (auto kind = obj->optional("kind")) {
    auto k = read_choice(*kind, {"package", "bundle", "training"});
    if (!k) return fail(k.error());
    item.kind = *k == 0 ? ItemKind::package : *k == 1 ? ItemKind::bundle : ItemKind::training;
  }
  if (auto price = obj->optional("price")) {
    auto m = read_money(*price, currency);
    if (!m) return fail(m.error());
    item.price = *m;
  }
  if (auto parts = obj->optional("parts")) {
    auto p = read_strings(*parts);
    if (!p) return fail(p.error());
    item.parts = *p;
  }
  if (auto length = obj->optional("session_minutes")) {
    auto m = read_minutes(*length);
    if (!m) return fail(m.error());
    item.session_length = *m;
  }
  if (auto per = obj->optional("participants_per_session")) {
    auto n = per->integer(1, 10000);
    if (!n) return fail(n.error());
    item.participants_per_session = static_cast<int>(*n);
  }
  if (auto entitlements = obj->optional("entitlements")) {
    auto list = entitlements->array();
    if (!list) return fail(list.error());
    for (const auto& e : *list) {
      auto read = read_entitlement(e);
      if (!read) return fail(read.error());
      item.entitlements.push_back(*read);
    }
  }
  return item;
}

Result<IncludedThreshold> read_threshold(const Node& node) {
  auto obj = node.object({"mode", "minutes"});
  if (!obj) return fail(obj.error());
  IncludedThreshold t;
  auto mode = obj->required("mode");
  if (!mode) return fail(mode.error());
  auto m = read_choice(*mode, {"none", "all_if_over", "excess_only", "first_n_free"});
  if (!m) return fail(m.error());
  t.mode = static_cast<IncludedThreshold::Mode>(*m);
  auto minutes = obj->required("minutes", read_minutes);
  if (!minutes) return fail(minutes.error());
  t.limit = *minutes;
  return t;
}

// Where a new ticket of the category goes: priority, tier, whether the SLA applies.
Result<void> read_desk_defaults(const ObjectReader& obj, Category& c) {
  auto priority = obj.optional_string("priority");
  if (!priority) return fail(priority.error());
  c.priority = std::string(priority->value_or(""));
  if (auto tier = obj.optional("tier")) {
    auto n = tier->integer(1, 3);
    if (!n) return fail(n.error());
    c.tier = static_cast<int>(*n);
  }
  auto sla = obj.optional_bool("sla");
  if (!sla) return fail(sla.error());
  c.sla_applies = sla->value_or(true);
  return {};
}

}  // namespace

Result<Category> read_category(const Node& node, Currency currency) {
  auto obj = node.object({"name", "description", "treatment", "threshold", "rounding",
                          "fixed_price", "out_of_hours_surcharge", "priority", "tier", "sla"});
  if (!obj) return fail(obj.error());
  Category c;
  auto name = obj->required_string("name");
  if (!name) return fail(name.error());
  c.name = *name;
  auto treatment = obj->required("treatment");
  if (!treatment) return fail(treatment.error());
  auto t = read_choice(*treatment,
                       {"billable", "included", "contingent", "quote_required", "fixed_price"});
  if (!t) return fail(t.error());
  c.treatment = static_cast<Treatment>(*t);
  if (auto threshold = obj->optional("threshold")) {
    auto read = read_threshold(*threshold);
    if (!read) return fail(read.error());
    c.threshold = *read;
  }
  if (auto rounding = obj->optional("rounding")) {
    auto read = read_rounding(*rounding);
    if (!read) return fail(read.error());
    c.rounding = *read;
  }
  if (auto price = obj->optional("fixed_price")) {
    auto read = read_money(*price, currency);
    if (!read) return fail(read.error());
    c.fixed_price = *read;
  }
  auto surcharge = obj->optional_bool("out_of_hours_surcharge");
  if (!surcharge) return fail(surcharge.error());
  c.out_of_hours_surcharge = surcharge->value_or(true);
  if (auto ok = read_desk_defaults(*obj, c); !ok) return fail(ok.error());
  return c;
}

Result<std::vector<CatalogueItem>> read_catalogue(const Node& node, Currency currency) {
  auto list = node.array();
  if (!list) return fail(list.error());
  std::vector<CatalogueItem> out;
  for (const auto& item : *list) {
    auto read = read_item(item, currency);
    if (!read) return fail(read.error());
    out.push_back(*read);
  }
  return out;
}

Result<std::vector<Category>> read_categories(const Node& node, Currency currency) {
  auto list = node.array();
  if (!list) return fail(list.error());
  std::vector<Category> out;
  for (const auto& c : *list) {
    auto read = read_category(c, currency);
    if (!read) return fail(read.error());
    out.push_back(*read);
  }
  return out;
}

}  // namespace tierdesk::json
