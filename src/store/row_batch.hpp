// Multi-row INSERT: many rows through one statement execution instead of one each. Every
// execution of a statement has a fixed cost (opening a cursor on the table and on each index,
// the statement's bookkeeping at its end); a batch of tickets writes thousands of event, clock
// and alarm rows, so they go in chunks of `chunk_rows` rows per statement.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "store/sqlite_handle.hpp"

namespace tierdesk::store {

inline constexpr std::size_t chunk_rows = 64;

// "INSERT INTO t(a, b) VALUES (?, ?), (?, ?)…" for `rows` rows of `columns` values.
std::string multi_row_insert(std::string_view head, int columns, std::size_t rows);

// Inserts `count` rows through `head` ("INSERT INTO t(a, b)"), each of `columns` values.
// The writes of the store say "INSERT OR FAIL": a multi-row statement that may abort halfway
// makes SQLite keep a statement journal of every page it touches, to undo just that
// statement; with FAIL it need not, and a failed statement rolls back the whole transaction
// anyway (store::Transaction).
// bind(statement, first, i) binds row i's values to parameters first … first + columns - 1.
template <class Bind>
Result<void> insert_rows(Connection& db, std::string_view head, int columns, std::size_t count,
                         Bind&& bind) {
  std::size_t done = 0;
  while (done < count) {
    const std::size_t rows = count - done >= chunk_rows ? chunk_rows : 1;
    auto stmt = db.prepare(multi_row_insert(head, columns, rows));
    if (!stmt) return fail(stmt.error());
    for (std::size_t r = 0; r < rows; ++r)
      bind(**stmt, static_cast<int>(r) * columns + 1, done + r);
    if (auto ok = (*stmt)->run(); !ok) return ok;
    done += rows;
  }
  return {};
}

}  // namespace tierdesk::store
