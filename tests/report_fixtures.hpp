// A small Solutionbar desk for the report tests: tickets stored with chosen histories and
// clock caches, and the contract's billing rules with a 10-hour monthly contingent.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "tierdesk/billing.hpp"
#include "tierdesk/sqlite_store.hpp"
#include "tierdesk/work.hpp"

namespace report_test {

using namespace std::chrono_literals;
using tierdesk::HistoryKind;
using tierdesk::Instant;

inline Instant at(std::string_view iso) {
  auto t = tierdesk::parse_iso8601(iso);
  REQUIRE(t);
  return *t;
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

inline tierdesk::ClockEntry clock(std::string name, std::string state,
                                  std::optional<std::string_view> due = std::nullopt,
                                  bool open_breach = false) {
  tierdesk::ClockEntry c;
  c.clock = std::move(name);
  c.state = std::move(state);
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

}  // namespace report_test
