// The private JSON reader under every tierdesk loader: paths, typed getters, error messages.
#include <doctest/doctest.h>

#include "base/json/reader.hpp"

namespace tj = tierdesk::json;
using tierdesk::Errc;

namespace {

boost::json::value doc(std::string_view text) {
  auto parsed = tj::parse(text);
  REQUIRE(parsed.has_value());
  return *parsed;
}

}  // namespace

TEST_CASE("paths are written like JavaScript member access, the root as $") {
  const tj::Path root;
  CHECK(root.label() == "$");
  CHECK(root.field("week").field("mon").index(1).index(0).label() == "week.mon[1][0]");
  CHECK(root.field("calendars").field("my cal").field("zone").label() ==
        "calendars[\"my cal\"].zone");
  CHECK(tj::Path("policies[2]").field("de-bw").label() == "policies[2].de-bw");
  CHECK(root.index(3).label() == "[3]");
}

TEST_CASE("parse reports malformed JSON with line and column") {
  auto r = tj::parse("{\"name\": \"x\",\n  \"zone\": }");
  REQUIRE_FALSE(r);
  CHECK(r.error().code() == Errc::parse_error);
  CHECK(r.error().message() == "line 2, column 11: malformed JSON (syntax error)");

  auto trailing = tj::parse("{} x");
  REQUIRE_FALSE(trailing);
  CHECK(trailing.error().message() ==
        "line 1, column 4: malformed JSON (text after the end of the document)");

  auto incomplete = tj::parse("[1, 2");
  REQUIRE_FALSE(incomplete);
  CHECK(incomplete.error().code() == Errc::parse_error);
  CHECK(incomplete.error().message() == "line 1, column 6: malformed JSON (incomplete JSON)");
}

TEST_CASE("parse rejects a key given twice, naming its path") {
  auto r = tj::parse("{\"week\": {\"mon\": [],\n \"mon\": []}}");
  REQUIRE_FALSE(r);
  CHECK(r.error().code() == Errc::parse_error);
  CHECK(r.error().message().starts_with("week.mon: key appears twice (again at line 2"));

  auto nested = tj::parse(R"({"rules": [{"name": "a"}, {"name": "b", "name": "c"}]})");
  REQUIRE_FALSE(nested);
  CHECK(nested.error().message().starts_with("rules[1].name: key appears twice"));

  CHECK(tj::parse(R"([{"a": 1}, {"a": 2}])").has_value());  // same key in sibling objects
}

TEST_CASE("typed getters name the path, the value and the expected type") {
  const auto v = doc(R"({"zone": 5, "n": 1.0, "big": 18446744073709551615, "flag": "yes",
                         "list": {}, "obj": [1, 2]})");
  auto obj = tj::Node(v).object({"zone", "n", "big", "flag", "list", "obj"});
  REQUIRE(obj);

  auto zone = obj->required_string("zone");
  REQUIRE_FALSE(zone);
  CHECK(zone.error().code() == Errc::invalid_argument);
  CHECK(zone.error().message() == "zone: got 5, expected a string");

  CHECK(obj->required_integer("n").error().message() == "n: got 1.0, expected an integer");
  CHECK(obj->required_integer("big").error().message() ==
        "big: got 18446744073709551615, expected an integer that fits in 64 signed bits");
  CHECK(obj->required_bool("flag").error().message() ==
        "flag: got \"yes\", expected true or false");
  CHECK(obj->required_array("list").error().message() == "list: got {}, expected an array");
  CHECK(obj->required_object("obj", {}).error().message() == "obj: got [1,2], expected an object");
}

