// `tierdesk token`: the secret is printed once and only its digest is stored; list and revoke.
#include <cstdio>
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "support/cli_process.hpp"

#include "tierdesk/access/access.hpp"
#include "tierdesk/store/sqlite_store.hpp"

namespace {

tierdesk::testing::CliRun run(const std::string& db, const std::string& args) {
  return tierdesk::testing::run_cli(args + " --db " + db,
                                    tierdesk::testing::CliOutput::stdout_only);
}

const std::string contracts = " --contracts " + tierdesk::testing::preset_contracts();

}  // namespace

TEST_CASE("token create prints the secret once, the store keeps its digest; list and revoke") {
  const std::string db = tierdesk::testing::fresh_db_file("tierdesk_token_cli_test.db");
  REQUIRE(run(db, "init").exit == 0);

  auto created = run(
      db,
      "token create --role customer --customer nordlys --name portal --at 2026-03-02T09:00:00Z" +
          contracts);
  REQUIRE(created.exit == 0);
  REQUIRE(created.out.size() == 68);  // td_, 64 hex digits, newline
  const std::string secret = created.out.substr(0, 67);
  CHECK(secret.starts_with("td_"));

  {
    auto store = tierdesk::SqliteStore::open({.path = db, .create = false});
    REQUIRE(store);
    auto found = store->token_by_digest(tierdesk::token_digest(secret));
    REQUIRE(found);
    REQUIRE(found->has_value());
    CHECK((*found)->name == "portal");
    CHECK((*found)->customer == "nordlys");
    auto all = store->tokens();
    REQUIRE(all);
    REQUIRE(all->size() == 1);
    CHECK((*all)[0].digest != secret);
  }

  CHECK(run(db, "token list").out ==
        "   1  customer  portal            nordlys           2026-03-02T09:00:00Z\n");
  CHECK(run(db, "token create --role customer --name nobody" + contracts).exit ==
        2);  // no --customer
  CHECK(run(db, "token create --role root").exit == 1);
  CHECK(run(db, "token revoke 1").out == "token 1 revoked\n");
  CHECK(run(db, "token list --json").out ==
        R"({"tokens":[{"id":1,"name":"portal","role":"customer","customer":"nordlys",)"
        R"("created_at":"2026-03-02T09:00:00Z","revoked":true}]})"
        "\n");
  CHECK(run(db, "token revoke 7").exit == 2);
}

// A customer token is bound to a customer of the contracts: one the contracts do not know could
// never see a ticket, and is refused with nothing stored.
TEST_CASE("token create refuses a customer the contracts do not know") {
  const std::string db = tierdesk::testing::fresh_db_file("tierdesk_token_cli_test.db");
  REQUIRE(run(db, "init").exit == 0);
  const auto unknown = tierdesk::testing::run_cli(
      "token create --role customer --customer acme --db " + db + contracts);
  CHECK(unknown.exit == 2);
  CHECK(unknown.out ==
        "tierdesk token create: not_found: customer: got \"acme\", expected a customer of "
        "the contracts\n");
  const auto no_book =
      tierdesk::testing::run_cli("token create --role customer --customer nordlys --db " + db);
  CHECK(no_book.exit == 2);
  CHECK(no_book.out.starts_with("tierdesk token create: not_found: contracts: none given; "));
  CHECK(run(db, "token list").out.empty());
  // Agent and admin tokens need no contracts.
  CHECK(run(db, "token create --role agent --name bo --at 2026-03-02T09:00:00Z").exit == 0);
  CHECK(run(db, "token list").out ==
        "   1  agent     bo                -                 2026-03-02T09:00:00Z\n");
}
