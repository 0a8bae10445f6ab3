// The ticket report for a period (seed 003): counts, SLA met %, business-time percentiles,
// included vs billed time, as text, JSON and an SVG chart.
#include "tierdesk/report/ticket_report.hpp"

#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "report_fixtures.hpp"
#include "tierdesk/calendar/calendar.hpp"
#include "tierdesk/calendar/holidays.hpp"

using namespace report_test;
using tierdesk::Count;
using tierdesk::Metric;
using tierdesk::SlaMet;

namespace {

// roewaplan support hours: Mon–Fri 08:00–17:00 Europe/Berlin except BW public holidays.
tierdesk::Calendar roewaplan_hours() {
  using namespace std::chrono;
  tierdesk::CalendarSpec spec;
  spec.name = "office";
  spec.zone = "Europe/Berlin";
  for (auto wd : {Monday, Tuesday, Wednesday, Thursday, Friday})
    spec.week[wd] = {{*tierdesk::TimeOfDay::parse("08:00"), *tierdesk::TimeOfDay::parse("17:00")}};
  spec.holidays = *tierdesk::preset("DE-BW");
  auto cal = tierdesk::Calendar::compile(spec);
  REQUIRE(cal);
  return *cal;
}

// Response 1 h (critical) / 4 h, resolution 8 h / 16 h; security faults are critical.
tierdesk::SlaPolicy roewaplan_policy() {
  tierdesk::SlaPolicySpec spec;
  spec.name = "roewaplan";
  spec.priorities = {"critical", "high", "normal"};
  spec.default_priority = "normal";
  spec.categories = {{"functional", "", ""},
                     {"security", "critical", ""},
                     {"change", "", ""},
                     {"training", "", ""}};
  spec.targets = {{"critical", "", Metric::response, 1h, "office"},
                  {"normal", "", Metric::response, 4h, "office"},
                  {"critical", "", Metric::resolution, 8h, "office"},
                  {"normal", "", Metric::resolution, 16h, "office"}};
  auto policy = tierdesk::SlaPolicy::compile(spec, {{"office", roewaplan_hours()}});
  if (!policy) FAIL(policy.error().message());
  return std::move(*policy);
}

// Included maintenance, change requests by quote, trainings billed at 100 EUR/h per minute.
tierdesk::BillingRules roewaplan_rules() {
  tierdesk::BillingRules r;
  r.currency = *tierdesk::Currency::of("EUR");
  r.vat = tierdesk::BasisPoints{1900};
  r.zone = *tierdesk::Zone::locate("Europe/Berlin");
  r.rates = {{std::nullopt, std::nullopt, *tierdesk::Money::parse("100.00 EUR")}};
  r.categories = {{"functional", tierdesk::Treatment::included, {}},
                  {"security", tierdesk::Treatment::included, {}},
                  {"change", tierdesk::Treatment::quote_required, {}},
                  {"training", tierdesk::Treatment::billable, {}}};
  return r;
}

struct StadtwerkeQ4 {
  tierdesk::SqliteStore store = memory_store();
  tierdesk::SlaPolicy policy = roewaplan_policy();
  tierdesk::BillingRules rules = roewaplan_rules();
  tierdesk::ReportPeriod period = *tierdesk::parse_report_period("2026-Q4");
  tierdesk::Instant as_of = at("2027-01-01T00:00:00Z");

