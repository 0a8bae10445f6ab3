// Policy files, ticket lines and the clocks' JSON, on the example policies.
#include <doctest/doctest.h>

#include <string>

#include <boost/json.hpp>

#include "support/sla_fixtures.hpp"
#include "tierdesk/sla/sla_json.hpp"

using namespace tierdesk;
using namespace tierdesk::sla_testing;

namespace {

std::string example(std::string_view name) {
  return std::string(TIERDESK_SOURCE_DIR) + "/examples/policies/" + std::string(name);
}

SlaPolicy load(std::string_view name) { return load_policy_file(example(name)).value(); }

boost::json::object eval(std::string_view line, const SlaPolicy& p, std::string_view now) {
  auto clocks = compute_clocks_json(line, p, at(now));
  REQUIRE(clocks.has_value());
  return boost::json::parse(to_json(*clocks, p)).as_object();
}

Error line_error(std::string_view line) {
  auto r = compute_clocks_json(line, load("oneoffice.json"), at("2026-03-10T00:00:00Z"));
  REQUIRE_FALSE(r.has_value());
  return r.error();
}

}  // namespace

TEST_CASE("Durations and their spelling") {
  CHECK(parse_duration("1h30m") == 90min);
  CHECK(parse_duration("48h") == 48h);
  CHECK(parse_duration("90s") == 90s);
  CHECK(parse_duration("2h15m30s") == 2h + 15min + 30s);
  for (std::string_view bad : {"", "0h", "30", "m30", "1m1h", "1h1h", "1.5h", "-1h", "1d"})
    CHECK_FALSE(parse_duration(bad).has_value());
  CHECK(format_duration(90min) == "1h30m");
  CHECK(format_duration(0s) == "0s");
  CHECK(format_duration(-45s) == "-45s");
}

TEST_CASE("The example policies load with their calendars") {
  const SlaPolicy oo = load("oneoffice.json");
  CHECK(oo.spec().priorities.size() == 5);
  CHECK(oo.warnings_permille().size() == 2);
  const int low = oo.priority_index("low");
  CHECK(oo.target(Metric::resolution, low, -1).within == 36h);
  CHECK(oo.target(Metric::triage, low, -1).within == 1h);
  CHECK(oo.calendar_name(oo.target(Metric::response, 0, -1).calendar) == "oncall");

  const SlaPolicy rw = load("roewaplan.json");
  const int security = rw.category_index("security-fault");
  CHECK(rw.effective_priority(rw.priority_index("low"), security) == rw.priority_index("top"));
  CHECK(rw.spec().categories[security].tier == "3rd-level");
  CHECK(rw.spec().reopen == ReopenRule::restart);
  CHECK(rw.ola_count() == 2);

  CHECK(load("meinofficeplus.json").target(Metric::response, 0, -1).within == 48h);
  CHECK(load("solutionbar.json").jourfixe() != nullptr);
}

TEST_CASE("meinOfficePlus: 48 hours counted on working days across Easter 2026") {
  // Thursday 2 April 15:00: 9 h that day; Good Friday, the weekend and Easter Monday are not
  // working days; Tuesday gives 24 h, Wednesday the last 15 h.
  const boost::json::object out =
      eval(R"({"events":[{"at":"2026-04-02T15:00:00+02:00","type":"created"}]})",
           load("meinofficeplus.json"), "2026-04-02T16:00:00+02:00");
  const auto& response = out.at("clocks").at("response").as_object();
  CHECK(response.at("due").as_string() == "2026-04-08T15:00:00+02:00");
  CHECK(response.at("state").as_string() == "running");
  CHECK(response.at("elapsed_minutes").as_int64() == 60);
  CHECK(response.at("calendar").as_string() == "workdays");
}

TEST_CASE("A ticket line gives the clocks as JSON in the calendar's zone") {
  const boost::json::object out = eval(
      R"({"id":7,"priority":"high","events":[
          {"at":"2026-03-06T13:30:00Z","type":"created"},
          {"at":"2026-03-09T07:20:00Z","type":"agent_public_reply"}]})",
      load("oneoffice.json"), "2026-03-09T07:25:00Z");
  CHECK(out.at("priority").as_string() == "high");
  const auto& response = out.at("clocks").at("response").as_object();
  CHECK(response.at("state").as_string() == "met");
  CHECK(response.at("due").as_string() == "2026-03-09T08:30:00+01:00");
  CHECK(response.at("met_at").as_string() == "2026-03-09T08:20:00+01:00");
  CHECK(response.at("elapsed_minutes").as_int64() == 50);
  CHECK(response.at("remaining_minutes").as_int64() == 10);
  CHECK(response.at("target_minutes").as_int64() == 60);
  CHECK(response.at("warnings").at("75%").as_string() == "2026-03-09T08:15:00+01:00");
  CHECK_FALSE(response.at("warnings").as_object().contains("90%"));
  const auto& resolution = out.at("clocks").at("resolution").as_object();
  CHECK(resolution.at("state").as_string() == "running");
  CHECK(resolution.at("due").as_string() == "2026-03-09T09:30:00+01:00");
  CHECK_FALSE(out.at("clocks").as_object().contains("update"));  // no update target
}

