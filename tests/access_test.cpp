// API tokens: roles, secrets, digests and their rows in the store, on every backend
// (support/store_backends.hpp).
#include <doctest/doctest.h>

#include "support/store_backends.hpp"
#include "tierdesk/access/access.hpp"

using namespace tierdesk;
using namespace std::chrono_literals;

namespace {
const Instant t0 = std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + 9h;
}

TEST_CASE("roles by name") {
  CHECK(*parse_access_role("customer") == AccessRole::customer);
  CHECK(to_string(AccessRole::admin) == "admin");
  auto bad = parse_access_role("root");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message() == "role: got \"root\", expected agent, customer or admin");
}

TEST_CASE("a secret is td_ and 64 hex digits, and two secrets differ") {
  auto a = generate_token_secret();
  auto b = generate_token_secret();
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->size() == 67);
  CHECK(a->starts_with("td_"));
  CHECK(a->find_first_not_of("0123456789abcdef", 3) == std::string::npos);
  CHECK(*a != *b);
}

TEST_CASE("the digest is SHA-256 of the secret") {
  // FIPS 180-4's one- and two-block examples, and the empty message.
  CHECK(token_digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(token_digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(token_digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE_TEMPLATE("tokens in the store: added, found by digest, listed, revoked", Backend,
                   TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto* store = &backend.store;
  const ApiToken portal{.name = "portal", .role = AccessRole::customer, .customer = "acme",
                        .digest = token_digest("secret-1"), .created_at = t0};
  auto added = store->add_token(portal);
  REQUIRE(added);
  CHECK(added->id == 1);
  auto found = store->token_by_digest(token_digest("secret-1"));
  REQUIRE(found);
  REQUIRE(found->has_value());
  CHECK((*found)->name == "portal");
  CHECK((*found)->role == AccessRole::customer);
  CHECK((*found)->customer == "acme");
  CHECK((*found)->created_at == t0);
  CHECK_FALSE((*found)->revoked);

  auto missing = store->token_by_digest(token_digest("secret-2"));
  REQUIRE(missing);
  CHECK_FALSE(missing->has_value());

  auto twice = store->add_token(portal);
  REQUIRE_FALSE(twice);
  CHECK(twice.error().is(Errc::conflict));

  REQUIRE(store->add_token({.name = "bo", .role = AccessRole::agent, .digest = token_digest("s3"), .created_at = t0}));
  REQUIRE(store->revoke_token(1));
  auto all = store->tokens();
  REQUIRE(all);
  REQUIRE(all->size() == 2);
  CHECK((*all)[0].revoked);
  CHECK((*all)[1].name == "bo");
  CHECK_FALSE((*all)[1].revoked);
  CHECK(store->revoke_token(7).error().is(Errc::not_found));
}

// issue_token checks a token before the store keeps it; the store keeps what it is given.
TEST_CASE_TEMPLATE("a customer token needs its customer, other roles have none", Backend,
                   TIERDESK_STORE_BACKENDS) {
  Backend backend;
  auto* store = &backend.store;
  auto no_customer = issue_token(*store, {.name = "p", .role = AccessRole::customer, .digest = token_digest("x")});
  REQUIRE_FALSE(no_customer);
  CHECK(no_customer.error().is(Errc::invalid_argument));
  auto agent_with = issue_token(
      *store, {.name = "a", .role = AccessRole::agent, .customer = "acme", .digest = token_digest("y")});
  REQUIRE_FALSE(agent_with);
  CHECK(agent_with.error().message() == "customer: got \"acme\", expected no customer for the agent role");
  auto all = store->tokens();
  REQUIRE(all);
  CHECK(all->empty());

  auto kept = store->add_token({.name = "p", .role = AccessRole::customer, .digest = token_digest("x")});
  REQUIRE(kept);
  CHECK(kept->customer.empty());
  CHECK(store->tokens()->size() == 1);
}
