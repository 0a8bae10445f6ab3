// Reading tierdesk's JSON formats (calendars, SLA policies, contracts) with errors that say where.
//
// parse() turns text into a boost::json::value without throwing; malformed text, text after the
// document and duplicate keys are Errc::parse_error with line and column. A Node is a value plus
// its path; its getters check the type and report failures at that path. An ObjectReader is an
// object whose fields the format lists up front: any other key is Errc::unknown_field, so a typo
// never passes silently.
//
// Paths are written as in JavaScript, without a leading "$.": `week.mon[1][0]`,
// `rules[2].nth_weekday.n`, `calendars["my calendar"].zone` (keys other than [A-Za-z0-9_-] are
// quoted). The document itself is `$`. Every error message starts with the path:
//
//   auto doc = json::parse(R"({"zone": 5})");
//   json::Node root(*doc);
//   auto obj = root.object({"name", "zone"});         // ok
//   obj->required_string("zone")   → invalid_argument "zone: got 5, expected a string"
//   obj->required_string("name")   → missing_field    "name: required field is missing"
//   root.object({"name"})          → unknown_field    "zone: unknown field, expected one of: name"
//
// Nodes and readers refer into the parsed document, which must outlive them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

#include "tierdesk/base/error.hpp"

namespace tierdesk::json {

// A location inside a JSON document, e.g. `week.mon[1][0]`.
class Path {
 public:
  Path() = default;  // the document itself
  // A path that starts below some outer document, e.g. "calendars[2]" for an embedded calendar.
  explicit Path(std::string prefix) : text_(std::move(prefix)) {}

  Path field(std::string_view key) const;
  Path index(std::size_t i) const;

  bool is_root() const { return text_.empty(); }
  // The path as errors show it: "week.mon[1][0]", or "$" for the document itself.
  std::string_view label() const { return is_root() ? std::string_view("$") : text_; }

  // An error at this path: "<path>: <message>".
  Error error(Errc code, std::string_view message) const;
  // `e`, e.g. from a domain parser such as TimeOfDay::parse, with this path put in front.
  Error within(const Error& e) const { return e.within(label()); }

  friend bool operator==(const Path&, const Path&) = default;

 private:
  std::string text_;
};

// Parses one complete JSON document; Errc::parse_error "line L, column C: …" otherwise.
Result<boost::json::value> parse(std::string_view text);

// A configuration file's text (a calendar, policy or contract): Errc::io_error naming the
// path when it cannot be opened or read, Errc::out_of_range when it holds more than
// limits::config_file_bytes (reading stops there).
Result<std::string> read_config_file(const std::filesystem::path& path);

// A value as an error shows it: strings quoted, numbers as written, long values shortened.
std::string render(const boost::json::value& value);

// `value` as text, containers nested less than `expand_levels` deep one element per line
// (indented by two spaces), deeper ones compact: readable files without sprawling.
std::string serialize_pretty(const boost::json::value& value, int expand_levels);

class ObjectReader;

// A JSON value and its path. Getters fail with Errc::invalid_argument naming path and value.
class Node {
 public:
  explicit Node(const boost::json::value& value, Path path = {})
      : value_(&value), path_(std::move(path)) {}

  const boost::json::value& value() const { return *value_; }
  const Path& path() const { return path_; }

  // "<path>: got <value>, expected <expected>".
  Error invalid(Errc code, std::string_view expected) const;

  Result<std::string_view> string() const;
  Result<std::int64_t> integer() const;  // 1.0 and 1e3 are not integers
  Result<std::int64_t> integer(std::int64_t min, std::int64_t max) const;
  Result<bool> boolean() const;
  // The elements, each with its path `<path>[i]`.
  Result<std::vector<Node>> array() const;
  // The object, allowed to hold only `fields` (Errc::unknown_field for any other key).
  Result<ObjectReader> object(std::initializer_list<std::string_view> fields) const;

 private:
  const boost::json::value* value_;
  Path path_;
};

// An object whose keys have been checked against the fields its format defines.
class ObjectReader {
 public:
  const Path& path() const { return path_; }
  bool has(std::string_view key) const;

  std::optional<Node> optional(std::string_view key) const;
  // Errc::missing_field "<path>.<key>: required field is missing" when absent.
  Result<Node> required(std::string_view key) const;

  // The field `key` read by `read` (a function const Node& → Result<T>), e.g.
  // required("date", read_date); absent → Errc::missing_field, or nullopt for optional().
  template <class Read>
  auto required(std::string_view key, Read&& read) const
      -> std::invoke_result_t<Read, const Node&> {
    auto node = required(key);
    if (!node) return fail(node.error());
    return std::forward<Read>(read)(*node);
  }
  template <class Read>
  auto optional(std::string_view key, Read&& read) const
      -> Result<std::optional<typename std::invoke_result_t<Read, const Node&>::value_type>> {
    using T = typename std::invoke_result_t<Read, const Node&>::value_type;
    auto node = optional(key);
    if (!node) return std::optional<T>();
    auto value = std::forward<Read>(read)(*node);
    if (!value) return fail(value.error());
    return std::optional<T>(*std::move(value));
  }

  Result<std::string_view> required_string(std::string_view key) const;
  Result<std::optional<std::string_view>> optional_string(std::string_view key) const;
  Result<std::int64_t> required_integer(std::string_view key) const;
  Result<std::optional<std::int64_t>> optional_integer(std::string_view key) const;
  Result<bool> required_bool(std::string_view key) const;
  Result<std::optional<bool>> optional_bool(std::string_view key) const;
  Result<std::vector<Node>> required_array(std::string_view key) const;
  Result<std::optional<std::vector<Node>>> optional_array(std::string_view key) const;
  Result<ObjectReader> required_object(std::string_view key,
                                       std::initializer_list<std::string_view> fields) const;

  // The one key of `choices` this object has, for objects that are one of several kinds
  // ({"fixed": …} or {"easter": …}): Errc::missing_field when it has none,
  // Errc::invalid_argument when it has more than one.
  Result<std::string_view> one_of(std::initializer_list<std::string_view> choices) const;

 private:
  friend class Node;
  ObjectReader(const boost::json::object& object, Path path)
      : object_(&object), path_(std::move(path)) {}

  const boost::json::object* object_;
  Path path_;
};

}  // namespace tierdesk::json
