// The ticket, receive and jourfixe verbs of the CLI host, run as a user would: exit codes,
// messages and JSON, with the preset contracts deciding prefix, clocks, defaults and queues.
#include <string>

#include <doctest/doctest.h>

#include "support/cli_process.hpp"

#include "tierdesk/store/sqlite_store.hpp"

namespace {

using tierdesk::testing::CliOutput;
using tierdesk::testing::CliRun;
using tierdesk::testing::preset_contracts;

// `tierdesk ARGS --db DB --contracts <the presets>`.
CliRun run(const std::string& db, const std::string& args) {
  return tierdesk::testing::run_cli(args + " --db " + db + " --contracts " + preset_contracts());
}

CliRun init(const std::string& db) { return tierdesk::testing::run_cli("init --db " + db); }

std::string fresh_db() { return tierdesk::testing::fresh_db_file("tierdesk_ticket_cli_test.db"); }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the ticket workflow on a database file") {
  const auto db = fresh_db();
  auto missing = run(db, "ticket list");
  CHECK(missing.exit == 2);
  CHECK(contains(missing.out, "no database here (create one with `tierdesk init"));

  const auto version = std::to_string(tierdesk::SqliteStore::latest_schema_version);
  CHECK(init(db).out == db + ": schema version " + version + "\n");
  // Friday 20 November 2026, 14:30 in Copenhagen; OneOffice's office hours end at 15:00 on
  // Fridays, so the 1 h response target runs 30 min on Friday and 30 min on Monday.
  auto opened = run(db,
                    "ticket open --customer nordlys --subject VPN --priority high --channel phone "
                    "--at 2026-11-20T14:30:00+01:00 --actor anna --json");
  CHECK(opened.exit == 0);
  CHECK(
      opened.out ==
      R"({"ref":"OO-2026-000001","status":"new","customer":"nordlys","contract":"oneoffice",)"
      R"("channel":"phone","category":"support","priority":"high","tier":1,"tier_name":"1st level",)"
      R"("assignee":"mck","subject":"VPN","external_id":"","flags":[],"jourfixe":false,)"
      R"("created_at":"2026-11-20T13:30:00Z","updated_at":"2026-11-20T13:30:00Z","version":1,)"
      R"("created":true})"
      "\n");

  auto due = run(db, "due --within 72h --at 2026-11-20T14:30:00+01:00 --json");
  CHECK(due.exit == 0);
  CHECK(contains(
      due.out,
      R"({"ref":"OO-2026-000001","clock":"response","kind":"due","at":"2026-11-23T07:30:00Z"})"));
  CHECK(contains(
      due.out,
      R"({"ref":"OO-2026-000001","clock":"resolution","kind":"due","at":"2026-11-23T08:30:00Z"})"));

  auto reply = run(
      db,
      "ticket reply OO-2026-000001 --public --body \"On it\" --at 2026-11-23T07:00:00Z --actor bo");
  CHECK(reply.exit == 0);
  CHECK(reply.out.starts_with("OO-2026-000001  open  VPN\n"));
  CHECK(!contains(run(db, "due --within 1h --at 2026-11-23T07:00:00Z").out, "response due"));

  auto escalate = run(db,
                      "ticket escalate OO-2026-000001 --tier 2 --reason network --at "
                      "2026-11-23T07:05:00Z --actor anna");
  CHECK(escalate.exit == 0);
  CHECK(contains(escalate.out, "  category support, priority high, tier 2 (2nd level)\n"));
  // The desk's notice goes to stderr.
  CHECK(contains(escalate.out,
                 "notice escalated for 2nd level: OO-2026-000001 moved to 2nd level: network\n"));

  auto history = run(db, "history OO-2026-000001");
  CHECK(history.exit == 0);
  CHECK(contains(history.out,
                 "  4  2026-11-23T07:05:00Z  anna          tier 2  from=\"1\"  reason=\"network\"\n"
                 "  5  2026-11-23T07:05:00Z  anna          notified  kind=\"escalated\"  "
                 "recipient=\"2nd level\"\n"));