  StadtwerkeQ4() {
    const std::string c = "stadtwerke & co";
    using K = HistoryKind;
    store_ticket(store, {c,
                         "functional",
                         "Export bricht ab",
                         "2026-10-05T09:00:00+02:00",
                         "normal",
                         "email",
                         {{"2026-10-05T10:30:00+02:00", K::agent_public_reply},
                          {"2026-10-06T09:00:00+02:00", K::resolved}}});
    store_ticket(store, {c,
                         "security",
                         "Login ohne Passwort",
                         "2026-10-14T16:30:00+02:00",
                         "normal",
                         "phone",
                         {{"2026-10-14T16:40:00+02:00", K::tier, "3"},
                          {"2026-10-15T08:45:00+02:00", K::agent_public_reply},
                          {"2026-10-15T14:00:00+02:00", K::resolved}}});
    store_ticket(store, {c,
                         "functional",
                         "Liste leer",
                         "2026-11-02T10:00:00+01:00",
                         "normal",
                         "portal",
                         {{"2026-11-02T10:15:00+01:00", K::agent_public_reply},
                          {"2026-11-02T10:15:00+01:00", K::status, "open"}}});
    store_ticket(store, {c,
                         "change",
                         "Neues Feld",
                         "2026-12-08T11:00:00+01:00",
                         "normal",
                         "email",
                         {{"2026-12-08T11:30:00+01:00", K::agent_public_reply},
                          {"2026-12-09T11:00:00+01:00", K::resolved}}});
    store_ticket(store, {c, "functional", "Q3 ticket", "2026-09-30T09:00:00+02:00"});
    store_ticket(store, {"anderer", "functional", "Other customer", "2026-10-07T09:00:00+02:00"});
    store_ticket(store, {c,
                         "training",
                         "Schulung Admins",
                         "2026-12-18T09:00:00+01:00",
                         "normal",
                         "email",
                         {{"2026-12-18T09:10:00+01:00", K::agent_public_reply},
                          {"2026-12-18T09:10:00+01:00", K::status, "open"}}});
    store_work(store, {work("SB-2026-000001", "2026-10-05T10:00:00+02:00", 45min),
                       work("SB-2026-000004", "2026-12-08T13:00:00+01:00", 2h),
                       work("SB-2026-000007", "2026-12-18T10:00:00+01:00", 90min),
                       work("SB-2026-000007", "2027-01-05T10:00:00+01:00", 30min),
                       work("SB-2026-000005", "2026-10-02T09:00:00+02:00", 20min),
                       work("SB-2026-000006", "2026-10-07T10:00:00+02:00", 1h)});
  }

  tierdesk::Contract contract() const {
    auto c = contract_with(rules, {"stadtwerke & co", "anderer"});
    c.sla = policy;
    return c;
  }

  tierdesk::TicketReport report() {
    const auto k = contract();
    auto r = tierdesk::build_ticket_report(store, k, customer(k, "stadtwerke & co"), period, as_of);
    if (!r) FAIL(r.error().message());
    return *r;
  }
};

}  // namespace

TEST_CASE("report periods: a month, a quarter, a year") {
  using namespace std::chrono;
  CHECK(*tierdesk::parse_report_period("2026-11") ==
        tierdesk::ReportPeriod{2026y / November, 1, "2026-11"});
  CHECK(*tierdesk::parse_report_period("2026-Q4") ==
        tierdesk::ReportPeriod{2026y / October, 3, "2026-Q4"});
  CHECK(tierdesk::parse_report_period("2026-Q4")->last() == 2026y / December);
  CHECK(*tierdesk::parse_report_period("2026") ==
        tierdesk::ReportPeriod{2026y / January, 12, "2026"});
  for (const auto* bad : {"2026-13", "2026-Q5", "2026-1", "26", "2026-Q", "2026-11-01", "abcd"}) {
    const auto p = tierdesk::parse_report_period(bad);
    REQUIRE_FALSE(p);
    CHECK(p.error().code() == tierdesk::Errc::invalid_argument);
  }
}

TEST_CASE("percentile by nearest rank") {
  using std::chrono::seconds;
  const std::vector<seconds> v{90min, 10min, 30min, 75min, 15min};
  CHECK(*tierdesk::percentile(v, 50) == 30min);
  CHECK(*tierdesk::percentile(v, 95) == 90min);
  CHECK(*tierdesk::percentile(v, 20) == 10min);
  CHECK(*tierdesk::percentile(v, 21) == 15min);
  CHECK(*tierdesk::percentile({7s, 3s}, 50) == 3s);
  CHECK_FALSE(tierdesk::percentile({}, 50));
}

