// The work and fee verbs of the CLI host, run as a user would: transcripts, exit codes and
// messages, with the ticket's contract checking what is booked.
#include <string>

#include <doctest/doctest.h>

#include "support/cli_process.hpp"

namespace {

using tierdesk::testing::CliRun;

CliRun run(const std::string& db, const std::string& args) {
  return tierdesk::testing::run_cli(args + " --db " + db + " --contracts " +
                                    tierdesk::testing::preset_contracts());
}

std::string fresh_db() { return tierdesk::testing::fresh_db_file("tierdesk_work_cli_test.db"); }

// A database with two OneOffice tickets of nordlys: OO-2026-000001 opened Monday 16 November
// 2026 09:00 (+01:00), OO-2026-000002 on 31 October 20:00Z.
std::string two_tickets() {
  const auto db = fresh_db();
  REQUIRE(tierdesk::testing::run_cli("init --db " + db).exit == 0);
  REQUIRE(run(db,
              "ticket open --customer nordlys --subject VPN --priority high "
              "--at 2026-11-16T09:00:00+01:00 --actor anna")
              .exit == 0);
  REQUIRE(
      run(db,
          "ticket open --customer nordlys --subject Mail --at 2026-10-31T20:00:00Z --actor anna")
          .exit == 0);
  return db;
}

}  // namespace

