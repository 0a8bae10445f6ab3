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
  if (options.snapshot_reuse.count() > 0) {
    pool->reaper_ = std::thread(
        [p = pool.get(), every = options.snapshot_reuse] { p->reap_snapshots(every); });
  }
  return pool;
}

StorePool::~StorePool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  reaper_wake_.notify_one();
  if (reaper_.joinable()) reaper_.join();
}

void StorePool::reap_snapshots(std::chrono::milliseconds every) {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    reaper_wake_.wait(lock, [&] { return parked_ || stopping_; });
    // A snapshot parked now can be resumed for `every` at most: look again after that.
    if (reaper_wake_.wait_for(lock, every, [&] { return stopping_; })) return;
    parked_ = false;
    for (auto& store : idle_) parked_ = store->release_stale_snapshot() || parked_;
  }
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
  bool wake_reaper = false;
  {
    std::lock_guard lock(pool_->mutex_);
    // It may come back with a parked snapshot: the reaper looks at it.
    wake_reaper = !pool_->parked_;
    pool_->parked_ = true;
    pool_->idle_.push_back(std::move(store_));
  }
  pool_->returned_.notify_one();
  if (wake_reaper) pool_->reaper_wake_.notify_one();
}

}  // namespace tierdesk::server