  auto forbidden = run(db, "ticket status OO-2026-000001 closed");
  CHECK(forbidden.exit == 2);
  CHECK(forbidden.out ==
        "tierdesk ticket status: invalid_transition: OO-2026-000001: status: cannot go from "
        "\"open\" to \"closed\"\n");
  auto unknown = run(db, "ticket show OO-2026-000042");
  CHECK(unknown.exit == 2);
  CHECK(unknown.out == "tierdesk ticket show: not_found: ticket OO-2026-000042: not found\n");
  CHECK(run(db, "ticket show not-a-ref").exit == 1);
  CHECK(run(db, "ticket escalate OO-2026-000001 --tier 2").exit == 1);
  CHECK(run(db, "due --within soon").exit == 1);
  CHECK(run(db, "ticket frobnicate").exit == 1);
  auto list = run(db, "ticket list --customer nordlys");
  CHECK(list.exit == 0);
  CHECK(list.out == "OO-2026-000001  open              tier 2  high      nordlys       VPN\n");
}

TEST_CASE("ticket category, assign and an external id used twice") {
  const auto db = fresh_db();
  REQUIRE(init(db).exit == 0);
  const std::string open = "ticket open --customer nordlys --subject Printer --external-id crm-17 ";
  REQUIRE(run(db, open + "--at 2026-11-16T09:55:00+01:00 --actor anna").exit == 0);
  auto again = run(db, open + "--at 2026-11-16T10:30:00+01:00 --actor anna");
  CHECK(again.exit == 0);
  CHECK(
      again.out.starts_with("existing ticket: external id crm-17 was used before, nothing opened\n"
                            "OO-2026-000001  new  Printer\n"));
  CHECK(contains(run(db, open + "--at 2026-11-16T10:31:00+01:00 --json").out,
                 R"("version":1,"created":false})"));
  CHECK(run(db, "ticket list").out ==
        "OO-2026-000001  new               tier 1  normal    nordlys       Printer\n");

  auto category = run(db, "ticket category OO-2026-000001 security --at 2026-11-16T10:40:00+01:00");
  CHECK(category.exit == 0);
  CHECK(contains(category.out, "  category security, priority normal, tier 1 (1st level)\n"));
  auto bad = run(db, "ticket category OO-2026-000001 securty --at 2026-11-16T10:41:00+01:00");
  CHECK(bad.exit == 2);
  CHECK(bad.out ==
        "tierdesk ticket category: invalid_argument: category: got \"securty\", expected a "
        "category of contract oneoffice (support, security, project)\n");
  auto assign = run(db, "ticket assign OO-2026-000001 bo --at 2026-11-16T10:42:00+01:00");
  CHECK(assign.exit == 0);
  CHECK(contains(assign.out, "  assignee bo\n"));
  CHECK(run(db, "ticket assign OO-2026-000001").exit == 1);
  auto emergency =
      run(db, "ticket emergency OO-2026-000001 --reason x --at 2026-11-16T10:43:00+01:00");
  CHECK(emergency.exit == 2);
  CHECK(emergency.out ==
        "tierdesk ticket emergency: invalid_argument: emergency: contract oneoffice has "
        "no emergency surcharge\n");
}

// Regression (issue 15): `--contract oneofice` opened a TD-… ticket with no SLA and exit 0.
TEST_CASE("a mistyped contract is an error naming it and the known ones; nothing is written") {
  const auto db = fresh_db();
  REQUIRE(init(db).exit == 0);
  auto typo = run(db,
                  "ticket open --customer nordlys --contract oneofice --subject VPN --at "
                  "2026-11-16T09:55:00+01:00");
  CHECK(typo.exit == 2);
  CHECK(typo.out ==
        "tierdesk ticket open: not_found: contract: got \"oneofice\", expected one of "
        "1und1-cloudpbx, meinofficeplus, oneoffice, roewaplan, solutionbar\n");
  // Another customer's contract is no better.
  auto other = run(db, "ticket open --customer nordlys --contract solutionbar --subject VPN");
  CHECK(other.exit == 2);
  CHECK(other.out ==
        "tierdesk ticket open: invalid_argument: contract: got \"solutionbar\", expected "
        "oneoffice, the contract of customer nordlys\n");
  CHECK(run(db, "ticket list").out.empty());
}

