// SqliteStore: API tokens (migration 4).
#include <fmt/format.h>

#include "store/sqlite_store_impl.hpp"

namespace tierdesk {
namespace {

using store::instant;
using store::seconds;

constexpr const char* token_columns = "id, name, role, customer, digest, created_at, revoked";

Result<ApiToken> token_from_row(const store::Statement& s) {
  auto role = parse_access_role(s.text(2));
  if (!role) return fail(role.error().within(fmt::format("api_token {}", s.integer(0))));
  return ApiToken{.id = s.integer(0),
                  .name = s.text(1),
                  .role = *role,
                  .customer = s.text(3),
                  .digest = s.text(4),
                  .created_at = instant(s.integer(5)),
                  .revoked = s.integer(6) != 0};
}

}  // namespace

Result<ApiToken> SqliteStore::add_token(const ApiToken& token) {
  auto& db = *impl_->db;
  store::Transaction tx(db);
  if (!tx.begun()) return fail(tx.begun().error());
  auto stmt = db.prepare(
      "INSERT INTO api_token(name, role, customer, digest, created_at, revoked) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt) return fail(stmt.error());
  (*stmt)->bind(1, token.name).bind(2, to_string(token.role)).bind(3, token.customer);
  (*stmt)->bind(4, token.digest).bind(5, seconds(token.created_at));
  (*stmt)->bind(6, std::int64_t{token.revoked ? 1 : 0});
  if (auto ok = (*stmt)->run(); !ok) {
    if (ok.error().is(Errc::conflict)) return fail(Errc::conflict, "api_token: the digest is already stored");
    return fail(ok.error());
  }
  ApiToken out = token;
  out.id = sqlite3_last_insert_rowid(db.handle());
  if (auto ok = tx.commit(); !ok) return fail(ok.error());
  return out;
}

Result<std::optional<ApiToken>> SqliteStore::token_by_digest(std::string_view digest) {
  auto stmt = impl_->db->prepare(fmt::format("SELECT {} FROM api_token WHERE digest = ?1", token_columns));
  if (!stmt) return fail(stmt.error());
  (*stmt)->bind(1, digest);
  auto row = (*stmt)->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<ApiToken>();
  auto token = token_from_row(**stmt);
  if (!token) return fail(token.error());
  return std::optional<ApiToken>(std::move(*token));
}

Result<std::vector<ApiToken>> SqliteStore::tokens() {
  auto stmt = impl_->db->prepare(fmt::format("SELECT {} FROM api_token ORDER BY id", token_columns));
  if (!stmt) return fail(stmt.error());
  std::vector<ApiToken> out;
  for (;;) {
    auto row = (*stmt)->step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    auto token = token_from_row(**stmt);
    if (!token) return fail(token.error());
    out.push_back(std::move(*token));
  }
}

Result<void> SqliteStore::revoke_token(std::int64_t id) {
  auto& db = *impl_->db;
  store::Transaction tx(db);
  if (!tx.begun()) return fail(tx.begun().error());
  auto stmt = db.prepare("UPDATE api_token SET revoked = 1 WHERE id = ?1");
  if (!stmt) return fail(stmt.error());
  (*stmt)->bind(1, id);
  if (auto ok = (*stmt)->run(); !ok) return ok;
  if (sqlite3_changes(db.handle()) == 0) return fail(Errc::not_found, fmt::format("api_token {}: not found", id));
  return tx.commit();
}

}  // namespace tierdesk
