#include "store/row_batch.hpp"

namespace tierdesk::store {

std::string multi_row_insert(std::string_view head, int columns, std::size_t rows) {
  std::string row = "(";
  for (int c = 0; c < columns; ++c) row += c == 0 ? "?" : ", ?";
  row += ')';
  std::string sql(head);
  sql += " VALUES ";
  sql.reserve(sql.size() + rows * (row.size() + 2));
  for (std::size_t r = 0; r < rows; ++r) {
    if (r > 0) sql += ", ";
    sql += row;
  }
  return sql;
}

}  // namespace tierdesk::store
