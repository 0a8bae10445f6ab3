// Holiday rules in calendar JSON: one object per rule, whose kind is the one key it carries.
//
//   {"name": "Heiligabend", "fixed": "12-24", "hours": [["08:00","12:00"]]}   FixedDate + hours
//   {"name": "Ostermontag", "easter": 1}                                     EasterOffset
//   {"name": "Memorial", "nth_weekday": {"month": 5, "weekday": "mon", "n": -1}}
//   {"name": "Buß- und Bettag", "weekday_before": {"date": "11-23", "weekday": "wed"}}
//   {"name": "Jubiläum", "date": "2027-06-11"}                               OneOff
//   {"name": "Betriebsferien", "range": ["2026-12-28", "2026-12-31"]}         DateRange
//   optional on each: "from_year", "until_year" (inclusive)
#include <cstdint>
#include <limits>
#include <type_traits>
#include <variant>

#include <fmt/format.h>

#include "calendar/json_nodes.hpp"
#include "base/json/civil.hpp"

namespace tierdesk::json {
namespace {

// The years holiday rules are evaluated for (holidays.hpp); finer domain checks, such as the
// range of Easter offsets, are validate(HolidayRule)'s.
constexpr std::int64_t first_year = 1583;
constexpr std::int64_t last_year = 9999;
constexpr std::int64_t int_min = std::numeric_limits<int>::min();
constexpr std::int64_t int_max = std::numeric_limits<int>::max();

Result<HolidayWhen> read_fixed(const Node& node) {
  auto md = read_month_day(node);
  if (!md) return fail(md.error());
  return FixedDate{static_cast<unsigned>(md->month()), static_cast<unsigned>(md->day())};
}

Result<HolidayWhen> read_easter(const Node& node) {
  auto days = node.integer(int_min, int_max);
  if (!days) return fail(days.error());
  return EasterOffset{static_cast<int>(*days)};
}

Result<HolidayWhen> read_nth_weekday(const Node& node) {
  auto fields = node.object({"month", "weekday", "n"});
  if (!fields) return fail(fields.error());
  auto month = fields->required("month", [](const Node& m) { return m.integer(1, 12); });
  if (!month) return fail(month.error());
  auto weekday = fields->required("weekday", read_weekday);
  if (!weekday) return fail(weekday.error());
  auto n_node = fields->required("n");
  if (!n_node) return fail(n_node.error());
  auto n = n_node->integer();
  if (!n) return fail(n.error());
  if (*n != -1 && (*n < 1 || *n > 5)) {
    return fail(n_node->invalid(Errc::invalid_argument, "1 … 5, or -1 for the last"));
  }
  return NthWeekday{static_cast<unsigned>(*month), *weekday, static_cast<int>(*n)};
}

Result<HolidayWhen> read_weekday_before(const Node& node) {
  auto fields = node.object({"date", "weekday"});
  if (!fields) return fail(fields.error());
  auto md = fields->required("date", read_month_day);
  if (!md) return fail(md.error());
  auto weekday = fields->required("weekday", read_weekday);
  if (!weekday) return fail(weekday.error());
  return WeekdayBefore{static_cast<unsigned>(md->month()), static_cast<unsigned>(md->day()),
                       *weekday};
}

Result<HolidayWhen> read_one_off(const Node& node) {
  auto date = read_date(node);
  if (!date) return fail(date.error());
  return OneOff{*date};
}

Result<HolidayWhen> read_range(const Node& node) {
  auto ends = node.array();
  if (!ends) return fail(ends.error());
  if (ends->size() != 2) {
    return fail(node.invalid(Errc::invalid_argument, "[\"YYYY-MM-DD\", \"YYYY-MM-DD\"]"));
  }
  auto first = read_date((*ends)[0]);
  if (!first) return fail(first.error());
  auto last = read_date((*ends)[1]);
  if (!last) return fail(last.error());
  if (*last < *first) {
    return fail(node.invalid(Errc::invalid_interval, "a first date on or before the last"));
  }
  return DateRange{*first, *last};
}

Result<HolidayWhen> read_when(const ObjectReader& fields) {
  auto kind = fields.one_of({"fixed", "easter", "nth_weekday", "weekday_before", "date", "range"});
  if (!kind) return fail(kind.error());
  const Node node = *fields.optional(*kind);
  if (*kind == "fixed") return read_fixed(node);
  if (*kind == "easter") return read_easter(node);
  if (*kind == "nth_weekday") return read_nth_weekday(node);
  if (*kind == "weekday_before") return read_weekday_before(node);
  if (*kind == "date") return read_one_off(node);
  return read_range(node);
}

Result<std::optional<int>> read_year(const ObjectReader& fields, std::string_view key) {
  auto node = fields.optional(key);
  if (!node) return std::optional<int>();
  auto year = node->integer(first_year, last_year);
  if (!year) return fail(year.error());
  return std::optional<int>(static_cast<int>(*year));
}

}  // namespace

Result<HolidayRule> read_holiday_rule(const Node& node) {
  auto fields = node.object({"name", "fixed", "easter", "nth_weekday", "weekday_before", "date",
                             "range", "hours", "from_year", "until_year"});
  if (!fields) return fail(fields.error());
  HolidayRule rule;
  auto name = fields->required("name");
  if (!name) return fail(name.error());
  auto name_text = name->string();
  if (!name_text) return fail(name_text.error());
  if (name_text->empty()) return fail(name->invalid(Errc::invalid_argument, "a non-empty name"));
  rule.name = *name_text;
  auto when = read_when(*fields);
  if (!when) return fail(when.error());
  rule.when = *std::move(when);
  if (auto hours_node = fields->optional("hours")) {
    auto hours = read_hours(*hours_node);
    if (!hours) return fail(hours.error());
    rule.hours = *std::move(hours);
  }
  auto from = read_year(*fields, "from_year");
  if (!from) return fail(from.error());
  auto until = read_year(*fields, "until_year");
  if (!until) return fail(until.error());
  rule.valid_from = *from;
  rule.valid_until = *until;
  if (rule.valid_from && rule.valid_until && *rule.valid_until < *rule.valid_from) {
    return fail(fields->optional("until_year")
                    ->invalid(Errc::invalid_argument,
                              fmt::format("a year not before from_year {}", *rule.valid_from)));
  }
  if (auto valid = validate(rule); !valid) return fail(node.path().within(valid.error()));
  return rule;
}

boost::json::object write_holiday_rule(const HolidayRule& rule) {
  boost::json::object out;
  out["name"] = rule.name;
  std::visit(
      [&](const auto& when) {
        using T = std::decay_t<decltype(when)>;
        if constexpr (std::is_same_v<T, FixedDate>) {
          out["fixed"] = month_day_text(when.month, when.day);
        } else if constexpr (std::is_same_v<T, EasterOffset>) {
          out["easter"] = when.days;
        } else if constexpr (std::is_same_v<T, NthWeekday>) {
          out["nth_weekday"] = {{"month", static_cast<std::int64_t>(when.month)},
                                {"weekday", weekday_text(when.weekday)},
                                {"n", when.n}};
        } else if constexpr (std::is_same_v<T, WeekdayBefore>) {
          out["weekday_before"] = {{"date", month_day_text(when.month, when.day)},
                                   {"weekday", weekday_text(when.weekday)}};
        } else if constexpr (std::is_same_v<T, OneOff>) {
          out["date"] = to_value(when.date);
        } else {
          out["range"] = boost::json::array{to_value(when.first), to_value(when.last)};
        }
      },
      rule.when);
  if (!rule.hours.empty()) out["hours"] = to_value(rule.hours);
  if (rule.valid_from) out["from_year"] = *rule.valid_from;
  if (rule.valid_until) out["until_year"] = *rule.valid_until;
  return out;
}

}  // namespace tierdesk::json
