#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include <doctest/doctest.h>

#include "calendar/json_nodes.hpp"
#include "support/temp_dir.hpp"
#include "tierdesk/calendar/calendar_json.hpp"
#include "tierdesk/contract/contract.hpp"
#include "tierdesk/sla/sla_json.hpp"

using namespace std::chrono_literals;
using tierdesk::CalendarSpec;
using tierdesk::Errc;
using tierdesk::LocalHours;
using tierdesk::TimeOfDay;

namespace {

const std::filesystem::path examples =
    std::filesystem::path(TIERDESK_SOURCE_DIR) / "examples" / "calendars";

CalendarSpec example(const char* file) {
  std::ifstream in(examples / file);
  REQUIRE(in);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto spec = tierdesk::parse_calendar_spec(text);
  INFO(file << ": " << (spec ? "" : spec.error().message()));
  REQUIRE(spec.has_value());
  return *spec;
}

LocalHours hours(const char* begin, const char* end) {
  return {{*TimeOfDay::parse(begin), *TimeOfDay::parse(end)}};
}

tierdesk::Instant at(const char* iso) { return *tierdesk::parse_iso8601(iso); }

std::vector<tierdesk::HolidayRule> preset(const char* code) { return *tierdesk::preset(code); }

// The error parse_calendar_spec reports for `json`.
tierdesk::Error error_of(const std::string& json) {
  auto spec = tierdesk::parse_calendar_spec(json);
  REQUIRE_FALSE(spec.has_value());
  return spec.error();
}

std::string calendar(const std::string& week, const std::string& extra = "") {
  return R"({"name": "t", "zone": "Europe/Berlin", "week": )" + week + extra + "}";
}

}  // namespace

TEST_CASE("example de-bw-office: Mon–Fri 08:00–17:00 Europe/Berlin, Baden-Württemberg") {
  const auto spec = example("de-bw-office.json");
  CHECK(spec.name == "de-bw-office");
  CHECK(spec.zone == "Europe/Berlin");
  for (auto wd : {std::chrono::Monday, std::chrono::Tuesday, std::chrono::Wednesday,
                  std::chrono::Thursday, std::chrono::Friday}) {
    CHECK(spec.week[wd] == hours("08:00", "17:00"));
  }
  CHECK(spec.week[std::chrono::Saturday].empty());
  CHECK(spec.week[std::chrono::Sunday].empty());
  CHECK(spec.holidays == preset("DE-BW"));
  CHECK(spec.overrides.empty());
}

TEST_CASE("example dk-oneoffice: Mon–Thu 08–16, Fri 08–15 Europe/Copenhagen, Danish holidays") {
  const auto spec = example("dk-oneoffice.json");
  CHECK(spec.zone == "Europe/Copenhagen");
  CHECK(spec.week[std::chrono::Monday] == hours("08:00", "16:00"));
  CHECK(spec.week[std::chrono::Thursday] == hours("08:00", "16:00"));
  CHECK(spec.week[std::chrono::Friday] == hours("08:00", "15:00"));
  CHECK(spec.week[std::chrono::Saturday].empty());
  CHECK(spec.holidays == preset("DK"));
}

TEST_CASE("example de-workdays-24h: whole working days, German nationwide holidays") {
  const auto spec = example("de-workdays-24h.json");
  CHECK(spec.week[std::chrono::Monday] == hours("00:00", "24:00"));
  CHECK(spec.week[std::chrono::Friday] == hours("00:00", "24:00"));
  CHECK(spec.week[std::chrono::Sunday].empty());
  CHECK(spec.holidays == preset("DE"));
}

TEST_CASE("examples always (UTC) and dk-oncall-24x7 use the 24/7 shorthand") {
  for (const auto& [file, zone] :
       {std::pair{"always.json", "UTC"}, std::pair{"dk-oncall-24x7.json", "Europe/Copenhagen"}}) {
    const auto spec = example(file);
    CHECK(spec.zone == zone);
    for (const auto& day : spec.week.days) CHECK(day == hours("00:00", "24:00"));
    CHECK(spec.holidays.empty());
  }
}

