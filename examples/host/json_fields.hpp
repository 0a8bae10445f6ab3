// Reading requests and writing errors as JSON, shared by the hosts (CLI, server): field access
// whose errors name the field and the value, and the error object every host prints.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "tierdesk/error.hpp"
#include "tierdesk/time.hpp"

namespace tierdesk::host {

// {"error":{"code":"not_found","message":"…"}}
boost::json::object error_json(const Error& error);

// A JSON value as it appears in an error message: strings bare (Error::invalid quotes them).
std::string shown(const boost::json::value& v);

// Field access for requests, with errors that name the field.
Result<std::string_view> string_field(const boost::json::object& o, std::string_view key);
Result<std::int64_t> int_field(const boost::json::object& o, std::string_view key);
Result<Instant> instant_field(const boost::json::object& o, std::string_view key);
// Errc::unknown_field for a key outside `allowed`.
Result<void> only_fields(const boost::json::object& o, std::initializer_list<std::string_view> allowed);

}  // namespace tierdesk::host
