#include "base/json/civil.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include <fmt/format.h>

namespace tierdesk::json {
namespace {

constexpr std::array<std::string_view, 7> weekday_names = {"sun", "mon", "tue", "wed",
                                                           "thu", "fri", "sat"};

// The number in text[pos, pos + 2) when both are digits, else -1.
int two_digits(std::string_view text, std::size_t pos) {
  int value = -1;
  const char* first = text.data() + pos;
  const auto [end, ec] = std::from_chars(first, first + 2, value);
  return ec == std::errc() && end == first + 2 && first[0] != '+' && first[0] != '-' ? value : -1;
}

}  // namespace

Result<TimeOfDay> read_time_of_day(const Node& node) {
  auto text = node.string();
  if (!text) return fail(text.error());
  auto time = TimeOfDay::parse(*text);
  if (!time)
    return fail(node.invalid(time.error().code(), "a time of day HH:MM from 00:00 to 24:00"));
  return time;
}

Result<Date> read_date(const Node& node) {
  auto text = node.string();
  if (!text) return fail(text.error());
  auto date = parse_date(*text);
  if (!date) return fail(node.invalid(date.error().code(), "an existing date YYYY-MM-DD"));
  return date;
}

Result<std::chrono::month_day> read_month_day(const Node& node) {
  auto text = node.string();
  if (!text) return fail(text.error());
  constexpr std::string_view expected = "an existing month and day MM-DD such as \"12-24\"";
  if (text->size() != 5 || (*text)[2] != '-')
    return fail(node.invalid(Errc::parse_error, expected));
  const int month = two_digits(*text, 0);
  const int day = two_digits(*text, 3);
  if (month < 0 || day < 0) return fail(node.invalid(Errc::parse_error, expected));
  const std::chrono::month_day md{std::chrono::month(static_cast<unsigned>(month)),
                                  std::chrono::day(static_cast<unsigned>(day))};
  if (!md.ok()) return fail(node.invalid(Errc::invalid_date, expected));
  return md;
}

Result<std::chrono::weekday> read_weekday(const Node& node) {
  auto text = node.string();
  if (!text) return fail(text.error());
  const auto found = std::find(weekday_names.begin(), weekday_names.end(), *text);
  if (found == weekday_names.end()) {
    return fail(
        node.invalid(Errc::invalid_argument, "a weekday mon, tue, wed, thu, fri, sat or sun"));
  }
  return std::chrono::weekday(static_cast<unsigned>(found - weekday_names.begin()));
}

boost::json::value to_value(TimeOfDay t) { return boost::json::value(fmt::format("{}", t)); }

boost::json::value to_value(const Date& d) { return boost::json::value(fmt::format("{}", d)); }

std::string month_day_text(unsigned month, unsigned day) {
  return fmt::format("{:02}-{:02}", month, day);
}

std::string_view weekday_text(std::chrono::weekday wd) {
  return weekday_names[wd.c_encoding() % 7];
}

}  // namespace tierdesk::json
