#include "tierdesk/access/token_cache.hpp"

#include <mutex>

namespace tierdesk {

Result<std::optional<ApiToken>> TokenCache::find(TokenStore& store, std::string_view digest,
                                                 Clock::time_point now) {
  if (options_.ttl.count() <= 0) return store.token_by_digest(digest);
  std::uint64_t generation = 0;
  {
    std::shared_lock lock(mutex_);
    const auto it = kept_.find(std::string(digest));
    if (it != kept_.end() && now - it->second.read_at < options_.ttl) return it->second.token;
    generation = generation_;
  }
  auto found = store.token_by_digest(digest);
  if (!found) return found;
  std::unique_lock lock(mutex_);
  // A forget() while the store was read may have been a revocation this read missed.
  if (generation != generation_) return found;
  if (!found->has_value() || (*found)->revoked) {
    kept_.erase(std::string(digest));
    return found;
  }
  if (kept_.size() >= options_.capacity) {
    std::erase_if(kept_,
                  [&](const auto& entry) { return now - entry.second.read_at >= options_.ttl; });
    // Still full of live tokens: start over rather than scan for the oldest; each is read
    // from the store once more.
    if (kept_.size() >= options_.capacity) kept_.clear();
  }
  kept_.insert_or_assign(std::string(digest), Kept{**found, now});
  return found;
}

void TokenCache::forget() {
  std::unique_lock lock(mutex_);
  kept_.clear();
  ++generation_;
}

std::size_t TokenCache::size() const {
  std::shared_lock lock(mutex_);
  return kept_.size();
}

}  // namespace tierdesk