TEST_CASE("required and optional getters") {
  const auto v = doc(R"({"name": "desk", "count": 3, "on": false, "days": ["mon"]})");
  auto obj = tj::Node(v).object({"name", "count", "on", "days", "zone"});
  REQUIRE(obj);
  CHECK(*obj->required_string("name") == "desk");
  CHECK(*obj->required_integer("count") == 3);
  CHECK(*obj->required_bool("on") == false);
  auto days = obj->required_array("days");
  REQUIRE(days);
  REQUIRE(days->size() == 1);
  CHECK((*days)[0].path().label() == "days[0]");
  CHECK(*(*days)[0].string() == "mon");

  CHECK(obj->optional_string("zone")->has_value() == false);
  CHECK(obj->optional_integer("count")->value() == 3);
  auto missing = obj->required_string("zone");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code() == Errc::missing_field);
  CHECK(missing.error().message() == "zone: required field is missing");
}

TEST_CASE("integer ranges") {
  const auto v = doc(R"({"month": 13})");
  auto month = tj::Node(v).object({"month"})->required("month")->integer(1, 12);
  REQUIRE_FALSE(month);
  CHECK(month.error().message() == "month: got 13, expected an integer from 1 to 12");
}

TEST_CASE("unknown fields are errors that suggest the field meant") {
  const auto v = doc(R"({"name": "x", "zones": "Europe/Berlin"})");
  auto obj = tj::Node(v).object({"name", "zone", "week"});
  REQUIRE_FALSE(obj);
  CHECK(obj.error().code() == Errc::unknown_field);
  CHECK(obj.error().message() ==
        "zones: unknown field, did you mean \"zone\"? (expected one of: name, zone, week)");

  auto far = tj::Node(doc(R"({"colour": 1})")).object({"name"});
  CHECK(far.error().message() == "colour: unknown field (expected one of: name)");
}

TEST_CASE("the root and an embedded prefix show in errors") {
  const auto v = doc("[1]");
  CHECK(tj::Node(v).object({}).error().message() == "$: got [1], expected an object");
  CHECK(tj::Node(v, tj::Path("calendars[1]")).string().error().message() ==
        "calendars[1]: got [1], expected a string");
}

TEST_CASE("one_of picks the single kind key") {
  const auto v = doc(R"([{"fixed": "12-24"}, {}, {"fixed": "12-24", "easter": 1}])");
  auto items = tj::Node(v).array();
  REQUIRE(items);
  auto kind = [&](std::size_t i) {
    return (*items)[i].object({"fixed", "easter"})->one_of({"fixed", "easter"});
  };
  CHECK(*kind(0) == "fixed");
  CHECK(kind(1).error().code() == Errc::missing_field);
  CHECK(kind(1).error().message() == "[1]: expected one of: fixed, easter");
  CHECK(kind(2).error().code() == Errc::invalid_argument);
  CHECK(kind(2).error().message() ==
        "[2]: got both \"fixed\" and \"easter\", expected exactly one of: fixed, easter");
}

TEST_CASE("render shortens long values and keeps UTF-8 whole") {
  CHECK(tj::render(boost::json::value("Buß- und Bettag")) == "\"Buß- und Bettag\"");
  CHECK(tj::render(boost::json::value(2.5)) == "2.5");
  const std::string long_text(100, 'x');
  const auto shown = tj::render(boost::json::value(long_text));
  CHECK(shown.size() == 60 + std::string_view("…").size());
  CHECK(shown.ends_with("x…"));
}

TEST_CASE("serialize_pretty breaks the outer levels into lines") {
  const auto v = doc(R"({"name": "x", "week": {"mon": [["08:00","17:00"]]}, "rules": []})");
  CHECK(tj::serialize_pretty(v, 2) ==
        "{\n"
        "  \"name\": \"x\",\n"
        "  \"week\": {\n"
        "    \"mon\": [[\"08:00\",\"17:00\"]]\n"
        "  },\n"
        "  \"rules\": []\n"
        "}\n");
  CHECK(tj::serialize_pretty(v, 0) ==
        "{\"name\":\"x\",\"week\":{\"mon\":[[\"08:00\",\"17:00\"]]},\"rules\":[]}\n");
}
