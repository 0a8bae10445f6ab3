// /tokens: API tokens for the admin role. The secret is in the answer to POST once; the store
// keeps its digest only. A customer token names a customer of the contracts.
#include <charconv>

#include <fmt/format.h>

#include "app.hpp"
#include "host_json.hpp"
#include "request_fields.hpp"

namespace tierdesk::server {
namespace {

Reply create_token(Context& c) {
  auto body = c.body();
  if (!body) return error_reply(body.error());
  if (auto ok = host::only_fields(*body, {"name", "role", "customer"}); !ok)
    return error_reply(ok.error());
  auto name = host::string_field(*body, "name");
  if (!name) return error_reply(name.error());
  auto role_text = host::string_field(*body, "role");
  if (!role_text) return error_reply(role_text.error());
  auto role = parse_access_role(*role_text);
  if (!role) return error_reply(role.error());
  auto customer = optional_string(*body, "customer");
  if (!customer) return error_reply(customer.error());
  // A customer token acts for a customer of the contracts, never for a name nobody bills.
  if (!customer->empty())
    if (auto known = c.desk.book().customer(*customer); !known) return error_reply(known.error());
  auto issued = issue_token(c.store, {.name = std::string(*name),
                                      .role = *role,
                                      .customer = *customer,
                                      .created_at = c.now});
  if (!issued) return error_reply(issued.error());
  Reply r;
  r.status = http::status::created;
  auto out = host::token_json(issued->token);
  out["token"] = issued->secret;
  r.body = std::move(out);
  return r;
}

Reply list_tokens(Context& c) {
  auto all = c.store.tokens();
  if (!all) return error_reply(all.error());
  boost::json::array out;
  for (const auto& t : *all) out.push_back(host::token_json(t));
  Reply r;
  r.body = {{"tokens", std::move(out)}};
  return r;
}

Reply revoke_token(Context& c) {
  const auto& text = c.params.at("id");
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size())
    return error_reply(Error(Errc::not_found, fmt::format("api_token {}: not found", text)));
  if (auto ok = c.store.revoke_token(id); !ok) return error_reply(ok.error());
  c.app.tokens().forget();  // refused from the next request on, not after the cache's ttl
  Reply r;
  r.body = {{"id", id}, {"revoked", true}};
  return r;
}

}  // namespace

std::vector<Route> admin_routes() {
  using enum http::verb;
  return {
      {post, "/tokens", create_token, admins},
      {get, "/tokens", list_tokens, admins},
      {delete_, "/tokens/{id}", revoke_token, admins},
  };
}

}  // namespace tierdesk::server
