// Reading requests and writing errors as JSON, shared by the hosts (CLI, server): field access
// whose errors name the field and the value, and the error object every host prints.
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "tierdesk/base/error.hpp"
#include "tierdesk/base/limits.hpp"
#include "tierdesk/base/time.hpp"

namespace tierdesk::host {

// {"error":{"code":"not_found","message":"…"}}
boost::json::object error_json(const Error& error);

// A JSON value as it appears in an error message: strings bare (Error::invalid quotes them).
std::string shown(const boost::json::value& v);

// Field access for requests, with errors that name the field.
Result<std::string_view> string_field(const boost::json::object& o, std::string_view key);
Result<std::int64_t> int_field(const boost::json::object& o, std::string_view key);
Result<Instant> instant_field(const boost::json::object& o, std::string_view key);
// A whole decimal number in [low, high] from text (a query parameter, an option): no sign, no
// spaces, nothing after it; Errc::invalid_argument naming the field and the text otherwise.
Result<std::uint64_t> whole_number(std::string_view field, std::string_view text,
                                   std::uint64_t low, std::uint64_t high);
// A month "YYYY-MM" (?month=, --month); Errc::invalid_argument naming the field otherwise.
Result<std::chrono::year_month> month_field(std::string_view field, const std::string& text);

// The most items a list asks for (?limit=, --limit): the library's budget.
inline constexpr std::uint64_t max_list_limit = limits::list_rows;

// Errc::unknown_field for a key outside `allowed`.
Result<void> only_fields(const boost::json::object& o, std::initializer_list<std::string_view> allowed);

}  // namespace tierdesk::host