TEST_CASE("example de-bw-office-2026: split Wednesday, partial days, closure, override") {
  const auto spec = example("de-bw-office-2026.json");
  CHECK(spec.week[std::chrono::Wednesday] ==
        LocalHours{{*TimeOfDay::parse("08:00"), *TimeOfDay::parse("12:00")},
                   {*TimeOfDay::parse("13:00"), *TimeOfDay::parse("17:00")}});
  CHECK(spec.week[std::chrono::Friday] == hours("08:00", "15:00"));
  auto expected = preset("DE-BW");
  expected.push_back({"Heiligabend", tierdesk::FixedDate{12, 24}, {}, {}, hours("08:00", "12:00")});
  expected.push_back({"Silvester", tierdesk::FixedDate{12, 31}, {}, {}, hours("08:00", "12:00")});
  expected.push_back(
      {"Betriebsferien",
       tierdesk::DateRange{*tierdesk::make_date(2026, 12, 28), *tierdesk::make_date(2026, 12, 30)},
       {},
       {},
       {}});
  expected.push_back(
      {"Firmenjubiläum", tierdesk::OneOff{*tierdesk::make_date(2027, 6, 11)}, {}, {}, {}});
  CHECK(spec.holidays == expected);
  REQUIRE(spec.overrides.size() == 1);
  CHECK(spec.overrides[0].date == *tierdesk::make_date(2026, 12, 19));
  CHECK(spec.overrides[0].hours == hours("10:00", "14:00"));
}

TEST_CASE("every rule kind of the format reads into its HolidayRule") {
  auto spec = tierdesk::parse_calendar_spec(calendar(R"("24/7")", R"(, "rules": [
    {"name": "Ostermontag", "easter": 1},
    {"name": "Memorial", "nth_weekday": {"month": 5, "weekday": "mon", "n": -1}},
    {"name": "Buß- und Bettag", "weekday_before": {"date": "11-23", "weekday": "wed"},
     "from_year": 1995, "until_year": 2030}])"));
  INFO((spec ? "" : spec.error().message()));
  REQUIRE(spec);
  REQUIRE(spec->holidays.size() == 3);
  CHECK(spec->holidays[0].when == tierdesk::HolidayWhen{tierdesk::EasterOffset{1}});
  CHECK(spec->holidays[1].when ==
        tierdesk::HolidayWhen{tierdesk::NthWeekday{5, std::chrono::Monday, -1}});
  CHECK(spec->holidays[2] ==
        tierdesk::HolidayRule{"Buß- und Bettag",
                              tierdesk::WeekdayBefore{11, 23, std::chrono::Wednesday},
                              1995,
                              2030,
                              {}});
}

TEST_CASE("hours given out of order are sorted; overrides are sorted by date") {
  auto spec = tierdesk::parse_calendar_spec(calendar(
      R"({"mon": [["13:00","17:00"], ["08:00","12:00"]]})",
      R"(, "overrides": [{"date": "2026-12-31", "hours": []}, {"date": "2026-12-19", "hours": []}])"));
  REQUIRE(spec);
  CHECK(spec->week[std::chrono::Monday] ==
        LocalHours{{*TimeOfDay::parse("08:00"), *TimeOfDay::parse("12:00")},
                   {*TimeOfDay::parse("13:00"), *TimeOfDay::parse("17:00")}});
  CHECK(spec->overrides[0].date == *tierdesk::make_date(2026, 12, 19));
  CHECK(spec->overrides[1].date == *tierdesk::make_date(2026, 12, 31));
}

