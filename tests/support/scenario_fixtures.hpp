// One provider's desk for the end-to-end scenario tests: its preset contract from
// examples/contracts/, an in-memory store, a desk with the contract's prefix, tiers and SLA
// clocks, and intake under the contract's terms for one customer.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "../billing_fixtures.hpp"
#include "tierdesk/contract.hpp"
#include "tierdesk/desk.hpp"
#include "tierdesk/intake.hpp"
#include "tierdesk/sqlite_store.hpp"
#include "tierdesk/statement.hpp"
#include "tierdesk/statement_store.hpp"
#include "tierdesk/ticket_clocks.hpp"

namespace scenario {

using namespace std::chrono_literals;
using tierdesk::Instant;
using tierdesk::Money;

using billing_test::at;
using billing_test::money;

inline tierdesk::Contract preset(std::string_view name) {
  auto c = tierdesk::load_contract_file(std::string(TIERDESK_SOURCE_DIR) + "/examples/contracts/" +
                                        std::string(name) + ".json");
  REQUIRE(c);
  return *std::move(c);
}

inline tierdesk::SqliteStore memory_store() {
  auto store = tierdesk::SqliteStore::open({.path = ":memory:"});
  REQUIRE(store);
  return std::move(*store);
}

inline tierdesk::DeskConfig desk_config(const tierdesk::Contract& c) {
  tierdesk::DeskConfig config{.prefix = c.prefix, .tiers = c.tiers};
  if (c.sla) config.clocks = tierdesk::sla_clock_function(*c.sla, c.tiers);
  return config;
}

inline std::vector<tierdesk::ContractTerms> all_terms(const tierdesk::Contract& c) {
  std::vector<tierdesk::ContractTerms> out;
  for (const auto& customer : c.customers) out.push_back(tierdesk::terms_for(c, customer));
  return out;
}

// What a customer asks for; `at` is ISO-8601 with the offset.
struct Request {
  tierdesk::Channel channel = tierdesk::Channel::email;
  std::string subject{};
  std::string body{};
  std::string category{};
  std::string priority{};  // empty: the category's, else the contract's default
  bool urgent = false;
  std::string at{};
};

inline const tierdesk::ContractCustomer& customer_of(const tierdesk::Contract& c,
                                                    std::string_view id) {
  for (const auto& k : c.customers)
    if (k.id == id) return k;
  FAIL("no customer " << id);
  return c.customers.front();
}

// Built in place: the desk refers to the store, intake to the desk.
struct Provider {
  explicit Provider(std::string_view name, std::string_view customer_id)
      : contract(preset(name)),
        store(memory_store()),
        desk(store, desk_config(contract)),
        customer(customer_id),
        intake(desk, {terms_for(contract, customer_of(contract, customer_id))}) {}
  Provider(const Provider&) = delete;
  Provider& operator=(const Provider&) = delete;

  // Opens a ticket through intake (contract's defaults for what the request leaves open).
  tierdesk::Ticket open(const Request& q) {
    tierdesk::InboundRequest r{.channel = q.channel, .contract = contract.id,
                               .from = customer + "@kunde.example", .message_id = {},
                               .subject = q.subject, .body = q.body, .category = q.category,
                               .priority = q.priority, .urgent = q.urgent, .at = at(q.at)};
    auto result = intake.receive(r);
    if (!result) FAIL(result.error().message());
    return result->ticket;
  }

  void work(const tierdesk::Ticket& t, std::string_view start, std::chrono::minutes minutes,
            tierdesk::Role role = tierdesk::Role::support,
            tierdesk::WorkKind kind = tierdesk::WorkKind::remote) {
    tierdesk::WorkEntry e{.ticket = t.ref.str(), .agent = "agent", .start = at(start),
                          .duration = minutes, .kind = kind, .role = role, .note = {}};
    auto logged = desk.log_work(t.ref, e, {"agent", e.end()});
    if (!logged) FAIL(logged.error().message());
  }

  tierdesk::Statement statement(std::chrono::year_month month) {
    auto s = tierdesk::statement_from_store(store, contract, customer, month);
    if (!s) FAIL(s.error().message());
    return *std::move(s);
  }

  tierdesk::Contract contract;
  tierdesk::SqliteStore store;
  tierdesk::Desk desk;
  std::string customer;
  tierdesk::Intake intake;
};

// The line of `kind` for ticket `ref` ("OO-2026-000001"); fails when there is none.
inline const tierdesk::StatementLine& line(const tierdesk::Statement& s, tierdesk::LineKind kind,
                                           std::string_view ref) {
  for (const auto& l : s.lines)
    if (l.kind == kind && l.tickets.size() == 1 && l.tickets[0] == ref) return l;
  FAIL("no " << to_string(kind) << " line for " << ref);
  return s.lines.front();
}

}  // namespace scenario
