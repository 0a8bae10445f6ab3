#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "report/period.hpp"
#include "tierdesk/report/status_mail.hpp"

namespace tierdesk {
namespace {

std::int64_t minutes_of(std::chrono::seconds s) { return (s.count() + 59) / 60; }

boost::json::object sla_json(const SlaSummary& sla) {
  boost::json::object o{{"state", to_string(sla.state)}, {"clock", sla.clock ? boost::json::value(sla.clock->str()) : boost::json::value(nullptr)}};
  o["due"] = sla.due ? boost::json::value(format_utc(*sla.due)) : boost::json::value(nullptr);
  return o;
}

boost::json::value contingent_json(const std::optional<ContingentMonth>& c) {
  if (!c) return nullptr;
  std::string charge = format_amount(c->overage_charge);
  std::erase(charge, ',');
  boost::json::object o{{"allowance_minutes", minutes_of(c->allowance)},
                        {"carried_in_minutes", minutes_of(c->carried_in)},
                        {"used_minutes", minutes_of(c->used)},
                        {"remaining_minutes", minutes_of(c->remaining)},
                        {"overage_minutes", minutes_of(c->overage)},
                        {"overage_charge", charge},
                        {"currency", c->overage_charge.currency().code()},
                        {"exhausted", c->exhausted.has_value()}};
  if (c->exhausted) {
    o["exhausted_at"] = format_utc(c->exhausted->at);
    o["exhausted_by"] = c->exhausted->ticket;
  }
  if (c->carry_months > 0) {
    o["expiring_minutes"] = minutes_of(c->expired);
    o["carry_out_minutes"] = minutes_of(c->carry_out);
    boost::json::array lots;
    for (const auto& lot : c->carry_out_lots)
      lots.push_back(boost::json::object{
          {"from", report::month_text(lot.from)},
          {"minutes", minutes_of(lot.time)},
          {"usable_until", report::month_text(*usable_until(lot, c->carry_months))}});
    o["carry_out_lots"] = std::move(lots);
  }
  return o;
}

}  // namespace

std::string to_json(const StatusReport& r) {
  boost::json::array open;
  for (const auto& o : r.open) {
    const auto tier = r.tiers.name(o.tier);
    open.push_back(boost::json::object{{"ref", o.ref.str()},
                                       {"subject", o.subject},
                                       {"status", to_string(o.status)},
                                       {"tier", o.tier},
                                       {"tier_name", tier ? *tier : std::string_view()},
                                       {"priority", o.priority},
                                       {"sla", sla_json(o.sla)}});
  }
  boost::json::array topics;
  for (const auto& t : r.topics)
    topics.push_back(boost::json::object{{"category", t.category}, {"tickets", t.tickets}});
  const boost::json::object out{{"customer", r.customer},
                                 {"customer_name", r.customer_name.empty() ? r.customer
                                                                           : r.customer_name},
                                {"month", report::month_text(r.month)},
                                {"as_of", format_utc(r.as_of)},
                                {"open_requests", std::move(open)},
                                {"top_topics", std::move(topics)},
                                {"worked_minutes", minutes_of(r.worked)},
                                {"contingent", contingent_json(r.contingent)},
                                {"contingent_exhausted", r.contingent_exhausted()}};
  return boost::json::serialize(out);
}

}  // namespace tierdesk
