// The report verbs of the CLI host, run as a user would: exit codes, the mail on the wire, the
// SVG file and the overview, all from the database under the customer's contract.
#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "support/cli_process.hpp"

namespace {

tierdesk::testing::CliRun run(const std::string& args) { return tierdesk::testing::run_cli(args); }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Solutionbar's customer mueller in December 2026, after the start phase: a 10-hour
// contingent (expiring, nothing carried in) and 10 h 30 min of support work on two tickets.
struct Setup {
  tierdesk::testing::TempDir temp;
  std::string db = temp.file("t.db");
  std::string common = "--db " + db + " --contracts " + tierdesk::testing::preset_contracts();
  std::string second_work;  // what booking the work that used up the contingent printed

  Setup() {
    REQUIRE(run("init --db " + db).exit == 0);
    REQUIRE(run("ticket open " + common +
                " --customer mueller --channel phone --subject \"Drucker im Büro\" "
                "--at 2026-12-02T10:00:00+01:00 --actor jonas")
                .exit == 0);
    REQUIRE(run("ticket open " + common +
                " --customer mueller --channel phone --subject Toner "
                "--at 2026-12-03T10:00:00+01:00 --actor jonas")
                .exit == 0);
    REQUIRE(run("work log SB-2026-000001 " + common +
                " --minutes 420 --at 2026-12-03T08:00:00+01:00 "
                "--logged-at 2026-12-03T16:00:00+01:00 --actor bo")
                .exit == 0);
    auto work =
        run("work log SB-2026-000002 " + common +
            " --minutes 210 --kind on_site "
            "--at 2026-12-07T13:00:00+01:00 --logged-at 2026-12-07T17:00:00+01:00 --actor bo");
    REQUIRE(work.exit == 0);
    second_work = work.out;
  }
};

}  // namespace

TEST_CASE("report status-mail: a message a mail server accepts, the statement's hours") {
  Setup s;
  // The desk told the project lead when the contingent ran out.
  CHECK(contains(s.second_work,
                 "notice contingent-exhausted for petra: Müller GmbH: the hour contingent of "
                 "2026-12 (600 min) is used up by SB-2026-000002 (210 min of work from "
                 "2026-12-07T12:00:00Z); further work is billed as overage at month end\n"));
  const auto mail = run(
      "report status-mail " + s.common +
      " --customer mueller --period 2026-12 --to office@mueller.example --at 2027-01-04T08:00:00Z"
      " --from \"Solutionbar <petra@solutionbar.example>\" --message-id "
      "\"<s1@solutionbar.example>\"");
  REQUIRE(mail.exit == 0);
  CHECK(
      mail.out.starts_with("From: Solutionbar <petra@solutionbar.example>\r\n"
                           "To: office@mueller.example\r\n"
                           "Subject: =?utf-8?Q?Status_M=C3=BCller_GmbH=2C_2026-12_-_contingent_exhausted?=\r\n"
                           "Date: Mon, 04 Jan 2027 08:00:00 +0000\r\n"
                           "Message-ID: <s1@solutionbar.example>\r\n"
                           "MIME-Version: 1.0\r\n"
                           "Content-Type: text/plain; charset=utf-8\r\n"
                           "Content-Transfer-Encoding: quoted-printable\r\n"
                           "\r\n"
                           "Status report for M=C3=BCller GmbH, 2026-12\r\n"));
  CHECK(contains(mail.out, "\r\n*** CONTINGENT EXHAUSTED ***\r\n"));
  CHECK(contains(mail.out, "  SB-2026-000001  Drucker im B=C3=BCro\r\n"));
  std::istringstream lines(mail.out);
  for (std::string line; std::getline(lines, line);) {
    CHECK(line.ends_with('\r'));
    CHECK(line.size() <= 79);  // 78 characters and the CR
  }

  const auto json = run("report status-mail " + s.common +
                        " --customer mueller --period 2026-12 --json "
                        "--at 2027-01-04T08:00:00Z");
  CHECK(json.exit == 0);
  CHECK(contains(json.out, R"("worked_minutes":630)"));
  CHECK(contains(json.out, R"("contingent_exhausted":true)"));
  // The same hours as the month's statement.
  const auto statement =
      run("statement " + s.common + " --customer mueller --month 2026-12 --json");
  CHECK(statement.exit == 0);
  CHECK(contains(statement.out, "\"worked_minutes\": 630"));
}

