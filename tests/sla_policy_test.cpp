// Compiling SLA policies: the target table and the errors for bad specs.
#include <doctest/doctest.h>

#include "support/sla_fixtures.hpp"

using namespace tierdesk;
using namespace tierdesk::sla_testing;

namespace {

Error refusal(SlaPolicySpec s) {
  auto r = SlaPolicy::compile(std::move(s), oneoffice_calendars());
  REQUIRE_FALSE(r.has_value());
  return r.error();
}

}  // namespace

TEST_CASE("The most specific target row wins") {
  SlaPolicySpec s = oneoffice_spec();
  s.categories = {{"security", "", ""}, {"billing", "", ""}};
  s.targets = {{"", "", Metric::response, 8h, "office"},
               {"high", "", Metric::response, 4h, "office"},
               {"", "security", Metric::response, 2h, "office"},
               {"high", "security", Metric::response, 1h, "oncall"}};
  const SlaPolicy p = SlaPolicy::compile(s, oneoffice_calendars()).value();
  const int high = p.priority_index("high");
  const int low = p.priority_index("low");
  const int security = p.category_index("security");
  const int billing = p.category_index("billing");
  CHECK(p.target(Metric::response, high, security).within == 1h);
  CHECK(p.calendar_name(p.target(Metric::response, high, security).calendar) == "oncall");
  CHECK(p.target(Metric::response, low, security).within == 2h);
  CHECK(p.target(Metric::response, high, billing).within == 4h);
  CHECK(p.target(Metric::response, high, -1).within == 4h);
  CHECK(p.target(Metric::response, low, -1).within == 8h);
  CHECK(p.target(Metric::resolution, low, -1).within == 0s);  // no row: no target
}

TEST_CASE("Defaults and lookups of a compiled policy") {
  const SlaPolicy p = oneoffice();
  CHECK(p.default_priority() == p.priority_index("normal"));
  CHECK(p.priority_index("nope") == -1);
  CHECK(p.is_pause_status("on-hold"));
  CHECK_FALSE(p.is_pause_status("open"));
  CHECK(p.calendar_name(0) == "");
  CHECK(p.calendar(0).is_open(at("2026-12-25T03:00:00Z")));
  SlaPolicySpec s = oneoffice_spec();
  s.default_priority.clear();
  CHECK(SlaPolicy::compile(s, oneoffice_calendars())->default_priority() == 4);  // "low"
}

TEST_CASE("Bad policies are refused with the field at fault") {
  SlaPolicySpec s = oneoffice_spec();
  s.targets[1].calendar = "offfice";
  Error e = refusal(s);
  CHECK(e.code() == Errc::not_found);
  CHECK(e.message() ==
        "targets[1].calendar: got \"offfice\", expected a calendar of the policy (\"office\", "
        "\"oncall\")");

  s = oneoffice_spec();
  s.targets[2].priority = "urgent";
  CHECK(refusal(s).message() ==
        "targets[2].priority: got \"urgent\", expected one of the policy's priorities");

  s = oneoffice_spec();
  s.targets.push_back(row("high", Metric::response, 2h, "office"));
  e = refusal(s);
  CHECK(e.code() == Errc::conflict);
  CHECK(e.message() ==
        "targets[12]: got \"response\", expected one row per metric, priority and category");

  s = oneoffice_spec();
  s.targets[0].within = 0s;
  CHECK(refusal(s).message() == "targets[0].within: got \"0s\", expected a positive duration");

  s = oneoffice_spec();
  s.warnings_permille = {900, 750};
  CHECK(refusal(s).message() ==
        "warnings[1]: got \"750 permille\", expected fractions in ascending order");

  s = oneoffice_spec();
  s.warnings_permille = {250, 500, 750, 900};
  CHECK(refusal(s).code() == Errc::invalid_argument);

  s = oneoffice_spec();
  s.priorities.push_back("high");
  CHECK(refusal(s).message() == "priorities[5]: got \"high\", expected a name not listed before");

  s = oneoffice_spec();
  s.default_priority = "whenever";
  CHECK(refusal(s).message().find("default_priority") == 0);

  s = oneoffice_spec();
  s.categories = {{"security", "top", ""}};
  CHECK(refusal(s).message().find("categories[0].priority") == 0);

  s = oneoffice_spec();
  s.ola = {{"a", 1h, ""}, {"b", 1h, ""}, {"c", 1h, ""}, {"d", 1h, ""}};
  CHECK(refusal(s).message() == "ola: got \"4 rows\", expected at most 3");

  s = oneoffice_spec();
  s.jourfixe = JourFixeSpec{*make_date(2026, 3, 3), TimeOfDay{}, 2, "nowhere"};
  CHECK(refusal(s).message().find("jourfixe.calendar") == 0);

  s = oneoffice_spec();
  s.priorities.clear();
  CHECK(refusal(s).message() == "priorities: got \"[]\", expected at least one priority");
}
