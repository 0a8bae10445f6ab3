// `tierdesk ticket open` under a preset contract and `tierdesk statement`, run as a user would:
// the contract gives prefix, SLA clocks and category defaults; the statement prices the stored
// work and the on-call fee to the øre, and shows corrections.
#include <string>

#include <doctest/doctest.h>

#include "support/cli_process.hpp"

namespace {

tierdesk::testing::CliRun run(const std::string& args) { return tierdesk::testing::run_cli(args); }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

struct Month {
  tierdesk::testing::TempDir temp;
  std::string db = "--db " + temp.file("t.db");
  std::string contracts = " --contracts " + tierdesk::testing::preset_contracts();
  Month() { REQUIRE(run("init " + db).exit == 0); }
  tierdesk::testing::CliRun operator()(const std::string& args) const {
    return run(args + " " + db + contracts);
  }
};

}  // namespace

TEST_CASE("a OneOffice month from the command line: open, log work, statement") {
  const Month cli;
  // No prefix, no policy, no category: all come from oneoffice.json; normal priority by default.
  auto opened =
      cli("ticket open --contract oneoffice --customer nordlys --channel phone"
          " --subject BIOS --at 2026-11-16T09:55:00+01:00 --json");
  REQUIRE(opened.exit == 0);
  CHECK(contains(opened.out, R"("ref":"OO-2026-000001")"));
  CHECK(contains(opened.out, R"("category":"support","priority":"normal")"));
  CHECK(contains(opened.out, R"("assignee":"mck")"));
  // The response clock: 4 h of normal hours from Mon 09:55 → 13:55 (12:55Z).
  auto due = cli("due --within 8h --at 2026-11-16T10:00:00+01:00");
  CHECK(contains(due.out, "2026-11-16T12:55:00Z  OO-2026-000001  response due"));
  REQUIRE(cli("work log OO-2026-000001 --minutes 30 --at 2026-11-16T10:00:00+01:00 "
              "--logged-at 2026-11-16T10:30:00+01:00")
              .exit == 0);
  // A non-critical call to the on-call line, priority normal: the contract's fee rule.
  REQUIRE(cli("ticket open --customer nordlys --channel on-call --category support"
              " --subject Printer --at 2026-11-21T10:00:00+01:00")
              .exit == 0);

  // 547.50 + 1,000.00 = 1,547.50; VAT 25 % = 386.875 → 386.88; total 1,934.38.
  auto s = cli("statement --customer nordlys --month 2026-11 --json");
  REQUIRE(s.exit == 0);
  CHECK(contains(s.out, "\"subtotal\": \"1547.50\""));
  CHECK(contains(s.out, "\"vat\": \"386.88\""));
  CHECK(contains(s.out, "\"total\": \"1934.38\""));
  auto text = cli("statement --customer nordlys --month 2026-11");
  REQUIRE(text.exit == 0);
  CHECK(text.out.starts_with("Nordlys ApS — OneOffice driftsaftale\n"));

  auto unknown = cli("statement --customer nobody --month 2026-11");
  CHECK(unknown.exit == 2);
  CHECK(unknown.out ==
        "tierdesk statement: not_found: customer: got \"nobody\", expected a customer of "
        "the contracts\n");
  CHECK(cli("statement --customer nordlys --month 2026-13").exit == 1);
  auto no_contracts = run("statement --customer nordlys --month 2026-11 " + cli.db);
  CHECK(no_contracts.exit == 2);
  CHECK(no_contracts.out.starts_with("tierdesk statement: not_found: contracts: none given; "));

  // The reports find the contract (calendars, SLA policy) by the customer. Triage is 1 h of
  // normal hours: Mon 09:55 → 10:55; the Saturday on-call call (normal priority) waits for
  // Monday 08:00 → 09:00. Neither ticket was triaged by Monday 30 November.
  const std::string as_of = " --at 2026-11-30T12:00:00+01:00";
  auto mail = cli("report status-mail --customer nordlys --period 2026-11 --text" + as_of);
  REQUIRE(mail.exit == 0);
  CHECK(contains(mail.out, "Open requests: 2\n"));
  CHECK(contains(mail.out, "SLA breached: triage due 2026-11-16 10:55\n"));
  CHECK(contains(mail.out, "SLA breached: triage due 2026-11-23 09:00\n"));
  CHECK(contains(mail.out, "worked                            0:30 h\n"));
  auto report = cli("report tickets --customer nordlys --period 2026-11 --json" + as_of);
  REQUIRE(report.exit == 0);
  CHECK(contains(report.out, "\"tickets\":2,"));
  CHECK(contains(report.out,
                 "{\"priority\":\"normal\",\"metric\":\"triage\",\"met\":0,\"decided\":2,"));
}