TEST_CASE("to_json round-trips every example and the full format") {
  for (const char* file :
       {"de-bw-office.json", "dk-oneoffice.json", "de-workdays-24h.json", "always.json",
        "dk-oncall-24x7.json", "de-onsite-8-18.json", "de-bw-office-2026.json"}) {
    INFO(file);
    const auto spec = example(file);
    const auto text = tierdesk::to_json(spec);
    auto again = tierdesk::parse_calendar_spec(text);
    REQUIRE(again.has_value());
    CHECK(*again == spec);
  }
  CHECK(tierdesk::to_json(example("always.json")) ==
        "{\n  \"name\": \"always\",\n  \"zone\": \"UTC\",\n  \"week\": \"24/7\"\n}\n");
}

TEST_CASE("to_json writes rules one per line in the documented spelling") {
  CalendarSpec spec;
  // Moved in, not assigned from the literal: GCC 12 at -O2 misreads the short-string copy
  // as an overlapping memcpy (-Wrestrict, a known false positive).
  spec.name = std::string("x");
  spec.zone = "Europe/Berlin";
  spec.week[std::chrono::Monday] = hours("08:00", "17:00");
  spec.holidays.push_back(
      {"Memorial", tierdesk::NthWeekday{5, std::chrono::Monday, -1}, 2000, {}, {}});
  spec.overrides.push_back({*tierdesk::make_date(2026, 12, 31), {}});
  CHECK(tierdesk::to_json(spec) ==
        "{\n"
        "  \"name\": \"x\",\n"
        "  \"zone\": \"Europe/Berlin\",\n"
        "  \"week\": {\n"
        "    \"mon\": [[\"08:00\",\"17:00\"]]\n"
        "  },\n"
        "  \"rules\": [\n"
        "    {\"name\":\"Memorial\",\"nth_weekday\":{\"month\":5,\"weekday\":\"mon\",\"n\":-1},"
        "\"from_year\":2000}\n"
        "  ],\n"
        "  \"overrides\": [\n"
        "    {\"date\":\"2026-12-31\",\"hours\":[]}\n"
        "  ]\n"
        "}\n");
}

TEST_CASE("errors name the JSON path and the value at fault") {
  struct Case {
    std::string json;
    Errc code;
    std::string message;
  };
  const std::string week = R"({"mon": [["08:00","17:00"]]})";
  const Case cases[] = {
      {R"({"name": "t", "zone": "Europe/Berln", "week": "24/7"})", Errc::unknown_zone,
       R"(zone: got "Europe/Berln", expected an IANA time zone name such as "Europe/Berlin")"},
      {calendar(R"({"mon": [["08:00","12:00"], ["25:00","26:00"]]})"), Errc::invalid_time,
       R"(week.mon[1][0]: got "25:00", expected a time of day HH:MM from 00:00 to 24:00)"},
      {calendar(R"({"wed": [["08:00","12:00"], ["11:00","13:00"]]})"), Errc::overlapping_intervals,
       R"(week.wed[1]: got ["11:00","13:00"], expected an interval that does not overlap week.wed[0] ["08:00","12:00"])"},
      {calendar(R"({"mon": [["17:00","08:00"]]})"), Errc::invalid_interval,
       R"(week.mon[0]: got ["17:00","08:00"], expected an interval whose end is after its begin)"},
      {calendar(R"({"tue": [["08:00","08:00"]]})"), Errc::invalid_interval,
       R"(week.tue[0]: got ["08:00","08:00"], expected an interval whose end is after its begin)"},
      {calendar(R"({"tue": [["08:00","12:00","13:00"]]})"), Errc::invalid_argument,
       R"(week.tue[0]: got ["08:00","12:00","13:00"], expected an interval ["HH:MM", "HH:MM"])"},
      {calendar("{}"), Errc::never_opens,
       "week: no weekday has hours and no override adds any, so the calendar never opens"},
      {calendar(week, R"(, "overrides": [{"date": "2026-02-30", "hours": []}])"),
       Errc::invalid_date,
       R"(overrides[0].date: got "2026-02-30", expected an existing date YYYY-MM-DD)"},
      {calendar(week, R"(, "overrides": [{"date": "2026-12-31", "hours": []},
                                          {"date": "2026-12-31", "hours": []}])"),
       Errc::conflict,
       R"(overrides[1].date: got "2026-12-31", expected a date not already in overrides[0])"},
      {R"({"name": "t", "zones": "Europe/Berlin", "week": "24/7"})", Errc::unknown_field,
       R"(zones: unknown field, did you mean "zone"? (expected one of: name, zone, week, holidays, rules, overrides))"},
      {R"({"name": "t", "zone": 5, "week": "24/7"})", Errc::invalid_argument,
       "zone: got 5, expected a string"},
      {R"({"name": "t", "week": "24/7"})", Errc::missing_field, "zone: required field is missing"},
      {R"({"name": "", "zone": "UTC", "week": "24/7"})", Errc::invalid_argument,
       R"(name: got "", expected a non-empty name)"},
      {calendar(R"("24/5")"), Errc::invalid_argument,
       R"(week: got "24/5", expected an object of weekdays (mon … sun) or "24/7")"},
      {calendar(R"({"monday": []})"), Errc::unknown_field,
       "week.monday: unknown field (expected one of: mon, tue, wed, thu, fri, sat, sun)"},
      {"{\"name\": \"t\",\n \"zone\": \"UTC\",, \"week\": \"24/7\"}", Errc::parse_error,
       "line 2, column 16: malformed JSON (syntax error)"},
  };
  for (const auto& c : cases) {
    INFO(c.json);
    const auto e = error_of(c.json);
    CHECK(e.code() == c.code);
    CHECK(e.message() == c.message);
  }
}

