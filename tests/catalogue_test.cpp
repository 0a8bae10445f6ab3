// Catalogue items, bundles, trainings and entitlement windows (1&1 Cloud PBX, seed 001).
// The seed lists the packages without prices; the prices here are illustrative.
#include <doctest/doctest.h>

#include "billing_fixtures.hpp"
#include "tierdesk/billing/catalogue.hpp"
#include "tierdesk/billing/statement.hpp"

using namespace billing_test;
using tierdesk::CatalogueItem;
using tierdesk::CatalogueOrder;
using tierdesk::Errc;
using tierdesk::ItemKind;
using tierdesk::LineKind;
using tierdesk::LineUnit;

namespace {

CatalogueItem package(std::string code, std::string name, std::string_view price) {
  CatalogueItem item;
  item.code = std::move(code);
  item.name = std::move(name);
  item.price = money(price);
  return item;
}

CatalogueItem window(std::string code, std::string name, std::string category) {
  CatalogueItem item = package(std::move(code), name, "0.00 EUR");
  item.entitlements = {{std::move(name), {std::move(category)}, 30}};
  return item;
}

CatalogueItem training(std::string code, std::string name, std::chrono::minutes length, int per,
                       std::string_view price) {
  CatalogueItem item = package(std::move(code), std::move(name), price);
  item.kind = ItemKind::training;
  item.session_length = length;
  item.participants_per_session = per;
  return item;
}

std::vector<CatalogueItem> cloud_pbx_catalogue() {
  CatalogueItem care_free = package("care-free", "Care Free Package", "0.00 EUR");
  care_free.kind = ItemKind::bundle;
  care_free.parts = {"welcome",           "remote-devices",     "remote-pbx",
                     "admin-walkthrough", "client-walkthrough", "change-request-30",
                     "support-30"};
  return {
      package("welcome", "Welcome Package", "99.00 EUR"),
      package("remote-devices", "Paket Remote Einrichtung der Endgeräte", "299.00 EUR"),
      package("remote-pbx", "Paket Remote Einrichtung Cloud PBX", "499.00 EUR"),
      package("admin-walkthrough", "Admin Walkthrough", "149.00 EUR"),
      package("client-walkthrough", "Client/Endgeräte Walkthrough", "149.00 EUR"),
      window("change-request-30", "Change Request 30 Tage", "change_request"),
      window("support-30", "Support Fragen 30 Tage", "support_question"),
      care_free,
      training("training-device", "Paket Remote User Training – Hardware-Endgerät", 60min, 20,
               "150.00 EUR"),
      training("training-client", "Paket Remote User Training – Client", 120min, 20, "250.00 EUR"),
      training("training-admin", "Paket Remote Admin-Training", 300min, 2, "600.00 EUR"),
  };
}

CatalogueOrder order(std::string item, std::string_view on, int participants = 0) {
  return {std::move(item), civil_date(on), 1, participants, ""};
}

}  // namespace

TEST_CASE("a bundle without its own price costs the sum of its parts") {
  const auto catalogue = cloud_pbx_catalogue();
  REQUIRE(tierdesk::validate(catalogue, *tierdesk::Currency::of("EUR")));
  auto priced = tierdesk::price_order(catalogue, order("care-free", "2026-11-10"));
  REQUIRE(priced);
  CHECK(priced->quantity == 1);
  CHECK(priced->unit_price == money("1,195.00 EUR"));
  CHECK(priced->amount == money("1,195.00 EUR"));
  CHECK(priced->text ==
        "Care Free Package (Welcome Package, Paket Remote Einrichtung der Endgeräte, Paket Remote "
        "Einrichtung Cloud PBX, Admin Walkthrough, Client/Endgeräte Walkthrough, Change Request "
        "30 Tage, Support Fragen 30 Tage)");
  auto own_price = catalogue;
  own_price[7].price = money("990.00 EUR");
  CHECK(tierdesk::price_order(own_price, order("care-free", "2026-11-10"))->amount ==
        money("990.00 EUR"));
}

TEST_CASE("trainings are sized per 20 users: ceil(users / 20) sessions") {
  const auto catalogue = cloud_pbx_catalogue();
  const auto sessions = [&](int users) {
    return tierdesk::price_order(catalogue, order("training-client", "2026-11-10", users))
        ->quantity;
  };
  CHECK(sessions(1) == 1);
  CHECK(sessions(20) == 1);
  CHECK(sessions(21) == 2);
  CHECK(sessions(40) == 2);
  CHECK(sessions(45) == 3);
  auto p = tierdesk::price_order(catalogue, order("training-client", "2026-11-10", 45));
  CHECK(p->amount == money("750.00 EUR"));
  CHECK(p->text ==
        "Paket Remote User Training – Client (120 min per session, 45 participants, up to 20 per "
        "session)");
  CHECK(tierdesk::price_order(catalogue, order("training-admin", "2026-11-10", 3))->amount ==
        money("1,200.00 EUR"));
  auto none = tierdesk::price_order(catalogue, order("training-client", "2026-11-10", 0));
  REQUIRE_FALSE(none);
  CHECK(none.error().message() == "participants: got \"0\", expected at least 1 for a training");
  auto unknown = tierdesk::price_order(catalogue, order("fax-setup", "2026-11-10"));
  CHECK(unknown.error().code() == Errc::not_found);
  CHECK(unknown.error().message() == "item: no catalogue item \"fax-setup\"");
}

