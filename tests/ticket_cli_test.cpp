// The ticket verbs of the CLI host, run as a user would: exit codes, messages and JSON.
#include <cstdio>
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "support/cli_process.hpp"

#include "tierdesk/sqlite_store.hpp"

namespace {

tierdesk::testing::CliRun run(const std::string& db, const std::string& args) {
  return tierdesk::testing::run_cli(args + " --db " + db);
}

std::string fresh_db() { return tierdesk::testing::fresh_db_file("tierdesk_ticket_cli_test.db"); }

}  // namespace

TEST_CASE("the ticket workflow on a database file") {
  const auto db = fresh_db();
  auto missing = run(db, "ticket list");
  CHECK(missing.exit == 2);
  CHECK(missing.out.find("no database here (create one with `tierdesk init") != std::string::npos);

  const auto version = std::to_string(tierdesk::SqliteStore::latest_schema_version);
  CHECK(run(db, "init").out == db + ": schema version " + version + "\n");
  const std::string policy = std::string(TIERDESK_SOURCE_DIR) + "/examples/policies/oneoffice.json";
  auto opened = run(db, "ticket open --prefix OO --customer acme --contract c1 --subject VPN "
                        "--priority high --at 2026-03-06T14:30:00+01:00 --actor anna --json --policy " + policy);
  CHECK(opened.exit == 0);
  CHECK(opened.out.starts_with(R"({"ref":"OO-2026-000001","status":"new","customer":"acme")"));

  auto due = run(db, "due --within 72h --at 2026-03-06T14:30:00+01:00 --json");
  CHECK(due.exit == 0);
  CHECK(due.out.find(R"({"ref":"OO-2026-000001","clock":"response","kind":"due","at":"2026-03-09T07:30:00Z"})") !=
        std::string::npos);

  auto reply = run(db, "ticket reply OO-2026-000001 --public --body \"On it\" --at 2026-03-09T07:00:00Z --policy " + policy);
  CHECK(reply.exit == 0);
  CHECK(reply.out.starts_with("OO-2026-000001  open  VPN\n"));
  CHECK(run(db, "due --within 1h --at 2026-03-09T07:00:00Z").out.find("response due") == std::string::npos);

  auto escalate = run(db, "ticket escalate OO-2026-000001 --tier 2 --reason network --at 2026-03-09T07:05:00Z");
  CHECK(escalate.exit == 0);
  CHECK(escalate.out.find("tier 2 (2nd level)") != std::string::npos);

  auto history = run(db, "history OO-2026-000001");
  CHECK(history.exit == 0);
  CHECK(history.out.find("  4  2026-03-09T07:05:00Z") != std::string::npos);

  auto forbidden = run(db, "ticket status OO-2026-000001 closed");
  CHECK(forbidden.exit == 2);
  CHECK(forbidden.out == "tierdesk ticket status: invalid_transition: OO-2026-000001: status: cannot go from "
                         "\"open\" to \"closed\"\n");
  auto unknown = run(db, "ticket show OO-2026-000042");
  CHECK(unknown.exit == 2);
  CHECK(unknown.out == "tierdesk ticket show: not_found: ticket OO-2026-000042: not found\n");
  CHECK(run(db, "ticket show not-a-ref").exit == 1);
  CHECK(run(db, "ticket escalate OO-2026-000001 --tier 2").exit == 1);
  CHECK(run(db, "due --within soon").exit == 1);
  CHECK(run(db, "ticket frobnicate").exit == 1);
  auto list = run(db, "ticket list --customer acme");
  CHECK(list.exit == 0);
  CHECK(list.out == "OO-2026-000001  open              tier 2  high      acme          VPN\n");
}
