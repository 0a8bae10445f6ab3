#include "store/name_ids.hpp"

#include <fmt/format.h>

namespace tierdesk::store {
namespace {

template <class T>
void put(std::vector<std::optional<T>>& by_id, std::int64_t id, T value) {
  const auto i = static_cast<std::size_t>(id);
  if (by_id.size() <= i) by_id.resize(i + 1);
  by_id[i] = std::move(value);
}

template <class T>
const T* find(const std::vector<std::optional<T>>& by_id, std::int64_t id) {
  const auto i = static_cast<std::size_t>(id);
  return id >= 0 && i < by_id.size() && by_id[i] ? &*by_id[i] : nullptr;
}

}  // namespace

Result<void> NameIds::load(Connection& db) {
  auto spaces = db.prepare("SELECT id, prefix, year FROM ref_space");
  if (!spaces) return fail(spaces.error());
  for (;;) {
    auto row = (*spaces)->step();
    if (!row) return fail(row.error());
    if (!*row) break;
    const auto& s = **spaces;
    Space space{s.text(1), static_cast<int>(s.integer(2))};
    space_ids_[{space.prefix, space.year}] = s.integer(0);
    put(spaces_, s.integer(0), std::move(space));
  }
  auto clocks = db.prepare("SELECT id, name FROM clock_name");
  if (!clocks) return fail(clocks.error());
  for (;;) {
    auto row = (*clocks)->step();
    if (!row) return fail(row.error());
    if (!*row) break;
    const auto& s = **clocks;
    clock_ids_[s.text(1)] = s.integer(0);
    put(clocks_, s.integer(0), s.text(1));
  }
  auto customers = db.prepare("SELECT id, name FROM customer_name");
  if (!customers) return fail(customers.error());
  for (;;) {
    auto row = (*customers)->step();
    if (!row) return fail(row.error());
    if (!*row) return {};
    customer_ids_[(*customers)->text(1)] = (*customers)->integer(0);
  }
}

template <class Map, class Key>
Result<std::optional<std::int64_t>> NameIds::find_or_load(Connection& db, const Map& ids,
                                                          const Key& key) {
  auto it = ids.find(key);
  if (it == ids.end()) {
    if (auto ok = load(db); !ok) return fail(ok.error());
    it = ids.find(key);
    if (it == ids.end()) return std::optional<std::int64_t>();
  }
  return std::optional<std::int64_t>(it->second);
}

Result<std::optional<std::int64_t>> NameIds::space_id(Connection& db, std::string_view prefix,
                                                      int year) {
  return find_or_load(db, space_ids_, std::pair<std::string, int>{prefix, year});
}

Result<std::optional<std::int64_t>> NameIds::clock_id(Connection& db, std::string_view name) {
  return find_or_load(db, clock_ids_, name);
}

Result<std::optional<std::int64_t>> NameIds::customer_id(Connection& db, std::string_view name) {
  return find_or_load(db, customer_ids_, name);
}

bool NameIds::lacks(std::string_view prefix, int year, std::span<const std::string_view> clocks,
                    std::span<const std::string_view> customers) const {
  bool out = !space_ids_.contains(std::pair<std::string, int>{prefix, year});
  for (auto name : clocks) out = out || !clock_ids_.contains(name);
  for (auto name : customers) out = out || !customer_ids_.contains(name);
  return out;
}

Result<bool> NameIds::lacks(Connection& db, std::string_view prefix, int year,
                            std::span<const std::string_view> clocks,
                            std::span<const std::string_view> customers) {
  if (!lacks(prefix, year, clocks, customers)) return false;
  if (auto ok = load(db); !ok) return fail(ok.error());  // perhaps another connection added them
  return lacks(prefix, year, clocks, customers);
}

Result<void> NameIds::add_lacking(Connection& db, std::string_view prefix, int year,
                                  std::span<const std::string_view> clocks,
                                  std::span<const std::string_view> customers) const {
  if (!space_ids_.contains(std::pair<std::string, int>{prefix, year})) {
    auto stmt = db.prepare("INSERT OR IGNORE INTO ref_space(prefix, year) VALUES (?1, ?2)");
    if (!stmt) return fail(stmt.error());
    if (auto ok = (*stmt)->bind(1, prefix).bind(2, std::int64_t{year}).run(); !ok) return ok;
  }
  for (auto name : clocks) {
    if (clock_ids_.contains(name)) continue;
    auto stmt = db.prepare("INSERT OR IGNORE INTO clock_name(name) VALUES (?1)");
    if (!stmt) return fail(stmt.error());
    if (auto ok = (*stmt)->bind(1, name).run(); !ok) return ok;
  }
  for (auto name : customers) {
    if (customer_ids_.contains(name)) continue;
    auto stmt = db.prepare("INSERT OR IGNORE INTO customer_name(name) VALUES (?1)");
    if (!stmt) return fail(stmt.error());
    if (auto ok = (*stmt)->bind(1, name).run(); !ok) return ok;
  }
  return {};
}

Result<const NameIds::Space*> NameIds::space(Connection& db, std::int64_t id) {
  if (const auto* s = find(spaces_, id)) return s;
  if (auto ok = load(db); !ok) return fail(ok.error());
  if (const auto* s = find(spaces_, id)) return s;
  return fail(Errc::storage_error,
              fmt::format("clock_alarm.ref: no reference space has id {}", id));
}

Result<const std::string*> NameIds::clock(Connection& db, std::int64_t id) {
  if (const auto* c = find(clocks_, id)) return c;
  if (auto ok = load(db); !ok) return fail(ok.error());
  if (const auto* c = find(clocks_, id)) return c;
  return fail(Errc::storage_error, fmt::format("clock_alarm.slot: no clock name has id {}", id));
}

}  // namespace tierdesk::store
