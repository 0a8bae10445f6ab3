// Tokens a host has just looked up, kept for a moment: a busy server answers most requests
// with tokens it saw a second ago, and need not read the store for each.
//
//   TokenCache cache({.ttl = 1s});
//   auto who = cache.find(store, token_digest(secret), std::chrono::steady_clock::now());
//
// What it costs: a token revoked in the store by someone else (another process, `tierdesk
// token revoke`) still works here for at most `ttl`. A host that revokes a token itself calls
// forget(), and the token is refused at once. Only tokens found and not revoked are kept, so
// unknown secrets (guesses) always reach the store and never fill the cache.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "tierdesk/access/access.hpp"

namespace tierdesk {

class TokenCache {
 public:
  using Clock = std::chrono::steady_clock;
  struct Options {
    std::chrono::milliseconds ttl{1000};  // 0: keep nothing, every find reads the store
    std::size_t capacity = 4096;          // tokens kept at most
  };

  explicit TokenCache(Options options) : options_(options) {}

  // The token with `digest` as the store had it at most ttl before `now`: the kept one, or
  // store.token_by_digest. Store errors are returned and nothing is kept. Safe to call from
  // several threads, each with its own store.
  Result<std::optional<ApiToken>> find(TokenStore& store, std::string_view digest,
                                       Clock::time_point now);

  // Drops every kept token: after a revocation through this process.
  void forget();

  std::size_t size() const;

 private:
  struct Kept {
    ApiToken token;
    Clock::time_point read_at;
  };
  Options options_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Kept> kept_;
  std::uint64_t generation_ = 0;  // forget()s so far
};

}  // namespace tierdesk
