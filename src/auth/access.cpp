#include "tierdesk/access.hpp"

#include <random>

#include <fmt/format.h>

#include "tierdesk/sha256.hpp"

namespace tierdesk {

std::string_view to_string(AccessRole r) noexcept {
  switch (r) {
    case AccessRole::agent: return "agent";
    case AccessRole::customer: return "customer";
    case AccessRole::admin: return "admin";
  }
  return "agent";
}

Result<AccessRole> parse_access_role(std::string_view text) {
  for (AccessRole r : {AccessRole::agent, AccessRole::customer, AccessRole::admin})
    if (to_string(r) == text) return r;
  return fail(Error::invalid(Errc::invalid_argument, "role", text, "agent, customer or admin"));
}

Result<std::string> generate_token_secret() {
  try {
    std::random_device source;  // /dev/urandom (getrandom) with libstdc++ on Linux
    std::string out = "td_";
    for (int i = 0; i < 8; ++i) out += fmt::format("{:08x}", static_cast<std::uint32_t>(source()));
    return out;
  } catch (const std::exception& e) {
    return fail(Errc::io_error, fmt::format("random source: {}", e.what()));
  }
}

std::string token_digest(std::string_view secret) { return sha256_hex(secret); }

Result<void> check_token(const ApiToken& token) {
  if (token.role == AccessRole::customer && token.customer.empty())
    return fail(Errc::invalid_argument, "customer: a customer token needs the customer it acts for");
  if (token.role != AccessRole::customer && !token.customer.empty())
    return fail(Error::invalid(Errc::invalid_argument, "customer", token.customer,
                               fmt::format("no customer for the {} role", to_string(token.role))));
  if (token.digest.size() != 64)
    return fail(Errc::invalid_argument, "digest: expected 64 hex digits of SHA-256");
  return {};
}

}  // namespace tierdesk