// Regression (issue 15): an unknown customer was accepted and could never be billed.
TEST_CASE("an unknown customer is an error; nothing is written") {
  const auto db = fresh_db();
  REQUIRE(init(db).exit == 0);
  auto unknown =
      run(db, "ticket open --customer acme --subject VPN --at 2026-11-16T09:55:00+01:00");
  CHECK(unknown.exit == 2);
  CHECK(unknown.out ==
        "tierdesk ticket open: not_found: customer: got \"acme\", expected a customer of "
        "the contracts\n");
  CHECK(run(db, "ticket list").out.empty());
}

// Regression (issue 15): outside the repository root the verbs silently had no contracts.
TEST_CASE("contracts come from --contracts or $TIERDESK_CONTRACTS, wherever the CLI runs") {
  const tierdesk::testing::TempDir elsewhere;
  const std::string dir = elsewhere.path().string();
  const std::string open =
      "ticket open --db desk.db --customer nordlys --subject VPN --at 2026-11-16T09:55:00+01:00";
  REQUIRE(
      tierdesk::testing::run_cli("init --db desk.db", CliOutput::stdout_and_stderr, {.dir = dir})
          .exit == 0);

  auto none = tierdesk::testing::run_cli(open, CliOutput::stdout_and_stderr, {.dir = dir});
  CHECK(none.exit == 2);
  CHECK(none.out ==
        "tierdesk ticket open: not_found: contracts: none given; name the directory of "
        "contract files with --contracts DIR or the environment variable TIERDESK_CONTRACTS\n");
  auto missing = tierdesk::testing::run_cli(open + " --contracts examples/contracts",
                                            CliOutput::stdout_and_stderr, {.dir = dir});
  CHECK(missing.exit == 2);
  CHECK(missing.out ==
        "tierdesk ticket open: io_error: --contracts: examples/contracts: no such "
        "directory of contracts\n");
  auto bad_env = tierdesk::testing::run_cli(open, CliOutput::stdout_and_stderr,
                                            {.dir = dir, .contracts_env = dir + "/contracts"});
  CHECK(bad_env.exit == 2);
  CHECK(bad_env.out == "tierdesk ticket open: io_error: TIERDESK_CONTRACTS: " + dir +
                           "/contracts: no such directory of contracts\n");
  CHECK(tierdesk::testing::run_cli("ticket list --db desk.db --contracts " + preset_contracts(),
                                   CliOutput::stdout_and_stderr, {.dir = dir})
            .out.empty());

  auto from_env = tierdesk::testing::run_cli(open, CliOutput::stdout_and_stderr,
                                             {.dir = dir, .contracts_env = preset_contracts()});
  CHECK(from_env.exit == 0);
  CHECK(
      from_env.out.starts_with("OO-2026-000001  new  VPN\n"
                               "  customer nordlys, contract oneoffice, via email\n"));
}

