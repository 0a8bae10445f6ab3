// Layer store — the backends: Store (this header), SqliteStore (sqlite_store.hpp) and
// MemoryStore (memory_store.hpp). Depends on base, sla, desk and access, whose interfaces
// and records it keeps; it decides nothing.
// docs/architecture.md "Layers" has the picture and the include rule.
//
// Store: one backend of everything tierdesk persists — the desk's tickets, clocks and work
// (DeskStore, tierdesk/desk/desk_store.hpp) and the API tokens (TokenStore,
// tierdesk/access/access.hpp).
//
// Two backends implement it: SqliteStore (sqlite_store.hpp), the embedded default, and
// MemoryStore (memory_store.hpp), which keeps everything in the process for tests and
// embedders that persist nothing; a PostgreSQL backend serving several application servers
// will implement the same interfaces. The store tests run against every backend.
#pragma once

#include "tierdesk/access/access.hpp"
#include "tierdesk/desk/desk_store.hpp"

namespace tierdesk {

class Store : public DeskStore, public TokenStore {};

}  // namespace tierdesk
