#include "calendar_eval.hpp"

#include <string>

#include <fmt/format.h>

#include "json_fields.hpp"
#include "tierdesk/calendar/calendar_json.hpp"
#include "tierdesk/base/limits.hpp"

namespace tierdesk::host {
namespace {

boost::json::array hours_json(const LocalHours& hours) {
  boost::json::array out;
  for (const auto& h : hours) out.push_back({fmt::format("{}", h.begin), fmt::format("{}", h.end)});
  return out;
}

}  // namespace

boost::json::object holidays_json(const std::vector<Holiday>& holidays) {
  boost::json::array dates, detail;
  for (const auto& h : holidays) {
    dates.push_back(boost::json::value(fmt::format("{}", h.date)));
    boost::json::object d{{"date", fmt::format("{}", h.date)}, {"name", h.name}};
    if (!h.hours.empty()) d["open_hours"] = hours_json(h.hours);
    detail.push_back(std::move(d));
  }
  return {{"dates", std::move(dates)}, {"holidays", std::move(detail)}};
}

Evaluation::Evaluation(const Calendar& cal)
    : calendar_(cal.budgeted(limits::eval_index_intervals)), intervals_left_(limits::eval_intervals) {}

bool Evaluation::take_intervals(std::size_t n) {
  if (n > intervals_left_) return false;
  intervals_left_ -= n;
  return true;
}

Result<boost::json::object> evaluate(Evaluation& evaluation, const boost::json::object& req) {
  const Calendar& cal = evaluation.calendar();
  auto op = string_field(req, "op");
  if (!op) return fail(op.error());
  const auto answer = [&](Result<Instant> t) -> Result<boost::json::object> {
    if (!t) return fail(t.error());
    return boost::json::object{{"result", cal.zone().format_iso8601(*t)}};
  };
  if (*op == "add") {
    if (auto ok = only_fields(req, {"op", "start", "minutes", "seconds"}); !ok) return fail(ok.error());
    auto start = instant_field(req, "start");
    if (!start) return fail(start.error());
    const bool by_seconds = req.contains("seconds");
    if (by_seconds && req.contains("minutes"))
      return fail(Errc::invalid_argument, "minutes, seconds: give one of them, not both");
    const char* field = by_seconds ? "seconds" : "minutes";
    auto amount = int_field(req, field);
    if (!amount) return fail(amount.error());
    // Bounded before the conversion to seconds can overflow; the bound is a request's budget.
    const std::int64_t limit = limits::eval_span.count() / (by_seconds ? 1 : 60);
    if (*amount > limit || *amount < -limit)
      return fail(Error::invalid(Errc::out_of_range, field, std::to_string(*amount),
                                 fmt::format("-{0} … {0} (about 50 years)", limit)));
    const auto d = by_seconds ? std::chrono::seconds(*amount) : std::chrono::minutes(*amount);
    return answer(cal.add(*start, d));
  }
  if (*op == "between" || *op == "intervals") {
    if (auto ok = only_fields(req, {"op", "from", "to"}); !ok) return fail(ok.error());
    auto from = instant_field(req, "from");
    if (!from) return fail(from.error());
    auto to = instant_field(req, "to");
    if (!to) return fail(to.error());
    if (*to - *from > limits::eval_span || *from - *to > limits::eval_span)
      return fail(Error::invalid(Errc::out_of_range, "to", format_utc(*to),
                                 fmt::format("at most {} s (about 50 years) from {}",
                                             limits::eval_span.count(), format_utc(*from))));
    if (*op == "between") {
      auto s = cal.between(*from, *to);
      if (!s) return fail(s.error());
      return boost::json::object{{"minutes", s->count() / 60}, {"seconds", s->count()}};
    }
    auto intervals = cal.open_intervals({*from, *to});
    if (!intervals) return fail(intervals.error());
    if (!evaluation.take_intervals(intervals->size()))
      return fail(Error::invalid(Errc::out_of_range, "intervals",
                                 fmt::format("{} in [from, to)", intervals->size()),
                                 fmt::format("at most {} in one evaluation ({} left); ask for a "
                                             "shorter range",
                                             limits::eval_intervals, evaluation.intervals_left())));
    boost::json::array out;
    for (const auto& s : *intervals) {
      out.push_back({cal.zone().format_iso8601(s.begin), cal.zone().format_iso8601(s.end)});
    }
    return boost::json::object{{"intervals", std::move(out)}};
  }
  if (*op == "is_open" || *op == "next_open" || *op == "next_close") {
    if (auto ok = only_fields(req, {"op", "at"}); !ok) return fail(ok.error());
    auto at = instant_field(req, "at");
    if (!at) return fail(at.error());
    if (*op == "is_open") {
      // Through open_intervals, which says when the question is out of range or over budget
      // (is_open would only say "closed").
      auto open = cal.open_intervals({*at, *at + std::chrono::seconds(1)});
      if (!open) return fail(open.error());
      return boost::json::object{{"open", !open->empty()}};
    }
    return answer(*op == "next_open" ? cal.next_open(*at) : cal.next_close(*at));
  }
  if (*op == "holidays") {
    if (auto ok = only_fields(req, {"op", "year"}); !ok) return fail(ok.error());
    auto year = int_field(req, "year");
    if (!year) return fail(year.error());
    if (*year < 1900 || *year > 2399) {
      return fail(Error::invalid(Errc::out_of_range, "year", std::to_string(*year), "1900 … 2399"));
    }
    return holidays_json(cal.holidays(static_cast<int>(*year)));
  }
  return fail(Error::invalid(Errc::invalid_argument, "op", *op,
                             "add, between, is_open, next_open, next_close, intervals or holidays"));
}

}  // namespace tierdesk::host
