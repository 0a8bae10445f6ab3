// Business durations as the JSON formats spell them: "1h30m", "45m", "90s".
#include <charconv>

#include <fmt/format.h>

#include "tierdesk/sla/sla_json.hpp"

namespace tierdesk {

Result<std::chrono::seconds> parse_duration(std::string_view text) {
  const auto bad = [&] {
    return fail(
        Error::invalid(Errc::invalid_argument, "duration", text,
                       "a positive duration such as \"1h\", \"30m\", \"1h30m\" or \"90s\""));
  };
  constexpr std::string_view units = "hms";
  constexpr long long unit_seconds[] = {3600, 60, 1};
  long long total = 0;
  std::size_t next_unit = 0;
  const char* p = text.data();
  const char* const end = text.data() + text.size();
  while (p != end) {
    long long n = 0;
    auto [after, ec] = std::from_chars(p, end, n);
    if (ec != std::errc() || after == end || n < 0 || n > 10'000'000) return bad();
    const std::size_t unit = units.find(*after, next_unit);
    if (unit == std::string_view::npos) return bad();
    total += n * unit_seconds[unit];
    next_unit = unit + 1;
    p = after + 1;
  }
  if (total <= 0) return bad();
  return std::chrono::seconds{total};
}

std::string format_duration(std::chrono::seconds d) {
  const long long s = d.count();
  if (s == 0) return "0s";
  std::string out = s < 0 ? "-" : "";
  const long long a = s < 0 ? -s : s;
  if (a / 3600) out += fmt::format("{}h", a / 3600);
  if (a / 60 % 60) out += fmt::format("{}m", a / 60 % 60);
  if (a % 60) out += fmt::format("{}s", a % 60);
  return out;
}

}  // namespace tierdesk
