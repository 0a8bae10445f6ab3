// Catalogue items: what a provider sells at a fixed price (1&1 Cloud PBX professional services).
//
// Three kinds of item:
//  - a package at a fixed price ("Paket Remote Einrichtung Cloud PBX");
//  - a bundle made of other items ("Care Free Package" = Welcome Package, Remote Einrichtung,
//    Walkthroughs, "Change Request 30 Tage", "Support Fragen 30 Tage"); it costs its own price,
//    or the sum of its parts when it has none, and grants everything its parts grant;
//  - a training of fixed length for up to N participants per session ("Dauer: 2 Stunden,
//    pro 20 User"): an order for U users is ceil(U / N) sessions.
// An item may grant entitlement windows: work in the given categories that starts within
// N days from the order date (00:00 local time) is included ("Support Fragen 30 Tage").
//
//   CatalogueItem client{.code = "training-client", .name = "Remote User Training – Client",
//                        .kind = ItemKind::training, .price = 450.00 EUR,
//                        .session_length = 2h, .participants_per_session = 20};
//   price_order(catalogue, {.item = "training-client", .date = 2026-11-10, .participants = 45})
//     → 3 sessions × 450.00 EUR = 1,350.00 EUR
//   entitlement_windows(catalogue, care-free order on 2026-11-10, Europe/Berlin)
//     → "Support Fragen 30 Tage": [2026-11-09T23:00Z, 2026-12-09T23:00Z) for "support_question"
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tierdesk/base/error.hpp"
#include "tierdesk/billing/money.hpp"
#include "tierdesk/base/time.hpp"
#include "tierdesk/base/zone.hpp"

namespace tierdesk {

enum class ItemKind { package, bundle, training };

// Work in `categories` starting within `days` days from the order date is included.
struct Entitlement {
  std::string name;
  std::vector<std::string> categories;
  int days = 0;
  friend bool operator==(const Entitlement&, const Entitlement&) = default;
};

struct CatalogueItem {
  std::string code;
  std::string name;
  ItemKind kind = ItemKind::package;
  Money price;                             // per package, bundle or session; bundles may leave it 0
  std::vector<std::string> parts;          // bundle: the codes of its items
  std::chrono::minutes session_length{0};  // training
  int participants_per_session = 0;        // training
  std::vector<Entitlement> entitlements;
  friend bool operator==(const CatalogueItem&, const CatalogueItem&) = default;
};

// One order of a catalogue item by a customer.
struct CatalogueOrder {
  std::string item;      // CatalogueItem::code
  Date date{};           // the order (or start) date, in the contract's zone
  int quantity = 1;      // packages and bundles
  int participants = 0;  // trainings
  std::string ticket;    // optional: the ticket the order belongs to
  friend bool operator==(const CatalogueOrder&, const CatalogueOrder&) = default;
};

// What an order costs: `quantity` units of `unit_price`.
struct PricedOrder {
  std::string text;
  std::int64_t quantity = 0;
  Money unit_price;
  Money amount;
  friend bool operator==(const PricedOrder&, const PricedOrder&) = default;
};

// The window an entitlement opens: [from, until) in UTC.
struct EntitlementWindow {
  std::string name;
  std::vector<std::string> categories;
  Segment<Instant> window;
  friend bool operator==(const EntitlementWindow&, const EntitlementWindow&) = default;
};

// Unique non-empty codes, every bundle part exists and is not itself a bundle, trainings have
// a positive length and group size, prices in `currency` and not negative, windows of at least
// one day. Errors name the item and the field.
Result<void> validate(std::span<const CatalogueItem> catalogue, Currency currency);

// The item with `code`, or Errc::not_found naming it.
Result<const CatalogueItem*> find_item(std::span<const CatalogueItem> catalogue,
                                       std::string_view code);

// The order's price: a package or bundle costs quantity × price (a bundle without a price
// costs the sum of its parts), a training ceil(participants / participants_per_session)
// sessions × price. Errc::invalid_argument for quantity < 1 or a training without participants.
Result<PricedOrder> price_order(std::span<const CatalogueItem> catalogue,
                                const CatalogueOrder& order);

// The windows the ordered item grants, with those of a bundle's parts, each starting at
// 00:00 of the order date in `zone` and lasting `days` calendar days.
Result<std::vector<EntitlementWindow>> entitlement_windows(std::span<const CatalogueItem> catalogue,
                                                           const CatalogueOrder& order,
                                                           const Zone& zone);

// The instant local midnight starts `date` in `zone` (the transition when midnight is skipped).
Instant start_of_day(Date date, const Zone& zone);

}  // namespace tierdesk
