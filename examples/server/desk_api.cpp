// Views across tickets and the desk's tools: /due, /overview, /calendar/eval, /events, plus
// /openapi.json and /health.
#include <charconv>

#include <fmt/format.h>

#include "app.hpp"
#include "calendar_eval.hpp"
#include "host_json.hpp"
#include "json_fields.hpp"
#include "tierdesk/calendar/calendar_json.hpp"
#include "tierdesk/sla/sla_json.hpp"

namespace tierdesk::server {
namespace {

Reply due(Context& c) {
  if (auto ok = only_query(c, {"within", "warnings", "limit"}); !ok) return error_reply(ok.error());
  const auto* within_text = c.query_value("within");
  if (within_text == nullptr) return error_reply(Error(Errc::missing_field, "within: missing, e.g. ?within=2h"));
  auto within = parse_duration(*within_text);
  if (!within) return error_reply(within.error().within("within"));
  bool warnings = false;
  if (const auto* w = c.query_value("warnings")) {
    if (*w != "true" && *w != "false")
      return error_reply(Error::invalid(Errc::invalid_argument, "warnings", *w, "true or false"));
    warnings = *w == "true";
  }
  std::size_t limit = 1000;
  if (const auto* l = c.query_value("limit")) {
    TRY_FIELD(n, host::whole_number("limit", *l, 1, host::max_list_limit));
    limit = static_cast<std::size_t>(*n);
  }
  TRY_FIELD(alarms, c.desk.due({c.now, c.now + *within},
                                warnings ? AlarmFilter::due_and_warnings : AlarmFilter::due_only, limit));
  boost::json::array out;
  for (const auto& a : *alarms) out.push_back(host::alarm_json(a));
  Reply r;
  r.body = {{"from", format_utc(c.now)}, {"to", format_utc(c.now + *within)}, {"alarms", std::move(out)}};
  return r;
}

// ?customer= (a customer token: its own by default) &open=true|false
Reply overview(Context& c) {
  if (auto ok = only_query(c, {"customer", "open"}); !ok) return error_reply(ok.error());
  const auto* q = c.query_value("customer");
  const std::string customer = q != nullptr ? *q : c.desk.scope().customer;
  if (customer.empty()) return error_reply(Error(Errc::missing_field, "customer: missing, e.g. ?customer=nordlys"));
  bool open_only = false;
  if (const auto* open = c.query_value("open")) {
    if (*open != "true" && *open != "false")
      return error_reply(Error::invalid(Errc::invalid_argument, "open", *open, "true or false"));
    open_only = *open == "true";
  }
  return json_text_reply(c.desk.overview(customer, open_only, c.now));
}

// {"calendar": {a calendar object, docs/formats.md}, "requests": [{"op": …}, …]}
//   → {"answers": [{"result": …} | {"error": {…}}, …]}
Reply calendar_eval(Context& c) {
  TRY_FIELD(body, c.body());
  if (auto ok = host::only_fields(*body, {"calendar", "requests"}); !ok) return error_reply(ok.error());
  const auto* spec = body->if_contains("calendar");
  if (spec == nullptr) return error_reply(Error(Errc::missing_field, "calendar: missing"));
  if (!spec->is_object())
    return error_reply(Error::invalid(Errc::invalid_argument, "calendar", host::shown(*spec), "a calendar object"));
  auto cal = load_calendar(boost::json::serialize(*spec));
  if (!cal) return error_reply(cal.error().within("calendar"));
  const auto* requests = body->if_contains("requests");
  if (requests == nullptr) return error_reply(Error(Errc::missing_field, "requests: missing"));
  if (!requests->is_array())
    return error_reply(Error::invalid(Errc::invalid_argument, "requests", host::shown(*requests), "an array"));
  boost::json::array answers;
  host::Evaluation evaluation(*cal);  // one budget for the whole body
  for (std::size_t i = 0; i < requests->as_array().size(); ++i) {
    const auto& req = requests->as_array()[i];
    const auto at = fmt::format("requests[{}]", i);
    if (!req.is_object()) {
      answers.push_back(host::error_json(Error::invalid(Errc::invalid_argument, at, host::shown(req), "an object")));
      continue;
    }
    auto answer = host::evaluate(evaluation, req.as_object());
    answers.push_back(answer ? *answer : host::error_json(answer.error().within(at)));
  }
  Reply r;
  r.body = {{"answers", std::move(answers)}};
  return r;
}

// The stream carries every notice for staff, a customer's own for a customer token.
Reply events(Context& c) {
  if (auto ok = only_query(c, {}); !ok) return error_reply(ok.error());
  Reply r;
  r.event_stream = true;
  r.stream_customer = c.desk.scope().customer;
  return r;
}

Reply openapi(Context& c) {
  Reply r;
  r.text = c.app.config().openapi;
  return r;
}

Reply health(Context& c) {
  Reply r;
  r.body = {{"status", "ok"}, {"now", format_utc(c.now)}};
  return r;
}

}  // namespace

std::vector<Route> desk_routes() {
  using enum http::verb;
  return {
      {get, "/due", due, agents},
      {get, "/overview", overview, agents | customers},
      {post, "/calendar/eval", calendar_eval, agents | customers | admins},
      {get, "/events", events, agents | customers},
      {get, "/openapi.json", openapi, anyone},
      {get, "/health", health, anyone},
  };
}

}  // namespace tierdesk::server
