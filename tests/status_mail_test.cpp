// The status e-mail (seed 002): computed from the store and the contract, rendered as text,
// as an RFC 5322 message and as JSON.
#include "tierdesk/report/status_mail.hpp"

#include <doctest/doctest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "report_fixtures.hpp"

using namespace report_test;
using tierdesk::SlaState;

namespace {

constexpr auto november = std::chrono::year{2026} / std::chrono::November;

// Müller GmbH in November 2026 (Europe/Berlin), plus one ticket of another customer.
struct MuellerNovember {
  tierdesk::SqliteStore store = memory_store();
  tierdesk::BillingRules rules = solutionbar_rules();
  tierdesk::Instant as_of = at("2026-12-01T09:00:00+01:00");
  std::size_t top_topics = 5;

  MuellerNovember() {
    const std::string m = "Müller GmbH";
    store_ticket(store, {m,
                         "network",
                         "VPN bricht ab",
                         "2026-11-02T09:00:00+01:00",
                         "normal",
                         "email",
                         {{"2026-11-02T09:30:00+01:00", HistoryKind::agent_public_reply},
                          {"2026-11-02T09:30:00+01:00", HistoryKind::status, "open"}},
                         {clock("response", "met"),
                          clock("resolution", "running", "2026-11-04T17:00:00+01:00")}});
    store_ticket(store, {m,
                         "network",
                         "Drucker im Büro druckt nicht",
                         "2026-11-05T10:00:00+01:00",
                         "high",
                         "portal",
                         {{"2026-11-05T11:00:00+01:00", HistoryKind::status, "pending-customer"}},
                         {clock("response", "met"), clock("resolution", "paused")}});
    store_ticket(store, {m,
                         "network",
                         "WLAN langsam",
                         "2026-11-10T08:00:00+01:00",
                         "normal",
                         "email",
                         {{"2026-11-10T15:00:00+01:00", HistoryKind::resolved}}});
    store_ticket(store, {m,
                         "printer",
                         "Toner leer",
                         "2026-11-12T09:00:00+01:00",
                         "low",
                         "email",
                         {{"2026-11-20T17:00:00+01:00", HistoryKind::resolved}}});
    store_ticket(store, {m,
                         "email",
                         "Postfach voll",
                         "2026-10-20T09:00:00+02:00",
                         "normal",
                         "email",
                         {{"2026-10-20T10:00:00+02:00", HistoryKind::agent_public_reply},
                          {"2026-10-20T10:00:00+02:00", HistoryKind::status, "open"}},
                         {clock("response", "met"),
                          clock("ola:2nd level", "running", "2026-11-01T10:00:00+01:00"),
                          clock("resolution", "running", "2026-12-03T10:00:00+01:00")}});
    store_ticket(store, {"acme", "email", "Other customer", "2026-11-15T09:00:00+01:00"});
    store_ticket(store, {m,
                         "security",
                         "Phishing-Mail erhalten",
                         "2026-11-30T23:30:00+01:00",
                         "normal",
                         "email",
                         {},
                         {clock("response", "pending")}});
    store_ticket(store, {m, "email", "Neuer Kollege", "2026-12-01T00:30:00+01:00"});
    store_work(store, {work("SB-2026-000001", "2026-11-03T09:00:00+01:00", 4h),
                       work("SB-2026-000003", "2026-11-10T10:00:00+01:00", 3h),
                       work("SB-2026-000004", "2026-11-20T13:00:00+01:00", 210min),
                       work("SB-2026-000005", "2026-10-25T10:00:00+01:00", 1h),
                       work("SB-2026-000006", "2026-11-16T10:00:00+01:00", 2h)});
  }

  tierdesk::StatusReport report() {
    const auto contract = contract_with(rules, {"Müller GmbH", "acme"});
    auto r = tierdesk::build_status_report(store, contract, customer(contract, "Müller GmbH"),
                                           november, as_of, top_topics);
    if (!r) FAIL(r.error().message());
    return *r;
  }
};

}  // namespace