// Regression (issue 15): a ticket opened without a category showed "-", and the status mail
// and ticket report then failed with `category: no billing rules for ""`.
TEST_CASE("a ticket opened without a category gets the contract's default, and the reports build") {
  const auto db = fresh_db();
  REQUIRE(init(db).exit == 0);
  auto opened =
      run(db, "ticket open --customer kreiswerke --subject Outage --at 2026-11-16T09:00:00+01:00");
  REQUIRE(opened.exit == 0);
  CHECK(
      opened.out.starts_with("RW-2026-000001  new  Outage\n"
                             "  customer kreiswerke, contract roewaplan, via email\n"
                             "  category fault, priority normal, tier 1 (1st-level)\n"
                             "  assignee lena\n"));
  auto mail = run(db,
                  "report status-mail --customer kreiswerke --period 2026-11 --text --at "
                  "2026-11-30T12:00:00+01:00");
  CHECK(mail.exit == 0);
  CHECK(contains(mail.out, "Top topics in 2026-11\n  fault                            1 ticket\n"));
  auto report = run(db,
                    "report tickets --customer kreiswerke --period 2026-11 --json --at "
                    "2026-11-30T12:00:00+01:00");
  CHECK(report.exit == 0);
  CHECK(contains(report.out, R"("by_category":[{"key":"fault","tickets":1}])"));
}

// Regression (issue 15): `Re: [OO-2026-000001] Printer` opened a new ticket instead of threading.
TEST_CASE("receive threads a reply by the reference in its subject, and by References") {
  const auto db = fresh_db();
  REQUIRE(init(db).exit == 0);
  auto first = run(db,
                   "receive --from \"Nordlys IT <it@nordlys.example>\" --subject Printer --body "
                   "\"It is offline\" "
                   "--message-id \"<m1@nordlys.example>\" --at 2026-11-16T09:55:00+01:00");
  CHECK(first.exit == 0);
  CHECK(first.out.starts_with("opened OO-2026-000001\nOO-2026-000001  new  Printer\n"));
  REQUIRE(run(db,
              "ticket reply OO-2026-000001 --public --body \"Try turning it on\" --at "
              "2026-11-16T10:05:00+01:00 --actor bo")
              .exit == 0);
  REQUIRE(run(db, "ticket status OO-2026-000001 resolved --at 2026-11-16T10:10:00+01:00 --actor bo")
              .exit == 0);

  const std::string re =
      "receive --from it@nordlys.example --subject \"Re: [OO-2026-000001] Printer\" "
      "--body \"Still offline\" --message-id \"<m2@nordlys.example>\" ";
  auto reply = run(db, re + "--at 2026-11-16T11:00:00+01:00 --json");
  CHECK(reply.exit == 0);
  CHECK(reply.out.starts_with(
      R"({"outcome":"appended","ticket":{"ref":"OO-2026-000001","status":"open",)"));
  CHECK(
      run(db, re + "--at 2026-11-16T11:01:00+01:00").out.starts_with("duplicate OO-2026-000001\n"));
  auto referenced = run(
      db,
      "receive --from it@nordlys.example --subject \"more\" --reference \"<m1@nordlys.example>\" "
      "--message-id \"<m3@nordlys.example>\" --at 2026-11-16T11:30:00+01:00");
  CHECK(referenced.out.starts_with("appended OO-2026-000001\n"));
  CHECK(run(db, "ticket list").out ==
        "OO-2026-000001  open              tier 1  normal    nordlys       Printer\n");
  auto history = run(db, "history OO-2026-000001");
  CHECK(contains(
      history.out,
      "  5  2026-11-16T10:00:00Z  it@nordlys.example  customer_reply  body=\"Still offline\""));
  CHECK(contains(history.out, "  6  2026-11-16T10:00:00Z  it@nordlys.example  reopened\n"));

  auto stranger = run(
      db, "receive --from someone@elsewhere.example --subject hi --at 2026-11-16T12:00:00+01:00");
  CHECK(stranger.exit == 2);
  CHECK(stranger.out ==
        "tierdesk receive: not_found: from: got \"someone@elsewhere.example\", expected "
        "the address of a customer\n");
  CHECK(run(db, "receive --subject hi").exit == 1);
}

