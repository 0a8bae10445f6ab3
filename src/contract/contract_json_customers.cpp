// The customers of the contract JSON ("customers": [...]): contact, team, start, carried-in
// hours, catalogue orders, the agreed contingent schedule, cancellation.
#include <fmt/format.h>

#include "contract/contract_json.hpp"
#include "base/json/civil.hpp"

namespace tierdesk::json {
namespace {

// "2026-10".
Result<std::chrono::year_month> read_month(const Node& node) {
  auto text = node.string();
  if (!text) return fail(text.error());
  auto date = parse_date(std::string(*text) + "-01");
  if (text->size() != 7 || !date)
    return fail(node.invalid(Errc::invalid_argument, "a month YYYY-MM such as \"2026-11\""));
  return date->year() / date->month();
}

std::string month_text(std::chrono::year_month ym) {
  return fmt::format("{:04}-{:02}", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
}

// [{"from": "2026-09", "monthly_minutes": 1200}, …]: the customer's agreed contingent sizes,
// months strictly increasing.
Result<std::vector<ContingentStep>> read_contingent_schedule(const Node& node) {
  auto list = node.array();
  if (!list) return fail(list.error());
  std::vector<ContingentStep> out;
  for (const auto& item : *list) {
    auto obj = item.object({"from", "monthly_minutes"});
    if (!obj) return fail(obj.error());
    auto from_node = obj->required("from");
    if (!from_node) return fail(from_node.error());
    auto from = read_month(*from_node);
    if (!from) return fail(from.error());
    if (!out.empty() && *from <= out.back().from)
      return fail(from_node->invalid(Errc::invalid_argument,
                                     fmt::format("a month after {}", month_text(out.back().from))));
    auto minutes = obj->required("monthly_minutes", read_minutes);
    if (!minutes) return fail(minutes.error());
    out.push_back({*from, *minutes});
  }
  return out;
}

Result<CatalogueOrder> read_order(const Node& node) {
  auto obj = node.object({"item", "date", "quantity", "participants", "ticket"});
  if (!obj) return fail(obj.error());
  CatalogueOrder o;
  auto item = obj->required_string("item");
  if (!item) return fail(item.error());
  o.item = *item;
  auto date = obj->required("date", read_date);
  if (!date) return fail(date.error());
  o.date = *date;
  if (auto q = obj->optional("quantity")) {
    auto n = q->integer(1, 1'000'000);
    if (!n) return fail(n.error());
    o.quantity = static_cast<int>(*n);
  }
  if (auto p = obj->optional("participants")) {
    auto n = p->integer(1, 1'000'000);
    if (!n) return fail(n.error());
    o.participants = static_cast<int>(*n);
  }
  auto ticket = obj->optional_string("ticket");
  if (!ticket) return fail(ticket.error());
  o.ticket = std::string(ticket->value_or(""));
  return o;
}

}  // namespace

Result<ContractCustomer> read_customer(const Node& node) {
  auto obj =
      node.object({"id", "name", "email", "contact", "team", "lead", "start", "carried_in_minutes",
                   "carried_in_month", "contingent", "orders", "cancelled_on"});
  if (!obj) return fail(obj.error());
  ContractCustomer c;
  auto id = obj->required_string("id");
  if (!id) return fail(id.error());
  if (id->empty()) return fail(obj->required("id")->invalid(Errc::invalid_argument, "a non-empty id"));
  c.id = *id;
  for (auto [key, field] : {std::pair{"name", &c.name}, std::pair{"email", &c.email},
                            std::pair{"contact", &c.contact}, std::pair{"team", &c.team},
                            std::pair{"lead", &c.lead}}) {
    auto v = obj->optional_string(key);
    if (!v) return fail(v.error());
    *field = std::string(v->value_or(""));
  }
  auto start = obj->required("start", read_date);
  if (!start) return fail(start.error());
  c.start = *start;
  auto carried = obj->optional("carried_in_minutes", read_minutes);
  if (!carried) return fail(carried.error());
  c.carried_in = carried->value_or(std::chrono::minutes{0});
  auto month = obj->optional("carried_in_month", read_month);
  if (!month) return fail(month.error());
  c.carried_in_month = *month;
  auto schedule = obj->optional("contingent", read_contingent_schedule);
  if (!schedule) return fail(schedule.error());
  c.contingent_schedule = std::move(*schedule).value_or(std::vector<ContingentStep>{});
  if (auto orders = obj->optional("orders")) {
    auto list = orders->array();
    if (!list) return fail(list.error());
    for (const auto& o : *list) {
      auto order = read_order(o);
      if (!order) return fail(order.error());
      c.orders.push_back(*std::move(order));
    }
  }
  auto cancelled = obj->optional("cancelled_on", read_date);
  if (!cancelled) return fail(cancelled.error());
  c.cancelled_on = *cancelled;
  return c;
}

// A customer's contingent schedule needs the contract's contingent and starts no earlier than
// the customer.
Result<void> check_contingent_schedule(const Contract& c, const ContractCustomer& customer,
                                       const Path& at) {
  const auto& schedule = customer.contingent_schedule;
  if (schedule.empty()) return {};
  if (!c.billing.contingent)
    return fail(at.error(Errc::invalid_argument,
                         "a contingent schedule needs the contract's \"billing.contingent\""));
  const auto start = customer.start.year() / customer.start.month();
  if (schedule.front().from < start)
    return fail(at.index(0).field("from").error(
        Errc::invalid_argument,
        fmt::format("got \"{}\", expected a month from the customer's start {} on",
                    month_text(schedule.front().from), customer.start)));
  return {};
}

}  // namespace tierdesk::json