TEST_CASE(
    "summarize_clocks: overdue beats running, then pending, paused, met; OLA clocks ignored") {
  const auto now = at("2026-11-10T12:00:00Z");
  using V = std::vector<tierdesk::ClockEntry>;
  CHECK(tierdesk::summarize_clocks(V{}, now) == tierdesk::SlaSummary{});
  CHECK(tierdesk::summarize_clocks(V{clock("resolution", "running", "2026-11-12T12:00:00Z"),
                                     clock("response", "running", "2026-11-11T12:00:00Z")},
                                   now) ==
        tierdesk::SlaSummary{SlaState::on_time, clock_id("response"), at("2026-11-11T12:00:00Z")});
  // due exactly now: the target is used up
  CHECK(tierdesk::summarize_clocks(V{clock("resolution", "running", "2026-11-12T12:00:00Z"),
                                     clock("response", "running", "2026-11-10T12:00:00Z")},
                                   now)
            .state == SlaState::breached);
  CHECK(tierdesk::summarize_clocks(V{clock("response", "breached", "2026-11-12T12:00:00Z", true)},
                                   now)
            .state == SlaState::breached);
  CHECK(tierdesk::summarize_clocks(V{clock("ola:1st level", "running", "2026-11-01T12:00:00Z"),
                                     clock("response", "paused")},
                                   now) == tierdesk::SlaSummary{SlaState::paused, clock_id("response"), {}});
  CHECK(tierdesk::summarize_clocks(V{clock("response", "met"), clock("resolution", "met")}, now)
            .state == SlaState::met);
  CHECK(
      tierdesk::summarize_clocks(V{clock("response", "breached"), clock("resolution", "met")}, now)
          .state == SlaState::breached);
}

TEST_CASE("status report: open requests, top topics and the exhausted contingent") {
  MuellerNovember desk;
  const auto r = desk.report();
  REQUIRE(r.open.size() == 5);
  CHECK(r.open[0].ref.str() == "SB-2026-000001");
  CHECK(r.open[0].sla ==
        tierdesk::SlaSummary{SlaState::breached, clock_id("resolution"), at("2026-11-04T16:00:00Z")});
  CHECK(r.open[1].status == tierdesk::TicketStatus::pending_customer);
  CHECK(r.open[1].sla.state == SlaState::paused);
  CHECK(r.open[2].ref.str() == "SB-2026-000005");
  CHECK(r.open[2].sla ==
        tierdesk::SlaSummary{SlaState::on_time, clock_id("resolution"), at("2026-12-03T09:00:00Z")});
  CHECK(r.open[3].sla.state == SlaState::pending);
  CHECK(r.open[4].ref.str() == "SB-2026-000008");
  CHECK(r.open[4].sla.state == SlaState::none);

  // the security ticket at 23:30 local on 30 Nov counts; the one at 00:30 local on 1 Dec not
  REQUIRE(r.topics.size() == 3);
  CHECK(r.topics[0] == tierdesk::TopicCount{"network", 3});
  CHECK(r.topics[1] == tierdesk::TopicCount{"printer", 1});
  CHECK(r.topics[2] == tierdesk::TopicCount{"security", 1});

  CHECK(r.worked == 630min);  // October's hour and the other customer's two hours left out
  REQUIRE(r.contingent);
  CHECK(r.contingent->allowance == 10h);
  CHECK(r.contingent->used == 630min);
  CHECK(r.contingent->remaining == 0s);
  CHECK(r.contingent->overage == 30min);
  CHECK(fmt::format("{}", r.contingent->overage_charge) == "60.00 EUR");
  REQUIRE(r.contingent_exhausted());
  CHECK(*r.contingent->exhausted ==
        tierdesk::Exhaustion{at("2026-11-20T12:00:00Z"), "SB-2026-000004"});

  desk.top_topics = 1;
  CHECK(desk.report().topics == std::vector<tierdesk::TopicCount>{{"network", 3}});
}

TEST_CASE("status report text: the exhaustion notice first, then requests, topics and hours") {
  MuellerNovember desk;
  const auto zone = desk.rules.zone;
  CHECK(tierdesk::render_status_text(desk.report(), zone) ==
        "Status report for Müller GmbH, 2026-11\n"
        "as of 2026-12-01 09:00 (Europe/Berlin)\n"
        "\n"
        "*** CONTINGENT EXHAUSTED ***\n"
        "The hour contingent for 2026-11 was used up on 2026-11-20 13:00\n"
        "(ticket SB-2026-000004). Further work is billed as overage at month end.\n"
        "\n"
        "Open requests: 5\n"
        "  SB-2026-000001  VPN bricht ab\n"
        "      open, 1st level, priority normal\n"
        "      SLA breached: resolution due 2026-11-04 17:00\n"
        "  SB-2026-000002  Drucker im Büro druckt nicht\n"
        "      pending-customer, 1st level, priority high\n"
        "      SLA paused\n"
        "  SB-2026-000005  Postfach voll\n"
        "      open, 1st level, priority normal\n"
        "      SLA on time: resolution due 2026-12-03 10:00\n"
        "  SB-2026-000007  Phishing-Mail erhalten\n"
        "      new, 1st level, priority normal\n"
        "      SLA waiting for JourFixe\n"
        "  SB-2026-000008  Neuer Kollege\n"
        "      new, 1st level, priority normal\n"
        "      no SLA\n"
        "\n"
        "Top topics in 2026-11\n"
        "  network                          3 tickets\n"
        "  printer                          1 ticket\n"
        "  security                         1 ticket\n"
        "\n"
        "Hours in 2026-11\n"
        "  worked                           10:30 h\n"
        "  contingent                       10:00 h\n"
        "  used from the contingent         10:30 h\n"
        "  remaining                         0:00 h\n"
        "  overage                           0:30 h  (60.00 EUR)\n");
}