TEST_CASE("Errors in ticket lines name the line's own JSON path") {
  CHECK(line_error(R"({"events":[{"at":"2026-03-09T09:00:00Z","type":"reply"}]})").message() ==
        "events[0].type: got \"reply\", expected an event type (docs/sla.md)");
  CHECK(line_error(R"({"events":[{"at":"2026-03-09T09:00:00Z","type":"status"}]})").code() ==
        Errc::missing_field);
  CHECK(line_error(R"({"events":[{"at":"2026-03-09","type":"created"}]})")
            .message()
            .find("events[0].at: ") == 0);
  CHECK(line_error(R"({"events":[{"at":"2026-03-09T09:00:00Z","type":"resolved"}]})").message() ==
        "events[0].type: the first event must be \"created\"");
  CHECK(line_error(R"({"events":[],"prio":"high"})").code() == Errc::unknown_field);
  // The engine's index is translated back: the line's priority is not an event of its own.
  const Error order = line_error(R"({"priority":"high","category":"x","events":[
      {"at":"2026-03-09T09:00:00Z","type":"created"},
      {"at":"2026-03-09T10:00:00Z","type":"agent_public_reply"},
      {"at":"2026-03-09T09:30:00Z","type":"resolved"}]})");
  CHECK(order.code() == Errc::invalid_event);
  CHECK(order.message().find("category (category at 2026-03-09T09:00:00Z, value \"x\"): not a "
                             "category of the policy") == 0);
  const Error late = line_error(R"({"priority":"high","events":[
      {"at":"2026-03-09T09:00:00Z","type":"created"},
      {"at":"2026-03-09T10:00:00Z","type":"agent_public_reply"},
      {"at":"2026-03-09T09:30:00Z","type":"resolved"}]})");
  CHECK(late.message() ==
        "events[2] (resolved at 2026-03-09T09:30:00Z): before events[1] at 2026-03-09T10:00:00Z");
}

TEST_CASE("Errors in policy files name the JSON path") {
  const std::filesystem::path dir = std::string(TIERDESK_SOURCE_DIR) + "/examples/policies";
  auto bad_duration =
      load_policy(R"({"name":"x","priorities":["p"],"targets":[{"response":"1 hour"}]})", dir);
  REQUIRE_FALSE(bad_duration.has_value());
  CHECK(bad_duration.error().message().find("targets[0].response: got \"1 hour\"") == 0);

  auto no_metric =
      load_policy(R"({"name":"x","priorities":["p"],"targets":[{"priority":"p"}]})", dir);
  CHECK(no_metric.error().code() == Errc::missing_field);

  auto bad_warning =
      load_policy(R"({"name":"x","priorities":["p"],"warnings":["0.75"],"targets":[]})", dir);
  CHECK(bad_warning.error().message().find("warnings[0]: got \"0.75\"") == 0);

  auto missing_file = load_policy(
      R"({"name":"x","priorities":["p"],"calendars":{"c":"nope.json"},"targets":[]})", dir);
  CHECK(missing_file.error().code() == Errc::io_error);
  CHECK(missing_file.error().message().find("calendars.c: ") == 0);

  auto inline_calendar = load_policy(R"({"name":"x","priorities":["p"],
      "calendars":{"c":{"name":"c","zone":"Europe/Berln","week":"24/7"}},"targets":[]})",
                                     dir);
  CHECK(inline_calendar.error().code() == Errc::unknown_zone);
  CHECK(inline_calendar.error().message().find("calendars.c.zone") == 0);

  auto unknown_calendar = load_policy(
      R"({"name":"x","priorities":["p"],"targets":[{"calendar":"office","response":"1h"}]})", dir);
  CHECK(unknown_calendar.error().message() ==
        "targets[0].calendar: got \"office\", expected a calendar of the policy (none given)");

  auto typo = load_policy(R"({"name":"x","priorities":["p"],"targets":[],"reopen":"again"})", dir);
  CHECK(typo.error().message().find("reopen: got \"again\"") == 0);
}

TEST_CASE("A mistyped status or an out-of-range JourFixe period is an error, not a silent no-op") {
  const std::filesystem::path dir = std::string(TIERDESK_SOURCE_DIR) + "/examples/policies";
  // "pending_customer" (the status is pending-customer) used to be accepted: clocks never paused.
  auto typo = load_policy(
      R"({"name":"x","priorities":["p"],"targets":[],"pause_statuses":["on-hold","pending_customer"]})",
      dir);
  REQUIRE_FALSE(typo);
  CHECK(typo.error().message() ==
        "pause_statuses[1]: got \"pending_customer\", expected a ticket status: new, open, "
        "pending-customer, on-hold, resolved, closed");
  // 4294967298 weeks used to be read as 2 (its low 32 bits).
  auto weeks = load_policy(R"({"name":"x","priorities":["p"],"targets":[],
      "jourfixe":{"anchor":"2026-01-05","at":"10:00","every_weeks":4294967298}})",
                           dir);
  REQUIRE_FALSE(weeks);
  CHECK(weeks.error().message() ==
        "jourfixe.every_weeks: got 4294967298, expected an integer from 1 to 52");
  // A status event of a ticket line names a ticket status too.
  CHECK(line_error(R"({"events":[{"at":"2026-03-09T09:00:00Z","type":"created"},
      {"at":"2026-03-09T10:00:00Z","type":"status","to":"pending_customer"}]})")
            .message() ==
        "events[1]: to: got \"pending_customer\", expected a ticket status: new, open, "
        "pending-customer, on-hold, resolved, closed");
}