TEST_CASE("holiday presets and rules report errors at their path") {
  const std::string week = R"({"mon": [["08:00","17:00"]]})";
  auto check = [&](const std::string& extra, Errc code, const std::string& message) {
    INFO(extra);
    const auto e = error_of(calendar(week, extra));
    CHECK(e.code() == code);
    CHECK(e.message() == message);
  };
  const auto unknown = error_of(calendar(week, R"(, "holidays": ["DE", "DE-XX"])"));
  CHECK(unknown.code() == Errc::unknown_preset);
  CHECK(unknown.message().starts_with(
      R"(holidays[1]: got "DE-XX", expected a holiday preset code (DE, )"));
  check(R"(, "holidays": "DE")", Errc::invalid_argument,
        R"(holidays: got "DE", expected an array)");
  check(R"(, "rules": [{"name": "x", "fixed": "02-30"}])", Errc::invalid_date,
        R"(rules[0].fixed: got "02-30", expected an existing month and day MM-DD such as "12-24")");
  check(R"(, "rules": [{"name": "x", "fixed": "12/24"}])", Errc::parse_error,
        R"(rules[0].fixed: got "12/24", expected an existing month and day MM-DD such as "12-24")");
  check(R"(, "rules": [{"name": "", "easter": 1}])", Errc::invalid_argument,
        R"(rules[0].name: got "", expected a non-empty name)");
  check(R"(, "rules": [{"name": "x"}])", Errc::missing_field,
        "rules[0]: expected one of: fixed, easter, nth_weekday, weekday_before, date, range");
  check(
      R"(, "rules": [{"name": "x", "fixed": "12-24", "date": "2026-12-24"}])",
      Errc::invalid_argument,
      R"(rules[0]: got both "fixed" and "date", expected exactly one of: fixed, easter, nth_weekday, weekday_before, date, range)");
  check(R"(, "rules": [{"name": "x", "easter": 1.0}])", Errc::invalid_argument,
        "rules[0].easter: got 1.0, expected an integer");
  check(R"(, "rules": [{"name": "x", "nth_weekday": {"month": 5, "weekday": "mon", "n": 0}}])",
        Errc::invalid_argument,
        "rules[0].nth_weekday.n: got 0, expected 1 … 5, or -1 for the last");
  check(R"(, "rules": [{"name": "x", "nth_weekday": {"month": 13, "weekday": "mon", "n": 1}}])",
        Errc::invalid_argument,
        "rules[0].nth_weekday.month: got 13, expected an integer from 1 to 12");
  check(
      R"(, "rules": [{"name": "x", "weekday_before": {"date": "11-23", "weekday": "Wednesday"}}])",
      Errc::invalid_argument,
      R"(rules[0].weekday_before.weekday: got "Wednesday", expected a weekday mon, tue, wed, thu, fri, sat or sun)");
  check(
      R"(, "rules": [{"name": "x", "range": ["2026-12-31", "2026-12-28"]}])",
      Errc::invalid_interval,
      R"(rules[0].range: got ["2026-12-31","2026-12-28"], expected a first date on or before the last)");
  check(
      R"(, "rules": [{"name": "x", "date": "2026-12-24", "hours": [["12:00","08:00"]]}])",
      Errc::invalid_interval,
      R"(rules[0].hours[0]: got ["12:00","08:00"], expected an interval whose end is after its begin)");
  check(R"(, "rules": [{"name": "x", "easter": 1, "from_year": 2030, "until_year": 2024}])",
        Errc::invalid_argument,
        "rules[0].until_year: got 2024, expected a year not before from_year 2030");
  const auto easter = error_of(calendar(week, R"(, "rules": [{"name": "x", "easter": -90}])"));
  CHECK(easter.code() == Errc::invalid_argument);  // validate(HolidayRule), prefixed with the path
  CHECK(easter.message().starts_with("rules[0]: "));
  CHECK(easter.message().find("-90") != std::string::npos);
  check(
      R"(, "rules": [{"name": "x", "easter": 1, "hour": []}])", Errc::unknown_field,
      R"(rules[0].hour: unknown field, did you mean "hours"? (expected one of: name, fixed, easter, nth_weekday, weekday_before, date, range, hours, from_year, until_year))");
}

