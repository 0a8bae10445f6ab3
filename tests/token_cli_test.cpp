// `tierdesk token`: the secret is printed once and only its digest is stored; list and revoke.
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "tierdesk/access.hpp"
#include "tierdesk/sqlite_store.hpp"

namespace {

struct Run {
  int exit = -1;
  std::string out;  // stdout only
};

Run run(const std::string& db, const std::string& args) {
  const std::string command = std::string(TIERDESK_CLI_PATH) + " " + args + " --db " + db + " 2>/dev/null";
  Run r;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) r.out.append(buffer, n);
  const int status = ::pclose(pipe);
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

TEST_CASE("token create prints the secret once, the store keeps its digest; list and revoke") {
  const auto path = std::filesystem::temp_directory_path() / "tierdesk_token_cli_test.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  const std::string db = path.string();
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
