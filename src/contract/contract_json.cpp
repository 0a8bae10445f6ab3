#include "tierdesk/contract/contract.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <system_error>

#include <fmt/format.h>

#include "contract/contract_json.hpp"
#include "calendar/json_nodes.hpp"

namespace tierdesk {
namespace json {
namespace {

Result<HourlyRate> read_rate(const Node& node, Currency currency) {
  auto obj = node.object({"role", "kind", "per_hour"});
  if (!obj) return fail(obj.error());
  HourlyRate r;
  if (auto role = obj->optional("role")) {
    auto c = read_choice(*role, {"support", "project", "senior"});
    if (!c) return fail(c.error());
    r.role = static_cast<Role>(*c);
  }
  if (auto kind = obj->optional("kind")) {
    auto c = read_choice(*kind, {"remote", "on_site", "travel", "phone"});
    if (!c) return fail(c.error());
    r.kind = static_cast<WorkKind>(*c);
  }
  auto rate = obj->required("per_hour", [&](const Node& n) { return read_money(n, currency); });
  if (!rate) return fail(rate.error());
  r.per_hour = *rate;
  return r;
}

Result<OutOfHours> read_out_of_hours(const Node& node, const CalendarSet* named) {
  auto obj = node.object({"surcharge", "mode", "calendar"});
  if (!obj) return fail(obj.error());
  auto surcharge = obj->required("surcharge", read_percent);
  if (!surcharge) return fail(surcharge.error());
  auto calendar = obj->required("calendar", [&](const Node& n) { return read_calendar_ref(n, named); });
  if (!calendar) return fail(calendar.error());
  OutOfHours o{*surcharge, OutOfHours::Mode::by_start, *calendar};
  if (auto mode = obj->optional("mode")) {
    auto c = read_choice(*mode, {"by_start", "per_minute"});
    if (!c) return fail(c.error());
    o.mode = *c == 0 ? OutOfHours::Mode::by_start : OutOfHours::Mode::per_minute;
  }
  return o;
}

Result<OnSiteDayRates> read_on_site_days(const Node& node, Currency currency,
                                         const CalendarSet* named) {
  auto obj = node.object({"inside", "outside", "calendar"});
  if (!obj) return fail(obj.error());
  const auto money = [&](const Node& n) { return read_money(n, currency); };
  auto inside = obj->required("inside", money);
  if (!inside) return fail(inside.error());
  auto outside = obj->required("outside", money);
  if (!outside) return fail(outside.error());
  auto calendar = obj->required("calendar", [&](const Node& n) { return read_calendar_ref(n, named); });
  if (!calendar) return fail(calendar.error());
  return OnSiteDayRates{*inside, *outside, *calendar};
}

Result<FlatFee> read_fee(const Node& node, Currency currency) {
  auto obj = node.object({"code", "text", "amount"});
  if (!obj) return fail(obj.error());
  auto code = obj->required_string("code");
  auto text = obj->required_string("text");
  if (!code || !text) return fail(!code ? code.error() : text.error());
  auto amount = obj->required("amount", [&](const Node& n) { return read_money(n, currency); });
  if (!amount) return fail(amount.error());
  return FlatFee{std::string(*code), std::string(*text), *amount};
}

Result<EmergencySurcharge> read_emergency(const Node& node, Currency currency) {
  auto obj = node.object({"amount", "percent"});
  if (!obj) return fail(obj.error());
  auto which = obj->one_of({"amount", "percent"});
  if (!which) return fail(which.error());
  EmergencySurcharge e;
  if (*which == "amount") {
    auto amount = obj->required("amount", [&](const Node& n) { return read_money(n, currency); });
    if (!amount) return fail(amount.error());
    e.amount = *amount;
  } else {
    auto percent = obj->required("percent", read_percent);
    if (!percent) return fail(percent.error());
    e.percent = *percent;
  }
  return e;
}

// Reads the array field `key` of `obj` element by element with `read`, appending to `*out`.
template <class T, class Read>
Result<void> read_list(const ObjectReader& obj, std::string_view key, Read read,
                       std::vector<T>* out) {
  auto list = obj.optional_array(key);
  if (!list) return fail(list.error());
  if (!*list) return {};
  for (const auto& node : **list) {
    auto value = read(node);
    if (!value) return fail(value.error());
    out->push_back(*std::move(value));
  }
  return {};
}

}  // namespace

Result<Calendar> read_calendar_ref(const Node& node, const CalendarSet* named) {
  if (named != nullptr && node.value().is_string()) {
    const auto name = node.value().as_string();
    const auto it = named->find(std::string_view(name));
    if (it == named->end())
      return fail(node.invalid(Errc::not_found, "the name of one of the contract's calendars"));
    return it->second;
  }
  auto spec = read_calendar_spec(node);
  if (!spec) return fail(spec.error());
  auto cal = Calendar::compile(*std::move(spec));
  if (!cal) return fail(node.path().within(cal.error()));
  return cal;
}

Result<BillingRules> read_billing(const Node& node, const CalendarSet* named) {
  auto obj =
      node.object({"currency", "vat", "zone", "rates", "rounding", "out_of_hours", "on_site_days",
                   "fees", "emergency", "contingent", "catalogue", "categories"});
  if (!obj) return fail(obj.error());
  BillingRules r;
  auto currency_node = obj->required("currency");
  if (!currency_node) return fail(currency_node.error());
  auto code = currency_node->string();
  if (!code) return fail(code.error());
  auto currency = Currency::of(*code);
  if (!currency) return fail(currency_node->path().within(currency.error()));
  r.currency = *currency;
  auto vat = obj->required("vat", read_percent);
  if (!vat) return fail(vat.error());
  r.vat = *vat;
  if (auto zone = obj->optional("zone")) {
    auto name = zone->string();
    if (!name) return fail(name.error());
    auto z = Zone::locate(*name);
    if (!z) return fail(zone->path().within(z.error()));
    r.zone = *z;
  }
  const auto money_reader = [&](auto read) {
    return [&, read](const Node& n) { return read(n, r.currency); };
  };
  if (auto ok = read_list(*obj, "rates", money_reader(read_rate), &r.rates); !ok)
    return fail(ok.error());
  if (auto ok = read_list(*obj, "fees", money_reader(read_fee), &r.fees); !ok)
    return fail(ok.error());
  auto rounding = obj->optional("rounding", read_rounding);
  if (!rounding) return fail(rounding.error());
  if (*rounding) r.rounding = **rounding;
  auto out_of_hours =
      obj->optional("out_of_hours", [&](const Node& n) { return read_out_of_hours(n, named); });
  if (!out_of_hours) return fail(out_of_hours.error());
  r.out_of_hours = *out_of_hours;
  auto on_site = obj->optional(
      "on_site_days", [&](const Node& n) { return read_on_site_days(n, r.currency, named); });
  if (!on_site) return fail(on_site.error());
  r.on_site_days = *on_site;
  auto emergency = obj->optional("emergency", money_reader(read_emergency));
  if (!emergency) return fail(emergency.error());
  r.emergency = *emergency;
  auto contingent = obj->optional("contingent", money_reader(read_contingent));
  if (!contingent) return fail(contingent.error());
  r.contingent = *contingent;
  auto catalogue = obj->optional("catalogue", money_reader(read_catalogue));
  if (!catalogue) return fail(catalogue.error());
  if (*catalogue) r.catalogue = **catalogue;
  auto categories = obj->optional("categories", money_reader(read_categories));
  if (!categories) return fail(categories.error());
  if (*categories) r.categories = **categories;
  return r;
}

}  // namespace json

Result<Contract> parse_contract(std::string_view text) {
  auto document = json::parse(text);
  if (!document) return fail(document.error());
  auto obj = json::Node(*document).object(
      {"name", "id", "prefix", "description", "calendars", "tiers", "sla", "default_priority",
       "default_category", "categories", "fee_rules", "intake", "subscription", "customers",
       "billing", "escalation", "notice_hours"});
  if (!obj) return fail(obj.error());
  auto name = obj->required_string("name");
  if (!name) return fail(name.error());
  Contract c{.name = std::string(*name), .billing = {}};
  // The calendars first: billing and the SLA policy may name them.
  if (auto node = obj->optional("calendars")) {
    auto read = json::read_named_calendars(*node);
    if (!read) return fail(read.error());
    c.calendars = *std::move(read);
  }
  auto billing_node = obj->required("billing");
  if (!billing_node) return fail(billing_node.error());
  auto billing = json::read_billing(*billing_node, &c.calendars);
  if (!billing) return fail(billing.error());
  c.billing = *std::move(billing);
  const bool billing_categories = billing_node->value().as_object().contains("categories");
  if (obj->has("categories") && billing_categories)
    return fail(obj->required("categories")->path().error(
        Errc::invalid_argument, "categories are given here and in billing; keep one list"));
  if (auto ok = json::read_desk_fields(*obj, c); !ok) return fail(ok.error());
  if (!obj->has("categories") && !billing_categories)
    return fail(billing_node->path().field("categories").error(
        Errc::missing_field, "required field is missing (or give \"categories\" at the top)"));
  if (auto ok = validate(c.billing); !ok)
    return fail(ok.error().within(billing_node->path().label()));
  if (auto ok = json::check_contract(*obj, c); !ok) return fail(ok.error());
  return c;
}

Result<Contract> load_contract_file(const std::filesystem::path& path) {
  auto text = json::read_config_file(path);
  if (!text) return fail(text.error());
  auto contract = parse_contract(*text);
  if (!contract) return fail(contract.error().within(path.string()));
  return contract;
}

Result<std::vector<Contract>> load_contract_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json") files.push_back(it->path());
  if (ec)
    return fail(Errc::io_error, fmt::format("{}: cannot list the directory ({})", dir.string(),
                                            ec.message()));
  std::sort(files.begin(), files.end());
  std::vector<Contract> out;
  for (const auto& f : files) {
    auto c = load_contract_file(f);
    if (!c) return fail(c.error());
    out.push_back(*std::move(c));
  }
  return out;
}

}  // namespace tierdesk
