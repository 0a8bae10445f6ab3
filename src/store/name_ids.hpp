// The small integer ids the store keys its indexes by, in place of text: a reference space
// (prefix and year, table ref_space) and a clock name (table clock_name) in the alarm cache, a
// customer (table customer_name) in the ticket table's customer index. A key of integers
// is half the size of one with the texts and compares without memcmp, so the alarm index has
// half the pages to write and search.
//
// Ids are never changed or reused, so a connection keeps every id it has seen. New names are
// added by add_lacking(), in a write of their own before the write that uses them (the store
// commits it as any write: alone or through its commit group), and read back by load(): an id
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

// The alarm key packs a ticket's reference into one integer, `space << 40 | sequence`, and a
// clock and warning level into another, `clock << 4 | level`: four key columns instead of six,
// in the same order, so a row is compared and read in fewer steps.
inline constexpr int sequence_bits = 40;
inline constexpr int level_bits = 4;
inline constexpr std::int64_t max_space = (std::int64_t{1} << (63 - sequence_bits)) - 1;
inline constexpr std::int64_t max_sequence = (std::int64_t{1} << sequence_bits) - 1;
inline constexpr std::int64_t max_level = (std::int64_t{1} << level_bits) - 1;

constexpr std::int64_t pack_ref(std::int64_t space, std::int64_t sequence) {
  return space << sequence_bits | sequence;
}
constexpr std::int64_t pack_slot(std::int64_t clock, std::int64_t level) {
  return clock << level_bits | level;
}
constexpr std::int64_t ref_space(std::int64_t ref) { return ref >> sequence_bits; }
constexpr std::int64_t ref_sequence(std::int64_t ref) { return ref & max_sequence; }
constexpr std::int64_t slot_clock(std::int64_t slot) { return slot >> level_bits; }
constexpr std::int64_t slot_level(std::int64_t slot) { return slot & max_level; }

class NameIds {
 public:
  struct Space {
    std::string prefix;
    int year = 0;
  };

  // Whether the cache lacks the space, one of the clock names or one of the customers, after
  // reading the tables again if it does (another connection may have added them).
  Result<bool> lacks(Connection& db, std::string_view prefix, int year,
                     std::span<const std::string_view> clocks,
                     std::span<const std::string_view> customers);
  // Adds to the tables those the cache lacks, in the caller's write transaction on `db` (any
  // connection to the file). load() on this cache's connection reads their ids once committed.
  Result<void> add_lacking(Connection& db, std::string_view prefix, int year,
                           std::span<const std::string_view> clocks,
                           std::span<const std::string_view> customers) const;
  Result<void> load(Connection& db);

  // The id of a space or clock name; nullopt when it has none (then no alarm row uses it).
  Result<std::optional<std::int64_t>> space_id(Connection& db, std::string_view prefix, int year);
  Result<std::optional<std::int64_t>> clock_id(Connection& db, std::string_view name);
  // The id of a customer (table customer_name, which the ticket table's customer index uses).
  Result<std::optional<std::int64_t>> customer_id(Connection& db, std::string_view name);

  // The space or clock name of an id read from an alarm row (Errc::storage_error when the
  // file lacks it). The reference is valid until the next call.
  Result<const Space*> space(Connection& db, std::int64_t id);
  Result<const std::string*> clock(Connection& db, std::int64_t id);

 private:
  bool lacks(std::string_view prefix, int year, std::span<const std::string_view> clocks,
             std::span<const std::string_view> customers) const;
  // The id `ids` has for `key`, reading the tables once when it has none.
  template <class Map, class Key>
  Result<std::optional<std::int64_t>> find_or_load(Connection& db, const Map& ids, const Key& key);

  std::map<std::pair<std::string, int>, std::int64_t, std::less<>> space_ids_;
  std::map<std::string, std::int64_t, std::less<>> clock_ids_;
  std::map<std::string, std::int64_t, std::less<>> customer_ids_;
  std::vector<std::optional<Space>> spaces_;        // by id
  std::vector<std::optional<std::string>> clocks_;  // by id
};

}  // namespace tierdesk::store