// Regression (issue 15): a Solutionbar request by e-mail through `ticket open` ran its response
// clock; the contract says it waits for the JourFixe. An urgent call does not wait.
TEST_CASE("Solutionbar: e-mail requests wait for the JourFixe, an urgent phone call does not") {
  const auto db = fresh_db();
  REQUIRE(init(db).exit == 0);
  auto mail = run(db,
                  "receive --from office@mueller.example --subject \"Drucker im Büro\" "
                  "--message-id \"<m1@mueller.example>\" --at 2026-11-16T10:00:00+01:00");
  CHECK(mail.exit == 0);
  CHECK(mail.out ==
        "opened SB-2026-000001\n"
        "SB-2026-000001  new  Drucker im Büro\n"
        "  customer mueller, contract solutionbar, via email\n"
        "  category support, priority normal, tier 1 (1st level)\n"
        "  assignee jonas\n"
        "  external id <m1@mueller.example>\n"
        "  waiting for the JourFixe\n"
        "  created 2026-11-16T09:00:00Z, updated 2026-11-16T09:00:00Z, 2 events\n");
  auto opened =
      run(db, "ticket open --customer mueller --subject Toner --at 2026-11-16T10:02:00+01:00");
  CHECK(contains(opened.out, "  waiting for the JourFixe\n"));
  auto call =
      run(db,
          "ticket open --customer mueller --channel phone --urgent --subject \"Server down\" "
          "--at 2026-11-16T10:05:00+01:00 --actor jonas");
  CHECK(call.exit == 0);
  CHECK(call.out ==
        "SB-2026-000003  new  Server down\n"
        "  customer mueller, contract solutionbar, via phone\n"
        "  category support, priority urgent, tier 1 (1st level)\n"
        "  assignee jonas\n"
        "  created 2026-11-16T09:05:00Z, updated 2026-11-16T09:05:00Z, 2 events\n");
  // The urgent call's response clock runs: 4 h of office hours from 10:05 is 14:05 (13:05Z);
  // the e-mail's waits for the meeting.
  auto show = run(db, "ticket show SB-2026-000001");
  CHECK(contains(show.out, "  clock response pending\n"));
  CHECK(contains(run(db, "ticket show SB-2026-000003").out,
                 "  clock response running, due 2026-11-16T13:05:00Z\n"));

  auto queue = run(db, "jourfixe list --contract solutionbar --at 2026-11-16T12:00:00+01:00");
  CHECK(queue.exit == 0);
  CHECK(queue.out ==
        "JourFixe of solutionbar: 2 waiting, next meeting 2026-11-24T09:00:00+01:00\n"
        "SB-2026-000001  new               tier 1  normal    mueller       Drucker im Büro\n"
        "SB-2026-000002  new               tier 1  normal    mueller       Toner\n");
  CHECK(contains(
      run(db, "jourfixe list --contract solutionbar --json --at 2026-11-16T12:00:00+01:00").out,
      R"({"contract":"solutionbar","next_slot":"2026-11-24T08:00:00Z","tickets":[{"ref":"SB-2026-000001",)"));
  auto carried = run(db,
                     "jourfixe done SB-2026-000001 --outcome carried_over --note parts --at "
                     "2026-11-24T09:30:00+01:00");
  CHECK(carried.exit == 0);
  CHECK(contains(carried.out, "  waiting for the JourFixe\n"));
  auto resolved =
      run(db, "jourfixe done SB-2026-000002 --outcome resolved --at 2026-11-24T09:40:00+01:00");
  CHECK(resolved.out.starts_with("SB-2026-000002  resolved  Toner\n"));
  CHECK(run(db, "jourfixe list --contract solutionbar --at 2026-11-24T12:00:00+01:00").out ==
        "JourFixe of solutionbar: 1 waiting, next meeting 2026-12-08T09:00:00+01:00\n"
        "SB-2026-000001  new               tier 1  normal    mueller       Drucker im Büro\n");
  auto not_queued =
      run(db, "jourfixe done SB-2026-000003 --outcome resolved --at 2026-11-24T09:50:00+01:00");
  CHECK(not_queued.exit == 2);
  CHECK(not_queued.out ==
        "tierdesk jourfixe done: invalid_transition: SB-2026-000003: not in the JourFixe queue\n");
  CHECK(run(db, "jourfixe done SB-2026-000001 --outcome maybe").exit == 1);
  CHECK(run(db, "jourfixe list --contract oneoffice").exit == 2);

  // The call displaced booked appointments: the contract's emergency surcharge.
  auto emergency = run(db,
                       "ticket emergency SB-2026-000003 --reason \"two appointments moved\" "
                       "--at 2026-11-16T10:20:00+01:00");
  CHECK(emergency.exit == 0);
  CHECK(contains(emergency.out, "  flag displaced-appointments\n"));
  CHECK(run(db, "ticket emergency SB-2026-000003").exit == 1);
}

