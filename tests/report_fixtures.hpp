// A small Solutionbar desk for the report tests: tickets stored with chosen histories and
// clock caches, and the contract's billing rules with a 10-hour monthly contingent.
#pragma once

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "tierdesk/billing/billing.hpp"
#include "tierdesk/contract/contract.hpp"
#include "tierdesk/desk/desk.hpp"
#include "tierdesk/store/sqlite_store.hpp"
#include "tierdesk/desk/work.hpp"

namespace report_test {

using namespace std::chrono_literals;
using tierdesk::HistoryKind;
using tierdesk::Instant;

inline Instant at(std::string_view iso) {
  auto t = tierdesk::parse_iso8601(iso);
  REQUIRE(t);
  return *t;
}

inline tierdesk::ClockId clock_id(std::string_view name) {
  return tierdesk::ClockId::parse(name).value();
}

struct Step {
  std::string at;
  HistoryKind kind;
  std::string value{};
};

struct SeedTicket {
  std::string customer;
  std::string category;
  std::string subject;
  std::string created;
  std::string priority = "normal";
  std::string channel = "email";
  std::vector<Step> then{};
  std::vector<tierdesk::ClockEntry> clocks{};
};

// Stores `t` as the next ticket of (SB, 2026) and returns its reference.
inline tierdesk::TicketRef store_ticket(tierdesk::Store& store, const SeedTicket& t) {
  tierdesk::HistoryEvent created{1, at(t.created), "anna@kunde.example", HistoryKind::created, "",
                                 {}};
  created.payload = {{"customer", t.customer}, {"contract", t.customer + "-2026"},
                     {"channel", t.channel},   {"category", t.category},
                     {"priority", t.priority}, {"subject", t.subject}};
  tierdesk::TicketChange change;
  change.events.push_back(created);
  for (const auto& s : t.then)
    change.events.push_back(
        {static_cast<std::int64_t>(change.events.size() + 1), at(s.at), "bo", s.kind, s.value, {}});
  auto state = tierdesk::fold(tierdesk::TicketRef{"SB", 2026, 1}, change.events);
  REQUIRE(state);
  change.state = *state;
  change.clocks = t.clocks;
  auto stored = store.create("SB", 2026, std::span(&change, 1));
  REQUIRE(stored);
  return stored->front().ref;
}

inline tierdesk::ClockEntry clock(std::string_view name, std::string_view state,
                                  std::optional<std::string_view> due = std::nullopt,
                                  bool open_breach = false) {
  tierdesk::ClockEntry c;
  c.clock = tierdesk::ClockId::parse(name).value();
  c.state = tierdesk::parse_clock_state(state).value();
  if (due) c.due = at(*due);
  c.open_breach = open_breach;
  return c;
}

inline tierdesk::SqliteStore memory_store() {
  auto store = tierdesk::SqliteStore::open({.path = ":memory:"});
  REQUIRE(store);
  return std::move(*store);
}

// Solutionbar: every category drawn from a 10 h monthly contingent in 15-minute steps per
// entry, overage at 120.00 EUR/h, Europe/Berlin.
inline tierdesk::BillingRules solutionbar_rules() {
  tierdesk::BillingRules r;
  r.currency = *tierdesk::Currency::of("EUR");
  r.vat = tierdesk::BasisPoints{1900};
  r.zone = *tierdesk::Zone::locate("Europe/Berlin");
  r.rates = {{std::nullopt, std::nullopt, *tierdesk::Money::parse("120.00 EUR")}};
  r.rounding = {15min, 0s, tierdesk::Rounding::Scope::per_entry};
  r.contingent = tierdesk::ContingentPolicy{
      600min, 0min, 0, tierdesk::CarryOver::expire, 0min, *tierdesk::Money::parse("120.00 EUR")};
  for (const auto* name : {"network", "printer", "email", "security"})
    r.categories.push_back({name, tierdesk::Treatment::contingent, {}});
  return r;
}

inline tierdesk::WorkEntry work(std::string ticket, std::string_view start,
                                std::chrono::seconds d) {
  return {std::move(ticket),       "bo", at(start), d, tierdesk::WorkKind::remote,
          tierdesk::Role::support, ""};
}

// Stores each entry on its ticket as the desk does: a work_logged event and the entry,
// recorded when the work ended (or when the ticket last changed, if later).
inline void store_work(tierdesk::Store& store, const std::vector<tierdesk::WorkEntry>& entries) {
  tierdesk::Desk desk(store, {.prefix = "SB"});
  for (const auto& e : entries) {
    const auto ref = tierdesk::TicketRef::parse(e.ticket).value();
    const auto t = store.ticket(ref).value();
    auto logged = desk.log_work(ref, e, {"bo", std::max(e.end(), t.updated_at)});
    if (!logged) FAIL(logged.error().message());
  }
}

// A contract with `rules` and the customers `ids`, customers since 2026-01-01.
inline tierdesk::Contract contract_with(tierdesk::BillingRules rules,
                                        std::vector<std::string> ids) {
  tierdesk::Contract c{.name = "Test contract", .billing = std::move(rules)};
  c.id = "test";
  c.prefix = "SB";
  for (auto& id : ids)
    c.customers.push_back({.id = std::move(id), .start = *tierdesk::parse_date("2026-01-01")});
  return c;
}

inline const tierdesk::ContractCustomer& customer(const tierdesk::Contract& c,
                                                  std::string_view id) {
  for (const auto& k : c.customers)
    if (k.id == id) return k;
  FAIL("no customer " << id);
  return c.customers.front();
}

}  // namespace report_test
