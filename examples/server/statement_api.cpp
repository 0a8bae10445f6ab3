// /statements, /reports and /contracts: a customer's monthly statement priced by its contract
// of --contracts (statement_store.hpp), the status mail and ticket reports (status_mail.hpp,
// ticket_report.hpp) as JSON, and the contracts the server knows.
#include <fmt/format.h>

#include "app.hpp"
#include "tierdesk/statement_store.hpp"
#include "tierdesk/status_mail.hpp"
#include "tierdesk/ticket_report.hpp"

namespace tierdesk::server {
namespace {

Result<std::string> required_query(const Context& c, std::string_view key) {
  auto it = c.query.find(key);
  if (it == c.query.end()) return fail(Error(Errc::missing_field, fmt::format("{}: missing", key)));
  return it->second;
}

// The customer of the query. A customer token asking for another customer learns nothing: the
// same 404 as an unknown customer.
Result<std::string> visible_customer(const Context& c) {
  auto customer = required_query(c, "customer");
  if (!customer) return customer;
  if (c.is_customer() && *customer != c.who.customer)
    return fail(Error(Errc::not_found, fmt::format("customer {}: not found", *customer)));
  return customer;
}

Result<std::chrono::year_month> parse_month(const std::string& text) {
  auto date = parse_date(text + "-01");
  if (text.size() != 7 || !date)
    return fail(Error::invalid(Errc::invalid_argument, "month", text, "a month YYYY-MM"));
  return date->year() / date->month();
}

// GET /statements?customer=C&month=YYYY-MM: the `tierdesk statement --json` document.
Reply statement(Context& c) {
  if (auto ok = only_query(c, {"customer", "month"}); !ok) return error_reply(ok.error());
  auto customer = visible_customer(c);
  if (!customer) return error_reply(customer.error());
  auto month_text = required_query(c, "month");
  if (!month_text) return error_reply(month_text.error());
  auto month = parse_month(*month_text);
  if (!month) return error_reply(month.error());
  auto found = find_customer(c.app.config().contracts, *customer);
  if (!found) return error_reply(found.error());
  return json_text_reply(statement_from_store(c.store, *found->contract, *customer, *month));
}

// What both reports read: the customer (a customer token: its own only), the period, the
// customer's contract of --contracts, its stored work and its contingent account from the
// customer's contract start.
struct ReportInputs {
  std::string customer{};
  ReportPeriod period{};
  const Contract* contract = nullptr;
  std::vector<WorkEntry> work{};
  std::optional<ContingentAccount> account{};
};

Result<ReportInputs> report_inputs(const Context& c) {
  ReportInputs in;
  auto customer = visible_customer(c);
  if (!customer) return fail(customer.error());
  in.customer = *customer;
  auto text = required_query(c, "period");
  if (!text) return fail(text.error());
  auto period = parse_report_period(*text);
  if (!period) return fail(period.error().within("period"));
  in.period = *period;
  auto found = find_customer(c.app.config().contracts, in.customer);
  if (!found) return fail(found.error());
  in.contract = found->contract;
  auto work = c.store.work({.customer = in.customer});
  if (!work) return fail(work.error());
  in.work = std::move(*work);
  if (in.contract->billing.contingent)
    in.account = ContingentAccount{found->customer->start, std::chrono::seconds{0}};
  return in;
}

// GET /reports/status-mail?customer=C&period=YYYY-MM: `tierdesk report status-mail --json`.
Reply status_mail(Context& c) {
  if (auto ok = only_query(c, {"customer", "period"}); !ok) return error_reply(ok.error());
  auto in = report_inputs(c);
  if (!in) return error_reply(in.error());
  if (in->period.months != 1)
    return error_reply(
        Error::invalid(Errc::invalid_argument, "period", in->period.label, "a month YYYY-MM"));
  auto report = build_status_report(c.store, in->contract->billing,
                                    {.customer = in->customer,
                                     .month = in->period.first,
                                     .as_of = c.now,
                                     .work = std::move(in->work),
                                     .contingent = in->account});
  return json_text_reply(report);
}

// GET /reports/tickets?customer=C&period=2026-11|2026-Q4|2026: `tierdesk report tickets --json`,
// the SLA figures by the contract's policy.
Reply ticket_report(Context& c) {
  if (auto ok = only_query(c, {"customer", "period"}); !ok) return error_reply(ok.error());
  auto in = report_inputs(c);
  if (!in) return error_reply(in.error());
  if (!in->contract->sla)
    return error_reply(
        Error(Errc::invalid_argument, fmt::format("contract {}: no SLA policy", in->contract->id)));
  auto report = build_ticket_report(c.store, *in->contract->sla, in->contract->billing,
                                    {.customer = in->customer,
                                     .period = in->period,
                                     .as_of = c.now,
                                     .work = std::move(in->work),
                                     .contingent = in->account});
  return json_text_reply(report);
}

// GET /contracts: id, name and prefix of each contract of --contracts.
Reply contracts(Context& c) {
  if (auto ok = only_query(c, {}); !ok) return error_reply(ok.error());
  boost::json::array out;
  for (const auto& k : c.app.config().contracts)
    out.push_back(boost::json::object{{"id", k.id}, {"name", k.name}, {"prefix", k.prefix}});
  Reply r;
  r.body = {{"contracts", std::move(out)}};
  return r;
}

}  // namespace

std::vector<Route> statement_routes() {
  using enum http::verb;
  return {
      {get, "/statements", statement, agents | customers},
      {get, "/reports/status-mail", status_mail, agents | customers},
      {get, "/reports/tickets", ticket_report, agents | customers},
      {get, "/contracts", contracts, agents | admins},
  };
}

}  // namespace tierdesk::server
