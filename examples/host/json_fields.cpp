#include "json_fields.hpp"

#include <algorithm>
#include <charconv>
#include <string>

#include <fmt/format.h>

namespace tierdesk::host {

std::string shown(const boost::json::value& v) {
  return v.is_string() ? std::string(v.as_string()) : boost::json::serialize(v);
}

boost::json::object error_json(const Error& error) {
  return {{"error", {{"code", to_string(error.code())}, {"message", error.message()}}}};
}

Result<std::string_view> string_field(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return fail(Errc::missing_field, fmt::format("{}: missing", key));
  if (!v->is_string()) {
    return fail(Error::invalid(Errc::invalid_argument, key, shown(*v), "a string"));
  }
  return std::string_view(v->as_string());
}

Result<std::int64_t> int_field(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return fail(Errc::missing_field, fmt::format("{}: missing", key));
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->as_uint64());
  }
  return fail(Error::invalid(Errc::invalid_argument, key, shown(*v), "an integer"));
}

Result<Instant> instant_field(const boost::json::object& o, std::string_view key) {
  auto text = string_field(o, key);
  if (!text) return fail(text.error());
  auto t = parse_iso8601(*text);
  if (!t) return fail(t.error().within(key));
  return t;
}

Result<void> only_fields(const boost::json::object& o, std::initializer_list<std::string_view> allowed) {
  for (const auto& kv : o) {
    if (std::find(allowed.begin(), allowed.end(), kv.key()) == allowed.end()) {
      return fail(Errc::unknown_field, fmt::format("{}: unknown field", echo(kv.key())));
    }
  }
  return {};
}

Result<std::uint64_t> whole_number(std::string_view field, std::string_view text,
                                   std::uint64_t low, std::uint64_t high) {
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || n < low || n > high)
    return fail(Error::invalid(Errc::invalid_argument, field, text,
                               fmt::format("a whole number from {} to {}", low, high)));
  return n;
}

Result<std::chrono::year_month> month_field(std::string_view field, const std::string& text) {
  auto date = parse_date(text + "-01");
  if (text.size() != 7 || !date)
    return fail(Error::invalid(Errc::invalid_argument, field, text, "a month YYYY-MM"));
  return date->year() / date->month();
}

}  // namespace tierdesk::host
