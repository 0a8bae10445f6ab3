#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "base/json/reader.hpp"
#include "tierdesk/billing/statement.hpp"

namespace tierdesk {
namespace {

// "1095.00": the amount without grouping commas, as machines read it.
std::string plain_amount(Money m) {
  std::string text = format_amount(m);
  std::erase(text, ',');
  return text;
}

std::int64_t minutes_of(std::chrono::seconds s) { return (s.count() + 59) / 60; }

boost::json::object write_line(const StatementLine& line) {
  boost::json::array tickets;
  for (const auto& t : line.tickets) tickets.emplace_back(t);
  return {{"kind", to_string(line.kind)},
          {"text", line.text},
          {"quantity", line.quantity},
          {"unit", to_string(line.unit)},
          {"unit_price", plain_amount(line.unit_price)},
          {"amount", plain_amount(line.amount)},
          {"tickets", std::move(tickets)}};
}

std::string month_text(std::chrono::year_month ym) {
  return fmt::format("{:04}-{:02}", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
}

// [{"from": "2026-10", "minutes": 180, "usable_until": "2026-12"}].
boost::json::array write_lots(const std::vector<CarriedLot>& lots, int carry_months) {
  boost::json::array out;
  for (const auto& lot : lots) {
    boost::json::object o{{"from", month_text(lot.from)}, {"minutes", minutes_of(lot.time)}};
    if (const auto last = usable_until(lot, carry_months)) o["usable_until"] = month_text(*last);
    out.emplace_back(std::move(o));
  }
  return out;
}

boost::json::object write_contingent(const ContingentMonth& m) {
  boost::json::object out{{"month", month_text(m.month)},
                          {"carried_in_minutes", minutes_of(m.carried_in)},
                          {"allowance_minutes", minutes_of(m.allowance)},
                          {"used_minutes", minutes_of(m.used)},
                          {"remaining_minutes", minutes_of(m.remaining)},
                          {"overage_minutes", minutes_of(m.overage)},
                          {"overage_charge", plain_amount(m.overage_charge)},
                          {"carry_out_minutes", minutes_of(m.carry_out)}};
  if (m.exhausted)
    out["exhausted"] =
        boost::json::object{{"at", format_utc(m.exhausted->at)}, {"ticket", m.exhausted->ticket}};
  if (m.carry_months > 0) {
    out["carry_months"] = m.carry_months;
    out["carried_in_lots"] = write_lots(m.carried_lots, m.carry_months);
    out["expired_minutes"] = minutes_of(m.expired);
    out["carry_out_lots"] = write_lots(m.carry_out_lots, m.carry_months);
  }
  return out;
}

}  // namespace

std::string to_json(const Statement& s) {
  boost::json::array lines;
  for (const auto& line : s.lines) lines.emplace_back(write_line(line));
  boost::json::object out{
      {"customer", s.customer},
      {"period", boost::json::object{{"first", fmt::format("{}", s.period.first)},
                                     {"last", fmt::format("{}", s.period.last)}}},
      {"currency", s.total.currency().code()},
      {"lines", std::move(lines)},
      {"worked_minutes", minutes_of(s.worked)},
      {"subtotal", plain_amount(s.subtotal)},
      {"vat_rate", format_percent(s.vat_rate)},
      {"vat", plain_amount(s.vat)},
      {"total", plain_amount(s.total)}};
  if (s.contingent) out["contingent"] = write_contingent(*s.contingent);
  return json::serialize_pretty(out, 2);
}

}  // namespace tierdesk
