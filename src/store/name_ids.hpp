// The small integer ids the alarm cache keys its rows by, in place of text: a reference space
// (prefix and year, table ref_space) and a clock name (table clock_name). A key of integers
// is half the size of one with the texts and compares without memcmp, so the alarm index has
// half the pages to write and search.
//
// Ids are never changed or reused, so a connection keeps every id it has seen. New names are
// added by ensure(), in a transaction of their own and before the write that uses them: an id
// is cached only once it is committed, so a rolled-back write cannot leave a cached id that
// another connection might then give to a different name. Names another connection added are
// read on the first lookup that misses.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sqlite_handle.hpp"

namespace tierdesk::store {

class NameIds {
 public:
  struct Space {
    std::string prefix;
    int year = 0;
  };

  // Adds the space and the clock names the cache lacks (committed before this returns). Must
  // not be called inside a transaction.
  Result<void> ensure(Connection& db, std::string_view prefix, int year,
                      std::span<const std::string_view> clocks);

  // The id of a space or clock name; nullopt when it has none (then no alarm row uses it).
  Result<std::optional<std::int64_t>> space_id(Connection& db, std::string_view prefix, int year);
  Result<std::optional<std::int64_t>> clock_id(Connection& db, std::string_view name);

  // The space or clock name of an id read from an alarm row (Errc::storage_error when the
  // file lacks it). The reference is valid until the next call.
  Result<const Space*> space(Connection& db, std::int64_t id);
  Result<const std::string*> clock(Connection& db, std::int64_t id);

 private:
  Result<void> load(Connection& db);

  std::map<std::pair<std::string, int>, std::int64_t, std::less<>> space_ids_;
  std::map<std::string, std::int64_t, std::less<>> clock_ids_;
  std::vector<std::optional<Space>> spaces_;       // by id
  std::vector<std::optional<std::string>> clocks_;  // by id
};

}  // namespace tierdesk::store