TEST_CASE("work log, work list and fee charge on a database file") {
  const auto db = two_tickets();
  const auto due_before = run(db, "due --within 720h --at 2026-11-16T09:00:00+01:00 --json");
  REQUIRE(due_before.exit == 0);
  CHECK(due_before.out.find(R"("ref":"OO-2026-000001","clock":"response","kind":"due")") !=
        std::string::npos);

  auto logged =
      run(db,
          "work log OO-2026-000001 --minutes 30 --at 2026-11-16T19:00:00+01:00 --agent mck "
          "--note \"BIOS update\" --logged-at 2026-11-16T19:40:00+01:00 --actor mck");
  CHECK(logged.exit == 0);
  CHECK(logged.out ==
        "OO-2026-000001: logged 30 min (remote, support) by mck, started 2026-11-16T18:00:00Z, "
        "entry 2\n");
  auto json =
      run(db,
          "work log OO-2026-000001 --minutes 11 --at 2026-11-17T10:00:00+01:00 --kind phone "
          "--role senior --logged-at 2026-11-17T10:15:00+01:00 --actor bo --json");
  CHECK(json.exit == 0);
  CHECK(json.out == R"({"ticket":"OO-2026-000001","start":"2026-11-17T09:00:00Z","seconds":660,)"
                    R"("kind":"phone","role":"senior","agent":"bo","note":"","entry":3})"
                    "\n");
  // Work is bookkeeping: the SLA clocks stay as they were.
  CHECK(run(db, "due --within 720h --at 2026-11-16T09:00:00+01:00 --json").out == due_before.out);

  // The second ticket: one entry on the first instant of November (UTC+1), one on the first
  // of December.
  for (const char* at : {"2026-11-01T00:00:00+01:00", "2026-12-01T00:00:00+01:00"})
    REQUIRE(run(db, std::string("work log OO-2026-000002 --minutes 60 --actor cy --logged-at "
                                "2026-12-01T09:00:00Z --at ") +
                        at)
                .exit == 0);

  CHECK(
      run(db, "work list --customer nordlys --from 2026-11-16T00:00:00Z --to 2026-11-18T00:00:00Z")
          .out ==
      "2026-11-16T18:00:00Z  OO-2026-000001  entry 2    30 min  remote   support  mck  BIOS "
      "update\n"
      "2026-11-17T09:00:00Z  OO-2026-000001  entry 3    11 min  phone    senior   bo\n"
      "2 entries, 41 min\n");
  auto november =
      run(db, "work list --from 2026-11-01T00:00:00+01:00 --to 2026-12-01T00:00:00+01:00 --json");
  CHECK(november.exit == 0);
  CHECK(
      november.out ==
      R"({"work":[)"
      R"({"ticket":"OO-2026-000002","start":"2026-10-31T23:00:00Z","seconds":3600,"kind":"remote","role":"support","agent":"cy","note":"","entry":2},)"
      R"({"ticket":"OO-2026-000001","start":"2026-11-16T18:00:00Z","seconds":1800,"kind":"remote","role":"support","agent":"mck","note":"BIOS update","entry":2},)"
      R"({"ticket":"OO-2026-000001","start":"2026-11-17T09:00:00Z","seconds":660,"kind":"phone","role":"senior","agent":"bo","note":"","entry":3}],)"
      R"("total_seconds":6060})"
      "\n");
  CHECK(run(db, "work list OO-2026-000002").out ==
        "2026-10-31T23:00:00Z  OO-2026-000002  entry 2    60 min  remote   support  cy\n"
        "2026-11-30T23:00:00Z  OO-2026-000002  entry 3    60 min  remote   support  cy\n"
        "2 entries, 120 min\n");

  // Bad entries: exit 2 with the field named, nothing stored.
  // Minutes are checked before any arithmetic: 4611686018427387964 minutes used to wrap
  // around to 60 when converted to seconds, and were logged as an hour.
  for (const std::string minutes : {"0", "1500", "4611686018427387964", "-5"}) {
    auto bad = run(db, "work log OO-2026-000001 --minutes " + minutes +
                           " --logged-at 2026-11-18T10:00:00Z");
    CHECK(bad.exit == 1);
    CHECK(bad.out.starts_with("tierdesk work log: --minutes: got \"" + minutes +
                              "\", expected 1 … 1440 (at most 24 h)\n"));
  }
  auto unknown = run(db, "work log OO-2026-000042 --minutes 5 --logged-at 2026-11-18T10:00:00Z");
  CHECK(unknown.exit == 2);
  CHECK(unknown.out == "tierdesk work log: not_found: ticket OO-2026-000042: not found\n");
  auto kind = run(db, "work log OO-2026-000001 --minutes 5 --kind boat");
  CHECK(kind.exit == 1);
  CHECK(
      kind.out.starts_with("tierdesk work log: --kind: kind: got \"boat\", expected one of remote, "
                           "on_site, travel, phone\n\nusage:\n"));
  CHECK(run(db, "work log OO-2026-000001").exit == 1);
  CHECK(run(db, "work list --from 2026-11-01T00:00:00Z").exit == 1);
  CHECK(run(db, "work list OO-2026-000042").out ==
        "tierdesk work list: not_found: ticket OO-2026-000042: not found\n");
  CHECK(run(db, "work list OO-2026-000001").out.ends_with("2 entries, 41 min\n"));

  // Fees, and a closed ticket still takes time and fees.
  auto fee = run(
      db,
      "fee charge OO-2026-000001 on_call_non_critical --at 2026-11-20T22:10:00+01:00 --actor bo");
  CHECK(fee.exit == 0);
  CHECK(fee.out ==
        "OO-2026-000001: fee on_call_non_critical charged at 2026-11-20T21:10:00Z, entry 4\n");
  CHECK(run(db, "history OO-2026-000001")
            .out.ends_with("  4  2026-11-20T21:10:00Z  bo            fee_charged  "
                           "code=\"on_call_non_critical\"\n"));
  REQUIRE(run(db, "ticket status OO-2026-000001 resolved --at 2026-11-21T08:00:00Z").exit == 0);
  REQUIRE(run(db, "ticket status OO-2026-000001 closed --at 2026-11-21T09:00:00Z").exit == 0);
  CHECK(run(db,
            "work log OO-2026-000001 --minutes 15 --at 2026-11-20T21:00:00Z --actor bo "
            "--logged-at 2026-11-22T09:00:00Z")
            .exit == 0);
  CHECK(
      run(db, "fee charge OO-2026-000001 on_call_non_critical --at 2026-11-22T09:00:00Z --json")
          .out ==
      R"({"ref":"OO-2026-000001","code":"on_call_non_critical","at":"2026-11-22T09:00:00Z","entry":8})"
      "\n");
  CHECK(run(db, "ticket reply OO-2026-000001 --public --body hi --at 2026-11-22T10:00:00Z").exit ==
        2);
  // Work that starts after the ticket was closed is refused.
  auto after_close = run(db,
                         "work log OO-2026-000001 --minutes 15 --at 2026-11-21T10:00:00Z "
                         "--logged-at 2026-11-22T09:30:00Z");
  CHECK(after_close.exit == 2);
  CHECK(after_close.out ==
        "tierdesk work log: invalid_argument: start: got \"2026-11-21T10:00:00Z\", expected "
        "work started before OO-2026-000001 was closed, 2026-11-21T09:00:00Z\n");
  CHECK(run(db, "work list OO-2026-000001").out.ends_with("3 entries, 56 min\n"));
  CHECK(run(db, "fee charge OO-2026-000001").exit == 1);
  CHECK(run(db, "fee refund OO-2026-000001 x").exit == 1);
}