// Regression (issue 15): fees and work were append-only with no way to mend a wrong entry; a
// correction reverses it, the statement shows the reversal and still builds.
TEST_CASE("work reverse: the statement shows the correction and bills the rest") {
  const Month cli;
  REQUIRE(
      cli("ticket open --customer nordlys --subject BIOS --at 2026-11-16T09:55:00+01:00").exit ==
      0);
  for (const char* logged : {"2026-11-16T10:30:00+01:00", "2026-11-16T10:31:00+01:00"})
    REQUIRE(
        cli(std::string(
                "work log OO-2026-000001 --minutes 30 --at 2026-11-16T10:00:00+01:00 --actor bo "
                "--logged-at ") +
            logged)
            .exit == 0);
  REQUIRE(
      cli("fee charge OO-2026-000001 on_call_non_critical --at 2026-11-16T10:40:00+01:00").exit ==
      0);
  auto history = cli("history OO-2026-000001");
  CHECK(contains(history.out, "  3  2026-11-16T09:31:00Z  bo            work_logged"));
  CHECK(contains(history.out, "  4  2026-11-16T09:40:00Z  "));

  auto reversed =
      cli("work reverse OO-2026-000001 3 --reason \"booked twice\" --at 2026-11-17T09:00:00+01:00 "
          "--actor bo");
  CHECK(reversed.exit == 0);
  CHECK(reversed.out ==
        "OO-2026-000001: entry 3 reversed at 2026-11-17T08:00:00Z (booked twice)\n");
  auto fee_back =
      cli("work reverse OO-2026-000001 4 --reason \"not an on-call call\" --at "
          "2026-11-17T09:01:00+01:00 --json");
  CHECK(fee_back.exit == 0);
  CHECK(
      fee_back.out ==
      R"({"ticket":"OO-2026-000001","entry":4,"reason":"not an on-call call","at":"2026-11-17T08:01:00Z"})"
      "\n");
  auto again =
      cli("work reverse OO-2026-000001 3 --reason \"booked twice\" --at 2026-11-17T09:02:00+01:00");
  CHECK(again.exit == 2);
  CHECK(again.out ==
        "tierdesk work reverse: conflict: entry: OO-2026-000001 event 3 is reversed already\n");
  auto not_work = cli("work reverse OO-2026-000001 1 --reason x --at 2026-11-17T09:03:00+01:00");
  CHECK(not_work.exit == 2);
  CHECK(not_work.out ==
        "tierdesk work reverse: not_found: entry: got \"1\", expected the seq of a work_logged "
        "or fee_charged event of OO-2026-000001\n");
  CHECK(cli("work list OO-2026-000001").out ==
        "2026-11-16T09:00:00Z  OO-2026-000001  entry 2    30 min  remote   support  bo\n"
        "2026-11-16T09:00:00Z  OO-2026-000001  entry 3    30 min  remote   support  bo  [reversed: "
        "booked twice]\n"
        "2 entries (1 reversed), 30 min\n");

  // One 30-minute entry bills: 547.50 DKK, VAT 136.875 → 136.88, total 684.38.
  auto s = cli("statement --customer nordlys --month 2026-11 --json");
  REQUIRE(s.exit == 0);
  CHECK(contains(s.out,
                 R"x({"kind":"reversed","text":"reversed on 2026-11-17T08:00:00Z: 30 min from )x"
                 R"x(2026-11-16T09:00:00Z by bo (booked twice)","quantity":30,"unit":"min",)x"
                 R"x("unit_price":"0.00","amount":"0.00","tickets":["OO-2026-000001"]})x"));
  CHECK(contains(s.out, "\"subtotal\": \"547.50\""));
  CHECK(contains(s.out, "\"total\": \"684.38\""));
  auto text = cli("statement --customer nordlys --month 2026-11");
  CHECK(text.exit == 0);
  CHECK(contains(
      text.out,
      "reversed on 2026-11-17T08:00:00Z: 30 min from 2026-11-16T09:00:00Z by bo (booked twice)"));
}

// The README's first command: `tierdesk demo`, here run outside the source tree with the
// contracts named by $TIERDESK_CONTRACTS. Its month goes through the service desk only; the
// statement it prints shows the correction.
TEST_CASE("tierdesk demo replays a month and prints due times, a status e-mail and a statement") {
  const tierdesk::testing::TempDir elsewhere;
  const tierdesk::testing::CliPlace place{.dir = elsewhere.path().string(),
                                          .contracts_env = tierdesk::testing::preset_contracts()};
  auto demo = tierdesk::testing::run_cli("demo --db demo.db",
                                         tierdesk::testing::CliOutput::stdout_and_stderr, place);
  REQUIRE(demo.exit == 0);
  CHECK(demo.out.starts_with("demo.db: 2026-11 replayed for 5 contracts\n"));
  CHECK(contains(demo.out, ", 1 correction, "));
  CHECK(contains(demo.out, "\n== SLA clocks still running, due around the month's end ==\n"));
  CHECK(contains(demo.out,
                 "\n== status e-mail: mueller (Solutionbar Servicevertrag) ==\n"
                 "From: Solutionbar Servicevertrag <petra@solutionbar.example>\r\n"
                 "To: office@mueller.example\r\n"));
  CHECK(contains(demo.out,
                 "\n== statement: nordlys (OneOffice driftsaftale) ==\n"
                 "Statement for nordlys, 2026-11-01 … 2026-11-30\n"
                 "reversed on "));
  CHECK(contains(demo.out, " by mck (booked twice) "));
  // The database is left for the other verbs, and a second run never overwrites it.
  auto overview = tierdesk::testing::run_cli(
      "report overview --db demo.db --customer nordlys --at 2026-12-01T00:00:00Z",
      tierdesk::testing::CliOutput::stdout_and_stderr, place);
  CHECK(overview.exit == 0);
  CHECK(
      overview.out.starts_with("Tickets of nordlys as of 2026-12-01 01:00 (Europe/Copenhagen): "));
  auto again = tierdesk::testing::run_cli("demo --db demo.db",
                                          tierdesk::testing::CliOutput::stdout_and_stderr, place);
  CHECK(again.exit == 2);
  CHECK(again.out ==
        "tierdesk demo: conflict: demo.db: exists; the demo only creates a new database "
        "(remove it or give --db)\n");
}
