#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tierdesk/calendar/holidays.hpp"

namespace tierdesk {
namespace {

namespace chr = std::chrono;

Date ymd(int y, unsigned m, unsigned d) { return Date{chr::year{y}, chr::month{m}, chr::day{d}}; }

HolidayRule rule(std::string name, HolidayWhen when) {
  return HolidayRule{std::move(name), when, std::nullopt, std::nullopt, {}};
}

Segment<TimeOfDay> hours(int h1, int h2) {
  return {*TimeOfDay::from_hms(h1, 0), *TimeOfDay::from_hms(h2, 0)};
}

// The dates `r` yields in `year`, "YYYY-MM-DD" separated by spaces.
std::string dates_of(const HolidayRule& r, int year) {
  std::vector<Date> out;
  append_dates(r, year, out);
  return fmt::format("{}", fmt::join(out, " "));
}

std::string listing(const std::vector<Holiday>& hs) {
  std::vector<std::string> parts;
  for (const Holiday& h : hs) parts.push_back(fmt::format("{}", h.date));
  return fmt::format("{}", fmt::join(parts, " "));
}

std::string preset_listing(std::string_view code, int year) {
  const auto rules = preset(code);
  REQUIRE(rules.has_value());
  return listing(holidays_in(*rules, year));
}

// "01-01 04-03" in 2026 → "2026-01-01 2026-04-03".
std::string in_year(int year, std::string_view month_days) {
  std::vector<std::string> parts;
  while (!month_days.empty()) {
    const auto end = month_days.find(' ');
    if (end != 0) parts.push_back(fmt::format("{}-{}", year, month_days.substr(0, end)));
    month_days = end == std::string_view::npos ? "" : month_days.substr(end + 1);
  }
  return fmt::format("{}", fmt::join(parts, " "));
}

bool has_date(std::string_view code, Date d) {
  const auto rules = preset(code);
  REQUIRE(rules.has_value());
  const auto hs = holidays_in(*rules, static_cast<int>(d.year()));
  return std::ranges::any_of(hs, [&](const Holiday& h) { return h.date == d; });
}

TEST_CASE("easter_sunday matches published Easter dates") {
  CHECK(easter_sunday(2008) == ymd(2008, 3, 23));
  CHECK(easter_sunday(2011) == ymd(2011, 4, 24));
  CHECK(easter_sunday(2017) == ymd(2017, 4, 16));
  CHECK(easter_sunday(2019) == ymd(2019, 4, 21));
  CHECK(easter_sunday(2024) == ymd(2024, 3, 31));
  CHECK(easter_sunday(2026) == ymd(2026, 4, 5));
  CHECK(easter_sunday(2027) == ymd(2027, 3, 28));
  CHECK(easter_sunday(2038) == ymd(2038, 4, 25));
  CHECK(easter_sunday(2000) == ymd(2000, 4, 23));
  // The extremes: 22 March (1818, next 2285) and 25 April (1943).
  CHECK(easter_sunday(1818) == ymd(1818, 3, 22));
  CHECK(easter_sunday(2285) == ymd(2285, 3, 22));
  CHECK(easter_sunday(1943) == ymd(1943, 4, 25));
}

TEST_CASE("FixedDate yields month/day, and 29 February only in leap years") {
  CHECK(dates_of(rule("Neujahr", FixedDate{1, 1}), 2026) == "2026-01-01");
  CHECK(dates_of(rule("Schalttag", FixedDate{2, 29}), 2024) == "2024-02-29");
  CHECK(dates_of(rule("Schalttag", FixedDate{2, 29}), 2026) == "");
  CHECK(dates_of(rule("Schalttag", FixedDate{2, 29}), 2100) == "");
}

TEST_CASE("EasterOffset counts days from Easter Sunday") {
  CHECK(dates_of(rule("Karfreitag", EasterOffset{-2}), 2026) == "2026-04-03");
  CHECK(dates_of(rule("Ostermontag", EasterOffset{1}), 2011) == "2011-04-25");
  CHECK(dates_of(rule("Christi Himmelfahrt", EasterOffset{39}), 2038) == "2038-06-03");
  CHECK(dates_of(rule("Fronleichnam", EasterOffset{60}), 2026) == "2026-06-04");
  CHECK(dates_of(rule("Rosenmontag", EasterOffset{-48}), 2024) == "2024-02-12");
}

TEST_CASE("NthWeekday: n-th and last weekday; a missing 5th yields nothing") {
  using chr::Friday, chr::Monday, chr::Thursday;
  CHECK(dates_of(rule("Labor Day", NthWeekday{9, Monday, 1}), 2026) == "2026-09-07");
  CHECK(dates_of(rule("Thanksgiving", NthWeekday{11, Thursday, 4}), 2026) == "2026-11-26");
  CHECK(dates_of(rule("Memorial Day", NthWeekday{5, Monday, -1}), 2026) == "2026-05-25");
  CHECK(dates_of(rule("fifth Friday", NthWeekday{1, Friday, 5}), 2026) == "2026-01-30");
  CHECK(dates_of(rule("fifth Monday", NthWeekday{2, Monday, 5}), 2026) == "");
  CHECK(dates_of(rule("fifth Thursday", NthWeekday{2, Thursday, 5}), 2024) == "2024-02-29");
}

TEST_CASE("WeekdayBefore is the last weekday strictly before month/day") {
  const auto bettag = rule("Buß- und Bettag", WeekdayBefore{11, 23, chr::Wednesday});
  CHECK(dates_of(bettag, 2026) == "2026-11-18");
  CHECK(dates_of(bettag, 2023) == "2023-11-22");
  // 23 November 2022 is itself a Wednesday: the rule takes the one a week earlier.
  CHECK(dates_of(bettag, 2022) == "2022-11-16");
}

TEST_CASE("OneOff yields its date in its own year only") {
  const auto r = rule("Reformationstag", OneOff{ymd(2017, 10, 31)});
  CHECK(dates_of(r, 2017) == "2017-10-31");
  CHECK(dates_of(r, 2018) == "");
}

TEST_CASE("DateRange is inclusive and yields the part inside the asked year") {
  const auto r = rule("Betriebsferien", DateRange{ymd(2026, 12, 28), ymd(2027, 1, 2)});
  CHECK(dates_of(r, 2026) == "2026-12-28 2026-12-29 2026-12-30 2026-12-31");
  CHECK(dates_of(r, 2027) == "2027-01-01 2027-01-02");
  CHECK(dates_of(r, 2025) == "");
  CHECK(dates_of(rule("Brückentag", DateRange{ymd(2026, 5, 15), ymd(2026, 5, 15)}), 2026) ==
        "2026-05-15");
}

TEST_CASE("valid_from and valid_until are inclusive years") {
  auto r = rule("Internationaler Frauentag", FixedDate{3, 8});
  r.valid_from = 2019;
  r.valid_until = 2021;
  CHECK(dates_of(r, 2018) == "");
  CHECK(dates_of(r, 2019) == "2019-03-08");
  CHECK(dates_of(r, 2021) == "2021-03-08");
  CHECK(dates_of(r, 2022) == "");
  CHECK_FALSE(r.applies_in(2018));
  CHECK(r.applies_in(2020));
}

TEST_CASE("rules yield nothing outside the supported years 1583-9999") {
  CHECK(dates_of(rule("Neujahr", FixedDate{1, 1}), 1582) == "");
  CHECK(dates_of(rule("Neujahr", FixedDate{1, 1}), 1583) == "1583-01-01");
  CHECK(dates_of(rule("Karfreitag", EasterOffset{-2}), 10000) == "");
}

TEST_CASE("append_dates skips a rule that does not validate instead of throwing") {
  CHECK(dates_of(rule("bad", FixedDate{13, 1}), 2026) == "");
  CHECK(dates_of(rule("bad", FixedDate{257, 1}), 2026) == "");
  CHECK(dates_of(rule("bad", NthWeekday{1, chr::weekday{9}, 1}), 2026) == "");
  CHECK(dates_of(rule("bad", NthWeekday{1, chr::Monday, 6}), 2026) == "");
  CHECK(dates_of(rule("bad", WeekdayBefore{2, 30, chr::Monday}), 2026) == "");
}

TEST_CASE("holidays_in: sorted, one entry per date, whole day beats partial day") {
  auto eve = rule("Heiligabend", FixedDate{12, 24});
  eve.hours = {hours(8, 12)};
  const std::vector<HolidayRule> rules = {
      rule("2. Weihnachtstag", FixedDate{12, 26}),
      eve,
      rule("Betriebsferien", DateRange{ymd(2026, 12, 24), ymd(2026, 12, 24)}),
      rule("1. Weihnachtstag", FixedDate{12, 25}),
      rule("Christtag", FixedDate{12, 25}),
  };
  const auto hs = holidays_in(rules, 2026);
  REQUIRE(hs.size() == 3);
  CHECK(hs[0] == Holiday{ymd(2026, 12, 24), "Betriebsferien", {}});
  CHECK(hs[1] == Holiday{ymd(2026, 12, 25), "1. Weihnachtstag", {}});
  CHECK(hs[2] == Holiday{ymd(2026, 12, 26), "2. Weihnachtstag", {}});
}

TEST_CASE("holidays_in keeps the first partial day in table order, with its hours") {
  auto a = rule("Heiligabend", FixedDate{12, 24});
  a.hours = {hours(8, 12)};
  auto b = rule("Kurzer Tag", FixedDate{12, 24});
  b.hours = {hours(9, 11), hours(13, 14)};
  const std::vector<HolidayRule> rules = {a, b};
  const auto hs = holidays_in(rules, 2026);
  REQUIRE(hs.size() == 1);
  CHECK(hs[0] == Holiday{ymd(2026, 12, 24), "Heiligabend", {hours(8, 12)}});
}

// The error's code, and whether its message names `text`.
void check_error(const HolidayRule& r, Errc code, std::string_view text) {
  const auto result = validate(r);
  REQUIRE_FALSE(result.has_value());
  INFO(result.error().message());
  CHECK(result.error().code() == code);
  CHECK(result.error().message().find(text) != std::string::npos);
  CHECK(result.error().message().find(r.name.empty() ? "holiday" : r.name) != std::string::npos);
}

TEST_CASE("validate accepts well-formed rules of every kind") {
  auto eve = rule("Heiligabend", FixedDate{12, 24});
  eve.hours = {hours(8, 12), hours(12, 14)};
  eve.valid_from = 2020;
  eve.valid_until = 2020;
  CHECK(validate(eve).has_value());
  CHECK(validate(rule("Schalttag", FixedDate{2, 29})).has_value());
  CHECK(validate(rule("Pfingstmontag", EasterOffset{50})).has_value());
  CHECK(validate(rule("last", NthWeekday{5, chr::Monday, -1})).has_value());
  CHECK(validate(rule("Buß- und Bettag", WeekdayBefore{11, 23, chr::Wednesday})).has_value());
  CHECK(validate(rule("once", OneOff{ymd(2020, 5, 8)})).has_value());
  CHECK(validate(rule("range", DateRange{ymd(2026, 12, 24), ymd(2027, 1, 6)})).has_value());
}

TEST_CASE("validate rejects impossible dates with invalid_date") {
  check_error(rule("Dreizehnter", FixedDate{13, 1}), Errc::invalid_date, "\"13\"");
  check_error(rule("Februarfest", FixedDate{2, 30}), Errc::invalid_date, "02-30");
  check_error(rule("Aprilfest", WeekdayBefore{4, 31, chr::Monday}), Errc::invalid_date, "04-31");
  check_error(rule("Monatsfest", NthWeekday{0, chr::Monday, 1}), Errc::invalid_date, "\"0\"");
  check_error(rule("Einmal", OneOff{ymd(2026, 2, 30)}), Errc::invalid_date, "2026-02-30");
  check_error(rule("Ferien", DateRange{ymd(2026, 6, 1), ymd(2026, 6, 31)}), Errc::invalid_date,
              "2026-06-31");
}

TEST_CASE("validate rejects out-of-domain values with invalid_argument") {
  check_error(rule("Sechster", NthWeekday{3, chr::Monday, 6}), Errc::invalid_argument, "\"6\"");
  check_error(rule("Nullter", NthWeekday{3, chr::Monday, 0}), Errc::invalid_argument, "\"0\"");
  check_error(rule("Wochentag", NthWeekday{3, chr::weekday{8}, 1}), Errc::invalid_argument,
              "\"8\"");
  check_error(rule("Weit weg", EasterOffset{300}), Errc::invalid_argument, "300");
  check_error(rule("Vorjahr", WeekdayBefore{1, 3, chr::Monday}), Errc::invalid_argument, "01-03");
  check_error(rule("", FixedDate{1, 1}), Errc::invalid_argument, "name");
  auto r = rule("Frauentag", FixedDate{3, 8});
  r.valid_from = 2024;
  r.valid_until = 2023;
  check_error(r, Errc::invalid_argument, "2024…2023");
}

TEST_CASE("validate rejects bad ranges and hours") {
  check_error(rule("Ferien", DateRange{ymd(2026, 12, 31), ymd(2026, 12, 24)}),
              Errc::invalid_interval, "2026-12-31…2026-12-24");
  auto inverted = rule("Heiligabend", FixedDate{12, 24});
  inverted.hours = {hours(12, 8)};
  check_error(inverted, Errc::invalid_interval, "12:00–08:00");
  auto empty = rule("Heiligabend", FixedDate{12, 24});
  empty.hours = {hours(9, 9)};
  check_error(empty, Errc::invalid_interval, "09:00–09:00");
  auto overlap = rule("Silvester", FixedDate{12, 31});
  overlap.hours = {hours(8, 12), hours(11, 14)};
  check_error(overlap, Errc::overlapping_intervals, "11:00–14:00");
  auto unsorted = rule("Silvester", FixedDate{12, 31});
  unsorted.hours = {hours(13, 14), hours(8, 12)};
  check_error(unsorted, Errc::overlapping_intervals, "08:00–12:00");
}

TEST_CASE("preset codes: DE, the states alphabetically, DK; unknown codes fail") {
  const std::vector<std::string_view> want = {"DE",    "DE-BB", "DE-BE", "DE-BW", "DE-BY", "DE-HB",
                                              "DE-HE", "DE-HH", "DE-MV", "DE-NI", "DE-NW", "DE-RP",
                                              "DE-SH", "DE-SL", "DE-SN", "DE-ST", "DE-TH", "DK"};
  const auto got = preset_codes();
  CHECK(std::vector<std::string_view>(got.begin(), got.end()) == want);
  const auto bad = preset("DE-XX");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().code() == Errc::unknown_preset);
  CHECK(bad.error().message().find("DE-XX") != std::string::npos);
  CHECK_FALSE(preset("de-bw").has_value());
}

TEST_CASE("every preset rule validates") {
  for (std::string_view code : preset_codes()) {
    const auto rules = preset(code);
    REQUIRE(rules.has_value());
    for (const HolidayRule& r : *rules) {
      INFO(code, " ", r.name);
      CHECK(validate(r).has_value());
    }
  }
}

// Complete lists, worked out by hand from Easter (2017-04-16, 2024-03-31, 2026-04-05,
// 2038-04-25) and the statutes: Good Friday −2, Easter Monday +1, Ascension +39, Whit Sunday
// +49, Whit Monday +50, Corpus Christi +60, Maundy Thursday −3, Store bededag +26; Buß- und
// Bettag 2017-11-22, 2024-11-20, 2026-11-18, 2038-11-17.
struct Expected {
  std::string_view code;
  int year;
  std::string_view month_days;
};

constexpr Expected expected_presets[] = {
    // 2017: Reformationstag nationwide (500th anniversary).
    {"DE", 2017, "01-01 04-14 04-17 05-01 05-25 06-05 10-03 10-31 12-25 12-26"},
    {"DE-BB", 2017, "01-01 04-14 04-16 04-17 05-01 05-25 06-04 06-05 10-03 10-31 12-25 12-26"},
    {"DE-BE", 2017, "01-01 04-14 04-17 05-01 05-25 06-05 10-03 10-31 12-25 12-26"},
    {"DE-BW", 2017,
     "01-01 01-06 04-14 04-17 05-01 05-25 06-05 06-15 10-03 10-31 11-01 12-25 12-26"},
    {"DE-BY", 2017,
     "01-01 01-06 04-14 04-17 05-01 05-25 06-05 06-15 08-15 10-03 10-31 11-01 12-25 12-26"},
    {"DE-HB", 2017, "01-01 04-14 04-17 05-01 05-25 06-05 10-03 10-31 12-25 12-26"},
    {"DE-HE", 2017, "01-01 04-14 04-17 05-01 05-25 06-05 06-15 10-03 10-31 12-25 12-26"},
    {"DE-HH", 2017, "01-01 04-14 04-17 05-01 05-25 06-05 10-03 10-31 12-25 12-26"},
    {"DE-MV", 2017, "01-01 04-14 04-17 05-01 05-25 06-05 10-03 10-31 12-25 12-26"},
    {"DE-NI", 2017, "01-01 04-14 04-17 05-01 05-25 06-05 10-03 10-31 12-25 12-26"},
    {"DE-NW", 2017, "01-01 04-14 04-17 05-01 05-25 06-05 06-15 10-03 10-31 11-01 12-25 12-26"},
    {"DE-RP", 2017, "01-01 04-14 04-17 05-01 05-25 06-05 06-15 10-03 10-31 11-01 12-25 12-26"},
    {"DE-SH", 2017, "01-01 04-14 04-17 05-01 05-25 06-05 10-03 10-31 12-25 12-26"},
    {"DE-SL", 2017,
     "01-01 04-14 04-17 05-01 05-25 06-05 06-15 08-15 10-03 10-31 11-01 12-25 12-26"},
    {"DE-SN", 2017, "01-01 04-14 04-17 05-01 05-25 06-05 10-03 10-31 11-22 12-25 12-26"},
    {"DE-ST", 2017, "01-01 01-06 04-14 04-17 05-01 05-25 06-05 10-03 10-31 12-25 12-26"},
    {"DE-TH", 2017, "01-01 04-14 04-17 05-01 05-25 06-05 10-03 10-31 12-25 12-26"},
    {"DK", 2017, "01-01 04-13 04-14 04-16 04-17 05-12 05-25 06-04 06-05 12-25 12-26"},
    // 2024: early Easter; Store bededag abolished.
    {"DE", 2024, "01-01 03-29 04-01 05-01 05-09 05-20 10-03 12-25 12-26"},
    {"DE-BB", 2024, "01-01 03-29 03-31 04-01 05-01 05-09 05-19 05-20 10-03 10-31 12-25 12-26"},
    {"DE-BE", 2024, "01-01 03-08 03-29 04-01 05-01 05-09 05-20 10-03 12-25 12-26"},
    {"DE-BW", 2024, "01-01 01-06 03-29 04-01 05-01 05-09 05-20 05-30 10-03 11-01 12-25 12-26"},
    {"DE-BY", 2024,
     "01-01 01-06 03-29 04-01 05-01 05-09 05-20 05-30 08-15 10-03 11-01 12-25 12-26"},
    {"DE-HB", 2024, "01-01 03-29 04-01 05-01 05-09 05-20 10-03 10-31 12-25 12-26"},
    {"DE-HE", 2024, "01-01 03-29 04-01 05-01 05-09 05-20 05-30 10-03 12-25 12-26"},
    {"DE-HH", 2024, "01-01 03-29 04-01 05-01 05-09 05-20 10-03 10-31 12-25 12-26"},
    {"DE-MV", 2024, "01-01 03-08 03-29 04-01 05-01 05-09 05-20 10-03 10-31 12-25 12-26"},
    {"DE-NI", 2024, "01-01 03-29 04-01 05-01 05-09 05-20 10-03 10-31 12-25 12-26"},
    {"DE-NW", 2024, "01-01 03-29 04-01 05-01 05-09 05-20 05-30 10-03 11-01 12-25 12-26"},
    {"DE-RP", 2024, "01-01 03-29 04-01 05-01 05-09 05-20 05-30 10-03 11-01 12-25 12-26"},
    {"DE-SH", 2024, "01-01 03-29 04-01 05-01 05-09 05-20 10-03 10-31 12-25 12-26"},
    {"DE-SL", 2024, "01-01 03-29 04-01 05-01 05-09 05-20 05-30 08-15 10-03 11-01 12-25 12-26"},
    {"DE-SN", 2024, "01-01 03-29 04-01 05-01 05-09 05-20 10-03 10-31 11-20 12-25 12-26"},
    {"DE-ST", 2024, "01-01 01-06 03-29 04-01 05-01 05-09 05-20 10-03 10-31 12-25 12-26"},
    {"DE-TH", 2024, "01-01 03-29 04-01 05-01 05-09 05-20 09-20 10-03 10-31 12-25 12-26"},
    {"DK", 2024, "01-01 03-28 03-29 03-31 04-01 05-09 05-19 05-20 12-25 12-26"},
    // 2026.
    {"DE", 2026, "01-01 04-03 04-06 05-01 05-14 05-25 10-03 12-25 12-26"},
    {"DE-BB", 2026, "01-01 04-03 04-05 04-06 05-01 05-14 05-24 05-25 10-03 10-31 12-25 12-26"},
    {"DE-BE", 2026, "01-01 03-08 04-03 04-06 05-01 05-14 05-25 10-03 12-25 12-26"},
    {"DE-BW", 2026, "01-01 01-06 04-03 04-06 05-01 05-14 05-25 06-04 10-03 11-01 12-25 12-26"},
    {"DE-BY", 2026,
     "01-01 01-06 04-03 04-06 05-01 05-14 05-25 06-04 08-15 10-03 11-01 12-25 12-26"},
    {"DE-HB", 2026, "01-01 04-03 04-06 05-01 05-14 05-25 10-03 10-31 12-25 12-26"},
    {"DE-HE", 2026, "01-01 04-03 04-06 05-01 05-14 05-25 06-04 10-03 12-25 12-26"},
    {"DE-HH", 2026, "01-01 04-03 04-06 05-01 05-14 05-25 10-03 10-31 12-25 12-26"},
    {"DE-MV", 2026, "01-01 03-08 04-03 04-06 05-01 05-14 05-25 10-03 10-31 12-25 12-26"},
    {"DE-NI", 2026, "01-01 04-03 04-06 05-01 05-14 05-25 10-03 10-31 12-25 12-26"},
    {"DE-NW", 2026, "01-01 04-03 04-06 05-01 05-14 05-25 06-04 10-03 11-01 12-25 12-26"},
    {"DE-RP", 2026, "01-01 04-03 04-06 05-01 05-14 05-25 06-04 10-03 11-01 12-25 12-26"},
    {"DE-SH", 2026, "01-01 04-03 04-06 05-01 05-14 05-25 10-03 10-31 12-25 12-26"},
    {"DE-SL", 2026, "01-01 04-03 04-06 05-01 05-14 05-25 06-04 08-15 10-03 11-01 12-25 12-26"},
    {"DE-SN", 2026, "01-01 04-03 04-06 05-01 05-14 05-25 10-03 10-31 11-18 12-25 12-26"},
    {"DE-ST", 2026, "01-01 01-06 04-03 04-06 05-01 05-14 05-25 10-03 10-31 12-25 12-26"},
    {"DE-TH", 2026, "01-01 04-03 04-06 05-01 05-14 05-25 09-20 10-03 10-31 12-25 12-26"},
    {"DK", 2026, "01-01 04-02 04-03 04-05 04-06 05-14 05-24 05-25 12-25 12-26"},
    // 2038: late Easter.
    {"DE", 2038, "01-01 04-23 04-26 05-01 06-03 06-14 10-03 12-25 12-26"},
    {"DE-BB", 2038, "01-01 04-23 04-25 04-26 05-01 06-03 06-13 06-14 10-03 10-31 12-25 12-26"},
    {"DE-BE", 2038, "01-01 03-08 04-23 04-26 05-01 06-03 06-14 10-03 12-25 12-26"},
    {"DE-BW", 2038, "01-01 01-06 04-23 04-26 05-01 06-03 06-14 06-24 10-03 11-01 12-25 12-26"},
    {"DE-BY", 2038,
     "01-01 01-06 04-23 04-26 05-01 06-03 06-14 06-24 08-15 10-03 11-01 12-25 12-26"},
    {"DE-HB", 2038, "01-01 04-23 04-26 05-01 06-03 06-14 10-03 10-31 12-25 12-26"},
    {"DE-HE", 2038, "01-01 04-23 04-26 05-01 06-03 06-14 06-24 10-03 12-25 12-26"},
    {"DE-HH", 2038, "01-01 04-23 04-26 05-01 06-03 06-14 10-03 10-31 12-25 12-26"},
    {"DE-MV", 2038, "01-01 03-08 04-23 04-26 05-01 06-03 06-14 10-03 10-31 12-25 12-26"},
    {"DE-NI", 2038, "01-01 04-23 04-26 05-01 06-03 06-14 10-03 10-31 12-25 12-26"},
    {"DE-NW", 2038, "01-01 04-23 04-26 05-01 06-03 06-14 06-24 10-03 11-01 12-25 12-26"},
    {"DE-RP", 2038, "01-01 04-23 04-26 05-01 06-03 06-14 06-24 10-03 11-01 12-25 12-26"},
    {"DE-SH", 2038, "01-01 04-23 04-26 05-01 06-03 06-14 10-03 10-31 12-25 12-26"},
    {"DE-SL", 2038, "01-01 04-23 04-26 05-01 06-03 06-14 06-24 08-15 10-03 11-01 12-25 12-26"},
    {"DE-SN", 2038, "01-01 04-23 04-26 05-01 06-03 06-14 10-03 10-31 11-17 12-25 12-26"},
    {"DE-ST", 2038, "01-01 01-06 04-23 04-26 05-01 06-03 06-14 10-03 10-31 12-25 12-26"},
    {"DE-TH", 2038, "01-01 04-23 04-26 05-01 06-03 06-14 09-20 10-03 10-31 12-25 12-26"},
    {"DK", 2038, "01-01 04-22 04-23 04-25 04-26 06-03 06-13 06-14 12-25 12-26"},
};

TEST_CASE("every preset yields its complete list in 2017, 2024, 2026 and 2038") {
  for (const Expected& e : expected_presets) {
    INFO(e.code, " ", e.year);
    CHECK(preset_listing(e.code, e.year) == in_year(e.year, e.month_days));
  }
  for (std::string_view code : preset_codes()) {
    INFO(code);
    CHECK(std::ranges::count(expected_presets, code, &Expected::code) == 4);
  }
}

TEST_CASE("preset names: DE-BW 2026 and DK 2023") {
  const auto bw = holidays_in(*preset("DE-BW"), 2026);
  std::vector<std::string> bw_names;
  for (const Holiday& h : bw) bw_names.push_back(h.name);
  CHECK(bw_names == std::vector<std::string>{"Neujahr", "Heilige Drei Könige", "Karfreitag",
                                             "Ostermontag", "Tag der Arbeit", "Christi Himmelfahrt",
                                             "Pfingstmontag", "Fronleichnam",
                                             "Tag der Deutschen Einheit", "Allerheiligen",
                                             "1. Weihnachtstag", "2. Weihnachtstag"});
  const auto dk = holidays_in(*preset("DK"), 2023);
  std::vector<std::string> dk_names;
  for (const Holiday& h : dk) dk_names.push_back(fmt::format("{} {}", h.date, h.name));
  CHECK(dk_names == std::vector<std::string>{
                        "2023-01-01 Nytårsdag", "2023-04-06 Skærtorsdag", "2023-04-07 Langfredag",
                        "2023-04-09 Påskedag", "2023-04-10 2. påskedag", "2023-05-05 Store bededag",
                        "2023-05-18 Kristi himmelfartsdag", "2023-05-28 Pinsedag",
                        "2023-05-29 2. pinsedag", "2023-12-25 Juledag", "2023-12-26 2. juledag"});
}

TEST_CASE("DE 2008: Christi Himmelfahrt on 1 May is listed once, as Tag der Arbeit") {
  const auto de = holidays_in(*preset("DE"), 2008);
  CHECK(listing(de) == in_year(2008, "01-01 03-21 03-24 05-01 05-12 10-03 12-25 12-26"));
  REQUIRE(de.size() == 8);
  CHECK(de[3].name == "Tag der Arbeit");
}

TEST_CASE("preset history: the years each change took effect") {
  CHECK(has_date("DK", ymd(2023, 5, 5)));  // Store bededag, last year
  CHECK_FALSE(has_date("DK", ymd(2024, 4, 26)));
  CHECK(has_date("DE-BE", ymd(2019, 3, 8)));  // Frauentag from 2019
  CHECK_FALSE(has_date("DE-BE", ymd(2018, 3, 8)));
  CHECK(has_date("DE-MV", ymd(2023, 3, 8)));  // Frauentag from 2023
  CHECK_FALSE(has_date("DE-MV", ymd(2022, 3, 8)));
  CHECK(has_date("DE-TH", ymd(2019, 9, 20)));  // Weltkindertag from 2019
  CHECK_FALSE(has_date("DE-TH", ymd(2018, 9, 20)));
  CHECK(has_date("DE-BE", ymd(2020, 5, 8)));  // Tag der Befreiung, 75th and 80th anniversary
  CHECK(has_date("DE-BE", ymd(2025, 5, 8)));
  CHECK_FALSE(has_date("DE-BE", ymd(2021, 5, 8)));
  CHECK_FALSE(has_date("DE", ymd(2020, 5, 8)));
  CHECK(has_date("DE-NI", ymd(2018, 10, 31)));  // Reformationstag in the north from 2018
  CHECK_FALSE(has_date("DE-NI", ymd(2016, 10, 31)));
  CHECK_FALSE(has_date("DE", ymd(2018, 10, 31)));
  CHECK(has_date("DE-SN", ymd(1995, 11, 22)));  // Buß- und Bettag, Saxony only since 1995
  CHECK_FALSE(has_date("DE-BY", ymd(1995, 11, 22)));
}

}  // namespace
}  // namespace tierdesk
