// Optional fields of request bodies, with errors that name the field and the value.
#pragma once

#include <string>
#include <vector>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "json_fields.hpp"
#include "tierdesk/base/error.hpp"

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
    return fail(
        Error::invalid(Errc::invalid_argument, key, std::to_string(*n), "a 32-bit integer"));
  return static_cast<int>(*n);
}

// o[key] as a bool, or `otherwise` when absent.
inline Result<bool> optional_bool(const boost::json::object& o, std::string_view key,
                                  bool otherwise = false) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return otherwise;
  if (!v->is_bool())
    return fail(Error::invalid(Errc::invalid_argument, key, host::shown(*v), "true or false"));
  return v->as_bool();
}

// o[key] as an array of at most `budget` strings, or empty when absent.
inline Result<std::vector<std::string>> optional_strings(const boost::json::object& o,
                                                         std::string_view key, std::size_t budget) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(key);
  if (v == nullptr) return out;
  if (!v->is_array())
    return fail(
        Error::invalid(Errc::invalid_argument, key, host::shown(*v), "an array of strings"));
  if (v->as_array().size() > budget)
    return fail(Error::invalid(Errc::invalid_argument, key,
                               fmt::format("{} entries", v->as_array().size()),
                               fmt::format("at most {}", budget)));
  for (const auto& item : v->as_array()) {
    if (!item.is_string())
      return fail(
          Error::invalid(Errc::invalid_argument, key, host::shown(item), "an array of strings"));
    out.emplace_back(item.as_string());
  }
  return out;
}

}  // namespace tierdesk::server
