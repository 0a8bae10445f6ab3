// `tierdesk token`: the secret is printed once and only its digest is stored; list and revoke.
#include <cstdio>
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "support/cli_process.hpp"

#include "tierdesk/access.hpp"
#include "tierdesk/sqlite_store.hpp"

namespace {

tierdesk::testing::CliRun run(const std::string& db, const std::string& args) {
  return tierdesk::testing::run_cli(args + " --db " + db, tierdesk::testing::CliOutput::stdout_only);
}

}  // namespace

TEST_CASE("token create prints the secret once, the store keeps its digest; list and revoke") {
  const std::string db = tierdesk::testing::fresh_db_file("tierdesk_token_cli_test.db");
  REQUIRE(run(db, "init").exit == 0);

  auto created = run(db, "token create --role customer --customer acme --name portal --at 2026-03-02T09:00:00Z");
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
    CHECK((*found)->customer == "acme");
    auto all = store->tokens();
    REQUIRE(all);
    REQUIRE(all->size() == 1);
    CHECK((*all)[0].digest != secret);
  }

  CHECK(run(db, "token list").out ==
        "   1  customer  portal            acme              2026-03-02T09:00:00Z\n");
  CHECK(run(db, "token create --role customer --name nobody").exit == 2);  // no --customer
  CHECK(run(db, "token create --role root").exit == 1);
  CHECK(run(db, "token revoke 1").out == "token 1 revoked\n");
  CHECK(run(db, "token list --json").out ==
        R"({"tokens":[{"id":1,"name":"portal","role":"customer","customer":"acme",)"
        R"("created_at":"2026-03-02T09:00:00Z","revoked":true}]})"
        "\n");
  CHECK(run(db, "token revoke 7").exit == 2);
}
