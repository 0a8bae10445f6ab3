#include "tierdesk/base/time.hpp"

#include <charconv>

#include <fmt/format.h>

#include "base/digits.hpp"

namespace tierdesk {
namespace {

// Reads exactly `width` decimal digits at text[pos].
bool read_digits(std::string_view text, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

}  // namespace

Result<TimeOfDay> TimeOfDay::from_seconds(std::chrono::seconds since_midnight) {
  if (since_midnight < std::chrono::seconds{0} || since_midnight > std::chrono::hours{24}) {
    return fail(Errc::invalid_time,
                fmt::format("time of day: got {} s after midnight, expected 0 … 86400",
                            since_midnight.count()));
  }
  return TimeOfDay(since_midnight);
}

Result<TimeOfDay> TimeOfDay::from_hms(int hours, int minutes, int seconds) {
  if (hours < 0 || hours > 24 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59 ||
      (hours == 24 && (minutes != 0 || seconds != 0))) {
    return fail(Errc::invalid_time,
                fmt::format("time of day: got {:02}:{:02}:{:02}, expected 00:00 … 24:00", hours,
                            minutes, seconds));
  }
  return TimeOfDay(std::chrono::hours{hours} + std::chrono::minutes{minutes} +
                   std::chrono::seconds{seconds});
}

Result<TimeOfDay> TimeOfDay::parse(std::string_view text) {
  int h = 0, m = 0, s = 0;
  const bool hm = text.size() >= 5 && read_digits(text, 0, 2, h) && text[2] == ':' &&
                  read_digits(text, 3, 2, m);
  const bool ok = hm && (text.size() == 5 ||
                         (text.size() == 8 && text[5] == ':' && read_digits(text, 6, 2, s)));
  if (!ok) {
    return fail(Error::invalid(Errc::invalid_time, "time of day", text, "HH:MM or HH:MM:SS"));
  }
  auto t = from_hms(h, m, s);
  if (!t) return fail(Error::invalid(Errc::invalid_time, "time of day", text, "00:00 … 24:00"));
  return t;
}

Result<void> validate_hours(const LocalHours& hours, std::string_view field) {
  for (std::size_t i = 0; i < hours.size(); ++i) {
    const auto& s = hours[i];
    if (!(s.begin < s.end)) {
      return fail(Errc::invalid_interval,
                  fmt::format("{}[{}]: got {}–{}, expected the end after the begin", field, i,
                              s.begin, s.end));
    }
    if (i > 0 && s.begin < hours[i - 1].end) {
      return fail(Errc::overlapping_intervals,
                  fmt::format("{}[{}]: {}–{} overlaps or precedes {}–{}", field, i, s.begin, s.end,
                              hours[i - 1].begin, hours[i - 1].end));
    }
  }
  return {};
}

Result<Date> make_date(int year, int month, int day) {
  const Date d{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
               std::chrono::day{static_cast<unsigned>(day)}};
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || !d.ok()) {
    return fail(Errc::invalid_date,
                fmt::format("date: got {:04}-{:02}-{:02}, which does not exist", year, month, day));
  }
  return d;
}

Result<Date> parse_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || !read_digits(text, 0, 4, y) || text[4] != '-' ||
      !read_digits(text, 5, 2, m) || text[7] != '-' || !read_digits(text, 8, 2, d)) {
    return fail(Error::invalid(Errc::invalid_date, "date", text, "YYYY-MM-DD"));
  }
  auto date = make_date(y, m, d);
  if (!date) return fail(Error::invalid(Errc::invalid_date, "date", text, "an existing date"));
  return date;
}

Result<Instant> parse_iso8601(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS followed by Z or ±HH:MM
  auto bad = [&](std::string_view why) {
    return fail(Error::invalid(Errc::parse_error, "instant", text, why));
  };
  if (text.size() < 20) return bad("YYYY-MM-DDTHH:MM:SS with Z or an offset ±HH:MM");
  auto date = parse_date(text.substr(0, 10));
  if (!date) return bad("an existing date in YYYY-MM-DDTHH:MM:SS±HH:MM");
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return bad("'T' after the date");
  int h = 0, m = 0, s = 0;
  if (!read_digits(text, 11, 2, h) || text[13] != ':' || !read_digits(text, 14, 2, m) ||
      text[16] != ':' || !read_digits(text, 17, 2, s) || h > 23 || m > 59 || s > 59) {
    return bad("a time HH:MM:SS from 00:00:00 to 23:59:59");
  }
  std::chrono::seconds offset{0};
  const std::string_view zone = text.substr(19);
  if (zone == "Z" || zone == "z") {
    offset = std::chrono::seconds{0};
  } else {
    int oh = 0, om = 0;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || !read_digits(zone, 1, 2, oh) ||
        zone[3] != ':' || !read_digits(zone, 4, 2, om) || oh > 23 || om > 59) {
      return bad("an offset Z or ±HH:MM after the time");
    }
    offset = std::chrono::hours{oh} + std::chrono::minutes{om};
    if (zone[0] == '-') offset = -offset;
  }
  const auto local = std::chrono::sys_days{*date} + std::chrono::hours{h} +
                     std::chrono::minutes{m} + std::chrono::seconds{s};
  return Instant{local - offset};
}

std::string format_utc(Instant t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const Date date{day};
  const std::chrono::hh_mm_ss tod{t - day};
  // Every answer prints instants: built by hand, as fmt::format("{}T{:02}:{:02}:{:02}Z") would.
  std::string out;
  out.reserve(20);
  detail::append_padded(out, static_cast<int>(date.year()), 4);
  out += '-';
  detail::append_padded(out, static_cast<unsigned>(date.month()), 2);
  out += '-';
  detail::append_padded(out, static_cast<unsigned>(date.day()), 2);
  out += 'T';
  detail::append_padded(out, tod.hours().count(), 2);
  out += ':';
  detail::append_padded(out, tod.minutes().count(), 2);
  out += ':';
  detail::append_padded(out, tod.seconds().count(), 2);
  out += 'Z';
  return out;
}

}  // namespace tierdesk
