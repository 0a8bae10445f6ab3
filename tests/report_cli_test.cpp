// The report verbs of the CLI host, run as a user would: exit codes, the mail on the wire,
// the SVG file and the overview.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "support/cli_process.hpp"

namespace {

namespace fs = std::filesystem;

tierdesk::testing::CliRun run(const std::string& args) {
  return tierdesk::testing::run_cli(args);
}

void write(const fs::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A database with two tickets of "Müller GmbH" (OneOffice SLA policy), a Solutionbar-like
// contract with a 10-hour contingent and 10 h 30 min of work in November 2026.
struct Setup {
  tierdesk::testing::TempDir temp;
  fs::path dir = temp.path();
  std::string db, common;

  Setup() {
    db = (dir / "t.db").string();
    write(dir / "contract.json",
          R"({"name": "Solutionbar", "billing": {"currency": "EUR", "vat": "19 %",
      "zone": "Europe/Berlin", "rates": [{"per_hour": "120.00"}],
      "rounding": {"step_minutes": 15, "scope": "per_entry"},
      "contingent": {"monthly_minutes": 600, "overage_per_hour": "120.00"},
      "categories": [{"name": "network", "treatment": "contingent"},
                     {"name": "printer", "treatment": "contingent"}]}})");
    write(dir / "work.jsonl",
          R"({"ticket": "SB-2026-000001", "start": "2026-11-05T11:00:00+01:00", "minutes": 420}
{"ticket": "SB-2026-000002", "start": "2026-11-20T13:00:00+01:00", "minutes": 210, "kind": "on_site"}
)");
    REQUIRE(run("init --db " + db).exit == 0);
    const std::string policy =
        std::string(TIERDESK_SOURCE_DIR) + "/examples/policies/oneoffice.json";
    for (const auto* t :
         {"--category network --subject \"Drucker im Büro\" --at 2026-11-05T10:00:00+01:00",
          "--category printer --subject Toner --at 2026-11-06T10:00:00+01:00"})
      REQUIRE(run("ticket open --db " + db +
                  " --prefix SB --customer \"Müller GmbH\" --contract m1 --policy " + policy + " " +
                  t)
                  .exit == 0);
    common = "--db " + db + " --customer \"Müller GmbH\" --contract " +
             (dir / "contract.json").string() + " --work " + (dir / "work.jsonl").string();
  }
};

}  // namespace

TEST_CASE("report status-mail: a message a mail server accepts") {
  Setup s;
  const auto mail = run(
      "report status-mail " + s.common +
      " --period 2026-11 --to it@mueller.example --at 2026-12-01T08:00:00Z"
      " --from \"Solutionbar <pl@solutionbar.example>\" --message-id \"<s1@solutionbar.example>\"");
  REQUIRE(mail.exit == 0);
  CHECK(mail.out.starts_with(
      "From: Solutionbar <pl@solutionbar.example>\r\n"
      "To: it@mueller.example\r\n"
      "Subject: =?utf-8?Q?Status_M=C3=BCller_GmbH=2C_2026-11_-_contingent_exhausted?=\r\n"
      "Date: Tue, 01 Dec 2026 08:00:00 +0000\r\n"
      "Message-ID: <s1@solutionbar.example>\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n"
      "\r\n"
      "Status report for M=C3=BCller GmbH, 2026-11\r\n"));
  CHECK(mail.out.find("\r\n*** CONTINGENT EXHAUSTED ***\r\n") != std::string::npos);
  CHECK(mail.out.find("  SB-2026-000001  Drucker im B=C3=BCro\r\n") != std::string::npos);
  std::istringstream lines(mail.out);
  for (std::string line; std::getline(lines, line);) {
    CHECK(line.ends_with('\r'));
    CHECK(line.size() <= 79);  // 78 characters and the CR
  }

  const auto json =
      run("report status-mail " + s.common + " --period 2026-11 --json --at 2026-12-01T08:00:00Z");
  CHECK(json.exit == 0);
  CHECK(json.out.find(R"("worked_minutes":630)") != std::string::npos);
  CHECK(json.out.find(R"("contingent_exhausted":true)") != std::string::npos);
}

