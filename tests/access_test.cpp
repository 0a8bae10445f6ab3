// API tokens: roles, secrets, digests and their rows in the store, on every backend
// (support/store_backends.hpp).
#include <functional>
#include <utility>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "support/store_backends.hpp"
#include "tierdesk/access/access.hpp"
#include "tierdesk/access/token_cache.hpp"

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

namespace {

// A MemoryStore that counts token lookups, can fail them, and can run something in the middle
// of one (as another thread would).
class CountingTokens final : public TokenStore {
 public:
  Result<ApiToken> add_token(const ApiToken& token) override { return inner.add_token(token); }
  Result<std::optional<ApiToken>> token_by_digest(std::string_view digest) override {
    ++reads;
    if (failing) return fail(Errc::io_error, "disk I/O error");
    auto found = inner.token_by_digest(digest);
    if (during_read) std::exchange(during_read, nullptr)();
    return found;
  }
  Result<std::vector<ApiToken>> tokens() override { return inner.tokens(); }
  Result<void> revoke_token(std::int64_t id) override { return inner.revoke_token(id); }

  MemoryStore inner;
  int reads = 0;
  bool failing = false;
  std::function<void()> during_read;
};

}  // namespace

TEST_CASE("the token cache keeps found tokens for its ttl, and forgets at once when told") {
  using namespace std::chrono;
  CountingTokens store;
  REQUIRE(store.add_token({.name = "anna", .digest = token_digest("s-anna"), .created_at = t0}));
  REQUIRE(store.add_token({.name = "bo", .digest = token_digest("s-bo"), .created_at = t0}));
  TokenCache cache({.ttl = 1000ms, .capacity = 8});
  const TokenCache::Clock::time_point start{};

  auto first = cache.find(store, token_digest("s-anna"), start);
  REQUIRE(first);
  REQUIRE(first->has_value());
  CHECK((*first)->name == "anna");
  CHECK(store.reads == 1);
  auto again = cache.find(store, token_digest("s-anna"), start + 999ms);
  REQUIRE(again);
  CHECK((*again)->name == "anna");
  CHECK(store.reads == 1);
  CHECK(cache.size() == 1);

  // Revoked behind the cache's back: still the kept token until the ttl ran out, then refused.
  REQUIRE(store.revoke_token(1));
  CHECK_FALSE((*cache.find(store, token_digest("s-anna"), start + 999ms))->revoked);
  CHECK(store.reads == 1);
  auto late = cache.find(store, token_digest("s-anna"), start + 1000ms);
  REQUIRE(late);
  CHECK((*late)->revoked);
  CHECK(store.reads == 2);
  CHECK(cache.size() == 0);  // a revoked token is never kept
  CHECK((*cache.find(store, token_digest("s-anna"), start + 1001ms))->revoked);
  CHECK(store.reads == 3);

  // forget(): the next find reads the store, whatever the ttl.
  REQUIRE(cache.find(store, token_digest("s-bo"), start));
  CHECK(store.reads == 4);
  REQUIRE(store.revoke_token(2));
  cache.forget();
  CHECK((*cache.find(store, token_digest("s-bo"), start + 1ms))->revoked);
  CHECK(store.reads == 5);
}

TEST_CASE("the token cache keeps no guesses, no errors, nothing past its capacity, and nothing "
          "read while it was told to forget") {
  using namespace std::chrono;
  CountingTokens store;
  for (int i = 0; i < 5; ++i)
    REQUIRE(store.add_token({.name = fmt::format("t{}", i), .digest = token_digest(fmt::format("s{}", i)),
                             .created_at = t0}));
  TokenCache cache({.ttl = 1000ms, .capacity = 3});
  const TokenCache::Clock::time_point start{};

  for (int i = 0; i < 3; ++i) {
    auto guess = cache.find(store, token_digest("td_guess"), start);
    REQUIRE(guess);
    CHECK_FALSE(guess->has_value());
  }
  CHECK(store.reads == 3);
  CHECK(cache.size() == 0);

  store.failing = true;
  auto broken = cache.find(store, token_digest("s0"), start);
  REQUIRE_FALSE(broken);
  CHECK(broken.error().is(Errc::io_error));
  CHECK(cache.size() == 0);
  store.failing = false;

  for (int i = 0; i < 5; ++i) REQUIRE(cache.find(store, token_digest(fmt::format("s{}", i)), start));
  // Full of live tokens at the fourth: it starts over with s3, then keeps s4.
  CHECK(cache.size() == 2);
  CHECK(store.reads == 9);
  REQUIRE(cache.find(store, token_digest("s0"), start + 2s));
  CHECK(cache.size() == 3);
  // Full again, past the ttl of s3 and s4: they make room, s0 (live) stays.
  REQUIRE(cache.find(store, token_digest("s1"), start + 2s));
  CHECK(cache.size() == 2);
  CHECK(store.reads == 11);
  REQUIRE(cache.find(store, token_digest("s0"), start + 2s));
  CHECK(store.reads == 11);

  // A revocation through this process while another thread read the token: not kept.
  cache.forget();
  store.during_read = [&] { cache.forget(); };
  REQUIRE(cache.find(store, token_digest("s1"), start + 2s));
  CHECK(cache.size() == 0);
  REQUIRE(cache.find(store, token_digest("s1"), start + 2s));
  CHECK(cache.size() == 1);

  TokenCache off({.ttl = 0ms});
  const int before = store.reads;
  REQUIRE(off.find(store, token_digest("s2"), start));
  REQUIRE(off.find(store, token_digest("s2"), start));
  CHECK(store.reads == before + 2);
  CHECK(off.size() == 0);
}
