// /statements and /contracts: a customer's monthly statement priced by its contract of
// --contracts (statement_store.hpp), and the contracts the server knows.
#include <fmt/format.h>

#include "app.hpp"
#include "tierdesk/statement_store.hpp"

namespace tierdesk::server {
namespace {

Result<std::string> required_query(const Context& c, std::string_view key) {
  auto it = c.query.find(key);
  if (it == c.query.end()) return fail(Error(Errc::missing_field, fmt::format("{}: missing", key)));
  return it->second;
}

Result<std::chrono::year_month> parse_month(const std::string& text) {
  auto date = parse_date(text + "-01");
  if (text.size() != 7 || !date) return fail(Error::invalid(Errc::invalid_argument, "month", text, "a month YYYY-MM"));
  return date->year() / date->month();
}

// GET /statements?customer=C&month=YYYY-MM: the `tierdesk statement --json` document. A customer
// token asking for another customer learns nothing: the same 404 as an unknown customer.
Reply statement(Context& c) {
  if (auto ok = only_query(c, {"customer", "month"}); !ok) return error_reply(ok.error());
  auto customer = required_query(c, "customer");
  if (!customer) return error_reply(customer.error());
  auto month_text = required_query(c, "month");
  if (!month_text) return error_reply(month_text.error());
  auto month = parse_month(*month_text);
  if (!month) return error_reply(month.error());
  if (c.is_customer() && *customer != c.who.customer)
    return error_reply(Error(Errc::not_found, fmt::format("customer {}: not found", *customer)));
  auto found = find_customer(c.app.config().contracts, *customer);
  if (!found) return error_reply(found.error());
  auto s = statement_from_store(c.store, *found->contract, *customer, *month);
  if (!s) return error_reply(s.error());
  Reply r;
  r.text = to_json(*s);
  return r;
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
      {get, "/contracts", contracts, agents | admins},
  };
}

}  // namespace tierdesk::server
