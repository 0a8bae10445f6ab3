#include <algorithm>

#include <fmt/format.h>

#include "tierdesk/report/ticket_report.hpp"

namespace tierdesk {
namespace {

constexpr int step = 32;  // horizontal space per week
constexpr int left = 48;
constexpr int right = 56;
constexpr int top = 44;
constexpr int plot_height = 200;
constexpr int bottom = 48;

std::string xml_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

// The y coordinate of `value` out of `full` on the plot (0 at the bottom).
int y_of(std::size_t value, std::size_t full) {
  return top + plot_height - static_cast<int>(value * plot_height / std::max<std::size_t>(full, 1));
}

std::string week_label(const Date& d) {
  return fmt::format("{:02}-{:02}", static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

}  // namespace

std::string render_ticket_chart_svg(const TicketReport& r) {
  const int weeks = static_cast<int>(r.weeks.size());
  const int width = left + weeks * step + right;
  const int height = top + plot_height + bottom;
  const int base = top + plot_height;
  std::size_t most = 1;
  for (const auto& w : r.weeks) most = std::max(most, w.tickets);
  const auto title =
      xml_escape(fmt::format("Tickets per week and SLA met %: {}, {}", r.customer, r.period.label));

  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" font-size=\"10\">\n",
      width, height);
  out += fmt::format("<title>{}</title>\n", title);
  out += fmt::format("<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n", width,
                     height);
  out += fmt::format("<text x=\"{}\" y=\"20\" font-size=\"13\">{}</text>\n", left, title);
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#333333\"/>\n",
                     left, base, width - right);
  out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", left - 6, top + 4,
                     most);
  out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>\n", left - 6, base + 4);
  out += fmt::format("<text x=\"{}\" y=\"{}\">100 %</text>\n", width - right + 6, top + 4);
  out += fmt::format("<text x=\"{}\" y=\"{}\">0 %</text>\n", width - right + 6, base + 4);
  out += fmt::format(
      "<text x=\"{}\" y=\"{}\">tickets created per week (bars), SLA met % (line)</text>\n", left,
      height - 8);

  out += "<g class=\"bars\" fill=\"#4e79a7\">\n";
  for (int i = 0; i < weeks; ++i) {
    const auto& w = r.weeks[static_cast<std::size_t>(i)];
    const int y = y_of(w.tickets, most);
    out += fmt::format(
        "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>week of {}: {} "
        "tickets</title></rect>\n",
        left + i * step + 4, y, step - 8, base - y, w.monday, w.tickets);
  }
  out += "</g>\n<g class=\"weeks\" text-anchor=\"middle\">\n";
  for (int i = 0; i < weeks; ++i)
    out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", left + i * step + step / 2, base + 14,
                       week_label(r.weeks[static_cast<std::size_t>(i)].monday));
  out += "</g>\n";

  std::string points;
  std::string dots;
  for (int i = 0; i < weeks; ++i) {
    const auto& w = r.weeks[static_cast<std::size_t>(i)];
    if (w.sla_decided == 0) continue;
    const int x = left + i * step + step / 2;
    const int y = y_of(w.sla_met * 100 / w.sla_decided, 100);
    points += fmt::format("{}{},{}", points.empty() ? "" : " ", x, y);
    dots += fmt::format(
        "<circle class=\"sla\" cx=\"{}\" cy=\"{}\" r=\"3\"><title>week of {}: {} of {} SLA clocks "
        "met</title></circle>\n",
        x, y, w.monday, w.sla_met, w.sla_decided);
  }
  if (!points.empty())
    out += fmt::format(
        "<polyline class=\"sla\" points=\"{}\" fill=\"none\" stroke=\"#e15759\" "
        "stroke-width=\"2\"/>\n",
        points);
  out += "<g fill=\"#e15759\">\n" + dots + "</g>\n</svg>\n";
  return out;
}

}  // namespace tierdesk