TEST_CASE("validate checks bundles, trainings and codes") {
  const auto eur = *tierdesk::Currency::of("EUR");
  auto c = cloud_pbx_catalogue();
  c[7].parts.push_back("missing");
  CHECK(tierdesk::validate(c, eur).error().message() ==
        "catalogue[\"care-free\"].parts: item: no catalogue item \"missing\"");
  c = cloud_pbx_catalogue();
  c[7].parts.push_back("care-free");
  CHECK(tierdesk::validate(c, eur).error().message() ==
        "catalogue[\"care-free\"].parts: got \"care-free\", expected packages or trainings, not "
        "bundles");
  c = cloud_pbx_catalogue();
  c[8].participants_per_session = 0;
  CHECK(tierdesk::validate(c, eur).error().code() == Errc::invalid_argument);
  c = cloud_pbx_catalogue();
  c.push_back(c[0]);
  CHECK(tierdesk::validate(c, eur).error().code() == Errc::conflict);
  CHECK(tierdesk::validate(cloud_pbx_catalogue(), *tierdesk::Currency::of("DKK")).error().code() ==
        Errc::currency_mismatch);
}

TEST_CASE("a bundle grants its parts' entitlement windows from 00:00 of the order date") {
  const auto berlin = *tierdesk::Zone::locate("Europe/Berlin");
  auto w = tierdesk::entitlement_windows(cloud_pbx_catalogue(), order("care-free", "2026-11-10"),
                                         berlin);
  REQUIRE(w);
  REQUIRE(w->size() == 2);
  CHECK((*w)[0].name == "Change Request 30 Tage");
  CHECK((*w)[0].categories == std::vector<std::string>{"change_request"});
  CHECK((*w)[0].window.begin == at("2026-11-09T23:00:00Z"));
  CHECK((*w)[0].window.end == at("2026-12-09T23:00:00Z"));
  CHECK((*w)[1].name == "Support Fragen 30 Tage");
  CHECK(tierdesk::entitlement_windows(cloud_pbx_catalogue(), order("welcome", "2026-11-10"), berlin)
            ->empty());
}

namespace {

// 1&1: support questions billed per started hour at 120 EUR, change requests need a quote.
tierdesk::BillingRules cloud_pbx_rules() {
  tierdesk::BillingRules r;
  r.currency = *tierdesk::Currency::of("EUR");
  r.vat = tierdesk::BasisPoints{1900};
  r.zone = *tierdesk::Zone::locate("Europe/Berlin");
  r.rates = {{std::nullopt, std::nullopt, money("120.00 EUR")}};
  r.rounding = {60min, 0s, tierdesk::Rounding::Scope::per_ticket};
  r.catalogue = cloud_pbx_catalogue();
  r.categories = {{"support_question", tierdesk::Treatment::billable, {}},
                  {"change_request", tierdesk::Treatment::quote_required, {}}};
  return r;
}

tierdesk::StatementInput cloud_pbx_input(std::chrono::year_month month) {
  tierdesk::StatementInput in;
  in.customer = "kanzlei-berg";
  in.period = tierdesk::StatementPeriod::month(month);
  in.orders = {order("training-client", "2026-11-12", 45), order("care-free", "2026-11-10")};
  in.tickets = {
      {"CP-1", "support_question", {work("CP-1", "2026-11-20T10:00:00+01:00", 45min)}, {}, false},
      {"CP-2",
       "support_question",
       {work("CP-2", "2026-12-09T23:30:00+01:00", 20min),   // last half hour of the window
        work("CP-2", "2026-12-10T00:00:00+01:00", 20min)},  // first minute after it
       {},
       false},
      {"CP-3", "change_request", {work("CP-3", "2026-12-14T10:00:00+01:00", 90min)}, {}, false},
  };
  return in;
}

}  // namespace

TEST_CASE("1&1 November: packages and trainings billed, support within 30 days included") {
  const auto s = statement(cloud_pbx_rules(), cloud_pbx_input(std::chrono::year{2026} / 11));
  REQUIRE(s.lines.size() == 3);
  CHECK(s.lines[0].kind == LineKind::included);
  CHECK(s.lines[0].text == "CP-1 support_question: included (Support Fragen 30 Tage)");
  CHECK(s.lines[0].quantity == 45);
  CHECK(s.lines[1].kind == LineKind::catalogue);
  CHECK(s.lines[1].amount == money("1,195.00 EUR"));
  CHECK(s.lines[2].unit == LineUnit::session);
  CHECK(s.lines[2].quantity == 3);
  CHECK(s.lines[2].amount == money("750.00 EUR"));
  CHECK(s.subtotal == money("1,945.00 EUR"));
  CHECK(s.vat == money("369.55 EUR"));
  CHECK(s.total == money("2,314.55 EUR"));
}

TEST_CASE("1&1 December: the window ends at 00:00 on day 30, after it per started hour") {
  const auto s = statement(cloud_pbx_rules(), cloud_pbx_input(std::chrono::year{2026} / 12));
  REQUIRE(s.lines.size() == 3);
  CHECK(s.lines[0].text == "CP-2 support_question: support, remote");
  CHECK(s.lines[0].quantity == 60);  // 20 minutes, per started hour
  CHECK(s.lines[0].amount == money("120.00 EUR"));
  CHECK(s.lines[1].text == "CP-2 support_question: included (Support Fragen 30 Tage)");
  CHECK(s.lines[1].quantity == 20);
  CHECK(s.lines[2].kind == LineKind::needs_quote);
  CHECK(s.lines[2].quantity == 90);
  CHECK(s.total == money("142.80 EUR"));
}
