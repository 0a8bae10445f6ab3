#include "tierdesk/report/overview.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "report/period.hpp"
#include "tierdesk/sla/sla_policy.hpp"

namespace tierdesk {
namespace {

constexpr std::size_t all_tickets = 1'000'000;

std::string clock_text(const ClockEntry& c, const Zone& zone) {
  if (!c.due) return fmt::format("{} {}", c.clock, to_string(c.state));
  return fmt::format("{} {}, due {}", c.clock, to_string(c.state),
                     report::local_minute(*c.due, zone));
}

// Customer clocks in the order of the SLA metrics (triage, response, update, resolution).
std::size_t clock_rank(const ClockEntry& c) {
  const auto m = c.clock.metric();
  return m ? static_cast<std::size_t>(*m) : metric_count;
}

}  // namespace

Result<CustomerOverview> build_overview(DeskStore& store, const OverviewInput& input) {
  if (input.customer.empty()) return fail(Errc::invalid_argument, "customer: is empty");
  auto tickets = store.tickets(
      {.customer = input.customer, .open_only = input.open_only, .limit = all_tickets});
  if (!tickets) return fail(tickets.error());
  CustomerOverview o{.customer = input.customer, .as_of = input.as_of, .tiers = input.tiers};
  for (auto& t : *tickets) {
    auto clocks = store.clocks(t.ref);
    if (!clocks) return fail(clocks.error());
    std::erase_if(*clocks, [](const ClockEntry& c) { return c.clock.is_ola(); });
    std::stable_sort(clocks->begin(), clocks->end(), [](const ClockEntry& a, const ClockEntry& b) {
      return clock_rank(a) < clock_rank(b);
    });
    if (is_open(t.status)) ++o.open;
    auto sla = summarize_clocks(*clocks, input.as_of);
    o.tickets.push_back({std::move(t), std::move(*clocks), std::move(sla)});
  }
  std::sort(o.tickets.begin(), o.tickets.end(), [](const OverviewLine& a, const OverviewLine& b) {
    return a.ticket.ref < b.ticket.ref;
  });
  return o;
}

std::string render_overview_text(const CustomerOverview& o, const Zone& zone) {
  std::string out =
      fmt::format("Tickets of {} as of {} ({}): {}, {} open\n", o.customer,
                  report::local_minute(o.as_of, zone), zone.name(), o.tickets.size(), o.open);
  for (const auto& line : o.tickets) {
    const auto& t = line.ticket;
    const auto tier = o.tiers.name(t.tier);
    out += fmt::format("{}  {:<16}  {:<8}  {:<9}  {}\n", t.ref.str(), to_string(t.status),
                       t.priority.empty() ? "-" : t.priority, tier ? *tier : std::string_view("?"),
                       t.subject);
    out += fmt::format("    SLA {}", to_string(line.sla.state));
    for (const auto& c : line.clocks) out += "; " + clock_text(c, zone);
    out += "\n";
  }
  return out;
}

std::string to_json(const CustomerOverview& o) {
  boost::json::array tickets;
  for (const auto& line : o.tickets) {
    const auto& t = line.ticket;
    boost::json::array clocks;
    for (const auto& c : line.clocks)
      clocks.push_back(boost::json::object{
          {"clock", c.clock.str()},
          {"state", to_string(c.state)},
          {"due", c.due ? boost::json::value(format_utc(*c.due)) : boost::json::value(nullptr)}});
    const auto tier = o.tiers.name(t.tier);
    tickets.push_back(boost::json::object{
        {"ref", t.ref.str()},
        {"status", to_string(t.status)},
        {"priority", t.priority},
        {"tier", t.tier},
        {"tier_name", tier ? *tier : std::string_view()},
        {"category", t.category},
        {"subject", t.subject},
        {"created_at", format_utc(t.created_at)},
        {"sla",
         boost::json::object{{"state", to_string(line.sla.state)},
                             {"clock", line.sla.clock ? boost::json::value(line.sla.clock->str())
                                                      : boost::json::value(nullptr)},
                             {"due", line.sla.due ? boost::json::value(format_utc(*line.sla.due))
                                                  : boost::json::value(nullptr)}}},
        {"clocks", std::move(clocks)}});
  }
  return boost::json::serialize(boost::json::object{{"customer", o.customer},
                                                    {"as_of", format_utc(o.as_of)},
                                                    {"open", o.open},
                                                    {"tickets", std::move(tickets)}});
}

}  // namespace tierdesk