// Regression (issue 15): work booked before its ticket was opened was accepted and billed.
TEST_CASE("work before the ticket was opened, or not yet ended, is refused") {
  const auto db = two_tickets();
  auto early = run(db,
                   "work log OO-2026-000001 --minutes 30 --at 2026-11-16T08:00:00+01:00 "
                   "--logged-at 2026-11-16T10:00:00+01:00");
  CHECK(early.exit == 2);
  CHECK(early.out ==
        "tierdesk work log: invalid_argument: start: got \"2026-11-16T07:00:00Z\", expected an "
        "instant at or after OO-2026-000001 opened, 2026-11-16T08:00:00Z\n");
  auto future = run(db,
                    "work log OO-2026-000001 --minutes 30 --at 2026-11-16T10:00:00+01:00 "
                    "--logged-at 2026-11-16T10:15:00+01:00");
  CHECK(future.exit == 2);
  CHECK(future.out ==
        "tierdesk work log: invalid_argument: start: got \"2026-11-16T09:00:00Z\", expected "
        "work that has ended when it is booked (2026-11-16T09:15:00Z), not at "
        "2026-11-16T09:30:00Z\n");
  CHECK(run(db, "work list OO-2026-000001").out == "0 entries, 0 min\n");
}

// Regression (issue 15): `fee charge REF on_call_non_critcal` answered ok, and from then on the
// customer's statement for the month failed with `no flat fee`.
TEST_CASE("a mistyped fee code is refused and the month's statement still builds") {
  const auto db = two_tickets();
  auto typo =
      run(db, "fee charge OO-2026-000001 on_call_non_critcal --at 2026-11-16T22:00:00+01:00");
  CHECK(typo.exit == 2);
  CHECK(typo.out ==
        "tierdesk fee charge: invalid_argument: code: got \"on_call_non_critcal\", expected one "
        "of on_call_non_critical\n");
  CHECK(run(db, "history OO-2026-000001").out.find("fee_charged") == std::string::npos);
  auto statement = run(db, "statement --customer nordlys --month 2026-11 --json");
  CHECK(statement.exit == 0);
  CHECK(statement.out.find("\"total\": \"0.00\"") != std::string::npos);
}

TEST_CASE("work and fee explain themselves") {
  const auto db = fresh_db();
  auto work = run(db, "work --help");
  CHECK(work.exit == 0);
  CHECK(work.out.find("example:\n  tierdesk work log OO-2026-000001 --minutes 30") !=
        std::string::npos);
  CHECK(work.out.find("  tierdesk work reverse REF ENTRY --reason TEXT\n") != std::string::npos);
  auto fee = run(db, "fee charge --help");
  CHECK(fee.exit == 0);
  CHECK(fee.out.find("example:\n  tierdesk fee charge OO-2026-000001 on_call_non_critical") !=
        std::string::npos);
  CHECK(run(db, "work frobnicate").exit == 1);
  CHECK(run(db, "work reverse OO-2026-000001 two --reason x").exit == 1);
  CHECK(run(db, "work reverse OO-2026-000001 2").exit == 1);
}
