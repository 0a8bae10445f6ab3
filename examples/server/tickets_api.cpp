// /tickets: open, list, show, status, priority, escalate, reply, history.
#include <charconv>
#include <cstdint>

#include <fmt/format.h>

#include "app.hpp"
#include "contract_open.hpp"
#include "host_json.hpp"
#include "request_fields.hpp"

namespace tierdesk::server {
namespace {

Error no_such_ticket(std::string_view ref) {
  return Error(Errc::not_found, fmt::format("ticket {}: not found", ref));
}

// The ticket named in the path, if the caller may see it. A customer asking for another
// customer's ticket learns nothing, not even that it exists: the same 404 as a missing one.
Result<Ticket> visible_ticket(Context& c) {
  const auto& text = c.params.at("ref");
  auto ref = TicketRef::parse(text);
  if (!ref) return fail(no_such_ticket(text));
  auto t = c.store.ticket(*ref);
  if (!t) return t;
  if (c.is_customer() && t->customer != c.who.customer) return fail(no_such_ticket(text));
  return t;
}

Reply ticket_reply(Context& c, const Ticket& t, http::status status = http::status::ok) {
  Reply r;
  r.status = status;
  r.body = host::ticket_json(t, c.app.config().tiers);
  return r;
}

// The answer to an operation that changed a ticket.
Reply changed(Context& c, const Result<Ticket>& t, http::status status = http::status::ok) {
  if (!t) return error_reply(t.error());
  c.app.tickets_changed();
  return ticket_reply(c, *t, status);
}

Reply open_ticket(Context& c) {
  TRY_FIELD(body, c.body());
  if (auto ok = host::only_fields(*body, {"customer", "contract", "subject", "channel", "category",
                                          "priority", "tier", "assignee", "external_id", "body"});
      !ok)
    return error_reply(ok.error());
  TRY_FIELD(customer, optional_string(*body, "customer", c.who.customer));
  if (c.is_customer() && *customer != c.who.customer)
    return error_reply(Error::invalid(Errc::forbidden, "customer", *customer,
                                      fmt::format("\"{}\", the customer of this token", c.who.customer)));
  if (customer->empty()) return error_reply(Error(Errc::missing_field, "customer: missing"));
  TRY_FIELD(contract, host::string_field(*body, "contract"));
  TRY_FIELD(subject, host::string_field(*body, "subject"));
  TRY_FIELD(channel_text, optional_string(*body, "channel", c.is_customer() ? "portal" : "email"));
  TRY_FIELD(channel, parse_channel(*channel_text));
  TRY_FIELD(category, optional_string(*body, "category"));
  TRY_FIELD(priority, optional_string(*body, "priority"));
  TRY_FIELD(tier, optional_int(*body, "tier", min_tier));
  TRY_FIELD(assignee, optional_string(*body, "assignee"));
  TRY_FIELD(external_id, optional_string(*body, "external_id"));
  TRY_FIELD(text, optional_string(*body, "body"));
  if (c.is_customer() && (body->contains("tier") || body->contains("assignee")))
    return error_reply(Error(Errc::forbidden, "tier, assignee: set by the desk, not by a customer"));
  OpenRequest request{.customer = *customer,
                      .contract = std::string(*contract),
                      .channel = *channel,
                      .category = *category,
                      .priority = *priority,
                      .tier = *tier,
                      .assignee = *assignee,
                      .subject = std::string(*subject),
                      .external_id = *external_id,
                      .body = *text,
                      .by = c.actor()};
  // Under a contract of --contracts: its defaults; its prefix and SLA policy (unless --policy)
  // come with c.desk(contract).
  const auto& contracts = c.app.config().contracts;
  if (auto found = find_contract(contracts, request.contract); found) {
    auto ok = host::apply_contract_defaults(**found, request, body->contains("tier"), "category");
    if (!ok) return error_reply(ok.error());
  }
  if (request.priority.empty()) request.priority = "normal";
  auto desk = c.desk(request.contract);
  auto t = desk.open(request);
  if (!t) return error_reply(t.error());
  c.app.tickets_changed();
  Reply r;
  r.status = http::status::created;
  r.body = host::ticket_json(*t, desk.config().tiers);
  r.headers.emplace_back("Location", "/tickets/" + t->ref.str());
  return r;
}

Reply list_tickets(Context& c) {
  if (auto ok = only_query(c, {"customer", "contract", "status", "tier", "assignee", "open", "limit"}); !ok)
    return error_reply(ok.error());
  TicketFilter f;
  auto get = [&](std::string_view key) -> const std::string* {
    auto it = c.query.find(key);
    return it == c.query.end() ? nullptr : &it->second;
  };
  auto number = [&](std::string_view key, const std::string& text) -> Result<long long> {
    long long n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || n < 0)
      return fail(Error::invalid(Errc::invalid_argument, key, text, "a whole number"));
    return n;
  };
  if (const auto* v = get("customer")) f.customer = *v;
  if (c.is_customer()) {
    if (f.customer && *f.customer != c.who.customer) return error_reply(no_such_ticket("*"));
    f.customer = c.who.customer;
  }
  if (const auto* v = get("contract")) f.contract = *v;
  if (const auto* v = get("assignee")) f.assignee = *v;
  if (const auto* v = get("status")) {
    TRY_FIELD(s, parse_status(*v));
    f.status = *s;
  }
  if (const auto* v = get("tier")) {
    TRY_FIELD(n, number("tier", *v));
    f.tier = static_cast<int>(*n);
  }
  if (const auto* v = get("open")) {
    if (*v != "true" && *v != "false")
      return error_reply(Error::invalid(Errc::invalid_argument, "open", *v, "true or false"));
    f.open_only = *v == "true";
  }
  if (const auto* v = get("limit")) {
    TRY_FIELD(n, number("limit", *v));
    f.limit = static_cast<std::size_t>(*n);
  }
  TRY_FIELD(found, c.store.tickets(f));
  boost::json::array out;
  for (const auto& t : *found) out.push_back(host::ticket_json(t, c.app.config().tiers));
  Reply r;
  r.body = {{"tickets", std::move(out)}};
  return r;
}

Reply show_ticket(Context& c) {
  TRY_FIELD(t, visible_ticket(c));
  TRY_FIELD(clocks, c.store.clocks(t->ref));
  auto r = ticket_reply(c, *t);
  boost::json::array cs;
  for (const auto& clock : *clocks) cs.push_back(host::clock_json(clock));
  r.body.as_object()["clocks"] = std::move(cs);
  return r;
}

Reply set_status(Context& c) {
  TRY_FIELD(t, visible_ticket(c));
  TRY_FIELD(body, c.body());
  if (auto ok = host::only_fields(*body, {"status"}); !ok) return error_reply(ok.error());
  TRY_FIELD(text, host::string_field(*body, "status"));
  TRY_FIELD(to, parse_status(*text));
  return changed(c, c.desk(t->contract).set_status(t->ref, *to, c.actor()));
}

Reply set_priority(Context& c) {
  TRY_FIELD(t, visible_ticket(c));
  TRY_FIELD(body, c.body());
  if (auto ok = host::only_fields(*body, {"priority"}); !ok) return error_reply(ok.error());
  TRY_FIELD(priority, host::string_field(*body, "priority"));
  return changed(c, c.desk(t->contract).set_priority(t->ref, std::string(*priority), c.actor()));
}

Reply escalate(Context& c) {
  TRY_FIELD(t, visible_ticket(c));
  TRY_FIELD(body, c.body());
  if (auto ok = host::only_fields(*body, {"tier", "reason"}); !ok) return error_reply(ok.error());
  TRY_FIELD(tier, host::int_field(*body, "tier"));
  TRY_FIELD(reason, host::string_field(*body, "reason"));
  if (*tier < INT32_MIN || *tier > INT32_MAX)
    return error_reply(Error::invalid(Errc::invalid_argument, "tier", std::to_string(*tier), "1, 2 or 3"));
  return changed(c, c.desk(t->contract).escalate(t->ref, static_cast<int>(*tier), std::string(*reason), c.actor()));
}

Reply reply(Context& c) {
  TRY_FIELD(t, visible_ticket(c));
  TRY_FIELD(body, c.body());
  if (auto ok = host::only_fields(*body, {"kind", "body"}); !ok) return error_reply(ok.error());
  TRY_FIELD(kind, optional_string(*body, "kind", c.is_customer() ? "customer" : ""));
  TRY_FIELD(text, host::string_field(*body, "body"));
  ReplyKind k{};
  if (*kind == "public") {
    k = ReplyKind::agent_public;
  } else if (*kind == "internal") {
    k = ReplyKind::agent_internal;
  } else if (*kind == "customer") {
    k = ReplyKind::customer;
  } else {
    return error_reply(kind->empty() && !body->contains("kind")
                           ? Error(Errc::missing_field, "kind: missing")
                           : Error::invalid(Errc::invalid_argument, "kind", *kind, "public, internal or customer"));
  }
  if (c.is_customer() && k != ReplyKind::customer)
    return error_reply(Error::invalid(Errc::forbidden, "kind", *kind, "customer"));
  return changed(c, c.desk(t->contract).reply(t->ref, k, std::string(*text), c.actor()));
}

Reply history(Context& c) {
  TRY_FIELD(t, visible_ticket(c));
  TRY_FIELD(events, c.store.history(t->ref));
  boost::json::array out;
  for (const auto& e : *events) out.push_back(host::event_json(e));
  Reply r;
  r.body = {{"ref", t->ref.str()}, {"events", std::move(out)}};
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
      {post, "/tickets/{ref}/escalate", escalate, agents},
      {post, "/tickets/{ref}/reply", reply, agents | customers},
      {get, "/tickets/{ref}/history", history, agents},
  };
}

}  // namespace tierdesk::server