TEST_CASE("SLA met percent rounds half-up to a basis point") {
  CHECK(*SlaMet{"normal", Metric::response, 2, 3}.met_percent() == tierdesk::BasisPoints{6667});
  CHECK(*SlaMet{"normal", Metric::response, 1, 8}.met_percent() == tierdesk::BasisPoints{1250});
  CHECK_FALSE(SlaMet{"normal", Metric::response, 0, 0}.met_percent());
}

TEST_CASE("ticket report 2026-Q4: counts, SLA met %, business-time percentiles, billing") {
  StadtwerkeQ4 desk;
  const auto r = desk.report();
  CHECK(r.tickets == 5);
  CHECK(r.by_category ==
        std::vector<Count>{{"functional", 2}, {"change", 1}, {"security", 1}, {"training", 1}});
  CHECK(r.by_priority == std::vector<Count>{{"normal", 4}, {"critical", 1}});
  CHECK(r.by_status == std::vector<Count>{{"resolved", 3}, {"open", 2}});
  CHECK(r.by_tier == std::vector<Count>{{"1st level", 4}, {"3rd level", 1}});
  CHECK(r.by_channel == std::vector<Count>{{"email", 3}, {"phone", 1}, {"portal", 1}});

  // the security fault: 30 min on Wednesday + 45 min on Thursday > 1 h; resolved in 6 h 30
  CHECK(r.sla == std::vector<SlaMet>{{"critical", Metric::response, 0, 1},
                                     {"critical", Metric::resolution, 1, 1},
                                     {"normal", Metric::response, 4, 4},
                                     {"normal", Metric::resolution, 2, 4}});
  CHECK(r.response == tierdesk::DurationStats{5, 30min, 90min});
  CHECK(r.resolution == tierdesk::DurationStats{3, 9h, 9h});

  CHECK(r.billing.included_minutes == 65);  // 45 min + 20 min on the Q3 ticket, in October
  CHECK(r.billing.quote_minutes == 120);
  CHECK(r.billing.billed_minutes == 90);
  CHECK(r.billing.contingent_minutes == 0);
  CHECK(fmt::format("{}", r.billing.billed) == "150.00 EUR");

  REQUIRE(r.weeks.size() == 14);  // Monday 28 Sep … Monday 28 Dec
  CHECK(r.weeks.front().monday == *tierdesk::parse_date("2026-09-28"));
  CHECK(r.weeks.back().monday == *tierdesk::parse_date("2026-12-28"));
  CHECK(r.weeks[1] == tierdesk::WeekFigures{*tierdesk::parse_date("2026-10-05"), 1, 2, 2});
  CHECK(r.weeks[2] == tierdesk::WeekFigures{*tierdesk::parse_date("2026-10-12"), 1, 1, 2});
  CHECK(r.weeks[11] == tierdesk::WeekFigures{*tierdesk::parse_date("2026-12-14"), 1, 1, 2});
  CHECK(r.weeks[3] == tierdesk::WeekFigures{*tierdesk::parse_date("2026-10-19"), 0, 0, 0});
}

