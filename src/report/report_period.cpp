#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "tierdesk/report/ticket_report.hpp"

namespace tierdesk {
namespace {

std::optional<int> number(std::string_view text) {
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

}  // namespace

Result<ReportPeriod> parse_report_period(std::string_view text) {
  const auto bad = [&] {
    return fail(Error::invalid(Errc::invalid_argument, "period", text,
                               "a month (2026-11), a quarter (2026-Q4) or a year (2026)"));
  };
  if (text.size() < 4) return bad();
  const auto year = number(text.substr(0, 4));
  if (!year || *year < 1970 || *year > 9999) return bad();
  const std::chrono::year y{*year};
  const auto rest = text.substr(4);
  if (rest.empty()) return ReportPeriod{y / std::chrono::January, 12, std::string(text)};
  if (rest.size() == 3 && rest.substr(0, 2) == "-Q" && rest[2] >= '1' && rest[2] <= '4') {
    const unsigned q = static_cast<unsigned>(rest[2] - '0');
    return ReportPeriod{y / std::chrono::month{3 * q - 2}, 3, std::string(text)};
  }
  if (rest.size() == 3 && rest[0] == '-') {
    const auto m = number(rest.substr(1));
    if (!m || *m < 1 || *m > 12) return bad();
    return ReportPeriod{y / std::chrono::month{static_cast<unsigned>(*m)}, 1, std::string(text)};
  }
  return bad();
}

std::optional<std::chrono::seconds> percentile(std::vector<std::chrono::seconds> values, int p) {
  if (values.empty() || p < 1 || p > 100) return std::nullopt;
  const auto n = static_cast<std::int64_t>(values.size());
  const auto rank = (static_cast<std::int64_t>(p) * n + 99) / 100;  // ⌈p·n/100⌉, 1 … n
  const auto index = static_cast<std::size_t>(std::max<std::int64_t>(rank, 1) - 1);
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index),
                   values.end());
  return values[index];
}

std::optional<BasisPoints> SlaMet::met_percent() const {
  if (decided == 0) return std::nullopt;
  const auto m = static_cast<std::int64_t>(met);
  const auto d = static_cast<std::int64_t>(decided);
  return BasisPoints{(m * 20000 + d) / (2 * d)};  // m × 10000 / d, halves up
}

}  // namespace tierdesk
