#include "tierdesk/access/access.hpp"

#include <array>
#include <span>

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

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

namespace {

std::string hex(std::span<const unsigned char> bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  constexpr std::string_view digits = "0123456789abcdef";
  for (unsigned char b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 0xf];
  }
  return out;
}

}  // namespace

Result<std::string> generate_token_secret() {
  std::array<unsigned char, 32> bytes{};  // 256 bits from OpenSSL's CSPRNG
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    return fail(Errc::io_error,
                fmt::format("random source: {}", ERR_error_string(ERR_get_error(), nullptr)));
  return "td_" + hex(bytes);
}

std::string token_digest(std::string_view secret) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int size = 0;
  // libcrypto's SHA-256, fetched once: EVP_sha256() makes every digest look the algorithm
  // up among the providers again, under a lock. It fails only without memory, and then no
  // stored digest matches "".
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (sha256 == nullptr ||
      EVP_Digest(secret.data(), secret.size(), md.data(), &size, sha256, nullptr) != 1)
    return {};
  return hex(std::span(md.data(), size));
}

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

Result<IssuedToken> issue_token(TokenStore& store, ApiToken draft) {
  auto secret = generate_token_secret();
  if (!secret) return fail(secret.error());
  draft.id = 0;
  draft.digest = token_digest(*secret);
  if (auto ok = check_token(draft); !ok) return fail(ok.error());
  auto stored = store.add_token(draft);
  if (!stored) return fail(stored.error());
  return IssuedToken{.token = std::move(*stored), .secret = std::move(*secret)};
}

}  // namespace tierdesk