TEST_CASE("a calendar embedded in a larger document reports its full path") {
  auto doc = tierdesk::json::parse(R"({"calendars": [{"name": "a", "zone": "UTC", "week": "24/7"},
      {"name": "b", "zone": "UTC", "week": {"fri": [["08:00", "24:30"]]}}]})");
  REQUIRE(doc);
  auto policy = tierdesk::json::Node(*doc).object({"calendars"});
  REQUIRE(policy);
  auto calendars = policy->required_array("calendars");
  REQUIRE(calendars);
  CHECK(tierdesk::json::read_calendar_spec((*calendars)[0])->name == "a");
  auto b = tierdesk::json::read_calendar_spec((*calendars)[1]);
  REQUIRE_FALSE(b);
  CHECK(b.error().code() == Errc::invalid_time);
  CHECK(b.error().message().starts_with(R"(calendars[1].week.fri[0][1]: got "24:30")"));
}

TEST_CASE("an override with hours is enough for a calendar to open") {
  auto spec = tierdesk::parse_calendar_spec(
      calendar("{}", R"(, "overrides": [{"date": "2026-12-19", "hours": [["10:00","14:00"]]}])"));
  REQUIRE(spec);
  CHECK(spec->week.empty());
}

TEST_CASE("load_calendar compiles the examples into working calendars") {
  auto office = tierdesk::load_calendar_file(examples / "de-bw-office.json");
  REQUIRE(office);
  CHECK(office->spec() == example("de-bw-office.json"));
  CHECK(office->is_open(at("2026-06-08T10:00:00+02:00")));        // Monday
  CHECK_FALSE(office->is_open(at("2026-06-08T17:00:00+02:00")));  // closing time
  CHECK_FALSE(office->is_open(at("2026-01-06T10:00:00+01:00")));  // Heilige Drei Könige (BW)
  CHECK(*office->add(at("2026-06-08T08:00:00+02:00"), 9h) == at("2026-06-09T08:00:00+02:00"));

  auto oneoffice = tierdesk::load_calendar_file(examples / "dk-oneoffice.json");
  REQUIRE(oneoffice);
  CHECK(oneoffice->is_open(at("2026-06-12T14:30:00+02:00")));        // Friday
  CHECK_FALSE(oneoffice->is_open(at("2026-06-12T15:30:00+02:00")));  // Friday closes at 15

  // "48 hours counted on working days" (seed 000): Friday noon → Tuesday noon.
  auto workdays = tierdesk::load_calendar_file(examples / "de-workdays-24h.json");
  REQUIRE(workdays);
  CHECK(*workdays->add(at("2026-05-29T12:00:00+02:00"), 48h) == at("2026-06-02T12:00:00+02:00"));

  auto always = tierdesk::load_calendar_file(examples / "always.json");
  REQUIRE(always);
  CHECK(*always->between(at("2026-12-24T00:00:00Z"), at("2026-12-27T06:00:00Z")) == 78h);

  auto company = tierdesk::load_calendar_file(examples / "de-bw-office-2026.json");
  REQUIRE(company);
  CHECK(company->hours_on(*tierdesk::make_date(2026, 12, 24)) == hours("08:00", "12:00"));
  CHECK(company->hours_on(*tierdesk::make_date(2026, 12, 29)).empty());  // Betriebsferien
  CHECK(company->hours_on(*tierdesk::make_date(2026, 12, 19)) == hours("10:00", "14:00"));
}

