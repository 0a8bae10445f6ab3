#include <fmt/format.h>

#include "tierdesk/billing/statement.hpp"

namespace tierdesk {
namespace {

std::string quantity_text(const StatementLine& line) {
  switch (line.unit) {
    case LineUnit::minute:
      return fmt::format("{} min × {} {}/h", line.quantity, format_amount(line.unit_price),
                         line.unit_price.currency().code());
    case LineUnit::piece:
    case LineUnit::day:
    case LineUnit::session:
    case LineUnit::term:
      return fmt::format("{} {} × {}", line.quantity, to_string(line.unit), line.unit_price);
  }
  return "";
}

}  // namespace

std::string_view to_string(LineKind kind) {
  switch (kind) {
    case LineKind::time: return "time";
    case LineKind::included: return "included";
    case LineKind::needs_quote: return "needs_quote";
    case LineKind::fixed_price: return "fixed_price";
    case LineKind::on_site_day: return "on_site_day";
    case LineKind::fee: return "fee";
    case LineKind::emergency: return "emergency";
    case LineKind::contingent: return "contingent";
    case LineKind::overage: return "overage";
    case LineKind::catalogue: return "catalogue";
    case LineKind::subscription: return "subscription";
    case LineKind::reversed: return "reversed";
  }
  return "unknown";
}

std::string_view to_string(LineUnit unit) {
  switch (unit) {
    case LineUnit::minute: return "min";
    case LineUnit::piece: return "pc";
    case LineUnit::day: return "day";
    case LineUnit::session: return "session";
    case LineUnit::term: return "term";
  }
  return "unknown";
}

std::string render_text(const Statement& s) {
  std::string out =
      fmt::format("Statement for {}, {} … {}\n", s.customer, s.period.first, s.period.last);
  for (const auto& line : s.lines) {
    out += fmt::format("{:<60} {:>32} {:>18}\n", line.text, quantity_text(line), line.amount);
  }
  out += fmt::format("{:<93} {:>18}\n", "Subtotal", s.subtotal);
  out += fmt::format("{:<93} {:>18}\n", fmt::format("VAT {}", format_percent(s.vat_rate)), s.vat);
  out += fmt::format("{:<93} {:>18}\n", "Total", s.total);
  return out;
}

}  // namespace tierdesk
