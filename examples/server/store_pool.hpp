// One SQLite connection per concurrent request: a SqliteStore is used by one thread at a time,
// so the server opens as many as it has worker threads and lends them out. The connections
// share one commit group: concurrent requests' writes commit together.
//
// With SqliteOptions::snapshot_reuse, a connection comes back with its read snapshot parked
// for the next request's read batch. A reaper thread ends the parked snapshots of idle
// connections once they can no longer be resumed, so that none holds checkpoints back for more
// than about twice snapshot_reuse; it sleeps while no snapshot is parked.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tierdesk/store/sqlite_store.hpp"

namespace tierdesk::server {

class StorePool {
 public:
  // Opens `size` connections to `options.path` (the first one applies the migrations), in
  // options.commit_group, or in a new group when it names none.
  static Result<std::unique_ptr<StorePool>> open(SqliteOptions options, std::size_t size);
  ~StorePool();
  StorePool(const StorePool&) = delete;
  StorePool& operator=(const StorePool&) = delete;
  const SqliteCommitGroup& commit_group() const { return *group_; }

  // A connection, returned to the pool when the lease ends. Waits while all are lent out.
  class Lease {
   public:
    Lease(StorePool& pool, std::unique_ptr<SqliteStore> store) : pool_(&pool), store_(std::move(store)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    SqliteStore& operator*() const { return *store_; }
    SqliteStore* operator->() const { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<SqliteStore> store_;
  };
  Lease lease();

 private:
  StorePool() = default;
  void reap_snapshots(std::chrono::milliseconds every);  // the reaper thread

  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<SqliteStore>> idle_;
  std::shared_ptr<SqliteCommitGroup> group_;
  bool parked_ = false;  // an idle connection may hold a parked snapshot
  bool stopping_ = false;
  std::condition_variable reaper_wake_;
  std::thread reaper_;
};

}  // namespace tierdesk::server
