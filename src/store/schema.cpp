// Applies the schema's migrations (store/migrations.cpp), tracked in PRAGMA user_version.
#include "store/schema.hpp"

#include "store/migrations.hpp"

#include <fmt/format.h>

namespace tierdesk::store {
namespace {

Result<int> read_version(Connection& db) {
  auto stmt = db.prepare("PRAGMA user_version");
  if (!stmt) return fail(stmt.error());
  auto row = (*stmt)->step();
  if (!row) return fail(row.error());
  return static_cast<int>((*stmt)->integer(0));
}

}  // namespace

int latest_schema_version() noexcept { return static_cast<int>(schema_migrations().size()); }

Result<int> migrate(Connection& db, int up_to) {
  for (;;) {
    Transaction tx(db);
    if (!tx.begun()) return fail(tx.begun().error());
    auto version = read_version(db);
    if (!version) return version;
    if (*version > latest_schema_version())
      return fail(Errc::conflict,
                  fmt::format("schema version: the file has {}, this library knows up to {}",
                              *version, latest_schema_version()));
    if (*version >= up_to) {
      if (auto ok = tx.commit(); !ok) return fail(ok.error());
      return *version;
    }
    const auto index = static_cast<std::size_t>(*version);
    if (auto ok = db.exec(schema_migrations()[index]); !ok)
      return fail(ok.error().within(fmt::format("migration {}", index + 1)));
    // PRAGMA takes no parameters; the version is our own small integer.
    const auto set_version = fmt::format("PRAGMA user_version = {}", index + 1);
    if (auto ok = db.exec(set_version.c_str()); !ok) return fail(ok.error());
    if (auto ok = tx.commit(); !ok) return fail(ok.error());
  }
}

}  // namespace tierdesk::store
