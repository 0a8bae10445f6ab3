#include "report/period.hpp"

#include <fmt/format.h>

namespace tierdesk::report {

Instant start_of_day(std::chrono::local_days d, const Zone& zone) {
  return zone.lookup(LocalSeconds(d)).first;
}

Segment<Instant> month_span(std::chrono::year_month month, const Zone& zone) {
  using namespace std::chrono;
  const local_days first{month / 1};
  const local_days next{(month + months{1}) / 1};
  return {start_of_day(first, zone), start_of_day(next, zone)};
}

std::string local_minute(Instant t, const Zone& zone) {
  using namespace std::chrono;
  const auto local = zone.to_local(t);
  const auto day = floor<days>(local);
  const hh_mm_ss<seconds> tod{local - day};
  return fmt::format("{} {:02}:{:02}", Date{day}, tod.hours().count(), tod.minutes().count());
}

std::string local_date(Instant t, const Zone& zone) {
  return fmt::format("{}", Date{std::chrono::floor<std::chrono::days>(zone.to_local(t))});
}

std::string month_text(std::chrono::year_month month) {
  return fmt::format("{:04}-{:02}", static_cast<int>(month.year()),
                     static_cast<unsigned>(month.month()));
}

std::string hours_text(std::chrono::seconds s) {
  const auto sign = s.count() < 0 ? "-" : "";
  const auto minutes = (std::abs(s.count()) + 59) / 60;
  return fmt::format("{}{}:{:02} h", sign, minutes / 60, minutes % 60);
}

}  // namespace tierdesk::report
