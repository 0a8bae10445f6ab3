// API access: bearer tokens with a role, kept in the store as SHA-256 digests only.
//
// A token's secret is shown once, when it is created; the store keeps its digest, so a copy
// of the database does not give anyone access. Roles:
//   agent     everything on the desk's tickets, work, due lists, reports and statements
//   customer  only its own customer's tickets: open, show, reply, overview
//   admin     tokens and contracts
//
//   auto secret = *generate_token_secret();        // "td_3f9c…" (67 characters)
//   store.add_token({.name = "portal", .role = AccessRole::customer, .customer = "acme",
//                    .digest = token_digest(secret), .created_at = now});
//   store.token_by_digest(token_digest(secret))    // → the token, or std::nullopt
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tierdesk/error.hpp"
#include "tierdesk/time.hpp"

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

}  // namespace tierdesk
