// /statements, /reports and /contracts: a customer's month — statement, status mail report,
// ticket report — from the desk (the same records, default category, contingent and fees
// everywhere), and the contracts the server runs on.
#include <fmt/format.h>

#include "app.hpp"
#include "json_fields.hpp"

namespace tierdesk::server {
namespace {

Result<std::string> required_query(const Context& c, std::string_view key) {
  const auto* v = c.query_value(key);
  if (v == nullptr) return fail(Error(Errc::missing_field, fmt::format("{}: missing", key)));
  return *v;
}

// ?customer=, a customer token's own customer when absent. Another customer's is the desk's
// to refuse (not found, as an unknown one).
Result<std::string> customer_of(const Context& c) {
  if (const auto* v = c.query_value("customer")) return *v;
  if (c.is_customer()) return c.desk.scope().customer;
  return fail(Error(Errc::missing_field, "customer: missing, e.g. ?customer=nordlys"));
}

// GET /statements?customer=C&month=YYYY-MM: the `tierdesk statement --json` document.
Reply statement(Context& c) {
  if (auto ok = only_query(c, {"customer", "month"}); !ok) return error_reply(ok.error());
  TRY_FIELD(customer, customer_of(c));
  TRY_FIELD(month_text, required_query(c, "month"));
  TRY_FIELD(month, host::month_field("month", *month_text));
  return json_text_reply(c.desk.statement(*customer, *month));
}

// ?customer=C&period=…: the customer and the report period.
Result<std::pair<std::string, ReportPeriod>> report_query(const Context& c) {
  if (auto ok = only_query(c, {"customer", "period"}); !ok) return fail(ok.error());
  auto customer = customer_of(c);
  if (!customer) return fail(customer.error());
  auto text = required_query(c, "period");
  if (!text) return fail(text.error());
  auto period = parse_report_period(*text);
  if (!period) return fail(period.error().within("period"));
  return std::pair{std::move(*customer), std::move(*period)};
}

// GET /reports/status-mail?customer=C&period=YYYY-MM: `tierdesk report status-mail --json`.
Reply status_mail(Context& c) {
  TRY_FIELD(q, report_query(c));
  if (q->second.months != 1)
    return error_reply(
        Error::invalid(Errc::invalid_argument, "period", q->second.label, "a month YYYY-MM"));
  return json_text_reply(c.desk.status_report(q->first, q->second.first, c.now));
}

// GET /reports/tickets?customer=C&period=2026-11|2026-Q4|2026: `tierdesk report tickets --json`.
Reply ticket_report(Context& c) {
  TRY_FIELD(q, report_query(c));
  return json_text_reply(c.desk.ticket_report(q->first, q->second, c.now));
}

// GET /contracts: id, name and prefix of each contract of --contracts.
Reply contracts(Context& c) {
  if (auto ok = only_query(c, {}); !ok) return error_reply(ok.error());
  boost::json::array out;
  for (const auto& k : c.desk.book().contracts())
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
