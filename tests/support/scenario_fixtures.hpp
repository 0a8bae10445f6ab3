// One provider's desk for the end-to-end scenario tests: its preset contract from
// examples/contracts/, an in-memory store and the service desk that runs tickets under it.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "../billing_fixtures.hpp"
#include "tierdesk/service/contract_book.hpp"
#include "tierdesk/service/service_desk.hpp"
#include "tierdesk/store/sqlite_store.hpp"
#include "tierdesk/billing/statement.hpp"
#include "tierdesk/contract/statement_store.hpp"
#include "tierdesk/desk/ticket_clocks.hpp"

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

// One provider's desk: its preset as the only contract of the book, an in-memory store, and
// the service desk over both. Built in place: the desk refers to the book and the store.
struct Provider {
  explicit Provider(std::string_view name, std::string_view customer_id)
      : book(make_book(name)), store(memory_store()), desk(book, store), customer(customer_id) {}
  Provider(const Provider&) = delete;
  Provider& operator=(const Provider&) = delete;

  static tierdesk::ContractBook make_book(std::string_view name) {
    auto book = tierdesk::ContractBook::make({preset(name)});
    REQUIRE(book);
    return *std::move(book);
  }

  // Opens a ticket the way the customer asked (the contract fills in what is left open).
  tierdesk::Ticket open(const Request& q) {
    auto result = desk.open({.customer = customer,
                             .channel = q.channel,
                             .category = q.category,
                             .priority = q.priority,
                             .subject = q.subject,
                             .body = q.body,
                             .urgent = q.urgent,
                             .by = {customer + "@kunde.example", at(q.at)}});
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
    auto s = desk.statement(customer, month);
    if (!s) FAIL(s.error().message());
    return *std::move(s);
  }

  const tierdesk::Contract& contract() const { return book.contracts().front(); }

  tierdesk::ContractBook book;
  tierdesk::SqliteStore store;
  tierdesk::ServiceDesk desk;
  std::string customer;
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