TEST_CASE("an urgent e-mail under a phone-only contract is flagged and the team notified") {
  const auto db = fresh_db();
  REQUIRE(init(db).exit == 0);
  auto urgent = run(db,
                    "receive --from office@mueller.example --subject DRINGEND --urgent "
                    "--message-id \"<u1@mueller.example>\" --at 2026-11-16T10:10:00+01:00");
  CHECK(urgent.exit == 0);
  CHECK(contains(urgent.out,
                 "notice urgent-by-email for team-nord: mueller sent an urgent request by "
                 "e-mail (\"DRINGEND\"); emergencies are taken by phone only: call the "
                 "customer back\n"));
  CHECK(contains(urgent.out, "  flag urgent-by-email\n  waiting for the JourFixe\n"));
}

TEST_CASE("stored text reaches the terminal with its control characters escaped") {
  // A customer's subject that would retitle the terminal (OSC 0), clear it (CSI 2J), forge a
  // line of its own and carry a C1 CSI (U+009B): `ticket list` and `ticket show` used to print
  // it raw. JSON output escapes it as JSON does.
  const auto db = fresh_db();
  REQUIRE(init(db).exit == 0);
  const std::string subject =
      R"sh("$(printf '\033]0;pwned\007Drucker\033[2J\nOO-2026-999999  resolved  \302\233x')")sh";
  auto opened = run(db, "ticket open --customer nordlys --subject " + subject +
                            " --at 2026-11-20T14:30:00+01:00 --actor anna");
  REQUIRE(opened.exit == 0);
  const std::string shown =
      R"(\x1b]0;pwned\x07Drucker\x1b[2J\x0aOO-2026-999999  resolved  \u{9b}x)";
  auto listed = run(db, "ticket list");
  CHECK(listed.exit == 0);
  CHECK(listed.out == "OO-2026-000001  new               tier 1  normal    nordlys       " + shown + "\n");
  auto show = run(db, "ticket show OO-2026-000001");
  CHECK(contains(show.out, "OO-2026-000001  new  " + shown + "\n"));
  CHECK_FALSE(contains(show.out + listed.out + opened.out, "\x1b"));
  auto json = run(db, "ticket show OO-2026-000001 --json");
  CHECK(contains(json.out, R"("subject":"\u001b]0;pwned\u0007Drucker\u001b[2J\nOO-2026-999999)"));
}

TEST_CASE("--limit is a whole number in range; -1 no longer means no limit") {
  const auto db = fresh_db();
  REQUIRE(init(db).exit == 0);
  for (const std::string bad : {"-1", "0", "100001", "18446744073709551615", "5x"}) {
    auto listed = run(db, "ticket list --limit " + bad);
    CHECK(listed.exit == 1);
    CHECK(listed.out.starts_with("tierdesk ticket list: --limit: got \"" + bad +
                                 "\", expected a whole number from 1 to 100000\n"));
    auto due = run(db, "due --within 1h --limit " + bad);
    CHECK(due.exit == 1);
    CHECK(due.out.starts_with("tierdesk due: --limit: got \"" + bad +
                              "\", expected a whole number from 1 to 100000\n"));
  }
  CHECK(run(db, "ticket list --limit 100000").exit == 0);
}
