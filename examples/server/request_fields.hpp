// Optional fields of request bodies, with errors that name the field and the value.
#pragma once

#include <string>

#include <boost/json.hpp>

#include "json_fields.hpp"
#include "tierdesk/error.hpp"

namespace tierdesk::server {

// o[key] as a string, or `otherwise` when absent; invalid_argument for another type.
inline Result<std::string> optional_string(const boost::json::object& o, std::string_view key,
                                           std::string otherwise = {}) {
  if (!o.contains(key)) return otherwise;
  auto s = host::string_field(o, key);
  if (!s) return fail(s.error());
  return std::string(*s);
}

// o[key] as an int, or `otherwise` when absent.
inline Result<int> optional_int(const boost::json::object& o, std::string_view key, int otherwise) {
  if (!o.contains(key)) return otherwise;
  auto n = host::int_field(o, key);
  if (!n) return fail(n.error());
  if (*n < INT32_MIN || *n > INT32_MAX)
    return fail(Error::invalid(Errc::invalid_argument, key, std::to_string(*n), "a 32-bit integer"));
  return static_cast<int>(*n);
}

}  // namespace tierdesk::server
