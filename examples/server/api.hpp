// What a route handler sees and returns. Handlers are plain functions: they read the request
// through the Context (path parameters, query, JSON body, the caller's token, "now"), call one
// function of the request's ServiceDesk, and map its answer or its Error to a Reply. No rule
// lives here: the desk knows the contracts and the token's scope.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "tierdesk/access/access.hpp"
#include "tierdesk/base/error.hpp"
#include "tierdesk/service/service_desk.hpp"
#include "tierdesk/store/store.hpp"

namespace tierdesk::server {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

class App;

struct Reply {
  http::status status = http::status::ok;
  boost::json::value body{};  // serialized as JSON unless `text` is set
  std::optional<std::string> text{};
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers{};
  bool event_stream = false;      // GET /events: the connection becomes a Server-Sent-Events stream
  std::string stream_customer{};  // … carrying only this customer's notices (empty: all)
};

// {"error":{"code":…,"message":…}} with `status`. Codes are stable: the library's Errc names,
// plus the transport's own: unauthorized, unknown_route, method_not_allowed,
// payload_too_large, bad_request, internal.
Reply error_reply(http::status status, std::string_view code, std::string_view message);

// The library error with the status its code stands for (not_found 404, conflict 409, …).
Reply error_reply(const Error& error);
http::status status_for(Errc code) noexcept;

// `auto var = expr;` for a Result, returning its error reply from the handler when it failed.
#define TRY_FIELD(var, expr) \
  auto var = (expr);         \
  if (!var) return error_reply(var.error())

// 200 with `value` as the library writes it (`to_json` of a statement, report or overview),
// or the error reply.
template <class T>
Reply json_text_reply(const Result<T>& value) {
  if (!value) return error_reply(value.error());
  Reply r;
  r.text = to_json(*value);
  return r;
}

// Who may call a route.
enum Access : unsigned {
  anyone = 0,  // no token needed
  agents = 1u << 0,
  customers = 1u << 1,
  admins = 1u << 2,
};

struct Context {
  App& app;
  ServiceDesk&
      desk;      // the request's desk, in the token's scope, reporting to the server's notifier
  Store& store;  // API tokens only; tickets, work and reports go through `desk`
  const Request& request;
  const ApiToken& who;  // an empty agent token for routes open to anyone
  Instant now;
  std::map<std::string, std::string, std::less<>> params;  // from the path, e.g. "ref"
  std::map<std::string, std::string, std::less<>> query;   // decoded query parameters

  // The body as a JSON object; parse_error naming the offset for anything else.
  Result<boost::json::object> body() const;
  // The ticket reference of the path; not_found (as for a missing ticket) when it is none.
  Result<TicketRef> ref() const;
  // A query parameter, or nullptr.
  const std::string* query_value(std::string_view key) const;
  // The ticket as JSON, its tier named by its contract.
  boost::json::object ticket_json(const Ticket& t) const;
  Actor actor() const { return {who.name, now}; }
  bool is_customer() const { return desk.scope().is_customer(); }
};

using Handler = Reply (*)(Context&);

struct Route {
  http::verb method;
  std::string_view pattern;  // "/tickets/{ref}/status": {name} matches one segment
  Handler handler;
  unsigned access;
};

// The route tables of each resource (tickets_api.cpp, intake_api.cpp, desk_api.cpp,
// admin_api.cpp, work_api.cpp, statement_api.cpp).
std::vector<Route> ticket_routes();
std::vector<Route> intake_routes();
std::vector<Route> desk_routes();
std::vector<Route> admin_routes();
std::vector<Route> work_routes();
std::vector<Route> statement_routes();

// Query parameter checks shared by handlers: Errc::unknown_field for a name outside `allowed`.
Result<void> only_query(const Context& c, std::initializer_list<std::string_view> allowed);

// The answer to a request that changed a ticket: the ticket (the SLA watcher re-arms).
Reply changed(Context& c, const Result<Ticket>& t);

}  // namespace tierdesk::server