TEST_CASE("load_calendar_file names the file in every error") {
  const auto missing = examples / "no-such-calendar.json";
  auto r = tierdesk::load_calendar_file(missing);
  REQUIRE_FALSE(r);
  CHECK(r.error().code() == Errc::io_error);
  CHECK(r.error().message() == missing.string() + ": cannot open (No such file or directory)");

  const tierdesk::testing::TempDir temp;
  const auto bad = temp.path() / "bad.json";
  std::ofstream(bad) << R"({"name": "t", "zone": "Europe/Berln", "week": "24/7"})";
  auto e = tierdesk::load_calendar_file(bad);
  REQUIRE_FALSE(e);
  CHECK(e.error().code() == Errc::unknown_zone);
  CHECK(e.error().message().starts_with(bad.string() + ": zone: got \"Europe/Berln\""));
}

TEST_CASE("configuration files are read up to their limit, no further") {
  // /dev/zero used to be read until memory ran out; policies and contracts share the reader.
  auto zero = tierdesk::load_calendar_file("/dev/zero");
  REQUIRE_FALSE(zero);
  CHECK(zero.error().code() == tierdesk::Errc::out_of_range);
  CHECK(zero.error().message() ==
        "/dev/zero: larger than 4194304 bytes, the limit of a configuration file");
  CHECK(tierdesk::load_contract_file("/dev/zero").error().code() == tierdesk::Errc::out_of_range);
  CHECK(tierdesk::load_policy_file("/dev/zero").error().code() == tierdesk::Errc::out_of_range);
  CHECK(tierdesk::load_calendar_file("/nonexistent/x.json").error().message() ==
        "/nonexistent/x.json: cannot open (No such file or directory)");
}

TEST_CASE("an unknown key is named without echoing all of it") {
  const std::string key(1024 * 1024, 'z');
  auto spec = tierdesk::parse_calendar_spec(calendar("{}", ", \"" + key + "\": 1"));
  REQUIRE_FALSE(spec);
  CHECK(spec.error().code() == tierdesk::Errc::unknown_field);
  CHECK(spec.error().message().size() < 400);
  CHECK(spec.error().message().starts_with("[\"" + std::string(96, 'z') + "… (1048576 bytes)\"]"));
}
