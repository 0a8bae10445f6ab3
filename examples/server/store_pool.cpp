#include "store_pool.hpp"

namespace tierdesk::server {

Result<std::unique_ptr<StorePool>> StorePool::open(SqliteOptions options, std::size_t size) {
  std::unique_ptr<StorePool> pool(new StorePool());
  if (!options.commit_group) options.commit_group = std::make_shared<SqliteCommitGroup>();
  pool->group_ = options.commit_group;
  for (std::size_t i = 0; i < std::max<std::size_t>(size, 1); ++i) {
    auto store = SqliteStore::open(options);
    if (!store) return fail(store.error());
    pool->idle_.push_back(std::make_unique<SqliteStore>(std::move(*store)));
  }
  return pool;
}

StorePool::Lease StorePool::lease() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [&] { return !idle_.empty(); });
  auto store = std::move(idle_.back());
  idle_.pop_back();
  return Lease(*this, std::move(store));
}

StorePool::Lease::~Lease() {
  if (!store_) return;
  {
    std::lock_guard lock(pool_->mutex_);
    pool_->idle_.push_back(std::move(store_));
  }
  pool_->returned_.notify_one();
}

}  // namespace tierdesk::server