TEST_CASE("report status-mail without --work reads the work logged in the database") {
  Setup s;
  REQUIRE(run("work log SB-2026-000001 --minutes 420 --at 2026-11-05T11:00:00+01:00 --actor bo "
              "--logged-at 2026-11-05T18:00:00+01:00 --db " + s.db).exit == 0);
  REQUIRE(run("work log SB-2026-000002 --minutes 210 --kind on_site --at 2026-11-20T13:00:00+01:00 "
              "--actor bo --logged-at 2026-11-20T17:00:00+01:00 --db " + s.db).exit == 0);
  // Another customer's work and work in December stay out.
  REQUIRE(run("ticket open --prefix SB --customer other --contract o1 --subject x "
              "--at 2026-11-05T10:00:00+01:00 --db " + s.db).exit == 0);
  REQUIRE(run("work log SB-2026-000003 --minutes 60 --at 2026-11-06T10:00:00+01:00 --actor bo "
              "--logged-at 2026-11-06T12:00:00+01:00 --db " + s.db).exit == 0);
  REQUIRE(run("work log SB-2026-000001 --minutes 45 --at 2026-12-01T10:00:00+01:00 --actor bo "
              "--logged-at 2026-12-01T12:00:00+01:00 --db " + s.db).exit == 0);
  const auto without_file = "--db " + s.db + " --customer \"Müller GmbH\" --contract " +
                            (s.dir / "contract.json").string();
  const auto json = run("report status-mail " + without_file +
                        " --period 2026-11 --json --at 2026-12-01T08:00:00Z");
  CHECK(json.exit == 0);
  CHECK(json.out.find(R"("worked_minutes":630)") != std::string::npos);
  CHECK(json.out.find(R"("contingent_exhausted":true)") != std::string::npos);
  // The same figures as from the file.
  CHECK(json.out == run("report status-mail " + s.common +
                        " --period 2026-11 --json --at 2026-12-01T08:00:00Z").out);
}

TEST_CASE("report tickets: text, JSON and the SVG file") {
  Setup s;
  const auto svg = (s.dir / "q4.svg").string();
  const auto text =
      run("report tickets " + s.common + " --period 2026-Q4 --at 2027-01-01T00:00:00Z --svg " +
          svg + " --policy " + TIERDESK_SOURCE_DIR + "/examples/policies/oneoffice.json");
  REQUIRE(text.exit == 0);
  CHECK(
      text.out.starts_with("Ticket report for Müller GmbH, 2026-Q4\n"
                           "as of 2027-01-01T00:00:00Z, 2 tickets created in the period\n"));
  CHECK(text.out.find("  from the contingent          630 min\n") != std::string::npos);
  CHECK(text.out.find("  charged                    60.00 EUR (ex VAT)\n") != std::string::npos);
  std::ifstream in(svg);
  const std::string chart((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(chart.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
  CHECK(chart.find("viewBox=\"0 0 552 292\"") != std::string::npos);
  CHECK(chart.ends_with("</svg>\n"));
}

TEST_CASE("overview: every ticket with status and due times") {
  Setup s;
  const auto o = run("overview --db " + s.db +
                     " --customer \"Müller GmbH\" --zone Europe/Berlin"
                     " --at 2026-11-05T12:00:00+01:00");
  REQUIRE(o.exit == 0);
  CHECK(o.out.starts_with(
      "Tickets of Müller GmbH as of 2026-11-05 12:00 (Europe/Berlin): 2, 2 open\n"
      "SB-2026-000001  new               normal    1st level  Drucker im Büro\n"));
  const auto json = run("overview --db " + s.db + " --customer \"Müller GmbH\" --open --json");
  CHECK(json.exit == 0);
  CHECK(json.out.starts_with(R"({"customer":"Müller GmbH",)"));
}

TEST_CASE("report and overview: help, usage errors and data errors") {
  Setup s;
  auto help = run("report --help");
  CHECK(help.exit == 0);
  CHECK(help.out.find("\nexample:\n") != std::string::npos);
  CHECK(run("overview --help").exit == 0);
  CHECK(run("report").exit == 1);
  CHECK(run("report weekly " + s.common + " --period 2026-11").exit == 1);
  CHECK(run("report status-mail " + s.common + " --period 2026-11").exit == 1);  // no --to
  CHECK(run("report status-mail " + s.common + " --period 2026-Q4 --text").exit == 1);
  const auto bad_period = run("report tickets " + s.common + " --period 2026-Q9 --policy x.json");
  CHECK(bad_period.exit == 1);
  CHECK(bad_period.out.starts_with("tierdesk report: --period: period: got \"2026-Q9\""));
  CHECK(run("overview --db " + s.db).exit == 1);
  const auto missing =
      run("report status-mail --db " + s.db + " --customer x --period 2026-11 --text --contract " +
          (s.dir / "none.json").string());
  CHECK(missing.exit == 2);
  CHECK(missing.out.starts_with("tierdesk report: io_error: "));
  const auto no_db = run("overview --customer x --db " + (s.dir / "none.db").string());
  CHECK(no_db.exit == 2);
}