TEST_CASE("ticket report as text and JSON") {
  StadtwerkeQ4 desk;
  const auto r = desk.report();
  const auto text = tierdesk::render_ticket_report_text(r);
  CHECK(
      text.starts_with("Ticket report for stadtwerke & co, 2026-Q4\n"
                       "as of 2027-01-01T00:00:00Z, 5 tickets created in the period\n"
                       "\n"
                       "By category\n"
                       "  functional                           2\n"));
  CHECK(text.find("SLA met\n"
                  "  priority      metric         met  decided     met %\n"
                  "  critical      response         0        1       0 %\n"
                  "  critical      resolution       1        1     100 %\n"
                  "  normal        response         4        4     100 %\n"
                  "  normal        resolution       2        4      50 %\n") != std::string::npos);
  CHECK(text.find("Business time until the clock stopped\n"
                  "  metric         tickets      median         p95\n"
                  "  response             5      0:30 h      1:30 h\n"
                  "  resolution           3      9:00 h      9:00 h\n") != std::string::npos);
  CHECK(
      text.ends_with("  billed                        90 min\n"
                     "  waiting for a quote          120 min\n"
                     "  charged                   150.00 EUR (ex VAT)\n"));

  const auto json = boost::json::parse(tierdesk::to_json(r)).as_object();
  CHECK(json.at("period").as_string() == "2026-Q4");
  CHECK(json.at("tickets").as_int64() == 5);
  CHECK(json.at("by_channel").as_array()[0].at("key").as_string() == "email");
  CHECK(json.at("sla").as_array()[3].at("met_percent").as_string() == "50 %");
  CHECK(json.at("response").at("median_minutes").as_int64() == 30);
  CHECK(json.at("resolution").at("p95_minutes").as_int64() == 540);
  CHECK(json.at("billing").at("billed").as_string() == "150.00");
  CHECK(json.at("billing").at("included_minutes").as_int64() == 65);
  CHECK(json.at("weeks").as_array().size() == 14);
}

TEST_CASE("ticket chart: a standalone SVG with one bar per week and escaped text") {
  StadtwerkeQ4 desk;
  const auto svg = tierdesk::render_ticket_chart_svg(desk.report());
  CHECK(svg.starts_with(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
      "version=\"1.1\" width=\"552\" height=\"292\" viewBox=\"0 0 552 292\""));
  CHECK(svg.ends_with("</svg>\n"));
  std::size_t bars = 0, circles = 0;
  for (auto pos = svg.find("<rect class=\"bar\""); pos != std::string::npos;
       pos = svg.find("<rect class=\"bar\"", pos + 1))
    ++bars;
  for (auto pos = svg.find("<circle "); pos != std::string::npos;
       pos = svg.find("<circle ", pos + 1))
    ++circles;
  CHECK(bars == 14);
  CHECK(circles == 5);  // the weeks with decided SLA clocks
  CHECK(svg.find("<title>Tickets per week and SLA met %: stadtwerke &amp; co, 2026-Q4</title>") !=
        std::string::npos);
  CHECK(svg.find("stadtwerke & co") == std::string::npos);
  // week of 5 Oct: the highest bar (1 ticket) fills the plot; its SLA point is at 100 %
  CHECK(svg.find("<rect class=\"bar\" x=\"84\" y=\"44\" width=\"24\" height=\"200\"><title>week of "
                 "2026-10-05: 1 tickets</title></rect>") != std::string::npos);
  CHECK(svg.find("<polyline class=\"sla\" points=\"96,44 128,144 224,144 384,44 416,144\"") !=
        std::string::npos);
  // every element opened is closed: as many "<" as ">" outside text, no stray ampersand
  CHECK(std::count(svg.begin(), svg.end(), '<') == std::count(svg.begin(), svg.end(), '>'));
}

TEST_CASE("ticket report errors name what is wrong") {
  StadtwerkeQ4 desk;
  desk.rules.categories.pop_back();  // "training" no longer in the contract
  auto k = desk.contract();
  auto r = tierdesk::build_ticket_report(desk.store, k, k.customers[0], desk.period, desk.as_of);
  REQUIRE_FALSE(r);
  CHECK(r.error().message().starts_with("2026-12: "));
  k.sla.reset();
  r = tierdesk::build_ticket_report(desk.store, k, k.customers[0], desk.period, desk.as_of);
  REQUIRE_FALSE(r);
  CHECK(r.error() == tierdesk::Error(tierdesk::Errc::invalid_argument,
                                     "contract test: no SLA policy to report on"));
}