TEST_CASE("status mail: a complete RFC 5322 message with an encoded subject and a QP body") {
  MuellerNovember desk;
  const auto report = desk.report();
  const auto wire =
      tierdesk::render_status_mail(report,
                                   {.from = "Solutionbar Projektleitung <pl@solutionbar.example>",
                                    .to = "it@mueller.example",
                                    .date = at("2026-12-01T08:00:00Z"),
                                    .message_id = "<status.2026-11.1@solutionbar.example>"},
                                   desk.rules.zone);
  REQUIRE(wire);
  const auto body_at = wire->find("\r\n\r\n");
  REQUIRE(body_at != std::string::npos);
  CHECK(wire->substr(0, body_at + 4) ==
        "From: Solutionbar Projektleitung <pl@solutionbar.example>\r\n"
        "To: it@mueller.example\r\n"
        "Subject: =?utf-8?Q?Status_M=C3=BCller_GmbH=2C_2026-11_-_contingent_exhausted?=\r\n"
        "Date: Tue, 01 Dec 2026 08:00:00 +0000\r\n"
        "Message-ID: <status.2026-11.1@solutionbar.example>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "\r\n");
  const auto body = wire->substr(body_at + 4);
  CHECK(body.starts_with("Status report for M=C3=BCller GmbH, 2026-11\r\n"));
  CHECK(body.find("  SB-2026-000002  Drucker im B=C3=BCro druckt nicht\r\n") != std::string::npos);
  CHECK(body ==
        tierdesk::encode_quoted_printable(tierdesk::render_status_text(report, desk.rules.zone)));
  std::size_t pos = 0, lines = 0;
  while (pos < wire->size()) {
    const auto end = wire->find("\r\n", pos);
    REQUIRE(end != std::string::npos);
    CHECK(end - pos <= tierdesk::max_mail_line);
    CHECK(wire->substr(pos, end - pos).find('\n') == std::string::npos);  // no bare LF
    pos = end + 2;
    ++lines;
  }
  CHECK(lines == 44);  // 8 header fields, the blank line, 35 body lines
}

TEST_CASE("status report JSON") {
  MuellerNovember desk;
  const auto json = boost::json::parse(tierdesk::to_json(desk.report())).as_object();
  CHECK(json.at("customer").as_string() == "Müller GmbH");
  CHECK(json.at("month").as_string() == "2026-11");
  CHECK(json.at("as_of").as_string() == "2026-12-01T08:00:00Z");
  const auto& open = json.at("open_requests").as_array();
  REQUIRE(open.size() == 5);
  const auto& first = open[0].as_object();
  CHECK(first.at("ref").as_string() == "SB-2026-000001");
  CHECK(first.at("status").as_string() == "open");
  CHECK(first.at("tier_name").as_string() == "1st level");
  CHECK(first.at("sla").at("state").as_string() == "breached");
  CHECK(first.at("sla").at("due").as_string() == "2026-11-04T16:00:00Z");
  CHECK(open[1].at("sla").at("due").is_null());
  CHECK(json.at("top_topics").as_array()[0].at("category").as_string() == "network");
  CHECK(json.at("top_topics").as_array()[0].at("tickets").as_int64() == 3);
  CHECK(json.at("worked_minutes").as_int64() == 630);
  const auto& c = json.at("contingent").as_object();
  CHECK(c.at("allowance_minutes").as_int64() == 600);
  CHECK(c.at("remaining_minutes").as_int64() == 0);
  CHECK(c.at("overage_charge").as_string() == "60.00");
  CHECK(c.at("exhausted").as_bool());
  CHECK(c.at("exhausted_by").as_string() == "SB-2026-000004");
  CHECK(json.at("contingent_exhausted").as_bool());
  CHECK_FALSE(c.contains("expiring_minutes"));  // carried time never expires here
  CHECK_FALSE(c.contains("carry_out_lots"));
}

TEST_CASE("status report: carried hours that expire, a schedule of 20 h then 8 h") {
  // Kaiser KG since October 2026: 20 h a month agreed for the IT changeover, 8 h from
  // December; everything left carries over and lasts two months.
  auto rules = solutionbar_rules();
  rules.contingent->carry_over = tierdesk::CarryOver::all;
  rules.contingent->carry_months = 2;
  auto contract = contract_with(rules, {"Kaiser KG"});
  auto& kaiser = contract.customers[0];
  kaiser.start = *tierdesk::parse_date("2026-10-01");
  using std::chrono::year;
  kaiser.contingent_schedule = {{year{2026} / 10, 1200min}, {year{2026} / 12, 480min}};
  auto store = memory_store();
  const auto ref = store_ticket(
      store, {"Kaiser KG", "network", "Umstellung auf neue Server", "2026-10-01T09:00:00+02:00"});
  store_work(store, {work(ref.str(), "2026-10-05T08:00:00+02:00", 12h),
                     work(ref.str(), "2026-11-10T08:00:00+01:00", 4h),
                     work(ref.str(), "2026-12-08T09:00:00+01:00", 2h)});
  // October: 20 h, 12 h used → 8 h of October carried (usable until December).
  // November: 20 h + 8 h, 4 h used from October's → 4 h of October and 20 h of November.
  // December: 8 h + 24 h; 2 h used from October's, its other 2 h expire at the end of
  // December; November's 20 h (until January) and December's 8 h (until February) carry.
  auto r = tierdesk::build_status_report(store, contract, kaiser, year{2026} / 12,
                                         at("2026-12-15T09:00:00+01:00"));
  if (!r) FAIL(r.error().message());
  REQUIRE(r->contingent);
  CHECK(r->contingent->expired == 2h);
  CHECK(tierdesk::render_status_text(*r, rules.zone)
            .ends_with("Hours in 2026-12\n"
                       "  worked                            2:00 h\n"
                       "  contingent                       32:00 h\n"
                       "    of which carried over          24:00 h\n"
                       "  used from the contingent          2:00 h\n"
                       "  remaining                        30:00 h\n"
                       "    expiring at month end           2:00 h\n"
                       "  carried into 2027-01             28:00 h\n"
                       "    usable until 2027-01           20:00 h\n"
                       "    usable until 2027-02            8:00 h\n"));
  const auto json = boost::json::parse(tierdesk::to_json(*r)).as_object();
  const auto& c = json.at("contingent").as_object();
  CHECK(c.at("allowance_minutes").as_int64() == 1920);
  CHECK(c.at("expiring_minutes").as_int64() == 120);
  CHECK(c.at("carry_out_minutes").as_int64() == 1680);
  CHECK(boost::json::serialize(c.at("carry_out_lots")) ==
        R"([{"from":"2026-11","minutes":1200,"usable_until":"2027-01"},)"
        R"({"from":"2026-12","minutes":480,"usable_until":"2027-02"}])");
}

TEST_CASE("status report: no contingent in the contract, a bad month") {
  MuellerNovember desk;
  desk.rules.contingent.reset();
  for (auto& c : desk.rules.categories) c.treatment = tierdesk::Treatment::included;
  const auto r = desk.report();
  CHECK_FALSE(r.contingent);
  CHECK_FALSE(r.contingent_exhausted());
  CHECK(r.worked == 630min);
  CHECK(tierdesk::status_subject(r) == "Status Müller GmbH, 2026-11");
  CHECK(tierdesk::render_status_text(r, desk.rules.zone)
            .ends_with("  worked                           10:30 h\n"
                       "  (no hour contingent in this contract)\n"));

  const auto contract = contract_with(desk.rules, {"Müller GmbH"});
  auto failed = tierdesk::build_status_report(desk.store, contract, contract.customers[0],
                                              std::chrono::year{2026} / 13, desk.as_of);
  REQUIRE_FALSE(failed);
  CHECK(failed.error() ==
        tierdesk::Error(tierdesk::Errc::invalid_argument, "month: expected a valid year and month"));
}
