#include "tierdesk/billing/catalogue.hpp"

#include <set>

#include <fmt/format.h>

namespace tierdesk {
namespace {

Error item_error(const CatalogueItem& item, std::string_view field, std::string_view value,
                 std::string_view expected) {
  return Error::invalid(Errc::invalid_argument,
                        fmt::format("catalogue[\"{}\"].{}", item.code, field), value, expected);
}

Result<void> validate_item(const CatalogueItem& item, std::span<const CatalogueItem> catalogue,
                           Currency currency) {
  if (item.price.currency() != currency)
    return fail(Errc::currency_mismatch,
                fmt::format("catalogue[\"{}\"].price: got {}, expected {}", item.code,
                            item.price.currency().code(), currency.code()));
  if (item.price.minor_units() < 0)
    return fail(item_error(item, "price", fmt::format("{}", item.price), "zero or more"));
  if (item.kind == ItemKind::training &&
      (item.session_length <= std::chrono::minutes{0} || item.participants_per_session < 1))
    return fail(item_error(item, "participants_per_session",
                           std::to_string(item.participants_per_session),
                           "a training with a positive length and group size"));
  if (item.kind == ItemKind::bundle) {
    if (item.parts.empty()) return fail(item_error(item, "parts", "[]", "at least one part"));
    for (const auto& part : item.parts) {
      auto found = find_item(catalogue, part);
      if (!found)
        return fail(found.error().within(fmt::format("catalogue[\"{}\"].parts", item.code)));
      if ((*found)->kind == ItemKind::bundle)
        return fail(item_error(item, "parts", part, "packages or trainings, not bundles"));
    }
  } else if (!item.parts.empty()) {
    return fail(item_error(item, "parts", item.parts.front(), "parts only on a bundle"));
  }
  for (const auto& e : item.entitlements) {
    if (e.days < 1 || e.categories.empty())
      return fail(item_error(item, "entitlements", e.name,
                             "a window of at least one day over at least one category"));
  }
  return {};
}

}  // namespace

Result<void> validate(std::span<const CatalogueItem> catalogue, Currency currency) {
  std::set<std::string_view> codes;
  for (const auto& item : catalogue) {
    if (item.code.empty())
      return fail(Errc::invalid_argument, "catalogue: an item needs a non-empty code");
    if (!codes.insert(item.code).second)
      return fail(Error::invalid(Errc::conflict, "catalogue", item.code, "unique item codes"));
  }
  for (const auto& item : catalogue) {
    if (auto ok = validate_item(item, catalogue, currency); !ok) return ok;
  }
  return {};
}

Result<const CatalogueItem*> find_item(std::span<const CatalogueItem> catalogue,
                                       std::string_view code) {
  for (const auto& item : catalogue) {
    if (item.code == code) return &item;
  }
  return fail(Errc::not_found, fmt::format("item: no catalogue item \"{}\"", code));
}

Result<PricedOrder> price_order(std::span<const CatalogueItem> catalogue,
                                const CatalogueOrder& order) {
  auto found = find_item(catalogue, order.item);
  if (!found) return fail(found.error());
  const CatalogueItem& item = **found;
  if (order.quantity < 1)
    return fail(Error::invalid(Errc::invalid_argument, "quantity", std::to_string(order.quantity),
                               "at least 1"));
  PricedOrder out;
  out.unit_price = item.price;
  if (item.kind == ItemKind::training) {
    if (order.participants < 1)
      return fail(Error::invalid(Errc::invalid_argument, "participants",
                                 std::to_string(order.participants), "at least 1 for a training"));
    const std::int64_t per = item.participants_per_session;
    out.quantity = (order.participants + per - 1) / per * order.quantity;
    out.text = fmt::format("{} ({} min per session, {} participants, up to {} per session)",
                           item.name, item.session_length.count(), order.participants, per);
  } else {
    out.quantity = order.quantity;
    out.text = item.name;
  }
  if (item.kind == ItemKind::bundle && item.price.is_zero()) {
    Money sum = Money::zero(item.price.currency());
    std::string names;
    for (const auto& part : item.parts) {
      auto p = find_item(catalogue, part);
      if (!p) return fail(p.error());
      auto next = add(sum, (*p)->price);
      if (!next) return fail(next.error());
      sum = *next;
      names += (names.empty() ? "" : ", ") + (*p)->name;
    }
    out.unit_price = sum;
    out.text = fmt::format("{} ({})", item.name, names);
  }
  auto amount = multiply(out.unit_price, out.quantity);
  if (!amount) return fail(amount.error());
  out.amount = *amount;
  return out;
}

Instant start_of_day(Date date, const Zone& zone) {
  const auto local = LocalSeconds{std::chrono::local_days{date}.time_since_epoch()};
  return zone.lookup(local).first;
}

Result<std::vector<EntitlementWindow>> entitlement_windows(std::span<const CatalogueItem> catalogue,
                                                           const CatalogueOrder& order,
                                                           const Zone& zone) {
  auto found = find_item(catalogue, order.item);
  if (!found) return fail(found.error());
  std::vector<const CatalogueItem*> granting{*found};
  for (const auto& part : (*found)->parts) {
    auto p = find_item(catalogue, part);
    if (!p) return fail(p.error());
    granting.push_back(*p);
  }
  std::vector<EntitlementWindow> out;
  const Instant from = start_of_day(order.date, zone);
  for (const auto* item : granting) {
    for (const auto& e : item->entitlements) {
      const Date last{std::chrono::sys_days{order.date} + std::chrono::days{e.days}};
      out.push_back({e.name, e.categories, {from, start_of_day(last, zone)}});
    }
  }
  return out;
}

}  // namespace tierdesk
