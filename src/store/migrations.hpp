// The SQLite schema's migrations as SQL scripts, oldest first.
#pragma once

#include <span>

namespace tierdesk::store {

// Entry i takes a database from schema version i to i + 1 (store/schema.hpp applies them).
std::span<const char* const> schema_migrations() noexcept;

}  // namespace tierdesk::store
