// Layer access — API tokens and the TokenStore interface (this header). Depends on base.
// docs/architecture.md "Layers" has the picture and the include rule.
//
// API access: bearer tokens with a role, kept in the store as SHA-256 digests only.
//
// A token's secret is shown once, when it is created; the store keeps its digest, so a copy
// of the database does not give anyone access. Roles:
//   agent     everything on the desk's tickets, work, due lists, reports and statements
//   customer  only its own customer's tickets: open, show, reply, overview
//   admin     tokens and contracts
//
//   auto issued = *issue_token(store, {.name = "portal", .role = AccessRole::customer,
//                                      .customer = "acme", .created_at = now});
//   issued.secret                                   // "td_3f9c…" (67 characters), shown once
//   store.token_by_digest(token_digest(issued.secret))  // → the token, or std::nullopt
//
// This layer needs only the base layer; the store backends (tierdesk/store/) implement
// TokenStore.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tierdesk/base/error.hpp"
#include "tierdesk/base/time.hpp"

namespace tierdesk {

enum class AccessRole : std::uint8_t { agent, customer, admin };

// "agent", "customer", "admin".
std::string_view to_string(AccessRole r) noexcept;
Result<AccessRole> parse_access_role(std::string_view text);

struct ApiToken {
  std::int64_t id = 0;     // set by the store
  std::string name;        // who or what holds it, e.g. "portal", "anna"
  AccessRole role = AccessRole::agent;
  std::string customer{};  // the customer a customer token is bound to; empty otherwise
  std::string digest{};    // token_digest(secret)
  Instant created_at{};
  bool revoked = false;
  friend bool operator==(const ApiToken&, const ApiToken&) = default;
};

// "td_" and 64 hex digits from 32 bytes of OpenSSL's random generator.
// Errc::io_error when the random source is unavailable.
Result<std::string> generate_token_secret();

// The digest a store keeps for `secret`: SHA-256 (OpenSSL's libcrypto) as 64 hex digits.
std::string token_digest(std::string_view secret);

// Errc::invalid_argument when a customer token names no customer, or another role names one.
Result<void> check_token(const ApiToken& token);

// Where tokens are kept. A TokenStore only keeps them: what a role may do is the hosts' and
// the service desk's business (Scope), whether a token is well-formed check_token's.
class TokenStore {
 public:
  virtual ~TokenStore() = default;

  // Stores the token and returns it with its id;
  // Errc::conflict when the digest is already stored.
  virtual Result<ApiToken> add_token(const ApiToken& token) = 0;
  // The token with this digest, revoked or not; std::nullopt when there is none.
  virtual Result<std::optional<ApiToken>> token_by_digest(std::string_view digest) = 0;
  // Every token, by id.
  virtual Result<std::vector<ApiToken>> tokens() = 0;
  // Marks a token revoked (it stays listed). Errc::not_found for an unknown id.
  virtual Result<void> revoke_token(std::int64_t id) = 0;
};

// A token just issued: the stored token and its secret, which is not stored and cannot be
// shown again.
struct IssuedToken {
  ApiToken token;
  std::string secret;
};

// Issues `draft` (its id and digest are ignored): checks it (check_token), draws a secret
// (generate_token_secret) and stores its digest. The one way hosts create tokens.
Result<IssuedToken> issue_token(TokenStore& store, ApiToken draft);

}  // namespace tierdesk