TEST_CASE("report tickets: text, JSON and the SVG file") {
  Setup s;
  const auto svg = s.temp.file("q4.svg");
  const auto text = run("report tickets " + s.common +
                        " --customer mueller --period 2026-Q4 "
                        "--at 2027-01-01T00:00:00Z --svg " +
                        svg);
  REQUIRE(text.exit == 0);
  CHECK(
      text.out.starts_with("Ticket report for mueller, 2026-Q4\n"
                           "as of 2027-01-01T00:00:00Z, 2 tickets created in the period\n"));
  CHECK(contains(text.out, "  from the contingent          630 min\n"));
  // 30 min over the 600-minute contingent at 120.00 EUR/h, and the service fee of 890.00 EUR
  // for October, November and December: 60.00 + 3 × 890.00.
  CHECK(contains(text.out, "  charged                 2,730.00 EUR (ex VAT)\n"));
  std::ifstream in(svg);
  const std::string chart((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(chart.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
  CHECK(contains(chart, "viewBox=\"0 0 552 292\""));
  CHECK(chart.ends_with("</svg>\n"));
}

TEST_CASE("report overview: every ticket with status and due times, in the contract's zone") {
  Setup s;
  const auto o =
      run("report overview " + s.common + " --customer mueller --at 2026-12-03T12:00:00+01:00");
  REQUIRE(o.exit == 0);
  CHECK(
      o.out.starts_with("Tickets of mueller as of 2026-12-03 12:00 (Europe/Berlin): 2, 2 open\n"
                        "SB-2026-000001  new               normal    1st level  Drucker im Büro\n"
                        "    SLA waiting for JourFixe; response pending; resolution pending\n"));
  CHECK(run("overview " + s.common + " --customer mueller --at 2026-12-03T12:00:00+01:00").out ==
        o.out);
  const auto json = run("report overview " + s.common + " --customer mueller --open --json");
  CHECK(json.exit == 0);
  CHECK(json.out.starts_with(R"({"customer":"mueller",)"));
}

TEST_CASE("report and overview: help, usage errors and data errors") {
  Setup s;
  auto help = run("report --help");
  CHECK(help.exit == 0);
  CHECK(contains(help.out, "\nexample:\n"));
  CHECK(run("overview --help").exit == 0);
  CHECK(run("report").exit == 1);
  CHECK(run("report weekly " + s.common + " --customer mueller --period 2026-11").exit == 1);
  // Without --to the message goes to the customer's address in its contract (it used to be a
  // usage error here while the library, the server and Python already defaulted to it).
  auto to_customer = run("report status-mail " + s.common + " --customer mueller --period 2026-11");
  CHECK(to_customer.exit == 0);
  CHECK(to_customer.out.find("\r\nTo: office@mueller.example\r\n") != std::string::npos);
  CHECK(
      run("report status-mail " + s.common + " --customer mueller --period 2026-Q4 --text").exit ==
      1);
  // The old inputs are gone: the store and the contract book hold them.
  CHECK(run("report tickets " + s.common + " --customer mueller --period 2026-11 --work w.jsonl")
            .exit == 1);
  const auto bad_period =
      run("report tickets " + s.common + " --customer mueller --period 2026-Q9");
  CHECK(bad_period.exit == 1);
  CHECK(bad_period.out.starts_with("tierdesk report tickets: --period: period: got \"2026-Q9\""));
  CHECK(run("report overview " + s.common).exit == 1);
  const auto unknown =
      run("report status-mail " + s.common + " --customer x --period 2026-11 --text");
  CHECK(unknown.exit == 2);
  CHECK(unknown.out ==
        "tierdesk report status-mail: not_found: customer: got \"x\", expected a customer "
        "of the contracts\n");
  const auto no_db = run("report overview --customer mueller --db " + s.temp.file("none.db") +
                         " --contracts " + tierdesk::testing::preset_contracts());
  CHECK(no_db.exit == 2);
  const auto no_contracts = run("report overview --customer mueller --db " + s.db);
  CHECK(no_contracts.exit == 2);
  CHECK(no_contracts.out.starts_with("tierdesk report overview: not_found: contracts: none given"));
}
