// The SQLite schema as an ordered list of migrations, tracked in PRAGMA user_version.
#pragma once

#include "store/sqlite_handle.hpp"

namespace tierdesk::store {

// The number of migrations this library knows.
int latest_schema_version() noexcept;

// Applies the migrations the database lacks, in order, each in its own transaction that also
// sets user_version. Errc::conflict when the file's version is newer than this library's.
// Returns the version the database now has. `up_to` stops at an earlier version (tests build
// files of an older schema with it).
Result<int> migrate(Connection& db, int up_to = latest_schema_version());

}  // namespace tierdesk::store
