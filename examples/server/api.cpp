#include "api.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "app.hpp"
#include "json_fields.hpp"
#include "tierdesk/ticket_clocks.hpp"

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
    return fail(Errc::parse_error, fmt::format("body: not JSON at byte {} ({})", used, ec.message()));
  auto value = parser.release();
  if (!value.is_object())
    return fail(Error::invalid(Errc::parse_error, "body", host::shown(value), "a JSON object"));
  return std::move(value.as_object());
}

Desk Context::desk(std::string_view contract) const {
  const auto& config = app.config();
  DeskConfig d{.prefix = config.prefix, .tiers = config.tiers, .clocks = config.clocks};
  if (auto found = find_contract(config.contracts, contract); found && !contract.empty()) {
    const Contract& k = **found;
    if (!k.prefix.empty()) d.prefix = k.prefix;
    d.tiers = k.tiers;
    d.zone = k.billing.zone;
    if (!d.clocks && k.sla) d.clocks = sla_clock_function(*k.sla, k.tiers);
  }
  return Desk(store, d);
}

Result<void> only_query(const Context& c, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : c.query) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      return fail(Errc::unknown_field, fmt::format("query parameter {}: unknown", key));
  }
  return {};
}

}  // namespace tierdesk::server
