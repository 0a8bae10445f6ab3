#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "json/reader.hpp"
#include "tierdesk/statement.hpp"

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

boost::json::object write_contingent(const ContingentMonth& m) {
  boost::json::object out{{"month", fmt::format("{:04}-{:02}", static_cast<int>(m.month.year()),
                                                static_cast<unsigned>(m.month.month()))},
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
      {"subtotal", plain_amount(s.subtotal)},
      {"vat_rate", format_percent(s.vat_rate)},
      {"vat", plain_amount(s.vat)},
      {"total", plain_amount(s.total)}};
  if (s.contingent) out["contingent"] = write_contingent(*s.contingent);
  return json::serialize_pretty(out, 2);
}

}  // namespace tierdesk
