// MemoryStore: API tokens, by id, with an index by digest.
#include <type_traits>

#include <fmt/format.h>

#include "store/memory_state.hpp"

namespace tierdesk::store::memory {

// push_back then gives the strong guarantee: a token is added whole or not at all.
static_assert(std::is_nothrow_move_constructible_v<ApiToken>);

Result<ApiToken> State::add_token(const ApiToken& token) {
  if (token_digests_.contains(token.digest))
    return fail(Errc::conflict, "api_token: the digest is already stored");
  ApiToken out = token;
  out.id = static_cast<std::int64_t>(tokens_.size()) + 1;
  std::map<std::string, std::size_t, std::less<>> digest{{token.digest, tokens_.size()}};
  tokens_.push_back(out);
  token_digests_.merge(digest);
  return out;
}

std::optional<ApiToken> State::token_by_digest(std::string_view digest) const {
  const auto found = token_digests_.find(digest);
  if (found == token_digests_.end()) return std::nullopt;
  return tokens_[found->second];
}

Result<void> State::revoke_token(std::int64_t id) {
  if (id < 1 || id > static_cast<std::int64_t>(tokens_.size()))
    return fail(Errc::not_found, fmt::format("api_token {}: not found", id));
  tokens_[static_cast<std::size_t>(id - 1)].revoked = true;
  return {};
}

}  // namespace tierdesk::store::memory
