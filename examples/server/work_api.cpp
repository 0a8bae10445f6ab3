// Work entries and fees: POST /tickets/{ref}/work, POST /tickets/{ref}/fees,
// POST /tickets/{ref}/reversals (a correction), GET /work, GET /fees.
#include <fmt/format.h>

#include "app.hpp"
#include "host_json.hpp"
#include "request_fields.hpp"

namespace tierdesk::server {
namespace {

// {"minutes": N, "start"?: ISO, "kind"?: remote|on_site|travel|phone,
//  "role"?: support|project|senior, "agent"?: name (default: the token's), "note"?: text}
Reply log_work(Context& c) {
  TRY_FIELD(ref, c.ref());
  TRY_FIELD(body, c.body());
  if (auto ok = host::only_fields(*body, {"minutes", "start", "kind", "role", "agent", "note"});
      !ok)
    return error_reply(ok.error());
  TRY_FIELD(minutes, host::int_field(*body, "minutes"));
  TRY_FIELD(duration, work_minutes(*minutes));
  WorkEntry entry;
  entry.duration = *duration;
  if (body->contains("start")) {
    TRY_FIELD(start, host::instant_field(*body, "start"));
    entry.start = *start;
  }
  TRY_FIELD(kind, optional_string(*body, "kind", "remote"));
  TRY_FIELD(work_kind, parse_work_kind(*kind));
  entry.kind = *work_kind;
  TRY_FIELD(role, optional_string(*body, "role", "support"));
  TRY_FIELD(work_role, parse_role(*role));
  entry.role = *work_role;
  TRY_FIELD(agent, optional_string(*body, "agent", c.who.name));
  entry.agent = *agent;
  TRY_FIELD(note, optional_string(*body, "note"));
  entry.note = *note;
  TRY_FIELD(stored, c.desk.log_work(*ref, entry, c.actor()));
  c.app.tickets_changed();
  Reply r;
  r.status = http::status::created;
  r.body = host::work_json(*stored);
  return r;
}

// {"code": "on_call_non_critical"}: a flat fee of the contract, charged now.
Reply charge_fee(Context& c) {
  TRY_FIELD(ref, c.ref());
  TRY_FIELD(body, c.body());
  if (auto ok = host::only_fields(*body, {"code"}); !ok) return error_reply(ok.error());
  TRY_FIELD(code, host::string_field(*body, "code"));
  TRY_FIELD(stored, c.desk.charge_fee(*ref, std::string(*code), c.actor()));
  c.app.tickets_changed();
  Reply r;
  r.status = http::status::created;
  r.body = host::fee_json(*stored);
  return r;
}

// {"entry": the seq of the work_logged or fee_charged event, "reason"}: the entry no longer
// bills; the statement of its month lists it as reversed.
Reply reverse_entry(Context& c) {
  TRY_FIELD(ref, c.ref());
  TRY_FIELD(body, c.body());
  if (auto ok = host::only_fields(*body, {"entry", "reason"}); !ok) return error_reply(ok.error());
  TRY_FIELD(entry, host::int_field(*body, "entry"));
  TRY_FIELD(reason, host::string_field(*body, "reason"));
  TRY_FIELD(t, c.desk.reverse_entry(*ref, *entry, std::string(*reason), c.actor()));
  c.app.tickets_changed();
  Reply r;
  r.status = http::status::created;
  r.body = {{"ref", ref->str()},
            {"entry", *entry},
            {"reversed", host::reversal_json({c.now, c.who.name, std::string(*reason)})}};
  return r;
}

// ?customer=&contract=&ref=&from=ISO&to=ISO (from and to together: started in [from, to)).
Result<WorkFilter> work_filter(const Context& c) {
  if (auto ok = only_query(c, {"customer", "contract", "ref", "from", "to"}); !ok)
    return fail(ok.error());
  WorkFilter f;
  auto get = [&](std::string_view key) { return c.query_value(key); };
  if (const auto* v = get("customer")) f.customer = *v;
  if (const auto* v = get("contract")) f.contract = *v;
  if (const auto* v = get("ref")) {
    auto ref = TicketRef::parse(*v);
    if (!ref) return fail(ref.error().within("ref"));
    f.ref = *ref;
  }
  const auto* from = get("from");
  const auto* to = get("to");
  if ((from == nullptr) != (to == nullptr))
    return fail(Errc::missing_field,
                fmt::format("{}: missing; from and to go together", from ? "to" : "from"));
  if (from != nullptr) {
    auto a = parse_iso8601(*from);
    if (!a) return fail(a.error().within("from"));
    auto b = parse_iso8601(*to);
    if (!b) return fail(b.error().within("to"));
    if (*b < *a) return fail(Error::invalid(Errc::invalid_interval, "to", *to, "not before from"));
    f.started = Segment<Instant>{*a, *b};
  }
  return f;
}

Reply list_work(Context& c) {
  TRY_FIELD(f, work_filter(c));
  TRY_FIELD(found, c.desk.work(*f));
  boost::json::array out;
  for (const auto& e : *found) out.push_back(host::work_json(e));
  Reply r;
  r.body = {{"work", std::move(out)}};
  return r;
}

Reply list_fees(Context& c) {
  TRY_FIELD(f, work_filter(c));
  TRY_FIELD(found, c.desk.fees(*f));
  boost::json::array out;
  for (const auto& fee : *found) out.push_back(host::fee_json(fee));
  Reply r;
  r.body = {{"fees", std::move(out)}};
  return r;
}

}  // namespace

std::vector<Route> work_routes() {
  using enum http::verb;
  return {
      {post, "/tickets/{ref}/work", log_work, agents},
      {post, "/tickets/{ref}/fees", charge_fee, agents},
      {post, "/tickets/{ref}/reversals", reverse_entry, agents},
      {get, "/work", list_work, agents},
      {get, "/fees", list_fees, agents},
  };
}

}  // namespace tierdesk::server
