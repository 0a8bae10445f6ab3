// `tierdesk ticket open` under a preset contract and `tierdesk statement`, run as a user would:
// the contract gives prefix, SLA clocks and category defaults; the statement prices the stored
// work and the on-call fee to the øre.
#include <cstdio>
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "support/cli_process.hpp"

namespace {

namespace fs = std::filesystem;

tierdesk::testing::CliRun run(const std::string& args) {
  return tierdesk::testing::run_cli(args);
}

}  // namespace

TEST_CASE("a OneOffice month from the command line: open, log work, statement") {
  const tierdesk::testing::TempDir temp;
  const fs::path& dir = temp.path();
  const std::string db = "--db " + (dir / "t.db").string();
  const std::string contracts =
      " --contracts " + std::string(TIERDESK_SOURCE_DIR) + "/examples/contracts";
  REQUIRE(run("init " + db).exit == 0);

  // No --prefix, no --policy: both come from oneoffice.json; normal priority by default.
  auto opened = run("ticket open " + db + contracts +
                    " --contract oneoffice --customer nordlys --channel phone --category support"
                    " --subject BIOS --at 2026-11-16T09:55:00+01:00 --json");
  REQUIRE(opened.exit == 0);
  CHECK(opened.out.find("\"ref\":\"OO-2026-000001\"") != std::string::npos);
  CHECK(opened.out.find("\"priority\":\"normal\"") != std::string::npos);
  CHECK(opened.out.find("\"assignee\":\"mck\"") != std::string::npos);
  // The response clock: 4 h of normal hours from Mon 09:55 → 13:55 (12:55Z).
  auto due = run("due " + db + " --within 8h --at 2026-11-16T10:00:00+01:00");
  CHECK(due.out.find("2026-11-16T12:55:00Z  OO-2026-000001  response due") != std::string::npos);
  REQUIRE(run("work log OO-2026-000001 " + db +
               " --minutes 30 --at 2026-11-16T10:00:00+01:00 --logged-at 2026-11-16T10:30:00+01:00")
              .exit == 0);
  // A non-critical call to the on-call line, priority normal: the contract's fee rule.
  REQUIRE(run("ticket open " + db + contracts +
              " --contract oneoffice --customer nordlys --channel on-call --category support"
              " --subject Printer --at 2026-11-21T10:00:00+01:00")
              .exit == 0);

  // 547.50 + 1,000.00 = 1,547.50; VAT 25 % = 386.875 → 386.88; total 1,934.38.
  auto s = run("statement " + db + contracts + " --customer nordlys --month 2026-11 --json");
  REQUIRE(s.exit == 0);
  CHECK(s.out.find("\"subtotal\": \"1547.50\"") != std::string::npos);
  CHECK(s.out.find("\"vat\": \"386.88\"") != std::string::npos);
  CHECK(s.out.find("\"total\": \"1934.38\"") != std::string::npos);
  auto text = run("statement " + db + contracts + " --customer nordlys --month 2026-11");
  REQUIRE(text.exit == 0);
  CHECK(text.out.starts_with("Nordlys ApS — OneOffice driftsaftale\n"));

  auto unknown = run("statement " + db + contracts + " --customer nobody --month 2026-11");
  CHECK(unknown.exit == 2);
  CHECK(unknown.out ==
        "tierdesk statement: not_found: customer: got \"nobody\", expected a customer of one of "
        "the contracts\n");
  CHECK(run("statement " + db + contracts + " --customer nordlys --month 2026-13").exit == 1);

  // The reports find the contract (calendars, SLA policy) by the customer. Triage is 1 h of
  // normal hours: Mon 09:55 → 10:55; the Saturday on-call call (normal priority) waits for
  // Monday 08:00 → 09:00. Neither ticket was triaged by Monday 30 November.
  const std::string as_of = " --at 2026-11-30T12:00:00+01:00";
  auto mail = run("report status-mail " + db + contracts + " --customer nordlys --period 2026-11 --text" + as_of);
  REQUIRE(mail.exit == 0);
  CHECK(mail.out.find("Open requests: 2\n") != std::string::npos);
  CHECK(mail.out.find("SLA breached: triage due 2026-11-16 10:55\n") != std::string::npos);
  CHECK(mail.out.find("SLA breached: triage due 2026-11-23 09:00\n") != std::string::npos);
  CHECK(mail.out.find("worked                            0:30 h\n") != std::string::npos);
  auto report = run("report tickets " + db + contracts + " --customer nordlys --period 2026-11 --json" + as_of);
  REQUIRE(report.exit == 0);
  CHECK(report.out.find("\"tickets\":2,") != std::string::npos);
  CHECK(report.out.find("{\"priority\":\"normal\",\"metric\":\"triage\",\"met\":0,\"decided\":2,") !=
        std::string::npos);
  fs::remove_all(dir);
}
