#include "api.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "app.hpp"
#include "host_json.hpp"
#include "json_fields.hpp"
#include "tierdesk/base/json_check.hpp"

namespace tierdesk::server {

http::status status_for(Errc code) noexcept {
  switch (code) {
    case Errc::parse_error:
    case Errc::unknown_field:
    case Errc::missing_field: return http::status::bad_request;
    case Errc::not_found: return http::status::not_found;
    case Errc::conflict:
    case Errc::invalid_transition: return http::status::conflict;
    case Errc::unauthorized: return http::status::unauthorized;
    case Errc::forbidden: return http::status::forbidden;
    case Errc::storage_error:
    case Errc::io_error: return http::status::internal_server_error;
    default: return http::status::unprocessable_entity;
  }
}

Reply error_reply(http::status status, std::string_view code, std::string_view message) {
  Reply r;
  r.status = status;
  r.body = {{"error", {{"code", code}, {"message", message}}}};
  return r;
}

Reply error_reply(const Error& error) {
  Reply r;
  r.status = status_for(error.code());
  r.body = host::error_json(error);
  return r;
}

Result<boost::json::object> Context::body() const {
  boost::system::error_code ec;
  boost::json::stream_parser parser;
  const auto& text = request.body();
  const std::size_t used = parser.write(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec)
    return fail(Errc::parse_error,
                fmt::format("body: not JSON at byte {} ({})", used, ec.message()));
  auto value = parser.release();
  if (auto unique = check_unique_keys(text); !unique) return fail(unique.error().within("body"));
  if (!value.is_object())
    return fail(Error::invalid(Errc::parse_error, "body", host::shown(value), "a JSON object"));
  return std::move(value.as_object());
}

Result<TicketRef> Context::ref() const {
  const auto& text = params.at("ref");
  // What every host says of a malformed reference: invalid_argument naming it (400).
  return TicketRef::parse(text);
}

const std::string* Context::query_value(std::string_view key) const {
  auto it = query.find(key);
  return it == query.end() ? nullptr : &it->second;
}

boost::json::object Context::ticket_json(const Ticket& t) const {
  auto k = desk.contract_of(t);
  return host::ticket_json(t, k ? (*k)->tiers : TierNames{});
}

Reply changed(Context& c, const Result<Ticket>& t) {
  if (!t) return error_reply(t.error());
  c.app.tickets_changed();
  Reply r;
  r.body = c.ticket_json(*t);
  return r;
}

Result<void> only_query(const Context& c, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : c.query) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      return fail(Errc::unknown_field, fmt::format("query parameter {}: unknown", echo(key)));
  }
  return {};
}

}  // namespace tierdesk::server
