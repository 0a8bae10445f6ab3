#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "report/period.hpp"
#include "tierdesk/report/ticket_report.hpp"

namespace tierdesk {
namespace {

std::string percent_text(const SlaMet& row) {
  const auto p = row.met_percent();
  return p ? format_percent(*p) : std::string("-");
}

std::string duration_text(const std::optional<std::chrono::seconds>& s) {
  return s ? report::hours_text(*s) : std::string("-");
}

void append_counts(std::string& out, std::string_view title, const std::vector<Count>& counts) {
  out += fmt::format("By {}\n", title);
  if (counts.empty()) out += "  -\n";
  for (const auto& c : counts) out += fmt::format("  {:<32}{:>6}\n", c.key, c.tickets);
}

std::string plain_amount(Money m) {
  std::string text = format_amount(m);
  std::erase(text, ',');
  return text;
}

boost::json::array counts_json(const std::vector<Count>& counts) {
  boost::json::array out;
  for (const auto& c : counts)
    out.push_back(boost::json::object{{"key", c.key}, {"tickets", c.tickets}});
  return out;
}

boost::json::object stats_json(const DurationStats& s) {
  const auto minutes = [](const std::optional<std::chrono::seconds>& v) -> boost::json::value {
    if (!v) return nullptr;
    return (v->count() + 59) / 60;
  };
  return {{"tickets", s.tickets},
          {"median_minutes", minutes(s.median)},
          {"p95_minutes", minutes(s.p95)}};
}

}  // namespace

std::string render_ticket_report_text(const TicketReport& r) {
  std::string out = fmt::format("Ticket report for {}, {}\n", r.customer, r.period.label);
  out +=
      fmt::format("as of {}, {} tickets created in the period\n\n", format_utc(r.as_of), r.tickets);
  append_counts(out, "category", r.by_category);
  append_counts(out, "priority", r.by_priority);
  append_counts(out, "status", r.by_status);
  append_counts(out, "tier", r.by_tier);
  append_counts(out, "channel", r.by_channel);
  out += "\nSLA met\n";
  out += fmt::format("  {:<14}{:<12}{:>6}{:>9}{:>10}\n", "priority", "metric", "met", "decided",
                     "met %");
  if (r.sla.empty()) out += "  -\n";
  for (const auto& row : r.sla)
    out += fmt::format("  {:<14}{:<12}{:>6}{:>9}{:>10}\n", row.priority, to_string(row.metric),
                       row.met, row.decided, percent_text(row));
  out += "\nBusiness time until the clock stopped\n";
  out += fmt::format("  {:<14}{:>8}{:>12}{:>12}\n", "metric", "tickets", "median", "p95");
  for (const auto& [name, s] :
       {std::pair<std::string_view, const DurationStats&>{"response", r.response},
        {"resolution", r.resolution}})
    out += fmt::format("  {:<14}{:>8}{:>12}{:>12}\n", name, s.tickets, duration_text(s.median),
                       duration_text(s.p95));
  const auto& b = r.billing;
  out += "\nTime and charges\n";
  out += fmt::format("  {:<24}{:>8} min\n", "included", b.included_minutes);
  out += fmt::format("  {:<24}{:>8} min\n", "from the contingent", b.contingent_minutes);
  out += fmt::format("  {:<24}{:>8} min\n", "billed", b.billed_minutes);
  out += fmt::format("  {:<24}{:>8} min\n", "waiting for a quote", b.quote_minutes);
  out += fmt::format("  {:<24}{:>12} (ex VAT)\n", "charged", fmt::format("{}", b.billed));
  return out;
}

std::string to_json(const TicketReport& r) {
  boost::json::array sla;
  for (const auto& row : r.sla) {
    const auto p = row.met_percent();
    sla.push_back(boost::json::object{
        {"priority", row.priority},
        {"metric", to_string(row.metric)},
        {"met", row.met},
        {"decided", row.decided},
        {"met_percent", p ? boost::json::value(format_percent(*p)) : boost::json::value(nullptr)}});
  }
  boost::json::array weeks;
  for (const auto& w : r.weeks)
    weeks.push_back(boost::json::object{{"monday", fmt::format("{}", w.monday)},
                                        {"tickets", w.tickets},
                                        {"sla_met", w.sla_met},
                                        {"sla_decided", w.sla_decided}});
  const auto& b = r.billing;
  const boost::json::object out{
      {"customer", r.customer},
      {"period", r.period.label},
      {"as_of", format_utc(r.as_of)},
      {"tickets", r.tickets},
      {"by_category", counts_json(r.by_category)},
      {"by_priority", counts_json(r.by_priority)},
      {"by_status", counts_json(r.by_status)},
      {"by_tier", counts_json(r.by_tier)},
      {"by_channel", counts_json(r.by_channel)},
      {"sla", std::move(sla)},
      {"response", stats_json(r.response)},
      {"resolution", stats_json(r.resolution)},
      {"billing", boost::json::object{{"included_minutes", b.included_minutes},
                                      {"contingent_minutes", b.contingent_minutes},
                                      {"billed_minutes", b.billed_minutes},
                                      {"quote_minutes", b.quote_minutes},
                                      {"billed", plain_amount(b.billed)},
                                      {"currency", b.billed.currency().code()}}},
      {"weeks", std::move(weeks)}};
  return boost::json::serialize(out);
}

}  // namespace tierdesk
