// /tickets: open, list, show, and the changes agents make (status, priority, category,
// assignee, escalation, emergency), replies, history.
#include <charconv>
#include <cstdint>

#include <fmt/format.h>

#include "app.hpp"
#include "host_json.hpp"
#include "request_fields.hpp"

namespace tierdesk::server {
namespace {

// {"customer"?, "contract"?, "subject", "channel"?, "category"?, "priority"?, "tier"?,
//  "assignee"?, "external_id"?, "body"?, "urgent"?}. 201 with Location when it opened a
// ticket, 200 with the existing one when the external id named it.
Reply open_ticket(Context& c) {
  TRY_FIELD(body, c.body());
  if (auto ok = host::only_fields(
          *body, {"customer", "contract", "subject", "channel", "category", "priority", "tier",
                  "assignee", "external_id", "body", "urgent"});
      !ok)
    return error_reply(ok.error());
  TRY_FIELD(customer, optional_string(*body, "customer"));
  TRY_FIELD(contract, optional_string(*body, "contract"));
  TRY_FIELD(subject, host::string_field(*body, "subject"));
  // A customer token comes through the customer portal.
  TRY_FIELD(channel_text, optional_string(*body, "channel", c.is_customer() ? "portal" : "email"));
  TRY_FIELD(channel, parse_channel(*channel_text));
  TRY_FIELD(category, optional_string(*body, "category"));
  TRY_FIELD(priority, optional_string(*body, "priority"));
  TRY_FIELD(assignee, optional_string(*body, "assignee"));
  TRY_FIELD(external_id, optional_string(*body, "external_id"));
  TRY_FIELD(text, optional_string(*body, "body"));
  TRY_FIELD(urgent, optional_bool(*body, "urgent"));
  TicketRequest request{.customer = *customer,
                        .contract = *contract,
                        .channel = *channel,
                        .category = *category,
                        .priority = *priority,
                        .assignee = *assignee,
                        .subject = std::string(*subject),
                        .body = *text,
                        .external_id = *external_id,
                        .urgent = *urgent,
                        .by = c.actor()};
  if (body->contains("tier")) {
    TRY_FIELD(tier, optional_int(*body, "tier", min_tier));
    request.tier = *tier;
  }
  TRY_FIELD(opened, c.desk.open(request));
  Reply r;
  r.body = c.ticket_json(opened->ticket);
  if (opened->created) {
    c.app.tickets_changed();
    r.status = http::status::created;
    r.headers.emplace_back("Location", "/tickets/" + opened->ticket.ref.str());
  }
  return r;
}

Reply list_tickets(Context& c) {
  if (auto ok =
          only_query(c, {"customer", "contract", "status", "tier", "assignee", "open", "limit"});
      !ok)
    return error_reply(ok.error());
  TicketFilter f;
  if (const auto* v = c.query_value("customer")) f.customer = *v;
  if (const auto* v = c.query_value("contract")) f.contract = *v;
  if (const auto* v = c.query_value("assignee")) f.assignee = *v;
  if (const auto* v = c.query_value("status")) {
    TRY_FIELD(s, parse_status(*v));
    f.status = *s;
  }
  if (const auto* v = c.query_value("tier")) {
    TRY_FIELD(n, host::whole_number("tier", *v, 1, 3));
    f.tier = static_cast<int>(*n);
  }
  if (const auto* v = c.query_value("open")) {
    if (*v != "true" && *v != "false")
      return error_reply(Error::invalid(Errc::invalid_argument, "open", *v, "true or false"));
    f.open_only = *v == "true";
  }
  if (const auto* v = c.query_value("limit")) {
    TRY_FIELD(n, host::whole_number("limit", *v, 1, host::max_list_limit));
    f.limit = static_cast<std::size_t>(*n);
  }
  TRY_FIELD(found, c.desk.tickets(f));
  boost::json::array out;
  for (const auto& t : *found) out.push_back(c.ticket_json(t));
  Reply r;
  r.body = {{"tickets", std::move(out)}};
  return r;
}

Reply show_ticket(Context& c) {
  TRY_FIELD(ref, c.ref());
  TRY_FIELD(shown, c.desk.show(*ref));
  Reply r;
  auto out = c.ticket_json(shown->ticket);
  boost::json::array cs;
  for (const auto& clock : shown->clocks) cs.push_back(host::clock_json(clock));
  out["clocks"] = std::move(cs);
  r.body = std::move(out);
  return r;
}

// The body of a change: exactly the fields `allowed`.
Result<boost::json::object> change_body(const Context& c,
                                        std::initializer_list<std::string_view> allowed) {
  auto body = c.body();
  if (!body) return body;
  if (auto ok = host::only_fields(*body, allowed); !ok) return fail(ok.error());
  return body;
}

Reply set_status(Context& c) {
  TRY_FIELD(ref, c.ref());
  TRY_FIELD(body, change_body(c, {"status"}));
  TRY_FIELD(text, host::string_field(*body, "status"));
  TRY_FIELD(to, parse_status(*text));
  return changed(c, c.desk.set_status(*ref, *to, c.actor()));
}

Reply set_priority(Context& c) {
  TRY_FIELD(ref, c.ref());
  TRY_FIELD(body, change_body(c, {"priority"}));
  TRY_FIELD(priority, host::string_field(*body, "priority"));
  return changed(c, c.desk.set_priority(*ref, std::string(*priority), c.actor()));
}

Reply set_category(Context& c) {
  TRY_FIELD(ref, c.ref());
  TRY_FIELD(body, change_body(c, {"category"}));
  TRY_FIELD(category, host::string_field(*body, "category"));
  return changed(c, c.desk.set_category(*ref, std::string(*category), c.actor()));
}

Reply assign(Context& c) {
  TRY_FIELD(ref, c.ref());
  TRY_FIELD(body, change_body(c, {"assignee"}));
  TRY_FIELD(assignee, host::string_field(*body, "assignee"));
  return changed(c, c.desk.assign(*ref, std::string(*assignee), c.actor()));
}

Reply escalate(Context& c) {
  TRY_FIELD(ref, c.ref());
  TRY_FIELD(body, change_body(c, {"tier", "reason"}));
  if (!body->contains("tier")) return error_reply(Error(Errc::missing_field, "tier: missing"));
  TRY_FIELD(tier, optional_int(*body, "tier", 0));
  TRY_FIELD(reason, host::string_field(*body, "reason"));
  return changed(c, c.desk.escalate(*ref, *tier, std::string(*reason), c.actor()));
}

Reply mark_emergency(Context& c) {
  TRY_FIELD(ref, c.ref());
  TRY_FIELD(body, change_body(c, {"reason"}));
  TRY_FIELD(reason, host::string_field(*body, "reason"));
  return changed(c, c.desk.mark_emergency(*ref, std::string(*reason), c.actor()));
}

// {"kind": "public"|"internal"|"customer" (a customer token: customer, the default), "body"}
Reply reply(Context& c) {
  TRY_FIELD(ref, c.ref());
  TRY_FIELD(body, change_body(c, {"kind", "body"}));
  if (!body->contains("kind") && !c.is_customer())
    return error_reply(Error(Errc::missing_field, "kind: missing"));
  TRY_FIELD(kind_text, optional_string(*body, "kind", "customer"));
  TRY_FIELD(kind, parse_reply_kind(*kind_text));
  TRY_FIELD(text, host::string_field(*body, "body"));
  return changed(c, c.desk.reply(*ref, *kind, std::string(*text), c.actor()));
}

Reply history(Context& c) {
  TRY_FIELD(ref, c.ref());
  TRY_FIELD(events, c.desk.history(*ref));
  boost::json::array out;
  for (const auto& e : *events) out.push_back(host::event_json(e));
  Reply r;
  r.body = {{"ref", ref->str()}, {"events", std::move(out)}};
  return r;
}

}  // namespace

std::vector<Route> ticket_routes() {
  using enum http::verb;
  return {
      {post, "/tickets", open_ticket, agents | customers},
      {get, "/tickets", list_tickets, agents | customers},
      {get, "/tickets/{ref}", show_ticket, agents | customers},
      {post, "/tickets/{ref}/status", set_status, agents},
      {post, "/tickets/{ref}/priority", set_priority, agents},
      {post, "/tickets/{ref}/category", set_category, agents},
      {post, "/tickets/{ref}/assign", assign, agents},
      {post, "/tickets/{ref}/escalate", escalate, agents},
      {post, "/tickets/{ref}/emergency", mark_emergency, agents},
      {post, "/tickets/{ref}/reply", reply, agents | customers},
      {get, "/tickets/{ref}/history", history, agents},
  };
}

}  // namespace tierdesk::server
