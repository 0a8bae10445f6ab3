// The Store backends the store tests run against, as doctest template parameters. A case
// written once runs once per backend, named after it ("…<SqliteStore>", "…<MemoryStore>"):
//
//   TEST_CASE_TEMPLATE("a stale update is a conflict", Backend, TIERDESK_STORE_BACKENDS) {
//     Backend backend;
//     auto& store = backend.store;  // a new, empty store of that backend
//
// Cases about SQLite itself (files, schema versions, query plans) stay SqliteStore's.
#pragma once

#include <doctest/doctest.h>

#include "tierdesk/store/memory_store.hpp"
#include "tierdesk/store/sqlite_store.hpp"

namespace tierdesk::testing {

// A private in-memory SQLite database (":memory:").
struct SqliteBackend {
  SqliteStore store = SqliteStore::open({.path = ":memory:"}).value();
};

struct MemoryBackend {
  MemoryStore store;
};

}  // namespace tierdesk::testing

TYPE_TO_STRING_AS("SqliteStore", tierdesk::testing::SqliteBackend);
TYPE_TO_STRING_AS("MemoryStore", tierdesk::testing::MemoryBackend);

#define TIERDESK_STORE_BACKENDS tierdesk::testing::SqliteBackend, tierdesk::testing::MemoryBackend
