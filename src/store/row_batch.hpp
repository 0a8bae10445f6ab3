// Multi-row INSERT: many rows through one statement execution instead of one each. Every
// execution of a statement has a fixed cost (opening a cursor on the table and on each index,
// the statement's bookkeeping at its end); a batch of tickets writes thousands of event, clock
// and alarm rows, so they go in chunks of up to 64 rows per statement.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "store/sqlite_handle.hpp"

namespace tierdesk::store {

// The rows one statement takes, largest first: 6,000 rows are 93 statements of 64, three of 16
// and none of 1, where a single fallback size of 1 made it 93 + 48 statements.
inline constexpr std::array<std::size_t, 4> chunk_sizes{64, 16, 4, 1};

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
  // Each size's statement is looked up once per call and run for all its chunks: run() resets
  // it and every chunk binds all its parameters again. (The lookup compares SQL texts of a
  // kilobyte or more, and releasing a statement clears its bindings, up to 1,408 of them.)
  std::array<std::unique_ptr<Statement>, chunk_sizes.size()> statements;
  std::size_t done = 0;
  while (done < count) {
    std::size_t size = 0;
    while (chunk_sizes[size] > count - done) ++size;
    const std::size_t rows = chunk_sizes[size];
    if (!statements[size]) {
      auto stmt = db.prepare(multi_row_insert(head, columns, rows));
      if (!stmt) return fail(stmt.error());
      statements[size] = std::move(*stmt);
    }
    Statement& stmt = *statements[size];
    for (std::size_t r = 0; r < rows; ++r) bind(stmt, static_cast<int>(r) * columns + 1, done + r);
    if (auto ok = stmt.run(); !ok) return ok;
    done += rows;
  }
  return {};
}

}  // namespace tierdesk::store
